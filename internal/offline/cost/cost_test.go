package cost

import (
	"math"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

func table(t *testing.T) *PriceTable {
	t.Helper()
	pt, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return pt
}

const urnPrefix = "urn:pulumi:prod::game-platform::"

func res(typ, name, region string, inputs map[string]any) plan.Resource {
	return plan.Resource{URN: urnPrefix + typ + "::" + name, Type: typ, Name: name, Region: region, Custom: true, Inputs: inputs}
}

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(b)) }

// TestPriceTableCoversCatalogue: every VM size and region the platform allows has a
// price, so validation and pricing cannot drift apart silently.
func TestPriceTableCoversCatalogue(t *testing.T) {
	pt := table(t)
	for name := range spec.VMSizes {
		if _, ok := pt.VM.LinuxHourly[name]; !ok {
			t.Errorf("VM size %s is in the spec catalogue but has no price", name)
		}
		if _, ok := pt.VM.EphemeralCacheGB[name]; !ok {
			t.Errorf("VM size %s has no ephemeralCacheGB entry", name)
		}
	}
	for name := range spec.Regions {
		if _, ok := pt.VM.RegionFactor[name]; !ok {
			t.Errorf("region %s has no VM region factor", name)
		}
		if _, ok := pt.PeeringZone[name]; !ok {
			t.Errorf("region %s has no peering zone", name)
		}
	}
	if pt.Source == "" || pt.AsOf == "" {
		t.Error("price table lacks its source or date")
	}
}

func TestParseRejectsBadTables(t *testing.T) {
	for name, body := range map[string]string{
		"unknown field": `{"currency":"USD","bogus":1}`,
		"not json":      `{`,
		"incomplete":    `{"currency":"USD","source":"x","asOf":"2025-01-01","hoursPerMonth":730}`,
	} {
		if _, err := Parse([]byte(body)); err == nil {
			t.Errorf("%s: Parse accepted %s", name, body)
		}
	}
}

// one prices a plan holding the given resources for a tier and returns the item of
// the first one (failing if it was not priced).
func one(t *testing.T, tier string, rs ...plan.Resource) Item {
	t.Helper()
	e, err := Compute(&plan.Plan{Resources: rs}, table(t), tier)
	if err != nil {
		t.Fatal(err)
	}
	for _, np := range e.NotPriced {
		if np.URN == rs[0].URN {
			t.Fatalf("%s not priced: %s", rs[0].Type, np.Reason)
		}
	}
	for _, it := range e.Items {
		if it.URN == rs[0].URN {
			return it
		}
	}
	t.Fatalf("%s missing from the estimate", rs[0].URN)
	return Item{}
}

func TestManagedClusterPools(t *testing.T) {
	pt := table(t)
	h := pt.HoursPerMonth
	u := pt.Assumptions["prod"].NodePoolUtilisation
	cluster := res("azure-native:containerservice:ManagedCluster", "aks", "japaneast", map[string]any{
		"location": "japaneast",
		"sku":      map[string]any{"name": "Base", "tier": "Standard"},
		"agentPoolProfiles": []any{
			map[string]any{"name": "system", "mode": "System", "count": 3.0, "vmSize": "Standard_D4s_v5", "osDiskSizeGB": 128.0, "osDiskType": "Managed"},
			map[string]any{"name": "game", "enableAutoScaling": true, "minCount": 10.0, "maxCount": 110.0, "vmSize": "Standard_F16s_v2",
				"osDiskType": "Ephemeral", "enableNodePublicIP": true, "nodePublicIPPrefixID": "/subscriptions/x/publicIPPrefixes/p"},
		},
	})
	it := one(t, "prod", cluster)
	fixed := (0.10 + 0.025) * h
	system := 3 * (0.192*1.29 + 19.71/h) * h
	gameVM := 0.677 * 1.29
	gameAvg := (10 + u*100) * gameVM * h
	gameMax := 110 * gameVM * h
	if !approx(it.MonthlyUSD, fixed+system+gameAvg) {
		t.Errorf("monthly = %v, want %v", it.MonthlyUSD, fixed+system+gameAvg)
	}
	if !approx(it.MaxMonthlyUSD, fixed+system+gameMax) {
		t.Errorf("max = %v, want %v", it.MaxMonthlyUSD, fixed+system+gameMax)
	}
	for _, want := range []string{"Standard tier", "system: 3 x Standard_D4s_v5", "game: 10-110 (avg 45.0 at 35% utilisation) x Standard_F16s_v2", "japaneast", "from the prefix"} {
		if !strings.Contains(it.Basis, want) {
			t.Errorf("basis %q lacks %q", it.Basis, want)
		}
	}
}

