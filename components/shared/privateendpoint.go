package shared

import (
	"fmt"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/field"
)

// PrivateEndpoint places a private endpoint of a resource in a subnet (Azure Verified
// Modules' "privateEndpoints" interface), optionally registered in a private DNS zone.
type PrivateEndpoint struct {
	// SubnetID is the subnet the endpoint's network interface lives in.
	SubnetID pulumi.StringInput
	// Location is the subnet's region.
	Location string
	// DNSZoneID is the privatelink.* private DNS zone the endpoint registers in; nil
	// leaves name resolution to the caller.
	DNSZoneID pulumi.StringInput
}

// Validate reports a private endpoint that cannot be placed.
func (p *PrivateEndpoint) Validate() error { return p.Problems().Join() }

// Problems lists what keeps the private endpoint from being placed, each under
// the PrivateEndpoint field of the component's arguments.
func (p *PrivateEndpoint) Problems() field.ErrorList {
	var errs field.ErrorList
	at := field.NewPath("PrivateEndpoint")
	if p.SubnetID == nil {
		errs.Append(field.Required(at.Child("SubnetID")))
	}
	if p.Location == "" {
		errs.Append(field.Required(at.Child("Location")))
	}
	return errs
}

// NewPrivateEndpoint connects a resource's sub-resource groupID ("blob", "vault", …)
// to the endpoint's subnet, as a child named name+"-pe" (and name+"-pe-dns" for the
// DNS zone group).
func (i Interface) NewPrivateEndpoint(ctx *pulumi.Context, name string, resourceGroupName, target pulumi.StringInput, groupID string, pe PrivateEndpoint, opts ...pulumi.ResourceOption) (*aznetwork.PrivateEndpoint, error) {
	ep, err := aznetwork.NewPrivateEndpoint(ctx, name+"-pe", &aznetwork.PrivateEndpointArgs{
		ResourceGroupName: resourceGroupName,
		Location:          pulumi.String(pe.Location),
		Subnet:            &aznetwork.SubnetTypeArgs{Id: pe.SubnetID},
		PrivateLinkServiceConnections: aznetwork.PrivateLinkServiceConnectionArray{
			aznetwork.PrivateLinkServiceConnectionArgs{
				Name:                 pulumi.String(name + "-" + groupID),
				PrivateLinkServiceId: target,
				GroupIds:             pulumi.ToStringArray([]string{groupID}),
			},
		},
		Tags: i.TagMap(),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating private endpoint %q: %w", name+"-pe", err)
	}
	if pe.DNSZoneID == nil {
		return ep, nil
	}
	_, err = aznetwork.NewPrivateDnsZoneGroup(ctx, name+"-pe-dns", &aznetwork.PrivateDnsZoneGroupArgs{
		ResourceGroupName:       resourceGroupName,
		PrivateEndpointName:     ep.Name,
		PrivateDnsZoneGroupName: pulumi.String("default"),
		PrivateDnsZoneConfigs: aznetwork.PrivateDnsZoneConfigArray{
			aznetwork.PrivateDnsZoneConfigArgs{Name: pulumi.String(groupID), PrivateDnsZoneId: pe.DNSZoneID},
		},
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating private DNS zone group %q: %w", name+"-pe-dns", err)
	}
	return ep, nil
}
