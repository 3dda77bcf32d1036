package cdn

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestCacheDuration(t *testing.T) {
	for secs, want := range map[int]string{
		59: "00:00:59", 3600: "01:00:00", 86399: "23:59:59", 86400: "1.00:00:00", 604800: "7.00:00:00", 90061: "1.01:01:01",
	} {
		if got := CacheDuration(secs); got != want {
			t.Errorf("CacheDuration(%d) = %q, want %q", secs, got, want)
		}
	}
}

func TestSettingsFor(t *testing.T) {
	want := map[spec.Tier]Settings{
		spec.TierDev:     {SKU: SKUStandard, WAFMode: "Detection", ProbeIntervalSeconds: 100},
		spec.TierStaging: {SKU: SKUStandard, WAFMode: "Prevention", ProbeIntervalSeconds: 100},
		spec.TierProd: {SKU: SKUPremium, WAFMode: "Prevention", ProbeIntervalSeconds: 30,
			ManagedRuleSets: []ManagedRuleSet{
				{Type: "Microsoft_DefaultRuleSet", Version: "2.1", Action: "Block"},
				{Type: "Microsoft_BotManagerRuleSet", Version: "1.0"},
			}},
	}
	for tier, w := range want {
		if diff := cmp.Diff(w, SettingsFor(tier)); diff != "" {
			t.Errorf("SettingsFor(%s) (-want +got):\n%s", tier, diff)
		}
	}
}

var regions = []string{"japaneast", "westeurope", "eastus2"}

func args(tier spec.Tier) *Args {
	a := &Args{
		Interface: shared.Interface{
			Tags:        map[string]string{"environment": "test"},
			Tier:        tier,
			WorkspaceID: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
		},
		ResourceGroupName:   pulumi.String("rg"),
		ProfileName:         "afd-test",
		PatchesEndpointName: "fde-patches-test",
		APIEndpointName:     "fde-api-test",
		WAFPolicyName:       "waftest",
		StorageHost:         pulumi.String("sttest.blob.core.windows.net"),
		StoragePaths:        []string{"/patches/*", "/assets/*"},
		IdentityID:          pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fd"),
		PatchCacheSeconds:   604800,
		RateLimitPerMinute:  600,
	}
	for _, r := range regions {
		a.APIOrigins = append(a.APIOrigins, Origin{Name: r, HostName: pulumi.String("starfall-test-" + r + ".cloudapp.azure.com")})
	}
	return a
}

func run(t *testing.T, a *Args) plantest.Result {
	t.Helper()
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewFrontDoor(ctx, "fd", a)
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	return r
}

