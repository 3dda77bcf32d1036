package engine

import (
	"slices"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// meaningBreaks are single-property breaks that keep every literal the older rules
// looked for but change what the resource means: where it is, what a grant allows,
// what a WAF blocks or covers, what is logged, how much of the Internet reaches the
// API server. Each must be caught by the policy that judges that meaning.
var meaningBreaks = []planBreak{
	{name: "VNet in another region of the environment", catch: "location-matches-region", match: ofType(rules.TypeVirtualNetwork), apply: func(t *testing.T, p *plan.Plan, r *plan.Resource) {
		for _, o := range p.Resources {
			if catalog.BaseType(o.Type) == rules.TypeVirtualNetwork && o.Region != r.Region {
				r.Inputs["location"] = o.Region
				return
			}
		}
		t.Fatal("prod has a single region")
	}},
	{name: "storage in an allowed region the environment does not use", catch: "location-matches-region", match: ofType(rules.TypeStorageAccount), apply: set("location", "uksouth")},
	{name: "node pool on spot VMs", catch: "aks-no-spot-in-prod", match: isPoolOwner, apply: setPool("scaleSetPriority", "Spot", false)},
	{name: "workload identity granted Owner", catch: "role-assignments-no-privileged-roles", match: ofType(rules.TypeRoleAssignment),
		apply: set("roleDefinitionId", "/subscriptions/"+plan.FakeSubscription+"/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635")},
	{name: "workload identity granted User Access Administrator", catch: "role-assignments-no-privileged-roles", match: ofType(rules.TypeRoleAssignment),
		apply: set("roleDefinitionId", "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9")},
	{name: "role assignment at resource-group scope", catch: "role-assignments-resource-scope", match: ofType(rules.TypeRoleAssignment),
		apply: set("scope", "/subscriptions/"+plan.FakeSubscription+"/resourceGroups/rg-starfall-prod-global")},
	{name: "role assignment at subscription scope", catch: "role-assignments-resource-scope", match: ofType(rules.TypeRoleAssignment),
		apply: set("scope", "/subscriptions/"+plan.FakeSubscription)},
	{name: "WAF without managed rule sets", catch: "frontdoor-waf-managed-rules", match: ofType(rules.TypeFrontDoorWAF), apply: set("managedRules", nil)},
	{name: "WAF default rule set only logs", catch: "frontdoor-waf-managed-rules", match: ofType(rules.TypeFrontDoorWAF), apply: func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		sets, _ := r.Inputs["managedRules"].(map[string]any)["managedRuleSets"].([]any)
		for _, s := range sets {
			if m := s.(map[string]any); m["ruleSetType"] == rules.DefaultRuleSetType {
				m["ruleSetAction"] = "Log"
				return
			}
		}
		t.Fatal("the prod WAF runs no default rule set")
	}},
	{name: "WAF rate limit removed", catch: "frontdoor-waf-rate-limit", match: ofType(rules.TypeFrontDoorWAF), apply: set("customRules", nil)},
	{name: "WAF rate limit far looser than configured", catch: "frontdoor-waf-rate-limit", match: ofType(rules.TypeFrontDoorWAF), apply: func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		list, _ := r.Inputs["customRules"].(map[string]any)["rules"].([]any)
		for _, x := range list {
			if m := x.(map[string]any); m["ruleType"] == "RateLimitRule" {
				m["rateLimitThreshold"] = 1e6
				return
			}
		}
		t.Fatal("the prod WAF has no rate-limit rule")
	}},
	{name: "security policy drops an endpoint but keeps depending on it", catch: "frontdoor-waf-attached", match: ofType(rules.TypeSecurityPolicy), apply: func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		assoc, _ := r.Inputs["parameters"].(map[string]any)["associations"].([]any)
		first := assoc[0].(map[string]any)
		domains, _ := first["domains"].([]any)
		if len(domains) < 2 {
			t.Fatal("the prod security policy covers fewer than two endpoints")
		}
		first["domains"] = domains[:1]
	}},
	{name: "security policy covers one path only", catch: "frontdoor-waf-attached", match: ofType(rules.TypeSecurityPolicy), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) {
		assoc, _ := r.Inputs["parameters"].(map[string]any)["associations"].([]any)
		assoc[0].(map[string]any)["patternsToMatch"] = []any{"/login"}
	}},
	{name: "Front Door origin without certificate name check", catch: "frontdoor-origin-cert-check", match: ofType(rules.TypeAFDOrigin), apply: set("enforceCertificateNameCheck", false)},
	{name: "storage cross-tenant replication on", catch: "storage-no-cross-tenant-replication", match: ofType(rules.TypeStorageAccount), apply: set("allowCrossTenantReplication", true)},
	{name: "registry on Standard in prod", catch: "registry-sku", match: ofType(rules.TypeRegistry), apply: set("sku.name", "Standard")},
	{name: "key vault diagnostic setting removed", catch: "diagnostic-settings", elsewhere: true, match: diagnosticsOf(rules.TypeKeyVault), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "VNet diagnostic setting removed", catch: "diagnostic-settings", elsewhere: true, match: diagnosticsOf(rules.TypeVirtualNetwork), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "AKS logs cut to the audit group", catch: "diagnostic-settings", elsewhere: true, match: diagnosticsOf(rules.TypeManagedCluster), apply: set("logs", []any{map[string]any{"categoryGroup": "audit", "enabled": true}})},
	{name: "blob logs switched off", catch: "diagnostic-settings", elsewhere: true, match: diagnosticsOf(rules.TypeStorageAccount), apply: set("logs", []any{map[string]any{"categoryGroup": "allLogs", "enabled": false}})},
	{name: "API server open through two halves of the Internet", catch: "aks-api-server-restricted", match: ofType(rules.TypeManagedCluster), apply: set("apiServerAccessProfile.authorizedIPRanges", []any{"0.0.0.0/1", "128.0.0.0/1"})},
	{name: "NSG allows SSH from two halves of the Internet", catch: "nsg-no-ssh-rdp-from-internet", match: ofType(rules.TypeNSG), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) {
		list, _ := r.Inputs["securityRules"].([]any)
		r.Inputs["securityRules"] = append(list, map[string]any{
			"name": "allow-ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 200.0,
			"sourceAddressPrefixes": []any{"0.0.0.0/1", "128.0.0.0/1"}, "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22",
		})
	}},
	{name: "key vault public endpoint enabled behind a deny default", catch: "keyvault-public-access", match: ofType(rules.TypeKeyVault), apply: set("properties.publicNetworkAccess", "Enabled")},
	{name: "storage tagged as another environment", catch: "required-tags", match: ofType(rules.TypeStorageAccount), apply: set("tags.environment", "dev")},
	{name: "cluster tagged with a lower tier", catch: "required-tags", match: ofType(rules.TypeManagedCluster), apply: set("tags.tier", "dev")},
	{name: "API server open to a /8", catch: "aks-api-server-restricted", match: ofType(rules.TypeManagedCluster), apply: set("apiServerAccessProfile.authorizedIPRanges", []any{"198.51.100.0/24", "20.0.0.0/8"})},
	// The game workloads components/gameservers registers in every region.
	{name: "game server runs privileged", catch: "gameserver-pod-security", match: ofType(rules.TypeFleet), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) {
		c := r.Inputs["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0]
		c.(map[string]any)["securityContext"].(map[string]any)["privileged"] = true
	}},
	{name: "game server without limits", catch: "gameserver-pod-security", match: ofType(rules.TypeFleet), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) {
		c := r.Inputs["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0]
		delete(c.(map[string]any)["resources"].(map[string]any), "limits")
	}},
	{name: "Agones host ports one past the NSG's range", catch: "fleet-ports-in-game-range", match: ofType(rules.TypeHelmRelease), apply: set("values.gameservers.maxPort", 8000.0)},
	{name: "Agones chart on a version range", catch: "agones-chart-pinned", match: ofType(rules.TypeHelmRelease), apply: set("version", "~1.57")},
	{name: "fleet without standby in prod", catch: "fleet-standby", match: ofType(rules.TypeFleetAutoscaler), apply: set("spec.policy.buffer.bufferSize", 0.0)},
	{name: "fleet autoscaler beyond its pools", catch: "fleet-autoscaler-within-pools", match: ofType(rules.TypeFleetAutoscaler), apply: set("spec.policy.buffer.maxReplicas", 1e6)},
}

