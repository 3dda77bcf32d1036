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

// MeshSchedule returns the directed peerings (local, remote) of a full mesh of n
// regions in the order to create them: in step k (1..n-1) every region i peers to
// region (i+k) mod n, so at each step every VNet is the local side of one peering
// and the remote side of one other.
//
// NOTE: Azure runs one operation at a time on a VNet; peerings created in parallel
// on the same VNet fail with AnotherOperationInProgress. The stack chains each
// VNet's outgoing peerings (each waits for the previous one on its local VNet), a
// chain of n-1 peerings (six for seven regions, about 1.5 minutes) that stays
// shorter than a cluster's creation as regions are added. A peering can still find
// its remote VNet mid-update (ReferencedResourceNotProvisioned); that is transient
// and the next `pulumi up` completes it. Serialising on both VNets would remove it
// but double the chain and put the mesh on the critical path beyond a dozen regions.
func MeshSchedule(n int) [][2]int {
	var out [][2]int
	for k := 1; k < n; k++ {
		for i := 0; i < n; i++ {
			out = append(out, [2]int{i, (i + k) % n})
		}
	}
	return out
}
