package engine

import (
	"github.com/gameplatform/platform/internal/plan"
	"github.com/gameplatform/platform/internal/spec"
)

// analyze fills the plan's analyses in dependency order: cost first (the budget
// policy reads it), then the deployment-time estimate, then the policy pack.
func analyze(p *plan.Plan, s *spec.Spec) error {
	return runPolicies(p, s)
}
