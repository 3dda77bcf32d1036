// Package entrypoint provides a region's player entry point: a static Standard public
// IP with a DNS label (matchmaking, QoS beacons, the API ingress), zone-redundant
// where the tier spreads over zones, its resource logs sent to the environment's
// workspace. Traffic Manager's endpoint and Front Door's API origin target it.
//
// New registers no component of its own: the IP is a child of the region's stamp
// (opts name the parent), so its URN is the one it always had.
package entrypoint

import (
	"fmt"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
)

// Args configure a region's entry point.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	Location          string
	// IPName is the public IP's Azure name.
	IPName string
	// DNSLabel is the IP's domain name label: <label>.<location>.cloudapp.azure.com.
	DNSLabel string
	// Zones are the availability zones of a zone-redundant IP (the tier profile's
	// ZonesIn); none otherwise.
	Zones []string
}

// Entry is the registered entry point.
type Entry struct {
	IPID   pulumi.IDOutput
	IPName pulumi.StringOutput
	// FQDN is the entry point's DNS name (the IP's label in the region's cloudapp zone).
	FQDN pulumi.StringOutput
}

func (a *Args) problems() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if a.IPName == "" {
		errs.Append(field.Required(field.NewPath("IPName")))
	}
	if n := len(a.DNSLabel); n < 3 || n > 63 {
		errs.Add("DNSLabel", "%q must be 3-63 characters", a.DNSLabel)
	}
	return errs.Join()
}

// New registers the entry point's public IP and its diagnostic setting.
func New(ctx *pulumi.Context, name string, a *Args, opts ...pulumi.ResourceOption) (*Entry, error) {
	if a == nil {
		return nil, fmt.Errorf("internal error: entry point %q: args are nil", name)
	}
	if err := a.problems(); err != nil {
		return nil, fmt.Errorf("internal error: entry point %q: %w", name, err)
	}
	ipArgs := &aznetwork.PublicIPAddressArgs{
		ResourceGroupName:        a.ResourceGroupName,
		Location:                 pulumi.String(a.Location),
		PublicIpAddressName:      pulumi.String(a.IPName),
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Sku: &aznetwork.PublicIPAddressSkuArgs{
			Name: pulumi.String("Standard"),
			Tier: pulumi.String("Regional"),
		},
		DnsSettings: &aznetwork.PublicIPAddressDnsSettingsArgs{DomainNameLabel: pulumi.String(a.DNSLabel)},
		Tags:        a.TagMap(),
	}
	if len(a.Zones) > 0 {
		ipArgs.Zones = pulumi.ToStringArray(a.Zones)
	}
	ip, err := aznetwork.NewPublicIPAddress(ctx, name, ipArgs, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating entry public IP %q: %w", name, err)
	}
	if _, err := a.NewDiagnosticSetting(ctx, name, ip.ID().ToStringOutput(), shared.AllLogs, opts...); err != nil {
		return nil, err
	}
	return &Entry{IPID: ip.ID(), IPName: ip.Name, FQDN: ip.DnsSettings.Elem().Fqdn().Elem()}, nil
}
