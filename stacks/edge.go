package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/cdn"
	"github.com/gameplatform/platform/components/gameservers"
	"github.com/gameplatform/platform/components/identity"
	"github.com/gameplatform/platform/components/keyvault"
	"github.com/gameplatform/platform/components/playerdata"
	"github.com/gameplatform/platform/components/routing"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/components/storage"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Edge is the environment-wide services every region shares: the build/patch store,
// the secret store, workload identities, Front Door and player routing.
type Edge struct {
	Storage   *storage.Storage
	KeyVault  *keyvault.KeyVault
	FrontDoor *cdn.FrontDoor
	Routing   *routing.Routing
	// Identities are the workload identities: by workload for the environment-wide
	// ones (WorkloadFrontDoor, WorkloadPublisher), by workload+"-"+region for the
	// in-cluster ones (WorkloadGameServer, WorkloadGameAPI).
	Identities map[string]*identity.WorkloadIdentity
}

// Workloads and what each reads or writes; nothing else is granted.
const (
	// WorkloadFrontDoor reads patches and assets to serve them at the edge.
	WorkloadFrontDoor = "frontdoor"
	// WorkloadGameServer reads server builds and its secrets. It gets no access to
	// player data: game servers run on nodes with public IPs, are the most exposed
	// workload, and report match results to the game API, which validates them; a
	// compromised server must not read every player's data.
	WorkloadGameServer = "gameserver"
	// WorkloadGameAPI reads its secrets and reads and writes player data (Cosmos DB
	// data contributor on the game's database, in its own region's write region).
	WorkloadGameAPI = "gameapi"
	// WorkloadPublisher (the build pipeline) writes builds, patches and assets.
	WorkloadPublisher = "publisher"
)

// GameNamespace is the Kubernetes namespace of the game's workloads; each workload's
// service account is named after it (WorkloadGameServer, WorkloadGameAPI).
const GameNamespace = gameservers.Namespace

// DNS records of the game's zone.
const (
	RecordPatches = "patches"
	RecordAPI     = "api"
	RecordMatch   = routing.DefaultMatchRecord
)

