package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// TestShippedEnvironmentsPassMandatoryPolicies: dev, staging and prod, as shipped,
// trip no mandatory policy; their plans carry the results the pack reported.
func TestShippedEnvironmentsPassMandatoryPolicies(t *testing.T) {
	for _, env := range shipped {
		r := shippedPlans(t)[env]
		for _, pr := range r.Plan.PolicyResults {
			if pr.Pack != rules.PackName {
				t.Errorf("%s: result from pack %q", env, pr.Pack)
			}
			if pr.EnforcementLevel == string(rules.Mandatory) {
				t.Errorf("%s: mandatory violation [%s] %s: %s", env, pr.Policy, pr.URN, pr.Message)
			}
		}
	}
}

// clonePlan deep-copies a plan through its JSON form (the contract).
func clonePlan(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var c plan.Plan
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// planBreak breaks one guarded property of the first resource it matches.
type planBreak struct {
	name  string
	catch string // the policy that must report it (mandatory)
	match func(r *plan.Resource) bool
	apply func(t *testing.T, p *plan.Plan, r *plan.Resource)
	// spec, when set, changes the environment instead (e.g. its budget).
	spec func(s *spec.Spec)
	// elsewhere: the policy reports the resource the break leaves unguarded, not
	// the broken one (e.g. the resource whose diagnostic setting was removed).
	elsewhere bool
}

func ofType(typ string) func(*plan.Resource) bool {
	return func(r *plan.Resource) bool { return catalog.BaseType(r.Type) == typ }
}

func set(path string, v any) func(*testing.T, *plan.Plan, *plan.Resource) {
	return func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		keys := strings.Split(path, ".")
		cur := r.Inputs
		for _, k := range keys[:len(keys)-1] {
			next, ok := cur[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				cur[k] = next
			}
			cur = next
		}
		if v == nil {
			delete(cur, keys[len(keys)-1])
		} else {
			cur[keys[len(keys)-1]] = v
		}
	}
}

// pools returns the node pool input maps of a cluster or agent pool resource.
func poolsOf(r *plan.Resource) []map[string]any {
	if catalog.BaseType(r.Type) == rules.TypeAgentPool {
		return []map[string]any{r.Inputs}
	}
	var out []map[string]any
	list, _ := r.Inputs["agentPoolProfiles"].([]any)
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func isPoolOwner(r *plan.Resource) bool {
	t := catalog.BaseType(r.Type)
	return (t == rules.TypeManagedCluster || t == rules.TypeAgentPool) && len(poolsOf(r)) > 0
}

func isSystemPoolOwner(r *plan.Resource) bool {
	for _, m := range poolsOf(r) {
		if m["mode"] == "System" {
			return true
		}
	}
	return false
}

func setPool(key string, v any, systemOnly bool) func(*testing.T, *plan.Plan, *plan.Resource) {
	return func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		for _, m := range poolsOf(r) {
			if systemOnly && m["mode"] != "System" {
				continue
			}
			m[key] = v
			if key == "count" {
				m["enableAutoScaling"] = false
			}
			return
		}
	}
}

func removeResource(p *plan.Plan, urn string) {
	out := p.Resources[:0]
	for _, r := range p.Resources {
		if r.URN != urn {
			out = append(out, r)
		}
	}
	p.Resources = out
}

