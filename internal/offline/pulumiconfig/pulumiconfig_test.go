package pulumiconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/requests"
)

const (
	projectFile = "../../../Pulumi.yaml"
	envDir      = "../../../environments"
)

// testNow is a fixed day before every shipped expiry.
var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func shippedStacks(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(envDir, "Pulumi.*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("stack files: %v %v", files, err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml"))
	}
	return out
}

// check validates a stack file the way `pulumi preview` does before the program runs
// and returns the config the program then receives.
func check(t *testing.T, stack, file string) (map[string]string, error) {
	t.Helper()
	proj, ps, err := Load(projectFile, file)
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(stack, proj, ps.Config); err != nil {
		return nil, err
	}
	cfg, err := EngineConfig(ps.Config)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, nil
}

// TestShippedStacksPassPulumiValidation: every environment file (the shipped and the
// generated ones) passes the CLI's check of Pulumi.yaml's schema, and the program
// reads the config the engine then hands it — the project's defaults applied to the
// keys the stack leaves out — as the same environment as the file alone.
func TestShippedStacksPassPulumiValidation(t *testing.T) {
	for _, stack := range shippedStacks(t) {
		t.Run(stack, func(t *testing.T) {
			file := spec.StackFile(envDir, stack)
			cfg, err := check(t, stack, file)
			if err != nil {
				t.Fatalf("pulumi would refuse the stack: %v", err)
			}
			want, _, err := spec.LoadFile(file, stack, testNow)
			if err != nil {
				t.Fatal(err)
			}
			got, err := spec.FromConfig(stack, file, cfg, testNow)
			if err != nil {
				t.Fatalf("the program refuses the config with the project's defaults applied: %v", err)
			}
			// An empty default ({} for tags) is the same as no value.
			if d := cmp.Diff(want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("with the project's defaults applied the spec differs (-file +engine):\n%s", d)
			}
		})
	}
}