// newEdge registers the workload identities, Front Door and player routing. It runs
// after the regions because Front Door's API origins, Traffic Manager's endpoints and
// the in-cluster identities' federations are every region's.
func newEdge(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface, g *Global, svc *Services, regions []*Region) (*Edge, error) {
	e := &Edge{Identities: map[string]*identity.WorkloadIdentity{}}
	parent := pulumi.Parent(g)
	loc := g.Location

	st, kv := svc.Storage, svc.KeyVault
	e.Storage, e.KeyVault = st, kv

	vault := kv.VaultID.ToStringOutput()
	container := func(n string) pulumi.StringInput { return st.ContainerIDs[n].ToStringOutput() }
	grants := map[string][]identity.Grant{
		WorkloadFrontDoor: {
			{Name: "patches-read", Scope: container(storage.ContainerPatches), Role: identity.RoleStorageBlobDataReader},
			{Name: "assets-read", Scope: container(storage.ContainerAssets), Role: identity.RoleStorageBlobDataReader},
		},
		WorkloadGameServer: {
			{Name: "builds-read", Scope: container(storage.ContainerBuilds), Role: identity.RoleStorageBlobDataReader},
			{Name: "secrets-read", Scope: vault, Role: identity.RoleKeyVaultSecretsUser},
		},
		WorkloadGameAPI: {
			{Name: "secrets-read", Scope: vault, Role: identity.RoleKeyVaultSecretsUser},
		},
		WorkloadPublisher: {
			{Name: "builds-write", Scope: container(storage.ContainerBuilds), Role: identity.RoleStorageBlobDataContributor},
			{Name: "patches-write", Scope: container(storage.ContainerPatches), Role: identity.RoleStorageBlobDataContributor},
			{Name: "assets-write", Scope: container(storage.ContainerAssets), Role: identity.RoleStorageBlobDataContributor},
		},
	}
	newIdentity := func(key, physical, location string, w string, fed []identity.Federation) error {
		wi, err := identity.NewWorkloadIdentity(ctx, "global-id-"+key, &identity.Args{
			Interface:         base,
			ResourceGroupName: g.ResourceGroupName,
			Location:          location,
			IdentityName:      physical,
			Grants:            grants[w],
			Federations:       fed,
		}, parent)
		if err != nil {
			return err
		}
		e.Identities[key] = wi
		return nil
	}
	for _, w := range []string{WorkloadFrontDoor, WorkloadPublisher} {
		if err := newIdentity(w, id.UserAssignedIdentity(w, ""), loc, w, nil); err != nil {
			return nil, err
		}
	}
	// The in-cluster workloads get one identity per region, in that region, trusting
	// only that region's AKS OIDC issuer for their Kubernetes service account
	// (namespace GameNamespace, named after the workload). One identity per region
	// keeps a region's credentials from signing in anywhere else, and keeps regions
	// independent: federated credentials under one identity must be written one at a
	// time, which would chain every region's deployment.
	for _, r := range regions {
		for _, w := range []string{WorkloadGameServer, WorkloadGameAPI} {
			fed := []identity.Federation{{Name: r.Name, Issuer: r.OIDCIssuerURL, Subject: identity.ServiceAccountSubject(GameNamespace, w)}}
			if err := newIdentity(w+"-"+r.Name, id.UserAssignedIdentity(w, spec.Regions[r.Name].Short), r.Name, w, fed); err != nil {
				return nil, err
			}
		}
	}

	// Each region's game API reads and writes player data: a data-plane role on the
	// game's database, nothing broader (see WorkloadGameServer for why servers get none).
	if pd := svc.PlayerData; pd != nil {
		for _, r := range regions {
			key := WorkloadGameAPI + "-" + r.Name
			if _, err := pd.Grant(ctx, key, e.Identities[key].PrincipalID, playerdata.RoleDataContributor); err != nil {
				return nil, err
			}
		}
	}

	origins := make([]cdn.Origin, 0, len(regions))
	endpoints := make([]routing.Endpoint, 0, len(regions))
	for _, r := range regions {
		origins = append(origins, cdn.Origin{Name: r.Name, HostName: r.EntryFQDN})
		endpoints = append(endpoints, routing.Endpoint{Name: r.Name, Location: r.Name, TargetResourceID: r.EntryIPID.ToStringOutput()})
	}
	fd, err := cdn.NewFrontDoor(ctx, "global-cdn", &cdn.Args{
		Interface:           base,
		ResourceGroupName:   g.ResourceGroupName,
		ProfileName:         id.FrontDoorProfile(),
		PatchesEndpointName: id.FrontDoorEndpoint("patches"),
		APIEndpointName:     id.FrontDoorEndpoint("api"),
		WAFPolicyName:       id.WAFPolicy(),
		StorageHost:         st.BlobHost,
		StoragePaths:        []string{"/" + storage.ContainerPatches + "/*", "/" + storage.ContainerAssets + "/*"},
		IdentityID:          e.Identities[WorkloadFrontDoor].ID.ToStringOutput(),
		APIOrigins:          origins,
		PatchCacheSeconds:   s.CDN.PatchCacheSeconds,
		RateLimitPerMinute:  s.CDN.RateLimitPerMinute,
		PatchesHostName:     RecordPatches + "." + s.Domain,
		APIHostName:         RecordAPI + "." + s.Domain,
	}, parent)
	if err != nil {
		return nil, err
	}
	e.FrontDoor = fd

	rt, err := routing.NewRouting(ctx, "global-routing", &routing.Args{
		Interface:         base,
		ResourceGroupName: g.ResourceGroupName,
		ProfileName:       id.Regional("tm", ""),
		RelativeDNSName:   id.TrafficManagerDNS(),
		Endpoints:         endpoints,
		ZoneName:          s.Domain,
		MatchRecord:       RecordMatch,
		Records: []routing.Record{
			{Name: RecordPatches, Target: fd.PatchesHost},
			{Name: RecordAPI, Target: fd.APIHost},
		},
		// Front Door validates patches.<domain> and api.<domain> with these records,
		// then issues their managed certificates; nothing else waits on it.
		TXTRecords: []routing.TXTRecord{
			{Name: cdn.ValidationRecord(RecordPatches), Value: fd.ValidationTokens[cdn.RolePatches]},
			{Name: cdn.ValidationRecord(RecordAPI), Value: fd.ValidationTokens[cdn.RoleAPI]},
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	e.Routing = rt

	clientIDs := pulumi.StringMap{}
	for w, wi := range e.Identities {
		clientIDs[w] = wi.ClientID
	}
	ctx.Export("patchesHost", fd.PatchesHost)
	ctx.Export("apiHost", fd.APIHost)
	ctx.Export("trafficManagerFqdn", rt.TrafficManagerFQDN)
	ctx.Export("dnsNameServers", rt.NameServers)
	ctx.Export("keyVaultUri", kv.VaultURI)
	ctx.Export("storageAccount", st.AccountName)
	ctx.Export("workloadIdentityClientIds", clientIDs)
	if pd := svc.PlayerData; pd != nil {
		// What a game backend connects with: the endpoint (the SDK routes to the
		// nearest write region) and the database; its token comes from its workload
		// identity (workloadIdentityClientIds), never from a key.
		ctx.Export("playerDataEndpoint", pulumi.String(pd.Endpoint))
		ctx.Export("playerDataDatabase", pulumi.String(pd.Database))
		ctx.Export("playerDataAccount", pulumi.String(pd.AccountName))
	}
	return e, nil
}
