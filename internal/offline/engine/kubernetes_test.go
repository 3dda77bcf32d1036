package engine

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/review"
)

// TestKubernetesTypesAreFirstClass adds in-cluster resources (a Kubernetes provider,
// a namespace, a service account and a Helm release) to a region of the prod plan,
// as the workloads will register them, and runs every model on the result: the
// cost model prices them free with the catalogue's reason (they run on the
// already-priced nodes), the deploy-time model times them from the catalogue, the
// review shows them under their display names, and the Azure rules on tags,
// locations and diagnostic settings do not apply to them, even to inputs that happen
// to be named like Azure's.
func TestKubernetesTypesAreFirstClass(t *testing.T) {
	base := shippedPlans(t)["prod"]
	p := *base.Plan
	p.Resources = append([]plan.Resource{}, base.Plan.Resources...)
	p.PolicyResults = nil
	p.Cost, p.Deploy = plan.Cost{}, plan.Deploy{Parallelism: base.Plan.Deploy.Parallelism}

	region, regionName, cluster := "", "", ""
	for _, r := range p.Resources {
		if r.Type == plan.RegionComponentType && region == "" {
			region, regionName = r.URN, r.Name
		}
	}
	for _, r := range p.Resources {
		if r.Custom && r.Region == regionName && catalog.BaseType(r.Type) == "azure-native:containerservice:ManagedCluster" {
			cluster = r.URN
		}
	}
	if region == "" || cluster == "" {
		t.Fatalf("prod plan: region component %q, cluster %q", region, cluster)
	}
	add := func(typ, name string, inputs map[string]any, deps ...string) string {
		urn := plan.MakeURN(p.Project, p.Stack, region, typ, regionName+"-"+name)
		p.Resources = append(p.Resources, plan.Resource{URN: urn, Type: typ, Name: regionName + "-" + name, Parent: region,
			Region: regionName, Custom: true, Inputs: inputs, Dependencies: deps})
		return urn
	}
	provider := add("pulumi:providers:kubernetes", "k8s", map[string]any{"clusterIdentifier": "/subscriptions/x/aks"}, cluster)
	ns := add("kubernetes:core/v1:Namespace", "game-ns", map[string]any{
		"metadata": map[string]any{"name": "game", "labels": map[string]any{"environment": "prod"}},
		"tags":     map[string]any{"environment": "dev"}, // not Azure tags: not judged by required-tags
	}, provider)
	sa := add("kubernetes:core/v1:ServiceAccount", "game-sa", map[string]any{
		"metadata": map[string]any{"name": "game-server", "namespace": "game"},
		"location": "marsnorth", // not an Azure location: not judged by the location rules
	}, provider, ns)
	release := add("kubernetes:helm.sh/v3:Release", "agones", map[string]any{
		"chart": "agones", "version": "1.44.0", "namespace": "agones-system",
		"repositoryOpts": map[string]any{"repo": "https://agones.dev/chart/stable"},
		// The game range the NSG opens: the workload policies judge the release too.
		"values": map[string]any{"gameservers": map[string]any{"minPort": 7000.0, "maxPort": 7999.0}},
	}, provider)
	k8s := []string{provider, ns, sa, release}

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
	if e, _ := catalog.Lookup("kubernetes:helm.sh/v3:Release"); timed[release] != e.Create.Seconds {
		t.Errorf("deploy time: the release takes %vs, want the catalogue's %vs", timed[release], e.Create.Seconds)
	}
	for _, typ := range p.Deploy.DefaultedTypes {
		t.Errorf("deploy time: type %s defaulted", typ)
	}

	// Policies: the Azure rules do not judge in-cluster resources.
	for _, res := range p.PolicyResults {
		for _, urn := range k8s {
			if res.URN == urn {
				t.Errorf("policy %s judged %s: %s", res.Policy, urn, res.Message)
			}
		}
	}
	if len(p.PolicyResults) != len(base.Plan.PolicyResults) {
		t.Errorf("policies: %d results with the in-cluster resources, %d without", len(p.PolicyResults), len(base.Plan.PolicyResults))
	}

	// Review: created, in their region, under their display names, not dangerous.
	rv, err := review.FromPlans(base.Plan, &p, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]review.Change{}
	for _, c := range rv.Changes {
		shown[c.URN] = c
	}
	for _, urn := range []string{ns, sa, release} {
		c, ok := shown[urn]
		if !ok {
			t.Errorf("review: %s is not shown", urn)
			continue
		}
		if c.Op != review.OpCreate || c.Region != regionName || c.Danger {
			t.Errorf("review: %s shown as %+v; want a plain create in %s", urn, c, regionName)
		}
	}
	if len(rv.Changes) != 3 {
		t.Errorf("review: %d changes, want the 3 in-cluster resources (providers are not counted)", len(rv.Changes))
	}
	md := review.RenderMarkdown(rv, review.MarkdownOptions{})
	for _, want := range []string{"helm:Release", "k8s:Namespace", "k8s:ServiceAccount"} {
		if !strings.Contains(md, want) {
			t.Errorf("review comment lacks %q", want)
		}
	}
}