// TestPoolPricedFromInputsKnownAtPreview: a pool's node public IPs come from a prefix
// whose ID Azure assigns, unknown at preview; the price depends only on whether a
// prefix is used, so it is the same with the ID known, unknown or secret, and a pool
// without a prefix pays for a public IP per node.
func TestPoolPricedFromInputsKnownAtPreview(t *testing.T) {
	pool := func(prefix any) plan.Resource {
		p := map[string]any{"name": "game", "count": 10.0, "vmSize": "Standard_F16s_v2", "osDiskType": "Ephemeral", "enableNodePublicIP": true}
		if prefix != nil {
			p["nodePublicIPPrefixID"] = prefix
		}
		return res("azure-native:containerservice:ManagedCluster", "aks", "japaneast", map[string]any{
			"location": "japaneast", "agentPoolProfiles": []any{p}})
	}
	known := one(t, "prod", pool("/subscriptions/x/publicIPPrefixes/p"))
	for _, id := range []any{plan.UnknownValue, plan.UnknownLabel, plan.SecretMask} {
		got := one(t, "prod", pool(id))
		if !approx(got.MonthlyUSD, known.MonthlyUSD) || got.Basis != known.Basis {
			t.Errorf("prefix ID %v: %v (%s), want %v (%s)", id, got.MonthlyUSD, got.Basis, known.MonthlyUSD, known.Basis)
		}
	}
	perNode := one(t, "prod", pool(nil))
	if want := known.MonthlyUSD + 10*table(t).PublicIP.StandardHourly*table(t).HoursPerMonth; !approx(perNode.MonthlyUSD, want) {
		t.Errorf("without a prefix: %v, want %v (a public IP per node)", perNode.MonthlyUSD, want)
	}
}

func TestSpotPoolAndDefaults(t *testing.T) {
	pt := table(t)
	h := pt.HoursPerMonth
	u := pt.Assumptions["dev"].NodePoolUtilisation
	// No sku: Azure's Free tier. Unset osDiskType: AKS's default, ephemeral when the
	// OS disk fits the VM's cache (F8s_v2: 128 GB), else a managed Premium SSD.
	// Node public IPs without a prefix: a Standard IP per node.
	cluster := res("azure-native:containerservice:ManagedCluster", "aks", "westeurope", map[string]any{
		"location": "westeurope",
		"agentPoolProfiles": []any{
			map[string]any{"name": "spot", "enableAutoScaling": true, "minCount": 0.0, "maxCount": 20.0, "vmSize": "Standard_F8s_v2",
				"scaleSetPriority": "Spot", "enableNodePublicIP": true},
			map[string]any{"name": "system", "count": 2.0, "vmSize": "Standard_D4s_v5"},
			map[string]any{"name": "bigdisk", "count": 1.0, "vmSize": "Standard_F8s_v2", "osDiskSizeGB": 200.0},
		},
	})
	it := one(t, "dev", cluster)
	spotNode := 0.338*1.15*pt.VM.SpotFactor + 0.005
	system := 2 * (0.192*1.15 + 19.71/h) * h
	bigdisk := (0.338*1.15 + 38.02/h) * h
	want := 0.025*h + u*20*spotNode*h + system + bigdisk
	if !approx(it.MonthlyUSD, want) {
		t.Errorf("monthly = %v, want %v", it.MonthlyUSD, want)
	}
	if wantMax := 0.025*h + 20*spotNode*h + system + bigdisk; !approx(it.MaxMonthlyUSD, wantMax) {
		t.Errorf("max = %v, want %v", it.MaxMonthlyUSD, wantMax)
	}
	for _, part := range []string{"spot (25% of list)", "ephemeral OS disk (AKS default", "system: 2 x Standard_D4s_v5 @ $0.2208/h in westeurope + 128 GB OS disk", "bigdisk: 1 x Standard_F8s_v2 @ $0.3887/h in westeurope + 200 GB OS disk $38.02/mo"} {
		if !strings.Contains(it.Basis, part) {
			t.Errorf("basis %q lacks %q", it.Basis, part)
		}
	}
}

