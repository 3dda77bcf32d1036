package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

func init() {
	register(
		&Policy{
			Name:        "frontdoor-waf-managed-rules",
			Description: "Front Door WAF policies in prod run Microsoft's default rule set (2.x, anomaly action Block) and the bot manager rule set.",
			Category:    Security,
			Types:       []string{TypeFrontDoorWAF},
			Resource:    checkWAFManagedRules,
		},
		&Policy{
			Name:        "frontdoor-waf-rate-limit",
			Description: "Front Door WAF policies carry an enabled, blocking per-client rate-limit rule no looser than the environment's cdn.rateLimitPerMinute.",
			Category:    Security,
			Types:       []string{TypeFrontDoorWAF},
			Resource:    checkWAFRateLimit,
		},
	)
}

// Managed rule sets of Front Door Premium WAF policies.
const (
	DefaultRuleSetType    = "Microsoft_DefaultRuleSet"
	BotManagerRuleSetType = "Microsoft_BotManagerRuleSet"
)

func checkWAFManagedRules(e *Env, r *Resource, rep *Reporter) {
	if len(e.Profile(r).FrontDoor.ManagedRuleSets) == 0 {
		return
	}
	v, st := r.get("managedRules.managedRuleSets")
	switch {
	case st == unknown || hasOpaque(v):
		rep.Undecided("%s: managedRules is unknown at preview; expected %s 2.x (action Block) and %s", r.label(), DefaultRuleSetType, BotManagerRuleSetType)
		return
	case st == missing:
		rep.Report("%s: has no managed rule sets; expected %s 2.x (action Block) and %s in prod", r.label(), DefaultRuleSetType, BotManagerRuleSetType)
		return
	}
	sets, _ := asList(v)
	drs, bots := false, false
	for i, s := range sets {
		m, _ := asMap(s)
		typ, _ := asString(m["ruleSetType"])
		ver, _ := asString(m["ruleSetVersion"])
		switch {
		case strings.EqualFold(typ, DefaultRuleSetType):
			major, err := strconv.Atoi(strings.SplitN(ver, ".", 2)[0])
			if err != nil || major < 2 {
				rep.Report("%s: managedRuleSets[%d] is %s %q; expected version 2.x (anomaly scoring)", r.label(), i, typ, ver)
				continue
			}
			if a, _ := asString(m["ruleSetAction"]); !strings.EqualFold(a, "Block") {
				rep.Report("%s: managedRuleSets[%d] %s %s has ruleSetAction %s; expected \"Block\" (matches are blocked, not only logged)", r.label(), i, typ, ver, fmtValue(m["ruleSetAction"]))
				continue
			}
			drs = true
		case strings.EqualFold(typ, BotManagerRuleSetType):
			bots = true
		}
	}
	if !drs {
		rep.Report("%s: does not run %s 2.x with action Block; expected it in prod (OWASP protections for the API and patch endpoints)", r.label(), DefaultRuleSetType)
	}
	if !bots {
		rep.Report("%s: does not run %s; expected it in prod (known bad bots blocked at the edge)", r.label(), BotManagerRuleSetType)
	}
}

func checkWAFRateLimit(e *Env, r *Resource, rep *Reporter) {
	v, st := r.get("customRules.rules")
	switch {
	case st == unknown || hasOpaque(v):
		rep.Undecided("%s: customRules is unknown at preview; expected an enabled RateLimitRule with action Block", r.label())
		return
	case st == missing:
		rep.Report("%s: has no custom rules; expected an enabled RateLimitRule with action Block (per-client request limit)", r.label())
		return
	}
	rules, _ := asList(v)
	var problems []string
	for i, x := range rules {
		m, _ := asMap(x)
		if t, _ := asString(m["ruleType"]); !strings.EqualFold(t, "RateLimitRule") {
			continue
		}
		name := fmt.Sprintf("rules[%d]", i)
		if n, ok := asString(m["name"]); ok {
			name = fmt.Sprintf("rules[%d] (%q)", i, n)
		}
		why := rateLimitProblem(e, m)
		if why == "" {
			return
		}
		problems = append(problems, name+" "+why)
	}
	if len(problems) == 0 {
		rep.Report("%s: has no RateLimitRule; expected an enabled per-client rate limit with action Block", r.label())
		return
	}
	rep.Report("%s: no rate-limit rule is effective: %s; expected an enabled RateLimitRule with action Block", r.label(), strings.Join(problems, "; "))
}

