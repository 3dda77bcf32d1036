package engine

import (
	"fmt"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/cost"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// TopCostItems is how many of the most expensive resources the plan lists.
const TopCostItems = 10

// estimateCost fills p.Cost from the shipped price table with the usage assumptions
// of the environment's tier, and records the budget.
func estimateCost(p *plan.Plan, s *spec.Spec) error {
	t, err := cost.Default()
	if err != nil {
		return err
	}
	e, err := cost.Compute(p, t, string(s.Tier))
	if err != nil {
		return fmt.Errorf("estimating cost of stack %q: %w", p.Stack, err)
	}
	e.Fill(&p.Cost, t, TopCostItems)
	p.Cost.BudgetMonthlyUSD = s.BudgetMonthlyUSD
	return nil
}

// estimateDeploy fills p.Deploy with the critical path of a fresh `pulumi up` at the
// given engine parallelism (<= 0: Pulumi's default, 4 x CPUs of this machine).
func estimateDeploy(p *plan.Plan, parallelism int) error {
	d, err := deploytime.DefaultDurations()
	if err != nil {
		return err
	}
	r, err := deploytime.Estimate(p, d, parallelism)
	if err != nil {
		return fmt.Errorf("estimating deployment time of stack %q: %w", p.Stack, err)
	}
	r.Fill(&p.Deploy)
	return nil
}
