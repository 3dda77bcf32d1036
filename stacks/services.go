package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/keyvault"
	"github.com/gameplatform/platform/components/playerdata"
	"github.com/gameplatform/platform/components/privatelink"
	"github.com/gameplatform/platform/components/registry"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/components/storage"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Services are the environment-wide services the regions use: the build/patch store,
// the secret store and the container registry. They are registered before the
// regions, which reach them through their own private endpoints where the tier turns
// public network access off.
type Services struct {
	Storage  *storage.Storage
	KeyVault *keyvault.KeyVault
	Registry *registry.Registry
	// PlayerData is the player-data store (Cosmos DB), written in every region.
	PlayerData *playerdata.PlayerData
}

// newServices registers the storage account and the key vault in the global
// resource group, homed in the first region (the registry is newRegistry's).
func newServices(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface, g *Global, acr *registry.Registry) (*Services, error) {
	parent := pulumi.Parent(g)
	loc := g.Location
	st, err := storage.NewStorage(ctx, "global-storage", &storage.Args{
		Interface:         base,
		ResourceGroupName: g.ResourceGroupName,
		Location:          loc,
		Zones:             spec.Regions[loc].Zones,
		AccountName:       id.StorageAccount("patch"),
		Containers:        storage.DefaultContainers,
	}, parent)
	if err != nil {
		return nil, err
	}
	kv, err := keyvault.NewKeyVault(ctx, "global-keyvault", &keyvault.Args{
		Interface:         base,
		ResourceGroupName: g.ResourceGroupName,
		Location:          loc,
		VaultName:         id.KeyVault(),
	}, parent)
	if err != nil {
		return nil, err
	}
	pd, err := newPlayerData(ctx, s, id, base, g)
	if err != nil {
		return nil, err
	}
	return &Services{Storage: st, KeyVault: kv, Registry: acr, PlayerData: pd}, nil
}

// newPlayerData registers the player-data store in the global resource group, homed
// in the first region, with a write region in every region of the environment.
func newPlayerData(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface, g *Global) (*playerdata.PlayerData, error) {
	regions := make([]playerdata.Region, len(s.Regions))
	for i, r := range s.Regions {
		regions[i] = playerdata.Region{Name: r.Name, Zones: spec.Regions[r.Name].Zones}
	}
	return playerdata.NewPlayerData(ctx, "global-playerdata", &playerdata.Args{
		Interface:         base,
		ResourceGroupName: g.ResourceGroupName,
		ResourceGroup:     id.ResourceGroup(""),
		AccountName:       id.CosmosAccount(),
		Regions:           regions,
		Consistency:       s.PlayerData.Consistency,
		MaxThroughput:     s.PlayerData.MaxThroughput,
		StorageGiB:        s.PlayerData.StorageGiB,
	}, pulumi.Parent(g))
}

// privateServices lists what every region reaches through its own private endpoints:
// storage, the vault and the player-data store where the tier turns their public
// network access off, and the registry where its SKU supports private endpoints (Premium only,
// https://learn.microsoft.com/azure/container-registry/container-registry-private-link)
// in those tiers, so image pulls stay inside each region. Empty when the tier keeps
// public (Entra ID-authorized) access.
func (svc *Services) privateServices() []privatelink.Service {
	var out []privatelink.Service
	if svc.Storage.Settings.PrivateEndpointRequired {
		out = append(out, privatelink.Service{Name: "blob", TargetID: svc.Storage.AccountID.ToStringOutput(), GroupID: privatelink.GroupBlob, Zone: privatelink.ZoneBlob})
	}
	if svc.KeyVault.Settings.PrivateEndpointRequired {
		out = append(out, privatelink.Service{Name: "vault", TargetID: svc.KeyVault.VaultID.ToStringOutput(), GroupID: privatelink.GroupVault, Zone: privatelink.ZoneVault})
	}
	if len(out) > 0 && svc.Registry.SKU == registry.SKUPremium {
		out = append(out, privatelink.Service{Name: "registry", TargetID: svc.Registry.RegistryID.ToStringOutput(), GroupID: privatelink.GroupRegistry, Zone: privatelink.ZoneRegistry})
	}
	// Every region's game backend writes player data locally, through its own endpoint.
	if pd := svc.PlayerData; pd != nil && pd.Settings.PrivateEndpointRequired() {
		out = append(out, privatelink.Service{Name: "cosmos", TargetID: pd.AccountID.ToStringOutput(), GroupID: privatelink.GroupCosmosSQL, Zone: privatelink.ZoneCosmosSQL})
	}
	return out
}
