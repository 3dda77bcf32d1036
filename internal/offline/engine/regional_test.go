package engine

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
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

// prodWith evaluates the shipped prod stack config changed by edit (in mode).
func prodWith(t *testing.T, mode plan.Mode, edit func(values map[string]string)) *plan.Plan {
	t.Helper()
	sc, err := spec.ReadStackFile(filepath.Join(envDir, "Pulumi.prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	values := maps.Clone(sc.Values)
	edit(values)
	p, err := EvaluateMode("prod", &spec.StackConfig{Values: values, Secrets: sc.Secrets}, testNow, mode)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// meshProd is prod with network.peering: mesh.
func meshProd(t *testing.T) *plan.Plan {
	return prodWith(t, plan.ModeApplied, func(v map[string]string) { v[spec.Namespace+":network"] = `{"peering":"mesh"}` })
}

// TestPeeringOnlyWhenAsked checks the shipped environments (no network.peering) have
// no peering at all, and network.peering: mesh peers every ordered pair of regions.
func TestPeeringOnlyWhenAsked(t *testing.T) {
	for env, r := range shippedPlans(t) {
		if got := r.Plan.Summary.ByType["azure-native:network:VirtualNetworkPeering"]; got != 0 {
			t.Errorf("%s: %d peerings, want none unless network.peering asks", env, got)
		}
	}
	n := len(shippedPlans(t)["prod"].Spec.Regions)
	if got := meshProd(t).Summary.ByType["azure-native:network:VirtualNetworkPeering"]; got != n*(n-1) {
		t.Errorf("mesh: %d peerings for %d regions, want %d", got, n, n*(n-1))
	}
}

// TestRemovingARegionChangesNoOtherRegion removes prod's first region and checks
// every resource of every other region keeps its URN, inputs, dependencies and
// property dependencies — in a preview and as a deployed stack — and that nothing
// of another region is added or removed: regions are independent stamps.
func TestRemovingARegionChangesNoOtherRegion(t *testing.T) {
	for _, mode := range plan.Modes {
		before := shippedPlansIn(t, mode)["prod"]
		removed := before.Spec.Regions[0].Name
		after := prodWith(t, mode, func(v map[string]string) {
			var regions []json.RawMessage
			if err := json.Unmarshal([]byte(v[spec.Namespace+":regions"]), &regions); err != nil {
				t.Fatal(err)
			}
			js, _ := json.Marshal(regions[1:])
			v[spec.Namespace+":regions"] = string(js)
		})
		afterIdx := after.Index()
		kept := 0
		for _, res := range before.Plan.Resources {
			if res.Region == "" || res.Region == removed {
				continue
			}
			kept++
			got, ok := afterIdx[res.URN]
			if !ok {
				t.Errorf("%s: %s is gone (or renamed) after removing %s", mode, res.URN, removed)
				continue
			}
			if diff := cmp.Diff(res, *got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s: %s changes when %s is removed (-before +after):\n%s", mode, res.Name, removed, diff)
			}
		}
		if kept == 0 {
			t.Fatalf("%s: no resources of other regions to compare", mode)
		}
		beforeIdx := before.Plan.Index()
		for _, res := range after.Resources {
			if _, ok := beforeIdx[res.URN]; !ok && res.Region != "" {
				t.Errorf("%s: %s (%s) is new after removing %s", mode, res.Name, res.Region, removed)
			}
			if res.Region == removed {
				t.Errorf("%s: %s still in the removed region", mode, res.Name)
			}
		}
	}
}

// TestPeeringsOfOneVNetNeverOverlap checks that the peerings created on one VNet
// are ordered in the dependency graph (Azure runs one operation at a time on a
// VNet), in a chain of n-1 per VNet, and that chains of different VNets are
// independent, so the mesh's depth does not grow with the product of regions.
func TestPeeringsOfOneVNetNeverOverlap(t *testing.T) {
	p := meshProd(t)
	idx := p.Index()
	byLocal := map[string][]string{}
	for _, res := range p.Resources {
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
	n := len(shippedPlans(t)["prod"].Spec.Regions)
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
