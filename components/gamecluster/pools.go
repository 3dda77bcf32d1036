package gamecluster

import (
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240801"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Subnets a Pool's Subnet names.
const (
	SubnetSystem = "system"
	SubnetGame   = "game"
)

// subnetID is the subnet a pool's nodes join: the pool names it (Pool.Subnet), so
// no caller maps pools to subnets a second time. Nil for an unknown name, which
// validate refuses.
func (a *Args) subnetID(p Pool) pulumi.StringInput {
	switch p.Subnet {
	case SubnetSystem:
		return a.SystemSubnetID
	case SubnetGame:
		return a.GameSubnetID
	}
	return nil
}

// poolArgs is what a pool is, whichever way it is registered: every game pool as
// its own AgentPool resource of the cluster (clusterName), the system pool inline
// in the cluster's agentPoolProfiles through inlineProfile (clusterName nil). The
// spot, node public IP and host port settings follow the pool's own fields, which
// Pools sets only on game pools.
func poolArgs(p Pool, args *Args, clusterName pulumi.StringInput) *azcs.AgentPoolArgs {
	a := &azcs.AgentPoolArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      clusterName,
		AgentPoolName:     pulumi.String(p.Name),
		Mode:              pulumi.String(p.Mode),
		VmSize:            pulumi.String(p.VMSize),
		OsType:            pulumi.String("Linux"),
		OsSKU:             pulumi.String(OSSKU),
		Type:              pulumi.String("VirtualMachineScaleSets"),
		EnableAutoScaling: pulumi.Bool(true),
		Count:             pulumi.Int(p.MinCount),
		MinCount:          pulumi.Int(p.MinCount),
		MaxCount:          pulumi.Int(p.MaxCount),
		NodeLabels:        pulumi.ToStringMap(p.Labels),
		VnetSubnetID:      args.subnetID(p),
		UpgradeSettings: &azcs.AgentPoolUpgradeSettingsArgs{
			MaxSurge:              pulumi.String(p.MaxSurge),
			DrainTimeoutInMinutes: pulumi.Int(p.DrainTimeout),
		},
		Tags: args.TagMap(),
	}
	if args.KubernetesVersion != "" {
		a.OrchestratorVersion = pulumi.String(args.KubernetesVersion)
	}
	if len(p.Zones) > 0 {
		a.AvailabilityZones = pulumi.ToStringArray(p.Zones)
	}
	// Every pool Pools returns has a taint (SystemTaint, GameTaint), so the
	// registered nodeTaints is never absent; a pool without taints registers none.
	if len(p.Taints) > 0 {
		a.NodeTaints = pulumi.ToStringArray(p.Taints)
	}
	if p.NodePublicIP {
		// Every game node gets its own Standard public IP; from the region's
		// BYOIP-derived prefix when it has one.
		a.EnableNodePublicIP = pulumi.Bool(true)
		if args.GamePrefixID != nil {
			a.NodePublicIPPrefixID = args.GamePrefixID
		}
	}
	if p.AllowHostPorts {
		// AKS's node-level NSG admits only these ports to the nodes' public IPs,
		// matching the game subnet's NSG.
		a.NetworkProfile = &azcs.AgentPoolNetworkProfileArgs{
			AllowedHostPorts: azcs.PortRangeArray{
				azcs.PortRangeArgs{PortStart: pulumi.Int(args.Ports.Start), PortEnd: pulumi.Int(args.Ports.End), Protocol: pulumi.String("UDP")},
				azcs.PortRangeArgs{PortStart: pulumi.Int(args.Ports.QoSPort), PortEnd: pulumi.Int(args.Ports.QoSPort), Protocol: pulumi.String("UDP")},
			},
		}
	}
	if p.Spot {
		// NOTE: AKS taints spot nodes kubernetes.azure.com/scalesetpriority=spot:NoSchedule;
		// game-server pods need the matching toleration to land there.
		a.ScaleSetPriority = pulumi.String("Spot")
		a.ScaleSetEvictionPolicy = pulumi.String("Delete")
		a.SpotMaxPrice = pulumi.Float64(-1)
	}
	return a
}

// systemProfile is the system pool, inline in the cluster's agentPoolProfiles.
func systemProfile(p Pool, args *Args) azcs.ManagedClusterAgentPoolProfileArgs {
	return inlineProfile(p.Name, poolArgs(p, args, nil))
}

// inlineProfile is an AgentPool's arguments as an inline profile of the managed
// cluster: a field-for-field copy (the two types share every field but the ones
// that address the AgentPool resource: ResourceGroupName, ResourceName and
// AgentPoolName, which the profile carries as Name). TestInlineProfileCopiesEveryField
// fails when the SDK adds a field this copy misses.
func inlineProfile(name string, a *azcs.AgentPoolArgs) azcs.ManagedClusterAgentPoolProfileArgs {
	return azcs.ManagedClusterAgentPoolProfileArgs{
		Name:                       pulumi.String(name),
		AvailabilityZones:          a.AvailabilityZones,
		CapacityReservationGroupID: a.CapacityReservationGroupID,
		Count:                      a.Count,
		CreationData:               a.CreationData,
		EnableAutoScaling:          a.EnableAutoScaling,
		EnableEncryptionAtHost:     a.EnableEncryptionAtHost,
		EnableFIPS:                 a.EnableFIPS,
		EnableNodePublicIP:         a.EnableNodePublicIP,
		EnableUltraSSD:             a.EnableUltraSSD,
		GpuInstanceProfile:         a.GpuInstanceProfile,
		HostGroupID:                a.HostGroupID,
		KubeletConfig:              a.KubeletConfig,
		KubeletDiskType:            a.KubeletDiskType,
		LinuxOSConfig:              a.LinuxOSConfig,
		MaxCount:                   a.MaxCount,
		MaxPods:                    a.MaxPods,
		MinCount:                   a.MinCount,
		Mode:                       a.Mode,
		NetworkProfile:             a.NetworkProfile,
		NodeLabels:                 a.NodeLabels,
		NodePublicIPPrefixID:       a.NodePublicIPPrefixID,
		NodeTaints:                 a.NodeTaints,
		OrchestratorVersion:        a.OrchestratorVersion,
		OsDiskSizeGB:               a.OsDiskSizeGB,
		OsDiskType:                 a.OsDiskType,
		OsSKU:                      a.OsSKU,
		OsType:                     a.OsType,
		PodSubnetID:                a.PodSubnetID,
		PowerState:                 a.PowerState,
		ProximityPlacementGroupID:  a.ProximityPlacementGroupID,
		ScaleDownMode:              a.ScaleDownMode,
		ScaleSetEvictionPolicy:     a.ScaleSetEvictionPolicy,
		ScaleSetPriority:           a.ScaleSetPriority,
		SecurityProfile:            a.SecurityProfile,
		SpotMaxPrice:               a.SpotMaxPrice,
		Tags:                       a.Tags,
		Type:                       a.Type,
		UpgradeSettings:            a.UpgradeSettings,
		VmSize:                     a.VmSize,
		VnetSubnetID:               a.VnetSubnetID,
		WindowsProfile:             a.WindowsProfile,
		WorkloadRuntime:            a.WorkloadRuntime,
	}
}
