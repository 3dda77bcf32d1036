package gamecluster

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

const clusterType = "azure-native:containerservice/v20240801:ManagedCluster"

var f16 = capacity.VM{Name: "Standard_F16s_v2", VCPU: 16, MemoryGiB: 32, Family: "standardFSv2Family"}

func sizing(t *testing.T, players int, prod bool) capacity.Plan {
	t.Helper()
	var opts capacity.Options // AKS's own pool cap, the default system pool
	if prod {
		opts.SystemPool = tier.Of(spec.TierProd).SystemPool
	}
	p, err := capacity.Size(capacity.Demand{PeakPlayers: players, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func testArgs(t *testing.T, tier spec.Tier, players int) *Args {
	return &Args{
		Interface: shared.Interface{
			Tags: map[string]string{"environment": "test"}, Tier: tier, Protect: tier == spec.TierProd,
			WorkspaceID: pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
		},
		Identity:            naming.Identity{Studio: "nebula", Game: "starfall", Env: "test"},
		RegionCode:          "jpe",
		Location:            "japaneast",
		RegionHasZones:      true,
		ResourceGroupName:   pulumi.String("rg-starfall-test-jpe"),
		KubernetesVersion:   "1.33",
		APIServer:           APIServer{AuthorizedRanges: []string{"198.51.100.0/24"}},
		AdminGroupObjectIDs: []string{"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"},
		Capacity:            sizing(t, players, tier == spec.TierProd),
		Ports:               spec.PortRange{Start: 7000, End: 7999, QoSPort: 3075},
		SystemSubnetID:      pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/system"),
		GameSubnetID:        pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/game"),
		RegistryID:          pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr"),
	}
}

func run(t *testing.T, args *Args) map[string]plan.Resource {
	t.Helper()
	res := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewGameCluster(ctx, "jpe-cluster", args)
		return err
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return res.ByName()
}

func obj(m map[string]any, path ...string) map[string]any {
	for _, p := range path {
		m, _ = m[p].(map[string]any)
	}
	return m
}

func TestProdCluster(t *testing.T) {
	res := run(t, testArgs(t, spec.TierProd, 200000))
	aks := res["jpe-cluster-aks"]
	if aks.Type != clusterType {
		t.Fatalf("cluster type = %s", aks.Type)
	}
	in := aks.Inputs
	checks := []struct {
		what string
		got  any
		want any
	}{
		{"sku tier", obj(in, "sku")["tier"], "Standard"},
		{"local accounts disabled", in["disableLocalAccounts"], true},
		{"aad managed", obj(in, "aadProfile")["managed"], true},
		{"azure rbac", obj(in, "aadProfile")["enableAzureRBAC"], true},
		{"oidc issuer", obj(in, "oidcIssuerProfile")["enabled"], true},
		{"workload identity", obj(in, "securityProfile", "workloadIdentity")["enabled"], true},
		{"network plugin", obj(in, "networkProfile")["networkPlugin"], "azure"},
		{"overlay", obj(in, "networkProfile")["networkPluginMode"], "overlay"},
		{"network policy", obj(in, "networkProfile")["networkPolicy"], "cilium"},
		{"dataplane", obj(in, "networkProfile")["networkDataplane"], "cilium"},
		{"upgrade channel", obj(in, "autoUpgradeProfile")["upgradeChannel"], "patch"},
		{"node OS channel", obj(in, "autoUpgradeProfile")["nodeOSUpgradeChannel"], "NodeImage"},
		{"identity type", obj(in, "identity")["type"], "UserAssigned"},
		{"omsagent", obj(in, "addonProfiles", "omsagent")["enabled"], true},
		{"omsagent workspace", obj(in, "addonProfiles", "omsagent", "config")["logAnalyticsWorkspaceResourceID"], "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"},
		{"private cluster", obj(in, "apiServerAccessProfile")["enablePrivateCluster"], false},
		{"authorized ranges", obj(in, "apiServerAccessProfile")["authorizedIPRanges"], []any{"198.51.100.0/24"}},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.what, diff)
		}
	}
	if kid := obj(in, "identityProfile", "kubeletidentity"); kid["objectId"] != "principal-id-kubelet-starfall-test-jpe" || kid["resourceId"] == nil {
		t.Errorf("kubelet identity profile = %v", kid)
	}

	// Only the system pool is inline; the cluster ignores agentPoolProfiles after
	// creation, since Azure refuses pool changes through the cluster.
	profiles := in["agentPoolProfiles"].([]any)
	if len(profiles) != 1 {
		t.Fatalf("%d inline pools, want the system pool only", len(profiles))
	}
	if diff := cmp.Diff([]string{"agentPoolProfiles"}, aks.IgnoreChanges); diff != "" {
		t.Errorf("cluster ignoreChanges (-want +got):\n%s", diff)
	}
	sys := profiles[0].(map[string]any)
	if sys["mode"] != "System" || cmp.Diff([]any{"CriticalAddonsOnly=true:NoSchedule"}, sys["nodeTaints"]) != "" || sys["enableNodePublicIP"] != nil ||
		!strings.HasSuffix(sys["vnetSubnetID"].(string), "/subnets/system") {
		t.Errorf("system pool = %v", sys)
	}
	pools := []map[string]any{sys}
	// The game pools are AgentPool resources, created one after the other (AKS
	// runs one pool operation per cluster at a time).
	prev := aks.URN
	for i, n := range []string{"game1", "game2", "game3"} {
		ap, ok := res["jpe-cluster-"+n]
		if !ok {
			t.Fatalf("no AgentPool %s for 200k players", n)
		}
		if ap.Type != "azure-native:containerservice/v20240801:AgentPool" || ap.Inputs["agentPoolName"] != n || ap.Inputs["resourceName"] != aks.Inputs["resourceName"] {
			t.Errorf("pool %d: type %s inputs %v", i, ap.Type, ap.Inputs)
		}
		if !slicesContains(ap.Dependencies, prev) {
			t.Errorf("%s does not wait for %s: %v", n, prev, ap.Dependencies)
		}
		if cmp.Diff([]string{"count"}, ap.IgnoreChanges) != "" || !ap.DeleteBeforeReplace {
			t.Errorf("%s: ignoreChanges %v deleteBeforeReplace %v; want count ignored and the old pool deleted before its replacement", n, ap.IgnoreChanges, ap.DeleteBeforeReplace)
		}
		prev = ap.URN
		pools = append(pools, ap.Inputs)
	}
	if _, ok := res["jpe-cluster-game4"]; ok {
		t.Error("a fourth game pool")
	}
	wantBounds := [][2]float64{{3, 6}, {139, 869}, {139, 868}, {139, 868}}
	for i, m := range pools {
		if diff := cmp.Diff([]any{"1", "2", "3"}, m["availabilityZones"]); diff != "" {
			t.Errorf("pool %d zones: %s", i, diff)
		}
		if m["enableAutoScaling"] != true || m["minCount"] != wantBounds[i][0] || m["maxCount"] != wantBounds[i][1] {
			t.Errorf("pool %d autoscaler = %v %v..%v, want %v", i, m["enableAutoScaling"], m["minCount"], m["maxCount"], wantBounds[i])
		}
		if i == 0 {
			continue
		}
		// Node public IPs without a prefix: Azure allocates a prefix of 16 addresses
		// at most, far fewer than a prod pool's nodes.
		if m["mode"] != "User" || m["enableNodePublicIP"] != true || m["nodePublicIPPrefixID"] != nil ||
			!strings.HasSuffix(m["vnetSubnetID"].(string), "/subnets/game") || m["scaleSetPriority"] != nil {
			t.Errorf("game pool = %v", m)
		}
		ports := obj(m, "networkProfile")["allowedHostPorts"].([]any)
		if len(ports) != 2 || ports[0].(map[string]any)["portStart"] != float64(7000) || ports[1].(map[string]any)["portEnd"] != float64(3075) {
			t.Errorf("game pool allowed host ports = %v", ports)
		}
	}

	// Identities get only the roles they need, each on its own scope.
	roles := map[string]string{}
	for _, r := range res {
		if r.Type == "azure-native:authorization:RoleAssignment" {
			def := r.Inputs["roleDefinitionId"].(string)
			roles[r.Name] = def[strings.LastIndex(def, "/")+1:] + " " + r.Inputs["scope"].(string)
			if r.Inputs["principalType"] != "ServicePrincipal" {
				t.Errorf("%s principalType = %v", r.Name, r.Inputs["principalType"])
			}
		}
	}
	wantRoles := map[string]string{
		"jpe-cluster-cp-network-system": RoleNetworkContributor + " /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/system",
		"jpe-cluster-cp-network-game":   RoleNetworkContributor + " /subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/game",
		"jpe-cluster-kubelet-acrpull":   RoleAcrPull + " /subscriptions/x/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr",
	}
	for n, want := range wantRoles {
		if roles[n] != want {
			t.Errorf("role %s = %q, want %q", n, roles[n], want)
		}
	}
	if !strings.HasPrefix(roles["jpe-cluster-cp-mi-operator"], RoleManagedIdentityOperator+" /subscriptions/") || len(roles) != 4 {
		t.Errorf("roles = %v", roles)
	}
	if d, ok := res["jpe-cluster-aks-diag"]; !ok {
		t.Error("no diagnostic setting for the cluster")
	} else if logs, _ := d.Inputs["logs"].([]any); len(logs) != 1 || logs[0].(map[string]any)["categoryGroup"] != "allLogs" {
		t.Errorf("cluster diagnostic logs = %v, want every category (the allLogs group, kube-audit included)", d.Inputs["logs"])
	}
}

func TestDevClusterSpotAndPrivateAPIServer(t *testing.T) {
	a := testArgs(t, spec.TierDev, 2000)
	a.Spot = true
	a.APIServer = APIServer{Private: true}
	res := run(t, a)
	in := res["jpe-cluster-aks"].Inputs
	if obj(in, "sku")["tier"] != "Free" {
		t.Errorf("dev tier = %v", obj(in, "sku")["tier"])
	}
	if api := obj(in, "apiServerAccessProfile"); api["enablePrivateCluster"] != true || api["authorizedIPRanges"] != nil {
		t.Errorf("private API server profile = %v", api)
	}
	pools := []map[string]any{in["agentPoolProfiles"].([]any)[0].(map[string]any), res["jpe-cluster-game1"].Inputs}
	for i, m := range pools {
		if m["availabilityZones"] != nil {
			t.Errorf("dev pool %d has zones %v", i, m["availabilityZones"])
		}
		spot := m["scaleSetPriority"] == "Spot" && m["scaleSetEvictionPolicy"] == "Delete" && m["spotMaxPrice"] == float64(-1)
		if spot != (i > 0) {
			t.Errorf("pool %d spot = %v (game pools only)", i, spot)
		}
	}
	if _, ok := res["jpe-cluster-game2"]; ok {
		t.Error("2,000 dev players need one game pool")
	}
}

func TestGamePoolsDrawFromACustomPrefix(t *testing.T) {
	a := testArgs(t, spec.TierProd, 20000)
	a.GamePrefixID = pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPPrefixes/p")
	res := run(t, a)
	if got := res["jpe-cluster-game1"].Inputs["nodePublicIPPrefixID"]; got != "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPPrefixes/p" {
		t.Errorf("game pool nodePublicIPPrefixID = %v, want the region's derived prefix", got)
	}
}

func TestSKUTierAndZones(t *testing.T) {
	for tier, want := range map[spec.Tier]string{spec.TierDev: "Free", spec.TierStaging: "Standard", spec.TierProd: "Standard"} {
		if got := SKUTier(tier); got != want {
			t.Errorf("SKUTier(%s) = %s, want %s", tier, got, want)
		}
	}
	if Zones(spec.TierProd, false) != nil || Zones(spec.TierStaging, true) != nil || len(Zones(spec.TierProd, true)) != 3 {
		t.Error("zones only in prod, in regions that have them")
	}
}

func TestArgsErrors(t *testing.T) {
	if _, err := NewGameCluster(nil, "x", nil); err == nil {
		t.Error("nil args accepted")
	}
	a := testArgs(t, spec.TierProd, 1000)
	a.Spot = true
	a.APIServer = APIServer{}
	a.RegistryID = nil
	_, err := a.validate()
	for _, want := range []string{"spot game pools are not allowed in prod", "needs authorized ranges", "RegistryID are required"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("validate = %v, want %q", err, want)
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
