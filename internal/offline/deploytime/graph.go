package deploytime

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// AKS resource types the one-operation-per-cluster rule applies to.
const (
	managedClusterType = "azure-native:containerservice:ManagedCluster"
	agentPoolType      = "azure-native:containerservice:AgentPool"
)

// serializeOn maps a type to the type of the resource its operations serialize on:
// Azure rejects a second concurrent write with 409 Conflict, so operations of the
// same owner run one at a time.
//
// NOTE: AKS runs one operation per cluster (a second node pool create fails with
// OperationNotAllowed), and Entra ID accepts one federated identity credential write
// per managed identity at a time (ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).
var serializeOn = map[string]string{
	agentPoolType: managedClusterType,
	"azure-native:managedidentity:FederatedIdentityCredential": "azure-native:managedidentity:UserAssignedIdentity",
}

// Node is one deployed (custom) resource: an operation of the engine.
type Node struct {
	URN string
	// Type is the resource type without an explicit API version.
	Type    string
	Seconds float64
	// Defaulted is true when the duration table has no entry for the type.
	Defaulted bool
	// Deps are the nodes that must finish before this one starts.
	Deps []int
	// Lock is the node index of the resource this operation serializes on (an AgentPool's
	// AKS cluster, see serializeOn), or -1.
	Lock int
}

// Graph is the plan's dependency graph over deployed resources.
type Graph struct {
	Nodes []Node
	succ  [][]int
}

// Build turns a plan into the graph the engine schedules:
//
//   - explicit dependencies and property dependencies are edges;
//   - a dependency on a component stands for its custom descendants (the SDK expands
//     DependsOn(component) the same way): a component completes when its children do;
//   - a child waits for a custom parent (its URN resolves only once the parent is
//     created) but not for a component parent, whose URN is known at registration:
//     components are not deployed objects and take no time;
//   - AgentPool resources lock the ManagedCluster they depend on: AKS runs one
//     operation per cluster at a time, so pools of a cluster serialize (likewise
//     federated identity credentials of one identity, see serializeOn).
//
// Dependencies on URNs that are not in the plan (providers, external resources)
// are ignored. A cycle is an error naming the resources on it.
func Build(p *plan.Plan, d *Durations) (*Graph, error) {
	byURN := make(map[string]*plan.Resource, len(p.Resources))
	children := map[string][]string{}
	for i := range p.Resources {
		r := &p.Resources[i]
		byURN[r.URN] = r
		if r.Parent != "" {
			children[r.Parent] = append(children[r.Parent], r.URN)
		}
	}
	g := &Graph{}
	index := map[string]int{}
	for i := range p.Resources {
		r := &p.Resources[i]
		if !r.Custom {
			continue
		}
		typ := r.CatalogType() // an explicit API version does not change the duration; a generic resource is timed as its ARM type
		secs, ok := d.For(typ)
		index[r.URN] = len(g.Nodes)
		g.Nodes = append(g.Nodes, Node{URN: r.URN, Type: typ, Seconds: secs, Defaulted: !ok, Lock: -1})
	}
	memo := map[string][]int{}
	var descendants func(urn string, depth int) []int
	descendants = func(urn string, depth int) []int {
		if v, ok := memo[urn]; ok {
			return v
		}
		memo[urn] = nil // guards against parent cycles in hand-edited plans
		var out []int
		if depth < 256 {
			for _, c := range children[urn] {
				if i, ok := index[c]; ok {
					out = append(out, i)
				} else {
					out = append(out, descendants(c, depth+1)...)
				}
			}
		}
		memo[urn] = out
		return out
	}
	for i := range g.Nodes {
		n := &g.Nodes[i]
		r := byURN[n.URN]
		deps := map[int]bool{}
		add := func(u string) {
			if j, ok := index[u]; ok {
				deps[j] = true
				return
			}
			if _, ok := byURN[u]; ok {
				for _, j := range descendants(u, 0) {
					deps[j] = true
				}
			}
		}
		for _, u := range r.Dependencies {
			add(u)
		}
		for _, us := range r.PropertyDependencies {
			for _, u := range us {
				add(u)
			}
		}
		if j, ok := index[r.Parent]; ok {
			deps[j] = true
		}
		delete(deps, i)
		for j := range deps {
			n.Deps = append(n.Deps, j)
		}
		sort.Ints(n.Deps)
		if owner, ok := serializeOn[n.Type]; ok {
			for _, j := range n.Deps {
				if g.Nodes[j].Type == owner {
					n.Lock = j
					break
				}
			}
		}
	}
	g.succ = make([][]int, len(g.Nodes))
	for i, n := range g.Nodes {
		for _, j := range n.Deps {
			g.succ[j] = append(g.succ[j], i)
		}
	}
	if cyc := g.cycle(); len(cyc) > 0 {
		names := make([]string, len(cyc))
		for k, i := range cyc {
			names[k] = g.Nodes[i].URN
		}
		return nil, fmt.Errorf("dependency cycle: %s", strings.Join(names, " -> "))
	}
	return g, nil
}

// cycle returns the nodes of one dependency cycle, or nil.
func (g *Graph) cycle() []int {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(g.Nodes))
	stack := []int{}
	var found []int
	var visit func(i int) bool
	visit = func(i int) bool {
		color[i] = grey
		stack = append(stack, i)
		for _, j := range g.Nodes[i].Deps {
			switch color[j] {
			case grey:
				for k := len(stack) - 1; k >= 0; k-- {
					if stack[k] == j {
						found = append(append([]int{}, stack[k:]...), j)
						return true
					}
				}
			case white:
				if visit(j) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
		return false
	}
	for i := range g.Nodes {
		if color[i] == white && visit(i) {
			return found
		}
	}
	return nil
}

// DefaultedTypes returns the types of the graph that used the table's default duration.
func (g *Graph) DefaultedTypes() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range g.Nodes {
		if n.Defaulted && !seen[n.Type] {
			seen[n.Type] = true
			out = append(out, n.Type)
		}
	}
	sort.Strings(out)
	return out
}

// TotalSeconds is the sum of every operation's duration (a fully serial deploy).
func (g *Graph) TotalSeconds() float64 {
	var s float64
	for _, n := range g.Nodes {
		s += n.Seconds
	}
	return s
}
