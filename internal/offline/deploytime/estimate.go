package deploytime

import (
	"math"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// Result is the deployment-time estimate of a plan.
type Result struct {
	Graph *Graph
	// Schedule is at the requested parallelism; Unbounded with no bound (the floor).
	Schedule  *Schedule
	Unbounded *Schedule
	// Suggested is the smallest parallelism within SuggestTolerance of the floor.
	Suggested int
}

// Estimate builds the plan's graph and schedules it at parallelism (<= 0 means the
// Pulumi default, DefaultParallelism).
func Estimate(p *plan.Plan, d *Durations, parallelism int) (*Result, error) {
	g, err := Build(p, d)
	if err != nil {
		return nil, err
	}
	if parallelism <= 0 {
		parallelism = DefaultParallelism()
	}
	return &Result{
		Graph:     g,
		Schedule:  g.Schedule(parallelism),
		Unbounded: g.Schedule(0),
		Suggested: g.SuggestParallelism(),
	}, nil
}

// Fill writes the estimate into the plan's deploy section.
func (r *Result) Fill(d *plan.Deploy) {
	g, s := r.Graph, r.Schedule
	d.CriticalPathSeconds = math.Round(s.Makespan)
	d.Parallelism = s.Parallelism
	d.UnboundedSeconds = math.Round(r.Unbounded.Makespan)
	d.SuggestedParallelism = r.Suggested
	d.CriticalPath = make([]string, 0, len(s.Path))
	d.Steps = make([]plan.DeployStep, 0, len(s.Path))
	for _, i := range s.Path {
		d.CriticalPath = append(d.CriticalPath, g.Nodes[i].URN)
		d.Steps = append(d.Steps, r.step(i))
	}
	d.Dominant = nil
	for _, i := range g.Dominant(s.Path, 3) {
		d.Dominant = append(d.Dominant, r.step(i))
	}
	d.DefaultedTypes = g.DefaultedTypes()
}

func (r *Result) step(i int) plan.DeployStep {
	n := r.Graph.Nodes[i]
	return plan.DeployStep{
		URN:          n.URN,
		Type:         n.Type,
		StartSeconds: math.Round(r.Schedule.Start[i]),
		Seconds:      n.Seconds,
		WaitedFor:    r.Schedule.WaitedFor[i],
	}
}