// diagnosticsOf matches the diagnostic setting whose resourceUri was computed from a
// resource of type t.
func diagnosticsOf(t string) func(*plan.Resource) bool {
	return func(r *plan.Resource) bool {
		if catalog.BaseType(r.Type) != rules.TypeDiagnosticSetting {
			return false
		}
		for _, urn := range r.PropertyDependencies["resourceUri"] {
			qualified := urn[:strings.LastIndex(urn, "::")]
			if catalog.BaseType(qualified[strings.LastIndex(qualified, "$")+1:]) == t {
				return true
			}
		}
		return false
	}
}

// TestEveryLogSourceHasItsDiagnostics: in every shipped environment, each resource
// whose type emits resource logs has a diagnostic setting (the components add them,
// the diagnostic-settings policy holds them to it).
func TestEveryLogSourceHasItsDiagnostics(t *testing.T) {
	for _, env := range shipped {
		p := shippedPlans(t)[env].Plan
		targets := map[string]bool{}
		for _, r := range p.Resources {
			if catalog.BaseType(r.Type) == rules.TypeDiagnosticSetting {
				for _, urn := range r.PropertyDependencies["resourceUri"] {
					targets[urn] = true
				}
			}
		}
		for _, r := range p.Resources {
			if slices.Contains(rules.LogSourceTypes(), catalog.BaseType(r.Type)) && !targets[r.URN] {
				t.Errorf("%s: %s %s has no diagnostic setting", env, r.Type, r.Name)
			}
		}
	}
}
