package rules

import (
	"fmt"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Cosmos DB types, declared through the generic resource (catalog.Resolve).
var (
	TypeCosmosAccount   = catalog.GenericKey(catalog.ARMCosmosAccount)
	TypeCosmosDatabase  = catalog.GenericKey(catalog.ARMCosmosSQLDatabase)
	TypeCosmosContainer = catalog.GenericKey(catalog.ARMCosmosSQLContainer)
	TypeCosmosRoleGrant = catalog.GenericKey(catalog.ARMCosmosSQLRoleAssign)
)

// Built-in Cosmos DB data-plane roles a workload may be granted.
var cosmosDataRoles = map[string]string{
	"00000000-0000-0000-0000-000000000001": "Cosmos DB Built-in Data Reader",
	"00000000-0000-0000-0000-000000000002": "Cosmos DB Built-in Data Contributor",
}

func init() {
	register(
		&Policy{
			Name:        "cosmos-local-auth-disabled",
			Description: "Cosmos DB accounts turn key-based (local) auth off: data-plane access is by Entra ID and Cosmos DB RBAC only.",
			Category:    Security,
			Types:       []string{TypeCosmosAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				// NOTE: Azure's default is false (keys work), so an unset value fails.
				requireBool(rep, r, "properties.disableLocalAuth", true, false, "no account keys or resource tokens; workloads sign in with their identity")
			},
		},
		&Policy{
			Name:        "cosmos-public-access",
			Description: "Cosmos DB accounts in the tiers without public player-data access (prod; tier profile: PlayerData.PublicNetworkAccess) disable public network access; each region reaches the account through its own private endpoint.",
			Category:    Security,
			Types:       []string{TypeCosmosAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if e.Profile(r).PlayerData.PublicNetworkAccess {
					return
				}
				// NOTE: Azure's default is Enabled.
				requireOneOf(rep, r, "properties.publicNetworkAccess", []string{"Disabled"}, false, fmt.Sprintf("player data is reachable only through each region's private endpoint in %s", e.TierOf(r)))
			},
		},
		&Policy{
			Name:        "cosmos-write-regions",
			Description: "Cosmos DB accounts write in every region of the environment: multi-region writes on and a location for each of the environment's regions, so every region's game backend writes locally.",
			Category:    Reliability,
			Types:       []string{TypeCosmosAccount},
			Resource:    checkCosmosWriteRegions,
		},
		&Policy{
			Name:        "cosmos-continuous-backup",
			Description: "Cosmos DB accounts use continuous backup with at least the tier's retention (tier profile: PlayerData.BackupPolicy; Continuous30Days in prod), for point-in-time restore after a bad release.",
			Category:    DataSafety,
			Types:       []string{TypeCosmosAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "properties.backupPolicy.type", []string{"Continuous"}, false, "point-in-time restore")
				allowed := []string{tier.Continuous30Days}
				if e.Profile(r).PlayerData.BackupPolicy == tier.Continuous7Days {
					allowed = []string{tier.Continuous7Days, tier.Continuous30Days}
				}
				if v, st := r.get("properties.backupPolicy.type"); st == present && strings.EqualFold(fmt.Sprint(v), "Continuous") {
					// NOTE: Azure's default continuous tier is Continuous30Days.
					requireOneOf(rep, r, "properties.backupPolicy.continuousModeProperties.tier", allowed, true, fmt.Sprintf("restore window of the %s tier", e.TierOf(r)))
				}
			},
		},
		&Policy{
			Name:        "cosmos-zone-redundancy",
			Description: "Cosmos DB locations are zone redundant in every region with availability zones in the tiers that spread over zones (prod; tier profile: PlayerData.ZoneRedundant).",
			Category:    Reliability,
			Types:       []string{TypeCosmosAccount},
			Resource:    checkCosmosZones,
		},
		&Policy{
			Name:        "cosmos-data-role-narrow",
			Description: "Cosmos DB data-plane role assignments grant a built-in data role (Data Reader or Data Contributor) at a database or container, never the whole account or a custom role.",
			Category:    Security,
			Types:       []string{TypeCosmosRoleGrant},
			Resource:    checkCosmosDataRole,
		},
		&Policy{
			Name:        "cosmos-consistency",
			Description: "Cosmos DB accounts with multi-region writes use a consistency level Azure offers with them (never Strong).",
			Category:    Reliability,
			Types:       []string{TypeCosmosAccount},
			Resource:    checkCosmosConsistency,
		},
	)
}

// cosmosLocations returns the account's location names, or reports why they cannot
// be read (ok false).
func cosmosLocations(r *Resource, rep *Reporter, why string) (locs []map[string]any, ok bool) {
	v, st := r.get("properties.locations")
	switch st {
	case unknown:
		rep.Undecided("%s: properties.locations is unknown at preview, so %s cannot be confirmed", r.label(), why)
		return nil, false
	case missing:
		rep.Report("%s: properties.locations is not set; expected a location per region (%s)", r.label(), why)
		return nil, false
	}
	list, isList := v.([]any)
	if !isList {
		rep.Report("%s: properties.locations is %s; expected a list of locations", r.label(), fmtValue(v))
		return nil, false
	}
	for i, e := range list {
		m, isMap := asMap(e)
		if !isMap {
			if hasOpaque(e) {
				rep.Undecided("%s: properties.locations[%d] is unknown at preview, so %s cannot be confirmed", r.label(), i, why)
			} else {
				rep.Report("%s: properties.locations[%d] is %s; expected an object", r.label(), i, fmtValue(e))
			}
			return nil, false
		}
		locs = append(locs, m)
	}
	return locs, true
}

