package engine

import (
	"testing"

	"github.com/gameplatform/platform/internal/plan"
	"github.com/gameplatform/platform/internal/plantest"
)

// byName returns the plan's resource with a logical name.
func byName(t *testing.T, p *plan.Plan, name string) plan.Resource {
	t.Helper()
	for _, r := range p.Resources {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("%s: no resource %q", p.Stack, name)
	return plan.Resource{}
}

// TestGlobalServicesByTier checks the environment-wide services of the shipped
// environments: prod gets the resilient, locked-down choices, dev the cheap ones.
func TestGlobalServicesByTier(t *testing.T) {
	ps := shippedPlans(t)
	want := map[string]map[string]map[string]any{
		"prod": {
			"global-storage-account": {"sku.name": "Standard_GZRS", "publicNetworkAccess": "Disabled", "allowBlobPublicAccess": false, "minimumTlsVersion": "TLS1_2"},
			"global-cdn-profile":     {"sku.name": "Premium_AzureFrontDoor"},
			"global-cdn-waf":         {"sku.name": "Premium_AzureFrontDoor", "policySettings.mode": "Prevention", "managedRules.managedRuleSets.0.ruleSetType": "Microsoft_DefaultRuleSet", "customRules.rules.0.rateLimitThreshold": float64(600)},
			"global-keyvault-vault":  {"properties.publicNetworkAccess": "Disabled", "properties.enablePurgeProtection": true, "properties.enableRbacAuthorization": true},
			"global-routing-zone":    {"zoneName": "play.starfall.example"},
			"global-routing-tm":      {"trafficRoutingMethod": "Performance"},
		},
		"dev": {
			"global-storage-account": {"sku.name": "Standard_LRS", "allowBlobPublicAccess": false, "minimumTlsVersion": "TLS1_2"},
			"global-cdn-profile":     {"sku.name": "Standard_AzureFrontDoor"},
			"global-cdn-waf":         {"sku.name": "Standard_AzureFrontDoor", "policySettings.mode": "Detection", "customRules.rules.0.rateLimitThreshold": float64(1000)},
			"global-keyvault-vault":  {"properties.sku.name": "standard", "properties.enablePurgeProtection": true},
			"global-routing-zone":    {"zoneName": "dev.play.starfall.example"},
		},
	}
	for env, resources := range want {
		p := ps[env].Plan
		for name, inputs := range resources {
			res := byName(t, p, name)
			if res.Region != "" {
				t.Errorf("%s: %s is attributed to region %q, want the global part", env, name, res.Region)
			}
			plantest.Expect(t, res, inputs)
		}
		stateful := []string{"global-storage-account", "global-keyvault-vault", "global-routing-zone"}
		for _, name := range stateful {
			res := byName(t, p, name)
			if prod := env == "prod"; res.Protect != prod || res.RetainOnDelete != prod {
				t.Errorf("%s: %s protect=%v retainOnDelete=%v, want %v", env, name, res.Protect, res.RetainOnDelete, prod)
			}
		}
	}
}

// TestEveryRegionBehindFrontDoorAndTrafficManager checks that each region's entry
// point is an API origin and a Traffic Manager endpoint, in every shipped environment.
func TestEveryRegionBehindFrontDoorAndTrafficManager(t *testing.T) {
	for env, r := range shippedPlans(t) {
		p := r.Plan
		tm := byName(t, p, "global-routing-tm")
		for _, region := range r.Spec.RegionNames() {
			ip := byName(t, p, region+"-entry-ip")
			ep := byName(t, p, "global-routing-ep-"+region)
			plantest.Expect(t, ep, map[string]any{
				"endpointLocation": region,
				"endpointType":     "AzureEndpoints",
				"type":             "Microsoft.Network/trafficManagerProfiles/azureEndpoints",
			})
			if !contains(ep.Dependencies, ip.URN) || !contains(ep.Dependencies, tm.URN) {
				t.Errorf("%s: traffic manager endpoint for %s does not target its entry IP in the profile (deps %v)", env, region, ep.Dependencies)
			}
			origin := byName(t, p, "global-cdn-api-"+region)
			if plantest.Input(origin, "originGroupName") != "api" || !contains(origin.Dependencies, ip.URN) {
				t.Errorf("%s: API origin for %s = %v (deps %v)", env, region, origin.Inputs, origin.Dependencies)
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, e := range xs {
		if e == x {
			return true
		}
	}
	return false
}
