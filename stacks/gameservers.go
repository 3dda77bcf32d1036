package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/gamecluster"
	"github.com/gameplatform/platform/components/gameservers"
	"github.com/gameplatform/platform/components/network"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// newGameServers makes every region's cluster host the game's servers (Agones, the
// game namespace and service accounts, the fleet and its autoscaler). It runs after
// the edge, which owns the workload identities the service accounts name; each
// region's part is a child of that region's component and waits only on that
// region's cluster and identities.
func newGameServers(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, regions []*Region, e *Edge) error {
	for i, reg := range regions {
		r := s.Regions[i]
		info := spec.Regions[r.Name]
		pools, err := gamecluster.Pools(reg.Capacity, s.Tier, info.Zones, r.Capacity.Spot)
		if err != nil {
			return fmt.Errorf("region %s: %w", r.Name, err)
		}
		clientIDs := map[string]pulumi.StringInput{}
		for _, sa := range gameservers.ServiceAccounts {
			wi, ok := e.Identities[sa+"-"+r.Name]
			if !ok {
				return fmt.Errorf("internal error: region %s has no workload identity for service account %s", r.Name, sa)
			}
			clientIDs[sa] = wi.ClientID
		}
		if _, err := gameservers.NewGameServers(ctx, r.Name+"-gameservers", &gameservers.Args{
			Identity:                id,
			Region:                  r.Name,
			RegionCode:              info.Short,
			ResourceGroupName:       reg.ResourceGroupName,
			ClusterName:             reg.ClusterName,
			ClusterID:               reg.ClusterID.ToStringOutput(),
			ControlPlanePrincipalID: reg.ControlPlanePrincipalID,
			ServicesSubnetID:        reg.ServicesSubnetID.ToStringOutput(),
			ServicesSubnet:          network.RoleServices,
			AddressSpace:            r.AddressSpace,
			KubernetesVersion:       s.Cluster.KubernetesVersion,
			Pools:                   pools,
			Capacity:                reg.Capacity,
			Ports:                   gameservers.Ports{Start: s.GamePorts.Start, End: s.GamePorts.End},
			FleetName:               s.Game,
			Server: gameservers.Server{
				Image:     gameservers.Image(id.ContainerRegistryLoginServer(), s.GameServer.Image),
				Port:      s.GameServer.Port,
				CPU:       s.GameServer.CPU,
				MemoryGiB: s.GameServer.MemoryGiB,
			},
			ClientIDs: clientIDs,
		}, pulumi.Parent(reg)); err != nil {
			return fmt.Errorf("region %s: %w", r.Name, err)
		}
	}
	return nil
}