func checkCosmosWriteRegions(e *Env, r *Resource, rep *Reporter) {
	requireBool(rep, r, "properties.enableMultipleWriteLocations", true, false, "every region writes locally")
	locs, ok := cosmosLocations(r, rep, "a write region in every region of the environment")
	if !ok {
		return
	}
	have := map[string]bool{}
	for i, l := range locs {
		n, st := lookup(l, "locationName")
		switch {
		case st == unknown:
			rep.Undecided("%s: properties.locations[%d].locationName is unknown at preview, so the account's regions cannot be confirmed", r.label(), i)
			return
		case st == missing:
			rep.Report("%s: properties.locations[%d] has no locationName", r.label(), i)
			continue
		}
		s, _ := asString(n)
		have[spec.NormalizeRegion(s)] = true
	}
	var missingRegions []string
	for _, reg := range e.Regions {
		if !have[spec.NormalizeRegion(reg)] {
			missingRegions = append(missingRegions, reg)
		}
	}
	if len(missingRegions) > 0 {
		rep.Report("%s: no location in %s; expected a write region in every region of the environment (%s) so each region's game backend writes player data locally", r.label(), strings.Join(missingRegions, ", "), strings.Join(e.Regions, ", "))
	}
}

func checkCosmosZones(e *Env, r *Resource, rep *Reporter) {
	if !e.Profile(r).PlayerData.ZoneRedundant {
		return
	}
	locs, ok := cosmosLocations(r, rep, "zone redundancy")
	if !ok {
		return
	}
	for i, l := range locs {
		n, nst := lookup(l, "locationName")
		if nst == unknown {
			rep.Undecided("%s: properties.locations[%d].locationName is unknown at preview, so its zone redundancy cannot be judged", r.label(), i)
			continue
		}
		name, _ := asString(n)
		if info, known := spec.Regions[spec.NormalizeRegion(name)]; known && !info.Zones {
			continue // the region has no availability zones
		}
		z, zst := lookup(l, "isZoneRedundant")
		switch zst {
		case unknown:
			rep.Undecided("%s: properties.locations[%d].isZoneRedundant is unknown at preview, so zone redundancy in %s cannot be confirmed", r.label(), i, name)
		case missing:
			rep.Report("%s: properties.locations[%d] (%s) is not zone redundant (isZoneRedundant not set); expected true in %s, where the region has availability zones", r.label(), i, name, e.TierOf(r))
		default:
			if b, _ := asBool(z); !b {
				rep.Report("%s: properties.locations[%d] (%s) has isZoneRedundant %s; expected true in %s, where the region has availability zones", r.label(), i, name, fmtValue(z), e.TierOf(r))
			}
		}
	}
}

func checkCosmosConsistency(e *Env, r *Resource, rep *Reporter) {
	level, lst := r.get("properties.consistencyPolicy.defaultConsistencyLevel")
	multi, mst := r.get("properties.enableMultipleWriteLocations")
	if lst == unknown {
		rep.Undecided("%s: properties.consistencyPolicy.defaultConsistencyLevel is unknown at preview; expected a level multi-region writes support (not Strong)", r.label())
		return
	}
	s, _ := asString(level)
	if lst == missing || !strings.EqualFold(s, spec.ConsistencyStrong) {
		return // Azure's default is Session
	}
	switch mst {
	case unknown:
		rep.Undecided("%s: consistency is Strong and properties.enableMultipleWriteLocations is unknown at preview; Strong is refused with multi-region writes", r.label())
	case present:
		if b, _ := asBool(multi); b {
			rep.Report("%s: properties.consistencyPolicy.defaultConsistencyLevel is \"Strong\" with multi-region writes; expected one of %s (Azure does not offer Strong when every region writes)", r.label(), strings.Join(spec.ConsistencyLevels, ", "))
		}
	}
}

func checkCosmosDataRole(e *Env, r *Resource, rep *Reporter) {
	role, rst := r.get("properties.roleDefinitionId")
	switch rst {
	case unknown:
		rep.Undecided("%s: properties.roleDefinitionId is unknown at preview, so the granted role cannot be judged", r.label())
	case missing:
		rep.Report("%s: properties.roleDefinitionId is not set", r.label())
	default:
		s, _ := asString(role)
		guid := s[strings.LastIndex(s, "/")+1:]
		if _, ok := cosmosDataRoles[strings.ToLower(guid)]; !ok || !strings.Contains(strings.ToLower(s), "/sqlroledefinitions/") {
			rep.Report("%s: grants role %s; expected a built-in data role (Data Reader ...0001 or Data Contributor ...0002)", r.label(), fmtValue(role))
		}
	}
	scope, sst := r.get("properties.scope")
	switch sst {
	case unknown:
		rep.Undecided("%s: properties.scope is unknown at preview, so the grant's scope cannot be judged", r.label())
	case missing:
		rep.Report("%s: properties.scope is not set; expected a database (<account ID>/dbs/<database>)", r.label())
	default:
		s, _ := asString(scope)
		if !strings.Contains(s, "/dbs/") {
			rep.Report("%s: is scoped to %s; expected a database or container (<account ID>/dbs/<database>), not the whole account", r.label(), fmtValue(scope))
		}
	}
}
