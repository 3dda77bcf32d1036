package network

import (
	"errors"
	"fmt"
	"net/netip"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:network:Network"

// NATIdleTimeoutMinutes is the NAT gateway's TCP idle timeout (Azure's default).
const NATIdleTimeoutMinutes = 4

// Args configure a region's network.
type Args struct {
	shared.Interface
	Identity          naming.Identity
	RegionCode        string // short region code used in physical names, e.g. "jpe"
	Location          string
	ResourceGroupName pulumi.StringInput
	// AddressSpace is the region's block from the platform address plan.
	AddressSpace string
	Ports        spec.PortRange
	// GameNodes is the most game nodes the region can run (the autoscalers' max):
	// each has its own public IP.
	GameNodes int
	// GameAddresses is how many addresses the game subnet must hold: GameNodes plus
	// the pools' upgrade surge (capacity.Plan.GameSubnetAddresses).
	GameAddresses int
	// CustomIPPrefixID, when set, is the publisher's custom (BYOIP) IPv4 prefix in
	// the region: the game nodes' addresses come from a prefix derived from it, sized
	// for GameNodes. Empty: no prefix; every game node gets its own Standard public
	// IP from Azure (see components/gamecluster, "Node public IPs").
	CustomIPPrefixID string
	// Zones makes the zone-capable resources zone-redundant (prod, in zonal regions).
	Zones bool
}

// Network is a region's virtual network and its edges.
type Network struct {
	pulumi.ResourceState

	VNetID                  pulumi.IDOutput
	VNetName                pulumi.StringOutput
	SystemSubnetID          pulumi.IDOutput
	GameSubnetID            pulumi.IDOutput
	ServicesSubnetID        pulumi.IDOutput
	PrivateEndpointSubnetID pulumi.IDOutput
	// GamePrefixID is the derived game prefix's ID; nil without CustomIPPrefixID.
	GamePrefixID pulumi.StringInput
	NATGatewayID pulumi.IDOutput
	Subnets      Subnets
}

func (a *Args) validate() (Subnets, error) {
	var errs []error
	if a.ResourceGroupName == nil {
		errs = append(errs, errors.New("ResourceGroupName is required"))
	}
	if a.Location == "" || a.RegionCode == "" {
		errs = append(errs, errors.New("Location and RegionCode are required"))
	}
	var subnets Subnets
	block, err := netip.ParsePrefix(a.AddressSpace)
	if err != nil {
		errs = append(errs, fmt.Errorf("AddressSpace: %q is not a CIDR block", a.AddressSpace))
	} else if subnets, err = SplitSubnets(block); err != nil {
		errs = append(errs, fmt.Errorf("AddressSpace: %w", err))
	}
	if err := a.Ports.Problems("Ports"); err != nil {
		errs = append(errs, err)
	}
	if a.GameNodes < 1 {
		errs = append(errs, fmt.Errorf("GameNodes must be at least 1, got %d", a.GameNodes))
	} else if a.GameAddresses < a.GameNodes {
		errs = append(errs, fmt.Errorf("GameAddresses %d is below GameNodes %d: the game subnet needs an address per node and per surge node", a.GameAddresses, a.GameNodes))
	} else if subnets.Game.IsValid() && a.GameAddresses > UsableIPs(subnets.Game) {
		errs = append(errs, fmt.Errorf("%d game-node addresses (nodes and upgrade surge) do not fit the game subnet %s (%d usable); use a larger region block", a.GameAddresses, subnets.Game, UsableIPs(subnets.Game)))
	}
	if a.CustomIPPrefixID != "" {
		if err := spec.ValidCustomIPPrefixID(a.CustomIPPrefixID); err != nil {
			errs = append(errs, err)
		}
		if a.GameNodes > 0 && GamePrefixLength(a.GameNodes) < MinDerivedPrefixLength {
			errs = append(errs, fmt.Errorf("%d game nodes need a /%d prefix, larger than a prefix derived from a custom IPv4 prefix can be (/%d)", a.GameNodes, GamePrefixLength(a.GameNodes), MinDerivedPrefixLength))
		}
	}
	return subnets, errors.Join(errs...)
}

// NewNetwork registers a region's network: one NSG per subnet, a NAT gateway for the
// egress of the non-game subnets, the game nodes' public IP prefix and the VNet with
// its subnets declared inline.
//
// NOTE: subnets are declared inline in the VNet rather than as Subnet resources:
// Azure serialises subnet operations on one VNet, so separate Subnet resources would
// be created one after another and each would wait on the VNet anyway.
func NewNetwork(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Network, error) {
	if args == nil {
		return nil, errors.New("internal error: network args are nil")
	}
	subnets, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("internal error: network %q: %w", name, err)
	}
	c := &Network{Subnets: subnets}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	id, code := args.Identity, args.RegionCode
	parent := pulumi.Parent(c)
	zones := pulumi.StringArray(nil)
	if args.Zones {
		zones = pulumi.ToStringArray([]string{"1", "2", "3"})
	}

	nsgs := map[string]*aznetwork.NetworkSecurityGroup{}
	for _, role := range Roles {
		n := name + "-nsg-" + role
		nsg, err := aznetwork.NewNetworkSecurityGroup(ctx, n, &aznetwork.NetworkSecurityGroupArgs{
			ResourceGroupName:        args.ResourceGroupName,
			Location:                 pulumi.String(args.Location),
			NetworkSecurityGroupName: pulumi.String(id.Regional("nsg", code+"-"+role)),
			SecurityRules:            ruleArgs(SecurityRules(role, args.Ports)),
			Tags:                     args.TagMap(),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating network security group %q: %w", n, err)
		}
		nsgs[role] = nsg
		if _, err := args.NewDiagnosticSetting(ctx, n, nsg.ID().ToStringOutput(), shared.Diagnostics{CategoryGroups: []string{"allLogs"}}, parent); err != nil {
			return nil, err
		}
	}

	// NOTE: a NAT gateway is a zonal resource; without zones Azure places it in one
	// zone of its choosing. Egress of the non-game subnets is not player-facing, so
	// the platform accepts that rather than running one gateway per zone.
	natIP, err := aznetwork.NewPublicIPAddress(ctx, name+"-nat-ip", &aznetwork.PublicIPAddressArgs{
		ResourceGroupName:        args.ResourceGroupName,
		Location:                 pulumi.String(args.Location),
		PublicIpAddressName:      pulumi.String(id.Regional("pip-nat", code)),
		PublicIPAllocationMethod: pulumi.String("Static"),
		PublicIPAddressVersion:   pulumi.String("IPv4"),
		Sku:                      &aznetwork.PublicIPAddressSkuArgs{Name: pulumi.String("Standard"), Tier: pulumi.String("Regional")},
		Tags:                     args.TagMap(),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating NAT public IP %q: %w", name+"-nat-ip", err)
	}
	if _, err := args.NewDiagnosticSetting(ctx, name+"-nat-ip", natIP.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	nat, err := aznetwork.NewNatGateway(ctx, name+"-nat", &aznetwork.NatGatewayArgs{
		ResourceGroupName:    args.ResourceGroupName,
		Location:             pulumi.String(args.Location),
		NatGatewayName:       pulumi.String(id.Regional("ng", code)),
		Sku:                  &aznetwork.NatGatewaySkuArgs{Name: pulumi.String("Standard")},
		IdleTimeoutInMinutes: pulumi.Int(NATIdleTimeoutMinutes),
		PublicIpAddresses:    aznetwork.SubResourceArray{aznetwork.SubResourceArgs{Id: natIP.ID().ToStringOutput()}},
		Tags:                 args.TagMap(),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating NAT gateway %q: %w", name+"-nat", err)
	}

	// Game nodes get their public IPs from a prefix only when the region brings its
	// own addresses: Azure allocates prefixes of /28 (16 addresses) at most from its
	// pool, far fewer than a region's game nodes, but a prefix derived from a custom
	// (BYOIP) prefix may be as large as its parent.
	if args.CustomIPPrefixID != "" {
		prefix, err := aznetwork.NewPublicIPPrefix(ctx, name+"-game-prefix", &aznetwork.PublicIPPrefixArgs{
			ResourceGroupName:      args.ResourceGroupName,
			Location:               pulumi.String(args.Location),
			PublicIpPrefixName:     pulumi.String(id.Regional("ippre-game", code)),
			PrefixLength:           pulumi.Int(GamePrefixLength(args.GameNodes)),
			PublicIPAddressVersion: pulumi.String("IPv4"),
			CustomIPPrefix:         &aznetwork.SubResourceArgs{Id: pulumi.String(args.CustomIPPrefixID)},
			Sku:                    &aznetwork.PublicIPPrefixSkuArgs{Name: pulumi.String("Standard"), Tier: pulumi.String("Regional")},
			Zones:                  zones,
			Tags:                   args.TagMap(),
		}, args.StatefulOptions(parent)...)
		if err != nil {
			return nil, fmt.Errorf("creating game public IP prefix %q: %w", name+"-game-prefix", err)
		}
		if _, err := args.NewDiagnosticSetting(ctx, name+"-game-prefix", prefix.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
			return nil, err
		}
		c.GamePrefixID = prefix.ID().ToStringOutput()
	}

	vnetName := id.Regional("vnet", code)
	subnetArgs := aznetwork.SubnetTypeArray{}
	for _, role := range Roles {
		sa := aznetwork.SubnetTypeArgs{
			Name:                 pulumi.String(role),
			AddressPrefix:        pulumi.String(subnets.ByRole(role).String()),
			NetworkSecurityGroup: aznetwork.NetworkSecurityGroupTypeArgs{Id: nsgs[role].ID().ToStringOutput()},
		}
		if role != RoleGame {
			// Game nodes egress through their own public IPs; everything else
			// leaves through the NAT gateway's stable address.
			sa.NatGateway = aznetwork.SubResourceArgs{Id: nat.ID().ToStringOutput()}
		}
		if role == RolePrivateEndpoints {
			sa.PrivateEndpointNetworkPolicies = pulumi.String("Enabled") // NSGs apply to private endpoints too
		}
		subnetArgs = append(subnetArgs, sa)
	}
	vnet, err := aznetwork.NewVirtualNetwork(ctx, name+"-vnet", &aznetwork.VirtualNetworkArgs{
		ResourceGroupName:  args.ResourceGroupName,
		Location:           pulumi.String(args.Location),
		VirtualNetworkName: pulumi.String(vnetName),
		AddressSpace:       &aznetwork.AddressSpaceArgs{AddressPrefixes: pulumi.ToStringArray([]string{args.AddressSpace})},
		Subnets:            subnetArgs,
		Tags:               args.TagMap(),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating virtual network %q: %w", name+"-vnet", err)
	}
	if _, err := args.NewDiagnosticSetting(ctx, name+"-vnet", vnet.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}

	c.VNetID = vnet.ID()
	c.VNetName = vnet.Name
	c.SystemSubnetID = SubnetID(vnet.ID(), RoleSystem)
	c.GameSubnetID = SubnetID(vnet.ID(), RoleGame)
	c.ServicesSubnetID = SubnetID(vnet.ID(), RoleServices)
	c.PrivateEndpointSubnetID = SubnetID(vnet.ID(), RolePrivateEndpoints)
	c.NATGatewayID = nat.ID()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"vnetId":                  vnet.ID(),
		"systemSubnetId":          c.SystemSubnetID,
		"gameSubnetId":            c.GameSubnetID,
		"servicesSubnetId":        c.ServicesSubnetID,
		"privateEndpointSubnetId": c.PrivateEndpointSubnetID,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// SubnetID is the ID of an inline subnet: the VNet's ID + "/subnets/<name>", as Azure
// forms it. Deriving it from the VNet's ID keeps the dependency on the VNet.
func SubnetID(vnetID pulumi.IDOutput, name string) pulumi.IDOutput {
	return vnetID.ApplyT(func(id pulumi.ID) pulumi.ID {
		return id + pulumi.ID("/subnets/"+name)
	}).(pulumi.IDOutput)
}

func ruleArgs(rules []Rule) aznetwork.SecurityRuleTypeArray {
	out := aznetwork.SecurityRuleTypeArray{}
	for _, r := range rules {
		a := aznetwork.SecurityRuleTypeArgs{
			Name:                     pulumi.String(r.Name),
			Priority:                 pulumi.Int(r.Priority),
			Direction:                pulumi.String(r.Direction),
			Access:                   pulumi.String(r.Access),
			Protocol:                 pulumi.String(r.Protocol),
			SourceAddressPrefix:      pulumi.String(r.Source),
			SourcePortRange:          pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String("*"),
			Description:              pulumi.String(r.Description),
		}
		if len(r.DestPorts) == 1 {
			a.DestinationPortRange = pulumi.String(r.DestPorts[0])
		} else {
			a.DestinationPortRanges = pulumi.ToStringArray(r.DestPorts)
		}
		out = append(out, a)
	}
	return out
}
