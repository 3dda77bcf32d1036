package rules

import (
	"fmt"
	"strings"
)

func init() {
	register(
		&Policy{
			Name:        "aks-no-spot-in-prod",
			Description: "AKS node pools in the tiers that forbid spot VMs (prod) run on regular VMs: a spot eviction ends every match on the node.",
			Category:    Reliability,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkNoSpot,
		},
		&Policy{
			Name:        "registry-sku",
			Description: "Container registries use their tier's SKU (Premium in prod, for geo-replication and zone redundancy; the same table the registry component reads).",
			Category:    Reliability,
			Types:       []string{TypeRegistry},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "sku.name", []string{e.Profile(r).RegistrySKU}, false, fmt.Sprintf("the %s registry SKU", e.TierOf(r)))
			},
		},
	)
}

// checkNoSpot reports node pools on spot VMs in a tier that does not allow them,
// with the environment validation's own rule (the tier profile's SpotAllowed).
func checkNoSpot(e *Env, r *Resource, rep *Reporter) {
	tier := e.TierOf(r)
	if e.Profile(r).SpotAllowed {
		return
	}
	for _, p := range pools(r) {
		v, st := p.get("scaleSetPriority")
		switch st {
		case unknown:
			rep.Undecided("%s: %s scaleSetPriority is unknown at preview; expected \"Regular\" (no spot VMs in %s)", r.label(), p.path, tier)
		case present:
			if s, _ := asString(v); !strings.EqualFold(s, "Regular") {
				rep.Report("%s: %s scaleSetPriority is %s; expected \"Regular\" (spot VMs are evicted mid-match and are not allowed in %s)", r.label(), p.path, fmtValue(v), tier)
			}
		}
		// NOTE: a pool without scaleSetPriority is Regular, Azure's default.
	}
}
