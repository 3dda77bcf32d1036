package rules

import (
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Table cases of the rules that judge what inputs mean (where a resource is, what a
// grant allows, what a WAF blocks, what the logs cover), each with compliant and
// violating resources built from the real prod plan's fixtures.

// regionComponent is the component a region's stamp sits under.
func regionComponent(region string) Resource {
	return Resource{Resource: plan.Resource{URN: "urn:pulumi:" + testStack + "::game-platform::" + plan.RegionComponentType + "::" + region, Type: plan.RegionComponentType, Name: region}}
}

// under puts a resource under a parent component and records its region as the
// plan recorder would.
func under(r Resource, parent Resource) Resource {
	r.Parent = parent.URN
	if parent.Type == plan.RegionComponentType {
		r.Region = parent.Name
	} else {
		r.Region = ""
	}
	return r
}

func atLocation(r Resource, loc any) Resource { return with(r, "location", loc) }

func roleAssignment() Resource { return real(TypeRoleAssignment, nil) }

// roleDef is a built-in role definition ID at subscription level.
func roleDef(guid string) string {
	return "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/" + guid
}

// withDeps sets the property dependencies of one input.
func withDeps(r Resource, input string, urns ...string) Resource {
	deps := map[string][]string{}
	for k, v := range r.PropertyDependencies {
		deps[k] = v
	}
	if urns == nil {
		delete(deps, input)
	} else {
		deps[input] = urns
	}
	r.PropertyDependencies = deps
	return r
}

// diagFor is the real diagnostic setting aimed at a resource (its ID built from its
// Azure name, plus sub for a logging sub-resource) with the given logs.
func diagFor(target Resource, sub string, logs ...any) Resource {
	r := renamed(real(TypeDiagnosticSetting, nil), target.Name+"-diag", "")
	name, _ := physicalName(&target)
	r.Inputs["resourceUri"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-starfall-prod-global/providers/x/" + name + sub
	if logs != nil {
		r.Inputs["logs"] = logs
	}
	return withDeps(r, "resourceUri", target.URN)
}

func logGroup(g string) map[string]any    { return map[string]any{"categoryGroup": g, "enabled": true} }
func logCategory(c string) map[string]any { return map[string]any{"category": c, "enabled": true} }

// wafAssociations replaces a security policy's associations.
func wafAssociations(sp Resource, assoc ...any) Resource {
	sp = with(sp, "parameters.associations", assoc)
	return sp
}

func domainsOf(patterns []any, ids ...any) map[string]any {
	var ds []any
	for _, id := range ids {
		ds = append(ds, map[string]any{"id": id})
	}
	return map[string]any{"domains": ds, "patternsToMatch": patterns}
}

func endpointID(ep Resource) string {
	return "/subscriptions/x/providers/Microsoft.Cdn/aFDEndpoints/" + ep.Inputs["endpointName"].(string)
}

func rateLimitOf(w Resource) map[string]any {
	rules, _ := lookup(w.Inputs, "customRules.rules")
	l, _ := asList(rules)
	m, _ := asMap(l[0])
	return m
}

func init() {
	jpe, wus := regionComponent("japaneast"), regionComponent("westus2")
	global := Resource{Resource: plan.Resource{URN: "urn:pulumi:" + testStack + "::game-platform::gameplatform:stacks:Global::global", Type: "gameplatform:stacks:Global", Name: "global"}}
	stamp := func(locs ...any) []Resource {
		out := []Resource{jpe, wus, global,
			under(atLocation(vnet("japaneast", "10.100.0.0/16"), locs[0]), jpe),
			under(atLocation(vnet("westus2", "10.101.0.0/16"), locs[1]), wus),
			under(atLocation(storageAccount(), locs[2]), global),
		}
		return out
	}
	waf := wafPolicy()
	api, patches := afdEndpoint("api"), afdEndpoint("patches")
	kv, st, ws := keyVault(), storageAccount(), real(TypeWorkspace, nil)
	kvDiag := diagFor(kv, "", logGroup(AllLogs))
	spotPool := with(with(agentPool(), "scaleSetPriority", "Spot"), "scaleSetEvictionPolicy", "Delete")

	ruleCases = append(ruleCases,
		// API server ranges judged by what they cover.
		ruleCase{policy: "aks-api-server-restricted", name: "the whole Internet in two halves", res: one(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", []any{"0.0.0.0/1", "128.0.0.0/1"})), want: []string{"authorizedIPRanges[0]: 0.0.0.0/1 covers", "authorizedIPRanges[1]: 128.0.0.0/1 covers"}},
		ruleCase{policy: "aks-api-server-restricted", name: "a /8 of public space", res: one(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", []any{"198.51.100.0/24", "20.0.0.0/8"})), want: []string{"authorizedIPRanges[1]: 20.0.0.0/8 covers 16,777,216 public IPv4 addresses"}},
		ruleCase{policy: "aks-api-server-restricted", name: "single admin addresses", res: one(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", []any{"20.1.2.3/32", "20.1.2.4"}))},

		// Location: the region a resource belongs to, not just an allowed region.
		ruleCase{policy: "location-matches-region", name: "stamps in their regions, environment-wide in the first", env: regions("japaneast", "westus2"), res: stamp("japaneast", "West US 2", "japaneast")},
		ruleCase{policy: "location-matches-region", name: "global services", env: regions("japaneast", "westus2"), res: append(stamp("japaneast", "westus2", "japaneast"), under(wafPolicy(), global))},
		ruleCase{policy: "location-matches-region", name: "a stamp's network in another allowed region", env: regions("japaneast", "westus2"), res: stamp("japanwest", "westus2", "japaneast"),
			want: []string{`location "japanwest" is not its region: it belongs to the japaneast stamp`}},
		ruleCase{policy: "location-matches-region", name: "a stamp's network in the other stamp's region", env: regions("japaneast", "westus2"), res: stamp("westus2", "westus2", "japaneast"),
			want: []string{`location "westus2" is not its region: it belongs to the japaneast stamp`}},
		ruleCase{policy: "location-matches-region", name: "an environment-wide resource outside the environment", env: regions("japaneast", "westus2"), res: stamp("japaneast", "westus2", "uksouth"),
			want: []string{`location "uksouth" is not a region of the environment`}},
		ruleCase{policy: "location-matches-region", name: "regions derived from the region components", res: stamp("japaneast", "westus2", "koreacentral"),
			want: []string{`location "koreacentral" is not a region of the environment; expected one of the environment's regions (japaneast, westus2)`}},
		ruleCase{policy: "location-matches-region", name: "recorded region decides without components", res: []Resource{atLocation(vnet("japaneast", "10.100.0.0/16"), "eastus")},
			want: []string{`location "eastus" is not its region: it belongs to the japaneast stamp`}},
		// Environment-wide resources in the environment's primary (first) region, per
		// their catalogue placement; global services at "global".
		ruleCase{policy: "location-matches-region", name: "environment-wide services in the primary region", env: regions("japaneast", "westus2"),
			res: append(stamp("japaneast", "westus2", "japaneast"), under(atLocation(keyVault(), "japaneast"), global), under(atLocation(real(TypeRegistry, nil), "Japan East"), global), under(atLocation(ws, "japaneast"), global))},
		ruleCase{policy: "location-matches-region", name: "key vault and registry in the second region", env: regions("japaneast", "westus2"),
			res:  append(stamp("japaneast", "westus2", "japaneast"), under(atLocation(keyVault(), "westus2"), global), under(atLocation(real(TypeRegistry, nil), "westus2"), global)),
			want: []string{`keyvault:Vault "global-keyvault-vault": location "westus2" is not the environment's primary region; expected "japaneast"`, `containerregistry:Registry "global-registry-acr": location "westus2" is not the environment's primary region`}},
		ruleCase{policy: "location-matches-region", name: "a per-region identity in any region of the environment", env: regions("japaneast", "westus2"),
			res: append(stamp("japaneast", "westus2", "japaneast"), under(atLocation(real(TypeIdentity, nil), "westus2"), global))},
		ruleCase{policy: "location-matches-region", name: "primary region from the environment-wide resource group", res: append(stamp("japaneast", "westus2", "westus2"), under(atLocation(real(TypeResourceGroup, nil), "westus2"), global))},
		ruleCase{policy: "location-matches-region", name: "storage away from the environment-wide resource group", res: append(stamp("japaneast", "westus2", "japaneast"), under(atLocation(real(TypeResourceGroup, nil), "westus2"), global)),
			want: []string{`storage:StorageAccount "global-storage-account": location "japaneast" is not the environment's primary region; expected "westus2"`}},
		ruleCase{policy: "location-matches-region", name: "a global service in a region", env: regions("japaneast", "westus2"), res: append(stamp("japaneast", "westus2", "japaneast"), under(atLocation(wafPolicy(), "japaneast"), global)),
			want: []string{`location "japaneast" is not global; expected "global" (a global service)`}},
		ruleCase{policy: "location-matches-region", name: "a stamp's network at global", env: regions("japaneast", "westus2"), res: stamp("global", "westus2", "japaneast"),
			want: []string{`location "global" is not a region; expected "japaneast" (its region's stamp)`}},
		ruleCase{policy: "location-matches-region", name: "location unknown", env: regions("japaneast", "westus2"), res: stamp(Unknown, "westus2", "japaneast"), want: []string{"location is unknown at preview"}},

		// Spot in prod.
		ruleCase{policy: "aks-no-spot-in-prod", name: "regular pools", res: []Resource{cluster(), agentPool()}},
		ruleCase{policy: "aks-no-spot-in-prod", name: "spot outside prod", tier: spec.TierStaging, res: one(spotPool)},
		ruleCase{policy: "aks-no-spot-in-prod", name: "spot pool in prod", res: one(spotPool), want: []string{`scaleSetPriority is "Spot"; expected "Regular"`}},
		ruleCase{policy: "aks-no-spot-in-prod", name: "inline spot pool in prod", res: one(with(cluster(), "agentPoolProfiles", []any{deepCopy(spotPool.Inputs)})), want: []string{`agentPoolProfiles[0]`}},
		ruleCase{policy: "aks-no-spot-in-prod", name: "priority unknown", res: one(with(agentPool(), "scaleSetPriority", Unknown)), want: []string{"unknown at preview"}},

		// Registry SKU per tier.
		ruleCase{policy: "registry-sku", name: "Premium in prod", res: one(acrRegistry())},
		ruleCase{policy: "registry-sku", name: "Standard in staging", tier: spec.TierStaging, res: one(with(acrRegistry(), "sku.name", "Standard"))},
		ruleCase{policy: "registry-sku", name: "Standard in prod", res: one(with(acrRegistry(), "sku.name", "Standard")), want: []string{`sku.name is "Standard"; expected "Premium"`}},
		ruleCase{policy: "registry-sku", name: "Premium in dev", tier: spec.TierDev, res: one(with(acrRegistry(), "sku.name", "Premium")), want: []string{`expected "Basic"`}},

		// Privileged roles and broad scopes.
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "data-plane role on a container", res: one(roleAssignment())},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "Owner for a person is not a workload grant", res: one(withDeps(with(with(roleAssignment(), "principalType", "User"), "roleDefinitionId", roleDef("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")), "principalId"))},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "Owner at subscription scope", res: one(with(with(roleAssignment(), "roleDefinitionId", roleDef("8e3af657-a8ff-443c-a75c-2fe8c4bcb635")), "scope", "/subscriptions/00000000-0000-0000-0000-000000000000")),
			want: []string{"grants Owner (8e3af657-a8ff-443c-a75c-2fe8c4bcb635) to a workload identity at subscription scope"}},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "Contributor on a resource group, upper case", res: one(with(with(roleAssignment(), "roleDefinitionId", "/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C"), "scope", "/subscriptions/x/resourceGroups/rg-starfall-prod-global")),
			want: []string{"grants Contributor (b24988ac-6180-42a0-ab88-20f7382dd24c) to a workload identity at resource-group scope"}},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "User Access Administrator on a resource", res: one(with(roleAssignment(), "roleDefinitionId", roleDef("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"))), want: []string{"grants User Access Administrator"}},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "RBAC Administrator to a principal of unstated type", res: one(with(with(roleAssignment(), "principalType", nil), "roleDefinitionId", roleDef("f58310d9-a9f6-439a-9e8d-f62e7b41a168"))), want: []string{"grants Role Based Access Control Administrator"}},
		ruleCase{policy: "role-assignments-no-privileged-roles", name: "role unknown at preview", res: one(with(roleAssignment(), "roleDefinitionId", Unknown)), want: []string{"roleDefinitionId is unknown at preview"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "a container and a subnet", res: []Resource{roleAssignment(), with(roleAssignment(), "scope", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/game")}},
		ruleCase{policy: "role-assignments-resource-scope", name: "scope computed from a resource at preview", res: one(with(roleAssignment(), "scope", Unknown))},
		ruleCase{policy: "role-assignments-resource-scope", name: "resource group", res: one(with(roleAssignment(), "scope", "/subscriptions/x/resourceGroups/rg-starfall-prod-global/")), want: []string{"is at resource-group scope"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "subscription", res: one(with(roleAssignment(), "scope", "/subscriptions/x")), want: []string{"is at subscription scope"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "management group", res: one(with(roleAssignment(), "scope", "/providers/Microsoft.Management/managementGroups/games")), want: []string{"management-group scope"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "root", res: one(with(roleAssignment(), "scope", "/")), want: []string{"the tenant root scope"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "not a resource ID", res: one(with(roleAssignment(), "scope", "assets")), want: []string{"a scope that is not a resource ID"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "computed from a resource group at preview", res: one(withDeps(with(roleAssignment(), "scope", Unknown), "scope", "urn:pulumi:prod::game-platform::gameplatform:stacks:Global$azure-native:resources:ResourceGroup::global-rg")), want: []string{"is at resource-group scope"}},
		ruleCase{policy: "role-assignments-resource-scope", name: "unknown and untraced", res: one(withDeps(with(roleAssignment(), "scope", Unknown), "scope")), want: []string{"scope is unknown at preview"}},

		// WAF rules in prod.
		ruleCase{policy: "frontdoor-waf-managed-rules", name: "default and bot rule sets", res: one(waf)},
		ruleCase{policy: "frontdoor-waf-managed-rules", name: "none on Standard in staging", tier: spec.TierStaging, res: one(with(waf, "managedRules", nil))},
		ruleCase{policy: "frontdoor-waf-managed-rules", name: "none in prod", res: one(with(waf, "managedRules", nil)), want: []string{"has no managed rule sets"}},
		ruleCase{policy: "frontdoor-waf-managed-rules", name: "default rule set only logs", res: one(with(waf, "managedRules.managedRuleSets", []any{
			obj(`{"ruleSetType": "Microsoft_DefaultRuleSet", "ruleSetVersion": "2.1", "ruleSetAction": "Log"}`),
			obj(`{"ruleSetType": "Microsoft_BotManagerRuleSet", "ruleSetVersion": "1.0"}`)})), want: []string{`has ruleSetAction "Log"`, "does not run Microsoft_DefaultRuleSet"}},
		ruleCase{policy: "frontdoor-waf-managed-rules", name: "old default rule set, no bot manager", res: one(with(waf, "managedRules.managedRuleSets", []any{
			obj(`{"ruleSetType": "DefaultRuleSet", "ruleSetVersion": "1.0"}`)})), want: []string{"does not run Microsoft_DefaultRuleSet", "does not run Microsoft_BotManagerRuleSet"}},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "blocking rate limit", env: func(e *Env) { e.RateLimitPerMinute = 600 }, res: one(waf)},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "no custom rules", res: one(with(waf, "customRules", nil)), want: []string{"has no custom rules"}},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "rate limit disabled", res: one(with(waf, "customRules.rules", []any{with(Resource{Resource: plan.Resource{Inputs: rateLimitOf(waf)}}, "enabledState", "Disabled").Inputs})), want: []string{`is "Disabled"`}},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "rate limit only logs", res: one(with(waf, "customRules.rules", []any{with(Resource{Resource: plan.Resource{Inputs: rateLimitOf(waf)}}, "action", "Log").Inputs})), want: []string{`has action "Log"`}},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "looser than the environment's limit", env: func(e *Env) { e.RateLimitPerMinute = 600 }, res: one(with(waf, "customRules.rules", []any{with(Resource{Resource: plan.Resource{Inputs: rateLimitOf(waf)}}, "rateLimitThreshold", 1e6).Inputs})), want: []string{"allows 1e+06 requests per minute, more than the environment's cdn.rateLimitPerMinute 600"}},
		ruleCase{policy: "frontdoor-waf-rate-limit", name: "only a match rule", res: one(with(waf, "customRules.rules", []any{with(with(Resource{Resource: plan.Resource{Inputs: rateLimitOf(waf)}}, "ruleType", "MatchRule"), "name", "geo").Inputs})), want: []string{"has no RateLimitRule"}},

		// WAF coverage from the associations, not from dependencies.
		ruleCase{policy: "frontdoor-waf-attached", name: "association dropped while the dependency stays", res: []Resource{patches, api, waf,
			wafAssociations(securityPolicyFor(patches, api), domainsOf([]any{"/*"}, endpointID(patches)))}, want: []string{`"global-cdn-api": no WAF security policy covers this endpoint`}},
		ruleCase{policy: "frontdoor-waf-attached", name: "covered for some paths only", res: []Resource{api, waf,
			wafAssociations(securityPolicyFor(api), domainsOf([]any{"/admin/*"}, endpointID(api)))}, want: []string{"associates it only for paths [/admin/*]"}},
		ruleCase{policy: "frontdoor-waf-attached", name: "a WAF policy that is not the stack's", res: []Resource{api, waf,
			with(securityPolicyFor(api), "parameters.wafPolicy.id", "/subscriptions/x/providers/Microsoft.Network/frontdoorWebApplicationFirewallPolicies/permissive")}, want: []string{`attaches WAF policy "/subscriptions/x/providers/Microsoft.Network/frontdoorWebApplicationFirewallPolicies/permissive", which is not a WAF policy of the stack (wafstarfallprod)`}},
		ruleCase{policy: "frontdoor-waf-attached", name: "IDs unknown at preview, traced to the endpoints", res: []Resource{patches, api, waf,
			withDeps(with(wafAssociations(securityPolicyFor(patches, api), domainsOf([]any{"/*"}, Unknown, Unknown)), "parameters.wafPolicy.id", Unknown), "parameters", patches.URN, api.URN, waf.URN)}},
		ruleCase{policy: "frontdoor-waf-attached", name: "fewer unknown IDs than endpoints", res: []Resource{patches, api, waf,
			withDeps(wafAssociations(securityPolicyFor(patches, api), domainsOf([]any{"/*"}, Unknown)), "parameters", patches.URN, api.URN, waf.URN)}, want: []string{"unknown at preview", "unknown at preview", "so at least 1 of them have no WAF"}},

		// Origins and storage.
		ruleCase{policy: "frontdoor-origin-cert-check", name: "name check on", res: one(real(TypeAFDOrigin, nil))},
		ruleCase{policy: "frontdoor-origin-cert-check", name: "Azure's default", res: one(with(real(TypeAFDOrigin, nil), "enforceCertificateNameCheck", nil))},
		ruleCase{policy: "frontdoor-origin-cert-check", name: "name check off", res: one(with(real(TypeAFDOrigin, nil), "enforceCertificateNameCheck", false)), want: []string{"enforceCertificateNameCheck is false; expected true"}},
		ruleCase{policy: "storage-no-cross-tenant-replication", name: "off", res: one(storageAccount())},
		ruleCase{policy: "storage-no-cross-tenant-replication", name: "on", res: one(with(storageAccount(), "allowCrossTenantReplication", true)), want: []string{"allowCrossTenantReplication is true; expected false"}},
		ruleCase{policy: "storage-no-cross-tenant-replication", name: "left to the account's default", tier: spec.TierDev, res: one(with(storageAccount(), "allowCrossTenantReplication", nil)), want: []string{"allowCrossTenantReplication is not set"}},

		// Diagnostic settings.
		ruleCase{policy: "diagnostic-settings", name: "all logs of the vault, the blob service and the workspace", res: []Resource{kv, kvDiag, st, diagFor(st, "/blobServices/default", logGroup(AllLogs)), ws, diagFor(ws, "", logGroup("audit"), logCategory("Audit"), logCategory("Jobs"), logCategory("SummaryLogs"))}},
		ruleCase{policy: "diagnostic-settings", name: "types without resource logs need none", res: []Resource{roleAssignment(), real(TypeAFDOrigin, nil), real(TypeNatGateway, nil)}},
		ruleCase{policy: "diagnostic-settings", name: "IDs unknown at preview, traced to the vault", res: []Resource{kv, with(kvDiag, "resourceUri", Unknown)}},
		ruleCase{policy: "diagnostic-settings", name: "no setting", res: []Resource{kv, acrRegistry()}, want: []string{`keyvault:Vault "global-keyvault-vault": has no diagnostic setting`, `containerregistry:Registry "global-registry-acr": has no diagnostic setting`}},
		ruleCase{policy: "diagnostic-settings", name: "some categories", res: []Resource{kv, diagFor(kv, "", logCategory("AuditEvent"))}, want: []string{"leave out log category AzurePolicyEvaluationDetails"}},
		ruleCase{policy: "diagnostic-settings", name: "audit group only", res: []Resource{kv, diagFor(kv, "", logGroup("audit"))}, want: []string{"leave out log categories AuditEvent, AzurePolicyEvaluationDetails"}},
		ruleCase{policy: "diagnostic-settings", name: "allLogs switched off", res: []Resource{kv, diagFor(kv, "", map[string]any{"categoryGroup": AllLogs, "enabled": false})}, want: []string{"leave out"}},
		ruleCase{policy: "diagnostic-settings", name: "nowhere to send", res: []Resource{kv, with(kvDiag, "workspaceId", nil)}, want: []string{"send logs nowhere"}},
		ruleCase{policy: "diagnostic-settings", name: "the account instead of its blob service", res: []Resource{st, diagFor(st, "", logGroup(AllLogs))}, want: []string{"has no diagnostic setting; expected one sending every log category of its blobServices/default"}},
		ruleCase{policy: "diagnostic-settings", name: "a URI naming another resource despite the dependency", res: []Resource{kv, with(kvDiag, "resourceUri", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/other")}, want: []string{"has no diagnostic setting"}},
		ruleCase{policy: "diagnostic-settings", name: "URI unknown and untraced", res: []Resource{kv, withDeps(with(kvDiag, "resourceUri", Unknown), "resourceUri")}, want: []string{"no diagnostic setting is known to target it at preview"}},
	)
}

// TestAttributeRegions: with the whole stack at hand, a resource's region is the
// region component it sits under, whatever its location says; a resource whose
// parents are not all given keeps the region it has.
func TestAttributeRegions(t *testing.T) {
	jpe := regionComponent("japaneast")
	global := Resource{Resource: plan.Resource{URN: "urn:pulumi:" + testStack + "::game-platform::gameplatform:stacks:Global::global", Type: "gameplatform:stacks:Global", Name: "global"}}
	stamp := under(atLocation(vnet("japaneast", "10.100.0.0/16"), "westus2"), jpe)
	stamp.Region = "westus2" // as the analyzer sees it: its location
	shared := under(storageAccount(), global)
	shared.Region = "japaneast"
	orphan := atLocation(vnet("koreacentral", "10.102.0.0/16"), "koreacentral")
	rs := []Resource{jpe, global, stamp, shared, orphan}
	AttributeRegions(rs)
	for i, want := range []string{"japaneast", "", "japaneast", "", "koreacentral"} {
		if rs[i].Region != want {
			t.Errorf("%s: region %q, want %q", rs[i].Name, rs[i].Region, want)
		}
	}
}
