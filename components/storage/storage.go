// Package storage provides the environment's store of game builds, patches and
// assets: one storage account with a container each, secure by default (no anonymous
// access, HTTPS and TLS 1.2 only, Entra ID authorization, versioning and soft delete)
// and redundancy, retention and network exposure chosen by tier.
package storage

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	azstorage "github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:storage:Storage"

// The containers every environment has.
const (
	ContainerBuilds  = "builds"
	ContainerPatches = "patches"
	ContainerAssets  = "assets"
)

// DefaultContainers are created when Args.Containers is empty.
var DefaultContainers = []string{ContainerBuilds, ContainerPatches, ContainerAssets}

// Blob and container soft-delete retention per tier, in days.
const (
	SoftDeleteDaysDev     = 7
	SoftDeleteDaysStaging = 14
	SoftDeleteDaysProd    = 30
)

// Settings are the tier-dependent choices of the account.
type Settings struct {
	SKU                 string
	PublicNetworkAccess string
	// DefaultAction is the firewall's action for traffic no rule matches.
	DefaultAction string
	// SoftDeleteDays is the retention of deleted blobs and deleted containers.
	SoftDeleteDays int
	// PrivateEndpointRequired: the account is reachable only through private
	// endpoints (and Front Door's Private Link), so every region that uses it needs
	// its own (components/privatelink; the stack places one per region).
	PrivateEndpointRequired bool
}

// SettingsFor returns the account settings of a tier; zones tells whether the
// account's region has availability zones (ZRS and GZRS need them).
//
// NOTE: below prod Front Door is the Standard SKU, which cannot reach origins over
// Private Link, so the account's public endpoint stays reachable there; every request
// still needs Entra ID authorization (no anonymous access, no shared keys).
func SettingsFor(tier spec.Tier, zones bool) Settings {
	switch tier {
	case spec.TierProd:
		sku := "Standard_GRS"
		if zones {
			sku = "Standard_GZRS"
		}
		return Settings{SKU: sku, PublicNetworkAccess: "Disabled", DefaultAction: "Deny", SoftDeleteDays: SoftDeleteDaysProd, PrivateEndpointRequired: true}
	case spec.TierStaging:
		sku := "Standard_LRS"
		if zones {
			sku = "Standard_ZRS"
		}
		return Settings{SKU: sku, PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: SoftDeleteDaysStaging}
	default:
		return Settings{SKU: "Standard_LRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: SoftDeleteDaysDev}
	}
}

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	// Location is the account's primary region.
	Location string
	// Zones tells whether Location has availability zones.
	Zones bool
	// AccountName is the globally unique account name (naming.Identity.StorageAccount).
	AccountName string
	// Containers to create; DefaultContainers when empty.
	Containers []string
	// AllowSharedKeyAccess re-enables account keys and SAS. Leave false: every
	// consumer (Front Door, build publishing, game servers) uses Entra ID.
	AllowSharedKeyAccess bool
}

// Storage is the environment's build/patch/asset store.
type Storage struct {
	pulumi.ResourceState

	AccountID   pulumi.IDOutput
	AccountName pulumi.StringOutput
	// Location is the account's primary region.
	Location string
	// BlobHost is the blob endpoint's host name (<account>.blob.core.windows.net).
	BlobHost pulumi.StringOutput
	// ContainerIDs are the containers' resource IDs, the scopes of role assignments.
	ContainerIDs map[string]pulumi.IDOutput
	// Settings are the tier choices applied.
	Settings Settings
}

var containerRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9]|-[a-z0-9]){2,62}$`)

func (a *Args) defaults() {
	if len(a.Containers) == 0 {
		a.Containers = append([]string{}, DefaultContainers...)
	}
}

func (a *Args) validate() error {
	var errs []error
	if a.ResourceGroupName == nil {
		errs = append(errs, errors.New("ResourceGroupName is required"))
	}
	if a.Location == "" {
		errs = append(errs, errors.New("Location is required"))
	}
	if err := naming.ValidStorageAccount(a.AccountName); err != nil {
		errs = append(errs, fmt.Errorf("AccountName: %w", err))
	}
	seen := map[string]bool{}
	for i, c := range a.Containers {
		if !containerRE.MatchString(c) {
			errs = append(errs, fmt.Errorf("Containers[%d]: %q must be 3-63 lowercase letters, digits and single '-'", i, c))
		}
		if seen[c] {
			errs = append(errs, fmt.Errorf("Containers[%d]: %q is listed twice", i, c))
		}
		seen[c] = true
	}
	return errors.Join(errs...)
}

// NewStorage registers the account, its blob service settings, containers,
// and diagnostics. Private endpoints are the consumers' (components/privatelink):
// each region reaches the account through its own.
func NewStorage(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Storage, error) {
	if args == nil {
		return nil, errors.New("internal error: storage args are nil")
	}
	a := *args
	a.defaults()
	set := SettingsFor(a.Tier, a.Zones)
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("internal error: storage %q: %w", name, err)
	}
	c := &Storage{Location: a.Location, Settings: set, ContainerIDs: map[string]pulumi.IDOutput{}}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	acct, err := azstorage.NewStorageAccount(ctx, name+"-account", &azstorage.StorageAccountArgs{
		ResourceGroupName:            a.ResourceGroupName,
		AccountName:                  pulumi.String(a.AccountName),
		Location:                     pulumi.String(a.Location),
		Kind:                         pulumi.String("StorageV2"),
		Sku:                          &azstorage.SkuArgs{Name: pulumi.String(set.SKU)},
		AccessTier:                   azstorage.AccessTierHot,
		AllowBlobPublicAccess:        pulumi.Bool(false),
		AllowSharedKeyAccess:         pulumi.Bool(a.AllowSharedKeyAccess),
		DefaultToOAuthAuthentication: pulumi.Bool(true),
		AllowCrossTenantReplication:  pulumi.Bool(false),
		EnableHttpsTrafficOnly:       pulumi.Bool(true),
		MinimumTlsVersion:            pulumi.String("TLS1_2"),
		PublicNetworkAccess:          pulumi.String(set.PublicNetworkAccess),
		NetworkRuleSet: &azstorage.NetworkRuleSetArgs{
			DefaultAction: azstorage.DefaultAction(set.DefaultAction),
			Bypass:        pulumi.String("AzureServices"),
		},
		Encryption: &azstorage.EncryptionArgs{
			KeySource:                       pulumi.String("Microsoft.Storage"),
			RequireInfrastructureEncryption: pulumi.Bool(a.IsProd()),
			Services: &azstorage.EncryptionServicesArgs{
				Blob: &azstorage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
			},
		},
		Tags: a.TagMap(),
	}, a.StatefulOptions(parent)...)
	if err != nil {
		return nil, fmt.Errorf("creating storage account %q: %w", name+"-account", err)
	}
	retention := &azstorage.DeleteRetentionPolicyArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(set.SoftDeleteDays)}
	_, err = azstorage.NewBlobServiceProperties(ctx, name+"-blob", &azstorage.BlobServicePropertiesArgs{
		ResourceGroupName:              a.ResourceGroupName,
		AccountName:                    acct.Name,
		BlobServicesName:               pulumi.String("default"),
		IsVersioningEnabled:            pulumi.Bool(true),
		DeleteRetentionPolicy:          retention,
		ContainerDeleteRetentionPolicy: retention,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating blob service properties %q: %w", name+"-blob", err)
	}
	for _, cn := range a.Containers {
		ct, err := azstorage.NewBlobContainer(ctx, name+"-"+cn, &azstorage.BlobContainerArgs{
			ResourceGroupName: a.ResourceGroupName,
			AccountName:       acct.Name,
			ContainerName:     pulumi.String(cn),
			PublicAccess:      azstorage.PublicAccessNone,
		}, a.StatefulOptions(parent)...)
		if err != nil {
			return nil, fmt.Errorf("creating blob container %q: %w", name+"-"+cn, err)
		}
		c.ContainerIDs[cn] = ct.ID()
	}
	// NOTE: storage diagnostic logs are emitted per service, so the setting targets
	// the blob service, not the account; the blob service has a "Transaction" metric
	// category but no "AllMetrics", so only logs are sent (account metrics stay in
	// Azure Monitor's platform metrics).
	blobServiceID := acct.ID().ToStringOutput().ApplyT(func(id string) string { return id + "/blobServices/default" }).(pulumi.StringOutput)
	if _, err := a.NewDiagnosticSetting(ctx, name+"-blob", blobServiceID, shared.Diagnostics{CategoryGroups: []string{"allLogs"}}, parent); err != nil {
		return nil, err
	}
	c.AccountID = acct.ID()
	c.AccountName = acct.Name
	c.BlobHost = acct.PrimaryEndpoints.Blob().ApplyT(HostOf).(pulumi.StringOutput)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"accountId":   acct.ID(),
		"accountName": acct.Name,
		"blobHost":    c.BlobHost,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// HostOf returns the host name of an endpoint URL ("https://x.blob.core.windows.net/"
// → "x.blob.core.windows.net").
func HostOf(endpoint string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(endpoint, "https://"), "http://")
	if i := strings.IndexByte(h, '/'); i >= 0 {
		h = h[:i]
	}
	return h
}
