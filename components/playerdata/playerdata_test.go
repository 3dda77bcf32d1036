package playerdata

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

var threeRegions = []Region{{Name: "japaneast", Zones: true}, {Name: "japanwest", Zones: false}, {Name: "westeurope", Zones: true}}

func args(t spec.Tier, regions []Region) *Args {
	return &Args{
		Interface:         shared.Interface{Tier: t, Tags: map[string]string{"game": "starfall"}, Protect: t == spec.TierProd, WorkspaceID: pulumi.String("/ws")},
		ResourceGroupName: pulumi.String("rg-starfall-test-global"),
		ResourceGroup:     "rg-starfall-test-global",
		AccountName:       "cosmos-starfall-test",
		Regions:           regions,
	}
}

func TestLocationsEveryRegionWritesZonesOnlyInProd(t *testing.T) {
	got := AccountPropertiesFor(threeRegions, spec.ConsistencySession, SettingsFor(spec.TierProd))
	want := []Location{
		{LocationName: "japaneast", FailoverPriority: 0, IsZoneRedundant: true},
		{LocationName: "japanwest", FailoverPriority: 1, IsZoneRedundant: false}, // no zones in the region
		{LocationName: "westeurope", FailoverPriority: 2, IsZoneRedundant: true},
	}
	if diff := cmp.Diff(want, got.Locations); diff != "" {
		t.Errorf("prod locations (-want +got):\n%s", diff)
	}
	if !got.EnableMultipleWriteLocations || !got.DisableLocalAuth || got.PublicNetworkAccess != "Disabled" || got.BackupPolicy.ContinuousModeProperties.Tier != "Continuous30Days" {
		t.Errorf("prod account = %+v", got)
	}
	dev := AccountPropertiesFor(threeRegions, spec.ConsistencySession, SettingsFor(spec.TierDev))
	for _, l := range dev.Locations {
		if l.IsZoneRedundant {
			t.Errorf("dev location %s is zone redundant", l.LocationName)
		}
	}
	if dev.PublicNetworkAccess != "Enabled" || dev.BackupPolicy.ContinuousModeProperties.Tier != "Continuous7Days" || !dev.DisableLocalAuth {
		t.Errorf("dev account = %+v", dev)
	}
}