// prodBreaks are the guarded properties the pack must catch in the real prod plan.
var prodBreaks = []planBreak{
	{name: "storage TLS 1.0", catch: "storage-min-tls", match: ofType(rules.TypeStorageAccount), apply: set("minimumTlsVersion", "TLS1_0")},
	{name: "storage anonymous blob access", catch: "storage-no-public-blob-access", match: ofType(rules.TypeStorageAccount), apply: set("allowBlobPublicAccess", true)},
	{name: "storage HTTP allowed", catch: "storage-https-only", match: ofType(rules.TypeStorageAccount), apply: set("enableHttpsTrafficOnly", false)},
	{name: "storage shared key on", catch: "storage-shared-key-disabled", match: ofType(rules.TypeStorageAccount), apply: set("allowSharedKeyAccess", true)},
	{name: "storage network rules without a bypass", catch: "storage-network-rules", match: ofType(rules.TypeStorageAccount), apply: set("networkRuleSet.bypass", "None")},
	{name: "storage locally redundant", catch: "storage-redundancy", match: ofType(rules.TypeStorageAccount), apply: set("sku.name", "Standard_LRS")},
	{name: "public container", catch: "storage-no-public-blob-access", match: ofType(rules.TypeBlobContainer), apply: set("publicAccess", "Blob")},
	{name: "blob versioning off", catch: "blob-soft-delete-versioning", match: ofType(rules.TypeBlobService), apply: set("isVersioningEnabled", false)},
	{name: "registry admin user on", catch: "registry-admin-user-disabled", match: ofType(rules.TypeRegistry), apply: set("adminUserEnabled", true)},
	{name: "registry anonymous pull on", catch: "registry-anonymous-pull-disabled", match: ofType(rules.TypeRegistry), apply: set("anonymousPullEnabled", true)},
	{name: "required tag removed", catch: "required-tags", match: ofType(rules.TypeStorageAccount), apply: set("tags.cost-center", nil)},
	{name: "WAF in detection mode", catch: "frontdoor-waf-mode", match: ofType(rules.TypeFrontDoorWAF), apply: set("policySettings.mode", "Detection")},
	{name: "storage unprotected", catch: "protect-stateful", match: ofType(rules.TypeStorageAccount), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) { r.Protect = false }},
	{name: "key vault unprotected", catch: "protect-stateful", match: ofType(rules.TypeKeyVault), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) { r.Protect = false }},
	{name: "registry unprotected", catch: "protect-stateful", match: ofType(rules.TypeRegistry), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) { r.Protect = false }},
	{name: "DNS zone unprotected", catch: "protect-stateful", match: ofType(rules.TypeDNSZone), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) { r.Protect = false }},
	{name: "NSG allows SSH from the Internet", catch: "nsg-no-ssh-rdp-from-internet", match: ofType(rules.TypeNSG), apply: func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		rules, _ := r.Inputs["securityRules"].([]any)
		r.Inputs["securityRules"] = append(rules, map[string]any{
			"name": "allow-ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 200.0,
			"sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22",
		})
	}},
	{name: "NSG opens TCP to the Internet", catch: "nsg-internet-inbound", match: ofType(rules.TypeNSG), apply: func(t *testing.T, _ *plan.Plan, r *plan.Resource) {
		rules, _ := r.Inputs["securityRules"].([]any)
		r.Inputs["securityRules"] = append(rules, map[string]any{
			"name": "allow-web", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 210.0,
			"sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "8080",
		})
	}},
	{name: "AKS local accounts on", catch: "aks-local-accounts-disabled", match: ofType(rules.TypeManagedCluster), apply: set("disableLocalAccounts", false)},
	{name: "AKS without Azure RBAC", catch: "aks-entra-rbac", match: ofType(rules.TypeManagedCluster), apply: set("aadProfile.enableAzureRBAC", false)},
	{name: "AKS without network policy", catch: "aks-network-policy", match: ofType(rules.TypeManagedCluster), apply: set("networkProfile.networkPolicy", "none")},
	{name: "AKS API server open to the world", catch: "aks-api-server-restricted", match: ofType(rules.TypeManagedCluster), apply: func(t *testing.T, p *plan.Plan, r *plan.Resource) {
		set("apiServerAccessProfile.enablePrivateCluster", false)(t, p, r)
		set("apiServerAccessProfile.authorizedIPRanges", []any{"0.0.0.0/0"})(t, p, r)
	}},
	{name: "AKS without workload identity", catch: "aks-workload-identity", match: ofType(rules.TypeManagedCluster), apply: set("securityProfile.workloadIdentity.enabled", false)},
	{name: "AKS free tier", catch: "aks-sla-tier", match: ofType(rules.TypeManagedCluster), apply: set("sku.tier", "Free")},
	{name: "node pool in one zone", catch: "aks-zones", match: isPoolOwner, apply: setPool("availabilityZones", []any{"1"}, false)},
	{name: "node pool VM size off the list", catch: "allowed-vm-sizes", match: isPoolOwner, apply: setPool("vmSize", "Standard_NC24ads_A100_v4", false)},
	{name: "node pool over the cap", catch: "node-count-cap", match: isPoolOwner, apply: setPool("count", 5000.0, false)},
	{name: "system pool of one node", catch: "aks-system-pool-size", match: isSystemPoolOwner, apply: setPool("count", 1.0, true)},
	{name: "key vault without purge protection", catch: "keyvault-purge-protection", match: ofType(rules.TypeKeyVault), apply: set("properties.enablePurgeProtection", false)},
	{name: "key vault access policies", catch: "keyvault-rbac", match: ofType(rules.TypeKeyVault), apply: set("properties.enableRbacAuthorization", false)},
	{name: "key vault public", catch: "keyvault-public-access", match: ofType(rules.TypeKeyVault), apply: func(t *testing.T, p *plan.Plan, r *plan.Resource) {
		set("properties.publicNetworkAccess", "Enabled")(t, p, r)
		set("properties.networkAcls.defaultAction", "Allow")(t, p, r)
	}},
	{name: "key vault short soft delete", catch: "keyvault-soft-delete", match: ofType(rules.TypeKeyVault), apply: set("properties.softDeleteRetentionInDays", 7.0)},
	{name: "Front Door serves plain HTTP", catch: "frontdoor-https-only", match: ofType(rules.TypeRoute), apply: func(t *testing.T, p *plan.Plan, r *plan.Resource) {
		set("supportedProtocols", []any{"Http", "Https"})(t, p, r)
		set("httpsRedirect", "Disabled")(t, p, r)
	}},
	{name: "WAF security policy removed", catch: "frontdoor-waf-attached", match: ofType(rules.TypeSecurityPolicy), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "resource in a region outside the allow-list", catch: "allowed-regions", match: ofType(rules.TypeVirtualNetwork), apply: set("location", "westindia")},
	{name: "overlapping address spaces", catch: "no-overlapping-address-spaces", match: ofType(rules.TypeVirtualNetwork), apply: func(t *testing.T, p *plan.Plan, r *plan.Resource) {
		for _, o := range p.Resources {
			if catalog.BaseType(o.Type) == rules.TypeVirtualNetwork && o.URN != r.URN {
				r.Inputs["addressSpace"] = o.Inputs["addressSpace"]
				return
			}
		}
		t.Fatal("prod has a single virtual network")
	}},
	{name: "region without its cluster", catch: "region-stamp-complete", match: ofType(rules.TypeManagedCluster), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "region without its Traffic Manager endpoint", catch: "region-routing-complete", match: ofType(rules.TypeTrafficEndpoint), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "region without its Front Door origin", catch: "region-routing-complete", match: ofType(rules.TypeAFDOrigin), apply: func(_ *testing.T, p *plan.Plan, r *plan.Resource) { removeResource(p, r.URN) }},
	{name: "estimate over budget", catch: "budget", spec: func(s *spec.Spec) { s.BudgetMonthlyUSD = 1 }},
}

