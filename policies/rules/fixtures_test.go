package rules

import (
	"encoding/json"
	"strings"

	"github.com/gameplatform/platform/internal/spec"
)

// Fixtures shaped exactly like the recorder's output (plan.Resource inputs: the
// azure-native input property names, nested objects as map[string]any, arrays as
// []any, numbers as float64), with the secure settings the components register.

const testStack = "prod"

func urn(typ, name string) string {
	return "urn:pulumi:" + testStack + "::game-platform::" + typ + "::" + name
}

func tagsFor(tier string) map[string]any {
	return map[string]any{
		"environment": testStack, "studio": "nebula-forge", "game": "starfall",
		"tier": tier, "cost-center": "CC-1001", "managed-by": "pulumi",
	}
}

// obj parses a JSON object literal into recorder-shaped plain values.
func obj(js string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		panic("bad fixture JSON: " + err.Error() + "\n" + js)
	}
	return m
}

func res(typ, name, region string, inputs map[string]any) Resource {
	if _, ok := inputs["tags"]; !ok && contains(taggableTypes, typ) {
		inputs["tags"] = tagsFor("prod")
	}
	return Resource{URN: urn(typ, name), Type: typ, Name: name, Region: region, Custom: true, Inputs: inputs}
}

func storageAccount() Resource {
	r := res(TypeStorageAccount, "global-storage-account", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "resourceGroupName": "rg-starfall-prod-global",
		"location": "japaneast", "kind": "StorageV2", "sku": {"name": "Standard_RAGZRS"},
		"allowBlobPublicAccess": false, "enableHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2",
		"allowSharedKeyAccess": false, "publicNetworkAccess": "Enabled",
		"networkRuleSet": {"defaultAction": "Deny", "bypass": "AzureServices"}}`))
	r.Protect = true
	return r
}

func blobService() Resource {
	return res(TypeBlobService, "global-storage-blob", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "blobServicesName": "default", "resourceGroupName": "rg-starfall-prod-global",
		"deleteRetentionPolicy": {"enabled": true, "days": 30},
		"containerDeleteRetentionPolicy": {"enabled": true, "days": 30},
		"isVersioningEnabled": true}`))
}

