// Package privatelink gives one region private access to the environment's shared
// services (build storage, Key Vault, the registry, the player-data store): a private endpoint per service in
// the region's private-endpoint subnet, and the privatelink.* private DNS zones, in
// the region's resource group, linked to the region's VNet only.
//
// Regions are independent stamps, so each has its own endpoints and its own zones.
// NOTE: one zone shared by every region cannot serve them: a private DNS zone holds
// one A record per resource name (<account>.privatelink.blob.core.windows.net), so
// with an endpoint per region the zone groups would overwrite each other's record
// and every region would resolve the last region's endpoint — reachable only over
// peering and gone when that region is removed. Microsoft's guidance: "Existing
// Private DNS Zones tied to a single service should not be associated with two
// different Private Endpoints as it will not be possible to properly resolve two
// different A-Records that point to the same service"
// (https://learn.microsoft.com/azure/private-link/private-endpoint-dns). Zones per
// region (same name, different resource groups, each linked to one VNet) give every
// region its own answer.
package privatelink

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:privatelink:PrivateAccess"

// Private DNS zones of the services' private endpoints and their sub-resources
// (group IDs), from https://learn.microsoft.com/azure/private-link/private-endpoint-dns.
const (
	ZoneBlob     = "privatelink.blob.core.windows.net"
	ZoneVault    = "privatelink.vaultcore.azure.net"
	ZoneRegistry = "privatelink.azurecr.io"
	// ZoneCosmosSQL is Cosmos DB for NoSQL's zone: the account's global name and
	// each of its regional names (<account>-<region>) get a record.
	ZoneCosmosSQL = "privatelink.documents.azure.com"

	GroupBlob      = "blob"
	GroupVault     = "vault"
	GroupRegistry  = "registry"
	GroupCosmosSQL = "Sql"
)

// Service is one service the region reaches privately.
type Service struct {
	// Name is the endpoint's role in logical names ("blob", "vault", "registry").
	Name string
	// TargetID is the service's resource ID.
	TargetID pulumi.StringInput
	// GroupID is the sub-resource the endpoint connects to (GroupBlob, …).
	GroupID string
	// Zone is the privatelink.* zone the endpoint registers in (ZoneBlob, …).
	Zone string
}

// Args configure one region's private access.
type Args struct {
	shared.Interface
	// ResourceGroupName is the region's resource group: zones, links and endpoints
	// live and die with the region.
	ResourceGroupName pulumi.StringInput
	// Location is the region.
	Location string
	// VNetID is the region's VNet, the only one the zones are linked to.
	VNetID pulumi.StringInput
	// SubnetID is the region's private-endpoint subnet.
	SubnetID pulumi.StringInput
	// Services are the services reached; at least one.
	Services []Service
}

// PrivateAccess is a region's private endpoints and private DNS.
type PrivateAccess struct {
	pulumi.ResourceState

	// EndpointIDs are the private endpoints' IDs by service name.
	EndpointIDs map[string]pulumi.IDOutput
	// ZoneIDs are the region's private DNS zones' IDs by zone name.
	ZoneIDs map[string]pulumi.IDOutput
}

var (
	nameRE = regexp.MustCompile(`^[a-z][a-z0-9]{1,15}$`)
	zoneRE = regexp.MustCompile(`^privatelink\.[a-z0-9.-]+[a-z]$`)
)

func (a *Args) validate() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if a.VNetID == nil {
		errs.Append(field.Required(field.NewPath("VNetID"), "the zones are linked to the region's VNet"))
	}
	if a.SubnetID == nil {
		errs.Append(field.Required(field.NewPath("SubnetID"), "the region's private-endpoint subnet"))
	}
	if len(a.Services) == 0 {
		errs.Add("Services", "at least one service is required")
	}
	seen := map[string]bool{}
	for i, s := range a.Services {
		at := field.NewPath("Services").Index(i)
		if !nameRE.MatchString(s.Name) {
			errs.Add(at.Child("Name").String(), "%q must be 2-16 lowercase letters and digits", s.Name)
		}
		if seen[s.Name] {
			errs.Append(field.Duplicate(at.Child("Name"), s.Name))
		}
		seen[s.Name] = true
		if s.TargetID == nil {
			errs.Append(field.Required(at.Child("TargetID")))
		}
		if s.GroupID == "" {
			errs.Append(field.Required(at.Child("GroupID")))
		}
		if !zoneRE.MatchString(s.Zone) {
			errs.Add(at.Child("Zone").String(), "%q must be a privatelink.* zone", s.Zone)
		}
	}
	return errs.Join()
}

