package engine

import (
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/quota"
)

// analyze fills the plan's analyses in dependency order: cost first (the budget
// policy reads it), then the deployment-time estimate and the quota report, then
// the policy pack.
// p.Deploy.Parallelism, when set, is the engine parallelism the estimate assumes.
func analyze(p *plan.Plan, s *spec.Spec) error {
	if err := estimateCost(p, s); err != nil {
		return err
	}
	if err := estimateDeploy(p, p.Deploy.Parallelism); err != nil {
		return err
	}
	p.Quota = quota.FromPlan(p)
	return runPolicies(p, s)
}
