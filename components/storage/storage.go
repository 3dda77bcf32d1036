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
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
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

// Settings are the tier-dependent choices of the account.
type Settings struct {
	SKU                 string
	PublicNetworkAccess string
	// DefaultAction is the firewall's action for traffic no rule matches.
	DefaultAction string
	// SoftDeleteDays is the retention of deleted blobs and deleted containers.
	SoftDeleteDays int
	// PrivateEndpointRequired: every region that uses the account reaches it through
	// its own private endpoint (components/privatelink; the stack places one per
	// region), so the clusters' traffic to builds stays in the region.
	PrivateEndpointRequired bool
}

// SettingsFor returns the account settings of a tier, from its profile; zones tells
// whether the account's region has availability zones (ZRS and GZRS need them).
//
// NOTE: the account keeps its public endpoint in every tier: Front Door reads
// patches and assets from it with its managed identity (origin authentication, which
// Azure does not support for Private Link origins:
// https://learn.microsoft.com/azure/frontdoor/origin-authentication-with-managed-identities).
// Every request needs Entra ID authorization (no anonymous access; no shared keys
// where the tier disables them). Where the tier asks for it (prod), every region also
// reaches the account through its own private endpoint, so the clusters' traffic to
// builds stays in the region's network.
func SettingsFor(t spec.Tier, zones bool) Settings {
	p := tier.Of(t)
	return Settings{SKU: p.StorageSKU(zones), PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: p.Storage.SoftDeleteDays,
		PrivateEndpointRequired: p.Storage.RegionalPrivateEndpoints}
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
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if err := naming.ValidStorageAccount(a.AccountName); err != nil {
		errs.Add("AccountName", "%v", err)
	}
	seen := map[string]bool{}
	for i, c := range a.Containers {
		if !containerRE.MatchString(c) {
			errs.Add(field.NewPath("Containers").Index(i).String(), "%q must be 3-63 lowercase letters, digits and single '-'", c)
		}
		if seen[c] {
			errs.Append(field.Duplicate(field.NewPath("Containers").Index(i), c))
		}
		seen[c] = true
	}
	return errs.Join()
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
			RequireInfrastructureEncryption: pulumi.Bool(tier.Of(a.Tier).Storage.InfrastructureEncryption),
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
