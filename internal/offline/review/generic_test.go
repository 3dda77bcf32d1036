package review

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

func cosmosPlan(locations []string, partitionKey string) *plan.Plan {
	locs := make([]any, len(locations))
	for i, l := range locations {
		locs[i] = map[string]any{"locationName": l, "failoverPriority": float64(i), "isZoneRedundant": true}
	}
	const prefix = "urn:pulumi:prod::game-platform::gameplatform:stacks:Global$gameplatform:playerdata:PlayerData$azure-native:resources:Resource::"
	return &plan.Plan{Stack: "prod", Resources: []plan.Resource{
		{URN: prefix + "global-playerdata-account", Type: catalog.GenericType, Name: "global-playerdata-account", Custom: true, Inputs: map[string]any{
			"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts",
			"resourceName": "cosmos-starfall-prod", "resourceGroupName": "rg-starfall-prod-global", "location": "japaneast",
			"properties": map[string]any{"enableMultipleWriteLocations": true, "locations": locs},
		}},
		{URN: prefix + "global-playerdata-players", Type: catalog.GenericType, Name: "global-playerdata-players", Custom: true, Inputs: map[string]any{
			"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "databaseAccounts/cosmos-starfall-prod/sqlDatabases/game",
			"resourceType": "containers", "resourceName": "players", "resourceGroupName": "rg-starfall-prod-global",
			"properties": map[string]any{"resource": map[string]any{"id": "players", "partitionKey": map[string]any{"paths": []any{partitionKey}, "kind": "Hash"}}},
		}},
	}}
}

// TestGenericResourcesReview: the review judges a generic resource as the ARM type
// it declares: a region added to the Cosmos DB account is an update, a container's
// new partition key a replacement called out as dangerous.
func TestGenericResourcesReview(t *testing.T) {
	base := cosmosPlan([]string{"japaneast", "japanwest"}, "/playerId")
	head := cosmosPlan([]string{"japaneast", "japanwest", "koreacentral"}, "/id")
	r, err := FromPlans(base, head, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Change{}
	for _, c := range r.Changes {
		byName[c.Name] = c
	}
	acct := byName["global-playerdata-account"]
	if acct.Op != OpUpdate || acct.Danger || acct.Kind != catalog.GenericKey(catalog.ARMCosmosAccount) {
		t.Errorf("account: op %s danger %v kind %q; want an update, not dangerous", acct.Op, acct.Danger, acct.Kind)
	}
	ct := byName["global-playerdata-players"]
	if ct.Op != OpReplace || !ct.Danger || !strings.Contains(ct.DangerReason, "Cosmos DB container") {
		t.Errorf("container: op %s danger %v (%q); want a dangerous replacement", ct.Op, ct.Danger, ct.DangerReason)
	}
	if len(ct.ReplaceReasons) == 0 || !strings.Contains(ct.ReplaceReasons[0], "partitionKey") {
		t.Errorf("container replace reasons %v", ct.ReplaceReasons)
	}
	if len(r.Blocked) == 0 {
		t.Error("a dangerous replacement does not block the review")
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	if !strings.Contains(md, "cosmosdb:SqlContainer") {
		t.Errorf("the review does not name the ARM type:\n%s", md)
	}
}
