package tier_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The packages .ci/run fuzzes (and this one, which they all read) must not link the
// Pulumi SDK: a fuzz run instruments and recompiles every dependency, and the SDK
// alone takes minutes to compile that way.
func TestFuzzedPackagesLinkNoPulumi(t *testing.T) {
	pkgs := []string{
		"github.com/gameplatform/platform/internal/model/tier",
		"github.com/gameplatform/platform/internal/model/spec",
		"github.com/gameplatform/platform/internal/model/capacity",
		"github.com/gameplatform/platform/internal/offline/requests",
	}
	for _, pkg := range pkgs {
		out, err := exec.Command("go", "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.Contains(dep, "pulumi") {
				t.Errorf("%s links %s; it must stay free of the Pulumi SDK (its fuzz target would recompile the SDK)", pkg, dep)
			}
		}
	}
}