// rateLimitProblem says why a RateLimitRule does not limit, or "" when it does.
func rateLimitProblem(e *Env, m map[string]any) string {
	if s, ok := asString(m["enabledState"]); ok && !strings.EqualFold(s, "Enabled") {
		return "is " + fmtValue(s)
	}
	if a, _ := asString(m["action"]); !strings.EqualFold(a, "Block") {
		return fmt.Sprintf("has action %s, not \"Block\"", fmtValue(m["action"]))
	}
	conds, _ := asList(m["matchConditions"])
	if len(conds) == 0 {
		return "has no match condition (Azure requires one)"
	}
	threshold, ok1 := asNumber(m["rateLimitThreshold"])
	minutes, ok2 := asNumber(m["rateLimitDurationInMinutes"])
	if !ok1 || !ok2 || threshold <= 0 || minutes <= 0 {
		return fmt.Sprintf("has threshold %s per %s minute(s)", fmtValue(m["rateLimitThreshold"]), fmtValue(m["rateLimitDurationInMinutes"]))
	}
	if limit := e.RateLimitPerMinute; limit > 0 && threshold/minutes > float64(limit) {
		return fmt.Sprintf("allows %g requests per minute, more than the environment's cdn.rateLimitPerMinute %d", threshold/minutes, limit)
	}
	return ""
}

// checkWAFAttached reports Front Door endpoints no WAF security policy covers.
func checkWAFAttached(e *Env, rs []Resource, rep *Reporter) {
	byURN := make(map[string]*Resource, len(rs))
	var endpoints []*Resource
	var policies []*Resource
	for i := range rs {
		byURN[rs[i].URN] = &rs[i]
		switch rs[i].Type {
		case TypeAFDEndpoint:
			endpoints = append(endpoints, &rs[i])
		case TypeSecurityPolicy:
			policies = append(policies, &rs[i])
		}
	}
	short := map[*Resource][]string{} // per security policy: endpoints undecided for want of IDs
	for _, ep := range endpoints {
		covered, undecided := false, false
		var why []string
		var shortOf []*Resource
		for _, sp := range policies {
			st, reason := wafCoverage(sp, ep, byURN)
			switch st {
			case present:
				covered = true
			case unknown:
				undecided = true
			}
			if reason == errSlots {
				shortOf = append(shortOf, sp)
				reason = ""
			}
			if reason != "" {
				why = append(why, fmt.Sprintf("%s %s", sp.label(), reason))
			}
		}
		if !covered && len(shortOf) == 1 {
			short[shortOf[0]] = append(short[shortOf[0]], ep.label())
		}
		switch {
		case covered:
		case undecided:
			rep.UndecidedOn(ep.URN, "%s: the security policies' WAF associations are unknown at preview, so the endpoint cannot be confirmed covered; expected a cdn:SecurityPolicy of type WebApplicationFirewall associating this endpoint for \"/*\"", ep.label())
		case len(why) > 0:
			rep.ReportOn(ep.URN, "%s: no WAF security policy covers this endpoint (%s); expected a cdn:SecurityPolicy of type WebApplicationFirewall whose associations include it for \"/*\"", ep.label(), strings.Join(why, "; "))
		default:
			rep.ReportOn(ep.URN, "%s: no WAF security policy covers this endpoint; expected a cdn:SecurityPolicy of type WebApplicationFirewall whose associations include it for \"/*\"", ep.label())
		}
	}
	// Endpoints that only one security policy may cover, with fewer unknown domain
	// IDs than such endpoints: at least one of them is not covered.
	for _, sp := range policies {
		eps := short[sp]
		if slots, bounded := unknownDomainSlots(sp); bounded && len(eps) > slots {
			rep.ReportOn(sp.URN, "%s: associates %d domain(s) whose IDs Azure has yet to assign but is computed from %d endpoint(s) no other security policy covers (%s), so at least %d of them have no WAF; expected every endpoint associated for \"/*\"",
				sp.label(), slots, len(eps), strings.Join(eps, ", "), len(eps)-slots)
		}
	}
}