func TestAgentPoolUsesClusterLocation(t *testing.T) {
	pt := table(t)
	cluster := res("azure-native:containerservice:ManagedCluster", "aks", "koreacentral", map[string]any{"location": "Korea Central"})
	pool := res("azure-native:containerservice:AgentPool", "game2", "", map[string]any{
		"resourceName": "aks", "count": 4.0, "vmSize": "Standard_F32s_v2", "osDiskType": "Ephemeral",
	})
	pool.Dependencies = []string{cluster.URN}
	it := one(t, "prod", pool, cluster)
	want := 4 * 1.353 * 1.18 * pt.HoursPerMonth
	if !approx(it.MonthlyUSD, want) || !approx(it.MaxMonthlyUSD, want) {
		t.Errorf("agent pool = %v / %v, want %v", it.MonthlyUSD, it.MaxMonthlyUSD, want)
	}
}

func TestPricedTypes(t *testing.T) {
	pt := table(t)
	h, days := pt.HoursPerMonth, pt.HoursPerMonth/24
	a := pt.Assumptions["prod"]
	vnetJPE := res("azure-native:network:VirtualNetwork", "vnet-jpe", "japaneast", map[string]any{"location": "japaneast", "virtualNetworkName": "vnet-jpe"})
	vnetJPE2 := res("azure-native:network:VirtualNetwork", "vnet-jpe2", "japaneast", map[string]any{"location": "japaneast", "virtualNetworkName": "vnet-jpe2"})
	vnetWEU := res("azure-native:network:VirtualNetwork", "vnet-weu", "westeurope", map[string]any{"location": "westeurope", "virtualNetworkName": "vnet-weu"})
	globalPeer := res("azure-native:network:VirtualNetworkPeering", "jpe-to-weu", "japaneast", map[string]any{
		"virtualNetworkName": "vnet-jpe", "remoteVirtualNetwork": map[string]any{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-weu"},
	})
	globalPeer.PropertyDependencies = map[string][]string{"virtualNetworkName": {vnetJPE.URN}}
	localPeer := res("azure-native:network:VirtualNetworkPeering", "jpe-to-jpe2", "japaneast", map[string]any{
		"virtualNetworkName": "vnet-jpe", "remoteVirtualNetwork": map[string]any{"id": "[unknown]"},
	})
	localPeer.PropertyDependencies = map[string][]string{"virtualNetworkName": {vnetJPE.URN}, "remoteVirtualNetwork": {vnetJPE2.URN}}
	tm := res("azure-native:network:Profile", "tm", "", map[string]any{
		"monitorConfig": map[string]any{"intervalInSeconds": 10.0},
		"endpoints": []any{
			map[string]any{"type": "Microsoft.Network/trafficManagerProfiles/azureEndpoints"},
			map[string]any{"type": "Microsoft.Network/trafficManagerProfiles/externalEndpoints"},
		},
	})
	tmEndpoint := res("azure-native:network:Endpoint", "tm-ep", "", map[string]any{"endpointType": "AzureEndpoints"})
	tmEndpoint.Dependencies = []string{tm.URN}
	ws := res("azure-native:operationalinsights:Workspace", "logs", "", map[string]any{"sku": map[string]any{"name": "PerGB2018"}, "retentionInDays": 90.0})
	aks1 := res("azure-native:containerservice:ManagedCluster", "aks1", "japaneast", map[string]any{"location": "japaneast"})
	aks2 := res("azure-native:containerservice:ManagedCluster", "aks2", "westeurope", map[string]any{"location": "westeurope"})
	var diags []plan.Resource
	for _, n := range []string{"d1", "d2", "d3"} {
		d := res("azure-native:insights:DiagnosticSetting", n, "", map[string]any{"workspaceId": "id"})
		d.PropertyDependencies = map[string][]string{"workspaceId": {ws.URN}}
		diags = append(diags, d)
	}
	aks1.Dependencies, aks2.Dependencies = []string{ws.URN}, []string{ws.URN}
	cappedWS := res("azure-native:operationalinsights:Workspace", "capped", "", map[string]any{"workspaceCapping": map[string]any{"dailyQuotaGb": 5.0}})
	aks3 := res("azure-native:containerservice:ManagedCluster", "aks3", "westeurope", map[string]any{"location": "westeurope"})
	aks3.Dependencies = []string{cappedWS.URN}

	logDaily := 2*a.LogGBPerDayPerCluster + 3*a.LogGBPerDayPerDiagnosticSetting
	cases := []struct {
		name  string
		rs    []plan.Resource
		want  float64
		basis string
	}{
		{"public IP standard", []plan.Resource{res("azure-native:network:PublicIPAddress", "ip", "japaneast", map[string]any{"sku": map[string]any{"name": "Standard"}})}, 3.65, "Standard"},
		{"public IP basic", []plan.Resource{res("azure-native:network:PublicIPAddress", "ip", "japaneast", map[string]any{"sku": map[string]any{"name": "Basic"}})}, 0.0036 * h, "Basic"},
		{"public IP global", []plan.Resource{res("azure-native:network:PublicIPAddress", "ip", "", map[string]any{"sku": map[string]any{"name": "Standard", "tier": "Global"}})}, 0.01 * h, "Standard"},
		{"prefix /28", []plan.Resource{res("azure-native:network:PublicIPPrefix", "pfx", "japaneast", map[string]any{"prefixLength": 28.0})}, 16 * 0.006 * h, "16 IPs"},
		{"NAT gateway", []plan.Resource{res("azure-native:network:NatGateway", "nat", "japaneast", map[string]any{"sku": map[string]any{"name": "Standard"}})}, 0.045*h + a.NATGBProcessedPerGateway*0.045, "GB processed"},
		{"global peering", []plan.Resource{globalPeer, vnetJPE, vnetWEU}, a.PeeringGBPerLink * (0.09 + 0.035), "global peering"},
		{"local peering", []plan.Resource{localPeer, vnetJPE, vnetJPE2}, a.PeeringGBPerLink * 0.02, "within japaneast"},
		{"private endpoint", []plan.Resource{res("azure-native:network:PrivateEndpoint", "pe", "japaneast", nil)}, 0.01*h + a.PrivateEndpointGB*0.01, "GB"},
		{"traffic manager", []plan.Resource{tm}, a.TrafficManagerQueriesMillions*0.54 + 0.36 + 0.54 + 2*1.00, "2 endpoints"},
		{"traffic manager endpoint", []plan.Resource{tmEndpoint, tm}, 0.36 + 1.00, "fast interval"},
		{"DNS zone", []plan.Resource{res("azure-native:network:Zone", "zone", "", map[string]any{"location": "global"})}, 0.50 + a.DNSQueriesMillions*0.40, "queries"},
		{"private DNS zone", []plan.Resource{res("azure-native:network:PrivateZone", "pz", "", nil)}, 0.50, "private"},
		{"front door standard", []plan.Resource{res("azure-native:cdn:Profile", "afd", "", map[string]any{"sku": map[string]any{"name": "Standard_AzureFrontDoor"}})},
			35 + a.FrontDoorEgressGB*0.083 + a.FrontDoorRequestsMillions*100*0.009, "Standard_AzureFrontDoor base"},
		{"front door premium", []plan.Resource{res("azure-native:cdn:Profile", "afd", "", map[string]any{"sku": map[string]any{"name": "Premium_AzureFrontDoor"}})},
			330 + a.FrontDoorEgressGB*0.083 + a.FrontDoorRequestsMillions*100*0.012, "Premium_AzureFrontDoor base"},
		{"storage GZRS", []plan.Resource{res("azure-native:storage:StorageAccount", "st", "", map[string]any{"sku": map[string]any{"name": "Standard_GZRS"}})}, a.StorageGBStored * 0.0414, "Standard_GZRS"},
		{"storage LRS", []plan.Resource{res("azure-native:storage:StorageAccount", "st", "", map[string]any{"sku": map[string]any{"name": "Standard_LRS"}})}, a.StorageGBStored * 0.0184, "Standard_LRS"},
		{"key vault", []plan.Resource{res("azure-native:keyvault:Vault", "kv", "", map[string]any{"properties": map[string]any{"sku": map[string]any{"name": "standard"}}})}, a.KeyVaultOperations10k * 0.03, "operations"},
		{"registry premium", []plan.Resource{res("azure-native:containerregistry:Registry", "acr", "", map[string]any{"sku": map[string]any{"name": "Premium"}})}, 1.6667*days + math.Max(0, a.RegistryGBStored-500)*0.003*days, "Premium"},
		{"registry basic", []plan.Resource{res("azure-native:containerregistry:Registry", "acr", "", map[string]any{"sku": map[string]any{"name": "Basic"}})}, 0.1667*days + (a.RegistryGBStored-10)*0.003*days, "Basic"},
		{"registry replica", []plan.Resource{res("azure-native:containerregistry:Replication", "rep", "japanwest", map[string]any{"location": "japanwest"})}, 1.6667 * days, "japanwest"},
		{"workspace", append([]plan.Resource{ws, aks1, aks2}, diags...),
			logDaily*days*2.30 + logDaily*(90-31)*0.10, "2 clusters"},
		{"workspace capped", []plan.Resource{cappedWS, aks3}, math.Min(5, a.LogGBPerDayPerCluster) * days * 2.30, "1 clusters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			it := one(t, "prod", tc.rs...)
			if !approx(it.MonthlyUSD, tc.want) {
				t.Errorf("monthly = %v, want %v (basis %q)", it.MonthlyUSD, tc.want, it.Basis)
			}
			if it.MaxMonthlyUSD != it.MonthlyUSD {
				t.Errorf("max = %v, want the same as monthly %v for a fixed-size resource", it.MaxMonthlyUSD, it.MonthlyUSD)
			}
			if !strings.Contains(it.Basis, tc.basis) {
				t.Errorf("basis %q lacks %q", it.Basis, tc.basis)
			}
		})
	}
}

