package engine

import (
	"strings"
	"testing"
)

// TestRegionsNeverWaitOnEachOther checks the shape of the dependency graph: a
// resource of one region depends on another region's resources only when it is a
// VNet peering pointing at the remote VNet; no resource waits on a component (a
// blanket DependsOn); the cluster does not wait for the registry.
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
				if res.Region != "" && dep.Region != "" && dep.Region != res.Region &&
					!(res.Type == "azure-native:network:VirtualNetworkPeering" && dep.Type == "azure-native:network:VirtualNetwork") {
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
