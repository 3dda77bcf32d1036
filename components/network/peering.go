package network

import (
	"errors"
	"fmt"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PeeringArgs connect a local VNet to a remote one. A peering is one-way; a working
// link needs one on each side.
type PeeringArgs struct {
	ResourceGroupName pulumi.StringInput // the local VNet's group
	VNetName          pulumi.StringInput // the local VNet
	RemoteVNetID      pulumi.StringInput
	PeeringName       string // Azure name, e.g. "to-japanwest"
}

// NewPeering registers one direction of a VNet peering. It depends on the two VNets
// only; nothing in either region waits for it.
func NewPeering(ctx *pulumi.Context, name string, args *PeeringArgs, opts ...pulumi.ResourceOption) (*aznetwork.VirtualNetworkPeering, error) {
	if args == nil || args.ResourceGroupName == nil || args.VNetName == nil || args.RemoteVNetID == nil || args.PeeringName == "" {
		return nil, errors.New("internal error: peering args need the resource group, both VNets and a name")
	}
	p, err := aznetwork.NewVirtualNetworkPeering(ctx, name, &aznetwork.VirtualNetworkPeeringArgs{
		ResourceGroupName:         args.ResourceGroupName,
		VirtualNetworkName:        args.VNetName,
		VirtualNetworkPeeringName: pulumi.String(args.PeeringName),
		RemoteVirtualNetwork:      &aznetwork.SubResourceArgs{Id: args.RemoteVNetID},
		AllowVirtualNetworkAccess: pulumi.Bool(true),
		// No transit: in a full mesh every pair has its own link.
		AllowForwardedTraffic: pulumi.Bool(false),
		AllowGatewayTransit:   pulumi.Bool(false),
		UseRemoteGateways:     pulumi.Bool(false),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating VNet peering %q: %w", name, err)
	}
	return p, nil
}

// MeshPairs returns every unordered pair (i, j), i < j, of n regions: the links of a
// full mesh (n*(n-1)/2 pairs, two peerings each).
func MeshPairs(n int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}
