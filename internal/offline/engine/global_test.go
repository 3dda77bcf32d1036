package engine

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
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
			// The public endpoint stays for Front Door's identity; Entra ID only.
			"global-storage-account": {"sku.name": "Standard_GZRS", "publicNetworkAccess": "Enabled", "allowBlobPublicAccess": false, "allowSharedKeyAccess": false, "minimumTlsVersion": "TLS1_2"},
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

// TestPrivateEndpointsWhereTheTierRequires checks that in prod (storage and key vault
// public network access off, Premium registry) every region has its own private
// endpoints to storage, the vault and the registry, in its own private-endpoint
// subnet and resource group, registered in its own privatelink zones, which are
// linked to that region's VNet only; dev and staging have none.
func TestPrivateEndpointsWhereTheTierRequires(t *testing.T) {
	ps := shippedPlans(t)
	prod := ps["prod"]
	idx := prod.Plan.Index()
	for _, region := range prod.Spec.RegionNames() {
		short := spec.Regions[region].Short
		vnet := ""
		for _, r := range prod.Plan.Resources {
			if r.Type == "azure-native:network:VirtualNetwork" && r.Region == region {
				vnet = r.URN
			}
		}
		for _, pe := range []struct{ svc, group, zone, role string }{
			{"blob", "blob", "privatelink.blob.core.windows.net", "blob"},
			{"vault", "vault", "privatelink.vaultcore.azure.net", "vaultcore"},
			{"registry", "registry", "privatelink.azurecr.io", "azurecr"},
		} {
			res := byName(t, prod.Plan, region+"-privatelink-"+pe.svc+"-pe")
			if res.Region != region {
				t.Errorf("prod: %s is attributed to %q, want %s", res.Name, res.Region, region)
			}
			plantest.Expect(t, res, map[string]any{"location": region, "privateLinkServiceConnections.0.groupIds.0": pe.group})
			if sub, _ := plantest.Input(res, "subnet.id").(string); !strings.Contains(sub, "/subnets/") || !strings.Contains(sub, "-"+short+"/") {
				t.Errorf("prod: %s subnet = %q, want %s's private-endpoint subnet", res.Name, sub, region)
			}
			if rg, _ := plantest.Input(res, "resourceGroupName").(string); !strings.HasSuffix(rg, "-"+short) {
				t.Errorf("prod: %s in resource group %q, want %s's", res.Name, rg, region)
			}
			zone := byName(t, prod.Plan, region+"-privatelink-dns-"+pe.role)
			plantest.Expect(t, zone, map[string]any{"privateZoneName": pe.zone})
			if !contains(byName(t, prod.Plan, res.Name+"-dns").Dependencies, zone.URN) {
				t.Errorf("prod: %s is not registered in %s's %s", res.Name, region, pe.zone)
			}
			link := byName(t, prod.Plan, zone.Name+"-link")
			if vnet == "" || !contains(link.Dependencies, vnet) {
				t.Errorf("prod: %s is not linked to %s's VNet (deps %v)", zone.Name, region, link.Dependencies)
			}
			for _, d := range link.Dependencies {
				if dep := idx[d]; dep.Type == "azure-native:network:VirtualNetwork" && dep.Region != region {
					t.Errorf("prod: %s is linked to %s's VNet", zone.Name, dep.Region)
				}
			}
		}
	}
	for _, env := range []string{"dev", "staging"} {
		for _, r := range ps[env].Plan.Resources {
			if r.Type == "azure-native:network:PrivateEndpoint" || r.Type == "azure-native:network:PrivateZone" {
				t.Errorf("%s: unexpected %s %s", env, r.Type, r.Name)
			}
		}
	}
}

// TestWorkloadIdentitiesPerRegion checks the in-cluster workloads have one identity
// per region, federated with that region's cluster only, with the same grants.
func TestWorkloadIdentitiesPerRegion(t *testing.T) {
	for env, r := range shippedPlans(t) {
		n := 0
		for _, res := range r.Plan.Resources {
			if res.Type == "azure-native:managedidentity:FederatedIdentityCredential" && strings.HasPrefix(res.Name, "global-id-") {
				n++
			}
		}
		if want := 2 * len(r.Spec.Regions); n != want {
			t.Errorf("%s: %d federated credentials, want %d (game server and API, per region)", env, n, want)
		}
		for _, region := range r.Spec.RegionNames() {
			for _, w := range []string{"gameserver", "gameapi"} {
				key := "global-id-" + w + "-" + region
				plantest.Expect(t, byName(t, r.Plan, key+"-id"), map[string]any{"location": region})
				fed := byName(t, r.Plan, key+"-fed-"+region)
				plantest.Expect(t, fed, map[string]any{"subject": "system:serviceaccount:game:" + w})
				if iss, _ := plantest.Input(fed, "issuer").(string); !strings.Contains(iss, region) {
					t.Errorf("%s: %s federation has issuer %q, want %s's cluster", env, key, iss, region)
				}
				plantest.Expect(t, byName(t, r.Plan, key+"-secrets-read"), map[string]any{
					"roleDefinitionId": "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
				})
			}
			if byNameOK(r.Plan, "global-id-gameapi-"+region+"-builds-read") {
				t.Errorf("%s: the game API must not read builds", env)
			}
		}
	}
}

