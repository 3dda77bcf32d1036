package packtest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// TestBootAndAnalyze boots the real pack with no stack config (each resource is then
// judged in the tier of its tier tag, at prod's levels) and sends it a storage
// account from the prod plan, as it is and with TLS 1.0: only the second is a
// mandatory storage-min-tls violation. Pack.Verdicts gives the same verdicts and
// judges a resource whose inputs changed afresh.
func TestBootAndAnalyze(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and boots the policy pack")
	}
	data, err := os.ReadFile("../../rules/testdata/resources.json")
	if err != nil {
		t.Fatal(err)
	}
	var fixtures []plan.Resource
	if err := json.Unmarshal(data, &fixtures); err != nil {
		t.Fatal(err)
	}
	var good plan.Resource
	for _, r := range fixtures {
		if r.Type == rules.TypeStorageAccount {
			good = r
			break
		}
	}
	if good.URN == "" {
		t.Fatal("no storage account in the fixtures")
	}
	bad := good
	bad.URN += "-tls10"
	bad.Name += "-tls10"
	bad.Inputs = map[string]any{}
	for k, v := range good.Inputs {
		bad.Inputs[k] = v
	}
	bad.Inputs["minimumTlsVersion"] = "TLS1_0"

	p := Boot(t, BuildPack(t), "../..", plugin.PolicyAnalyzerOptions{Project: spec.Namespace, Stack: "prod", DryRun: true})
	if len(p.Runs) != 1 || p.Runs[0].Kind != "analyzer" {
		t.Fatalf("pack runs = %+v", p.Runs)
	}
	var tls []Verdict
	for _, v := range Analyze(t, p, []plan.Resource{good, bad}) {
		if v.Policy == "storage-min-tls" {
			tls = append(tls, v)
		}
	}
	if len(tls) != 1 || tls[0].URN != bad.URN || tls[0].Level != string(rules.Mandatory) || !strings.Contains(tls[0].Message, "TLS1_0") {
		t.Errorf("storage-min-tls verdicts = %v, want one mandatory on %s naming TLS1_0\nstderr: %s", Strings(tls), bad.URN, p.Stderr())
	}

	// Verdicts remembers answers by request: the same resources give Analyze's
	// verdicts, and a resource sent again under its URN with other inputs (the
	// broken account fixed, the good one broken) is judged afresh, not from memory.
	all := strings.Join(Strings(Analyze(t, p, []plan.Resource{good, bad})), "\n")
	for i := 0; i < 2; i++ {
		if got := strings.Join(Strings(p.Verdicts(t, []plan.Resource{good, bad})), "\n"); got != all {
			t.Errorf("Verdicts (call %d) = \n%s\nwant Analyze's\n%s", i+1, got, all)
		}
	}
	fixed, broken := bad, good
	fixed.Inputs, broken.Inputs = good.Inputs, bad.Inputs
	tls = nil
	for _, v := range p.Verdicts(t, []plan.Resource{broken, fixed}) {
		if v.Policy == "storage-min-tls" {
			tls = append(tls, v)
		}
	}
	if len(tls) != 1 || tls[0].URN != good.URN {
		t.Errorf("after swapping inputs, storage-min-tls verdicts = %v, want one on %s", Strings(tls), good.URN)
	}
}
