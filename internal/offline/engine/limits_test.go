package engine

import (
	"github.com/gameplatform/platform/internal/model/catalog"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/azurelimits"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// planFootprint counts, in a registered plan, what azurelimits.Footprint counts.
func planFootprint(p *plan.Plan) azurelimits.Footprint {
	var f azurelimits.Footprint
	is := func(r plan.Resource, kind string) bool { return strings.HasSuffix(r.Type, ":"+kind) }
	by := func(r plan.Resource, input string) string {
		if deps := r.PropertyDependencies[input]; len(deps) > 0 {
			return deps[0]
		}
		return r.Region
	}
	originsPer, routesPer, rulesPer, peeringsPer := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	regions := map[string]bool{}
	for _, r := range p.Resources {
		if r.Region != "" {
			regions[r.Region] = true
		}
		switch {
		case strings.HasPrefix(r.Type, "azure-native:network") && is(r, "Endpoint"):
			f.TrafficManagerEndpoints++
		case is(r, "AFDEndpoint"):
			f.FrontDoorEndpoints++
		case is(r, "AFDOriginGroup"), r.CatalogType() == catalog.GenericKey("Microsoft.Cdn/profiles/originGroups"):
			f.FrontDoorOriginGroups++
		case is(r, "AFDOrigin"):
			f.FrontDoorOrigins++
			originsPer[by(r, "originGroupName")]++
		case is(r, "Route"):
			routesPer[by(r, "endpointName")]++
		case is(r, "RuleSet"):
			f.FrontDoorRuleSets++
		case is(r, "Rule"):
			rulesPer[by(r, "ruleSetName")]++
		case strings.HasPrefix(r.Type, "azure-native:network") && is(r, "Policy"):
			if cr, ok := r.Inputs["customRules"].(map[string]any); ok {
				rules, _ := cr["rules"].([]any)
				f.WAFCustomRules += len(rules)
			}
		case is(r, "RecordSet"):
			f.DNSRecordSets++
		case is(r, "NetworkSecurityGroup"):
			rules, _ := r.Inputs["securityRules"].([]any)
			f.NSGRules = max(f.NSGRules, len(rules))
		case is(r, "VirtualNetworkPeering"):
			peeringsPer[r.Region]++
		}
	}
	most := func(m map[string]int) int {
		n := 0
		for _, v := range m {
			n = max(n, v)
		}
		return n
	}
	f.Regions = len(regions)
	f.FrontDoorLargestGroup = most(originsPer)
	f.FrontDoorRoutesPerEndpoint = most(routesPer)
	f.FrontDoorRulesPerRuleSet = most(rulesPer)
	f.PeeringsPerVNet = most(peeringsPer)
	f.DNSRecordSets += 2 // the zone's own NS and SOA record sets, which Azure creates
	return f
}

// TestFootprintMatchesThePlan holds the spec's footprint — what validation checks
// against Azure's limits before anything is registered — equal to what the program
// registers, for every shipped environment.
func TestFootprintMatchesThePlan(t *testing.T) {
	for env, r := range shippedPreviews(t) {
		if diff := cmp.Diff(planFootprint(r.Plan), r.Spec.Footprint()); diff != "" {
			t.Errorf("%s: spec footprint differs from the plan (-plan +spec):\n%s", env, diff)
		}
		if v := r.Spec.Footprint().Check(); len(v) != 0 {
			t.Errorf("%s: shipped environment exceeds Azure's limits: %v", env, v)
		}
	}
}
