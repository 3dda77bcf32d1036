package engine

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// bothModes plans every environment file in both modes.
func bothModes(t *testing.T) map[string]map[plan.Mode]*Result {
	t.Helper()
	out := map[string]map[plan.Mode]*Result{}
	for _, env := range Stacks(envDir) {
		out[env] = map[plan.Mode]*Result{}
		for _, m := range plan.Modes {
			if r, ok := shippedPlansIn(t, m)[env]; ok {
				out[env][m] = r
				continue
			}
			r, err := Plan(Options{Dir: envDir, Stack: env, Now: testNow, Mode: m})
			if err != nil {
				t.Fatalf("%s in %s mode: %v", env, m, err)
			}
			out[env][m] = r
		}
	}
	if len(out) < len(shipped) {
		t.Fatalf("environments: %v", out)
	}
	return out
}

// verdictKeys are the violations of a plan: policy, level and resource.
func verdictKeys(rs []plan.PolicyResult) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %s %s", r.EnforcementLevel, r.Policy, r.URN))
	}
	sort.Strings(out)
	return out
}

func countUnknowns(v any) int {
	switch t := v.(type) {
	case string:
		if t == plan.UnknownValue {
			return 1
		}
	case map[string]any:
		n := 0
		for _, e := range t {
			n += countUnknowns(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range t {
			n += countUnknowns(e)
		}
		return n
	}
	return 0
}

// TestPreviewMatchesApplied: every environment planned as a preview of a fresh stack
// (IDs and values Azure computes unknown) registers the same resources with the same
// dependencies as when planned as applied, gets the same policy verdicts with no
// check left undecided, and the same cost and deploy-time estimates: none of them
// depends on a value Azure computes.
func TestPreviewMatchesApplied(t *testing.T) {
	for env, byMode := range bothModes(t) {
		t.Run(env, func(t *testing.T) {
			pre, app := byMode[plan.ModePreview].Plan, byMode[plan.ModeApplied].Plan
			if pre.Mode != plan.ModePreview || app.Mode != plan.ModeApplied {
				t.Fatalf("modes %q, %q", pre.Mode, app.Mode)
			}
			type shape struct {
				Type, Parent    string
				Deps            []string
				PropDeps        map[string][]string
				Protect, Retain bool
			}
			shapes := func(p *plan.Plan) map[string]shape {
				m := map[string]shape{}
				for _, r := range p.Resources {
					m[r.URN] = shape{r.Type, r.Parent, r.Dependencies, r.PropertyDependencies, r.Protect, r.RetainOnDelete}
				}
				return m
			}
			if d := cmp.Diff(shapes(app), shapes(pre)); d != "" {
				t.Errorf("resources differ (-applied +preview):\n%s", d)
			}
			unknowns := 0
			for _, r := range pre.Resources {
				unknowns += countUnknowns(r.Inputs)
			}
			for _, r := range app.Resources {
				if n := countUnknowns(r.Inputs); n > 0 {
					t.Errorf("applied: %s has %d unknown input(s)", r.URN, n)
				}
			}
			if unknowns == 0 {
				t.Error("preview: no input is unknown; outputs Azure computes must be unknown in a preview of a fresh stack")
			}
			if d := cmp.Diff(verdictKeys(app.PolicyResults), verdictKeys(pre.PolicyResults)); d != "" {
				t.Errorf("policy verdicts differ (-applied +preview):\n%s", d)
			}
			if MandatoryViolations(pre.PolicyResults) != 0 {
				t.Errorf("preview: mandatory violations %v", verdictKeys(pre.PolicyResults))
			}
			for _, p := range []*plan.Plan{pre, app} {
				if len(p.PolicyDeferred) > 0 {
					t.Errorf("%s: checks left undecided: %v", p.Mode, verdictKeys(p.PolicyDeferred))
				}
			}
			if pre.Cost.MonthlyUSD != app.Cost.MonthlyUSD || pre.Cost.MaxMonthlyUSD != app.Cost.MaxMonthlyUSD ||
				!cmp.Equal(pre.Cost.ByResource, app.Cost.ByResource) || len(pre.Cost.NotPriced)+len(app.Cost.NotPriced) > 0 {
				t.Errorf("cost differs: preview $%.2f (max $%.2f, not priced %v), applied $%.2f (max $%.2f, not priced %v)",
					pre.Cost.MonthlyUSD, pre.Cost.MaxMonthlyUSD, pre.Cost.NotPricedReasons, app.Cost.MonthlyUSD, app.Cost.MaxMonthlyUSD, app.Cost.NotPricedReasons)
			}
			if pre.Deploy.CriticalPathSeconds != app.Deploy.CriticalPathSeconds || !cmp.Equal(pre.Deploy.CriticalPath, app.Deploy.CriticalPath) {
				t.Errorf("deploy time differs: preview %vs %v, applied %vs %v", pre.Deploy.CriticalPathSeconds, pre.Deploy.CriticalPath,
					app.Deploy.CriticalPathSeconds, app.Deploy.CriticalPath)
			}
		})
	}
}

// TestPreviewPlanJSON: the plan JSON of a preview names its mode, writes unknown
// values as Pulumi's sentinel (as `pulumi preview --json` does) and carries each
// resource's property dependencies; the WAF binding's are the resources its IDs will
// come from.
func TestPreviewPlanJSON(t *testing.T) {
	p := shippedPreviews(t)["dev"].Plan
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	js := string(data)
	for _, want := range []string{`"mode":"preview"`, `"` + plan.UnknownValue + `"`, `"propertyDependencies":{`} {
		if !strings.Contains(js, want) {
			t.Errorf("plan JSON lacks %s", want)
		}
	}
	if strings.Contains(js, plan.UnknownLabel) {
		t.Errorf("plan JSON writes unknown values as %s, not the sentinel", plan.UnknownLabel)
	}
	var binding *plan.Resource
	for i := range p.Resources {
		if catalog.BaseType(p.Resources[i].Type) == rules.TypeSecurityPolicy {
			binding = &p.Resources[i]
		}
	}
	if binding == nil {
		t.Fatal("no WAF security policy in the dev plan")
	}
	params, _ := binding.Inputs["parameters"].(map[string]any)
	waf, _ := params["wafPolicy"].(map[string]any)
	if waf["id"] != plan.UnknownValue {
		t.Errorf("WAF policy ID = %v, want unknown at preview", waf["id"])
	}
	kinds := map[string]int{}
	idx := p.Index()
	for _, u := range binding.PropertyDependencies["parameters"] {
		if r := idx[u]; r != nil {
			kinds[catalog.BaseType(r.Type)]++
		}
	}
	if kinds[rules.TypeFrontDoorWAF] != 1 || kinds[rules.TypeAFDEndpoint] != 2 {
		t.Errorf("parameters' property dependencies = %v, want the WAF policy and both endpoints", binding.PropertyDependencies["parameters"])
	}
}
