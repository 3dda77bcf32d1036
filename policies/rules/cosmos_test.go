package rules

import "github.com/gameplatform/platform/internal/model/spec"

var prodRegions = regions("japaneast", "japanwest", "koreacentral", "westeurope", "northeurope", "eastus2", "westus2")

func cosmosLocationsWith(n int, edit func(m map[string]any)) []any {
	locs := deepCopy(cosmosAccount().Inputs["properties"].(map[string]any)["locations"]).([]any)
	if edit != nil {
		edit(locs[n].(map[string]any))
	}
	return locs
}

func init() {
	ruleCases = append(ruleCases, []ruleCase{
		{policy: "cosmos-local-auth-disabled", name: "Entra ID only", res: one(cosmosAccount())},
		{policy: "cosmos-local-auth-disabled", name: "keys on", res: one(with(cosmosAccount(), "properties.disableLocalAuth", false)), want: []string{"properties.disableLocalAuth is false; expected true"}},
		{policy: "cosmos-local-auth-disabled", name: "not set (Azure enables keys)", res: one(with(cosmosAccount(), "properties.disableLocalAuth", nil)), want: []string{"properties.disableLocalAuth is not set; expected true"}},

		{policy: "cosmos-public-access", name: "disabled in prod", res: one(cosmosAccount())},
		{policy: "cosmos-public-access", name: "enabled in dev", tier: spec.TierDev, res: one(with(cosmosAccount(), "properties.publicNetworkAccess", "Enabled"))},
		{policy: "cosmos-public-access", name: "enabled in prod", res: one(with(cosmosAccount(), "properties.publicNetworkAccess", "Enabled")), want: []string{`properties.publicNetworkAccess is "Enabled"; expected "Disabled"`}},
		{policy: "cosmos-public-access", name: "not set in prod", res: one(with(cosmosAccount(), "properties.publicNetworkAccess", nil)), want: []string{"properties.publicNetworkAccess is not set"}},

		{policy: "cosmos-write-regions", name: "every region writes", env: prodRegions, res: one(cosmosAccount())},
		{policy: "cosmos-write-regions", name: "a region of the environment missing", env: regions("japaneast", "japanwest", "koreacentral", "westeurope", "northeurope", "eastus2", "westus2", "uksouth"), res: one(cosmosAccount()), want: []string{"no location in uksouth; expected a write region in every region of the environment"}},
		{policy: "cosmos-write-regions", name: "single write region", env: prodRegions, res: one(with(cosmosAccount(), "properties.enableMultipleWriteLocations", false)), want: []string{"properties.enableMultipleWriteLocations is false; expected true"}},
		{policy: "cosmos-write-regions", name: "display names count", env: regions("japaneast"), res: one(with(cosmosAccount(), "properties.locations", []any{map[string]any{"locationName": "Japan East", "failoverPriority": 0.0}}))},
		{policy: "cosmos-write-regions", name: "locations unknown", env: prodRegions, res: one(with(cosmosAccount(), "properties.locations", Unknown)), want: []string{"properties.locations is unknown at preview"}},

		{policy: "cosmos-continuous-backup", name: "30 days in prod", res: one(cosmosAccount())},
		{policy: "cosmos-continuous-backup", name: "7 days in dev", tier: spec.TierDev, res: one(with(cosmosAccount(), "properties.backupPolicy.continuousModeProperties.tier", "Continuous7Days"))},
		{policy: "cosmos-continuous-backup", name: "7 days in prod", res: one(with(cosmosAccount(), "properties.backupPolicy.continuousModeProperties.tier", "Continuous7Days")), want: []string{`continuousModeProperties.tier is "Continuous7Days"; expected "Continuous30Days"`}},
		{policy: "cosmos-continuous-backup", name: "periodic backup", tier: spec.TierDev, res: one(with(cosmosAccount(), "properties.backupPolicy", map[string]any{"type": "Periodic"})), want: []string{`properties.backupPolicy.type is "Periodic"; expected "Continuous"`}},
		{policy: "cosmos-continuous-backup", name: "no backup policy (Azure: periodic)", res: one(with(cosmosAccount(), "properties.backupPolicy", nil)), want: []string{"properties.backupPolicy.type is not set"}},

		{policy: "cosmos-zone-redundancy", name: "zonal where the region has zones", res: one(cosmosAccount())},
		{policy: "cosmos-zone-redundancy", name: "no zones in dev", tier: spec.TierDev, res: one(with(cosmosAccount(), "properties.locations", cosmosLocationsWith(0, func(m map[string]any) { m["isZoneRedundant"] = false })))},
		{policy: "cosmos-zone-redundancy", name: "not zonal in a zonal region in prod", res: one(with(cosmosAccount(), "properties.locations", cosmosLocationsWith(0, func(m map[string]any) { m["isZoneRedundant"] = false }))), want: []string{"properties.locations[0] (japaneast) has isZoneRedundant false; expected true in prod"}},
		{policy: "cosmos-zone-redundancy", name: "unset in a zonal region in prod", res: one(with(cosmosAccount(), "properties.locations", cosmosLocationsWith(0, func(m map[string]any) { delete(m, "isZoneRedundant") }))), want: []string{"is not zone redundant (isZoneRedundant not set)"}},

		{policy: "cosmos-data-role-narrow", name: "data contributor on the database", res: one(cosmosGrant())},
		{policy: "cosmos-data-role-narrow", name: "whole account", res: one(with(cosmosGrant(), "properties.scope", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-starfall-prod")), want: []string{"expected a database or container"}},
		{policy: "cosmos-data-role-narrow", name: "custom role", res: one(with(cosmosGrant(), "properties.roleDefinitionId", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-starfall-prod/sqlRoleDefinitions/11111111-2222-3333-4444-555555555555")), want: []string{"expected a built-in data role"}},
		{policy: "cosmos-consistency", name: "session", res: one(cosmosAccount())},
		{policy: "cosmos-consistency", name: "strong with one write region", res: one(with(with(cosmosAccount(), "properties.consistencyPolicy.defaultConsistencyLevel", "Strong"), "properties.enableMultipleWriteLocations", false))},
		{policy: "cosmos-consistency", name: "strong with multi-region writes", res: one(with(cosmosAccount(), "properties.consistencyPolicy.defaultConsistencyLevel", "Strong")), want: []string{`defaultConsistencyLevel is "Strong" with multi-region writes`}},
	}...)
}

func cosmosGrant() Resource {
	return real(TypeCosmosRoleGrant, func() Resource {
		id := "/subscriptions/s/resourceGroups/rg-starfall-prod-global/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-starfall-prod"
		return res(TypeCosmosRoleGrant, "global-playerdata-gameapi-japaneast", "", map[string]any{
			"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "databaseAccounts/cosmos-starfall-prod",
			"resourceType": "sqlRoleAssignments", "resourceName": "e2ef1179-1052-5c9c-8746-f7f962cad3a0", "apiVersion": "2024-11-15",
			"properties": map[string]any{"principalId": "p", "roleDefinitionId": id + "/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002", "scope": id + "/dbs/game"},
		})
	})
}
