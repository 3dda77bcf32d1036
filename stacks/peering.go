package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/network"
)

// newPeerings links every pair of regions with a VNet peering in each direction (a
// full mesh; see components/network for why not a hub). Each peering is parented to
// its local region and depends only on the two VNets, so no region waits on another:
// the peerings are leaves that start once both VNets exist.
func newPeerings(ctx *pulumi.Context, regions []*Region) error {
	for _, pair := range network.MeshPairs(len(regions)) {
		a, b := regions[pair[0]], regions[pair[1]]
		for _, dir := range [][2]*Region{{a, b}, {b, a}} {
			local, remote := dir[0], dir[1]
			_, err := network.NewPeering(ctx, local.Name+"-peer-"+remote.Name, &network.PeeringArgs{
				ResourceGroupName: local.ResourceGroupName,
				VNetName:          local.VNetName,
				RemoteVNetID:      remote.VNetID.ToStringOutput(),
				PeeringName:       "peer-to-" + remote.Name,
			}, pulumi.Parent(local))
			if err != nil {
				return err
			}
		}
	}
	return nil
}
