package deploytime

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/offline/plan"
)

const (
	rgType   = "azure-native:resources:ResourceGroup"
	vnetType = "azure-native:network:VirtualNetwork"
	compType = "gameplatform:test:Component"
)

// durations is a small table with round numbers so expected schedules are easy to
// compute by hand.
func durations() *Durations {
	return &Durations{
		Source: "test", AsOf: "test",
		Default: Entry{Seconds: 7, Basis: "default"},
		Types: map[string]Entry{
			"t:10":             {Seconds: 10, Basis: "x"},
			"t:20":             {Seconds: 20, Basis: "x"},
			"t:30":             {Seconds: 30, Basis: "x"},
			managedClusterType: {Seconds: 300, Basis: "x"},
			agentPoolType:      {Seconds: 200, Basis: "x"},
		},
	}
}

func urn(name string) string { return "urn:pulumi:test::p::t::" + name }

// node is a custom resource named name of type typ depending on deps (names).
func node(name, typ string, deps ...string) plan.Resource {
	r := plan.Resource{URN: urn(name), Type: typ, Name: name, Custom: true}
	for _, d := range deps {
		r.Dependencies = append(r.Dependencies, urn(d))
	}
	return r
}

func build(t *testing.T, rs ...plan.Resource) *Graph {
	t.Helper()
	g, err := Build(&plan.Plan{Resources: rs}, durations())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func pathNames(g *Graph, s *Schedule) []string {
	var out []string
	for _, i := range s.Path {
		out = append(out, g.Nodes[i].URN[strings.LastIndex(g.Nodes[i].URN, "::")+2:])
	}
	return out
}

func startOf(g *Graph, s *Schedule, name string) float64 {
	for i, n := range g.Nodes {
		if n.URN == urn(name) {
			return s.Start[i]
		}
	}
	return -1
}

func TestChainAndDiamond(t *testing.T) {
	// a(10) -> b(20) -> d(10); a -> c(30) -> d: the critical path goes through c.
	g := build(t,
		node("a", "t:10"),
		node("b", "t:20", "a"),
		node("c", "t:30", "a"),
		node("d", "t:10", "b", "c"),
	)
	s := g.Schedule(0)
	if s.Makespan != 50 {
		t.Errorf("makespan = %v, want 50", s.Makespan)
	}
	if diff := cmp.Diff([]string{"a", "c", "d"}, pathNames(g, s)); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
	if g.TotalSeconds() != 70 {
		t.Errorf("total = %v", g.TotalSeconds())
	}
	// Serial engine: everything one after another.
	if s1 := g.Schedule(1); s1.Makespan != 70 {
		t.Errorf("parallelism 1 makespan = %v, want 70", s1.Makespan)
	}
}

func TestParallelismBound(t *testing.T) {
	// Four independent 10 s operations.
	g := build(t, node("a", "t:10"), node("b", "t:10"), node("c", "t:10"), node("d", "t:10"))
	for _, tc := range []struct {
		p    int
		want float64
	}{{0, 10}, {1, 40}, {2, 20}, {3, 20}, {4, 10}, {100, 10}} {
		if got := g.Schedule(tc.p).Makespan; got != tc.want {
			t.Errorf("parallelism %d: makespan %v, want %v", tc.p, got, tc.want)
		}
	}
	s := g.Schedule(2)
	last := s.Path[len(s.Path)-1]
	if s.WaitedFor[last] != WaitSlot {
		t.Errorf("last operation at parallelism 2 waited for %q, want a slot", s.WaitedFor[last])
	}
	if len(s.Path) != 2 {
		t.Errorf("path = %v, want two operations (one freed the slot of the other)", pathNames(g, s))
	}
	if got := g.SuggestParallelism(); got != 4 {
		t.Errorf("suggested parallelism = %d, want 4", got)
	}
}

func TestReadyOrderIsFIFO(t *testing.T) {
	// At parallelism 1, b (ready at 0) runs before c (ready only after a).
	g := build(t, node("a", "t:10"), node("b", "t:20"), node("c", "t:10", "a"))
	s := g.Schedule(1)
	if startOf(g, s, "a") != 0 || startOf(g, s, "b") != 10 || startOf(g, s, "c") != 30 {
		t.Errorf("starts a=%v b=%v c=%v, want 0 10 30", startOf(g, s, "a"), startOf(g, s, "b"), startOf(g, s, "c"))
	}
}

func TestAgentPoolsSerializePerCluster(t *testing.T) {
	// Two clusters, each with three separately declared pools.
	rs := []plan.Resource{node("aks1", managedClusterType), node("aks2", managedClusterType)}
	for _, c := range []string{"aks1", "aks2"} {
		for _, p := range []string{"p1", "p2", "p3"} {
			rs = append(rs, node(c+"-"+p, agentPoolType, c))
		}
	}
	g := build(t, rs...)
	s := g.Schedule(0)
	// Per cluster: 300 + 3 x 200, and the two clusters proceed side by side.
	if s.Makespan != 900 {
		t.Errorf("makespan = %v, want 900", s.Makespan)
	}
	path := pathNames(g, s)
	if len(path) != 4 || !strings.HasPrefix(path[0], "aks") {
		t.Errorf("path = %v, want a cluster then its three pools", path)
	}
	waits := map[string]int{}
	for _, i := range s.Path {
		waits[s.WaitedFor[i]]++
	}
	if waits[WaitCluster] != 2 || waits[WaitDependency] != 1 {
		t.Errorf("path waits = %v, want 1 dependency and 2 cluster waits", waits)
	}
	// Pools of one cluster never overlap.
	for i, a := range g.Nodes {
		for j, b := range g.Nodes {
			if i < j && a.Lock >= 0 && a.Lock == b.Lock && s.Start[i] < s.End[j] && s.Start[j] < s.End[i] {
				t.Errorf("%s and %s overlap on one cluster", a.URN, b.URN)
			}
		}
	}
	// A pool waiting for its cluster does not hold an engine slot: with 2 slots the
	// two clusters' pools still run side by side.
	if got := g.Schedule(2).Makespan; got != 900 {
		t.Errorf("parallelism 2 makespan = %v, want 900", got)
	}
	// One slot serializes everything.
	if got := g.Schedule(1).Makespan; got != 2*300+6*200 {
		t.Errorf("parallelism 1 makespan = %v, want %v", got, 2*300+6*200)
	}
}

func TestInlinePoolsDoNotLock(t *testing.T) {
	// Resources that merely depend on a cluster (not AgentPools) run in parallel.
	g := build(t, node("aks", managedClusterType), node("x", "t:10", "aks"), node("y", "t:10", "aks"))
	if got := g.Schedule(0).Makespan; got != 310 {
		t.Errorf("makespan = %v, want 310", got)
	}
}

func TestComponentsAndParents(t *testing.T) {
	comp := plan.Resource{URN: urn("comp"), Type: compType, Name: "comp"}
	inner := plan.Resource{URN: urn("inner"), Type: compType, Name: "inner", Parent: urn("comp")}
	slow := node("slow", "t:30")
	slow.Parent = urn("comp")
	deep := node("deep", "t:20")
	deep.Parent = urn("inner")
	fast := node("fast", "t:10")
	fast.Parent = urn("comp")
	// after depends on the component: it waits for all custom descendants.
	after := node("after", "t:10", "comp")
	// childOfCustom waits for its custom parent to be created.
	childOfCustom := node("childOfCustom", "t:10")
	childOfCustom.Parent = urn("fast")
	g := build(t, comp, inner, slow, deep, fast, after, childOfCustom)
	if len(g.Nodes) != 5 {
		t.Fatalf("nodes = %d, want 5 (components are not deployed objects)", len(g.Nodes))
	}
	s := g.Schedule(0)
	for name, want := range map[string]float64{"slow": 0, "fast": 0, "deep": 0, "after": 30, "childOfCustom": 10} {
		if got := startOf(g, s, name); got != want {
			t.Errorf("%s starts at %v, want %v", name, got, want)
		}
	}
	if diff := cmp.Diff([]string{"slow", "after"}, pathNames(g, s)); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}

func TestPropertyDependenciesAndUnknownURNs(t *testing.T) {
	b := node("b", "t:10")
	b.PropertyDependencies = map[string][]string{"vnetId": {urn("a")}}
	b.Dependencies = []string{"urn:pulumi:test::p::pulumi:providers:azure-native::default"}
	g := build(t, node("a", "t:20"), b)
	if got := g.Schedule(0).Makespan; got != 30 {
		t.Errorf("makespan = %v, want 30 (property dependency is an edge; unknown URNs ignored)", got)
	}
}

func TestDefaultDurationAndDefaultedTypes(t *testing.T) {
	g := build(t, node("x", "azure-native:foo:Bar"), node("y", "t:10"))
	if g.Nodes[0].Seconds != 7 || !g.Nodes[0].Defaulted {
		t.Errorf("unknown type: %+v", g.Nodes[0])
	}
	if diff := cmp.Diff([]string{"azure-native:foo:Bar"}, g.DefaultedTypes()); diff != "" {
		t.Error(diff)
	}
}

func TestCycleIsAnError(t *testing.T) {
	_, err := Build(&plan.Plan{Resources: []plan.Resource{node("a", "t:10", "c"), node("b", "t:10", "a"), node("c", "t:10", "b")}}, durations())
	if err == nil || !strings.Contains(err.Error(), "dependency cycle") || !strings.Contains(err.Error(), urn("a")) {
		t.Errorf("err = %v", err)
	}
}

func TestEstimateFillsPlan(t *testing.T) {
	p := &plan.Plan{Resources: []plan.Resource{node("a", "t:10"), node("b", "t:20", "a"), node("c", "t:30", "a"), node("d", "t:10", "b", "c")}}
	r, err := Estimate(p, durations(), 1)
	if err != nil {
		t.Fatal(err)
	}
	var d plan.Deploy
	r.Fill(&d)
	if d.CriticalPathSeconds != 70 || d.UnboundedSeconds != 50 || d.Parallelism != 1 || d.SuggestedParallelism != 2 {
		t.Errorf("deploy = %+v", d)
	}
	if len(d.Dominant) != 3 || d.Dominant[0].Type != "t:30" || d.Dominant[1].Type != "t:20" {
		t.Errorf("dominant = %+v", d.Dominant)
	}
	if len(d.CriticalPath) != len(d.Steps) || d.CriticalPath[0] != urn("a") {
		t.Errorf("critical path = %v", d.CriticalPath)
	}
}

func TestShippedDurationTable(t *testing.T) {
	d, err := DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	for typ, want := range map[string][2]float64{
		managedClusterType:                    {240, 420}, // 4-7 min
		agentPoolType:                         {300, 420}, // 5-7 min
		"azure-native:keyvault:Vault":         {60, 180},
		"azure-native:storage:StorageAccount": {10, 60},
	} {
		got, ok := d.For(typ)
		if !ok || got < want[0] || got > want[1] {
			t.Errorf("%s: %v s (listed %v), want within %v", typ, got, ok, want)
		}
	}
}

// TestVersionedTokensKeepDurationsAndLocks: explicit API versions in type tokens do
// not lose the duration entry or the per-cluster serialization.
func TestVersionedTokensKeepDurationsAndLocks(t *testing.T) {
	g := build(t,
		node("aks", "azure-native:containerservice/v20240801:ManagedCluster"),
		node("p1", "azure-native:containerservice/v20240801:AgentPool", "aks"),
		node("p2", "azure-native:containerservice/v20240801:AgentPool", "aks"),
	)
	if got := g.Schedule(0).Makespan; got != 300+2*200 {
		t.Errorf("makespan = %v, want %v", got, 300+2*200)
	}
	if len(g.DefaultedTypes()) != 0 {
		t.Errorf("defaulted = %v", g.DefaultedTypes())
	}
}

func TestFederatedCredentialsSerializePerIdentity(t *testing.T) {
	const (
		idType  = "azure-native:managedidentity:UserAssignedIdentity"
		ficType = "azure-native:managedidentity:FederatedIdentityCredential"
	)
	d := durations()
	d.Types[idType] = Entry{Seconds: 5, Basis: "x"}
	d.Types[ficType] = Entry{Seconds: 5, Basis: "x"}
	g, err := Build(&plan.Plan{Resources: []plan.Resource{
		node("id1", idType), node("id2", idType),
		node("a", ficType, "id1"), node("b", ficType, "id1"), node("c", ficType, "id2"),
	}}, d)
	if err != nil {
		t.Fatal(err)
	}
	// id1's two credentials run one after the other; id2's alongside.
	if got := g.Schedule(0).Makespan; got != 15 {
		t.Errorf("makespan = %v, want 15", got)
	}
}
