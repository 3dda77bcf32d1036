package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/entrypoint"
	"github.com/gameplatform/platform/components/gamecluster"
	"github.com/gameplatform/platform/components/network"
	"github.com/gameplatform/platform/components/privatelink"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// regionDeps are what a region takes from the environment-wide part.
type regionDeps struct {
	RegistryID pulumi.IDOutput
	Capacity   capacity.Plan
	// Private are the shared services the region reaches through its own private
	// endpoints (Services.privateServices); none when empty.
	Private []privatelink.Service
}

func newRegion(ctx *pulumi.Context, s *spec.Spec, r spec.Region, id naming.Identity, base shared.Interface, g *Global, deps regionDeps) (*Region, error) {
	info := spec.Regions[r.Name]
	reg := &Region{Name: r.Name, Capacity: deps.Capacity}
	if err := ctx.RegisterComponentResource(RegionType, r.Name, reg); err != nil {
		return nil, fmt.Errorf("registering region %q: %w", r.Name, err)
	}
	rg, err := base.NewResourceGroup(ctx, r.Name+"-rg", id.ResourceGroup(info.Short), r.Name, pulumi.Parent(reg))
	if err != nil {
		return nil, err
	}
	entry, err := entrypoint.New(ctx, r.Name+"-entry-ip", &entrypoint.Args{
		Interface:         base,
		ResourceGroupName: rg.Name,
		Location:          r.Name,
		IPName:            id.Regional("pip-entry", info.Short),
		DNSLabel:          fmt.Sprintf("%s-%s-%s", s.Game, s.Stack, info.Short),
		Zones:             tier.Of(s.Tier).ZonesIn(info.Zones),
	}, pulumi.Parent(reg))
	if err != nil {
		return nil, fmt.Errorf("region %s: %w", r.Name, err)
	}
	zonal := tier.Of(s.Tier).ZonesIn(info.Zones) != nil
	net, err := network.NewNetwork(ctx, r.Name+"-network", &network.Args{
		Interface:         base,
		Identity:          id,
		RegionCode:        info.Short,
		Location:          r.Name,
		ResourceGroupName: rg.Name,
		AddressSpace:      r.AddressSpace,
		Ports:             s.GamePorts,
		GameNodes:         deps.Capacity.MaxNodes,
		GameAddresses:     deps.Capacity.GameSubnetAddresses(),
		CustomIPPrefixID:  r.CustomIPPrefixID,
		Zones:             zonal,
	}, pulumi.Parent(reg))
	if err != nil {
		return nil, fmt.Errorf("region %s: %w", r.Name, err)
	}
	cluster, err := gamecluster.NewGameCluster(ctx, r.Name+"-cluster", &gamecluster.Args{
		Interface:           base,
		Identity:            id,
		RegionCode:          info.Short,
		Location:            r.Name,
		RegionHasZones:      info.Zones,
		ResourceGroupName:   rg.Name,
		KubernetesVersion:   s.Cluster.KubernetesVersion,
		APIServer:           gamecluster.APIServer{AuthorizedRanges: s.Cluster.APIServerAuthorizedRanges, Private: s.Cluster.PrivateAPIServer},
		AdminGroupObjectIDs: s.Cluster.AdminGroupObjectIDs,
		Capacity:            deps.Capacity,
		Spot:                r.Capacity.Spot,
		Ports:               s.GamePorts,
		SystemSubnetID:      net.SystemSubnetID.ToStringOutput(),
		GameSubnetID:        net.GameSubnetID.ToStringOutput(),
		GamePrefixID:        net.GamePrefixID,
		RegistryID:          deps.RegistryID.ToStringOutput(),
	}, pulumi.Parent(reg))
	if err != nil {
		return nil, fmt.Errorf("region %s: %w", r.Name, err)
	}
	// Each region reaches the shared services through its own endpoints and zones, so
	// it never depends on another region's network (see components/privatelink).
	if len(deps.Private) > 0 {
		if _, err := privatelink.NewPrivateAccess(ctx, r.Name+"-privatelink", &privatelink.Args{
			Interface:         base,
			ResourceGroupName: rg.Name,
			Location:          r.Name,
			VNetID:            net.VNetID.ToStringOutput(),
			SubnetID:          net.PrivateEndpointSubnetID.ToStringOutput(),
			Services:          deps.Private,
		}, pulumi.Parent(reg)); err != nil {
			return nil, fmt.Errorf("region %s: %w", r.Name, err)
		}
	}

	reg.ResourceGroupName = rg.Name
	reg.EntryIPID = entry.IPID
	reg.EntryIPName = entry.IPName
	reg.EntryFQDN = entry.FQDN
	reg.VNetID = net.VNetID
	reg.VNetName = net.VNetName
	reg.PrivateEndpointSubnetID = net.PrivateEndpointSubnetID
	reg.ServicesSubnetID = net.ServicesSubnetID
	reg.ClusterID = cluster.ClusterID
	reg.ClusterName = cluster.ClusterName
	reg.OIDCIssuerURL = cluster.OIDCIssuerURL
	reg.KubeletPrincipalID = cluster.KubeletPrincipalID
	reg.ControlPlanePrincipalID = cluster.ControlPlanePrincipalID
	if err := ctx.RegisterResourceOutputs(reg, pulumi.Map{
		"resourceGroupName": rg.Name,
		"entryFqdn":         reg.EntryFQDN,
		"vnetId":            net.VNetID,
		"clusterName":       cluster.ClusterName,
	}); err != nil {
		return nil, err
	}
	return reg, nil
}
