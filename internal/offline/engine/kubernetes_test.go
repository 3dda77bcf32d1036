package engine

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/review"
)

// TestKubernetesTypesAreFirstClass runs every model on the in-cluster resources the
// program registers (components/gameservers: a Kubernetes provider, the game
// namespace, service accounts, the Agones Helm release, the fleet and its
// autoscaler in every region of prod): the cost model prices them free with the
// catalogue's reason (they run on the already-priced nodes), the deploy-time model
// times them from the catalogue, the review shows them under their display names
// when they are created, and the Azure rules on tags, locations and diagnostic
// settings do not apply to them, even to inputs that happen to be named like
// Azure's; only the workload policies judge them.
func TestKubernetesTypesAreFirstClass(t *testing.T) {
	base := shippedPlans(t)["prod"]
	p := *base.Plan
	p.Resources = append([]plan.Resource{}, base.Plan.Resources...)
	p.PolicyResults = nil
	p.Cost, p.Deploy = plan.Cost{}, plan.Deploy{Parallelism: base.Plan.Deploy.Parallelism}

	var k8s []string
	typeOf := map[string]string{}
	byType := map[string]int{}
	regions := map[string]bool{}
	for i, r := range p.Resources {
		if !r.Custom || catalog.IsAzure(r.Type) {
			continue
		}
		if strings.HasPrefix(r.Type, "kubernetes:") || r.Type == "pulumi:providers:kubernetes" {
			k8s = append(k8s, r.URN)
			typeOf[r.URN] = r.Type
			byType[r.Type]++
			regions[r.Region] = true
			if r.Type == "kubernetes:core/v1:ServiceAccount" {
				// Inputs named like Azure's are not Azure's: no rule on locations
				// or tags may judge them.
				in := map[string]any{}
				for k, v := range r.Inputs {
					in[k] = v
				}
				in["location"], in["tags"] = "marsnorth", map[string]any{"environment": "dev"}
				p.Resources[i].Inputs = in
			}
		}
	}
	n := len(base.Spec.Regions)
	for typ, want := range map[string]int{
		"pulumi:providers:kubernetes": n, "kubernetes:core/v1:Namespace": n, "kubernetes:core/v1:ServiceAccount": 2 * n,
		"kubernetes:helm.sh/v3:Release": n, "kubernetes:agones.dev/v1:Fleet": n, "kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler": n,
	} {
		if byType[typ] != want {
			t.Errorf("prod registers %d %s, want %d (one per region)", byType[typ], typ, want)
		}
	}
	if len(regions) != n || regions[""] {
		t.Errorf("in-cluster resources in regions %v; want each in its region's subtree", regions)
	}

	if err := analyze(&p, base.Spec); err != nil {
		t.Fatal(err)
	}

	// Cost: free with the catalogue's reason, none left unpriced.
	for _, urn := range k8s {
		if v, ok := p.Cost.ByResource[urn]; !ok || v != 0 {
			t.Errorf("cost: %s = %v (priced %v); want a free item", urn, v, ok)
		}
	}
	for _, urn := range p.Cost.NotPriced {
		t.Errorf("cost: %s is not priced: %s", urn, p.Cost.NotPricedReasons[urn])
	}
	if p.Cost.MonthlyUSD != base.Plan.Cost.MonthlyUSD {
		t.Errorf("cost: in-cluster resources changed the estimate from %v to %v; they run on nodes already priced", base.Plan.Cost.MonthlyUSD, p.Cost.MonthlyUSD)
	}

	// Deploy time: each timed from its entry, none at the default.
	d, _ := deploytime.DefaultDurations()
	g, err := deploytime.Build(&p, d)
	if err != nil {
		t.Fatal(err)
	}
	timed := map[string]float64{}
	for _, n := range g.Nodes {
		if n.Defaulted {
			t.Errorf("deploy time: %s (%s) has no duration of its own", n.URN, n.Type)
		}
		timed[n.URN] = n.Seconds
	}
	for _, urn := range k8s {
		if e, _ := catalog.Lookup(typeOf[urn]); timed[urn] != e.Create.Seconds {
			t.Errorf("deploy time: %s takes %vs, want the catalogue's %vs", urn, timed[urn], e.Create.Seconds)
		}
	}
	for _, typ := range p.Deploy.DefaultedTypes {
		t.Errorf("deploy time: type %s defaulted", typ)
	}

	// Policies: only the workload policies judge in-cluster resources, and the
	// verdicts are those of the plan itself.
	workload := map[string]bool{"gameserver-pod-security": true, "fleet-ports-in-game-range": true, "agones-chart-pinned": true,
		"fleet-standby": true, "fleet-autoscaler-within-pools": true}
	isK8s := map[string]bool{}
	for _, urn := range k8s {
		isK8s[urn] = true
	}
	for _, res := range p.PolicyResults {
		if isK8s[res.URN] && !workload[res.Policy] {
			t.Errorf("policy %s judged %s: %s", res.Policy, res.URN, res.Message)
		}
	}
	if len(p.PolicyResults) != len(base.Plan.PolicyResults) {
		t.Errorf("policies: %d results with Azure-named inputs on a service account, %d without", len(p.PolicyResults), len(base.Plan.PolicyResults))
	}

	// Review: against the plan without them, each is created, in its region, under
	// its display name, not dangerous.
	before := *base.Plan
	before.Resources = nil
	for _, r := range base.Plan.Resources {
		if !isK8s[r.URN] {
			before.Resources = append(before.Resources, r)
		}
	}
	// Review: created, in their region, under their display names, not dangerous.
	rv, err := review.FromPlans(&before, base.Plan, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]review.Change{}
	for _, c := range rv.Changes {
		shown[c.URN] = c
	}
	for _, urn := range k8s {
		if catalog.IsProvider(typeOf[urn]) {
			continue // providers are not counted as changes
		}
		c, ok := shown[urn]
		if !ok {
			t.Errorf("review: %s is not shown", urn)
			continue
		}
		if c.Op != review.OpCreate || c.Region == "" || c.Danger {
			t.Errorf("review: %s shown as %+v; want a plain create in its region", urn, c)
		}
	}
	md := review.RenderMarkdown(rv, review.MarkdownOptions{})
	for _, want := range []string{"helm:Release", "k8s:Namespace", "k8s:ServiceAccount", "agones:Fleet", "agones:FleetAutoscaler", "1.57.0", "gameserver:"} {
		if !strings.Contains(md, want) {
			t.Errorf("review comment lacks %q", want)
		}
	}
}