// TestEveryRuleIsTested keeps TestPricedTypes honest as rules are added.
func TestEveryRuleIsTested(t *testing.T) {
	tested := map[string]bool{
		"azure-native:containerservice:ManagedCluster": true, "azure-native:containerservice:AgentPool": true,
		"azure-native:network:PublicIPAddress": true, "azure-native:network:PublicIPPrefix": true, "azure-native:network:NatGateway": true,
		"azure-native:network:VirtualNetworkPeering": true, "azure-native:network:PrivateEndpoint": true, "azure-native:network:Profile": true,
		"azure-native:network:Endpoint": true, "azure-native:network:Zone": true, "azure-native:network:PrivateZone": true,
		"azure-native:cdn:Profile": true, "azure-native:storage:StorageAccount": true, "azure-native:keyvault:Vault": true,
		"azure-native:containerregistry:Registry": true, "azure-native:containerregistry:Replication": true,
		"azure-native:operationalinsights:Workspace": true,
		catalog.GenericKey(catalog.ARMCosmosAccount): true, // TestCosmosAccount
	}
	priced, _ := PricedTypes()
	for _, typ := range priced {
		if !tested[typ] {
			t.Errorf("price rule for %s has no test case", typ)
		}
	}
}

// TestCatalogueRulesExist: every price rule a catalogue entry names is a function
// of the cost model, and every function prices some type.
func TestCatalogueRulesExist(t *testing.T) {
	used := map[string]bool{}
	for _, e := range catalog.Entries() {
		if e.Price.Rule == "" {
			continue
		}
		used[e.Price.Rule] = true
		if _, ok := rules[e.Price.Rule]; !ok {
			t.Errorf("catalogue entry %s names price rule %q, which the cost model does not have (have %v)", e.Type, e.Price.Rule, RuleNames())
		}
	}
	for _, name := range RuleNames() {
		if !used[name] {
			t.Errorf("price rule %q prices no catalogue type", name)
		}
	}
}