func byNameOK(p *plan.Plan, name string) bool {
	for _, r := range p.Resources {
		if r.Name == name {
			return true
		}
	}
	return false
}

// TestCustomDomainsWithoutManualSteps checks every shipped environment serves
// api.<domain> and patches.<domain> as Front Door custom domains with managed
// certificates and TLS 1.2, attached to their routes, validated through _dnsauth TXT
// records in the game's zone that carry the domains' tokens, and kept off the deploy
// critical path.
func TestCustomDomainsWithoutManualSteps(t *testing.T) {
	d, err := deploytime.DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	for env, r := range shippedPlans(t) {
		// The dependency critical path (unbounded parallelism): at a bounded
		// parallelism any operation may queue for a slot on the path.
		g, err := deploytime.Build(r.Plan, d)
		if err != nil {
			t.Fatal(err)
		}
		critical := map[string]bool{}
		for _, i := range g.Schedule(0).Path {
			critical[g.Nodes[i].URN] = true
		}
		for _, label := range []string{"api", "patches"} {
			cd := byName(t, r.Plan, "global-cdn-domain-"+label)
			plantest.Expect(t, cd, map[string]any{
				"hostName":                      label + "." + r.Spec.Domain,
				"tlsSettings.certificateType":   "ManagedCertificate",
				"tlsSettings.minimumTlsVersion": "TLS12",
			})
			route := byName(t, r.Plan, "global-cdn-"+label+"-route")
			if !contains(route.PropertyDependencies["customDomains"], cd.URN) {
				t.Errorf("%s: route %s is not attached to %s", env, route.Name, cd.Name)
			}
			txt := byName(t, r.Plan, "global-routing-txt-dnsauth."+label)
			plantest.Expect(t, txt, map[string]any{"relativeRecordSetName": "_dnsauth." + label, "recordType": "TXT"})
			if !contains(txt.PropertyDependencies["txtRecords"], cd.URN) {
				t.Errorf("%s: %s does not carry %s's validation token", env, txt.Name, cd.Name)
			}
			if tok, _ := plantest.Input(txt, "txtRecords.0.value.0").(string); tok == "" {
				t.Errorf("%s: %s has no token", env, txt.Name)
			}
			if critical[cd.URN] || critical[txt.URN] {
				t.Errorf("%s: custom-domain validation is on the deploy critical path", env)
			}
		}
	}
}

// TestFrontDoorReadsStorageWithItsIdentity: no manual step between pulumi up and a
// patch download. In every environment the patches origin group authenticates to
// storage with the frontdoor identity — the one granted Storage Blob Data Reader on
// patches and assets — and a storage-scoped token; the origin is the account's
// public endpoint (no Private Link connection to approve), which allows no anonymous
// access.
func TestFrontDoorReadsStorageWithItsIdentity(t *testing.T) {
	for env, r := range shippedPlans(t) {
		p := r.Plan
		og := byName(t, p, "global-cdn-patches-og")
		id := byName(t, p, "global-id-frontdoor-id")
		plantest.Expect(t, og, map[string]any{
			"resourceProviderNamespace":       "Microsoft.Cdn",
			"resourceType":                    "originGroups",
			"apiVersion":                      "2025-06-01",
			"properties.authentication.type":  "UserAssignedIdentity",
			"properties.authentication.scope": "https://storage.azure.com/.default",
		})
		if got := plantest.Input(og, "properties.authentication.userAssignedIdentity.id"); got == nil || !contains(og.PropertyDependencies["properties"], id.URN) {
			t.Errorf("%s: patches origin group authenticates as %v (deps %v), want the frontdoor identity %s", env, got, og.PropertyDependencies["properties"], id.URN)
		}
		for _, grant := range []string{"global-id-frontdoor-patches-read", "global-id-frontdoor-assets-read"} {
			if ra := byName(t, p, grant); !contains(ra.PropertyDependencies["principalId"], id.URN) {
				t.Errorf("%s: %s is not the frontdoor identity's", env, grant)
			}
		}
		origin := byName(t, p, "global-cdn-patches-storage")
		if _, ok := origin.Inputs["sharedPrivateLinkResource"]; ok {
			t.Errorf("%s: the storage origin uses Private Link (an approval step, and no origin authentication)", env)
		}
		if !contains(origin.Dependencies, og.URN) || plantest.Input(origin, "originGroupName") != "patches" {
			t.Errorf("%s: the storage origin is not in the patches group: %v", env, origin.Inputs["originGroupName"])
		}
		plantest.Expect(t, byName(t, p, "global-storage-account"), map[string]any{"allowBlobPublicAccess": false})
	}
}
