package rules

import (
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

func init() {
	register(&Policy{
		Name:        "location-matches-region",
		Description: "Every resource is deployed where it belongs (its type's placement in the resource-type catalogue): a resource of a region's stamp in that region, an environment-wide one in the environment's primary (first) region or, for a per-region one, any of its regions, a global service at \"global\"; an allowed region is not enough.",
		Category:    Governance,
		Stack:       checkLocationMatchesRegion,
	})
}

// checkLocationMatchesRegion compares each resource's location input with where its
// type is placed (catalog.Entry.Placement) and the region it belongs to: the region
// component it sits under. A regional stamp's VNet in another (even allowed) region
// would leave that region without its network and put traffic, data and quota in
// the wrong place; a Key Vault or storage account in a secondary region puts the
// environment's data where its private endpoints and the primary region's
// workloads do not expect it. Locations are an Azure notion: resources of other
// providers (Kubernetes, Helm) are not judged.
func checkLocationMatchesRegion(e *Env, rs []Resource, rep *Reporter) {
	byURN := make(map[string]*Resource, len(rs))
	for i := range rs {
		byURN[rs[i].URN] = &rs[i]
	}
	envRegions := environmentRegions(e, rs)
	primary := primaryRegion(e, rs, byURN)
	for i := range rs {
		r := &rs[i]
		if !r.Custom || !catalog.IsAzure(r.Type) {
			continue
		}
		v, st := r.get("location")
		if st == missing {
			continue
		}
		placement, known := catalog.NoLocation, false
		if entry, ok := catalog.Lookup(r.Type); ok {
			placement, known = entry.Placement, true
		}
		// "global" is right for a global service and wrong for a type the catalogue
		// places in a region; types it does not place may use either.
		globalOK := !known || placement == catalog.NoLocation || placement == catalog.Global
		home, regional := homeRegion(r, byURN)
		var want string
		switch {
		case placement == catalog.Global:
			want = `"global" (a global service)`
		case regional:
			want = `"` + home + `" (its region's stamp)`
		case placement == catalog.EnvironmentPrimary && primary != "":
			want = `"` + primary + `" (the environment's primary region, where environment-wide resources sit)`
		default:
			want = "one of the environment's regions (" + strings.Join(envRegions, ", ") + ")"
		}
		if globalOK && placement != catalog.Global {
			want += ` or "global"`
		}
		if st == unknown {
			rep.UndecidedOn(r.URN, "%s: location is unknown at preview; expected %s", r.label(), want)
			continue
		}
		s, _ := asString(v)
		loc := spec.NormalizeRegion(s)
		switch {
		case loc == "global" && globalOK:
		case placement == catalog.Global:
			rep.ReportOn(r.URN, "%s: location %q is not global; expected %s", r.label(), s, want)
		case loc == "global":
			rep.ReportOn(r.URN, "%s: location %q is not a region; expected %s", r.label(), s, want)
		case regional && loc == home:
		case regional:
			rep.ReportOn(r.URN, "%s: location %q is not its region: it belongs to the %s stamp; expected %s", r.label(), s, home, want)
		case placement == catalog.EnvironmentPrimary && primary != "" && loc == primary:
		case placement == catalog.EnvironmentPrimary && primary != "" && contains(envRegions, loc):
			rep.ReportOn(r.URN, "%s: location %q is not the environment's primary region; expected %s", r.label(), s, want)
		case !(placement == catalog.EnvironmentPrimary && primary != "") && contains(envRegions, loc):
		default:
			rep.ReportOn(r.URN, "%s: location %q is not a region of the environment; expected %s", r.label(), s, want)
		}
	}
}

// primaryRegion returns the environment's primary region, where the stacks place
// its environment-wide resources: the first region it declares. Without a declared
// list (a plan judged on its own, the pack under the CLI) it is the location of the
// environment-wide resource group, the first thing the stacks place there; "" when
// that is not known either.
func primaryRegion(e *Env, rs []Resource, byURN map[string]*Resource) string {
	if len(e.Regions) > 0 {
		return spec.NormalizeRegion(e.Regions[0])
	}
	found := ""
	for i := range rs {
		r := &rs[i]
		if !r.Custom || r.Type != TypeResourceGroup {
			continue
		}
		if _, regional := homeRegion(r, byURN); regional {
			continue
		}
		v, st := r.get("location")
		s, _ := asString(v)
		if st != present || s == "" {
			continue
		}
		if loc := spec.NormalizeRegion(s); found == "" {
			found = loc
		} else if found != loc {
			return "" // two environment-wide groups disagree: no single primary to judge by
		}
	}
	return found
}

// homeRegion returns the region whose stamp a resource belongs to: the name of the
// region component it sits under. regional is false for environment-wide resources.
// When the parent chain cannot be followed (a plan without its components), the
// region recorded for the resource decides.
func homeRegion(r *Resource, byURN map[string]*Resource) (region string, regional bool) {
	if reg, ok := regionFromParents(r, byURN); ok {
		return reg, reg != ""
	}
	return r.Region, r.Region != ""
}

// regionFromParents follows a resource's parents to the region component it sits
// under: its name, "" for an environment-wide resource, ok false when the chain
// leaves the resources given.
func regionFromParents(r *Resource, byURN map[string]*Resource) (region string, ok bool) {
	cur := r
	for hops := 0; hops < 64; hops++ {
		if cur.Type == plan.RegionComponentType {
			return cur.Name, true
		}
		if cur.Parent == "" || urnType(cur.Parent) == "pulumi:pulumi:Stack" {
			return "", true
		}
		next, found := byURN[cur.Parent]
		if !found {
			return "", false
		}
		cur = next
	}
	return "", false
}

// AttributeRegions sets each resource's Region to the region component it sits
// under ("" for environment-wide resources), as the offline plan records it, where
// the parent chain can be followed. The analyzer knows only a resource's location;
// with the whole stack at hand, stack rules see the same regions in both places.
func AttributeRegions(rs []Resource) {
	byURN := make(map[string]*Resource, len(rs))
	for i := range rs {
		byURN[rs[i].URN] = &rs[i]
	}
	regions := make([]string, len(rs))
	found := make([]bool, len(rs))
	for i := range rs {
		regions[i], found[i] = regionFromParents(&rs[i], byURN)
	}
	for i := range rs {
		if found[i] {
			rs[i].Region = regions[i]
		}
	}
}

// urnType returns the type token of a URN (the last element of its qualified type):
// "urn:pulumi:s::p::a$b$t::name" → "t".
func urnType(urn string) string {
	parts := strings.SplitN(urn, "::", 4)
	if len(parts) < 3 {
		return ""
	}
	q := parts[2]
	return q[strings.LastIndex(q, "$")+1:]
}

// environmentRegions returns the environment's regions: as declared, else the
// regions of its region components, else those its resources were recorded in.
func environmentRegions(e *Env, rs []Resource) []string {
	if len(e.Regions) > 0 {
		return e.Regions
	}
	seen := map[string]bool{}
	for i := range rs {
		if rs[i].Type == plan.RegionComponentType {
			seen[rs[i].Name] = true
		}
	}
	if len(seen) == 0 {
		for i := range rs {
			if rs[i].Region != "" {
				seen[rs[i].Region] = true
			}
		}
	}
	return sortedStrings(seen)
}