func TestNotPriced(t *testing.T) {
	rs := []plan.Resource{
		res("azure-native:network:ApplicationGateway", "agw", "japaneast", nil),
		res("azure-native:containerservice:ManagedCluster", "bad-vm", "japaneast", map[string]any{"location": "japaneast",
			"agentPoolProfiles": []any{map[string]any{"name": "game", "count": 3.0, "vmSize": "Standard_NC24ads_A100_v4"}}}),
		res("azure-native:containerservice:ManagedCluster", "no-bounds", "japaneast", map[string]any{"location": "japaneast",
			"agentPoolProfiles": []any{map[string]any{"name": "game", "enableAutoScaling": true, "vmSize": "Standard_F16s_v2"}}}),
		res("azure-native:containerservice:ManagedCluster", "unknown-count", "japaneast", map[string]any{"location": "japaneast",
			"agentPoolProfiles": []any{map[string]any{"name": "game", "count": plan.UnknownValue, "vmSize": "Standard_F16s_v2"}}}),
		res("azure-native:containerservice:ManagedCluster", "bad-region", "", map[string]any{"location": "marsnorth",
			"agentPoolProfiles": []any{map[string]any{"name": "game", "count": 1.0, "vmSize": "Standard_F16s_v2"}}}),
		res("azure-native:storage:StorageAccount", "premium-files", "", map[string]any{"sku": map[string]any{"name": "Standard_XYZ"}}),
		res("azure-native:cdn:Profile", "classic", "", map[string]any{"sku": map[string]any{"name": "Standard_Microsoft"}}),
		res("azure-native:network:PublicIPAddress", "no-sku", "japaneast", map[string]any{}),
		res("azure-native:network:PublicIPPrefix", "v6", "japaneast", map[string]any{"prefixLength": 124.0, "publicIPAddressVersion": "IPv6"}),
		res("azure-native:network:PublicIPAddress", "ok", "japaneast", map[string]any{"sku": map[string]any{"name": "Standard"}}),
	}
	e, err := Compute(&plan.Plan{Resources: rs}, table(t), "prod")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"agw":           "no price rule for this type",
		"bad-vm":        `VM size "Standard_NC24ads_A100_v4" is not in the price table`,
		"no-bounds":     "without minCount and maxCount",
		"unknown-count": "input count is unknown until apply",
		"bad-region":    `region "marsnorth" has no VM price factor`,
		"premium-files": `storage SKU "Standard_XYZ"`,
		"classic":       `CDN SKU "Standard_Microsoft"`,
		"no-sku":        "input sku.name is not set",
		"v6":            "IPv6",
	}
	got := map[string]string{}
	for _, np := range e.NotPriced {
		got[np.URN[strings.LastIndex(np.URN, "::")+2:]] = np.Reason
	}
	for name, reason := range want {
		if !strings.Contains(got[name], reason) {
			t.Errorf("%s: reason %q, want it to contain %q", name, got[name], reason)
		}
	}
	if len(e.Items) != 1 || e.Items[0].Name != "ok" {
		t.Fatalf("priced items = %v, want only the standard IP", e.Items)
	}
	// Not priced is never silently zero: the total is only what was priced.
	if !approx(e.MonthlyUSD, 3.65) {
		t.Errorf("total = %v, want 3.65 (the one priced resource)", e.MonthlyUSD)
	}
	var c plan.Cost
	e.Fill(&c, table(t), 10)
	if len(c.NotPriced) != len(want) || len(c.NotPricedReasons) != len(want) {
		t.Errorf("plan cost lists %d not priced (%d reasons), want %d", len(c.NotPriced), len(c.NotPricedReasons), len(want))
	}
	for _, u := range c.NotPriced {
		if _, ok := c.ByResource[u]; ok {
			t.Errorf("%s is both priced and not priced", u)
		}
	}
}

