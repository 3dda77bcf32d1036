package gamecluster

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240801"
	azmsi "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
)

// A pool's arguments are a pure function of the pool and the cluster's arguments:
// table-tested here, while NewGameCluster only wires outputs.
func TestPoolArgs(t *testing.T) {
	base := func(t *testing.T, tr spec.Tier) *Args {
		a := testArgs(t, tr, 2000)
		a.ResourceGroupName = pulumi.String("rg")
		a.GameSubnetID = pulumi.String("/subnets/game")
		a.SystemSubnetID = pulumi.String("/subnets/system")
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
		{"a pool without taints registers none", func(t *testing.T) *Args { return base(t, spec.TierProd) }, func(p Pool) Pool { p.Taints = nil; return p },
			func(w *azcs.AgentPoolArgs) { w.NodeTaints = nil }},
		// The system pool is the same builder: its own subnet, and none of the game
		// pools' node IPs, host ports or spot settings, which its Pool does not ask for.
		{"the system pool", func(t *testing.T) *Args { return base(t, spec.TierProd) }, func(Pool) Pool {
			return Pool{Name: "system", Mode: "System", VMSize: "Standard_D4ds_v5", MinCount: 3, MaxCount: 6, Zones: []string{"1", "2", "3"},
				Taints: []string{SystemTaint}, Labels: map[string]string{PoolLabel: "system"}, Subnet: SubnetSystem,
				MaxSurge: SystemMaxSurge, DrainTimeout: SystemDrainTimeoutMin}
		}, func(w *azcs.AgentPoolArgs) {
			w.AgentPoolName, w.Mode, w.VmSize = pulumi.String("system"), pulumi.String("System"), pulumi.String("Standard_D4ds_v5")
			w.Count, w.MinCount, w.MaxCount = pulumi.Int(3), pulumi.Int(3), pulumi.Int(6)
			w.NodeLabels = pulumi.StringMap{PoolLabel: pulumi.String("system")}
			w.NodeTaints = pulumi.StringArray{pulumi.String(SystemTaint)}
			w.VnetSubnetID = pulumi.String("/subnets/system")
			w.UpgradeSettings = &azcs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String("33%"), DrainTimeoutInMinutes: pulumi.Int(30)}
			w.EnableNodePublicIP, w.NetworkProfile = nil, nil
		}},
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
			if diff := cmp.Diff(w, poolArgs(p, a, pulumi.String("aks-x"))); diff != "" {
				t.Errorf("poolArgs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSystemProfile: the system pool, inline in the cluster's agentPoolProfiles,
// registers what it always has, taints included (Pools always gives it SystemTaint).
func TestSystemProfile(t *testing.T) {
	for _, tc := range []struct {
		name string
		tier spec.Tier
		edit func(*Args)
		want func(tags pulumi.StringMap) azcs.ManagedClusterAgentPoolProfileArgs
	}{
		{"prod: zonal, three to six nodes", spec.TierProd, nil, func(tags pulumi.StringMap) azcs.ManagedClusterAgentPoolProfileArgs {
			return azcs.ManagedClusterAgentPoolProfileArgs{
				Name:                pulumi.String("system"),
				Mode:                pulumi.String("System"),
				VmSize:              pulumi.String(capacity.SystemVM.Name),
				OsType:              pulumi.String("Linux"),
				OsSKU:               pulumi.String("AzureLinux"),
				Type:                pulumi.String("VirtualMachineScaleSets"),
				EnableAutoScaling:   pulumi.Bool(true),
				Count:               pulumi.Int(3),
				MinCount:            pulumi.Int(3),
				MaxCount:            pulumi.Int(6),
				NodeLabels:          pulumi.StringMap{"gameplatform.io/pool": pulumi.String("system")},
				NodeTaints:          pulumi.StringArray{pulumi.String("CriticalAddonsOnly=true:NoSchedule")},
				VnetSubnetID:        pulumi.String("/subnets/system"),
				AvailabilityZones:   pulumi.StringArray{pulumi.String("1"), pulumi.String("2"), pulumi.String("3")},
				OrchestratorVersion: pulumi.String("1.33"),
				UpgradeSettings:     &azcs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String("33%"), DrainTimeoutInMinutes: pulumi.Int(30)},
				Tags:                tags,
			}
		}},
		{"dev: no zones, no version pinned, spot game pools", spec.TierDev, func(a *Args) { a.KubernetesVersion, a.Spot = "", true },
			func(tags pulumi.StringMap) azcs.ManagedClusterAgentPoolProfileArgs {
				return azcs.ManagedClusterAgentPoolProfileArgs{
					Name:              pulumi.String("system"),
					Mode:              pulumi.String("System"),
					VmSize:            pulumi.String(capacity.SystemVM.Name),
					OsType:            pulumi.String("Linux"),
					OsSKU:             pulumi.String("AzureLinux"),
					Type:              pulumi.String("VirtualMachineScaleSets"),
					EnableAutoScaling: pulumi.Bool(true),
					Count:             pulumi.Int(1),
					MinCount:          pulumi.Int(1),
					MaxCount:          pulumi.Int(3),
					NodeLabels:        pulumi.StringMap{"gameplatform.io/pool": pulumi.String("system")},
					NodeTaints:        pulumi.StringArray{pulumi.String("CriticalAddonsOnly=true:NoSchedule")},
					VnetSubnetID:      pulumi.String("/subnets/system"),
					UpgradeSettings:   &azcs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String("33%"), DrainTimeoutInMinutes: pulumi.Int(30)},
					Tags:              tags,
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := testArgs(t, tc.tier, 20000)
			a.SystemSubnetID = pulumi.String("/subnets/system")
			if tc.edit != nil {
				tc.edit(a)
			}
			pools, err := a.validate()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want(a.TagMap()), systemProfile(pools[0], a)); diff != "" {
				t.Errorf("systemProfile (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInlineProfileCopiesEveryField fills every field of an AgentPool's arguments
// with a value of its own and checks inlineProfile carries each one, unchanged, to
// the same field of the inline profile: a field the SDK adds to either type, or one
// the copy drops or crosses, fails here.
func TestInlineProfileCopiesEveryField(t *testing.T) {
	// Each maker returns a fresh pointer-like value, so identity tells fields apart.
	makers := []func(name string, i int) any{
		func(n string, _ int) any { return pulumi.StringPtr(n) },
		func(_ string, i int) any { return pulumi.IntPtr(i) },
		func(string, int) any { return pulumi.BoolPtr(true) },
		func(_ string, i int) any { return pulumi.Float64Ptr(float64(i)) },
		func(n string, _ int) any { return pulumi.StringArray{pulumi.String(n)} },
		func(n string, _ int) any { return pulumi.StringMap{n: pulumi.String(n)} },
		func(string, int) any { return azcs.CreationDataPtr(&azcs.CreationDataArgs{}) },
		func(string, int) any { return azcs.KubeletConfigPtr(&azcs.KubeletConfigArgs{}) },
		func(string, int) any { return azcs.LinuxOSConfigPtr(&azcs.LinuxOSConfigArgs{}) },
		func(string, int) any { return azcs.AgentPoolNetworkProfilePtr(&azcs.AgentPoolNetworkProfileArgs{}) },
		func(string, int) any { return azcs.PowerStatePtr(&azcs.PowerStateArgs{}) },
		func(string, int) any { return azcs.AgentPoolSecurityProfilePtr(&azcs.AgentPoolSecurityProfileArgs{}) },
		func(string, int) any { return azcs.AgentPoolUpgradeSettingsPtr(&azcs.AgentPoolUpgradeSettingsArgs{}) },
		func(string, int) any { return azcs.AgentPoolWindowsProfilePtr(&azcs.AgentPoolWindowsProfileArgs{}) },
	}
	// The fields that address the AgentPool resource, which the profile has not.
	resourceOnly := map[string]bool{"ResourceGroupName": true, "ResourceName": true, "AgentPoolName": true}

	src := &azcs.AgentPoolArgs{}
	sv := reflect.ValueOf(src).Elem()
	for i := 0; i < sv.NumField(); i++ {
		f := sv.Type().Field(i)
		if resourceOnly[f.Name] {
			continue
		}
		var set bool
		for _, mk := range makers {
			v := reflect.ValueOf(mk(f.Name, i+1))
			if v.Type().Implements(f.Type) {
				sv.Field(i).Set(v)
				set = true
				break
			}
		}
		if !set {
			t.Fatalf("AgentPoolArgs.%s (%s): no test value; add a maker for its type", f.Name, f.Type)
		}
	}
	same := func(a, b reflect.Value) bool {
		if a.IsNil() || b.IsNil() || a.Elem().Type() != b.Elem().Type() {
			return false
		}
		switch a, b := a.Elem(), b.Elem(); a.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			return a.Pointer() == b.Pointer()
		default:
			return a.Interface() == b.Interface()
		}
	}

	got := inlineProfile("system", src)
	gv := reflect.ValueOf(got)
	if diff := cmp.Diff(pulumi.StringInput(pulumi.String("system")), got.Name); diff != "" {
		t.Errorf("Name (-want +got):\n%s", diff)
	}
	for i := 0; i < gv.NumField(); i++ {
		f := gv.Type().Field(i)
		if f.Name == "Name" {
			continue
		}
		sf, ok := sv.Type().FieldByName(f.Name)
		switch {
		case !ok:
			t.Errorf("ManagedClusterAgentPoolProfileArgs.%s has no AgentPoolArgs counterpart: decide how poolArgs fills it", f.Name)
		case sf.Type != f.Type:
			t.Errorf("%s: AgentPoolArgs has %s, the profile %s", f.Name, sf.Type, f.Type)
		case !same(sv.FieldByName(f.Name), gv.Field(i)):
			t.Errorf("inlineProfile does not copy %s", f.Name)
		}
	}
	for i := 0; i < sv.NumField(); i++ {
		if n := sv.Type().Field(i).Name; !resourceOnly[n] && !gv.FieldByName(n).IsValid() {
			t.Errorf("AgentPoolArgs.%s has no inline-profile counterpart: the system pool cannot carry it", n)
		}
	}
}

// TestClusterArgs: the managed cluster's arguments per tier and per option, as
// whole structs; the identities' outputs come in as plain strings.
func TestClusterArgs(t *testing.T) {
	ids := clusterIdentities{
		ControlPlaneID:  pulumi.String("/identities/id-aks"),
		KubeletID:       pulumi.String("/identities/id-kubelet"),
		KubeletClientID: pulumi.String("kubelet-client"),
		KubeletObjectID: pulumi.String("kubelet-principal"),
	}
	tags := pulumi.StringMap{"environment": pulumi.String("test")}
	// system is the inline system pool: 1-3 nodes outside prod, 3-6 over the three
	// zones in prod.
	system := func(prod bool) azcs.ManagedClusterAgentPoolProfileArgs {
		p := azcs.ManagedClusterAgentPoolProfileArgs{
			Name:                pulumi.String("system"),
			Mode:                pulumi.String("System"),
			VmSize:              pulumi.String(capacity.SystemVM.Name),
			OsType:              pulumi.String("Linux"),
			OsSKU:               pulumi.String("AzureLinux"),
			Type:                pulumi.String("VirtualMachineScaleSets"),
			EnableAutoScaling:   pulumi.Bool(true),
			Count:               pulumi.Int(1),
			MinCount:            pulumi.Int(1),
			MaxCount:            pulumi.Int(3),
			NodeLabels:          pulumi.StringMap{"gameplatform.io/pool": pulumi.String("system")},
			NodeTaints:          pulumi.StringArray{pulumi.String("CriticalAddonsOnly=true:NoSchedule")},
			VnetSubnetID:        pulumi.String("/subnets/system"),
			OrchestratorVersion: pulumi.String("1.33"),
			UpgradeSettings:     &azcs.AgentPoolUpgradeSettingsArgs{MaxSurge: pulumi.String("33%"), DrainTimeoutInMinutes: pulumi.Int(30)},
			Tags:                tags,
		}
		if prod {
			p.Count, p.MinCount, p.MaxCount = pulumi.Int(3), pulumi.Int(3), pulumi.Int(6)
			p.AvailabilityZones = pulumi.StringArray{pulumi.String("1"), pulumi.String("2"), pulumi.String("3")}
		}
		return p
	}
	// want is the cluster without its pool profiles, which the test adds last.
	want := func(skuTier string) *azcs.ManagedClusterArgs {
		return &azcs.ManagedClusterArgs{
			ResourceGroupName: pulumi.String("rg-starfall-test-jpe"),
			Location:          pulumi.String("japaneast"),
			ResourceName:      pulumi.String("aks-starfall-test-jpe"),
			DnsPrefix:         pulumi.String("starfall-test-jpe"),
			NodeResourceGroup: pulumi.String("rg-starfall-test-jpe-aks-nodes"),
			KubernetesVersion: pulumi.String("1.33"),
			Sku:               &azcs.ManagedClusterSKUArgs{Name: pulumi.String("Base"), Tier: pulumi.String(skuTier)},
			Identity: &azcs.ManagedClusterIdentityArgs{
				Type:                   azcs.ResourceIdentityTypeUserAssigned,
				UserAssignedIdentities: pulumi.StringArray{pulumi.String("/identities/id-aks")},
			},
			IdentityProfile: azcs.UserAssignedIdentityMap{
				"kubeletidentity": azcs.UserAssignedIdentityArgs{
					ResourceId: pulumi.String("/identities/id-kubelet"),
					ClientId:   pulumi.String("kubelet-client"),
					ObjectId:   pulumi.String("kubelet-principal"),
				},
			},
			EnableRBAC:           pulumi.Bool(true),
			DisableLocalAccounts: pulumi.Bool(true),
			AadProfile: &azcs.ManagedClusterAADProfileArgs{
				Managed:             pulumi.Bool(true),
				EnableAzureRBAC:     pulumi.Bool(true),
				AdminGroupObjectIDs: pulumi.StringArray{pulumi.String("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")},
			},
			OidcIssuerProfile: &azcs.ManagedClusterOIDCIssuerProfileArgs{Enabled: pulumi.Bool(true)},
			SecurityProfile: &azcs.ManagedClusterSecurityProfileArgs{
				WorkloadIdentity: &azcs.ManagedClusterSecurityProfileWorkloadIdentityArgs{Enabled: pulumi.Bool(true)},
				ImageCleaner:     &azcs.ManagedClusterSecurityProfileImageCleanerArgs{Enabled: pulumi.Bool(true), IntervalHours: pulumi.Int(48)},
			},
			NetworkProfile: &azcs.ContainerServiceNetworkProfileArgs{
				NetworkPlugin:     pulumi.String("azure"),
				NetworkPluginMode: pulumi.String("overlay"),
				NetworkPolicy:     pulumi.String("cilium"),
				NetworkDataplane:  pulumi.String("cilium"),
				PodCidr:           pulumi.String("100.64.0.0/10"),
				ServiceCidr:       pulumi.String("172.16.0.0/16"),
				DnsServiceIP:      pulumi.String("172.16.0.10"),
				LoadBalancerSku:   pulumi.String("standard"),
				OutboundType:      pulumi.String("loadBalancer"),
			},
			AutoUpgradeProfile: &azcs.ManagedClusterAutoUpgradeProfileArgs{
				UpgradeChannel:       pulumi.String("patch"),
				NodeOSUpgradeChannel: pulumi.String("NodeImage"),
			},
			ApiServerAccessProfile: &azcs.ManagedClusterAPIServerAccessProfileArgs{
				EnablePrivateCluster: pulumi.Bool(false),
				AuthorizedIPRanges:   pulumi.StringArray{pulumi.String("198.51.100.0/24")},
				DisableRunCommand:    pulumi.Bool(true),
			},
			AddonProfiles: azcs.ManagedClusterAddonProfileMap{
				"omsagent": azcs.ManagedClusterAddonProfileArgs{
					Enabled: pulumi.Bool(true),
					Config: pulumi.StringMap{
						"logAnalyticsWorkspaceResourceID": pulumi.String("/workspaces/log"),
						"useAADAuth":                      pulumi.String("true"),
					},
				},
			},
			Tags: tags,
		}
	}
	for _, tc := range []struct {
		name   string
		tier   spec.Tier
		edit   func(*Args)
		expect func(*azcs.ManagedClusterArgs, *azcs.ManagedClusterAgentPoolProfileArgs)
	}{
		{"dev: Free tier, no zones", spec.TierDev, nil, nil},
		{"staging: Standard tier, no zones", spec.TierStaging, nil, nil},
		{"prod: Standard tier, a zonal system pool", spec.TierProd, nil, nil},
		{"a region without zones in prod", spec.TierProd, func(a *Args) { a.RegionHasZones = false }, func(_ *azcs.ManagedClusterArgs, sys *azcs.ManagedClusterAgentPoolProfileArgs) {
			sys.AvailabilityZones = nil
		}},
		{"a private API server", spec.TierProd, func(a *Args) { a.APIServer = APIServer{Private: true} }, func(w *azcs.ManagedClusterArgs, _ *azcs.ManagedClusterAgentPoolProfileArgs) {
			w.ApiServerAccessProfile = &azcs.ManagedClusterAPIServerAccessProfileArgs{
				EnablePrivateCluster:           pulumi.Bool(true),
				EnablePrivateClusterPublicFQDN: pulumi.Bool(false),
				PrivateDNSZone:                 pulumi.String("system"),
				DisableRunCommand:              pulumi.Bool(true),
			}
		}},
		{"no workspace: no omsagent add-on", spec.TierDev, func(a *Args) { a.WorkspaceID = nil },
			func(w *azcs.ManagedClusterArgs, _ *azcs.ManagedClusterAgentPoolProfileArgs) { w.AddonProfiles = nil }},
		{"no Kubernetes version pinned: AKS's default, on the system pool too", spec.TierStaging, func(a *Args) { a.KubernetesVersion = "" },
			func(w *azcs.ManagedClusterArgs, sys *azcs.ManagedClusterAgentPoolProfileArgs) {
				w.KubernetesVersion, sys.OrchestratorVersion = nil, nil
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := testArgs(t, tc.tier, 20000)
			a.SystemSubnetID = pulumi.String("/subnets/system")
			a.WorkspaceID = pulumi.String("/workspaces/log")
			if tc.edit != nil {
				tc.edit(a)
			}
			pools, err := a.validate()
			if err != nil {
				t.Fatal(err)
			}
			sku := "Standard"
			if tc.tier == spec.TierDev {
				sku = "Free"
			}
			w, sys := want(sku), system(tc.tier == spec.TierProd)
			if tc.expect != nil {
				tc.expect(w, &sys)
			}
			w.AgentPoolProfiles = azcs.ManagedClusterAgentPoolProfileArray{sys}
			if diff := cmp.Diff(w, clusterArgs(a, pools[0], ids)); diff != "" {
				t.Errorf("clusterArgs (-want +got):\n%s", diff)
			}
		})
	}
}

// TestIdentityArgs: the control-plane and kubelet identities, named per region.
func TestIdentityArgs(t *testing.T) {
	a := testArgs(t, spec.TierProd, 20000)
	for prefix, name := range map[string]string{
		"id-aks":     "id-aks-starfall-test-jpe",
		"id-kubelet": "id-kubelet-starfall-test-jpe",
	} {
		want := &azmsi.UserAssignedIdentityArgs{
			ResourceGroupName: pulumi.String("rg-starfall-test-jpe"),
			Location:          pulumi.String("japaneast"),
			ResourceName:      pulumi.String(name),
			Tags:              pulumi.StringMap{"environment": pulumi.String("test")},
		}
		if diff := cmp.Diff(want, identityArgs(a, prefix)); diff != "" {
			t.Errorf("identityArgs(%q) (-want +got):\n%s", prefix, diff)
		}
	}
}

// TestGrantArgs: each role assignment of the cluster's identities keeps the GUID
// name it has in Azure (a new one would be refused while the old one exists) and
// names its principal a service principal.
func TestGrantArgs(t *testing.T) {
	a := testArgs(t, spec.TierProd, 20000)
	for _, tc := range []struct {
		role, guid string
	}{
		{"cp-mi-operator", "e4e8d99f-f876-5ec9-95fe-b02bd8c92278"},
		{"cp-network-system", "641357fe-cb2c-52ed-ae81-e9bf0701093d"},
		{"cp-network-game", "27feb3d4-4b79-5c22-b4e7-d3406f9be7eb"},
		{"kubelet-acrpull", "e4e0384a-837d-57fa-9d15-8b5c6ba3fc9e"},
	} {
		g := grant{
			Role:             tc.role,
			RoleDefinitionID: pulumi.String("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/" + RoleNetworkContributor),
			Principal:        pulumi.String("principal"),
			Scope:            pulumi.String("/scope"),
		}
		want := &azauth.RoleAssignmentArgs{
			RoleAssignmentName: pulumi.String(tc.guid),
			RoleDefinitionId:   pulumi.String("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7"),
			PrincipalId:        pulumi.String("principal"),
			PrincipalType:      pulumi.String("ServicePrincipal"),
			Scope:              pulumi.String("/scope"),
		}
		if diff := cmp.Diff(want, grantArgs(a, g)); diff != "" {
			t.Errorf("grantArgs(%s) (-want +got):\n%s", tc.role, diff)
		}
	}
}