func blobContainer() Resource {
	return res(TypeBlobContainer, "global-storage-patches", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "containerName": "patches", "publicAccess": "None"}`))
}

func cluster() Resource {
	return res(TypeManagedCluster, "japaneast-cluster-aks", "japaneast", obj(`{
		"resourceName": "aks-starfall-prod-jpe", "resourceGroupName": "rg-starfall-prod-jpe", "location": "japaneast",
		"dnsPrefix": "starfall-prod-jpe", "kubernetesVersion": "1.33",
		"sku": {"name": "Base", "tier": "Standard"},
		"aadProfile": {"managed": true, "enableAzureRBAC": true, "tenantID": "33333333-3333-3333-3333-333333333333"},
		"enableRBAC": true, "disableLocalAccounts": true,
		"networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkPolicy": "cilium", "networkDataplane": "cilium"},
		"apiServerAccessProfile": {"authorizedIPRanges": ["198.51.100.0/24", "203.0.113.0/24"]},
		"oidcIssuerProfile": {"enabled": true},
		"securityProfile": {"workloadIdentity": {"enabled": true}},
		"agentPoolProfiles": [{"name": "system", "mode": "System", "vmSize": "Standard_D4s_v5",
			"count": 3, "minCount": 3, "maxCount": 5, "enableAutoScaling": true,
			"availabilityZones": ["1", "2", "3"], "vnetSubnetID": "/subscriptions/x/subnets/snet-system",
			"nodeTaints": ["CriticalAddonsOnly=true:NoSchedule"]}]}`))
}

func agentPool() Resource {
	return res(TypeAgentPool, "japaneast-cluster-game0", "japaneast", obj(`{
		"agentPoolName": "game0", "resourceName": "aks-starfall-prod-jpe", "resourceGroupName": "rg-starfall-prod-jpe",
		"mode": "User", "vmSize": "Standard_F16s_v2", "enableAutoScaling": true, "minCount": 40, "maxCount": 250,
		"count": 40, "availabilityZones": ["1", "2", "3"], "enableNodePublicIP": true,
		"nodePublicIPPrefixID": "/subscriptions/x/publicIPPrefixes/ippre-starfall-prod-jpe",
		"vnetSubnetID": "/subscriptions/x/subnets/snet-game"}`))
}

func gameNSG() Resource {
	return res(TypeNSG, "japaneast-network-game-nsg", "japaneast", obj(`{
		"networkSecurityGroupName": "nsg-starfall-prod-jpe-game", "location": "japaneast",
		"securityRules": [
			{"name": "allow-game-udp", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 100,
			 "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "7000-7999"},
			{"name": "allow-qos-udp", "direction": "Inbound", "access": "Allow", "protocol": "Udp", "priority": 110,
			 "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "3075"},
			{"name": "deny-internet", "direction": "Inbound", "access": "Deny", "protocol": "*", "priority": 4000,
			 "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}]}`))
}

func systemNSG() Resource {
	return res(TypeNSG, "japaneast-network-system-nsg", "japaneast", obj(`{
		"networkSecurityGroupName": "nsg-starfall-prod-jpe-system", "location": "japaneast",
		"securityRules": [
			{"name": "allow-vnet", "direction": "Inbound", "access": "Allow", "protocol": "*", "priority": 100,
			 "sourceAddressPrefix": "VirtualNetwork", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}]}`))
}

func securityRule(inputs string) Resource {
	return res(TypeSecurityRule, "japaneast-network-extra-rule", "japaneast", obj(inputs))
}

func keyVault() Resource {
	r := res(TypeKeyVault, "global-keyvault", "", obj(`{
		"vaultName": "kv-starfall-prod-1a2b", "location": "japaneast", "resourceGroupName": "rg-starfall-prod-global",
		"properties": {"tenantId": "33333333-3333-3333-3333-333333333333", "sku": {"family": "A", "name": "standard"},
			"enableRbacAuthorization": true, "enablePurgeProtection": true, "enableSoftDelete": true,
			"softDeleteRetentionInDays": 90, "publicNetworkAccess": "Disabled",
			"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}}}`))
	r.Protect = true
	return r
}

func acrRegistry() Resource {
	r := res(TypeRegistry, "global-registry", "", obj(`{
		"registryName": "acrstarfallprod1a2b", "location": "japaneast", "resourceGroupName": "rg-starfall-prod-global",
		"sku": {"name": "Premium"}, "adminUserEnabled": false, "publicNetworkAccess": "Enabled", "zoneRedundancy": "Enabled"}`))
	r.Protect = true
	return r
}

func route() Resource {
	return res(TypeRoute, "global-cdn-patches-route", "", obj(`{
		"routeName": "patches", "endpointName": "fde-starfall-prod-patches", "profileName": "afd-starfall-prod",
		"supportedProtocols": ["Http", "Https"], "httpsRedirect": "Enabled", "forwardingProtocol": "HttpsOnly",
		"linkToDefaultDomain": "Enabled", "patternsToMatch": ["/*"],
		"originGroup": {"id": "/subscriptions/x/originGroups/patches"}}`))
}

func customDomain() Resource {
	return res(TypeAFDCustomDomain, "global-cdn-domain", "", obj(`{
		"customDomainName": "patches", "hostName": "patches.play.starfall.example", "profileName": "afd-starfall-prod",
		"tlsSettings": {"certificateType": "ManagedCertificate", "minimumTlsVersion": "TLS12"}}`))
}

func wafPolicy() Resource {
	return res(TypeFrontDoorWAF, "global-cdn-waf", "", obj(`{
		"policyName": "wafstarfallprod", "location": "global", "resourceGroupName": "rg-starfall-prod-global",
		"sku": {"name": "Premium_AzureFrontDoor"},
		"policySettings": {"enabledState": "Enabled", "mode": "Prevention"}}`))
}

func afdEndpoint(name string) Resource {
	return res(TypeAFDEndpoint, "global-cdn-"+name, "", obj(`{
		"endpointName": "fde-starfall-prod-`+name+`", "profileName": "afd-starfall-prod", "location": "global", "enabledState": "Enabled"}`))
}

func securityPolicyFor(endpoints ...Resource) Resource {
	var domains []any
	var deps []string
	for _, ep := range endpoints {
		domains = append(domains, map[string]any{"id": "/subscriptions/x/providers/Microsoft.Cdn/aFDEndpoints/" + ep.Inputs["endpointName"].(string)})
		deps = append(deps, ep.URN)
	}
	r := res(TypeSecurityPolicy, "global-cdn-security", "", map[string]any{
		"securityPolicyName": "waf", "profileName": "afd-starfall-prod",
		"parameters": map[string]any{
			"type":         "WebApplicationFirewall",
			"wafPolicy":    map[string]any{"id": "/subscriptions/x/frontDoorWebApplicationFirewallPolicies/wafstarfallprod"},
			"associations": []any{map[string]any{"domains": domains, "patternsToMatch": []any{"/*"}}},
		},
	})
	r.Dependencies = deps
	r.PropertyDependencies = map[string][]string{"parameters": deps}
	return r
}

func vnet(region, cidr string) Resource {
	return res(TypeVirtualNetwork, region+"-network-vnet", region, map[string]any{
		"virtualNetworkName": "vnet-starfall-prod-" + region, "location": region,
		"addressSpace": map[string]any{"addressPrefixes": []any{cidr}},
	})
}

func entryIP(region string) Resource {
	return res(TypePublicIP, region+"-entry-ip", region, map[string]any{
		"publicIpAddressName": "pip-entry-starfall-prod-" + region, "location": region,
		"dnsSettings": map[string]any{"domainNameLabel": "starfall-prod-" + region},
	})
}

func tmEndpoint(ip Resource) Resource {
	r := res(TypeTrafficEndpoint, "global-routing-"+ip.Region, "", map[string]any{
		"endpointName": ip.Region, "profileName": "tm-starfall-prod", "type": "azureEndpoints",
		"targetResourceId": "/subscriptions/x/publicIPAddresses/" + ip.Inputs["publicIpAddressName"].(string),
		"endpointStatus":   "Enabled",
	})
	r.Dependencies = []string{ip.URN}
	r.PropertyDependencies = map[string][]string{"targetResourceId": {ip.URN}}
	return r
}

func afdOrigin(ip Resource) Resource {
	r := res(TypeAFDOrigin, "global-cdn-api-"+ip.Region, "", map[string]any{
		"originName": ip.Region, "originGroupName": "api", "profileName": "afd-starfall-prod",
		"hostName":  "starfall-prod-" + ip.Region + "." + ip.Region + ".cloudapp.azure.com",
		"httpsPort": 443.0, "enabledState": "Enabled",
	})
	r.Dependencies = []string{ip.URN}
	r.PropertyDependencies = map[string][]string{"hostName": {ip.URN}}
	return r
}

// with returns a copy of r with the input at a dotted path set (nil deletes it).
func with(r Resource, path string, v any) Resource {
	r.Inputs = deepCopy(r.Inputs).(map[string]any)
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
	last := keys[len(keys)-1]
	if v == nil {
		delete(cur, last)
	} else {
		cur[last] = v
	}
	return r
}

func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(t))
		for i, e := range t {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}

func testConfig() *Config {
	cfg, err := DefaultConfig()
	if err != nil {
		panic(err)
	}
	return cfg
}

func envFor(tier spec.Tier) *Env {
	return &Env{Stack: testStack, Game: "starfall", Tier: tier, GamePorts: spec.PortRange{Start: 7000, End: 7999, QoSPort: 3075}, Settings: testConfig().Settings}
}