func TestFreeTypesAndComponents(t *testing.T) {
	rg := res("azure-native:resources:ResourceGroup", "rg", "japaneast", nil)
	nsg := res("azure-native:network:NetworkSecurityGroup", "nsg", "japaneast", nil)
	ra := res("azure-native:authorization:RoleAssignment", "ra", "", nil)
	comp := plan.Resource{URN: urnPrefix + "gameplatform:network:Network::net", Type: "gameplatform:network:Network", Name: "net"}
	e, err := Compute(&plan.Plan{Resources: []plan.Resource{rg, nsg, ra, comp}}, table(t), "dev")
	if err != nil {
		t.Fatal(err)
	}
	if len(e.NotPriced) != 0 || len(e.Items) != 3 {
		t.Fatalf("items %d, not priced %v; want 3 free items and the component skipped", len(e.Items), e.NotPriced)
	}
	for _, it := range e.Items {
		if !it.Free || it.MonthlyUSD != 0 || !strings.HasPrefix(it.Basis, "free: ") {
			t.Errorf("%s: free=%v monthly=%v basis=%q", it.Name, it.Free, it.MonthlyUSD, it.Basis)
		}
	}
	var c plan.Cost
	e.Fill(&c, table(t), 10)
	if v, ok := c.ByResource[rg.URN]; !ok || v != 0 {
		t.Errorf("resource group should be priced at 0 explicitly, got %v, %v", v, ok)
	}
	if len(c.TopItems) != 0 {
		t.Errorf("top items of a free plan = %v", c.TopItems)
	}
}

