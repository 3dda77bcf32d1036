package stacks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/spec"
)

// EnvironmentsDir is the stackConfigDir of Pulumi.yaml.
const EnvironmentsDir = "environments"

// Now is the clock used to judge expiry dates; tests and the offline plan may pin it.
var Now = time.Now

// EnvDir is where the program reads every environment's address blocks from, to
// check this stack's blocks against them: the stackConfigDir, relative to the
// project directory the Pulumi CLI runs the program in. The offline plan points it
// at its own directory; "" skips the check.
var EnvDir = EnvironmentsDir

// Run is the Pulumi program: it reads the stack's config, validates the environment
// spec (every problem at once, before any resource is registered) and deploys it.
func Run(ctx *pulumi.Context) error {
	cfg := map[string]string{}
	for key := range spec.ConfigKeys {
		full := spec.Namespace + ":" + key
		if v, ok := ctx.GetConfig(full); ok {
			cfg[full] = v
		}
	}
	// The engine passes the whole config in PULUMI_CONFIG; reading it too lets the
	// real path reject unknown (mistyped) keys just as the offline plan does.
	if all := os.Getenv(pulumi.EnvConfig); all != "" {
		var m map[string]string
		if json.Unmarshal([]byte(all), &m) == nil {
			for k, v := range m {
				cfg[k] = v
			}
		}
	}
	source := filepath.Join(EnvironmentsDir, "Pulumi."+ctx.Stack()+".yaml")
	var others []spec.Block
	if EnvDir != "" {
		// A file that cannot be read is reported by its own stack, not here.
		others, _ = spec.BlocksInDir(EnvDir)
	}
	now := Now()
	s, err := spec.FromConfig(ctx.Stack(), source, cfg, now, others...)
	if err != nil {
		return err
	}
	// An expired environment still deploys and destroys (its teardown needs the
	// program); the engine shows the warning in preview, up and refresh.
	// So does a cluster on a Kubernetes version past AKS's end of life.
	for _, notice := range []string{s.ExpiryNotice(now), s.KubernetesNotice(now)} {
		if notice == "" {
			continue
		}
		if err := ctx.Log.Warn(notice, nil); err != nil {
			return err
		}
	}
	return Deploy(ctx, s)
}