// ZoneRole is the short name of a privatelink zone in logical names
// ("privatelink.blob.core.windows.net" → "blob", "privatelink.azurecr.io" → "azurecr").
func ZoneRole(zone string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(zone, "privatelink."), ".")
	return first
}

// NewPrivateAccess registers, per distinct zone, the private DNS zone and its link to
// the region's VNet, then per service a private endpoint registered in its zone.
// Children: name+"-dns-"+ZoneRole, name+"-dns-"+ZoneRole+"-link",
// name+"-"+service+"-pe" and name+"-"+service+"-pe-dns".
func NewPrivateAccess(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*PrivateAccess, error) {
	if args == nil {
		return nil, errors.New("internal error: private access args are nil")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("internal error: private access %q: %w", name, err)
	}
	c := &PrivateAccess{EndpointIDs: map[string]pulumi.IDOutput{}, ZoneIDs: map[string]pulumi.IDOutput{}}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	for _, s := range args.Services {
		if _, ok := c.ZoneIDs[s.Zone]; ok {
			continue
		}
		zn := name + "-dns-" + ZoneRole(s.Zone)
		zone, err := aznetwork.NewPrivateZone(ctx, zn, &aznetwork.PrivateZoneArgs{
			ResourceGroupName: args.ResourceGroupName,
			PrivateZoneName:   pulumi.String(s.Zone),
			Location:          pulumi.String("global"),
			Tags:              args.TagMap(),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating private DNS zone %q: %w", zn, err)
		}
		_, err = aznetwork.NewVirtualNetworkLink(ctx, zn+"-link", &aznetwork.VirtualNetworkLinkArgs{
			ResourceGroupName:      args.ResourceGroupName,
			PrivateZoneName:        zone.Name,
			VirtualNetworkLinkName: pulumi.String(args.Location),
			Location:               pulumi.String("global"),
			VirtualNetwork:         &aznetwork.SubResourceArgs{Id: args.VNetID},
			RegistrationEnabled:    pulumi.Bool(false),
			Tags:                   args.TagMap(),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating private DNS link %q: %w", zn+"-link", err)
		}
		c.ZoneIDs[s.Zone] = zone.ID()
	}
	for _, s := range args.Services {
		ep, err := newEndpoint(ctx, name+"-"+s.Name, args, s, c.ZoneIDs[s.Zone], parent)
		if err != nil {
			return nil, err
		}
		c.EndpointIDs[s.Name] = ep.ID()
	}
	outs := pulumi.Map{}
	for n, id := range c.EndpointIDs {
		outs[n+"EndpointId"] = id
	}
	if err := ctx.RegisterResourceOutputs(c, outs); err != nil {
		return nil, err
	}
	return c, nil
}

// newEndpoint connects the service's sub-resource (s.GroupID) to the region's
// private-endpoint subnet, as name+"-pe", and registers it in the region's zone for
// it (name+"-pe-dns", the endpoint's DNS zone group).
func newEndpoint(ctx *pulumi.Context, name string, args *Args, s Service, zoneID pulumi.IDOutput, opts ...pulumi.ResourceOption) (*aznetwork.PrivateEndpoint, error) {
	ep, err := aznetwork.NewPrivateEndpoint(ctx, name+"-pe", &aznetwork.PrivateEndpointArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          pulumi.String(args.Location),
		Subnet:            &aznetwork.SubnetTypeArgs{Id: args.SubnetID},
		PrivateLinkServiceConnections: aznetwork.PrivateLinkServiceConnectionArray{
			aznetwork.PrivateLinkServiceConnectionArgs{
				Name:                 pulumi.String(name + "-" + s.GroupID),
				PrivateLinkServiceId: s.TargetID,
				GroupIds:             pulumi.ToStringArray([]string{s.GroupID}),
			},
		},
		Tags: args.TagMap(),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating private endpoint %q: %w", name+"-pe", err)
	}
	_, err = aznetwork.NewPrivateDnsZoneGroup(ctx, name+"-pe-dns", &aznetwork.PrivateDnsZoneGroupArgs{
		ResourceGroupName:       args.ResourceGroupName,
		PrivateEndpointName:     ep.Name,
		PrivateDnsZoneGroupName: pulumi.String("default"),
		PrivateDnsZoneConfigs: aznetwork.PrivateDnsZoneConfigArray{
			aznetwork.PrivateDnsZoneConfigArgs{Name: pulumi.String(s.GroupID), PrivateDnsZoneId: zoneID.ToStringOutput()},
		},
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating private DNS zone group %q: %w", name+"-pe-dns", err)
	}
	return ep, nil
}
