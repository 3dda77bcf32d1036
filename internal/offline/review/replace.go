package review

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
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
//  3. The per-type lists of the resource-type catalogue (internal/model/catalog,
//     Entry.ReplaceOn), each with the Azure behaviour that makes it force a new
//     resource.
//
// Storage account SKUs are special: Azure converts between LRS, GRS and RA-GRS in
// place, but not between Standard and Premium, and not into or out of the
// zone-redundant family (ZRS, GZRS, RA-GZRS needs a conversion/migration, which the
// provider performs as delete + create) — see storageSKUForcesNew.
//
// A preview from the real engine carries the provider's own verdict (replaceReasons);
// none of this is used for it.

// notIdentifying are top-level "…Name" inputs that are ordinary, updatable properties
// rather than ARM ID segments (a Front Door origin's hostName can change in place).
var notIdentifying = map[string]bool{"hostName": true, "displayName": true, "friendlyName": true}

// replaceReason returns why changing the input at path forces a new resource of
// type typ ("" when it does not), judged offline from the rules above. oldV and newV
// are the plain old and new values at path (nil when absent).
func replaceReason(typ, path string, oldV, newV any) string {
	typ = catalog.BaseType(typ) // azure-native:containerservice/v20240801:… is the same type
	var forceNew []string
	if e, ok := catalog.Lookup(typ); ok {
		forceNew = e.ReplaceOn
	}
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
	for _, p := range forceNew {
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
	out := map[string][]string{}
	for _, e := range catalog.Entries() {
		if len(e.ReplaceOn) > 0 {
			c := append([]string{}, e.ReplaceOn...)
			sort.Strings(c)
			out[e.Type] = c
		}
	}
	return out
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}
