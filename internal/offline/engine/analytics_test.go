package engine

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// planGenerated evaluates and analyses a generated environment at a parallelism.
func planGenerated(t testing.TB, tier spec.Tier, regions, parallelism int) *plan.Plan {
	t.Helper()
	sc := genStackConfig(t, tier, regions)
	p, err := Evaluate("prod", sc, testNow)
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.FromConfig("prod", "generated", sc.Values, testNow)
	if err != nil {
		t.Fatal(err)
	}
	p.Deploy.Parallelism = parallelism
	if err := analyze(p, s); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCriticalPathDoesNotGrowWithRegions: regions are independent subtrees, so adding
// regions adds work but not length to the critical path (given the parallelism the
// model suggests for the larger stack).
func TestCriticalPathDoesNotGrowWithRegions(t *testing.T) {
	durations, err := deploytime.DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	var base *plan.Plan
	baseRegions := 0
	for _, n := range []int{7, 9, 12} {
		p := planGenerated(t, spec.TierProd, n, 0)
		t.Logf("%d regions: %d resources, critical path %vs unbounded, %vs at --parallel %d, suggested --parallel %d, $%.0f/month",
			n, p.Summary.Resources, p.Deploy.UnboundedSeconds, p.Deploy.CriticalPathSeconds, p.Deploy.Parallelism, p.Deploy.SuggestedParallelism, p.Cost.MonthlyUSD)
		if base == nil {
			base, baseRegions = p, n
			continue
		}
		if p.Deploy.UnboundedSeconds != base.Deploy.UnboundedSeconds {
			t.Errorf("%d regions: critical path %vs, want %vs as with %d regions", n, p.Deploy.UnboundedSeconds, base.Deploy.UnboundedSeconds, baseRegions)
		}
		// At its suggested parallelism the bigger stack deploys in (about) the same time.
		g, err := deploytime.Build(p, durations)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.Schedule(p.Deploy.SuggestedParallelism).Makespan; got > base.Deploy.UnboundedSeconds*(1+deploytime.SuggestTolerance)+1 {
			t.Errorf("%d regions at --parallel %d: %vs, want about %vs", n, p.Deploy.SuggestedParallelism, got, base.Deploy.UnboundedSeconds)
		}
		if p.Summary.Resources <= base.Summary.Resources || p.Cost.MonthlyUSD <= base.Cost.MonthlyUSD {
			t.Errorf("%d regions: %d resources / $%v, want more than %d / $%v", n, p.Summary.Resources, p.Cost.MonthlyUSD, base.Summary.Resources, base.Cost.MonthlyUSD)
		}
	}
}

// TestShippedPlansAnalytics checks the analyses of the shipped environments against
// the plan itself: every deployed resource is priced or listed as not priced (never
// both, never neither), the totals add up, and the deploy model is consistent
// (serial = sum of durations; the critical path is a chain of real resources).
func TestShippedPlansAnalytics(t *testing.T) {
	d, err := deploytime.DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	for env, r := range shippedPlans(t) {
		p := r.Plan
		notPriced := map[string]bool{}
		for _, u := range p.Cost.NotPriced {
			notPriced[u] = true
		}
		sum := 0.0
		for _, res := range p.Resources {
			v, priced := p.Cost.ByResource[res.URN]
			switch {
			case !res.Custom && (priced || notPriced[res.URN]):
				t.Errorf("%s: component %s is in the cost", env, res.URN)
			case res.Custom && priced == notPriced[res.URN]:
				t.Errorf("%s: %s (%s) priced=%v notPriced=%v; want exactly one", env, res.URN, res.Type, priced, notPriced[res.URN])
			}
			sum += v
		}
		if diff := sum - p.Cost.MonthlyUSD; diff > 0.01*float64(len(p.Resources)) || diff < -0.01*float64(len(p.Resources)) {
			t.Errorf("%s: byResource sums to %v, monthlyUSD %v", env, sum, p.Cost.MonthlyUSD)
		}
		if p.Cost.MaxMonthlyUSD < p.Cost.MonthlyUSD || p.Cost.BudgetMonthlyUSD != r.Spec.BudgetMonthlyUSD || p.Cost.Tier != string(r.Spec.Tier) {
			t.Errorf("%s: max %v, budget %v, tier %q", env, p.Cost.MaxMonthlyUSD, p.Cost.BudgetMonthlyUSD, p.Cost.Tier)
		}
		g, err := deploytime.Build(p, d)
		if err != nil {
			t.Fatal(err)
		}
		if serial := g.Schedule(1).Makespan; serial != g.TotalSeconds() {
			t.Errorf("%s: parallelism 1 makespan %v, want the sum of durations %v", env, serial, g.TotalSeconds())
		}
		idx := p.Index()
		if len(p.Deploy.CriticalPath) == 0 || p.Deploy.CriticalPathSeconds < p.Deploy.UnboundedSeconds {
			t.Errorf("%s: deploy = %+v", env, p.Deploy)
		}
		for _, u := range p.Deploy.CriticalPath {
			if res := idx[u]; res == nil || !res.Custom {
				t.Errorf("%s: critical path entry %s is not a deployed resource", env, u)
			}
		}
		if n := len(p.Deploy.Dominant); n == 0 || n > 3 {
			t.Errorf("%s: %d dominant resources", env, n)
		}
	}
}

// TestEveryRegisteredTypeHasACatalogueEntry walks the plan of every environment in
// environments/ and fails for a type the program registers without a complete
// entry in the resource-type catalogue (internal/model/catalog): priced (by a rule
// of the cost model, or free with the reason) and timed.
func TestEveryRegisteredTypeHasACatalogueEntry(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(envDir, "Pulumi.*.yaml"))
	if err != nil || len(files) < len(shipped) {
		t.Fatalf("environments: %v (%d files)", err, len(files))
	}
	plans := shippedPlans(t)
	for _, f := range files {
		env := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml")
		r, ok := plans[env]
		if !ok {
			r, err = Plan(Options{Dir: envDir, Stack: env, Now: testNow, Mode: plan.ModeApplied})
			if err != nil {
				t.Fatalf("planning %s: %v", env, err)
			}
		}
		if len(r.Plan.Summary.ByType) == 0 {
			t.Fatalf("%s: the plan registers no types", env)
		}
		// A generic resource (azure-native:resources:Resource) is looked up as the
		// ARM type its inputs declare (catalog.Resolve), so each ARM type needs its
		// own entry; the bare generic type has none.
		for token := range catalogTypes(r.Plan) {
			e, ok := catalog.Lookup(token)
			if !ok {
				t.Errorf("%s: the program registers %s, which has no entry in internal/model/catalog (see README, \"Adding a resource type\")", env, token)
				continue
			}
			if err := e.Check(); err != nil {
				t.Errorf("%s: %v", env, err)
			}
		}
	}
	// The models read the catalogue: each registered type is priced or free, and timed.
	d, _ := deploytime.DefaultDurations()
	for token := range catalogTypes(plans["prod"].Plan) {
		if _, ok := d.For(token); !ok {
			t.Errorf("prod: %s has no create duration in the deploy-time model", token)
		}
	}
	for _, urn := range plans["prod"].Plan.Cost.NotPriced {
		t.Errorf("prod: %s is not priced: %s", urn, plans["prod"].Plan.Cost.NotPricedReasons[urn])
	}
}

// catalogTypes are the catalogue keys of a plan's deployed resources.
func catalogTypes(p *plan.Plan) map[string]bool {
	out := map[string]bool{}
	for i := range p.Resources {
		if p.Resources[i].Custom {
			out[p.Resources[i].CatalogType()] = true
		}
	}
	return out
}
