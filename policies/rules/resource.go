package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Unknown marks a value not known until the resource is created (plan.UnknownValue).
const Unknown = plan.UnknownValue

// Secret marks a value that is secret and therefore not inspected (plan.SecretMask).
const Secret = plan.SecretMask

// Resource is the view of one resource every rule reads: the plan's resource
// (plan.Resource, the one resource type of the offline plan, the review and the
// cost model) with two differences that only the rules need:
//
//   - Type is the catalogue key (catalog.Resolve): the base type token — an
//     explicitly versioned azure-native type
//     ("azure-native:containerservice/v20240801:ManagedCluster") is the same Azure
//     resource as its base type, and the rules are written against base types — or,
//     for azure-native's generic resource, the ARM type its inputs name
//     ("azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts").
//   - Region is the region subtree offline and the location input under the Pulumi
//     CLI; "" when global or unknown.
//
// Inputs are plain values (map[string]any, []any, string, float64, bool); Unknown
// and Secret mark values that cannot be inspected.
type Resource struct {
	plan.Resource
	// Opaque marks a resource whose every input is unknown: under the Pulumi CLI a
	// preview gives a stack policy no properties at all for a resource whose
	// provider is not configured yet (a Kubernetes provider built from a cluster that
	// does not exist yet). Every lookup on it is unknown, so checks are deferred to
	// `pulumi up` rather than judged on nothing.
	Opaque bool
}

// FromPlan converts the plan's resources to the rules' view: the same resources,
// typed by their catalogue key.
func FromPlan(p *plan.Plan) []Resource {
	out := make([]Resource, 0, len(p.Resources))
	for _, r := range p.Resources {
		v := Resource{Resource: r}
		v.Type = r.CatalogType()
		out = append(out, v)
	}
	return out
}

// label names a resource in messages: `azure-native:storage:StorageAccount "global-storage-account"`.
func (r *Resource) label() string {
	return fmt.Sprintf("%s %q", catalog.Display(r.Type), r.Name)
}

// state is what a lookup found.
type state int

const (
	missing state = iota // the input is not set
	unknown              // the input (or an object on its path) is unknown or secret
	present
)

// get looks up a dotted path ("aadProfile.enableAzureRBAC") in the inputs.
func (r *Resource) get(path string) (any, state) {
	if r.Opaque {
		return nil, unknown
	}
	return lookup(r.Inputs, path)
}

func lookup(m map[string]any, path string) (any, state) {
	var cur any = m
	for _, key := range strings.Split(path, ".") {
		if isOpaque(cur) {
			return nil, unknown
		}
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, missing
		}
		v, ok := obj[key]
		if !ok || v == nil {
			return nil, missing
		}
		cur = v
	}
	if isOpaque(cur) {
		return cur, unknown
	}
	return cur, present
}

// isOpaque reports whether a value cannot be inspected (unknown or secret).
func isOpaque(v any) bool {
	s, ok := v.(string)
	return ok && (plan.IsUnknown(s) || s == Secret)
}

// hasOpaque reports whether a value or anything inside it cannot be inspected.
func hasOpaque(v any) bool {
	switch t := v.(type) {
	case string:
		return isOpaque(t)
	case []any:
		for _, e := range t {
			if hasOpaque(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range t {
			if hasOpaque(e) {
				return true
			}
		}
	}
	return false
}

// asString returns a string value.
func asString(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// asBool accepts booleans (and "true"/"false" strings, as hand-edited plans may have).
func asBool(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case string:
		b, err := strconv.ParseBool(t)
		return b, err == nil
	}
	return false, false
}

// asNumber accepts JSON numbers (float64) and Go ints.
func asNumber(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	case string:
		f, err := strconv.ParseFloat(t, 64)
		return f, err == nil
	}
	return 0, false
}

// asList returns an array value.
func asList(v any) ([]any, bool) {
	l, ok := v.([]any)
	return l, ok
}

// asStrings returns an array of strings; ok is false if any element is not a string.
func asStrings(v any) ([]string, bool) {
	l, ok := v.([]any)
	if !ok {
		if s, ok := v.([]string); ok {
			return s, true
		}
		return nil, false
	}
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, ok := e.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// asMap returns an object value.
func asMap(v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	return m, ok
}

// tags returns the resource's tags, and whether the tags input is inspectable.
func (r *Resource) tags() (map[string]any, state) {
	v, st := r.get("tags")
	if st != present {
		return nil, st
	}
	m, ok := asMap(v)
	if !ok {
		return nil, missing
	}
	return m, present
}

// tag returns one tag value ("" when absent or not a string).
func (r *Resource) tag(key string) string {
	m, st := r.tags()
	if st != present {
		return ""
	}
	s, _ := m[key].(string)
	return s
}

// location returns the location input, or "" when absent or not inspectable.
func (r *Resource) location() string {
	v, st := r.get("location")
	if st != present {
		return ""
	}
	s, _ := v.(string)
	return spec.NormalizeRegion(s)
}

func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// HasCostEstimate reports whether a plan carries a cost model's estimate.
func HasCostEstimate(p *plan.Plan) bool {
	return p.Cost.MonthlyUSD > 0 || len(p.Cost.ByResource) > 0
}

// EnvFromPlan derives the environment view from a plan alone, for plans checked
// without their environment file: the tier is t, the one the caller knows the stack
// to be (empty: unknown, judged as prod, the strictest) — never the resources' own
// `tier` tags, which whoever wrote the plan controls; a tag claiming another tier is
// a required-tags finding. The game comes from the tags (when every tagged resource
// agrees), the cost and the budget the cost model recorded from the plan.
func EnvFromPlan(p *plan.Plan, t spec.Tier) *Env {
	e := &Env{Stack: p.Stack, Tier: t, BudgetMonthlyUSD: p.Cost.BudgetMonthlyUSD}
	games := map[string]bool{}
	for _, r := range p.Resources {
		tags, ok := r.Inputs["tags"].(map[string]any)
		if !ok {
			continue
		}
		if g, ok := tags["game"].(string); ok && !isOpaque(g) {
			games[g] = true
		}
	}
	if len(games) == 1 {
		for g := range games {
			e.Game = g
		}
	}
	e.SetCost(p)
	return e
}

// SetCost records the plan's cost estimate, if it has one.
func (e *Env) SetCost(p *plan.Plan) {
	if HasCostEstimate(p) {
		c := p.Cost.MonthlyUSD
		e.CostMonthlyUSD = &c
		e.CostNotPriced = p.Cost.NotPriced
		e.CostNotPricedUnknown = p.Cost.NotPricedUnknown
	}
}
