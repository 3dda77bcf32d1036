package rules

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// The fixtures are what the components really register: testdata/resources.json
// holds the first resource of every deployed type of the real prod plan, written
// and kept in sync by internal/offline/engine's TestRuleFixturesComeFromThePlan. Cases that
// need several resources clone a real one and change its name and region.
//
// A few types the rules also judge are not registered by any component today
// (AgentPool, SecurityRule, AFDCustomDomain, a CDN WAF policy);
// their fixtures are built in the recorder's shape (azure-native input names,
// objects as map[string]any, arrays as []any, numbers as float64), AgentPool from a
// real cluster's inline pool.

var (
	realOnce sync.Once
	realByTy map[string]plan.Resource
)

// realTypes are the types the components register whose fixtures must be real. (A
// public IP prefix exists only for a region with a custom prefix, which no shipped
// environment has; internal/offline/engine tests one.)
var realTypes = []string{
	TypeStorageAccount, TypeBlobService, TypeBlobContainer, TypeManagedCluster, TypeAgentPool, TypeNSG,
	TypeVirtualNetwork, TypePublicIP, TypeKeyVault, TypeRegistry,
	TypeRoute, TypeFrontDoorWAF, TypeAFDEndpoint, TypeSecurityPolicy, TypeAFDOrigin,
	TypeTrafficManager, TypeTrafficEndpoint, TypeDNSZone, TypeCosmosAccount, TypeCosmosRoleGrant,
	TypeHelmRelease, TypeFleet, TypeFleetAutoscaler,
}

// real returns a deep copy of the real resource of a type, or fallback when the
// plan has none (TestFixturesAreReal fails for the types that must be real).
func real(typ string, fallback func() Resource) Resource {
	realOnce.Do(func() {
		realByTy = map[string]plan.Resource{}
		data, err := os.ReadFile("testdata/resources.json")
		if err != nil {
			panic(fmt.Sprintf("reading rule fixtures: %v (go test ./internal/offline/engine -run Fixtures -update)", err))
		}
		var rs []plan.Resource
		if err := json.Unmarshal(data, &rs); err != nil {
			panic(fmt.Sprintf("testdata/resources.json: %v", err))
		}
		for _, r := range rs {
			realByTy[catalog.Resolve(r.Type, r.Inputs)] = r
		}
	})
	pr, ok := realByTy[typ]
	if !ok {
		if fallback == nil {
			panic("no real " + typ + " in testdata/resources.json")
		}
		return fallback()
	}
	r := FromPlan(&plan.Plan{Resources: []plan.Resource{pr}})[0]
	r.Inputs = deepCopy(r.Inputs).(map[string]any)
	return r
}

// renamed returns r as another resource of the same type: new logical name, URN
// and region (location input too, when it has one).
func renamed(r Resource, name, region string) Resource {
	r.Name = name
	r.URN = r.URN[:strings.LastIndex(r.URN, "::")+2] + name
	r.Region = region
	if _, ok := r.Inputs["location"]; ok && region != "" {
		r.Inputs["location"] = region
	}
	return r
}

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
	if _, ok := inputs["tags"]; !ok && taggable(typ) {
		inputs["tags"] = tagsFor("prod")
	}
	return Resource{Resource: plan.Resource{URN: urn(typ, name), Type: typ, Name: name, Region: region, Custom: true, Inputs: inputs}}
}

func storageAccount() Resource { return real(TypeStorageAccount, handStorageAccount) }

func handStorageAccount() Resource {
	r := res(TypeStorageAccount, "global-storage-account", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "resourceGroupName": "rg-starfall-prod-global",
		"location": "japaneast", "kind": "StorageV2", "sku": {"name": "Standard_RAGZRS"},
		"allowBlobPublicAccess": false, "enableHttpsTrafficOnly": true, "minimumTlsVersion": "TLS1_2",
		"allowSharedKeyAccess": false, "publicNetworkAccess": "Enabled",
		"networkRuleSet": {"defaultAction": "Deny", "bypass": "AzureServices"}}`))
	r.Protect = true
	return r
}

func blobService() Resource { return real(TypeBlobService, handBlobService) }

func handBlobService() Resource {
	return res(TypeBlobService, "global-storage-blob", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "blobServicesName": "default", "resourceGroupName": "rg-starfall-prod-global",
		"deleteRetentionPolicy": {"enabled": true, "days": 30},
		"containerDeleteRetentionPolicy": {"enabled": true, "days": 30},
		"isVersioningEnabled": true}`))
}

func blobContainer() Resource { return real(TypeBlobContainer, handBlobContainer) }

func handBlobContainer() Resource {
	return res(TypeBlobContainer, "global-storage-patches", "", obj(`{
		"accountName": "stbuildstarfallprod1a2b", "containerName": "patches", "publicAccess": "None"}`))
}

func cluster() Resource { return real(TypeManagedCluster, handCluster) }

