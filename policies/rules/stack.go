package rules

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

func init() {
	register(
		&Policy{
			Name:        "budget",
			Description: "The stack's estimated monthly cost stays within the environment's budget (budgetMonthlyUSD).",
			Category:    Cost,
			Stack:       checkBudget,
		},
		&Policy{
			Name:        "no-overlapping-address-spaces",
			Description: "No two virtual networks of the stack have overlapping address spaces, so every region can peer with every other.",
			Category:    Governance,
			Stack:       checkOverlap,
		},
		&Policy{
			Name:        "region-stamp-complete",
			Description: "Every region of the environment has the full stamp: a virtual network and an AKS cluster.",
			Category:    Reliability,
			Stack: func(e *Env, rs []Resource, rep *Reporter) {
				checkPerRegion(e, rs, rep, []regionNeed{
					{what: "virtual network", places: placesOfType(TypeVirtualNetwork)},
					{what: "AKS cluster", places: placesOfType(TypeManagedCluster)},
				})
			},
		},
		&Policy{
			Name:        "region-routing-complete",
			Description: "Every region of the environment is reachable: it has a Traffic Manager endpoint and a Front Door origin.",
			Category:    Reliability,
			Stack: func(e *Env, rs []Resource, rep *Reporter) {
				checkPerRegion(e, rs, rep, []regionNeed{
					{what: "Traffic Manager endpoint", places: trafficManagerPlaces},
					{what: "Front Door origin", places: placesOfType(TypeAFDOrigin)},
				})
			},
		},
	)
}

func checkBudget(e *Env, rs []Resource, rep *Reporter) {
	switch {
	case e.BudgetMonthlyUSD <= 0:
		rep.Report("stack %q: no budget is known (budgetMonthlyUSD), so the cost cannot be confirmed within budget; expected the environment's budgetMonthlyUSD", e.Stack)
	case e.CostMonthlyUSD == nil:
		rep.Report("stack %q: no monthly cost estimate is available, so it cannot be confirmed within the budget of %s", e.Stack, money.USD(e.BudgetMonthlyUSD))
	case *e.CostMonthlyUSD > e.BudgetMonthlyUSD:
		rep.Report("stack %q: estimated monthly cost %s exceeds the budget of %s by %s; expected at most %s (reduce capacity or raise budgetMonthlyUSD)",
			e.Stack, money.USD(*e.CostMonthlyUSD), money.USD(e.BudgetMonthlyUSD), money.USD(*e.CostMonthlyUSD-e.BudgetMonthlyUSD), money.USD(e.BudgetMonthlyUSD))
	case len(e.CostNotPriced) > 0:
		// Resources priced once an input unknown at preview is known are undecided;
		// any other unpriced resource can never be priced, which is a violation.
		unknown := map[string]bool{}
		for _, u := range e.CostNotPricedUnknown {
			unknown[u] = true
		}
		var never, later []string
		for _, u := range e.CostNotPriced {
			if unknown[u] {
				later = append(later, u)
			} else {
				never = append(never, u)
			}
		}
		if len(never) > 0 {
			rep.Report("stack %q: the estimate of %s leaves out %d resource(s) the cost model cannot price (%s), so it cannot be confirmed within the budget of %s",
				e.Stack, money.USD(*e.CostMonthlyUSD), len(never), strings.Join(never, ", "), money.USD(e.BudgetMonthlyUSD))
			return
		}
		rep.Undecided("stack %q: the estimate of %s leaves out %d resource(s) whose price needs an input unknown at preview (%s), so it cannot yet be confirmed within the budget of %s",
			e.Stack, money.USD(*e.CostMonthlyUSD), len(later), strings.Join(later, ", "), money.USD(e.BudgetMonthlyUSD))
	}
}

