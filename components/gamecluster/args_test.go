package gamecluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240801"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/spec"
)

// The game pools' AgentPool arguments are a pure function of the pool and the
// cluster's arguments: table-tested here, while NewGameCluster only wires outputs.
func TestGamePoolArgs(t *testing.T) {
	base := func(t *testing.T, tr spec.Tier) *Args {
		a := testArgs(t, tr, 2000)
		a.ResourceGroupName = pulumi.String("rg")
		a.GameSubnetID = pulumi.String("/subnets/game")
		return a
	}
	pool := Pool{Name: "game1", Mode: "User", VMSize: "Standard_F16s_v2", MinCount: 3, MaxCount: 17, Zones: []string{"1", "2", "3"},
		Taints: []string{GameTaint}, Labels: map[string]string{PoolLabel: "game"}, Subnet: "game", NodePublicIP: true,
		AllowHostPorts: true, MaxSurge: "10%", DrainTimeout: GameDrainTimeoutMins}
	want := func() *azcs.AgentPoolArgs {
		return &azcs.AgentPoolArgs{
			ResourceGroupName:   pulumi.String("rg"),
			ResourceName:        pulumi.String("aks-x"),
			AgentPoolName:       pulumi.String("game1"),
			Mode:                pulumi.String("User"),
			VmSize:              pulumi.String("Standard_F16s_v2"),
			OsType:              pulumi.String("Linux"),
			OsSKU:               pulumi.String(OSSKU),
			Type:                pulumi.String("VirtualMachineScaleSets"),
			EnableAutoScaling:   pulumi.Bool(true),
			Count:               pulumi.Int(3),
			MinCount:            pulumi.Int(3),
			MaxCount:            pulumi.Int(17),
			NodeLabels:          pulumi.StringMap{PoolLabel: pulumi.String("game")},
			NodeTaints:          pulumi.StringArray{pulumi.String(GameTaint)},
			VnetSubnetID:        pulumi.String("/subnets/game"),
			AvailabilityZones:   pulumi.StringArray{pulumi.String("1"), pulumi.String("2"), pulumi.String("3")},
			OrchestratorVersion: pulumi.String("1.33"),
			EnableNodePublicIP:  pulumi.Bool(true),
			UpgradeSettings:     &azcs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String("10%"), DrainTimeoutInMinutes: pulumi.Int(GameDrainTimeoutMins)},
			NetworkProfile: &azcs.AgentPoolNetworkProfileArgs{AllowedHostPorts: azcs.PortRangeArray{
				azcs.PortRangeArgs{PortStart: pulumi.Int(7000), PortEnd: pulumi.Int(7999), Protocol: pulumi.String("UDP")},
				azcs.PortRangeArgs{PortStart: pulumi.Int(3075), PortEnd: pulumi.Int(3075), Protocol: pulumi.String("UDP")},
			}},
		}
	}
	for _, tc := range []struct {
		name   string
		args   func(*testing.T) *Args
		pool   func(Pool) Pool
		expect func(*azcs.AgentPoolArgs)
	}{
		{"prod pool, node IPs without a prefix", func(t *testing.T) *Args { return base(t, spec.TierProd) }, nil, nil},
		{"a region with a custom prefix", func(t *testing.T) *Args {
			a := base(t, spec.TierProd)
			a.GamePrefixID = pulumi.String("/publicIPPrefixes/p")
			return a
		}, nil, func(w *azcs.AgentPoolArgs) { w.NodePublicIPPrefixID = pulumi.String("/publicIPPrefixes/p") }},
		{"spot outside prod", func(t *testing.T) *Args { return base(t, spec.TierDev) }, func(p Pool) Pool { p.Spot, p.Zones = true, nil; return p },
			func(w *azcs.AgentPoolArgs) {
				w.AvailabilityZones = nil
				w.ScaleSetPriority, w.ScaleSetEvictionPolicy, w.SpotMaxPrice = pulumi.String("Spot"), pulumi.String("Delete"), pulumi.Float64(-1)
			}},
		{"no Kubernetes version pinned", func(t *testing.T) *Args {
			a := base(t, spec.TierProd)
			a.KubernetesVersion = ""
			return a
		}, nil, func(w *azcs.AgentPoolArgs) { w.OrchestratorVersion = nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := pool
			if tc.pool != nil {
				p = tc.pool(p)
			}
			w := want()
			if tc.expect != nil {
				tc.expect(w)
			}
			a := tc.args(t)
			w.Tags = a.TagMap()
			if diff := cmp.Diff(w, gamePoolArgs(p, a, pulumi.String("aks-x"))); diff != "" {
				t.Errorf("gamePoolArgs (-want +got):\n%s", diff)
			}
		})
	}
}
