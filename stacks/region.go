package stacks

import (
	"fmt"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	azresources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/naming"
	"github.com/gameplatform/platform/internal/spec"
)

func newRegion(ctx *pulumi.Context, s *spec.Spec, r spec.Region, id naming.Identity, base shared.Interface, g *Global) (*Region, error) {
	info := spec.Regions[r.Name]
	reg := &Region{Name: r.Name}
	if err := ctx.RegisterComponentResource(RegionType, r.Name, reg); err != nil {
		return nil, fmt.Errorf("registering region %q: %w", r.Name, err)
	}
	rg, err := azresources.NewResourceGroup(ctx, r.Name+"-rg", &azresources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(id.ResourceGroup(info.Short)),
		Location:          pulumi.String(r.Name),
		Tags:              base.TagMap(),
	}, pulumi.Parent(reg))
	if err != nil {
		return nil, fmt.Errorf("creating resource group %q: %w", r.Name+"-rg", err)
	}
	ipArgs := &aznetwork.PublicIPAddressArgs{
		ResourceGroupName:        rg.Name,
		Location:                 pulumi.String(r.Name),
		PublicIpAddressName:      pulumi.String(id.Regional("pip-entry", info.Short)),
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Sku: &aznetwork.PublicIPAddressSkuArgs{
			Name: pulumi.String("Standard"),
			Tier: pulumi.String("Regional"),
		},
		DnsSettings: &aznetwork.PublicIPAddressDnsSettingsArgs{
			DomainNameLabel: pulumi.String(fmt.Sprintf("%s-%s-%s", s.Game, s.Stack, info.Short)),
		},
		Tags: base.TagMap(),
	}
	if s.IsProd() && info.Zones {
		ipArgs.Zones = pulumi.ToStringArray([]string{"1", "2", "3"})
	}
	ip, err := aznetwork.NewPublicIPAddress(ctx, r.Name+"-entry-ip", ipArgs, pulumi.Parent(reg))
	if err != nil {
		return nil, fmt.Errorf("creating entry public IP in %s: %w", r.Name, err)
	}
	reg.ResourceGroupName = rg.Name
	reg.EntryIPID = ip.ID()
	reg.EntryIPName = ip.Name
	reg.EntryFQDN = ip.DnsSettings.Elem().Fqdn().Elem()
	if err := ctx.RegisterResourceOutputs(reg, pulumi.Map{
		"resourceGroupName": rg.Name,
		"entryFqdn":         reg.EntryFQDN,
	}); err != nil {
		return nil, err
	}
	return reg, nil
}
