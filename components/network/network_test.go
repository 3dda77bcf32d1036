package network

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func testArgs(tier spec.Tier) *Args {
	return &Args{
		Interface: shared.Interface{
			Tags: map[string]string{"environment": "test"}, Tier: tier, Protect: tier == spec.TierProd,
			WorkspaceID: pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
		},
		Identity:          naming.Identity{Studio: "nebula", Game: "starfall", Env: "test"},
		RegionCode:        "jpe",
		Location:          "japaneast",
		ResourceGroupName: pulumi.String("rg-starfall-test-jpe"),
		AddressSpace:      "10.10.0.0/20",
		Ports:             spec.PortRange{Start: 7000, End: 7999, QoSPort: 3075},
		GameNodes:         53,
		GameAddresses:     59,
		Zones:             tier == spec.TierProd,
	}
}

func run(t *testing.T, args *Args) map[string]plan.Resource {
	t.Helper()
	res := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewNetwork(ctx, "jpe-net", args)
		return err
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return res.ByName()
}

func TestNetworkInputs(t *testing.T) {
	res := run(t, testArgs(spec.TierProd))
	vnet := res["jpe-net-vnet"]
	if got := vnet.Inputs["addressSpace"].(map[string]any)["addressPrefixes"]; len(got.([]any)) != 1 || got.([]any)[0] != "10.10.0.0/20" {
		t.Errorf("vnet address space = %v", got)
	}
	subnets := vnet.Inputs["subnets"].([]any)
	if len(subnets) != 4 {
		t.Fatalf("%d subnets, want 4", len(subnets))
	}
	for _, s := range subnets {
		m := s.(map[string]any)
		name := m["name"].(string)
		if _, ok := m["networkSecurityGroup"].(map[string]any)["id"]; !ok {
			t.Errorf("subnet %s has no NSG", name)
		}
		_, hasNAT := m["natGateway"]
		if hasNAT == (name == RoleGame) {
			t.Errorf("subnet %s: NAT gateway attached = %v; only non-game subnets egress through NAT", name, hasNAT)
		}
	}
	if subnets[0].(map[string]any)["addressPrefix"] != "10.10.0.0/21" {
		t.Errorf("game subnet = %v", subnets[0])
	}

	// Internet inbound: only the game NSG allows anything, and only UDP game/QoS ports.
	for _, role := range Roles {
		nsg := res["jpe-net-nsg-"+role]
		allowed := []string{}
		for _, r := range nsg.Inputs["securityRules"].([]any) {
			m := r.(map[string]any)
			if m["direction"] == "Inbound" && m["access"] == "Allow" {
				if m["sourceAddressPrefix"] != "Internet" || m["protocol"] != "Udp" {
					t.Errorf("%s NSG: unexpected allow rule %v", role, m)
				}
				allowed = append(allowed, m["destinationPortRange"].(string))
			}
		}
		want := ""
		if role == RoleGame {
			want = "7000-7999,3075"
		}
		if strings.Join(allowed, ",") != want {
			t.Errorf("%s NSG allows %v from the Internet, want %q", role, allowed, want)
		}
		if _, ok := res["jpe-net-nsg-"+role+"-diag"]; !ok {
			t.Errorf("%s NSG has no diagnostic setting", role)
		}
	}

	// Every resource of the network that emits resource logs sends all of them.
	for _, n := range []string{"jpe-net-vnet", "jpe-net-nat-ip"} {
		d, ok := res[n+"-diag"]
		if !ok {
			t.Errorf("%s has no diagnostic setting", n)
			continue
		}
		if logs, _ := d.Inputs["logs"].([]any); len(logs) != 1 || logs[0].(map[string]any)["categoryGroup"] != "allLogs" {
			t.Errorf("%s diagnostic logs = %v, want the allLogs group", n, d.Inputs["logs"])
		}
	}

	// Without a custom prefix there is no prefix at all: Azure allocates at most a
	// /28 from its own pool, and the game nodes get their own public IPs.
	if p, ok := res["jpe-net-game-prefix"]; ok {
		t.Errorf("a game prefix without a custom IP prefix: %v", p.Inputs)
	}
	nat := res["jpe-net-nat"]
	if nat.Inputs["sku"].(map[string]any)["name"] != "Standard" || len(nat.Inputs["publicIpAddresses"].([]any)) != 1 {
		t.Errorf("NAT gateway inputs = %v", nat.Inputs)
	}
}

