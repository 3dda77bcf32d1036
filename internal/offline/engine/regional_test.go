package engine

import (
	"strings"
	"testing"
)

// TestRegionsNeverWaitOnEachOther checks the shape of the dependency graph: a
// resource of one region depends on another region's resources only when it is a
// VNet peering (on the remote VNet, or on the previous peering of its local VNet);
// nothing but a peering depends on a peering; no resource waits on a
// component (a blanket DependsOn); the cluster does not wait for the registry.
func TestRegionsNeverWaitOnEachOther(t *testing.T) {
	for env, r := range shippedPlans(t) {
		idx := r.Plan.Index()
		clusters := 0
		for _, res := range r.Plan.Resources {
			for _, d := range res.Dependencies {
				dep, ok := idx[d]
				if !ok {
					t.Errorf("%s: %s depends on unknown %s", env, res.URN, d)
					continue
				}
				if strings.HasPrefix(dep.Type, "gameplatform:") {
					t.Errorf("%s: %s depends on component %s (blanket DependsOn)", env, res.Name, dep.Name)
				}
				const peering = "azure-native:network:VirtualNetworkPeering"
				if dep.Type == peering && res.Type != peering {
					t.Errorf("%s: %s waits on peering %s", env, res.Name, dep.Name)
				}
				if res.Region != "" && dep.Region != "" && dep.Region != res.Region &&
					!(res.Type == peering && (dep.Type == "azure-native:network:VirtualNetwork" || dep.Type == peering)) {
					t.Errorf("%s: %s (%s) waits on %s (%s)", env, res.Name, res.Region, dep.Name, dep.Region)
				}
			}
			if !strings.HasSuffix(res.Type, ":ManagedCluster") {
				continue
			}
			clusters++
			for _, d := range res.Dependencies {
				if strings.HasPrefix(idx[d].Type, "azure-native:containerregistry:") {
					t.Errorf("%s: cluster %s waits on the registry (%s)", env, res.Name, idx[d].Name)
				}
			}
		}
		if clusters != len(r.Spec.Regions) {
			t.Errorf("%s: %d clusters for %d regions", env, clusters, len(r.Spec.Regions))
		}
	}
}

// TestFullMeshPeering checks every ordered pair of regions has a peering.
func TestFullMeshPeering(t *testing.T) {
	for env, r := range shippedPlans(t) {
		n := len(r.Spec.Regions)
		got := r.Plan.Summary.ByType["azure-native:network:VirtualNetworkPeering"]
		if got != n*(n-1) {
			t.Errorf("%s: %d peerings for %d regions, want %d", env, got, n, n*(n-1))
		}
	}
}

// TestPeeringsOfOneVNetNeverOverlap checks that the peerings created on one VNet
// are ordered in the dependency graph (Azure runs one operation at a time on a
// VNet), in a chain of n-1 per VNet, and that chains of different VNets are
// independent, so the mesh's depth does not grow with the product of regions.
func TestPeeringsOfOneVNetNeverOverlap(t *testing.T) {
	r := shippedPlans(t)["prod"]
	idx := r.Plan.Index()
	byLocal := map[string][]string{}
	for _, res := range r.Plan.Resources {
		if res.Type != "azure-native:network:VirtualNetworkPeering" {
			continue
		}
		local, _, ok := strings.Cut(res.Name, "-peer-")
		if !ok {
			t.Fatalf("peering name %q", res.Name)
		}
		byLocal[local] = append(byLocal[local], res.URN)
	}
	depth := map[string]int{}
	var walk func(u string) int
	walk = func(u string) int {
		if d, ok := depth[u]; ok {
			return d
		}
		d := 1
		for _, dep := range idx[u].Dependencies {
			if idx[dep].Type == "azure-native:network:VirtualNetworkPeering" {
				d = max(d, walk(dep)+1)
			}
		}
		depth[u] = d
		return d
	}
	n := len(r.Spec.Regions)
	for local, urns := range byLocal {
		depths := map[int]bool{}
		for _, u := range urns {
			depths[walk(u)] = true
		}
		if len(urns) != n-1 || len(depths) != n-1 {
			t.Errorf("%s: %d peerings at %d distinct depths, want %d in one chain", local, len(urns), len(depths), n-1)
		}
		for d := range depths {
			if d > n-1 {
				t.Errorf("%s: a peering at depth %d; chains of different VNets must not join", local, d)
			}
		}
	}
}
