package rules

import (
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypePrivateEndpoint is a private endpoint's type.
const TypePrivateEndpoint = "azure-native:network:PrivateEndpoint"

// privateGroups are the sub-resources every prod region reaches through its own
// private endpoint: storage's blob service and the vault, plus the registry when the
// stack has a Premium one (the only SKU with private endpoints).
func privateGroups(rs []Resource) []string {
	groups := []string{"blob", "vault"}
	for i := range rs {
		if rs[i].Type != TypeRegistry {
			continue
		}
		if v, st := rs[i].get("sku.name"); st == present {
			if s, ok := asString(v); ok && s == tier.RegistryPremium {
				return append(groups, "registry")
			}
		}
	}
	return groups
}

func init() {
	register(&Policy{
		Name:        "private-endpoints-per-region",
		Description: "In the tiers with regional private endpoints (prod; tier profile: Storage.RegionalPrivateEndpoints) every region reaches storage, the vault and the Premium registry through its own private endpoints, so no region depends on another's network.",
		Category:    Reliability,
		Stack: func(e *Env, rs []Resource, rep *Reporter) {
			if !tier.Of(e.EnforcementTier()).Storage.RegionalPrivateEndpoints {
				return
			}
			var needs []regionNeed
			for _, g := range privateGroups(rs) {
				needs = append(needs, regionNeed{what: g + " private endpoint", places: privateEndpointPlaces(g)})
			}
			checkPerRegion(e, rs, rep, needs)
		},
	})
}

// privateEndpointPlaces finds the regions of private endpoints to a sub-resource
// (group ID): the region subtree offline, the location input under the CLI.
func privateEndpointPlaces(group string) func(*Resource, map[string]*Resource) ([]string, bool) {
	return func(r *Resource, byURN map[string]*Resource) ([]string, bool) {
		if r.Type != TypePrivateEndpoint {
			return nil, false
		}
		g, st := firstGroupID(r)
		if st == unknown {
			return nil, true
		}
		if st != present || g != group {
			return nil, false
		}
		if r.Region != "" {
			return []string{r.Region}, false
		}
		loc, st := r.get("location")
		if st == unknown {
			return nil, true
		}
		if s, ok := asString(loc); ok && s != "" {
			return []string{spec.NormalizeRegion(s)}, false
		}
		return nil, false
	}
}

// firstGroupID is the group ID of a private endpoint's (first) connection.
func firstGroupID(r *Resource) (string, state) {
	v, st := r.get("privateLinkServiceConnections")
	if st != present {
		return "", st
	}
	conns, ok := v.([]any)
	if !ok || len(conns) == 0 {
		return "", missing
	}
	if isOpaque(conns[0]) {
		return "", unknown
	}
	conn, ok := conns[0].(map[string]any)
	if !ok {
		return "", missing
	}
	gv, st := lookup(conn, "groupIds")
	if st != present {
		return "", st
	}
	groups, ok := gv.([]any)
	if !ok || len(groups) == 0 {
		return "", missing
	}
	if isOpaque(groups[0]) {
		return "", unknown
	}
	g, ok := asString(groups[0])
	if !ok {
		return "", missing
	}
	return g, present
}
