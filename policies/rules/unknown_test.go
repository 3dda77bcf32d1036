package rules

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
)

// leaves lists the paths of every value in v: each key and index, down to scalars.
func leaves(prefix string, v any) []string {
	var out []string
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			out = append(out, p)
			out = append(out, leaves(p, t[k])...)
		}
	case []any:
		for i, e := range t {
			p := fmt.Sprintf("%s[%d]", prefix, i)
			out = append(out, p)
			out = append(out, leaves(p, e)...)
		}
	}
	return out
}

// replaced returns a deep copy of v with the value at path replaced by with.
func replaced(v any, path string, with any) any {
	if path == "" {
		return with
	}
	head, rest := path, ""
	if i := strings.IndexAny(path[1:], ".["); i >= 0 {
		head, rest = path[:i+1], path[i+1:]
	}
	rest = strings.TrimPrefix(rest, ".")
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = e
		}
		out[head] = replaced(t[head], rest, with)
		return out
	case []any:
		var i int
		fmt.Sscanf(head, "[%d]", &i)
		out := append([]any{}, t...)
		out[i] = replaced(t[i], rest, with)
		return out
	}
	return v
}

func findings(p *Policy, e *Env, rs []Resource) []Finding {
	if p.IsStack() {
		return CheckStack(p, e, rs)
	}
	var out []Finding
	for i := range rs {
		out = append(out, CheckResource(p, e, &rs[i])...)
	}
	return out
}

// TestUnknownInputs: each policy on each of its compliant table cases with one input
// at a time unknown, as at preview when it comes from a resource not yet created.
// The policy never reports a violation for it — only an undecided check, decided at
// apply, or nothing when it does not need that input — and every policy that judges
// inputs has an input it needs, for which it reports the check undecided instead of
// passing silently. At apply (Decide) an undecided check is a violation.
func TestUnknownInputs(t *testing.T) {
	// Policies that judge no input value: protect-stateful reads the protect option
	// and the type; budget reads the cost estimate (its unknown case is a table case).
	noInputs := map[string]bool{"protect-stateful": true, "budget": true}
	undecided := map[string]int{}
	for _, tc := range ruleCases {
		if len(tc.want) > 0 || len(tc.res) == 0 {
			continue
		}
		p := Lookup(tc.policy)
		tier := tc.tier
		if tier == "" {
			tier = spec.TierProd
		}
		e := envFor(tier)
		if tc.env != nil {
			tc.env(e)
		}
		for i := range tc.res {
			if !p.IsStack() && !p.AppliesTo(tc.res[i].Type) {
				continue
			}
			for _, path := range leaves("", tc.res[i].Inputs) {
				rs := append([]Resource{}, tc.res...)
				rs[i].Inputs = replaced(tc.res[i].Inputs, path, Unknown).(map[string]any)
				fs := findings(p, e, rs)
				for _, f := range fs {
					if !f.Undecided {
						t.Errorf("%s/%s: %s of %s unknown: violation %q; expected an undecided check", tc.policy, tc.name, path, rs[i].Name, f.Message)
						continue
					}
					undecided[tc.policy]++
				}
				for _, f := range Decide(fs) {
					if f.Undecided || !strings.Contains(f.Message, "still unknown at apply") {
						t.Errorf("%s: Decide kept %+v undecided", tc.policy, f)
					}
				}
			}
		}
	}
	// Table cases that make a value unknown count too (an input the compliant cases
	// leave to Azure's default, a region the analyzer reads from an unknown location).
	for _, tc := range ruleCases {
		for _, w := range tc.want {
			if strings.Contains(w, " at preview") {
				undecided[tc.policy]++
			}
		}
	}
	for _, p := range All() {
		if undecided[p.Name] == 0 && !noInputs[p.Name] {
			t.Errorf("%s: no input of its compliant cases, made unknown, gives an undecided check", p.Name)
		}
	}
}
