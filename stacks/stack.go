package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Component type tokens of the composition.
const (
	GlobalType = "gameplatform:stacks:Global"
	RegionType = plan.RegionComponentType
)

// Global is the environment-wide part: what every region shares.
type Global struct {
	pulumi.ResourceState

	ResourceGroupName pulumi.StringOutput
	Location          string
	WorkspaceID       pulumi.IDOutput
}

// Region is one regional stamp.
type Region struct {
	pulumi.ResourceState

	Name              string
	ResourceGroupName pulumi.StringOutput
	// EntryIPID is the regional player entry point (matchmaking / QoS beacon / API
	// ingress): a static public IP with a DNS label, the target of Traffic Manager and
	// Front Door.
	EntryIPID   pulumi.IDOutput
	EntryFQDN   pulumi.StringOutput
	EntryIPName pulumi.StringOutput

	// VNetID and VNetName identify the region's VNet (peerings, private DNS links).
	VNetID   pulumi.IDOutput
	VNetName pulumi.StringOutput
	// PrivateEndpointSubnetID is the subnet for private endpoints of the
	// environment's services (storage, key vault, registry).
	PrivateEndpointSubnetID pulumi.IDOutput
	// ServicesSubnetID hosts internal services and internal load balancers.
	ServicesSubnetID pulumi.IDOutput
	// ClusterID and ClusterName identify the region's AKS cluster.
	ClusterID   pulumi.IDOutput
	ClusterName pulumi.StringOutput
	// OIDCIssuerURL is the cluster's workload-identity issuer (for federated
	// credentials of workload identities).
	OIDCIssuerURL pulumi.StringOutput
	// KubeletPrincipalID is the object ID of the nodes' identity (grant it read
	// access to what the nodes pull, e.g. build storage).
	KubeletPrincipalID pulumi.StringOutput
	// ControlPlanePrincipalID is the object ID of the cluster's control plane identity.
	ControlPlanePrincipalID pulumi.StringOutput
	// Capacity is the region's node pool sizing.
	Capacity capacity.Plan
}

// Deploy registers the whole environment for a validated spec.
func Deploy(ctx *pulumi.Context, s *spec.Spec) error {
	id := naming.Identity{Studio: s.Studio, Game: s.Game, Env: s.Stack}
	base := shared.Interface{Tags: s.StandardTags(), Tier: s.Tier, Protect: tier.Of(s.Tier).Protect}

	g, err := newGlobal(ctx, s, id, base)
	if err != nil {
		return err
	}
	base.WorkspaceID = g.WorkspaceID

	sizing, err := s.Sizing()
	if err != nil {
		return err
	}
	acr, err := newRegistry(ctx, s, id, base, g)
	if err != nil {
		return err
	}
	svc, err := newServices(ctx, s, id, base, g, acr)
	if err != nil {
		return err
	}
	private := svc.privateServices()

	regions := make([]*Region, 0, len(s.Regions))
	for i, r := range s.Regions {
		reg, err := newRegion(ctx, s, r, id, base, g, regionDeps{RegistryID: acr.RegistryID, Capacity: sizing[i], Private: private})
		if err != nil {
			return err
		}
		regions = append(regions, reg)
	}
	if s.Peered() {
		if err := newPeerings(ctx, regions); err != nil {
			return err
		}
	}
	edge, err := newEdge(ctx, s, id, base, g, svc, regions)
	if err != nil {
		return err
	}
	if err := newGameServers(ctx, s, id, regions, edge); err != nil {
		return err
	}
	ctx.Export("resourceGroup", g.ResourceGroupName)
	ctx.Export("regions", pulumi.ToStringArray(s.RegionNames()))
	return nil
}
