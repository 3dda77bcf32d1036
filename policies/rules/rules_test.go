package rules

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// ruleCase is one table row: resources judged by one policy in a tier, and the
// findings expected (a substring of each message, in any order; none = compliant).
type ruleCase struct {
	policy string
	name   string
	tier   spec.Tier // "" = prod
	env    func(*Env)
	res    []Resource
	want   []string
}

func one(r Resource) []Resource { return []Resource{r} }

func cost(v float64) func(*Env) {
	return func(e *Env) { e.CostMonthlyUSD = &v; e.BudgetMonthlyUSD = 900000 }
}

var ruleCases = []ruleCase{
	// storage
	{policy: "storage-no-public-blob-access", name: "secure account and private container", res: []Resource{storageAccount(), blobContainer()}},
	{policy: "storage-no-public-blob-access", name: "public blob access on", res: one(with(storageAccount(), "allowBlobPublicAccess", true)), want: []string{"allowBlobPublicAccess is true; expected false"}},
	{policy: "storage-no-public-blob-access", name: "public blob access not set", res: one(with(storageAccount(), "allowBlobPublicAccess", nil)), want: []string{"allowBlobPublicAccess is not set; expected false"}},
	{policy: "storage-no-public-blob-access", name: "public container", res: one(with(blobContainer(), "publicAccess", "Blob")), want: []string{`publicAccess is "Blob"; expected "None"`}},
	{policy: "storage-no-public-blob-access", name: "unknown at preview", res: one(with(storageAccount(), "allowBlobPublicAccess", Unknown)), want: []string{"unknown at preview"}},
	{policy: "storage-https-only", name: "https only", res: one(storageAccount())},
	{policy: "storage-https-only", name: "http allowed", res: one(with(storageAccount(), "enableHttpsTrafficOnly", false)), want: []string{"enableHttpsTrafficOnly is false; expected true"}},
	{policy: "storage-min-tls", name: "TLS 1.2", res: one(storageAccount())},
	{policy: "storage-min-tls", name: "TLS 1.0", res: one(with(storageAccount(), "minimumTlsVersion", "TLS1_0")), want: []string{`minimumTlsVersion is "TLS1_0"; expected one of "TLS1_2", "TLS1_3"`}},
	{policy: "storage-min-tls", name: "unknown", res: one(with(storageAccount(), "minimumTlsVersion", Unknown)), want: []string{"minimumTlsVersion is unknown at preview"}},
	{policy: "storage-shared-key-disabled", name: "shared key off in prod", res: one(storageAccount())},
	{policy: "storage-shared-key-disabled", name: "shared key on in dev is allowed", tier: spec.TierDev, res: one(with(storageAccount(), "allowSharedKeyAccess", true))},
	{policy: "storage-shared-key-disabled", name: "shared key on in prod", res: one(with(storageAccount(), "allowSharedKeyAccess", true)), want: []string{"allowSharedKeyAccess is true; expected false"}},
	{policy: "storage-shared-key-disabled", name: "shared key default in staging", tier: spec.TierStaging, res: one(with(storageAccount(), "allowSharedKeyAccess", nil)), want: []string{"allowSharedKeyAccess is not set"}},
	{policy: "storage-network-rules", name: "deny by default", res: one(storageAccount())},
	{policy: "storage-network-rules", name: "allow in dev", tier: spec.TierDev, res: one(with(storageAccount(), "networkRuleSet.defaultAction", "Allow"))},
	{policy: "storage-network-rules", name: "public endpoint in prod (Front Door reads it with its identity)", res: one(with(with(storageAccount(), "networkRuleSet.defaultAction", "Allow"), "publicNetworkAccess", "Enabled"))},
	{policy: "storage-network-rules", name: "no default action", res: one(with(storageAccount(), "networkRuleSet.defaultAction", nil)), want: []string{"networkRuleSet.defaultAction"}},
	{policy: "storage-network-rules", name: "no rules", res: one(with(storageAccount(), "networkRuleSet", nil)), want: []string{"networkRuleSet is not set"}},
	{policy: "storage-network-rules", name: "no bypass", res: one(with(storageAccount(), "networkRuleSet.bypass", "None")), want: []string{`bypass is "None"`}},

	// AKS
	{policy: "aks-entra-rbac", name: "managed Entra ID with Azure RBAC", res: one(cluster())},
	{policy: "aks-entra-rbac", name: "no Azure RBAC", res: one(with(cluster(), "aadProfile.enableAzureRBAC", false)), want: []string{"aadProfile.enableAzureRBAC is false; expected true"}},
	{policy: "aks-entra-rbac", name: "no Entra ID", res: one(with(cluster(), "aadProfile", nil)), want: []string{"aadProfile.managed is not set", "aadProfile.enableAzureRBAC is not set"}},
	{policy: "aks-local-accounts-disabled", name: "disabled", res: one(cluster())},
	{policy: "aks-local-accounts-disabled", name: "enabled", res: one(with(cluster(), "disableLocalAccounts", false)), want: []string{"disableLocalAccounts is false; expected true"}},
	{policy: "aks-network-policy", name: "cilium", res: one(cluster())},
	{policy: "aks-network-policy", name: "none", res: one(with(cluster(), "networkProfile.networkPolicy", "none")), want: []string{`networkPolicy is "none"`}},
	{policy: "aks-network-policy", name: "unset", res: one(with(cluster(), "networkProfile.networkPolicy", nil)), want: []string{"networkPolicy is not set"}},
	{policy: "aks-api-server-restricted", name: "authorized ranges", res: one(cluster())},
	{policy: "aks-api-server-restricted", name: "private cluster", res: one(with(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", nil), "apiServerAccessProfile.enablePrivateCluster", true))},
	{policy: "aks-api-server-restricted", name: "open to the world", res: one(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", []any{"0.0.0.0/0"})), want: []string{`authorizedIPRanges[0]: 0.0.0.0/0 opens the API server to the whole Internet`}},
	{policy: "aks-api-server-restricted", name: "public without ranges", res: one(with(cluster(), "apiServerAccessProfile", nil)), want: []string{"open to the whole Internet"}},
	{policy: "aks-api-server-restricted", name: "unknown ranges", res: one(with(cluster(), "apiServerAccessProfile.authorizedIPRanges", Unknown)), want: []string{"unknown at preview"}},
	{policy: "aks-workload-identity", name: "enabled", res: one(cluster())},
	{policy: "aks-workload-identity", name: "workload identity off", res: one(with(cluster(), "securityProfile.workloadIdentity.enabled", false)), want: []string{"workloadIdentity.enabled is false"}},
	{policy: "aks-workload-identity", name: "no OIDC issuer", res: one(with(cluster(), "oidcIssuerProfile", nil)), want: []string{"oidcIssuerProfile.enabled is not set"}},
	{policy: "aks-no-ssh-from-internet", name: "public pool in platform subnet", res: []Resource{cluster(), agentPool()}},
	{policy: "aks-no-ssh-from-internet", name: "public pool without subnet", res: one(with(agentPool(), "vnetSubnetID", nil)), want: []string{"public node IPs but no vnetSubnetID"}},
	{policy: "aks-no-ssh-from-internet", name: "SSH key on public nodes", res: one(with(with(cluster(), "agentPoolProfiles", []any{deepCopy(agentPool().Inputs)}), "linuxProfile", map[string]any{"adminUsername": "azureuser", "ssh": map[string]any{"publicKeys": []any{map[string]any{"keyData": "ssh-rsa AAAA"}}}})), want: []string{"linuxProfile.ssh sets SSH keys"}},

	// NSGs
	{policy: "nsg-internet-inbound", name: "game UDP range on game subnet", res: []Resource{gameNSG(), systemNSG()}},
	{policy: "nsg-internet-inbound", name: "TCP on game subnet", res: one(with(gameNSG(), "securityRules", []any{obj(`{"name": "tcp", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "*", "destinationPortRange": "7000-7999"}`)})), want: []string{`protocol "Tcp"`}},
	{policy: "nsg-internet-inbound", name: "ports beyond the game range", res: one(with(gameNSG(), "securityRules", []any{obj(`{"name": "wide", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "sourceAddressPrefix": "Internet", "destinationPortRange": "1000-65535"}`)})), want: []string{"ports 1000-65535"}},
	{policy: "nsg-internet-inbound", name: "Internet inbound on system subnet", res: one(with(systemNSG(), "securityRules", []any{obj(`{"name": "https", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "0.0.0.0/0", "destinationPortRange": "443"}`)})), want: []string{"guards no game subnet"}},
	{policy: "nsg-internet-inbound", name: "separate rule resource on game NSG", res: one(securityRule(`{"networkSecurityGroupName": "nsg-starfall-prod-jpe-game", "securityRuleName": "udp", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "sourceAddressPrefixes": ["Internet"], "destinationPortRanges": ["7000-7499", "7500-7999"]}`))},
	{policy: "nsg-internet-inbound", name: "unknown source", res: one(with(gameNSG(), "securityRules", []any{obj(`{"name": "x", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "sourceAddressPrefix": "[unknown]", "destinationPortRange": "7000"}`)})), want: []string{"unknown at preview"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "no admin ports", res: []Resource{gameNSG(), systemNSG()}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "SSH from Internet", res: one(securityRule(`{"networkSecurityGroupName": "nsg-starfall-prod-jpe-system", "securityRuleName": "ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "destinationPortRange": "22"}`)), want: []string{"allows port 22 (SSH)"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "any port any protocol", res: one(with(systemNSG(), "securityRules", []any{obj(`{"name": "all", "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "*", "destinationPortRange": "*"}`)})), want: []string{"port 22 (SSH)", "port 3389 (RDP)"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "SSH from the Internet in two halves", res: one(securityRule(`{"networkSecurityGroupName": "nsg-x", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefixes": ["0.0.0.0/1", "128.0.0.0/1"], "destinationPortRange": "22"}`)), want: []string{"allows port 22 (SSH)"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "RDP from many /17s of public space", res: one(securityRule(`{"networkSecurityGroupName": "nsg-x", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefixes": ["20.0.0.0/17", "20.0.128.0/17", "20.1.0.0/17"], "destinationPortRange": "3389"}`)), want: []string{"allows port 3389 (RDP)"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "SSH from a public operator /24 and a service tag", res: one(securityRule(`{"networkSecurityGroupName": "nsg-x", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefixes": ["20.1.2.0/24", "VirtualNetwork"], "destinationPortRange": "22"}`))},
	{policy: "nsg-internet-inbound", name: "HTTPS from a /1 of the Internet", res: one(securityRule(`{"networkSecurityGroupName": "nsg-starfall-prod-jpe-game", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "128.0.0.0/1", "destinationPortRange": "443"}`)), want: []string{"allows inbound from the Internet"}},
	{policy: "nsg-no-ssh-rdp-from-internet", name: "SSH from an admin network is not Internet", res: one(securityRule(`{"networkSecurityGroupName": "nsg-x", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "198.51.100.0/24", "destinationPortRange": "22"}`))},

	// Key Vault
	{policy: "keyvault-rbac", name: "RBAC", res: one(keyVault())},
	{policy: "keyvault-rbac", name: "access policies", res: one(with(keyVault(), "properties.enableRbacAuthorization", false)), want: []string{"enableRbacAuthorization is false; expected true"}},
	{policy: "keyvault-purge-protection", name: "on", res: one(keyVault())},
	{policy: "keyvault-purge-protection", name: "off", res: one(with(keyVault(), "properties.enablePurgeProtection", nil)), want: []string{"enablePurgeProtection is not set; expected true"}},
	{policy: "keyvault-soft-delete", name: "90 days", res: one(keyVault())},
	{policy: "keyvault-soft-delete", name: "default retention", res: one(with(keyVault(), "properties.softDeleteRetentionInDays", nil))},
	{policy: "keyvault-soft-delete", name: "7 days in prod", res: one(with(keyVault(), "properties.softDeleteRetentionInDays", 7.0)), want: []string{"softDeleteRetentionInDays is 7; expected at least 90"}},
	{policy: "keyvault-soft-delete", name: "7 days in dev", tier: spec.TierDev, res: one(with(keyVault(), "properties.softDeleteRetentionInDays", 7.0))},
	{policy: "keyvault-soft-delete", name: "7 days in staging", tier: spec.TierStaging, res: one(with(keyVault(), "properties.softDeleteRetentionInDays", 7.0)), want: []string{"softDeleteRetentionInDays is 7; expected at least 30"}},
	{policy: "keyvault-soft-delete", name: "soft delete off", res: one(with(keyVault(), "properties.enableSoftDelete", false)), want: []string{"enableSoftDelete is false"}},
	{policy: "keyvault-public-access", name: "disabled in prod", res: one(keyVault())},
	{policy: "keyvault-public-access", name: "open in dev", tier: spec.TierDev, res: one(with(with(keyVault(), "properties.publicNetworkAccess", "Enabled"), "properties.networkAcls", nil))},
	{policy: "keyvault-public-access", name: "enabled behind a deny default in prod", res: one(with(keyVault(), "properties.publicNetworkAccess", "Enabled")), want: []string{"public access is open (properties.publicNetworkAccess = \"Enabled\", properties.networkAcls.defaultAction = \"Deny\")"}},
	{policy: "keyvault-public-access", name: "not set in prod (Azure enables it)", res: one(with(keyVault(), "properties.publicNetworkAccess", nil)), want: []string{"properties.publicNetworkAccess not set"}},
	{policy: "keyvault-public-access", name: "disabled with an allow default in prod", res: one(with(keyVault(), "properties.networkAcls.defaultAction", "Allow"))},
	{policy: "keyvault-public-access", name: "disabled in lower case", res: one(with(keyVault(), "properties.publicNetworkAccess", "disabled"))},
	{policy: "keyvault-public-access", name: "open in prod", res: one(with(with(keyVault(), "properties.publicNetworkAccess", "Enabled"), "properties.networkAcls.defaultAction", "Allow")), want: []string{"public access is open"}},

	// Registry
	{policy: "registry-admin-user-disabled", name: "off", res: one(acrRegistry())},
	{policy: "registry-admin-user-disabled", name: "default off", res: one(with(acrRegistry(), "adminUserEnabled", nil))},
	{policy: "registry-admin-user-disabled", name: "on", res: one(with(acrRegistry(), "adminUserEnabled", true)), want: []string{"adminUserEnabled is true; expected false"}},
	{policy: "registry-anonymous-pull-disabled", name: "default off", res: one(acrRegistry())},
	{policy: "registry-anonymous-pull-disabled", name: "on", res: one(with(acrRegistry(), "anonymousPullEnabled", true)), want: []string{"anonymousPullEnabled is true; expected false"}},
	{policy: "registry-anonymous-pull-disabled", name: "unknown at preview", res: one(with(acrRegistry(), "anonymousPullEnabled", Unknown)), want: []string{"anonymousPullEnabled is unknown at preview"}},

	// Front Door
	{policy: "frontdoor-https-only", name: "redirect and HTTPS to origin", res: one(route())},
	{policy: "frontdoor-https-only", name: "HTTPS only without redirect", res: one(with(with(route(), "supportedProtocols", []any{"Https"}), "httpsRedirect", "Disabled"))},
	{policy: "frontdoor-https-only", name: "HTTP served without redirect", res: one(with(route(), "httpsRedirect", "Disabled")), want: []string{`httpsRedirect is "Disabled"; expected "Enabled"`}},
	{policy: "frontdoor-https-only", name: "HTTP to origin", res: one(with(route(), "forwardingProtocol", "HttpOnly")), want: []string{`forwardingProtocol is "HttpOnly"`}},
	{policy: "frontdoor-https-only", name: "defaults serve HTTP", res: one(with(with(route(), "supportedProtocols", nil), "httpsRedirect", nil)), want: []string{"httpsRedirect is not set"}},
	{policy: "frontdoor-min-tls", name: "TLS 1.2", res: one(customDomain())},
	{policy: "frontdoor-min-tls", name: "TLS 1.0", res: one(with(customDomain(), "tlsSettings.minimumTlsVersion", "TLS10")), want: []string{`minimumTlsVersion is "TLS10"`}},
	{policy: "frontdoor-waf-mode", name: "prevention in prod", res: one(wafPolicy())},
	{policy: "frontdoor-waf-mode", name: "detection in dev", tier: spec.TierDev, res: one(with(wafPolicy(), "policySettings.mode", "Detection"))},
	{policy: "frontdoor-waf-mode", name: "detection in staging", tier: spec.TierStaging, res: one(with(wafPolicy(), "policySettings.mode", "Detection")), want: []string{`mode is "Detection"; expected "Prevention"`}},
	{policy: "frontdoor-waf-mode", name: "detection in prod", res: one(with(wafPolicy(), "policySettings.mode", "Detection")), want: []string{`mode is "Detection"; expected "Prevention"`}},
	{policy: "frontdoor-waf-mode", name: "disabled", tier: spec.TierDev, res: one(with(wafPolicy(), "policySettings.enabledState", "Disabled")), want: []string{`enabledState is "Disabled"`}},
	{policy: "frontdoor-waf-attached", name: "every endpoint covered", res: []Resource{afdEndpoint("patches"), afdEndpoint("api"), wafPolicy(), securityPolicyFor(afdEndpoint("patches"), afdEndpoint("api"))}},
	{policy: "frontdoor-waf-attached", name: "covered by ID when dependencies are not recorded", res: []Resource{afdEndpoint("api"), wafPolicy(), func() Resource {
		r := securityPolicyFor(afdEndpoint("api"))
		r.Dependencies, r.PropertyDependencies = nil, nil
		return r
	}()}},
	{policy: "frontdoor-waf-attached", name: "one endpoint uncovered", res: []Resource{afdEndpoint("patches"), afdEndpoint("api"), wafPolicy(), securityPolicyFor(afdEndpoint("patches"))}, want: []string{`"global-cdn-api": no WAF security policy covers this endpoint`}},
	{policy: "frontdoor-waf-attached", name: "no security policy", res: []Resource{afdEndpoint("api")}, want: []string{"no WAF security policy"}},
	{policy: "frontdoor-waf-attached", name: "preview: IDs unknown, dependencies name the WAF policy and both endpoints", res: []Resource{afdEndpoint("patches"), afdEndpoint("api"), wafPolicy(), previewSecurityPolicy(wafPolicy(), afdEndpoint("patches"), afdEndpoint("api"))}},
	{policy: "frontdoor-waf-attached", name: "preview: dependencies name one endpoint", res: []Resource{afdEndpoint("patches"), afdEndpoint("api"), wafPolicy(), previewSecurityPolicy(wafPolicy(), afdEndpoint("patches"))}, want: []string{`"global-cdn-api": no WAF security policy covers this endpoint`}},
	{policy: "frontdoor-waf-attached", name: "preview: WAF policy ID from no WAF policy", res: []Resource{afdEndpoint("api"), previewSecurityPolicy(afdEndpoint("patches"), afdEndpoint("api"))}, want: []string{"WAF associations are unknown at preview"}},
	{policy: "frontdoor-waf-attached", name: "associations unknown", res: []Resource{afdEndpoint("api"), wafPolicy(), func() Resource {
		r := securityPolicyFor(afdEndpoint("patches"))
		r.Dependencies, r.PropertyDependencies = nil, nil
		return with(r, "parameters.associations", Unknown)
	}()}, want: []string{"unknown at preview"}},

	// reliability
	{policy: "aks-zones", name: "three zones", res: []Resource{cluster(), agentPool()}},
	{policy: "aks-zones", name: "no zones in dev", tier: spec.TierDev, res: one(with(agentPool(), "availabilityZones", nil))},
	{policy: "aks-zones", name: "one zone in prod", res: one(with(agentPool(), "availabilityZones", []any{"1"})), want: []string{"spans zones [1]; expected [1 2 3]"}},
	{policy: "aks-zones", name: "no zones in prod", res: one(with(agentPool(), "availabilityZones", nil)), want: []string{"has no availabilityZones"}},
	{policy: "storage-redundancy", name: "RA-GZRS", res: one(storageAccount())},
	{policy: "storage-redundancy", name: "LRS in dev", tier: spec.TierDev, res: one(with(storageAccount(), "sku.name", "Standard_LRS"))},
	{policy: "storage-redundancy", name: "LRS in prod", res: one(with(storageAccount(), "sku.name", "Standard_LRS")), want: []string{`sku.name is "Standard_LRS"`}},
	{policy: "aks-sla-tier", name: "Standard", res: one(cluster())},
	{policy: "aks-sla-tier", name: "Free in prod", res: one(with(cluster(), "sku.tier", "Free")), want: []string{`sku.tier is "Free"`}},
	{policy: "aks-sla-tier", name: "Free in dev", tier: spec.TierDev, res: one(with(cluster(), "sku.tier", "Free"))},
	// Staging's profile runs a Standard control plane (load tests), so the pack holds it to that.
	{policy: "aks-sla-tier", name: "Free in staging", tier: spec.TierStaging, res: one(with(cluster(), "sku.tier", "Free")), want: []string{`sku.tier is "Free"`}},
	{policy: "aks-system-pool-size", name: "three nodes", res: []Resource{cluster(), agentPool()}},
	{policy: "aks-system-pool-size", name: "one node", res: one(with(cluster(), "agentPoolProfiles", []any{obj(`{"name": "system", "mode": "System", "count": 1, "vmSize": "Standard_D4s_v5"}`)})), want: []string{"keeps 1 node(s); expected at least 3"}},
	{policy: "aks-system-pool-size", name: "autoscaler minimum two", res: one(with(with(agentPool(), "mode", "System"), "minCount", 2.0)), want: []string{"keeps 2 node(s)"}},
	{policy: "blob-soft-delete-versioning", name: "30 days and versioning", res: one(blobService())},
	{policy: "blob-soft-delete-versioning", name: "short retention in prod", res: one(with(blobService(), "deleteRetentionPolicy.days", 7.0)), want: []string{"deleteRetentionPolicy.days is 7; expected at least 30"}},
	{policy: "blob-soft-delete-versioning", name: "staging's 14 days", tier: spec.TierStaging, res: one(with(with(blobService(), "deleteRetentionPolicy.days", 14.0), "containerDeleteRetentionPolicy.days", 14.0))},
	{policy: "blob-soft-delete-versioning", name: "7 days in staging", tier: spec.TierStaging, res: one(with(blobService(), "deleteRetentionPolicy.days", 7.0)), want: []string{"deleteRetentionPolicy.days is 7; expected at least 14"}},
	{policy: "blob-soft-delete-versioning", name: "versioning off", tier: spec.TierDev, res: one(with(blobService(), "isVersioningEnabled", false)), want: []string{"isVersioningEnabled is false"}},
	{policy: "blob-soft-delete-versioning", name: "no container soft delete", res: one(with(blobService(), "containerDeleteRetentionPolicy", nil)), want: []string{"containerDeleteRetentionPolicy.enabled is not set"}},

	// governance
	{policy: "required-tags", name: "every tag", res: []Resource{storageAccount(), cluster(), blobContainer()}},
	{policy: "required-tags", name: "a tag missing", res: one(with(storageAccount(), "tags.cost-center", nil)), want: []string{"missing required tag(s) [cost-center]"}},
	{policy: "required-tags", name: "an empty tag", res: one(with(storageAccount(), "tags.studio", " ")), want: []string{"missing required tag(s) [studio]"}},
	{policy: "required-tags", name: "taggable without tags", res: one(with(keyVault(), "tags", nil)), want: []string{"has no tags"}},
	{policy: "required-tags", name: "another environment's tag", res: one(with(storageAccount(), "tags.environment", "dev")), want: []string{`tag environment is "dev"; expected "prod"`}},
	{policy: "required-tags", name: "a lower tier's tag", res: one(with(cluster(), "tags.tier", "dev")), want: []string{`tag tier is "dev"; expected "prod"`}},
	{policy: "required-tags", name: "another game's tag", res: one(with(keyVault(), "tags.game", "moonfall")), want: []string{`tag game is "moonfall"; expected "starfall"`}},
	{policy: "required-tags", name: "environment tag unknown at preview", res: one(with(storageAccount(), "tags.environment", Unknown)), want: []string{"unknown at preview"}},
	// A stack of unknown tier is judged as prod; a tag claiming a lower tier is not believed but reported.
	{policy: "required-tags", name: "environment unknown: a prod tier tag", env: func(e *Env) { e.Stack, e.Game, e.Tier = "", "", "" }, res: one(with(storageAccount(), "tags.environment", "x"))},
	{policy: "required-tags", name: "environment unknown: a dev tier tag", env: func(e *Env) { e.Stack, e.Game, e.Tier = "", "", "" }, res: one(with(with(storageAccount(), "tags.tier", "dev"), "tags.environment", "x")), want: []string{`tag tier is "dev"; expected "prod"`}},
	{policy: "required-tags", name: "tags unknown", res: one(with(cluster(), "tags", Unknown)), want: []string{"tags are unknown at preview"}},
	{policy: "allowed-regions", name: "prod regions and global", res: []Resource{cluster(), wafPolicy()}},
	{policy: "allowed-regions", name: "region outside the dev list", tier: spec.TierDev, res: one(with(cluster(), "location", "koreacentral")), want: []string{`location "koreacentral" is not allowed for dev`}},
	{policy: "allowed-regions", name: "display name accepted", res: one(with(cluster(), "location", "Japan East"))},
	{policy: "allowed-vm-sizes", name: "catalogue sizes", res: []Resource{cluster(), agentPool()}},
	{policy: "allowed-vm-sizes", name: "F64 in dev", tier: spec.TierDev, res: one(with(agentPool(), "vmSize", "Standard_F64s_v2")), want: []string{`vmSize "Standard_F64s_v2" is not allowed for dev`}},
	{policy: "allowed-vm-sizes", name: "GPU size", res: one(with(agentPool(), "vmSize", "Standard_NC6")), want: []string{`"Standard_NC6" is not allowed`}},
	{policy: "node-count-cap", name: "within cap", res: []Resource{cluster(), agentPool()}},
	{policy: "node-count-cap", name: "over dev cap", tier: spec.TierDev, res: one(with(agentPool(), "maxCount", 1200.0)), want: []string{"can grow to 1200 nodes; expected at most 1000 in dev"}},
	{policy: "node-count-cap", name: "fixed count over cap", res: one(with(with(agentPool(), "enableAutoScaling", false), "count", 1200.0)), want: []string{"can grow to 1200 nodes"}},
	{policy: "naming-convention", name: "platform names", res: []Resource{storageAccount(), cluster(), keyVault(), acrRegistry(), wafPolicy()}},
	{policy: "naming-convention", name: "no game in name", res: one(with(cluster(), "resourceName", "aks-prod-jpe")), want: []string{`lacks the game "starfall"`}},
	{policy: "naming-convention", name: "uppercase", res: one(with(cluster(), "resourceName", "AKS-starfall-prod")), want: []string{"not lowercase"}},
	{policy: "naming-convention", name: "auto-named", res: one(with(keyVault(), "vaultName", nil)), want: []string{"vaultName is not set"}},

	// data safety
	{policy: "protect-stateful", name: "protected in prod", res: []Resource{storageAccount(), keyVault(), acrRegistry()}},
	{policy: "protect-stateful", name: "unprotected in dev", tier: spec.TierDev, res: one(func() Resource { r := storageAccount(); r.Protect = false; return r }())},
	{policy: "protect-stateful", name: "unprotected in prod", res: one(func() Resource { r := keyVault(); r.Protect = false; return r }()), want: []string{"is not protected"}},

	// stack
	{policy: "budget", name: "within budget", env: cost(850000), res: nil},
	{policy: "budget", name: "over budget", env: cost(950000), want: []string{"estimated monthly cost $950,000.00 exceeds the budget of $900,000.00"}},
	{policy: "budget", name: "no estimate", env: func(e *Env) { e.BudgetMonthlyUSD = 6000 }, want: []string{"no monthly cost estimate"}},
	{policy: "budget", name: "no budget", env: func(e *Env) { c := 1.0; e.CostMonthlyUSD = &c }, want: []string{"no budget is known"}},
	{policy: "no-overlapping-address-spaces", name: "disjoint", res: []Resource{vnet("japaneast", "10.100.0.0/16"), vnet("japanwest", "10.101.0.0/16")}},
	{policy: "no-overlapping-address-spaces", name: "overlap", res: []Resource{vnet("japaneast", "10.100.0.0/16"), vnet("japanwest", "10.100.128.0/17")}, want: []string{"address space 10.100.128.0/17 overlaps 10.100.0.0/16"}},
	{policy: "no-overlapping-address-spaces", name: "not a CIDR", res: []Resource{vnet("japaneast", "10.100.0.0/33")}, want: []string{"is not a CIDR"}},
	{policy: "no-overlapping-address-spaces", name: "unknown", res: []Resource{vnet("japaneast", Unknown)}, want: []string{"unknown at preview"}},
	{policy: "region-stamp-complete", name: "full stamps", env: regions("japaneast", "japanwest"), res: []Resource{vnet("japaneast", "10.100.0.0/16"), clusterIn("japaneast"), vnet("japanwest", "10.101.0.0/16"), clusterIn("japanwest")}},
	{policy: "region-stamp-complete", name: "cluster missing", env: regions("japaneast", "japanwest"), res: []Resource{vnet("japaneast", "10.100.0.0/16"), clusterIn("japaneast"), vnet("japanwest", "10.101.0.0/16")}, want: []string{"region japanwest has no AKS cluster"}},
	{policy: "region-stamp-complete", name: "cluster location unknown at preview", env: regions("japaneast", "japanwest"), res: []Resource{vnet("japaneast", "10.100.0.0/16"), clusterIn("japaneast"), vnet("japanwest", "10.101.0.0/16"), analyzerView(with(clusterIn("japanwest"), "location", Unknown))}, want: []string{"region japanwest has no AKS cluster whose region is known at preview"}},
	{policy: "region-stamp-complete", name: "regions derived from resources", res: []Resource{clusterIn("japaneast")}, want: []string{"region japaneast has no virtual network"}},
	{policy: "private-endpoints-per-region", name: "each region its own", env: regions("japaneast", "japanwest"), res: append(privateEndpoints("japaneast", "blob", "vault", "registry"), append(privateEndpoints("japanwest", "blob", "vault", "registry"), premiumRegistry())...)},
	{policy: "private-endpoints-per-region", name: "second region uses the first's", env: regions("japaneast", "japanwest"), res: append(privateEndpoints("japaneast", "blob", "vault", "registry"), premiumRegistry()), want: []string{"region japanwest has no blob private endpoint", "region japanwest has no vault private endpoint", "region japanwest has no registry private endpoint"}},
	{policy: "private-endpoints-per-region", name: "registry endpoint missing", env: regions("japaneast"), res: append(privateEndpoints("japaneast", "blob", "vault"), premiumRegistry()), want: []string{"region japaneast has no registry private endpoint"}},
	{policy: "private-endpoints-per-region", name: "no Premium registry, no registry endpoint needed", env: regions("japaneast"), res: privateEndpoints("japaneast", "blob", "vault")},
	{policy: "private-endpoints-per-region", name: "location known only from the input", env: regions("japaneast"), res: []Resource{analyzerView(privateEndpoints("japaneast", "blob")[0]), analyzerView(privateEndpoints("japaneast", "vault")[0])}},
	{policy: "private-endpoints-per-region", name: "group unknown at preview", env: regions("japaneast"), res: []Resource{privateEndpoints("japaneast", "blob")[0], with(privateEndpoints("japaneast", "vault")[0], "privateLinkServiceConnections", Unknown)}, want: []string{"region japaneast has no vault private endpoint whose region is known at preview"}},
	{policy: "private-endpoints-per-region", name: "dev needs none", tier: spec.TierDev, env: regions("japaneast")},
	{policy: "region-routing-complete", name: "endpoint and origin per region", env: regions("japaneast", "westus2"), res: routing("japaneast", "westus2")},
	{policy: "region-routing-complete", name: "origin missing", env: regions("japaneast", "westus2"), res: routing("japaneast", "westus2")[:5], want: []string{"region westus2 has no Front Door origin"}},
	{policy: "region-routing-complete", name: "origin missing beside a storage origin whose host is unknown at preview", env: regions("japaneast", "westus2"), res: append(routing("japaneast", "westus2")[:5], storageOrigin(true)), want: []string{"region westus2 has no Front Door origin;"}},
	{policy: "region-routing-complete", name: "origin missing beside an origin whose host is unknown and of unrecorded origin", env: regions("japaneast", "westus2"), res: append(routing("japaneast", "westus2")[:5], storageOrigin(false)), want: []string{"region westus2 has no Front Door origin whose region is known at preview"}},
	{policy: "region-routing-complete", name: "entry IP's location unknown at preview", env: regions("japaneast", "westus2"), res: func() []Resource {
		// The origin's host is the entry IP's FQDN, unknown at preview, and so is
		// the entry IP's location; the Traffic Manager endpoint states its location.
		rs := routing("japaneast", "westus2")
		rs[3] = analyzerView(with(rs[3], "location", Unknown))
		rs[5] = with(with(rs[5], "hostName", Unknown), "originHostHeader", Unknown)
		return rs
	}(), want: []string{"region westus2 has no Front Door origin whose region is known at preview"}},
	{policy: "region-routing-complete", name: "global endpoint placed by host name", env: regions("japaneast"), res: []Resource{func() Resource {
		r := tmEndpoint(entryIP("japaneast"))
		r.Dependencies, r.PropertyDependencies = nil, nil
		return with(with(with(r, "target", "starfall-prod-jpe.japaneast.cloudapp.azure.com"), "endpointLocation", nil), "targetResourceId", nil)
	}(), afdOrigin(entryIP("japaneast")), entryIP("japaneast")}},
	{policy: "region-routing-complete", name: "target unknown", env: regions("japaneast"), res: []Resource{afdOrigin(entryIP("japaneast")), entryIP("japaneast"), func() Resource {
		r := tmEndpoint(entryIP("japaneast"))
		r.Dependencies, r.PropertyDependencies = nil, nil
		return with(with(with(r, "target", Unknown), "targetResourceId", Unknown), "endpointLocation", nil)
	}()}, want: []string{"no Traffic Manager endpoint whose region is known at preview"}},
}

// storageOrigin is the patches origin at preview: its host is the storage account's
// endpoint, unknown until the account exists; recorded says whether the property
// dependency naming the account is there.
func storageOrigin(recorded bool) Resource {
	r := res(TypeAFDOrigin, "global-cdn-patches-origin", "", map[string]any{"originName": "storage", "hostName": Unknown})
	if recorded {
		r.PropertyDependencies = map[string][]string{"hostName": {storageAccount().URN}}
	}
	return r
}

// analyzerView is a resource as the pack sees it under the engine: its region is its
// location input, not a region subtree.
func analyzerView(r Resource) Resource {
	r.Region = ""
	return r
}

func regions(names ...string) func(*Env) { return func(e *Env) { e.Regions = names } }

// routing returns, per region, an entry IP with a Traffic Manager endpoint and a
// Front Door origin that point at it.
func routing(regions ...string) []Resource {
	var out []Resource
	for _, reg := range regions {
		ip := entryIP(reg)
		out = append(out, ip, tmEndpoint(ip), afdOrigin(ip))
	}
	return out
}

func TestRules(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.policy+"/"+tc.name, func(t *testing.T) {
			p := Lookup(tc.policy)
			if p == nil {
				t.Fatalf("no policy %q", tc.policy)
			}
			tier := tc.tier
			if tier == "" {
				tier = spec.TierProd
			}
			e := envFor(tier)
			if tc.env != nil {
				tc.env(e)
			}
			var got []Finding
			if p.IsStack() {
				got = CheckStack(p, e, tc.res)
			} else {
				applies := 0
				for i := range tc.res {
					if p.AppliesTo(tc.res[i].Type) {
						applies++
					}
					got = append(got, CheckResource(p, e, &tc.res[i])...)
				}
				if applies == 0 {
					t.Fatalf("no resource of the case is inspected by %s (types %v)", p.Name, p.Types)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d finding(s), want %d:\n%s", len(got), len(tc.want), findingsText(got))
			}
			for _, w := range tc.want {
				found := false
				for _, f := range got {
					if strings.Contains(f.Message, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("no finding contains %q:\n%s", w, findingsText(got))
				}
			}
			for _, f := range got {
				if !p.IsStack() && f.URN == "" {
					t.Errorf("resource finding without URN: %s", f.Message)
				}
				// A finding about a value unknown at preview is undecided, never a
				// violation; every other finding is one.
				if atPreview := strings.Contains(f.Message, " at preview"); atPreview != f.Undecided {
					t.Errorf("undecided = %t for %q", f.Undecided, f.Message)
				}
			}
		})
	}
}

func findingsText(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.URN + ": " + f.Message + "\n")
	}
	return b.String()
}

// TestEveryPolicyHasTableTests: each policy has at least one compliant and one
// violating case.
func TestEveryPolicyHasTableTests(t *testing.T) {
	ok, bad := map[string]bool{}, map[string]bool{}
	for _, tc := range ruleCases {
		if len(tc.want) == 0 {
			ok[tc.policy] = true
		} else {
			bad[tc.policy] = true
		}
	}
	for _, p := range All() {
		if !ok[p.Name] {
			t.Errorf("%s has no compliant table case", p.Name)
		}
		if !bad[p.Name] {
			t.Errorf("%s has no violating table case", p.Name)
		}
	}
}

func init() {
	ruleCases = append(ruleCases, ruleCase{policy: "budget", name: "estimate leaves resources out", env: func(e *Env) {
		cost(1000)(e)
		e.CostNotPriced = []string{"urn:x"}
	}, want: []string{"leaves out 1 resource(s) the cost model cannot price (urn:x)"}},
		ruleCase{policy: "budget", name: "a price needs an input unknown at preview", env: func(e *Env) {
			cost(1000)(e)
			e.CostNotPriced, e.CostNotPricedUnknown = []string{"urn:x"}, []string{"urn:x"}
		}, want: []string{"leaves out 1 resource(s) whose price needs an input unknown at preview (urn:x)"}},
		ruleCase{policy: "budget", name: "one unpriceable, one unknown at preview", env: func(e *Env) {
			cost(1000)(e)
			e.CostNotPriced, e.CostNotPricedUnknown = []string{"urn:x", "urn:y"}, []string{"urn:x"}
		}, want: []string{"leaves out 1 resource(s) the cost model cannot price (urn:y)"}},
		ruleCase{policy: "budget", name: "over budget even without what is unknown at preview", env: func(e *Env) {
			cost(950000)(e)
			e.CostNotPriced, e.CostNotPricedUnknown = []string{"urn:x"}, []string{"urn:x"}
		}, want: []string{"exceeds the budget of $900,000.00"}},
	)
}

func trafficProfile(endpoints ...any) Resource {
	r := real(TypeTrafficManager, nil)
	r.Inputs["endpoints"] = endpoints
	return r
}

func inlineEndpoint(region string) map[string]any {
	return map[string]any{
		"name": region, "endpointLocation": region, "endpointStatus": "Enabled",
		"type":             "Microsoft.Network/trafficManagerProfiles/azureEndpoints",
		"targetResourceId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresss/" + region + "-entry-ip",
	}
}

func init() {
	origins := func(regions ...string) []Resource {
		var out []Resource
		for _, r := range regions {
			ip := entryIP(r)
			out = append(out, ip, afdOrigin(ip))
		}
		return out
	}
	ruleCases = append(ruleCases,
		ruleCase{policy: "region-routing-complete", name: "inline profile endpoints", env: regions("japaneast", "westus2"),
			res: append(origins("japaneast", "westus2"), trafficProfile(inlineEndpoint("japaneast"), inlineEndpoint("westus2")))},
		ruleCase{policy: "region-routing-complete", name: "inline endpoint placed by its target IP", env: regions("japaneast"),
			res: append(origins("japaneast"), trafficProfile(with(Resource{Resource: plan.Resource{Inputs: inlineEndpoint("japaneast")}}, "endpointLocation", nil).Inputs))},
		ruleCase{policy: "region-routing-complete", name: "inline endpoint missing for a region", env: regions("japaneast", "westus2"),
			res: append(origins("japaneast", "westus2"), trafficProfile(inlineEndpoint("japaneast"))), want: []string{"region westus2 has no Traffic Manager endpoint"}},
		ruleCase{policy: "region-routing-complete", name: "inline endpoints unknown", env: regions("japaneast"),
			res: append(origins("japaneast"), with(trafficProfile(), "endpoints", Unknown)), want: []string{"whose region is known at preview"}},
	)
}

func TestVersionedTypeIsJudgedAsBase(t *testing.T) {
	// A versioned token is judged like its base type.
	c := with(cluster(), "disableLocalAccounts", false)
	pl := &plan.Plan{Resources: []plan.Resource{{URN: c.URN, Type: "azure-native:containerservice/v20240801:ManagedCluster", Name: c.Name, Custom: true, Inputs: c.Inputs}}}
	rs := FromPlan(pl)
	if got := CheckResource(Lookup("aks-local-accounts-disabled"), envFor(spec.TierDev), &rs[0]); len(got) != 1 {
		t.Errorf("versioned cluster findings = %v", got)
	}
}

// TestFixturesAreReal: every type the components register is judged in the table
// tests through its real registration, not a hand-built stand-in.
func TestFixturesAreReal(t *testing.T) {
	real(TypeResourceGroup, func() Resource { return Resource{Resource: plan.Resource{}} })
	for _, typ := range realTypes {
		if _, ok := realByTy[typ]; !ok {
			t.Errorf("testdata/resources.json has no %s; regenerate it with go test ./internal/offline/engine -run Fixtures -update", typ)
		}
	}
}

// privateEndpoints returns one private endpoint per group in region.
func privateEndpoints(region string, groups ...string) []Resource {
	var out []Resource
	for _, g := range groups {
		out = append(out, res(TypePrivateEndpoint, region+"-privatelink-"+g+"-pe", region, obj(`{
			"location": "`+region+`", "resourceGroupName": "rg-starfall-prod-`+region+`",
			"subnet": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-`+region+`/subnets/privateendpoints"},
			"privateLinkServiceConnections": [{"name": "`+g+`", "groupIds": ["`+g+`"], "privateLinkServiceId": "/subscriptions/s/target"}]}`)))
	}
	return out
}

func premiumRegistry() Resource {
	return res(TypeRegistry, "global-registry-acr", "", obj(`{"registryName": "acrstarfallprod", "sku": {"name": "Premium"}}`))
}