func TestProdFrontDoor(t *testing.T) {
	r := run(t, args(spec.TierProd))
	plantest.Expect(t, r.Get(t, "fd-profile"), map[string]any{
		"sku.name":                          SKUPremium,
		"location":                          "Global",
		"identity.type":                     "UserAssigned",
		"identity.userAssignedIdentities.0": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fd",
	})
	plantest.Expect(t, r.Get(t, "fd-profile-diag"), map[string]any{"logs.0.categoryGroup": "allLogs", "metrics.0.category": "AllMetrics"})

	waf := r.Get(t, "fd-waf")
	if waf.Type != "azure-native:network:Policy" {
		t.Errorf("WAF policy type = %s, want the Front Door WAF (network:Policy)", waf.Type)
	}
	plantest.Expect(t, waf, map[string]any{
		"sku.name":                                       SKUPremium,
		"policySettings.mode":                            "Prevention",
		"policySettings.enabledState":                    "Enabled",
		"managedRules.managedRuleSets.0.ruleSetType":     "Microsoft_DefaultRuleSet",
		"managedRules.managedRuleSets.0.ruleSetAction":   "Block",
		"managedRules.managedRuleSets.1.ruleSetType":     "Microsoft_BotManagerRuleSet",
		"customRules.rules.0.name":                       RateLimitRuleName,
		"customRules.rules.0.ruleType":                   "RateLimitRule",
		"customRules.rules.0.rateLimitThreshold":         float64(600),
		"customRules.rules.0.rateLimitDurationInMinutes": float64(1),
		"customRules.rules.0.action":                     "Block",
	})

	// Patches: the storage account's public endpoint, read with Front Door's
	// identity (origin authentication on the group), cached and compressed, HTTPS
	// only; no Private Link connection to approve.
	so := r.Get(t, "fd-patches-storage")
	plantest.Expect(t, so, map[string]any{
		"hostName":                    "sttest.blob.core.windows.net",
		"originHostHeader":            "sttest.blob.core.windows.net",
		"originGroupName":             "patches",
		"enforceCertificateNameCheck": true,
	})
	if _, ok := so.Inputs["sharedPrivateLinkResource"]; ok {
		t.Error("the storage origin uses Private Link, which origin authentication does not support")
	}
	og := r.Get(t, "fd-patches-og")
	plantest.Expect(t, og, map[string]any{
		"resourceProviderNamespace":       "Microsoft.Cdn",
		"parentResourcePath":              "profiles/afd-test",
		"resourceType":                    "originGroups",
		"resourceName":                    "patches",
		"apiVersion":                      "2025-06-01",
		"properties.authentication.type":  "UserAssignedIdentity",
		"properties.authentication.scope": "https://storage.azure.com/.default",
		"properties.authentication.userAssignedIdentity.id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-fd",
		"properties.sessionAffinityState":                   "Disabled",
		"properties.loadBalancingSettings.sampleSize":       float64(4),
	})
	if _, ok := og.Inputs["properties"].(map[string]any)["healthProbeSettings"]; ok {
		t.Error("the single-origin patches group must not probe")
	}
	if !contains(so.Dependencies, og.URN) {
		t.Errorf("the storage origin does not wait for its origin group: %v", so.Dependencies)
	}
	pr := r.Get(t, "fd-patches-route")
	plantest.Expect(t, pr, map[string]any{
		"httpsRedirect":      "Enabled",
		"forwardingProtocol": "HttpsOnly",
		"endpointName":       "fde-patches-test",
		"patternsToMatch.0":  "/patches/*",
		"patternsToMatch.1":  "/assets/*",
		"cacheConfiguration.compressionSettings.isCompressionEnabled": true,
		"cacheConfiguration.queryStringCachingBehavior":               "IgnoreQueryString",
	})
	if got := plantest.Input(pr, "supportedProtocols"); !cmp.Equal(got, []any{"Http", "Https"}) {
		t.Errorf("supportedProtocols = %v", got)
	}
	plantest.Expect(t, r.Get(t, "fd-cache-default"), map[string]any{
		"actions.0.parameters.cacheConfiguration.cacheDuration": "7.00:00:00",
		"actions.0.parameters.cacheConfiguration.cacheBehavior": "OverrideIfOriginMissing",
	})
	dependsOn(t, r, "fd-patches-route", "fd-patches-storage")

	// API: every region, probed, latency-based.
	plantest.Expect(t, r.Get(t, "fd-api-og"), map[string]any{
		"healthProbeSettings.probePath":                         DefaultHealthProbePath,
		"healthProbeSettings.probeProtocol":                     "Https",
		"healthProbeSettings.probeIntervalInSeconds":            float64(30),
		"loadBalancingSettings.additionalLatencyInMilliseconds": float64(50),
		"loadBalancingSettings.sampleSize":                      float64(4),
	})
	origins := 0
	for _, o := range r.OfType("azure-native:cdn:AFDOrigin") {
		if plantest.Input(o, "originGroupName") == "api" {
			origins++
			plantest.Expect(t, o, map[string]any{"priority": float64(1), "weight": float64(1000)})
		}
	}
	if origins != len(regions) {
		t.Errorf("%d API origins, want one per region (%d)", origins, len(regions))
	}
	plantest.Expect(t, r.Get(t, "fd-api-eastus2"), map[string]any{"hostName": "starfall-test-eastus2.cloudapp.azure.com", "originName": "eastus2"})
	plantest.Expect(t, r.Get(t, "fd-api-route"), map[string]any{"forwardingProtocol": "HttpsOnly", "httpsRedirect": "Enabled"})
	if _, ok := r.Get(t, "fd-api-route").Inputs["cacheConfiguration"]; ok {
		t.Error("API responses must not be cached")
	}
	for _, reg := range regions {
		dependsOn(t, r, "fd-api-route", "fd-api-"+reg)
	}

	// The WAF covers both endpoints.
	sp := r.Get(t, "fd-waf-binding")
	plantest.Expect(t, sp, map[string]any{
		"parameters.type": "WebApplicationFirewall",
		"parameters.associations.0.patternsToMatch.0": "/*",
	})
	doms := plantest.Input(sp, "parameters.associations.0.domains").([]any)
	var ids []string
	for _, d := range doms {
		ids = append(ids, d.(map[string]any)["id"].(string))
	}
	if len(ids) != 2 || !strings.HasSuffix(ids[0], "/fde-patches-test") || !strings.HasSuffix(ids[1], "/fde-api-test") {
		t.Errorf("security policy domains = %v, want both endpoints", ids)
	}
	if !strings.HasSuffix(plantest.Input(sp, "parameters.wafPolicy.id").(string), "/waftest") {
		t.Errorf("security policy WAF = %v", plantest.Input(sp, "parameters.wafPolicy.id"))
	}
}

