package rules

import (
	"strings"

	"github.com/gameplatform/platform/internal/offline/plan"
)

func init() {
	register(&Policy{
		Name:        "location-matches-region",
		Description: "Every resource is deployed where it belongs: a resource of a region's stamp in that region, an environment-wide resource in one of the environment's regions (or \"global\"); an allowed region is not enough.",
		Category:    Governance,
		Stack:       checkLocationMatchesRegion,
	})
}

// checkLocationMatchesRegion compares each resource's location input with the region
// it belongs to: the region component it sits under. A regional stamp's VNet in
// another (even allowed) region would leave that region without its network and
// put traffic, data and quota in the wrong place.
func checkLocationMatchesRegion(e *Env, rs []Resource, rep *Reporter) {
	byURN := make(map[string]*Resource, len(rs))
	for i := range rs {
		byURN[rs[i].URN] = &rs[i]
	}
	envRegions := environmentRegions(e, rs)
	for i := range rs {
		r := &rs[i]
		if !r.Custom {
			continue
		}
		v, st := r.get("location")
		if st == missing {
			continue
		}
		home, regional := homeRegion(r, byURN)
		want := "one of the environment's regions (" + strings.Join(envRegions, ", ") + ") or \"global\""
		if regional {
			want = "\"" + home + "\" (its region's stamp) or \"global\""
		}
		if st == unknown {
			rep.UndecidedOn(r.URN, "%s: location is unknown at preview; expected %s", r.label(), want)
			continue
		}
		s, _ := asString(v)
		loc := normalizeRegion(s)
		switch {
		case loc == "global":
		case regional && loc == home:
		case !regional && contains(envRegions, loc):
		case regional:
			rep.ReportOn(r.URN, "%s: location %q is not its region: it belongs to the %s stamp; expected %s", r.label(), s, home, want)
		default:
			rep.ReportOn(r.URN, "%s: location %q is not a region of the environment; expected %s", r.label(), s, want)
		}
	}
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
