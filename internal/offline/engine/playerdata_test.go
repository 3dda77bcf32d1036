package engine

import (
	"math"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func ofCatalogType(p *plan.Plan, arm string) []plan.Resource {
	var out []plan.Resource
	for _, r := range p.Resources {
		if r.CatalogType() == catalog.GenericKey(arm) {
			out = append(out, r)
		}
	}
	return out
}

func isCosmos(r *plan.Resource) bool {
	return strings.HasPrefix(catalog.ARMTypeOf(r.CatalogType()), "Microsoft.DocumentDB/")
}

// TestPlayerDataInEveryEnvironment: one account per environment with a location per
// region (in order, every one a write region), the database and its containers,
// the gameapi identity of every region granted the data contributor role on the
// database (gameserver nothing), and in the tiers without public access a private
// endpoint to the account in every region.
func TestPlayerDataInEveryEnvironment(t *testing.T) {
	for env, r := range shippedPlans(t) {
		p := r.Plan
		accts := ofCatalogType(p, catalog.ARMCosmosAccount)
		if len(accts) != 1 {
			t.Fatalf("%s: %d Cosmos DB accounts, want 1", env, len(accts))
		}
		acct := accts[0]
		prof := tier.Of(r.Spec.Tier).PlayerData
		plantest.Expect(t, acct, map[string]any{
			"properties.enableMultipleWriteLocations":               true,
			"properties.disableLocalAuth":                           true,
			"properties.backupPolicy.continuousModeProperties.tier": prof.BackupPolicy,
			"location": r.Spec.Regions[0].Name,
		})
		locs, _ := plantest.Input(acct, "properties.locations").([]any)
		if len(locs) != len(r.Spec.Regions) {
			t.Errorf("%s: %d locations for %d regions", env, len(locs), len(r.Spec.Regions))
		}
		for i, reg := range r.Spec.Regions {
			if i >= len(locs) {
				break
			}
			l := locs[i].(map[string]any)
			wantZR := prof.ZoneRedundant && spec.Regions[reg.Name].Zones
			if l["locationName"] != reg.Name || l["failoverPriority"] != float64(i) || l["isZoneRedundant"] != wantZR {
				t.Errorf("%s: location %d = %v, want %s priority %d zone redundant %v", env, i, l, reg.Name, i, wantZR)
			}
		}
		if dbs := ofCatalogType(p, catalog.ARMCosmosSQLDatabase); len(dbs) != 1 {
			t.Errorf("%s: %d databases", env, len(dbs))
		}
		keys := map[string]string{}
		for _, c := range ofCatalogType(p, catalog.ARMCosmosSQLContainer) {
			keys[plantest.Input(c, "properties.resource.id").(string)], _ = plantest.Input(c, "properties.resource.partitionKey.paths.0").(string)
		}
		if keys["players"] != "/playerId" || keys["inventories"] != "/playerId" || keys["matches"] != "/matchId" || len(keys) != 3 {
			t.Errorf("%s: containers %v", env, keys)
		}
		grants := map[string]plan.Resource{}
		for _, g := range ofCatalogType(p, catalog.ARMCosmosSQLRoleAssign) {
			grants[g.Name] = g
		}
		if len(grants) != len(r.Spec.Regions) {
			t.Errorf("%s: %d data-plane grants for %d regions", env, len(grants), len(r.Spec.Regions))
		}
		for _, reg := range r.Spec.Regions {
			g, ok := grants["global-playerdata-gameapi-"+reg.Name]
			if !ok {
				t.Errorf("%s: no grant for gameapi in %s", env, reg.Name)
				continue
			}
			if role, _ := plantest.Input(g, "properties.roleDefinitionId").(string); !strings.HasSuffix(role, "/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002") {
				t.Errorf("%s: %s grants %s", env, g.Name, role)
			}
			if scope, _ := plantest.Input(g, "properties.scope").(string); !strings.HasSuffix(scope, "/databaseAccounts/"+plantest.Input(acct, "resourceName").(string)+"/dbs/game") {
				t.Errorf("%s: %s is scoped to %s, want the game database", env, g.Name, scope)
			}
			id := byName(t, p, "global-id-gameapi-"+reg.Name+"-id")
			if !contains(g.PropertyDependencies["properties"], id.URN) {
				t.Errorf("%s: %s's principal does not come from %s", env, g.Name, id.Name)
			}
		}
		pes := 0
		for _, res := range p.Resources {
			if res.Type == "azure-native:network:PrivateEndpoint" && strings.HasSuffix(res.Name, "-privatelink-cosmos-pe") {
				pes++
				if plantest.Input(res, "privateLinkServiceConnections.0.groupIds.0") != "Sql" || !contains(res.PropertyDependencies["privateLinkServiceConnections"], acct.URN) || res.Region == "" {
					t.Errorf("%s: %s = %v", env, res.Name, res.Inputs)
				}
			}
		}
		want := 0
		if !prof.PublicNetworkAccess {
			want = len(r.Spec.Regions)
		}
		if pes != want {
			t.Errorf("%s: %d Cosmos DB private endpoints, want %d", env, pes, want)
		}
	}
}

// TestPlayerDataIsOffTheClustersCriticalPath: no cluster, node pool or in-cluster
// object waits for the player-data store, so with unbounded parallelism every
// cluster finishes exactly when it would without it.
func TestPlayerDataIsOffTheClustersCriticalPath(t *testing.T) {
	d, _ := deploytime.DefaultDurations()
	for env, r := range shippedPlans(t) {
		with := r.Plan
		// The same plan without the store and what waits for it.
		drop := map[string]bool{}
		for changed := true; changed; {
			changed = false
			for _, res := range with.Resources {
				if drop[res.URN] {
					continue
				}
				gone := isCosmos(&res)
				for _, u := range res.Dependencies {
					gone = gone || drop[u]
				}
				for _, us := range res.PropertyDependencies {
					for _, u := range us {
						gone = gone || drop[u]
					}
				}
				if gone {
					drop[res.URN], changed = true, true
				}
			}
		}
		without := &plan.Plan{}
		for _, res := range with.Resources {
			if !drop[res.URN] {
				without.Resources = append(without.Resources, res)
			}
			if drop[res.URN] && (strings.Contains(res.Type, "containerservice") || strings.HasPrefix(res.Type, "kubernetes:")) {
				t.Errorf("%s: %s waits for the player-data store", env, res.Name)
			}
		}
		finish := func(p *plan.Plan) map[string]float64 {
			g, err := deploytime.Build(p, d)
			if err != nil {
				t.Fatal(err)
			}
			s := g.Schedule(len(g.Nodes))
			out := map[string]float64{}
			for i, n := range g.Nodes {
				if strings.Contains(n.Type, "containerservice") {
					out[n.URN] = s.End[i]
				}
			}
			return out
		}
		a, b := finish(with), finish(without)
		if len(a) == 0 || len(a) != len(b) {
			t.Fatalf("%s: %d vs %d cluster operations", env, len(a), len(b))
		}
		for u, end := range a {
			if math.Abs(end-b[u]) > 1e-9 {
				t.Errorf("%s: %s finishes at %vs with player data, %vs without", env, u, end, b[u])
			}
		}
	}
}

// TestRegionAddedToTheEnvironmentIsAddedToTheAccount: one more region is one more
// location of the same account (an update), the existing ones unchanged.
func TestRegionAddedToTheEnvironmentIsAddedToTheAccount(t *testing.T) {
	a := ofCatalogType(planGenerated(t, spec.TierProd, 7, 0), catalog.ARMCosmosAccount)
	b := ofCatalogType(planGenerated(t, spec.TierProd, 8, 0), catalog.ARMCosmosAccount)
	if len(a) != 1 || len(b) != 1 || a[0].URN != b[0].URN {
		t.Fatalf("accounts %d / %d, or the account's URN changed", len(a), len(b))
	}
	la, _ := plantest.Input(a[0], "properties.locations").([]any)
	lb, _ := plantest.Input(b[0], "properties.locations").([]any)
	if len(la) != 7 || len(lb) != 8 {
		t.Fatalf("locations %d -> %d, want 7 -> 8", len(la), len(lb))
	}
	for i := range la {
		if la[i].(map[string]any)["locationName"] != lb[i].(map[string]any)["locationName"] {
			t.Errorf("location %d changed: %v -> %v", i, la[i], lb[i])
		}
	}
}
