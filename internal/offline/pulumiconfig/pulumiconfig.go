// Package pulumiconfig checks a stack's config against the project's config schema
// (Pulumi.yaml `config:`) with the rules the Pulumi CLI applies before it runs the
// program, and applies the project's defaults as the engine does.
//
// The rules are those of ValidateStackConfigAndApplyProjectConfig in
// github.com/pulumi/pulumi/pkg/v3/workspace (v3.260.0, config.go), re-implemented on
// the SDK's own project, stack and config types and its type check
// (workspace.ValidateConfigValue), with the CLI's messages. pkg/v3 itself cannot be
// a dependency: it requires go.yaml.in/yaml/v4 v4.0.0-rc.4, whose API the workflow
// linter (rhysd/actionlint v1.7.12, the newest) does not build against. What the CLI
// does, and so this package:
//
//   - Pulumi.yaml itself is checked when loaded (workspace.LoadProject): its JSON
//     schema, an array key must name its items' type, a default must have the
//     declared type, keys of other namespaces take a `value` and no type.
//   - A stack file's keys without a namespace are put in the project's
//     (workspace.LoadProjectStack).
//   - Every key declared in the project's namespace without a `default` or `value`
//     is required: a stack that does not set it is refused, all missing keys in one
//     message ("Stack 'dev' is missing configuration value 'domain'").
//   - A key the stack does not set gets the declared default (or value); the program
//     sees it as if the stack had set it (so an optional key's default must mean
//     "not set").
//   - Every declared key with a `type` is type-checked, in key order, and the first
//     mismatch is the error ("Stack 'dev' with configuration key 'budgetMonthlyUSD'
//     must be of type 'integer'"): string; integer (a whole number, or text that
//     parses as one); boolean (true/false or the strings "true"/"false"); object (a
//     map, any content); array (a list whose items all have the items' type); a key
//     declared `secret` must be a secure value.
//   - Keys a stack sets that the project does not declare are not checked at all, in
//     any namespace: they reach the program as they are (which rejects unknown keys
//     of its own namespace, see internal/model/spec).
package pulumiconfig

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

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
// project's defaults to it, in place (ValidateStackConfigAndApplyProjectConfig
// without an ESC environment; secure values are not decrypted). The error is the
// CLI's own message.
func Validate(stack string, proj *workspace.Project, cfg config.Map) error {
	projectName := proj.Name.String()
	keys := slices.Sorted(maps.Keys(proj.Config))
	var missing []string
	for _, pk := range keys {
		ct := proj.Config[pk]
		key, err := parseConfigKey(projectName, pk)
		if err != nil {
			return err
		}
		_, found, err := cfg.Get(key, true)
		if err != nil {
			return fmt.Errorf("getting stack config value for key '%v': %w", key.String(), err)
		}
		hasDefault, hasValue := ct.Default != nil, ct.Value != nil
		if !found && !hasValue && !hasDefault && key.Namespace() == projectName {
			missing = append(missing, pk)
			continue
		}
		if !found && (hasValue || hasDefault) {
			v := ct.Value
			if hasDefault {
				v = ct.Default
			}
			cv, err := configValue(v)
			if err != nil {
				return err
			}
			if err := cfg.Set(key, cv, true); err != nil {
				return err
			}
		}
	}
	if len(missing) > 0 {
		return missingKeysError(missing, stack)
	}
	for _, pk := range keys {
		ct := proj.Config[pk]
		key, err := parseConfigKey(projectName, pk)
		if err != nil {
			return err
		}
		v, _, err := cfg.Get(key, true)
		if err != nil {
			return fmt.Errorf("getting stack config value for key '%v': %w", key.String(), err)
		}
		if !ct.IsExplicitlyTyped() {
			continue
		}
		plain, err := v.Value(config.NopDecrypter)
		if err != nil {
			return err
		}
		if err := validateValue(stack, pk, ct, v, plain); err != nil {
			return err
		}
	}
	return nil
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

func validateValue(stack, key string, ct workspace.ProjectConfigType, v config.Value, plain string) error {
	if ct.Secret && !v.Secure() {
		return fmt.Errorf("Stack '%v' with configuration key '%v' must be encrypted as it's secret", stack, key)
	}
	var content any = plain
	if v.Object() {
		if err := json.Unmarshal([]byte(plain), &content); err != nil {
			return err
		}
	}
	if !workspace.ValidateConfigValue(*ct.Type, ct.Items, content) {
		return fmt.Errorf("Stack '%v' with configuration key '%v' must be of type '%v'",
			stack, key, workspace.InferFullTypeName(*ct.Type, ct.Items))
	}
	return nil
}

// parseConfigKey puts a key without a namespace in the project's.
func parseConfigKey(projectName, key string) (config.Key, error) {
	if strings.Contains(key, ":") {
		return config.ParseKey(key)
	}
	return config.MustMakeKey(projectName, key), nil
}

// configValue turns a declared default into a config value: scalars as text,
// anything else as a JSON object value.
func configValue(raw any) (config.Value, error) {
	switch raw.(type) {
	case string, int, bool:
		return config.NewValue(fmt.Sprintf("%v", raw)), nil
	}
	v, err := workspace.SimplifyMarshalledValue(raw)
	if err != nil {
		return config.Value{}, err
	}
	js, err := json.Marshal(v)
	if err != nil {
		return config.Value{}, err
	}
	return config.NewObjectValue(string(js)), nil
}

func missingKeysError(keys []string, stack string) error {
	noun := "value"
	if len(keys) > 1 {
		noun = "values"
	}
	return fmt.Errorf("Stack '%v' is missing configuration %v %v", stack, noun, formatMissingKeys(keys))
}

func formatMissingKeys(keys []string) string {
	if len(keys) == 1 {
		return fmt.Sprintf("'%v'", keys[0])
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		switch {
		case i == len(keys)-1:
			fmt.Fprintf(&b, "and '%s'", k)
		case i == len(keys)-2:
			fmt.Fprintf(&b, "'%s' ", k)
		default:
			fmt.Fprintf(&b, "'%s', ", k)
		}
	}
	return b.String()
}