// The typed properties marshal to the REST API's JSON names.
func TestPropertiesJSON(t *testing.T) {
	b, err := json.Marshal(ContainerPropertiesFor(DefaultContainers[0]))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"resource":{"id":"players","partitionKey":{"paths":["/playerId"],"kind":"Hash","version":2},"conflictResolutionPolicy":{"mode":"LastWriterWins","conflictResolutionPath":"/_ts"}}}`
	if string(b) != want {
		t.Errorf("container JSON\n got %s\nwant %s", b, want)
	}
}

func TestArgsProblems(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(*Args)
		want   string
	}{
		{"strong", func(a *Args) { a.Consistency = "Strong" }, "Consistency: Strong is not available with multi-region writes"},
		{"unknown level", func(a *Args) { a.Consistency = "Linearizable" }, `Consistency: "Linearizable" must be one of`},
		{"no regions", func(a *Args) { a.Regions = nil }, "Regions: at least one region is required"},
		{"duplicate region", func(a *Args) { a.Regions = []Region{{Name: "japaneast"}, {Name: "japaneast"}} }, `Regions[1].Name: "japaneast" is empty or listed twice`},
		{"bad account name", func(a *Args) { a.AccountName = "Cosmos_X" }, "AccountName: cosmos DB account name"},
		{"throughput step", func(a *Args) { a.MaxThroughput = 1500 }, "MaxThroughput: 1500 must be 1000-1000000 RU/s in steps of 1000"},
		{"nested partition key", func(a *Args) { a.Containers = []Container{{Name: "players", PartitionKey: "/player/id"}} }, `Containers[0].PartitionKey: "/player/id" must be one top-level path`},
		{"no plain resource group", func(a *Args) { a.ResourceGroup = "" }, "ResourceGroup is required"},
	} {
		a := args(spec.TierProd, threeRegions)
		a.defaults()
		tc.mutate(a)
		err := a.problems().Join()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	a := args(spec.TierProd, threeRegions)
	a.defaults()
	if err := a.problems().Join(); err != nil {
		t.Errorf("valid args: %v", err)
	}
	// Nothing is registered for bad args.
	res := plantest.Run(func(ctx *pulumi.Context) error {
		a := args(spec.TierDev, threeRegions)
		a.Consistency = "Strong"
		_, err := NewPlayerData(ctx, "pd", a)
		return err
	})
	if res.Err == nil || len(res.Resources) != 0 {
		t.Errorf("strong consistency: err %v, %d resources registered", res.Err, len(res.Resources))
	}
}

func generic(t *testing.T, res plantest.Result, arm string) []plan.Resource {
	t.Helper()
	var out []plan.Resource
	for _, r := range res.Resources {
		if r.CatalogType() == catalog.GenericKey(arm) {
			out = append(out, r)
		}
	}
	return out
}

func run(t *testing.T, a *Args, grants bool) plantest.Result {
	t.Helper()
	res := plantest.Run(func(ctx *pulumi.Context) error {
		pd, err := NewPlayerData(ctx, "global-playerdata", a)
		if err != nil {
			return err
		}
		if grants {
			if _, err := pd.Grant(ctx, "gameapi-japaneast", pulumi.String("principal-api"), RoleDataContributor); err != nil {
				return err
			}
		}
		return nil
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	return res
}

func TestAccountInputsProd(t *testing.T) {
	res := run(t, args(spec.TierProd, threeRegions), true)
	accts := generic(t, res, catalog.ARMCosmosAccount)
	if len(accts) != 1 {
		t.Fatalf("%d accounts", len(accts))
	}
	acct := accts[0]
	plantest.Expect(t, acct, map[string]any{
		"resourceProviderNamespace": "Microsoft.DocumentDB",
		"parentResourcePath":        "",
		"resourceType":              "databaseAccounts",
		"resourceName":              "cosmos-starfall-test",
		"apiVersion":                APIVersion,
		"location":                  "japaneast",
		"kind":                      "GlobalDocumentDB",
		"properties.enableMultipleWriteLocations":               true,
		"properties.disableLocalAuth":                           true,
		"properties.publicNetworkAccess":                        "Disabled",
		"properties.consistencyPolicy.defaultConsistencyLevel":  "Session",
		"properties.backupPolicy.type":                          "Continuous",
		"properties.backupPolicy.continuousModeProperties.tier": "Continuous30Days",
		"properties.locations.0.locationName":                   "japaneast",
		"properties.locations.0.isZoneRedundant":                true,
		"properties.locations.1.locationName":                   "japanwest",
		"properties.locations.1.isZoneRedundant":                false,
		"properties.locations.2.failoverPriority":               2.0,
		"tags.game":                "starfall",
		"tags.planned-storage-gib": "500",
	})
	if !acct.Protect || !acct.RetainOnDelete {
		t.Error("prod account is not protected and retained")
	}
	if !res.Has("global-playerdata-account-diag") {
		t.Error("no diagnostic setting for the account")
	}
	db := res.Get(t, "global-playerdata-db")
	plantest.Expect(t, db, map[string]any{
		"parentResourcePath":     "databaseAccounts/cosmos-starfall-test",
		"resourceType":           "sqlDatabases",
		"properties.resource.id": "game",
		"properties.options.autoscaleSettings.maxThroughput": 20000.0,
	})
	if len(db.Dependencies) != 1 || !strings.HasSuffix(db.Dependencies[0], "::global-playerdata-account") {
		t.Errorf("database depends on %v, want the account", db.Dependencies)
	}
	cs := generic(t, res, catalog.ARMCosmosSQLContainer)
	keys := map[string]string{}
	for _, c := range cs {
		keys[plantest.Input(c, "properties.resource.id").(string)] = plantest.Input(c, "properties.resource.partitionKey.paths.0").(string)
		plantest.Expect(t, c, map[string]any{
			"parentResourcePath": "databaseAccounts/cosmos-starfall-test/sqlDatabases/game",
			"properties.resource.conflictResolutionPolicy.mode":                   "LastWriterWins",
			"properties.resource.conflictResolutionPolicy.conflictResolutionPath": "/_ts",
		})
	}
	if diff := cmp.Diff(map[string]string{"players": "/playerId", "inventories": "/playerId", "matches": "/matchId"}, keys); diff != "" {
		t.Errorf("containers and partition keys (-want +got):\n%s", diff)
	}
	ra := res.Get(t, "global-playerdata-gameapi-japaneast")
	acctID := AccountID(plan.FakeSubscription, "rg-starfall-test-global", "cosmos-starfall-test")
	plantest.Expect(t, ra, map[string]any{
		"resourceType":                "sqlRoleAssignments",
		"parentResourcePath":          "databaseAccounts/cosmos-starfall-test",
		"properties.principalId":      "principal-api",
		"properties.roleDefinitionId": acctID + "/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002",
		"properties.scope":            acctID + "/dbs/game",
	})
}

func TestDevAccountIsPublicNotZonalSevenDayBackup(t *testing.T) {
	res := run(t, args(spec.TierDev, threeRegions[:1]), false)
	acct := generic(t, res, catalog.ARMCosmosAccount)[0]
	plantest.Expect(t, acct, map[string]any{
		"properties.publicNetworkAccess":                        "Enabled",
		"properties.disableLocalAuth":                           true,
		"properties.backupPolicy.continuousModeProperties.tier": "Continuous7Days",
		"properties.locations.0.isZoneRedundant":                false,
	})
	if acct.Protect {
		t.Error("dev account is protected")
	}
}

// A region added to the environment is added to the account, as a location with the
// next failover priority; the existing locations are unchanged (an update in place).
func TestAddingARegionAddsALocation(t *testing.T) {
	before := generic(t, run(t, args(spec.TierProd, threeRegions[:2]), false), catalog.ARMCosmosAccount)[0]
	after := generic(t, run(t, args(spec.TierProd, threeRegions), false), catalog.ARMCosmosAccount)[0]
	b, _ := plantest.Input(before, "properties.locations").([]any)
	a, _ := plantest.Input(after, "properties.locations").([]any)
	if len(b) != 2 || len(a) != 3 {
		t.Fatalf("locations: %d before, %d after", len(b), len(a))
	}
	if diff := cmp.Diff(b, a[:2]); diff != "" {
		t.Errorf("existing locations changed (-before +after):\n%s", diff)
	}
	if plantest.Input(after, "properties.locations.2.locationName") != "westeurope" {
		t.Errorf("new location = %v", a[2])
	}
}

func TestGrantRefusesWhatIsNotADataRole(t *testing.T) {
	res := plantest.Run(func(ctx *pulumi.Context) error {
		pd, err := NewPlayerData(ctx, "pd", args(spec.TierDev, threeRegions[:1]))
		if err != nil {
			return err
		}
		// Owner is a control-plane role.
		_, err = pd.Grant(ctx, "x", pulumi.String("p"), "8e3af657-a8ff-443c-a75c-2fe8c4bcb635")
		return err
	})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "not a built-in Cosmos DB data role") {
		t.Errorf("err = %v", res.Err)
	}
}