func dependsOn(t *testing.T, r plantest.Result, from, to string) {
	t.Helper()
	target := r.Get(t, to).URN
	for _, d := range r.Get(t, from).Dependencies {
		if d == target {
			return
		}
	}
	t.Errorf("%s does not depend on %s", from, to)
}

func TestDevFrontDoorIsStandardDetection(t *testing.T) {
	a := args(spec.TierDev)
	a.PatchCacheSeconds = 0
	a.RateLimitPerMinute = 0
	r := run(t, a)
	plantest.Expect(t, r.Get(t, "fd-profile"), map[string]any{"sku.name": SKUStandard})
	waf := r.Get(t, "fd-waf")
	plantest.Expect(t, waf, map[string]any{
		"sku.name":                               SKUStandard,
		"policySettings.mode":                    "Detection",
		"customRules.rules.0.rateLimitThreshold": float64(DefaultRateLimitPerMinute),
	})
	if _, ok := waf.Inputs["managedRules"]; ok {
		t.Error("a Standard WAF policy cannot carry managed rule sets")
	}
	if _, ok := r.Get(t, "fd-patches-storage").Inputs["sharedPrivateLinkResource"]; ok {
		t.Error("Standard Front Door has no Private Link origins")
	}
	if r.Has("fd-cache") {
		t.Error("PatchCacheSeconds 0 must not create a cache rule set")
	}
}

func TestFrontDoorValidation(t *testing.T) {
	if _, err := NewFrontDoor(nil, "fd", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	a := args(spec.TierProd)
	a.APIEndpointName = a.PatchesEndpointName
	a.WAFPolicyName = "waf-bad"
	a.IdentityID = nil
	a.APIOrigins = append(a.APIOrigins, Origin{Name: "eastus2"})
	a.StoragePaths = []string{"patches"}
	a.RateLimitPerMinute = 5
	a.PatchesHostName = "Patches.Example"
	a.APIHostName = "Patches.Example"
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewFrontDoor(ctx, "fd", a)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{"APIEndpointName: must differ", "WAFPolicyName", "IdentityID is required (Front Door reads storage with it)", `APIOrigins[3].Name: "eastus2" is used twice`, "APIOrigins[3].HostName is required", `StoragePaths[0]: "patches"`, "RateLimitPerMinute: 5",
		`PatchesHostName: "Patches.Example" is not a DNS host name`, `APIHostName: must differ from PatchesHostName`} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered despite invalid args", len(r.Resources))
	}
}

// TestCustomDomains checks each endpoint's custom domain: a managed certificate with
// TLS 1.2 at least, attached to its route, covered by the WAF binding, and its
// validation token exposed for the _dnsauth TXT record; without host names there is
// no custom domain.
func TestCustomDomains(t *testing.T) {
	a := args(spec.TierProd)
	a.PatchesHostName, a.APIHostName = "patches.play.test.example", "api.play.test.example"
	r := run(t, a)
	waf := r.Get(t, "fd-waf-binding")
	for role, host := range map[string]string{RolePatches: a.PatchesHostName, RoleAPI: a.APIHostName} {
		cd := r.Get(t, "fd-domain-"+role)
		plantest.Expect(t, cd, map[string]any{
			"customDomainName":              role,
			"hostName":                      host,
			"tlsSettings.certificateType":   "ManagedCertificate",
			"tlsSettings.minimumTlsVersion": "TLS12",
		})
		route := r.Get(t, "fd-"+role+"-route")
		if !slices.Contains(route.PropertyDependencies["customDomains"], cd.URN) {
			t.Errorf("route %s is not attached to %s (customDomains deps %v)", route.Name, cd.Name, route.PropertyDependencies["customDomains"])
		}
		if !slices.Contains(waf.Dependencies, cd.URN) {
			t.Errorf("the WAF binding does not cover %s", cd.Name)
		}
		// The domain waits for its profile only, so validation stays off every
		// other resource's path.
		profile := r.Get(t, "fd-profile")
		for _, d := range cd.Dependencies {
			if d != profile.URN {
				t.Errorf("%s waits on %s; it needs only the profile", cd.Name, d)
			}
		}
	}
	if ValidationRecord("api") != "_dnsauth.api" {
		t.Errorf("ValidationRecord(api) = %q", ValidationRecord("api"))
	}
	none := run(t, args(spec.TierProd))
	if n := len(none.OfType("azure-native:cdn:AFDCustomDomain")); n != 0 {
		t.Errorf("%d custom domains without host names", n)
	}
	if _, ok := none.Get(t, "fd-api-route").Inputs["customDomains"]; ok {
		t.Error("a route without a custom domain lists customDomains")
	}
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
