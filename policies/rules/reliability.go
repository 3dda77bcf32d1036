package rules

import (
	"fmt"
	"sort"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

func init() {
	register(
		&Policy{
			Name:        "aks-zones",
			Description: "AKS node pools in the zonal tiers (prod; tier profile: Zones) spread over the region's three availability zones.",
			Category:    Reliability,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkAKSZones,
		},
		&Policy{
			Name:        "storage-redundancy",
			Description: "Storage accounts in the tiers that require redundancy (prod; tier profile: Storage.RedundancyRequired) are zone- or geo-redundant (ZRS, GRS, RA-GRS, GZRS, RA-GZRS).",
			Category:    Reliability,
			Types:       []string{TypeStorageAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if !e.Profile(r).Storage.RedundancyRequired {
					return
				}
				requireOneOf(rep, r, "sku.name", redundantStorageSKUs, false, fmt.Sprintf("%s data survives a zone or region outage", e.TierOf(r)))
			},
		},
		&Policy{
			Name:        "aks-sla-tier",
			Description: "AKS clusters in the tiers on a paid control plane (staging, prod; tier profile: AKSTier) use the Standard (uptime SLA) or Premium tier.",
			Category:    Reliability,
			Types:       []string{TypeManagedCluster},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if e.Profile(r).AKSTier == tier.AKSFree {
					return
				}
				requireOneOf(rep, r, "sku.tier", []string{"Standard", "Premium"}, false, fmt.Sprintf("the API server has a financially backed SLA in %s", e.TierOf(r)))
			},
		},
		&Policy{
			Name:        "aks-system-pool-size",
			Description: "AKS system node pools keep at least the tier's minimum (3 in prod, one per zone; tier profile: SystemPool).",
			Category:    Reliability,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkSystemPool,
		},
		&Policy{
			Name:        "blob-soft-delete-versioning",
			Description: "Blob services keep blob and container soft delete for at least the tier's retention (tier profile: Storage.SoftDeleteDays) and blob versioning on.",
			Category:    Reliability,
			Types:       []string{TypeBlobService},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				min := float64(e.Profile(r).Storage.SoftDeleteDays)
				for _, p := range []string{"deleteRetentionPolicy", "containerDeleteRetentionPolicy"} {
					requireBool(rep, r, p+".enabled", true, false, "deleted data can be restored")
					if v, st := r.get(p + ".enabled"); st == present {
						if b, _ := asBool(v); b {
							requireMinNumber(rep, r, p+".days", min, 7, "retention in days")
						}
					}
				}
				requireBool(rep, r, "isVersioningEnabled", true, false, "overwritten builds and patches can be restored")
			},
		},
	)
}

var redundantStorageSKUs = []string{"Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS", "Premium_ZRS"}

// regionOf returns a resource's region: its region subtree, else its location.
func regionOf(r *Resource) string {
	if r.Region != "" {
		return r.Region
	}
	return r.location()
}

func checkAKSZones(e *Env, r *Resource, rep *Reporter) {
	if !e.Profile(r).Zones {
		return
	}
	region := regionOf(r)
	if info, ok := spec.Regions[region]; ok && !info.Zones {
		return // NOTE: a region without availability zones cannot spread pools.
	}
	want := []string{"1", "2", "3"}
	for _, p := range pools(r) {
		v, st := p.get("availabilityZones")
		switch st {
		case unknown:
			rep.Undecided("%s: %s availabilityZones is unknown at preview; expected %v", r.label(), p.path, want)
			continue
		case missing:
			rep.Report("%s: %s has no availabilityZones; expected %v (nodes spread over zones in prod)", r.label(), p.path, want)
			continue
		}
		zones, ok := asStrings(v)
		if ok && hasOpaque(v) {
			rep.Undecided("%s: %s availabilityZones %s is unknown at preview; expected %v", r.label(), p.path, fmtValue(v), want)
			continue
		}
		if !ok {
			rep.Report("%s: %s availabilityZones is %s; expected %v", r.label(), p.path, fmtValue(v), want)
			continue
		}
		got := map[string]bool{}
		for _, z := range zones {
			got[z] = true
		}
		if len(got) < len(want) {
			z := sortedStrings(got)
			sort.Strings(z)
			rep.Report("%s: %s spans zones %v; expected %v (nodes spread over zones in prod)", r.label(), p.path, z, want)
		}
	}
}

func checkSystemPool(e *Env, r *Resource, rep *Reporter) {
	// NOTE: Azure itself refuses a system pool of no nodes; the rule matters where the
	// tier asks for more (one per zone).
	least, t := e.Profile(r).SystemPool[0], e.TierOf(r)
	if least <= 1 {
		return
	}
	for _, p := range pools(r) {
		sys, st := p.isSystem()
		if st == unknown {
			rep.Undecided("%s: %s mode is unknown at preview, so its size cannot be checked; a System pool needs at least %d nodes in %s", r.label(), p.path, least, t)
			continue
		}
		if !sys {
			continue
		}
		lo, _, nst := p.nodeCounts()
		switch nst {
		case unknown:
			rep.Undecided("%s: system %s node count is unknown at preview; expected at least %d nodes in %s", r.label(), p.path, least, t)
		case missing:
			rep.Report("%s: system %s sets no node count (count, or minCount with autoscaling); expected at least %d nodes in %s", r.label(), p.path, least, t)
		default:
			if lo < float64(least) {
				rep.Report("%s: system %s keeps %s node(s); expected at least %d in %s (one per zone)", r.label(), p.path, fmt.Sprint(lo), least, t)
			}
		}
	}
}
