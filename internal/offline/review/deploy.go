package review

import (
	"math"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// changeEstimate runs the deploy-time model on the change alone: the resources the
// change creates, replaces or updates (each at its type's create duration, an upper
// bound for an update), with their dependencies among themselves and the component
// tree for grouping. Deletions are not modelled. It returns the critical path in
// seconds and the number of operations; ok is false when the model cannot run.
func changeEstimate(resources []plan.Resource, changes []Change, parallelism int) (seconds float64, ops int, ok bool) {
	applied := map[string]bool{}
	for _, c := range changes {
		if c.Op != OpDelete {
			applied[c.URN] = true
		}
	}
	if len(applied) == 0 {
		return 0, 0, true
	}
	sub := &plan.Plan{}
	for _, r := range resources {
		if !r.Custom || applied[r.URN] {
			sub.Resources = append(sub.Resources, r)
			if r.Custom {
				ops++
			}
		}
	}
	d, err := deploytime.DefaultDurations()
	if err != nil {
		return 0, 0, false
	}
	res, err := deploytime.Estimate(sub, d, parallelism)
	if err != nil {
		return 0, 0, false
	}
	return math.Round(res.Schedule.Makespan), ops, true
}

// parallelismOf is the engine parallelism to model: the caller's, else the one the
// head plan's estimate assumed, else Pulumi's default.
func parallelismOf(opt int, head *plan.Plan) int {
	switch {
	case opt > 0:
		return opt
	case head != nil && head.Deploy.Parallelism > 0:
		return head.Deploy.Parallelism
	}
	return deploytime.DefaultParallelism()
}

// deployEstimate combines the change's own estimate with the model's figures for a
// fresh deployment of base and head (when the plans carry them).
func deployEstimate(b, h *plan.Plan, resources []plan.Resource, changes []Change, parallelism int) *DeployEstimate {
	d := &DeployEstimate{BaseSeconds: b.Deploy.CriticalPathSeconds, HeadSeconds: h.Deploy.CriticalPathSeconds, Parallelism: parallelism}
	secs, ops, ok := changeEstimate(resources, changes, parallelism)
	if !ok && d.BaseSeconds == 0 && d.HeadSeconds == 0 {
		return nil
	}
	d.ChangeSeconds, d.ChangeOperations, d.ChangeModelled = secs, ops, ok
	onPath := map[string]bool{}
	for _, u := range h.Deploy.CriticalPath {
		onPath[u] = true
	}
	for _, c := range changes {
		if onPath[c.URN] {
			d.ChangedOnPath++
		}
	}
	return d
}

// previewResources turns a preview's states into plan resources for the model: the
// new state of what is created, replaced or updated, and every component.
func previewResources(d *PreviewDigest) []plan.Resource {
	seen := map[string]bool{}
	var out []plan.Resource
	for _, s := range d.Steps {
		st := s.NewState
		if st == nil || seen[s.URN] {
			continue
		}
		seen[s.URN] = true
		r := plan.Resource{URN: s.URN, Type: string(st.Type), Name: urnName(s.URN), Parent: string(st.Parent), Custom: st.Custom}
		if catalog.BaseType(r.Type) == catalog.GenericType {
			// A generic resource is timed as the ARM type its inputs name.
			r.Inputs = plainInputs(st.Inputs)
		}
		for _, dep := range st.Dependencies {
			r.Dependencies = append(r.Dependencies, string(dep))
		}
		out = append(out, r)
	}
	return out
}
