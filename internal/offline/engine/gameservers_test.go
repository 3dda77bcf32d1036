package engine

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

// environmentFiles lists every environment shipped in environments/ (the requests'
// generated ones included).
func environmentFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(envDir, "Pulumi.*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no environments in %s: %v", envDir, err)
	}
	var out []string
	for _, f := range files {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml"))
	}
	return out
}

// TestEveryRegionHostsGameServers: in every region of every shipped environment the
// program registers the Kubernetes provider, the Agones release, the game namespace,
// the two annotated service accounts, the fleet and its autoscaler, with inputs tied
// to the spec — the release's host port range is the very range the game subnet's
// NSG opens, the fleet's image is the environment's registry, the service accounts
// name their region's workload identities and the autoscaler's bounds are the
// capacity model's.
func TestEveryRegionHostsGameServers(t *testing.T) {
	for _, env := range environmentFiles(t) {
		r, err := Plan(Options{Dir: envDir, Stack: env, Now: testNow, Mode: plan.ModeApplied})
		if err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		s := r.Spec
		names := map[string]plan.Resource{}
		for _, res := range r.Plan.Resources {
			names[res.Name] = res
		}
		get := func(name string) (plan.Resource, bool) {
			res, ok := names[name]
			if !ok {
				t.Errorf("%s: no resource %s", env, name)
			}
			return res, ok
		}
		registry := ""
		for _, res := range r.Plan.Resources {
			if catalog.BaseType(res.Type) == "azure-native:containerregistry:Registry" {
				registry, _ = res.Inputs["registryName"].(string)
			}
		}
		sizing, err := s.Sizing()
		if err != nil {
			t.Fatal(err)
		}
		for i, region := range s.Regions {
			p := region.Name + "-gameservers"
			prov, _ := get(p + "-k8s")
			cluster, _ := get(region.Name + "-cluster-aks")
			// The offline plan's fake IDs carry the API version; the segments that
			// identify the cluster are the resource group and the cluster's name.
			id, _ := prov.Inputs["clusterIdentifier"].(string)
			if prov.Type != "pulumi:providers:kubernetes" || !strings.Contains(id, fmt.Sprintf("/resourceGroups/%v/", cluster.Inputs["resourceGroupName"])) ||
				!strings.HasSuffix(id, fmt.Sprintf("/managedClusters/%v", cluster.Inputs["resourceName"])) {
				t.Errorf("%s/%s: provider %s clusterIdentifier %v, want the cluster's ID", env, region.Name, prov.Type, prov.Inputs["clusterIdentifier"])
			}
			if prov.Inputs["kubeconfig"] != plan.SecretMask {
				t.Errorf("%s/%s: the kubeconfig is not secret: %v", env, region.Name, prov.Inputs["kubeconfig"])
			}
			rel, _ := get(p + "-agones")
			plantest.Expect(t, rel, map[string]any{"chart": agones.Chart, "version": agones.Version})
			lo, hi := plantest.Input(rel, "values.gameservers.minPort"), plantest.Input(rel, "values.gameservers.maxPort")
			nsg, _ := get(region.Name + "-network-nsg-game")
			opened := ""
			rules, _ := nsg.Inputs["securityRules"].([]any)
			for _, rule := range rules {
				m, _ := rule.(map[string]any)
				if m["access"] == "Allow" && m["direction"] == "Inbound" && m["protocol"] == "Udp" && m["sourceAddressPrefix"] == "Internet" &&
					strings.Contains(fmt.Sprint(m["destinationPortRange"]), "-") {
					opened = fmt.Sprint(m["destinationPortRange"])
				}
			}
			if got := fmt.Sprintf("%v-%v", lo, hi); opened == "" || got != opened || got != fmt.Sprintf("%d-%d", s.GamePorts.Start, s.GamePorts.End) {
				t.Errorf("%s/%s: Agones allocates host ports %s, the game NSG opens %q, gamePorts is %d-%d", env, region.Name, got, opened, s.GamePorts.Start, s.GamePorts.End)
			}
			ns, _ := get(p + "-ns")
			plantest.Expect(t, ns, map[string]any{"metadata.name": "game"})
			for _, w := range []string{"gameserver", "gameapi"} {
				sa, _ := get(p + "-sa-" + w)
				id, _ := get("global-id-" + w + "-" + region.Name + "-id")
				ann, _ := plantest.Input(sa, "metadata.annotations").(map[string]any)
				if want := "client-" + fmt.Sprint(id.Inputs["resourceName"]); ann["azure.workload.identity/client-id"] != want {
					t.Errorf("%s/%s: service account %s annotated %v, want its identity's client ID %s", env, region.Name, w, ann, want)
				}
			}
			fleet, _ := get(p + "-fleet")
			plantest.Expect(t, fleet, map[string]any{
				"spec.template.spec.template.spec.containers.0.image": registry + ".azurecr.io/" + s.GameServer.Image,
				"spec.template.spec.ports.0.containerPort":            float64(s.GameServer.Port),
			})
			f := sizing[i].Fleet()
			plantest.Expect(t, names[p+"-autoscaler"], map[string]any{
				"spec.fleetName":                 s.Game,
				"spec.policy.buffer.bufferSize":  float64(f.Standby),
				"spec.policy.buffer.minReplicas": float64(f.Min),
				"spec.policy.buffer.maxReplicas": float64(f.Max),
			})
		}
	}
}