func init() { prodBreaks = append(prodBreaks, meaningBreaks...) }

// applyBreak returns a broken copy of the plan (and spec) and the broken resource.
func applyBreak(t *testing.T, r *Result, b planBreak) (*plan.Plan, *spec.Spec, string) {
	t.Helper()
	p := clonePlan(t, r.Plan)
	s := *r.Spec
	if b.spec != nil {
		b.spec(&s)
		return p, &s, ""
	}
	for i := range p.Resources {
		if b.match(&p.Resources[i]) {
			urn := p.Resources[i].URN
			b.apply(t, p, &p.Resources[i])
			return p, &s, urn
		}
	}
	return nil, nil, ""
}

// TestProdBreaksAreCaught breaks one guarded property of the real prod plan at a
// time and shows the right policy reports it as mandatory, while the unbroken plan
// passes (TestShippedEnvironmentsPassMandatoryPolicies) — in a preview of a fresh
// stack as well as applied, so no break goes unnoticed at preview for want of a
// value Azure computes.
func TestProdBreaksAreCaught(t *testing.T) {
	for _, mode := range plan.Modes {
		t.Run(string(mode), func(t *testing.T) { testProdBreaksAreCaught(t, shippedPlansIn(t, mode)["prod"]) })
	}
}

func testProdBreaksAreCaught(t *testing.T, r *Result) {
	base := map[string]bool{}
	for _, pr := range r.Plan.PolicyResults {
		base[pr.Policy+" "+pr.URN+" "+pr.Message] = true
	}
	for _, b := range prodBreaks {
		t.Run(b.name, func(t *testing.T) {
			p, s, urn := applyBreak(t, r, b)
			if p == nil {
				t.Fatalf("the prod plan has no resource this break applies to")
			}
			// Re-price the broken plan, as a fresh plan of it would be.
			if err := estimateCost(p, s); err != nil {
				t.Fatal(err)
			}
			results, err := CheckPolicies(p, s)
			if err != nil {
				t.Fatal(err)
			}
			caught := false
			var fresh []string
			for _, pr := range results {
				if base[pr.Policy+" "+pr.URN+" "+pr.Message] {
					continue
				}
				fresh = append(fresh, "["+pr.Policy+"] "+pr.Message)
				if pr.Policy == b.catch && pr.EnforcementLevel == string(rules.Mandatory) {
					caught = true
					if urn != "" && pr.URN != urn && pr.URN != "" && !b.elsewhere && !strings.HasPrefix(b.catch, "region-") && b.catch != "frontdoor-waf-attached" && b.catch != "no-overlapping-address-spaces" {
						t.Errorf("reported on %s, want the broken resource %s", pr.URN, urn)
					}
				}
			}
			if !caught {
				t.Errorf("%s did not report a mandatory violation; new results:\n  %s", b.catch, strings.Join(fresh, "\n  "))
			}
		})
	}
}

