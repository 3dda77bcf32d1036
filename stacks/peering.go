package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/network"
)

// newPeerings links every pair of regions with a VNet peering in each direction (a
// full mesh; see components/network for why not a hub). Each peering is parented to
// its local region and depends on its two VNets and on the previous peering of its
// local VNet (Azure runs one operation at a time on a VNet; see
// network.MeshSchedule). No region resource waits on a peering or on another region:
// the peerings are leaves that start once the VNets exist.
func newPeerings(ctx *pulumi.Context, regions []*Region) error {
	last := map[int]pulumi.Resource{}
	for _, op := range network.MeshSchedule(len(regions)) {
		local, remote := regions[op[0]], regions[op[1]]
		var after []pulumi.Resource
		if p := last[op[0]]; p != nil {
			after = append(after, p)
		}
		p, err := network.NewPeering(ctx, local.Name+"-peer-"+remote.Name, &network.PeeringArgs{
			ResourceGroupName: local.ResourceGroupName,
			VNetName:          local.VNetName,
			RemoteVNetID:      remote.VNetID.ToStringOutput(),
			PeeringName:       "peer-to-" + remote.Name,
		}, pulumi.Parent(local), pulumi.DependsOn(after))
		if err != nil {
			return err
		}
		last[op[0]] = p
	}
	return nil
}
