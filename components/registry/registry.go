package registry

import (
	"errors"
	"fmt"

	azcr "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:registry:Registry"

// SKUs.
const (
	SKUBasic    = tier.RegistryBasic
	SKUStandard = tier.RegistryStandard
	SKUPremium  = tier.RegistryPremium
)

// SKU returns the registry SKU of a tier (its profile's, which the policy pack's
// registry-sku rule reads too).
func SKU(t spec.Tier) string { return tier.Of(t).RegistrySKU }

// ReplicaLocations returns where a registry homed in home is replicated: every other
// region of the environment when the SKU supports geo-replication (Premium), none
// otherwise.
func ReplicaLocations(sku, home string, regions []string) []string {
	if sku != SKUPremium {
		return nil
	}
	var out []string
	for _, r := range regions {
		if r != home {
			out = append(out, r)
		}
	}
	return out
}

// Args configure the registry.
type Args struct {
	shared.Interface
	Identity          naming.Identity
	ResourceGroupName pulumi.StringInput
	// Location is the registry's home region; Regions are all of the environment's
	// regions (replicas go to each of them but the home).
	Location string
	Regions  []string
}

// Registry is the environment's container registry.
type Registry struct {
	pulumi.ResourceState

	RegistryID  pulumi.IDOutput
	Name        pulumi.StringOutput
	LoginServer pulumi.StringOutput
	SKU         string
	Replicas    []string
}

func (a *Args) validate() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if err := naming.ValidContainerRegistry(a.Identity.ContainerRegistry()); err != nil {
		errs.Add("", "%v", err)
	}
	return errs.Join()
}

// NewRegistry registers the registry, its replications and its diagnostics.
func NewRegistry(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Registry, error) {
	if args == nil {
		return nil, errors.New("internal error: registry args are nil")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("internal error: registry %q: %w", name, err)
	}
	sku := SKU(args.Tier)
	c := &Registry{SKU: sku, Replicas: ReplicaLocations(sku, args.Location, args.Regions)}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	// NOTE: anonymous (unauthenticated) pull is off unless enabled, and the
	// registry's default API version (2022-12-01) has no anonymousPullEnabled
	// property to set; only preview API versions expose it. The policy pack can
	// still assert it is absent or false.
	ra := &azcr.RegistryArgs{
		ResourceGroupName:   args.ResourceGroupName,
		Location:            pulumi.String(args.Location),
		RegistryName:        pulumi.String(args.Identity.ContainerRegistry()),
		Sku:                 &azcr.SkuArgs{Name: pulumi.String(sku)},
		AdminUserEnabled:    pulumi.Bool(false),
		PublicNetworkAccess: pulumi.String("Enabled"),
		Tags:                args.TagMap(),
	}
	if sku == SKUPremium {
		ra.ZoneRedundancy = pulumi.String("Enabled")
	}
	reg, err := azcr.NewRegistry(ctx, name+"-acr", ra, args.StatefulOptions(parent)...)
	if err != nil {
		return nil, fmt.Errorf("creating container registry %q: %w", name+"-acr", err)
	}
	for _, loc := range c.Replicas {
		n := name + "-replica-" + loc
		_, err := azcr.NewReplication(ctx, n, &azcr.ReplicationArgs{
			ResourceGroupName: args.ResourceGroupName,
			RegistryName:      reg.Name,
			ReplicationName:   pulumi.String(loc),
			Location:          pulumi.String(loc),
			ZoneRedundancy:    pulumi.String(zoneRedundancy(loc)),
			Tags:              args.TagMap(),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating registry replication %q: %w", n, err)
		}
	}
	if _, err := args.NewDiagnosticSetting(ctx, name+"-acr", reg.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	c.RegistryID = reg.ID()
	c.Name = reg.Name
	c.LoginServer = reg.LoginServer
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"registryId":  reg.ID(),
		"loginServer": reg.LoginServer,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// zoneRedundancy spreads a replica over the region's zones where it has them.
func zoneRedundancy(region string) string {
	if spec.Regions[region].Zones {
		return "Enabled"
	}
	return "Disabled"
}
