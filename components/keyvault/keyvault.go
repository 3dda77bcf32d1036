// Package keyvault provides the environment's Key Vault: Azure RBAC authorization
// (no access policies), soft delete with purge protection, diagnostic logs to the
// environment's workspace, and public network access off in prod, where workloads
// reach it through their region's own private endpoint (components/privatelink). Secret values are never set here: operators
// or pipelines write them into the vault; stack config and code only name them.
package keyvault

import (
	"errors"
	"fmt"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azkv "github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:keyvault:KeyVault"

// Settings are the tier-dependent choices of the vault.
type Settings struct {
	SKU                     string
	SoftDeleteDays          int
	PublicNetworkAccess     string
	DefaultAction           string
	PrivateEndpointRequired bool
}

// SettingsFor returns the vault settings of a tier, from its profile (premium,
// HSM-backed keys, 90 days of soft delete and no public access in prod).
func SettingsFor(t spec.Tier) Settings {
	kv := tier.Of(t).KeyVault
	s := Settings{SKU: kv.SKU, SoftDeleteDays: kv.SoftDeleteDays, PublicNetworkAccess: "Enabled", DefaultAction: "Allow"}
	if !kv.PublicNetworkAccess {
		s.PublicNetworkAccess, s.DefaultAction, s.PrivateEndpointRequired = "Disabled", "Deny", true
	}
	return s
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

func (a *Args) validate() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if err := naming.ValidKeyVault(a.VaultName); err != nil {
		errs.Add("VaultName", "%v", err)
	}
	if a.TenantID != "" && !naming.IsGUID(a.TenantID) {
		errs.Add("TenantID", "%q is not a GUID", a.TenantID)
	}
	return errs.Join()
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