// wafCoverage judges from a security policy's inputs whether it attaches a WAF policy
// of the stack to an endpoint for every path: present yes, missing no (with the
// reason when the policy names the endpoint but falls short), unknown cannot tell.
//
// The inputs decide, not the resource's dependencies: a security policy that depends
// on an endpoint but does not list it in its associations does not cover it. While
// IDs are unknown at preview, each unknown domain ID is attributed to the endpoints
// the parameters input was computed from (its property dependencies) that no known
// ID names; when there are fewer unknown IDs than such endpoints, it cannot tell.
func wafCoverage(sp, ep *Resource, byURN map[string]*Resource) (state, string) {
	st, why := wafCoverageByInputs(sp, ep, byURN)
	if _, nst := ep.get("endpointName"); st == missing && why == "" && nst == unknown {
		return unknown, "" // the endpoint's own name is unknown at preview
	}
	return st, why
}

func wafCoverageByInputs(sp, ep *Resource, byURN map[string]*Resource) (state, string) {
	params, st := sp.get("parameters")
	if st == unknown {
		return unknown, ""
	}
	pm, _ := asMap(params)
	if t, tst := lookup(pm, "type"); tst == unknown {
		return unknown, ""
	} else if s, _ := asString(t); s != "WebApplicationFirewall" {
		return missing, ""
	}
	paramDeps := sp.PropertyDependencies["parameters"]
	if st, why := wafPolicyRef(pm, paramDeps, byURN); st != present {
		return st, why
	}
	assoc, ast := lookup(pm, "associations")
	if ast == unknown {
		return unknown, ""
	}
	name := strings.ToLower(endpointName(ep))
	known := map[string]bool{}     // lowercased names the known domain IDs end in
	var unknownPatterns [][]string // the patterns of each unknown domain slot
	undecidedPatterns := false
	var matched []string // patterns of the associations naming the endpoint
	list, _ := asList(assoc)
	for _, a := range list {
		if isOpaque(a) { // a whole association unknown at preview
			unknownPatterns = append(unknownPatterns, nil)
			undecidedPatterns = true
			continue
		}
		am, _ := asMap(a)
		patterns, pst := lookup(am, "patternsToMatch")
		pl, _ := asStrings(patterns)
		if pst == unknown || hasOpaque(patterns) {
			undecidedPatterns = true
		}
		domains, dst := lookup(am, "domains")
		if dst == unknown {
			unknownPatterns = append(unknownPatterns, pl)
			continue
		}
		dl, _ := asList(domains)
		for _, d := range dl {
			dm, _ := asMap(d)
			id, ist := lookup(dm, "id")
			if ist == unknown || isOpaque(d) {
				unknownPatterns = append(unknownPatterns, pl)
				continue
			}
			s, _ := asString(id)
			last := strings.ToLower(s[strings.LastIndex(s, "/")+1:])
			known[last] = true
			if name != "" && last == name {
				matched = append(matched, pl...)
			}
		}
	}
	if len(matched) > 0 || known[name] {
		if containsAllPaths(matched) {
			return present, ""
		}
		if undecidedPatterns {
			return unknown, ""
		}
		return missing, fmt.Sprintf("associates it only for paths %v", matched)
	}
	if len(unknownPatterns) == 0 {
		return missing, ""
	}
	// Attribute the unknown domain IDs to the endpoints the parameters came from.
	var candidates []string
	for _, urn := range paramDeps {
		d, ok := byURN[urn]
		if !ok || (d.Type != TypeAFDEndpoint && d.Type != TypeAFDCustomDomain) {
			continue
		}
		if !known[strings.ToLower(endpointName(d))] {
			candidates = append(candidates, urn)
		}
	}
	if !contains(candidates, ep.URN) {
		if len(paramDeps) == 0 {
			return unknown, "" // nothing recorded to attribute the unknown IDs with
		}
		return missing, ""
	}
	// The unknown domains can cover the endpoint for every path only through an
	// association whose patterns include "/*": without one it is not covered,
	// whichever endpoint those IDs turn out to be.
	full := 0
	for _, pl := range unknownPatterns {
		if containsAllPaths(pl) {
			full++
		}
	}
	if full == 0 && !undecidedPatterns {
		return missing, fmt.Sprintf("associates the endpoints it was computed from only for paths %v", unknownPatterns)
	}
	if len(unknownPatterns) < len(candidates) {
		return unknown, errSlots
	}
	if full < len(unknownPatterns) {
		return unknown, ""
	}
	return present, ""
}

