// Package keyvault provides the environment's Key Vault: Azure RBAC authorization
// (no access policies), soft delete with purge protection, diagnostic logs to the
// environment's workspace, and public network access off in prod, where workloads
// reach it through their region's own private endpoint (components/privatelink). Secret values are never set here: operators
// or pipelines write them into the vault; stack config and code only name them.
package keyvault

import (
	"errors"
	"fmt"
	"regexp"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azkv "github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:keyvault:KeyVault"

// Soft-delete retention per tier, in days (Azure allows 7-90).
const (
	SoftDeleteDaysDev     = 7
	SoftDeleteDaysStaging = 30
	SoftDeleteDaysProd    = 90
)

// Settings are the tier-dependent choices of the vault.
type Settings struct {
	SKU                     string
	SoftDeleteDays          int
	PublicNetworkAccess     string
	DefaultAction           string
	PrivateEndpointRequired bool
}

// SettingsFor returns the vault settings of a tier. Premium (HSM-backed keys) is
// kept for prod.
func SettingsFor(tier spec.Tier) Settings {
	switch tier {
	case spec.TierProd:
		return Settings{SKU: "premium", SoftDeleteDays: SoftDeleteDaysProd, PublicNetworkAccess: "Disabled", DefaultAction: "Deny", PrivateEndpointRequired: true}
	case spec.TierStaging:
		return Settings{SKU: "standard", SoftDeleteDays: SoftDeleteDaysStaging, PublicNetworkAccess: "Enabled", DefaultAction: "Allow"}
	default:
		return Settings{SKU: "standard", SoftDeleteDays: SoftDeleteDaysDev, PublicNetworkAccess: "Enabled", DefaultAction: "Allow"}
	}
}

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	Location          string
	// VaultName is the globally unique vault name (naming.Identity.KeyVault).
	VaultName string
	// TenantID is the Entra ID tenant of the vault; empty asks the provider for the
	// tenant it is logged in to (authorization.getClientConfig).
	TenantID string
}

// KeyVault is the environment's secret store.
type KeyVault struct {
	pulumi.ResourceState

	VaultID   pulumi.IDOutput
	VaultName pulumi.StringOutput
	VaultURI  pulumi.StringOutput
	Settings  Settings
}

var tenantRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func (a *Args) validate() error {
	var errs []error
	if a.ResourceGroupName == nil {
		errs = append(errs, errors.New("ResourceGroupName is required"))
	}
	if a.Location == "" {
		errs = append(errs, errors.New("Location is required"))
	}
	if err := naming.ValidKeyVault(a.VaultName); err != nil {
		errs = append(errs, fmt.Errorf("VaultName: %w", err))
	}
	if a.TenantID != "" && !tenantRE.MatchString(a.TenantID) {
		errs = append(errs, fmt.Errorf("TenantID: %q is not a GUID", a.TenantID))
	}
	return errors.Join(errs...)
}

// NewKeyVault registers the vault and its diagnostics; each region reaches it through
// its own private endpoint (components/privatelink).
func NewKeyVault(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*KeyVault, error) {
	if args == nil {
		return nil, errors.New("internal error: key vault args are nil")
	}
	set := SettingsFor(args.Tier)
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("internal error: key vault %q: %w", name, err)
	}
	tenant := args.TenantID
	if tenant == "" {
		cfg, err := azauth.GetClientConfig(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the Azure tenant for key vault %q: %w", name, err)
		}
		tenant = cfg.TenantId
	}
	c := &KeyVault{Settings: set}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	// NOTE: purge protection cannot be turned off once on, and a deleted vault keeps
	// its (globally unique) name for SoftDeleteDays; recreating an environment under
	// the same name within that window needs the vault recovered, not recreated.
	vault, err := azkv.NewVault(ctx, name+"-vault", &azkv.VaultArgs{
		ResourceGroupName: args.ResourceGroupName,
		VaultName:         pulumi.String(args.VaultName),
		Location:          pulumi.String(args.Location),
		Properties: &azkv.VaultPropertiesArgs{
			TenantId:                     pulumi.String(tenant),
			Sku:                          &azkv.SkuArgs{Family: pulumi.String("A"), Name: azkv.SkuName(set.SKU)},
			EnableRbacAuthorization:      pulumi.Bool(true),
			EnableSoftDelete:             pulumi.Bool(true),
			SoftDeleteRetentionInDays:    pulumi.Int(set.SoftDeleteDays),
			EnablePurgeProtection:        pulumi.Bool(true),
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
			PublicNetworkAccess:          pulumi.String(set.PublicNetworkAccess),
			NetworkAcls: &azkv.NetworkRuleSetArgs{
				DefaultAction: pulumi.String(set.DefaultAction),
				Bypass:        pulumi.String("AzureServices"),
			},
		},
		Tags: args.TagMap(),
	}, args.StatefulOptions(parent)...)
	if err != nil {
		return nil, fmt.Errorf("creating key vault %q: %w", name+"-vault", err)
	}
	if _, err := args.NewDiagnosticSetting(ctx, name+"-vault", vault.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	c.VaultID = vault.ID()
	c.VaultName = vault.Name
	c.VaultURI = vault.Properties.VaultUri()
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"vaultId":  vault.ID(),
		"vaultUri": c.VaultURI,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