func TestFillTotalsAndOrder(t *testing.T) {
	rs := []plan.Resource{
		res("azure-native:network:PublicIPAddress", "ip1", "japaneast", map[string]any{"sku": map[string]any{"name": "Standard"}}),
		res("azure-native:network:PublicIPPrefix", "pfx", "japaneast", map[string]any{"prefixLength": 30.0}),
		res("azure-native:cdn:Profile", "afd", "", map[string]any{"sku": map[string]any{"name": "Standard_AzureFrontDoor"}}),
	}
	pt := table(t)
	e, err := Compute(&plan.Plan{Resources: rs}, pt, "dev")
	if err != nil {
		t.Fatal(err)
	}
	var c plan.Cost
	e.Fill(&c, pt, 2)
	if len(c.TopItems) != 2 || c.TopItems[0].Type != "azure-native:cdn:Profile" || c.TopItems[1].Type != "azure-native:network:PublicIPPrefix" {
		t.Errorf("top items = %+v", c.TopItems)
	}
	sum := 0.0
	for _, v := range c.ByResource {
		sum += v
	}
	if math.Abs(sum-c.MonthlyUSD) > 0.02 {
		t.Errorf("byResource sums to %v, total %v", sum, c.MonthlyUSD)
	}
	if math.Abs(c.ByRegion["global"]+c.ByRegion["japaneast"]-c.MonthlyUSD) > 0.02 {
		t.Errorf("byRegion = %v, total %v", c.ByRegion, c.MonthlyUSD)
	}
	if c.PriceSource == "" || c.PricesAsOf != pt.AsOf || c.Tier != "dev" {
		t.Errorf("source/asOf/tier = %q %q %q", c.PriceSource, c.PricesAsOf, c.Tier)
	}
}

func TestUnknownTier(t *testing.T) {
	if _, err := Compute(&plan.Plan{}, table(t), "qa"); err == nil || !strings.Contains(err.Error(), `tier "qa"`) {
		t.Errorf("err = %v", err)
	}
}

// TestVersionedTypeTokens: a token with an explicit API version prices like the
// default one, and its clusters still count towards the workspace's ingestion.
func TestVersionedTypeTokens(t *testing.T) {
	pt := table(t)
	ws := res("azure-native:operationalinsights:Workspace", "logs", "", nil)
	cluster := res("azure-native:containerservice/v20240801:ManagedCluster", "aks", "eastus", map[string]any{
		"location": "eastus", "sku": map[string]any{"tier": "Standard"},
	})
	cluster.Dependencies = []string{ws.URN}
	rg := res("azure-native:resources/v20240301:ResourceGroup", "rg", "eastus", nil)
	it := one(t, "prod", cluster, ws, rg)
	if want := (0.10 + 0.025) * pt.HoursPerMonth; !approx(it.MonthlyUSD, want) {
		t.Errorf("versioned cluster = %v, want %v", it.MonthlyUSD, want)
	}
	wsItem := one(t, "prod", ws, cluster)
	if !strings.Contains(wsItem.Basis, "1 clusters") {
		t.Errorf("workspace basis %q does not count the versioned cluster", wsItem.Basis)
	}
	if rgItem := one(t, "prod", rg); !rgItem.Free {
		t.Errorf("versioned resource group is not free: %+v", rgItem)
	}
}