// TestKubernetesInputsAreStable: planning the same environment twice gives
// identical Kubernetes inputs (no generated certificate, timestamp or random value),
// so a second `pulumi up` changes nothing in the clusters.
func TestKubernetesInputsAreStable(t *testing.T) {
	k8s := func() map[string]map[string]any {
		r, err := Plan(Options{Dir: envDir, Stack: "staging", Now: testNow, Mode: plan.ModeApplied})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]map[string]any{}
		for _, res := range r.Plan.Resources {
			if strings.HasPrefix(res.Type, "kubernetes:") || res.Type == "pulumi:providers:kubernetes" {
				out[res.URN] = res.Inputs
			}
		}
		return out
	}
	a, b := k8s(), k8s()
	if len(a) == 0 {
		t.Fatal("staging registers no Kubernetes resources")
	}
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("two plans of staging differ in Kubernetes inputs (-first +second):\n%s", d)
	}
}

// TestGameServersCriticalPath: prod's deploy-time floor stays within 10% of the
// chains no deployment can avoid, however many regions: resource group, VNet, AKS,
// the Agones release, the fleet — and, since AKS creates a cluster's node pools one
// at a time (components/gamecluster), resource group, VNet, AKS and the largest
// region's game pools one after another.
func TestGameServersCriticalPath(t *testing.T) {
	r := shippedPlans(t)["prod"]
	secs := func(typ string) float64 {
		e, ok := catalog.Lookup(typ)
		if !ok {
			t.Fatalf("no catalogue entry for %s", typ)
		}
		return e.Create.Seconds
	}
	base := secs("azure-native:resources:ResourceGroup") + secs("azure-native:network:VirtualNetwork") + secs("azure-native:containerservice:ManagedCluster")
	workloads := base + secs("kubernetes:helm.sh/v3:Release") + secs("kubernetes:agones.dev/v1:Fleet")
	sizing, err := r.Spec.Sizing()
	if err != nil {
		t.Fatal(err)
	}
	pools := 0
	for _, p := range sizing {
		pools = max(pools, len(p.GamePools))
	}
	poolChain := base + float64(pools)*secs("azure-native:containerservice:AgentPool")
	chain := max(workloads, poolChain)
	d, err := deploytime.DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	g, err := deploytime.Build(r.Plan, d)
	if err != nil {
		t.Fatal(err)
	}
	floor := g.Schedule(0)
	if floor.Makespan > 1.1*chain {
		var path []string
		for _, i := range floor.Path {
			path = append(path, fmt.Sprintf("%s %s (%vs)", g.Nodes[i].Type, g.Nodes[i].URN[strings.LastIndex(g.Nodes[i].URN, "::")+2:], g.Nodes[i].Seconds))
		}
		t.Errorf("prod's critical path takes %vs, more than 10%% over the unavoidable chain (%vs: RG → VNet → AKS → Agones → fleet %vs, RG → VNet → AKS → %d pools %vs):\n  %s",
			floor.Makespan, chain, workloads, pools, poolChain, strings.Join(path, "\n  "))
	}
	last := g.Nodes[floor.Path[len(floor.Path)-1]]
	if last.Type != "kubernetes:agones.dev/v1:Fleet" && !strings.HasSuffix(last.Type, ":AgentPool") {
		t.Errorf("prod's deployment ends with %s %s, want a fleet or a game pool (nothing else may lengthen it)", last.Type, last.URN)
	}
}