func checkOverlap(e *Env, rs []Resource, rep *Reporter) {
	type block struct {
		r      *Resource
		prefix netip.Prefix
	}
	var blocks []block
	for i := range rs {
		r := &rs[i]
		if r.Type != TypeVirtualNetwork {
			continue
		}
		v, st := r.get("addressSpace.addressPrefixes")
		if st == unknown || hasOpaque(v) {
			rep.UndecidedOn(r.URN, "%s: addressSpace is unknown at preview, so it cannot be confirmed not to overlap the stack's other networks", r.label())
			continue
		}
		list, _ := asStrings(v)
		if st == missing || len(list) == 0 {
			rep.ReportOn(r.URN, "%s: has no addressSpace.addressPrefixes; expected a block from the platform address plan", r.label())
			continue
		}
		for _, s := range list {
			p, err := netip.ParsePrefix(strings.TrimSpace(s))
			if err != nil {
				rep.ReportOn(r.URN, "%s: address prefix %q is not a CIDR; expected a block like 10.100.0.0/16", r.label(), s)
				continue
			}
			blocks = append(blocks, block{r, p.Masked()})
		}
	}
	for i := range blocks {
		for j := i + 1; j < len(blocks); j++ {
			a, b := blocks[i], blocks[j]
			if a.prefix.Overlaps(b.prefix) {
				rep.ReportOn(b.r.URN, "%s: address space %s overlaps %s of %s; expected disjoint blocks from the platform address plan", b.r.label(), b.prefix, a.prefix, a.r.label())
			}
		}
	}
}

// regionNeed is a kind of resource every region must have. places returns the
// regions a resource provides it for, and whether some of them are unknown.
type regionNeed struct {
	what   string
	places func(r *Resource, byURN map[string]*Resource) (regions []string, undecided bool)
}

// placesOfType provides a need for the region a resource of type t is in.
func placesOfType(t string) func(*Resource, map[string]*Resource) ([]string, bool) {
	return func(r *Resource, byURN map[string]*Resource) ([]string, bool) {
		if r.Type != t {
			return nil, false
		}
		reg, st := placeOf(r, byURN)
		if st == present && reg != "" {
			return []string{reg}, false
		}
		return nil, st == unknown
	}
}

// trafficManagerPlaces finds Traffic Manager endpoints: Endpoint resources, and the
// endpoints a Profile declares inline.
func trafficManagerPlaces(r *Resource, byURN map[string]*Resource) ([]string, bool) {
	switch r.Type {
	case TypeTrafficEndpoint:
		return placesOfType(TypeTrafficEndpoint)(r, byURN)
	case TypeTrafficManager:
	default:
		return nil, false
	}
	v, st := r.get("endpoints")
	if st == unknown {
		return nil, true
	}
	list, _ := asList(v)
	var out []string
	undecided := false
	for _, e := range list {
		m, ok := asMap(e)
		if !ok {
			undecided = undecided || isOpaque(e)
			continue
		}
		// An inline endpoint is judged as a resource of its own.
		ep := &Resource{Resource: plan.Resource{URN: r.URN, Type: TypeTrafficEndpoint, Name: r.Name, Inputs: m}}
		reg, st := placeOf(ep, byURN)
		switch {
		case st == present && reg != "":
			out = append(out, reg)
		case st == unknown:
			undecided = true
		}
	}
	return out, undecided
}

// regionalTargets are the types whose region tells where a global routing resource
// (Traffic Manager endpoint, Front Door origin) sends traffic.
var regionalTargets = []string{TypePublicIP, TypeManagedCluster, TypeAgentPool, "azure-native:network:LoadBalancer"}

