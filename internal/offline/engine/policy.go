package engine

import (
	"fmt"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// CheckPolicies runs the policy pack (policies/rules, with the shipped enforcement
// configuration) on a plan, in-process, and returns its violations. With the
// environment's spec the tier, regions, game ports and budget come from it; without
// one (a plan checked on its own) they are derived from the plan (see
// rules.EnvFromPlan).
func CheckPolicies(p *plan.Plan, s *spec.Spec) ([]plan.PolicyResult, error) {
	rs, _, err := CheckPoliciesDeferred(p, s)
	return rs, err
}

// CheckPoliciesDeferred is CheckPolicies that also returns the checks deferred to
// apply: in a plan of a preview (plan.ModePreview) a check that needs a value
// unknown at preview is deferred, not a violation; in any other plan it is one.
func CheckPoliciesDeferred(p *plan.Plan, s *spec.Spec) (violations, deferred []plan.PolicyResult, err error) {
	cfg, err := rules.DefaultConfig()
	if err != nil {
		return nil, nil, fmt.Errorf("internal error: loading the policy configuration: %w", err)
	}
	var env *rules.Env
	if s != nil {
		env = rules.EnvFromSpec(s, cfg)
		env.SetCost(p)
	} else {
		env = rules.EnvFromPlan(p, cfg)
	}
	results := rules.EvaluateAt(cfg, env, rules.FromPlan(p), p.Mode == plan.ModePreview)
	violations = make([]plan.PolicyResult, 0, len(results))
	for _, r := range results {
		pr := plan.PolicyResult{
			Pack:             rules.PackName,
			Policy:           r.Policy,
			EnforcementLevel: string(r.Level),
			URN:              r.URN,
			Message:          r.Message,
		}
		if r.Undecided {
			deferred = append(deferred, pr)
		} else {
			violations = append(violations, pr)
		}
	}
	return violations, deferred, nil
}

// MandatoryViolations counts the results that block a deployment.
func MandatoryViolations(rs []plan.PolicyResult) int {
	n := 0
	for _, r := range rs {
		if r.EnforcementLevel == string(rules.Mandatory) {
			n++
		}
	}
	return n
}

// runPolicies fills the plan's policy results.
func runPolicies(p *plan.Plan, s *spec.Spec) error {
	rs, deferred, err := CheckPoliciesDeferred(p, s)
	if err != nil {
		return err
	}
	p.PolicyResults = rs
	p.PolicyDeferred = deferred
	return nil
}