// pluginBreaks are the broken plans the plugin test sends over gRPC.
func pluginBreaks(t *testing.T, p *plan.Plan) []struct {
	name  string
	plan  *plan.Plan
	catch string
} {
	r := &Result{Plan: p, Spec: &spec.Spec{}}
	var out []struct {
		name  string
		plan  *plan.Plan
		catch string
	}
	for _, b := range prodBreaks {
		if b.spec != nil {
			continue
		}
		switch b.catch {
		case "storage-min-tls", "registry-admin-user-disabled", "required-tags", "frontdoor-waf-mode", "protect-stateful", "nsg-no-ssh-rdp-from-internet", "aks-local-accounts-disabled", "region-routing-complete",
			// stack rules that follow parent components and property dependencies
			"location-matches-region", "diagnostic-settings":
		default:
			continue
		}
		bp, _, _ := applyBreak(t, r, b)
		if bp == nil {
			continue
		}
		out = append(out, struct {
			name  string
			plan  *plan.Plan
			catch string
		}{b.name, bp, b.catch})
	}
	// A value unknown at preview travels as a computed value and is reported, not passed.
	unknown := clonePlan(t, p)
	for i := range unknown.Resources {
		if catalog.BaseType(unknown.Resources[i].Type) == rules.TypePublicIP {
			unknown.Resources[i].Inputs["location"] = plan.UnknownValue
			out = append(out, struct {
				name  string
				plan  *plan.Plan
				catch string
			}{"location unknown at preview", unknown, "allowed-regions"})
			break
		}
	}
	return out
}
