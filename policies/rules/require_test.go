package rules

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// TestRequirementChecks: the input checks most rules are made of judge an unknown
// value as undecided, an unset one by Azure's default, and a present one by its
// meaning, each with a message that names the resource, the input, what it is and
// what is expected.
func TestRequirementChecks(t *testing.T) {
	res := func(inputs map[string]any) *Resource {
		return &Resource{Resource: plan.Resource{URN: "urn:x", Type: TypeKeyVault, Name: "kv", Inputs: inputs}}
	}
	boolCheck := func(missingOK bool) func(*Reporter, *Resource) {
		return func(rep *Reporter, r *Resource) { requireBool(rep, r, "p", true, missingOK, "why") }
	}
	oneOf := func(rep *Reporter, r *Resource) {
		requireOneOf(rep, r, "p", []string{"TLS1_2", "TLS1_3"}, false, "why")
	}
	minNum := func(def float64) func(*Reporter, *Resource) {
		return func(rep *Reporter, r *Resource) { requireMinNumber(rep, r, "p", 30, def, "why") }
	}
	for _, tc := range []struct {
		name      string
		check     func(*Reporter, *Resource)
		inputs    map[string]any
		want      string // "" = no finding
		undecided bool
	}{
		{"bool as wanted", boolCheck(false), map[string]any{"p": true}, "", false},
		{"bool wrong", boolCheck(false), map[string]any{"p": false}, `p is false; expected true (why)`, false},
		{"bool not a boolean", boolCheck(false), map[string]any{"p": "yes"}, `p is "yes", not a boolean; expected true (why)`, false},
		{"bool unset, default fine", boolCheck(true), map[string]any{}, "", false},
		{"bool unset, default wrong", boolCheck(false), map[string]any{}, `p is not set; expected true (why)`, false},
		{"bool unknown", boolCheck(true), map[string]any{"p": Unknown}, `p is unknown at preview, so it cannot be confirmed to be true (why)`, true},
		{"one of, any case", oneOf, map[string]any{"p": "tls1_3"}, "", false},
		{"one of, other value", oneOf, map[string]any{"p": "TLS1_0"}, `p is "TLS1_0"; expected one of "TLS1_2", "TLS1_3" (why)`, false},
		{"one of, not a string", oneOf, map[string]any{"p": 12.0}, `p is 12; expected one of "TLS1_2", "TLS1_3" (why)`, false},
		{"one of, unset", oneOf, map[string]any{}, `p is not set; expected one of "TLS1_2", "TLS1_3" (why)`, false},
		{"at least, enough", minNum(7), map[string]any{"p": 30.0}, "", false},
		{"at least, too few", minNum(7), map[string]any{"p": 29.0}, `p is 29; expected at least 30 (why)`, false},
		{"at least, unset, default too low", minNum(7), map[string]any{}, `p is not set (Azure default 7); expected at least 30 (why)`, false},
		{"at least, unset, default enough", minNum(90), map[string]any{}, "", false},
		{"at least, unknown", minNum(90), map[string]any{"p": Unknown}, `p is unknown at preview, so it cannot be confirmed to be at least 30 (why)`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &Reporter{urn: "urn:x"}
			tc.check(rep, res(tc.inputs))
			if tc.want == "" {
				if len(rep.findings) != 0 {
					t.Fatalf("findings %+v, want none", rep.findings)
				}
				return
			}
			if len(rep.findings) != 1 {
				t.Fatalf("findings %+v, want one", rep.findings)
			}
			f := rep.findings[0]
			if f.Undecided != tc.undecided || !strings.Contains(f.Message, tc.want) || !strings.HasPrefix(f.Message, `keyvault:Vault "kv": `) {
				t.Errorf("finding %+v, want undecided=%t and a message on keyvault:Vault \"kv\" containing %q", f, tc.undecided, tc.want)
			}
		})
	}
}