// TestGeneratedStackPassesPulumiValidation: an environment generated from a studio
// request — a prod one, which has no expiresOn — passes too.
func TestGeneratedStackPassesPulumiValidation(t *testing.T) {
	dir := t.TempDir()
	for _, env := range []string{"dev", "staging", "prod"} {
		data, err := os.ReadFile(spec.StackFile(envDir, env))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(spec.StackFile(dir, env), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	req := `environment: launch
studio: nebula-forge
game: starfall
tier: prod
owners: [launch@nebulaforge.example]
costCenter: CC-1001
regions:
  - {name: eastus2, peakPlayers: 20000}
playersPerServer: 16
budgetMonthlyUSD: 900000
`
	c, err := requests.Check("environments/requests/launch.yaml", []byte(req), requests.Context{Now: testNow, EnvDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	env, err := requests.Generate(c, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(env.Path, env.File, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := check(t, "launch", env.Path)
	if err != nil {
		t.Fatalf("pulumi would refuse the generated stack:\n%s\n%v", env.File, err)
	}
	if v, ok := cfg[spec.Namespace+":expiresOn"]; !ok || v != "" {
		t.Errorf("expiresOn = %q, %v; want the project's default \"\" (no expiry)", v, ok)
	}
	if _, err := spec.FromConfig("launch", env.Path, cfg, testNow); err != nil {
		t.Errorf("the program refuses the generated config with defaults applied: %v", err)
	}
}

// edit writes a copy of the dev stack file with its config changed by fn.
func edit(t *testing.T, fn func(cfg map[string]any)) string {
	t.Helper()
	data, err := os.ReadFile(spec.StackFile(envDir, "dev"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	fn(doc["config"].(map[string]any))
	out, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Pulumi.dev.yaml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func set(key string, v any) func(map[string]any) {
	return func(c map[string]any) { c[spec.Namespace+":"+key] = v }
}

func del(keys ...string) func(map[string]any) {
	return func(c map[string]any) {
		for _, k := range keys {
			delete(c, spec.Namespace+":"+k)
		}
	}
}

// TestPulumiRules: the CLI's messages for a missing required key and for values of
// the wrong type; optional keys get their defaults; keys the project does not
// declare pass Pulumi's check untouched (the program judges them).
func TestPulumiRules(t *testing.T) {
	cases := []struct {
		name string
		edit func(map[string]any)
		want string // the CLI's error; "" when the stack passes
	}{
		{"as shipped", func(map[string]any) {}, ""},
		{"required key missing", del("domain"), "Stack 'dev' is missing configuration value 'domain'"},
		{"several required keys missing", del("studio", "domain", "regions"), "Stack 'dev' is missing configuration values 'domain', 'regions' and 'studio'"},
		{"required structured key missing", del("cluster"), "Stack 'dev' is missing configuration value 'cluster'"},
		{"optional keys left out", del("gamePorts", "expiresOn", "cdn", "tags"), ""},
		{"key without namespace is the project's", func(c map[string]any) { c["domain"] = c[spec.Namespace+":domain"]; del("domain")(c) }, ""},
		{"integer as text", set("budgetMonthlyUSD", "lots"), "Stack 'dev' with configuration key 'budgetMonthlyUSD' must be of type 'integer'"},
		{"integer with a fraction", set("budgetMonthlyUSD", 6000.5), "Stack 'dev' with configuration key 'budgetMonthlyUSD' must be of type 'integer'"},
		{"integer quoted", set("budgetMonthlyUSD", "6000"), ""},
		{"array of strings with an object", set("owners", []any{map[string]any{"email": "a@b.example"}}), "Stack 'dev' with configuration key 'owners' must be of type 'array<string>'"},
		{"array given a string", set("owners", "a@b.example"), "Stack 'dev' with configuration key 'owners' must be of type 'array<string>'"},
		{"array of objects given strings", set("regions", []any{"westeurope"}), "Stack 'dev' with configuration key 'regions' must be of type 'array<object>'"},
		{"object given a list", set("gamePorts", []any{7000, 7999}), "Stack 'dev' with configuration key 'gamePorts' must be of type 'object'"},
		{"object given text", set("cdn", "fast"), "Stack 'dev' with configuration key 'cdn' must be of type 'object'"},
		{"string given an object", set("expiresOn", map[string]any{"date": "2026-12-01"}), "Stack 'dev' with configuration key 'expiresOn' must be of type 'string'"},
		{"undeclared key in the project's namespace", set("colour", "blue"), ""},
		{"key of another namespace", func(c map[string]any) { c["azure-native:location"] = 42 }, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := check(t, "dev", edit(t, tc.edit))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && err == nil:
				t.Errorf("accepted; want %q", tc.want)
			case tc.want != "" && err.Error() != tc.want:
				t.Errorf("error = %q\n want %q", err, tc.want)
			}
		})
	}
}

// TestDefaultsMeanUnset: a stack that leaves the optional keys out gets the
// project's defaults from the engine, and the program reads them as not set.
func TestDefaultsMeanUnset(t *testing.T) {
	cfg, err := check(t, "dev", edit(t, del("gamePorts", "cdn", "tags")))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"expiresOn": "", "gamePorts": "{}", "cdn": "{}", "tags": "{}"} {
		if got, ok := cfg[spec.Namespace+":"+key]; !ok || got != want {
			t.Errorf("%s = %q, %v; want the default %q", key, got, ok, want)
		}
	}
	s, err := spec.FromConfig("dev", "dev", cfg, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if s.ExpiresOn != "" || len(s.Tags) != 0 || s.GamePorts.Start != spec.DefaultGamePortStart || s.GamePorts.QoSPort != spec.DefaultQoSPort ||
		s.CDN.PatchCacheSeconds != spec.DefaultPatchCacheSeconds || s.CDN.RateLimitPerMinute != spec.DefaultRateLimitPerMinute {
		t.Errorf("defaults not read as unset: %+v", s)
	}
}

// TestSchemaMatchesTheProgram: Pulumi.yaml declares exactly the keys the program
// reads, each with the matching type; a key declared required is one the program
// cannot do without, and an optional key's default is accepted as "not set".
func TestSchemaMatchesTheProgram(t *testing.T) {
	proj, _, err := Load(projectFile, spec.StackFile(envDir, "dev"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{"string": "string", "integer": "number", "array": "array", "object": "object"}
	for key, ct := range proj.Config {
		kind, ok := spec.ConfigKeys[key]
		if !ok {
			t.Errorf("Pulumi.yaml declares %q, which the program does not read", key)
			continue
		}
		if !ct.IsExplicitlyTyped() || kinds[*ct.Type] != kind {
			t.Errorf("%s: declared type %v, the program reads a %s", key, ct.Type, kind)
		}
	}
	for key := range spec.ConfigKeys {
		if _, ok := proj.Config[key]; !ok {
			t.Errorf("the program reads %q, which Pulumi.yaml does not declare", key)
		}
	}
	for key, ct := range proj.Config {
		full := spec.Namespace + ":" + key
		_, ps, err := Load(projectFile, edit(t, del(key)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := EngineConfig(ps.Config) // the program's view without Pulumi's check
		if err != nil {
			t.Fatal(err)
		}
		_, progErr := spec.FromConfig("dev", "dev", cfg, testNow)
		if ct.Default == nil {
			if progErr == nil {
				t.Errorf("%s is required by Pulumi.yaml but the program accepts a stack without it; give it a default", key)
			}
			continue
		}
		if progErr != nil {
			t.Errorf("%s: the program needs it but Pulumi.yaml makes it optional: %v", key, progErr)
		}
		proj2, ps2, err := Load(projectFile, edit(t, del(key)))
		if err != nil {
			t.Fatal(err)
		}
		if err := Validate("dev", proj2, ps2.Config); err != nil { // applies the default
			t.Fatal(err)
		}
		if cfg, err = EngineConfig(ps2.Config); err != nil {
			t.Fatal(err)
		}
		if _, err := spec.FromConfig("dev", "dev", cfg, testNow); err != nil {
			t.Errorf("%s: the program refuses its default %q: %v", key, cfg[full], err)
		}
	}
}
