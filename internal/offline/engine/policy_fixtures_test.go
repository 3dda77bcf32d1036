package engine

import (
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// ruleFixtures is where the policy rules' table tests take their resources from.
const ruleFixtures = "../../../policies/rules/testdata/resources.json"

// TestRuleFixturesComeFromThePlan keeps the rules' table-test fixtures faithful to
// what the components really register: the fixtures are the first resource of every
// deployed type in the prod plan (by URN). Values may drift as components evolve
// (names, counts); the test fails when a fixture's type is no longer registered or
// the fixture has an input the real resource no longer has (a renamed or removed
// property), so the rules are never tested on shapes the components stopped
// producing. Refresh with: go test ./internal/offline/engine -run Fixtures -update
func TestRuleFixturesComeFromThePlan(t *testing.T) {
	p := shippedPlans(t)["prod"].Plan
	byType := map[string]plan.Resource{}
	for _, r := range p.Resources {
		if !r.Custom {
			continue
		}
		// Generic resources are one fixture per ARM type they declare.
		if _, seen := byType[r.CatalogType()]; !seen {
			byType[r.CatalogType()] = r
		}
	}
	if *update {
		out := make([]plan.Resource, 0, len(byType))
		for _, r := range byType {
			out = append(out, r)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].CatalogType() < out[j].CatalogType() })
		data, err := json.MarshalIndent(out, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ruleFixtures, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(ruleFixtures)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	var fixtures []plan.Resource
	if err := json.Unmarshal(data, &fixtures); err != nil {
		t.Fatalf("%s: %v", ruleFixtures, err)
	}
	for _, f := range fixtures {
		real, ok := byType[f.CatalogType()]
		if !ok {
			t.Errorf("%s: fixture type %s is no longer registered by the prod plan; refresh with -update", ruleFixtures, f.Type)
			continue
		}
		for _, path := range missingPaths("", f.Inputs, real.Inputs) {
			t.Errorf("%s: %s fixture has input %s, which %s no longer registers; refresh with -update", ruleFixtures, f.Type, path, real.URN)
		}
	}
}

// missingPaths lists the object paths of have that want lacks (arrays compare their
// first elements).
func missingPaths(prefix string, have, want map[string]any) []string {
	var out []string
	for k, hv := range have {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		wv, ok := want[k]
		if !ok {
			out = append(out, path)
			continue
		}
		if hm, ok := hv.(map[string]any); ok {
			if wm, ok := wv.(map[string]any); ok {
				out = append(out, missingPaths(path, hm, wm)...)
			}
		}
		if hl, ok := hv.([]any); ok && len(hl) > 0 {
			if wl, ok := wv.([]any); ok && len(wl) > 0 {
				hm, ok1 := hl[0].(map[string]any)
				wm, ok2 := wl[0].(map[string]any)
				if ok1 && ok2 {
					out = append(out, missingPaths(path+"[0]", hm, wm)...)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}