// placeOf returns the region a resource serves; unknown when it cannot be told.
func placeOf(r *Resource, byURN map[string]*Resource) (string, state) {
	if r.Region != "" {
		return r.Region, present
	}
	if r.Type == TypeVirtualNetwork || r.Type == TypeManagedCluster {
		if v, st := r.get("location"); st == unknown {
			return "", unknown
		} else if s, ok := asString(v); ok {
			return spec.NormalizeRegion(s), present
		}
	}
	if v, st := r.get("endpointLocation"); st == present {
		if s, ok := asString(v); ok {
			return spec.NormalizeRegion(s), present
		}
	}
	// Follow what the resource's inputs came from to a regional target.
	var deps []string
	deps = append(deps, r.Dependencies...)
	for _, urns := range r.PropertyDependencies {
		deps = append(deps, urns...)
	}
	targetUnplaced := false
	for _, d := range deps {
		dr, ok := byURN[d]
		if !ok || !contains(regionalTargets, dr.Type) {
			continue
		}
		if reg := regionOf(dr); reg != "" {
			return reg, present
		}
		if _, st := dr.get("location"); st == unknown {
			targetUnplaced = true // the target's own location is unknown at preview
		}
	}
	// An input unknown at preview whose property dependencies are recorded comes
	// from those resources, and none of them is a regional target (see above); only
	// an unknown input of unrecorded origin leaves the region undecided.
	unknownOrigin := func(key string) bool { return len(r.PropertyDependencies[key]) == 0 }
	// A target resource ID names a regional target by its name.
	undecided := targetUnplaced
	if v, st := r.get("targetResourceId"); st == unknown {
		undecided = undecided || unknownOrigin("targetResourceId")
	} else if id, ok := asString(v); ok && id != "" {
		last := strings.ToLower(id[strings.LastIndex(id, "/")+1:])
		for _, dr := range byURN {
			if !contains(regionalTargets, dr.Type) {
				continue
			}
			name := strings.ToLower(dr.Name)
			for _, key := range []string{"publicIpAddressName", "resourceName", "agentPoolName"} {
				if n, ok := dr.Inputs[key].(string); ok {
					name = strings.ToLower(n)
				}
			}
			if (name == last || strings.ToLower(dr.Name) == last) && regionOf(dr) != "" {
				return regionOf(dr), present
			}
		}
	}
	// A host name such as <label>.<region>.cloudapp.azure.com names its region.
	for _, key := range []string{"hostName", "target", "originHostHeader"} {
		v, st := r.get(key)
		if st == unknown {
			undecided = undecided || unknownOrigin(key)
			continue
		}
		s, _ := asString(v)
		parts := strings.Split(strings.ToLower(s), ".")
		for i := 0; i+2 < len(parts); i++ {
			if parts[i+1] == "cloudapp" {
				if _, known := spec.Regions[parts[i]]; known {
					return parts[i], present
				}
			}
		}
	}
	if undecided {
		return "", unknown
	}
	return "", missing
}

func checkPerRegion(e *Env, rs []Resource, rep *Reporter, needs []regionNeed) {
	byURN := make(map[string]*Resource, len(rs))
	for i := range rs {
		byURN[rs[i].URN] = &rs[i]
	}
	regions := e.Regions
	if regions == nil {
		// Not declared: the regions the stack's networks and clusters are in.
		seen := map[string]bool{}
		for i := range rs {
			if rs[i].Type == TypeVirtualNetwork || rs[i].Type == TypeManagedCluster {
				if reg, st := placeOf(&rs[i], byURN); st == present && reg != "" {
					seen[reg] = true
				}
			}
		}
		regions = sortedStrings(seen)
	}
	for _, need := range needs {
		have := map[string]bool{}
		var undecided []string
		for i := range rs {
			regs, open := need.places(&rs[i], byURN)
			for _, reg := range regs {
				have[reg] = true
			}
			if open {
				undecided = append(undecided, rs[i].Name)
			}
		}
		sort.Strings(undecided)
		for _, reg := range regions {
			if have[reg] {
				continue
			}
			if len(undecided) > 0 {
				rep.Undecided("stack %q: region %s has no %s whose region is known at preview (undecided: %s); expected one %s per region", e.Stack, reg, need.what, strings.Join(undecided, ", "), need.what)
				continue
			}
			rep.Report("stack %q: region %s has no %s; expected one %s per region (%s)", e.Stack, reg, need.what, need.what, fmt.Sprint(regions))
		}
	}
}
