// Package pulumiconfig checks a stack's config against the project's config schema
// (Pulumi.yaml `config:`) with the Pulumi CLI's own code, as `pulumi preview` and
// `pulumi up` do before they run the program, and returns the config the program
// then receives.
//
// The rules (github.com/pulumi/pulumi/pkg/v3/workspace,
// ValidateStackConfigAndApplyProjectConfig, the version in go.mod):
//
//   - Pulumi.yaml itself is checked when loaded: its JSON schema, an array key must
//     name its items' type, a default must have the declared type.
//   - A stack file's keys without a namespace are put in the project's.
//   - Every key declared in the project's namespace without a `default` (or
//     `value`) is required: a stack that does not set it is refused, all missing
//     keys in one message ("Stack 'dev' is missing configuration value 'domain'").
//   - A key the stack does not set gets the declared default; the program sees it as
//     if the stack had set it (so an optional key's default must mean "not set").
//   - Every declared key with a `type` is type-checked and the first mismatch in key
//     order is the error ("Stack 'dev' with configuration key 'budgetMonthlyUSD' must
//     be of type 'integer'"): string; integer (a whole number, or text that parses as
//     one); boolean; object (a map, any content); array (a list whose items all have
//     the declared items' type).
//   - Keys a stack sets that the project does not declare are not checked at all, in
//     any namespace: they reach the program as they are (which rejects unknown keys
//     of its own namespace, see internal/spec).
package pulumiconfig

import (
	"context"
	"fmt"

	pkgworkspace "github.com/pulumi/pulumi/pkg/v3/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/common/esc"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// Load reads Pulumi.yaml and a stack's config file as the CLI does.
func Load(projectFile, stackFile string) (*workspace.Project, *workspace.ProjectStack, error) {
	proj, err := workspace.LoadProject(projectFile)
	if err != nil {
		return nil, nil, err
	}
	ps, err := workspace.LoadProjectStack(nil, proj, stackFile)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", stackFile, err)
	}
	return proj, ps, nil
}

// Validate checks a stack's config against the project's schema and applies the
// project's defaults to it, in place, with the CLI's code (no ESC environment;
// secure values are not decrypted). The error is the CLI's own message.
func Validate(stack string, proj *workspace.Project, cfg config.Map) error {
	return pkgworkspace.ValidateStackConfigAndApplyProjectConfig(context.Background(), stack, proj,
		esc.Value{}, cfg, config.NopEncrypter, config.NopDecrypter)
}

// EngineConfig is a stack config as the engine hands it to the program
// (PULUMI_CONFIG): namespaced keys to strings, objects and arrays as JSON.
func EngineConfig(cfg config.Map) (map[string]string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		s, err := v.Value(config.NopDecrypter)
		if err != nil {
			return nil, fmt.Errorf("config key %s: %w", k, err)
		}
		out[k.String()] = s
	}
	return out, nil
}