const customPrefix = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ip/providers/Microsoft.Network/customIpPrefixes/cip-starfall"

func TestNetworkDerivesTheGamePrefixFromACustomPrefix(t *testing.T) {
	for _, tc := range []struct {
		tier    spec.Tier
		nodes   int
		length  float64
		zones   int
		protect bool
	}{
		{spec.TierProd, 53, 26, 3, true},
		{spec.TierProd, 2048, 21, 3, true},
		{spec.TierDev, 3, 30, 0, false},
	} {
		a := testArgs(tc.tier)
		a.AddressSpace = "10.10.0.0/16"
		a.GameNodes, a.GameAddresses = tc.nodes, tc.nodes
		a.CustomIPPrefixID = customPrefix
		res := run(t, a)
		prefix, ok := res["jpe-net-game-prefix"]
		if !ok {
			t.Fatalf("%s %d nodes: no game prefix", tc.tier, tc.nodes)
		}
		z, _ := prefix.Inputs["zones"].([]any)
		if prefix.Inputs["prefixLength"] != tc.length || len(z) != tc.zones || prefix.Protect != tc.protect ||
			prefix.Inputs["customIPPrefix"].(map[string]any)["id"] != customPrefix {
			t.Errorf("%s %d nodes: prefix %v protect %v; want /%v from the custom prefix, %d zones, protect %v", tc.tier, tc.nodes, prefix.Inputs, prefix.Protect, tc.length, tc.zones, tc.protect)
		}
		if _, ok := res["jpe-net-game-prefix-diag"]; !ok {
			t.Errorf("%s: the derived prefix has no diagnostic setting", tc.tier)
		}
	}
}

func TestNetworkArgsErrors(t *testing.T) {
	if _, err := NewNetwork(nil, "x", nil); err == nil {
		t.Error("nil args accepted")
	}
	a := testArgs(spec.TierDev)
	a.AddressSpace = "10.0.0.0/12"
	a.GameNodes = 0
	_, err := a.validate()
	if err == nil || !strings.Contains(err.Error(), "must be between /16 and /24") || !strings.Contains(err.Error(), "GameNodes must be at least 1") {
		t.Errorf("validate = %v", err)
	}
	a = testArgs(spec.TierDev)
	a.AddressSpace = "10.10.0.0/16"
	a.CustomIPPrefixID = "/subscriptions/x/customIpPrefixes/y"
	a.GameNodes, a.GameAddresses = 2049, 2049
	_, err = a.validate()
	for _, want := range []string{"is not the resource ID of a custom IP prefix", "2049 game nodes need a /20 prefix, larger than a prefix derived from a custom IPv4 prefix can be (/21)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("validate = %v, want %q", err, want)
		}
	}
	// The components judge the port range by the environment model's one rule.
	a = testArgs(spec.TierDev)
	a.Ports = spec.PortRange{Start: 7000, End: 7999, QoSPort: 7500}
	if _, err := a.validate(); err == nil || !strings.Contains(err.Error(), "Ports.qosPort: 7500 lies inside the game range 7000-7999") {
		t.Errorf("validate = %v", err)
	}
	a = testArgs(spec.TierDev)
	a.GameNodes, a.GameAddresses = 2000, 2044 // a /20 block's game subnet is a /21: 2043 usable
	if _, err := a.validate(); err == nil || !strings.Contains(err.Error(), "2044 game-node addresses (nodes and upgrade surge) do not fit the game subnet 10.10.0.0/21 (2043 usable)") {
		t.Errorf("validate = %v", err)
	}
	a.GameAddresses = 1999
	if _, err := a.validate(); err == nil || !strings.Contains(err.Error(), "GameAddresses 1999 is below GameNodes 2000") {
		t.Errorf("validate = %v", err)
	}
}
