package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// PackName is the policy pack's name (PulumiPolicy.yaml, plan policyResults[].pack).
const PackName = "game-platform-guardrails"

// PackVersion is the pack's version.
const PackVersion = "1.0.0"

// Category groups policies; enforcement is configured per category and tier.
type Category string

// The categories.
const (
	Security    Category = "security"
	Reliability Category = "reliability"
	Governance  Category = "governance"
	DataSafety  Category = "data-safety"
	Cost        Category = "cost"
)

// Categories lists every category.
var Categories = []Category{Security, DataSafety, Governance, Reliability, Cost}

func validCategory(c Category) bool { return contains(Categories, c) }

func categoryNames() string {
	s := make([]string, len(Categories))
	for i, c := range Categories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Policy is one guardrail. A resource policy sets Resource (and Types, the type
// tokens it applies to; none means every resource); a stack policy sets Stack.
type Policy struct {
	Name        string
	Description string
	Category    Category
	Types       []string
	Resource    func(e *Env, r *Resource, rep *Reporter)
	Stack       func(e *Env, rs []Resource, rep *Reporter)
	// Dependencies: the resource policy reads its resource's (property)
	// dependencies. The engine's per-resource Analyze call carries none, so under
	// the Pulumi CLI such a policy runs over the whole stack (AnalyzeStack), which
	// does; every other resource policy sees a resource without them, offline too.
	Dependencies bool
}

// IsStack reports whether the policy judges the whole stack.
func (p *Policy) IsStack() bool { return p.Stack != nil }

// AppliesTo reports whether a resource policy inspects a resource of type t.
func (p *Policy) AppliesTo(t string) bool {
	if p.Resource == nil {
		return false
	}
	return len(p.Types) == 0 || contains(p.Types, catalog.BaseType(t))
}

// Env is what rules know about the stack beyond its resources.
type Env struct {
	// Stack is the stack (environment) name; Game the game's name.
	Stack, Game string
	// Tier is the environment's tier; "" when unknown (then a resource's `tier` tag
	// decides, and failing that the strictest tier, prod).
	Tier spec.Tier
	// Regions are the regions the environment declares; nil derives them from the
	// regions the stack's resources are in.
	Regions []string
	// GamePorts is the UDP range game servers listen on plus the QoS port.
	GamePorts spec.PortRange
	// BudgetMonthlyUSD is the environment's budget; 0 when none is known.
	BudgetMonthlyUSD float64
	// RateLimitPerMinute is the environment's WAF rate limit per client IP
	// (cdn.rateLimitPerMinute); 0 when not known.
	RateLimitPerMinute int
	// CostMonthlyUSD is the cost model's estimate; nil when none was made.
	CostMonthlyUSD *float64
	// CostNotPriced are the URNs of resources the estimate leaves out because the
	// cost model cannot price them.
	CostNotPriced []string
	// CostNotPricedUnknown are those of CostNotPriced that only lack an input
	// unknown until apply (at preview).
	CostNotPricedUnknown []string
}

// EnvFromSpec builds the environment view of a validated spec.
func EnvFromSpec(s *spec.Spec) *Env {
	return &Env{
		Stack:            s.Stack,
		Game:             s.Game,
		Tier:             s.Tier,
		Regions:          s.RegionNames(),
		GamePorts:        s.GamePorts,
		BudgetMonthlyUSD: s.BudgetMonthlyUSD,

		RateLimitPerMinute: s.CDN.RateLimitPerMinute,
	}
}

// EnforcementTier is the tier whose enforcement levels apply: the environment's, or
// prod (the strictest) when it is not known.
func (e *Env) EnforcementTier() spec.Tier { return tier.Of(e.Tier).Tier }

// TierOf is the tier a resource is judged in: the stack's (EnforcementTier), never
// the resource's own `tier` tag, which anyone editing the program or a plan can set;
// required-tags reports a tag that claims another tier.
func (e *Env) TierOf(*Resource) spec.Tier { return e.EnforcementTier() }

// Profile is the tier profile a resource is judged by (TierOf).
func (e *Env) Profile(r *Resource) *tier.Profile { return tier.Of(e.TierOf(r)) }

// gamePorts returns the configured game ports, or the platform defaults.
func (e *Env) gamePorts() spec.PortRange {
	p := e.GamePorts
	if p.Start == 0 && p.End == 0 {
		p.Start, p.End = spec.DefaultGamePortStart, spec.DefaultGamePortEnd
	}
	if p.QoSPort == 0 {
		p.QoSPort = spec.DefaultQoSPort
	}
	return p
}

// Finding is one violation a rule reports, or, when Undecided, a check the rule
// cannot decide before apply.
type Finding struct {
	URN     string
	Message string
	// Undecided: a value the rule needs is unknown at preview (an output Azure
	// computes when the resource is created). It is not a violation at preview; once
	// the value is known (apply, `pulumi up`) the rule decides, and a check that is
	// still undecided then is a violation (see Decide).
	Undecided bool
}

// undecidedNote ends the message of every undecided finding.
const undecidedNote = " — decided at apply (`pulumi up`), when the value is known"

// Reporter collects a rule's findings.
type Reporter struct {
	urn      string
	findings []Finding
}

// Report records a violation on the resource under check (or the stack).
func (rep *Reporter) Report(format string, args ...any) {
	rep.findings = append(rep.findings, Finding{URN: rep.urn, Message: fmt.Sprintf(format, args...)})
}

// ReportOn records a violation on a given resource.
func (rep *Reporter) ReportOn(urn, format string, args ...any) {
	rep.findings = append(rep.findings, Finding{URN: urn, Message: fmt.Sprintf(format, args...)})
}

// Undecided records that the rule cannot decide on the resource under check (or the
// stack) because a value it needs is unknown at preview; the message says which
// value and what it must be.
func (rep *Reporter) Undecided(format string, args ...any) {
	rep.UndecidedOn(rep.urn, format, args...)
}

// UndecidedOn records an undecided check on a given resource.
func (rep *Reporter) UndecidedOn(urn, format string, args ...any) {
	rep.findings = append(rep.findings, Finding{URN: urn, Message: fmt.Sprintf(format, args...) + undecidedNote, Undecided: true})
}

// Decide settles undecided findings once no value can still become known (apply,
// or a plan of a deployed stack): a check that could not be decided is then a
// violation, so an unknown or unreadable value never passes a rule.
func Decide(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		if f.Undecided {
			f.Undecided = false
			f.Message = strings.TrimSuffix(f.Message, undecidedNote) + " — and it is still unknown at apply"
		}
		out[i] = f
	}
	return out
}

// CheckResource runs a resource policy on one resource.
func CheckResource(p *Policy, e *Env, r *Resource) []Finding {
	if !p.AppliesTo(r.Type) {
		return nil
	}
	rep := &Reporter{urn: r.URN}
	if !p.Dependencies {
		view := *r // as the engine's Analyze gives it: no dependencies
		view.Dependencies, view.PropertyDependencies = nil, nil
		r = &view
	}
	p.Resource(e, r, rep)
	return rep.findings
}

// CheckStack runs a stack policy on every resource of the stack.
func CheckStack(p *Policy, e *Env, rs []Resource) []Finding {
	if p.Stack == nil {
		return nil
	}
	rep := &Reporter{}
	p.Stack(e, rs, rep)
	return rep.findings
}

// Result is a finding with its policy and enforcement level.
type Result struct {
	Policy   string
	Category Category
	Level    Level
	URN      string
	Message  string
	// Undecided: not a violation yet, the policy decides at apply (Finding.Undecided).
	Undecided bool
}

// Evaluate runs every enabled policy of the pack on a stack's resources as applied
// and returns the violations sorted by level (mandatory first), policy and URN.
func Evaluate(cfg *Config, e *Env, rs []Resource) []Result {
	return EvaluateAt(cfg, e, rs, false)
}

// EvaluateAt is Evaluate at preview or at apply. At preview, checks that depend on
// values unknown at preview are returned as Undecided results; at apply they are
// violations (see Decide).
func EvaluateAt(cfg *Config, e *Env, rs []Resource, preview bool) []Result {
	var out []Result
	tier := e.EnforcementTier()
	for _, p := range All() {
		level := cfg.Level(p, tier)
		if level == Disabled {
			continue
		}
		var fs []Finding
		if p.IsStack() {
			fs = CheckStack(p, e, rs)
		} else {
			for i := range rs {
				fs = append(fs, CheckResource(p, e, &rs[i])...)
			}
		}
		if !preview {
			fs = Decide(fs)
		}
		for _, f := range fs {
			out = append(out, Result{Policy: p.Name, Category: p.Category, Level: level, URN: f.URN, Message: f.Message, Undecided: f.Undecided})
		}
	}
	SortResults(out)
	return out
}

// SortResults orders results: mandatory, advisory; then policy, URN and message.
func SortResults(rs []Result) {
	rank := func(l Level) int {
		if l == Mandatory {
			return 0
		}
		return 1
	}
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if rank(a.Level) != rank(b.Level) {
			return rank(a.Level) < rank(b.Level)
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		if a.URN != b.URN {
			return a.URN < b.URN
		}
		return a.Message < b.Message
	})
}

var registry []*Policy

// register adds policies to the pack; called from init in each rule file.
func register(ps ...*Policy) { registry = append(registry, ps...) }

// All returns every policy of the pack, sorted by name.
func All() []*Policy {
	out := append([]*Policy{}, registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the policy with a name, or nil.
func Lookup(name string) *Policy {
	for _, p := range registry {
		if p.Name == name {
			return p
		}
	}
	return nil
}
