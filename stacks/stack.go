package stacks

import (
	"fmt"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	azresources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/observability"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/naming"
	"github.com/gameplatform/platform/internal/plan"
	"github.com/gameplatform/platform/internal/spec"
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
}

// Deploy registers the whole environment for a validated spec.
func Deploy(ctx *pulumi.Context, s *spec.Spec) error {
	id := naming.Identity{Studio: s.Studio, Game: s.Game, Env: s.Stack}
	base := shared.Interface{Tags: s.StandardTags(), Tier: s.Tier, Protect: s.IsProd()}

	g, err := newGlobal(ctx, s, id, base)
	if err != nil {
		return err
	}
	base.WorkspaceID = g.WorkspaceID

	regions := make([]*Region, 0, len(s.Regions))
	for _, r := range s.Regions {
		reg, err := newRegion(ctx, s, r, id, base, g)
		if err != nil {
			return err
		}
		regions = append(regions, reg)
	}
	ctx.Export("resourceGroup", g.ResourceGroupName)
	ctx.Export("regions", pulumi.ToStringArray(s.RegionNames()))
	_ = regions
	return nil
}

func newGlobal(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface) (*Global, error) {
	g := &Global{Location: s.Regions[0].Name}
	if err := ctx.RegisterComponentResource(GlobalType, "global", g); err != nil {
		return nil, fmt.Errorf("registering global component: %w", err)
	}
	rg, err := azresources.NewResourceGroup(ctx, "global-rg", &azresources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(id.ResourceGroup("")),
		Location:          pulumi.String(g.Location),
		Tags:              base.TagMap(),
	}, pulumi.Parent(g))
	if err != nil {
		return nil, fmt.Errorf("creating resource group %q: %w", "global-rg", err)
	}
	obs, err := observability.NewObservability(ctx, "global-observability", &observability.Args{
		Interface:         base,
		ResourceGroupName: rg.Name,
		Location:          g.Location,
		WorkspaceName:     id.Regional("log", ""),
	}, pulumi.Parent(g))
	if err != nil {
		return nil, err
	}
	g.ResourceGroupName = rg.Name
	g.WorkspaceID = obs.WorkspaceID
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{
		"resourceGroupName": rg.Name,
		"workspaceId":       obs.WorkspaceID,
	}); err != nil {
		return nil, err
	}
	return g, nil
}

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
