package engine

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/gameplatform/platform/internal/plan"
)

// ruleFixtures is where the policy rules' table tests take their resources from.
const ruleFixtures = "../../policies/rules/testdata/resources.json"

// TestRuleFixturesComeFromThePlan keeps the rules' table-test fixtures equal to what
// the components really register: the first resource of every deployed type in the
// prod plan (by URN). Update with: go test ./internal/engine -run Fixtures -update
func TestRuleFixturesComeFromThePlan(t *testing.T) {
	p := shippedPlans(t)["prod"].Plan
	byType := map[string]plan.Resource{}
	for _, r := range p.Resources {
		if !r.Custom {
			continue
		}
		if _, seen := byType[r.Type]; !seen {
			byType[r.Type] = r
		}
	}
	out := make([]plan.Resource, 0, len(byType))
	for _, r := range byType {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	got, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(ruleFixtures, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(ruleFixtures)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the prod plan's resources; run `go test ./internal/engine -run Fixtures -update` and re-run the rules' tests", ruleFixtures)
	}
}