func cosmosAccount(locations []any, multi bool, backup string, tags map[string]any) plan.Resource {
	in := map[string]any{
		"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts",
		"resourceName": "cosmos-starfall-prod", "location": "japaneast",
		"properties": map[string]any{
			"locations": locations, "enableMultipleWriteLocations": multi,
			"backupPolicy": map[string]any{"type": "Continuous", "continuousModeProperties": map[string]any{"tier": backup}},
		},
	}
	if tags != nil {
		in["tags"] = tags
	}
	return res(catalog.GenericType, "pd-account", "", in)
}

func cosmosDatabase(maxRU float64) plan.Resource {
	return res(catalog.GenericType, "pd-db", "", map[string]any{
		"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "databaseAccounts/cosmos-starfall-prod", "resourceType": "sqlDatabases",
		"resourceName": "game", "properties": map[string]any{"resource": map[string]any{"id": "game"}, "options": map[string]any{"autoscaleSettings": map[string]any{"maxThroughput": maxRU}}},
	})
}

// TestCosmosAccount: a multi-region-write account is billed the multi-region-write
// rate in every region (no zone surcharge), storage and 30-day backup per region;
// the database's autoscale maximum is read from the plan.
func TestCosmosAccount(t *testing.T) {
	pt := table(t)
	a := pt.Assumptions["prod"]
	locs := []any{
		map[string]any{"locationName": "japaneast", "isZoneRedundant": true},
		map[string]any{"locationName": "japanwest", "isZoneRedundant": false},
	}
	acct := cosmosAccount(locs, true, "Continuous30Days", map[string]any{PlannedStorageTag: "100"})
	it := one(t, "prod", acct, cosmosDatabase(20000))
	ru := 20000.0 / 100 * 0.016 * 2 * pt.HoursPerMonth
	store := 100 * 0.25 * 2
	backup := 100 * 0.2 * 2
	if want := ru*a.CosmosAutoscaleUtilisation + store + backup; !approx(it.MonthlyUSD, want) {
		t.Errorf("monthly = %v, want %v (%s)", it.MonthlyUSD, want, it.Basis)
	}
	if want := ru + store + backup; !approx(it.MaxMonthlyUSD, want) {
		t.Errorf("max = %v, want %v", it.MaxMonthlyUSD, want)
	}
	for _, w := range []string{"2 region(s) (every region writes, 1 zone redundant)", "autoscale max 20000 RU/s", "100 GB stored (planned)", "Continuous30Days"} {
		if !strings.Contains(it.Basis, w) {
			t.Errorf("basis %q lacks %q", it.Basis, w)
		}
	}
	// Single write region: the autoscale rate, the zone surcharge, the 7-day backup
	// free, the tier's storage assumption, billed at least a tenth of the maximum.
	single := one(t, "dev", cosmosAccount(locs, false, "Continuous7Days", nil), cosmosDatabase(1000))
	ad := pt.Assumptions["dev"]
	ru = 1000.0 / 100 * 0.012 * (1 + 1.25) * pt.HoursPerMonth
	if want := ru*math.Max(AutoscaleFloor, ad.CosmosAutoscaleUtilisation) + ad.CosmosStorageGBDefault*0.25*2; !approx(single.MonthlyUSD, want) {
		t.Errorf("single-write monthly = %v, want %v (%s)", single.MonthlyUSD, want, single.Basis)
	}
	// A bad planned-storage tag is not priced, never guessed.
	e, err := Compute(&plan.Plan{Resources: []plan.Resource{cosmosAccount(locs, true, "Continuous7Days", map[string]any{PlannedStorageTag: "lots"})}}, pt, "prod")
	if err != nil || len(e.NotPriced) != 1 || !strings.Contains(e.NotPriced[0].Reason, "planned-storage-gib") {
		t.Errorf("bad tag: %v %+v", err, e)
	}
}
