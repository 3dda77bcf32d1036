package review

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// Replacement inference for offline diffs.
//
// The inference is OFFLINE: two plans say what the inputs were and what they will be,
// but nothing asks Azure (or the azure-native provider's Diff) whether a change can be
// applied in place. So a change is classified as a replacement when it touches a
// property that Azure cannot change on an existing resource. The rules are:
//
//  1. location — every ARM resource is pinned to the region it was created in.
//  2. Top-level inputs named "…Name" (resourceGroupName, accountName, vaultName,
//     registryName, resourceName, subnetName, …) — in azure-native these are the
//     segments of the resource's ARM ID (path parameters); a different value is a
//     different resource. Resource group moves are not modelled by the provider either.
//  3. The per-type lists in forceNew below, each entry with the Azure behaviour that
//     makes it force a new resource.
//
// Storage account SKUs are special: Azure converts between LRS, GRS and RA-GRS in
// place, but not between Standard and Premium, and not into or out of the
// zone-redundant family (ZRS, GZRS, RA-GZRS needs a conversion/migration, which the
// provider performs as delete + create) — see storageSKUForcesNew.
//
// A preview from the real engine carries the provider's own verdict (replaceReasons);
// none of this is used for it.

// forceNew lists, per azure-native type token, input paths (dotted, "[]" for any array
// element) whose change forces a new resource in Azure beyond rules 1 and 2.
var forceNew = map[string][]string{
	// Storage: the account kind (other than the Storage → StorageV2 upgrade, which this
	// platform never needs), hierarchical namespace, infrastructure encryption and
	// the NFSv3/SFTP-relevant flags are fixed at creation.
	"azure-native:storage:StorageAccount": {
		"kind",
		"isHnsEnabled",
		"encryption.requireInfrastructureEncryption",
		"enableNfsV3",
	},
	// AKS: the API server's DNS prefix / FQDN subdomain, the node resource group and
	// the network model (plugin, plugin mode, pod/service CIDRs, DNS service IP) are
	// fixed at creation; so are private-cluster mode and the Linux admin user.
	"azure-native:containerservice:ManagedCluster": {
		"dnsPrefix",
		"fqdnSubdomain",
		"nodeResourceGroup",
		"networkProfile.networkPlugin",
		"networkProfile.networkPluginMode",
		"networkProfile.podCidr",
		"networkProfile.serviceCidr",
		"networkProfile.dnsServiceIP",
		"apiServerAccessProfile.enablePrivateCluster",
		"linuxProfile.adminUsername",
	},
	// AKS node pools: the VM size, OS disk, zones, subnet, max pods, node public IP
	// settings and priority (spot vs regular) of a pool cannot change; AKS needs a new pool.
	"azure-native:containerservice:AgentPool": {
		"vmSize",
		"osDiskSizeGB",
		"osDiskType",
		"osType",
		"availabilityZones",
		"vnetSubnetID",
		"podSubnetID",
		"maxPods",
		"enableNodePublicIP",
		"nodePublicIPPrefixID",
		"scaleSetPriority",
		"kubeletConfig",
	},
	// Subnet address prefixes cannot be changed while anything is attached to the
	// subnet (always the case for the platform's node and endpoint subnets), so a new
	// prefix means emptying and re-creating the subnet.
	"azure-native:network:Subnet": {
		"addressPrefix",
		"addressPrefixes",
	},
	// Public IPs and prefixes: SKU, IP version, zones and the prefix length are fixed
	// at creation (a different value is a different address — player-facing).
	"azure-native:network:PublicIPAddress": {
		"sku.name",
		"sku.tier",
		"publicIPAddressVersion",
		"zones",
		"publicIPPrefix.id",
	},
	"azure-native:network:PublicIPPrefix": {
		"sku.name",
		"sku.tier",
		"prefixLength",
		"publicIPAddressVersion",
		"zones",
	},
	"azure-native:network:NatGateway": {
		"zones",
	},
	// DNS zones: public vs private is fixed at creation.
	"azure-native:network:Zone": {
		"zoneType",
	},
	// Front Door: a Premium profile cannot be downgraded to Standard in place (and the
	// classic → Standard/Premium move is a migration), so any SKU change is flagged.
	"azure-native:cdn:Profile": {
		"sku.name",
	},
	"azure-native:cdn:AFDCustomDomain": {
		"hostName",
	},
	// Role assignments are immutable: principal, role and scope identify them.
	"azure-native:authorization:RoleAssignment": {
		"principalId",
		"principalType",
		"roleDefinitionId",
		"scope",
	},
	// A diagnostic setting belongs to the resource it is attached to.
	"azure-native:insights:DiagnosticSetting": {
		"resourceUri",
	},
	// Private endpoints cannot move subnets or change their target.
	"azure-native:network:PrivateEndpoint": {
		"subnet.id",
		"privateLinkServiceConnections",
	},
	// Key Vault: the tenant of a vault can only be changed by a tenant move, not an
	// ARM update of the vault.
	"azure-native:keyvault:Vault": {
		"properties.tenantId",
	},
}

// notIdentifying are top-level "…Name" inputs that are ordinary, updatable properties
// rather than ARM ID segments (a Front Door origin's hostName can change in place).
var notIdentifying = map[string]bool{"hostName": true, "displayName": true, "friendlyName": true}

// replaceReason returns why changing the input at path forces a new resource of
// type typ ("" when it does not), judged offline from the rules above. oldV and newV
// are the plain old and new values at path (nil when absent).
func replaceReason(typ, path string, oldV, newV any) string {
	typ = plan.BaseType(typ) // azure-native:containerservice/v20240801:… is the same type
	top := path
	if i := strings.IndexAny(path, ".["); i >= 0 {
		top = path[:i]
	}
	switch {
	case top == "location":
		return "the region is fixed at creation"
	case top == path && (top == "name" || strings.HasSuffix(top, "Name")) && !notIdentifying[top]:
		return "part of the resource ID"
	}
	if typ == "azure-native:storage:StorageAccount" && path == "sku.name" {
		if storageSKUForcesNew(str(oldV), str(newV)) {
			return str(oldV) + " → " + str(newV) + " cannot be converted in place"
		}
		return ""
	}
	generic := genericPath(path)
	for _, p := range forceNew[typ] {
		if generic == p || strings.HasPrefix(generic, p+".") || strings.HasPrefix(generic, p+"[") {
			return "fixed at creation"
		}
	}
	return ""
}

// storageSKUForcesNew reports whether a storage account SKU change cannot be applied
// in place: Standard ↔ Premium, or into/out of the zone-redundant family.
func storageSKUForcesNew(oldSKU, newSKU string) bool {
	if oldSKU == "" || newSKU == "" || oldSKU == newSKU {
		return false
	}
	perf := func(s string) string { p, _, _ := strings.Cut(s, "_"); return p }
	zonal := func(s string) bool {
		_, red, _ := strings.Cut(s, "_")
		return strings.Contains(red, "ZRS")
	}
	return perf(oldSKU) != perf(newSKU) || zonal(oldSKU) != zonal(newSKU)
}

// genericPath drops array indices, as the rules name array properties without them:
// "agentPoolProfiles[0].vmSize" → "agentPoolProfiles.vmSize".
func genericPath(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ForceNewRules returns the per-type rule table (sorted copies), for documentation
// and tests.
func ForceNewRules() map[string][]string {
	out := make(map[string][]string, len(forceNew))
	for t, ps := range forceNew {
		c := append([]string{}, ps...)
		sort.Strings(c)
		out[t] = c
	}
	return out
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}