// unknownDomainSlots counts a security policy's associated domains whose IDs are
// unknown at preview.
// A whole association or domain list unknown holds any number: not bounded.
func unknownDomainSlots(sp *Resource) (n int, bounded bool) {
	assoc, ast := sp.get("parameters.associations")
	if ast == unknown {
		return 0, false
	}
	list, _ := asList(assoc)
	for _, a := range list {
		am, _ := asMap(a)
		domains, dst := lookup(am, "domains")
		if isOpaque(a) || dst == unknown {
			return 0, false
		}
		dl, _ := asList(domains)
		for _, d := range dl {
			dm, _ := asMap(d)
			if _, ist := lookup(dm, "id"); ist == unknown || isOpaque(d) {
				n++
			}
		}
	}
	return n, true
}

// errSlots marks an endpoint left undecided because the security policy has fewer
// unknown domain IDs than endpoints its parameters were computed from: one of them at
// least is not covered, though which one is unknown at preview.
const errSlots = "\x00slots"

// wafPolicyRef checks that a security policy's wafPolicy names a WAF policy of the
// stack (by its policyName, or while its ID is unknown, by what the parameters were
// computed from), so the WAF's own rules (mode, managed rules, rate limit) are the
// ones judged.
func wafPolicyRef(pm map[string]any, paramDeps []string, byURN map[string]*Resource) (state, string) {
	ref, st := lookup(pm, "wafPolicy.id")
	switch st {
	case missing:
		return missing, "attaches no WAF policy"
	case unknown:
		for _, urn := range paramDeps {
			if d, ok := byURN[urn]; ok && d.Type == TypeFrontDoorWAF {
				return present, ""
			}
		}
		return unknown, ""
	}
	id, _ := asString(ref)
	last := strings.ToLower(id[strings.LastIndex(id, "/")+1:])
	var names []string
	for _, r := range byURN {
		if r.Type != TypeFrontDoorWAF {
			continue
		}
		n, nst := r.get("policyName")
		if nst == unknown {
			return unknown, ""
		}
		s, _ := asString(n)
		if strings.ToLower(s) == last {
			return present, ""
		}
		names = append(names, s)
	}
	sort.Strings(names)
	return missing, fmt.Sprintf("attaches WAF policy %q, which is not a WAF policy of the stack (%s)", id, strings.Join(names, ", "))
}

// containsAllPaths reports whether path patterns match every request path.
func containsAllPaths(patterns []string) bool {
	for _, p := range patterns {
		if strings.TrimSpace(p) == "/*" {
			return true
		}
	}
	return false
}
