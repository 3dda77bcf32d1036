package pack

import (
	"fmt"

	"github.com/gameplatform/platform/internal/offline/cost"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// estimateCost prices the stack's resources with the platform's cost model (the one
// the offline plan uses) for the budget policy, at the environment's tier.
func estimateCost(e *rules.Env, rs []rules.Resource) error {
	t, err := cost.Default()
	if err != nil {
		return err
	}
	p := &plan.Plan{SchemaVersion: plan.SchemaVersion, Stack: e.Stack, Resources: make([]plan.Resource, len(rs))}
	for i, r := range rs {
		p.Resources[i] = r.Resource
	}
	est, err := cost.Compute(p, t, string(e.EnforcementTier()))
	if err != nil {
		return fmt.Errorf("estimating the stack's cost: %w", err)
	}
	est.Fill(&p.Cost, t, 0)
	e.SetCost(p)
	return nil
}