// clusterIn is the real cluster as another region's.
func clusterIn(region string) Resource {
	return renamed(cluster(), region+"-cluster-aks", region)
}

func handCluster() Resource {
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
			"nodeTaints": ["CriticalAddonsOnly=true:NoSchedule"]},
			{"name": "game0", "mode": "User", "vmSize": "Standard_F16s_v2", "enableAutoScaling": true, "minCount": 40, "maxCount": 250,
			"count": 40, "availabilityZones": ["1", "2", "3"], "enableNodePublicIP": true,
			"nodePublicIPPrefixID": "/subscriptions/x/publicIPPrefixes/ippre-starfall-prod-jpe",
			"vnetSubnetID": "/subscriptions/x/subnets/snet-game"}]}`))
}

// agentPool is the real first game pool, an AgentPool resource of its cluster.
func agentPool() Resource { return real(TypeAgentPool, nil) }

// poolsIn are copies of the real game pool as the region's three game pools (prod's
// japaneast has three).
func poolsIn(region string) []Resource {
	var out []Resource
	for _, n := range []string{"game1", "game2", "game3"} {
		out = append(out, renamed(with(agentPool(), "agentPoolName", n), region+"-cluster-"+n, region))
	}
	return out
}

func gameNSG() Resource { return real(TypeNSG, handGameNSG) }

func handGameNSG() Resource {
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

// systemNSG is the real game NSG as a system subnet's: its Internet allow rules
// removed, its deny rules kept.
func systemNSG() Resource {
	r := renamed(gameNSG(), "japaneast-network-nsg-system", "japaneast")
	r.Inputs["networkSecurityGroupName"] = "nsg-starfall-prod-jpe-system"
	var kept []any
	rules, _ := r.Inputs["securityRules"].([]any)
	for _, e := range rules {
		if m, ok := e.(map[string]any); ok && m["access"] == "Deny" {
			kept = append(kept, m)
		}
	}
	r.Inputs["securityRules"] = kept
	return r
}

func securityRule(inputs string) Resource {
	return res(TypeSecurityRule, "japaneast-network-extra-rule", "japaneast", obj(inputs))
}

func keyVault() Resource { return real(TypeKeyVault, handKeyVault) }

func handKeyVault() Resource {
	r := res(TypeKeyVault, "global-keyvault", "", obj(`{
		"vaultName": "kv-starfall-prod-1a2b", "location": "japaneast", "resourceGroupName": "rg-starfall-prod-global",
		"properties": {"tenantId": "33333333-3333-3333-3333-333333333333", "sku": {"family": "A", "name": "standard"},
			"enableRbacAuthorization": true, "enablePurgeProtection": true, "enableSoftDelete": true,
			"softDeleteRetentionInDays": 90, "publicNetworkAccess": "Disabled",
			"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices"}}}`))
	r.Protect = true
	return r
}

func acrRegistry() Resource { return real(TypeRegistry, handRegistry) }

func handRegistry() Resource {
	r := res(TypeRegistry, "global-registry", "", obj(`{
		"registryName": "acrstarfallprod1a2b", "location": "japaneast", "resourceGroupName": "rg-starfall-prod-global",
		"sku": {"name": "Premium"}, "adminUserEnabled": false, "publicNetworkAccess": "Enabled", "zoneRedundancy": "Enabled"}`))
	r.Protect = true
	return r
}

func route() Resource { return real(TypeRoute, handRoute) }

func handRoute() Resource {
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

func wafPolicy() Resource { return real(TypeFrontDoorWAF, handWAF) }

func handWAF() Resource {
	return res(TypeFrontDoorWAF, "global-cdn-waf", "", obj(`{
		"policyName": "wafstarfallprod", "location": "global", "resourceGroupName": "rg-starfall-prod-global",
		"sku": {"name": "Premium_AzureFrontDoor"},
		"policySettings": {"enabledState": "Enabled", "mode": "Prevention"}}`))
}

func afdEndpoint(name string) Resource {
	r := renamed(real(TypeAFDEndpoint, nil), "global-cdn-"+name, "")
	r.Inputs["endpointName"] = "fde-" + name + "-starfall-prod"
	return r
}

func securityPolicyFor(endpoints ...Resource) Resource {
	r := real(TypeSecurityPolicy, nil)
	var domains []any
	var deps []string
	for _, ep := range endpoints {
		domains = append(domains, map[string]any{"id": "/subscriptions/x/providers/Microsoft.Cdn/aFDEndpoints/" + ep.Inputs["endpointName"].(string)})
		deps = append(deps, ep.URN)
	}
	assoc, _ := lookup(r.Inputs, "parameters.associations")
	list, _ := asList(assoc)
	first, _ := asMap(list[0])
	first["domains"] = domains
	r.Inputs["parameters"].(map[string]any)["associations"] = []any{first}
	r.Dependencies = deps
	r.PropertyDependencies = map[string][]string{"parameters": deps}
	return r
}

// previewSecurityPolicy is a WAF security policy as a preview of a fresh stack sees
// it: the WAF policy's and the endpoints' IDs are unknown, and the property
// dependencies of parameters name the resources they come from (waf first).
func previewSecurityPolicy(waf Resource, endpoints ...Resource) Resource {
	r := securityPolicyFor(endpoints...)
	deps := []string{waf.URN}
	var domains []any
	for _, ep := range endpoints {
		domains = append(domains, map[string]any{"id": Unknown})
		deps = append(deps, ep.URN)
	}
	r = with(r, "parameters.wafPolicy.id", Unknown)
	assoc, _ := lookup(r.Inputs, "parameters.associations")
	list, _ := asList(assoc)
	first, _ := asMap(list[0])
	first["domains"] = domains
	r.Dependencies = deps
	r.PropertyDependencies = map[string][]string{"parameters": deps}
	return r
}

func vnet(region, cidr string) Resource {
	r := renamed(real(TypeVirtualNetwork, func() Resource {
		return res(TypeVirtualNetwork, "x", "", map[string]any{"virtualNetworkName": "vnet-starfall-prod", "location": "x"})
	}), region+"-network-vnet", region)
	r.Inputs["virtualNetworkName"] = "vnet-starfall-prod-" + region
	r.Inputs["addressSpace"] = map[string]any{"addressPrefixes": []any{cidr}}
	return r
}

func entryIP(region string) Resource {
	r := renamed(real(TypePublicIP, nil), region+"-entry-ip", region)
	r.Inputs["publicIpAddressName"] = "pip-entry-starfall-prod-" + region
	r.Inputs["dnsSettings"] = map[string]any{"domainNameLabel": "starfall-prod-" + region}
	return r
}

func tmEndpoint(ip Resource) Resource {
	r := renamed(real(TypeTrafficEndpoint, nil), "global-routing-ep-"+ip.Region, "")
	r.Inputs["endpointName"] = ip.Region
	r.Inputs["endpointLocation"] = ip.Region
	r.Inputs["targetResourceId"] = "/subscriptions/x/publicIPAddresses/" + ip.Inputs["publicIpAddressName"].(string)
	r.Dependencies = []string{ip.URN}
	r.PropertyDependencies = map[string][]string{"targetResourceId": {ip.URN}}
	return r
}

func afdOrigin(ip Resource) Resource {
	r := renamed(real(TypeAFDOrigin, nil), "global-cdn-api-"+ip.Region, "")
	host := "starfall-prod-" + ip.Region + "." + ip.Region + ".cloudapp.azure.com"
	r.Inputs["originName"] = ip.Region
	r.Inputs["hostName"] = host
	r.Inputs["originHostHeader"] = host
	r.Dependencies = []string{ip.URN}
	r.PropertyDependencies = map[string][]string{"hostName": {ip.URN}, "originHostHeader": {ip.URN}}
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
	return &Env{Stack: testStack, Game: "starfall", Tier: tier, GamePorts: spec.PortRange{Start: 7000, End: 7999, QoSPort: 3075}}
}

func cosmosAccount() Resource { return real(TypeCosmosAccount, handCosmosAccount) }

func handCosmosAccount() Resource {
	r := res(TypeCosmosAccount, "global-playerdata-account", "", obj(`{
		"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts",
		"resourceName": "cosmos-starfall-prod", "resourceGroupName": "rg-starfall-prod-global", "apiVersion": "2024-11-15",
		"location": "japaneast", "kind": "GlobalDocumentDB",
		"properties": {"databaseAccountOfferType": "Standard", "enableMultipleWriteLocations": true, "enableAutomaticFailover": true,
			"consistencyPolicy": {"defaultConsistencyLevel": "Session"}, "disableLocalAuth": true, "disableKeyBasedMetadataWriteAccess": true,
			"publicNetworkAccess": "Disabled", "networkAclBypass": "None", "minimalTlsVersion": "Tls12",
			"backupPolicy": {"type": "Continuous", "continuousModeProperties": {"tier": "Continuous30Days"}},
			"locations": [
				{"locationName": "japaneast", "failoverPriority": 0, "isZoneRedundant": true},
				{"locationName": "japanwest", "failoverPriority": 1, "isZoneRedundant": true},
				{"locationName": "koreacentral", "failoverPriority": 2, "isZoneRedundant": true},
				{"locationName": "westeurope", "failoverPriority": 3, "isZoneRedundant": true},
				{"locationName": "northeurope", "failoverPriority": 4, "isZoneRedundant": true},
				{"locationName": "eastus2", "failoverPriority": 5, "isZoneRedundant": true},
				{"locationName": "westus2", "failoverPriority": 6, "isZoneRedundant": true}]}}`))
	r.Protect = true
	return r
}
