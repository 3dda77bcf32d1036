package engine

import (
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/cost"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// maxPlanRatio is the linear-growth target: the 32-region plan's CPU time at most
// this many times the 1-region plan's.
const maxPlanRatio = 33

// benchRegions are the environment sizes the plan benchmarks measure.
var benchRegions = []int{1, 2, 4, 8, 16, 32}

// planOnce evaluates and analyses a generated prod-like environment: the work of
// `platform plan` after reading the stack file.
func planOnce(b testing.TB, sc *spec.StackConfig) *plan.Plan {
	p, err := Evaluate("prod", sc, testNow)
	if err != nil {
		b.Fatal(err)
	}
	s, err := spec.FromConfig("prod", "generated", sc.Values, testNow)
	if err != nil {
		b.Fatal(err)
	}
	if err := analyze(p, s); err != nil {
		b.Fatal(err)
	}
	return p
}

// cpuTime is the user+system CPU time this process has used. On a shared machine it
// is steadier than wall time, which includes waiting for other processes.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPlan measures plan time and allocations (program evaluation under the
// mock monitor plus the cost, deploy-time and policy analyses) for 1 to 32 regions,
// and checks the linear-growth target: the 32-region plan takes at most 33x the
// time of the 1-region plan. The check uses CPU time, which is steadier than wall
// time on a shared machine; both are reported.
func BenchmarkPlan(b *testing.B) {
	cpuPerOp := map[int]float64{}
	for _, n := range benchRegions {
		sc := genStackConfig(b, spec.TierProd, n)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var p *plan.Plan
			cpu := cpuTime()
			for b.Loop() {
				p = planOnce(b, sc)
			}
			perOp := float64(cpuTime()-cpu) / float64(b.N)
			cpuPerOp[n] = perOp
			b.ReportMetric(perOp, "cpu-ns/op")
			b.ReportMetric(perOp/float64(len(p.Resources)), "cpu-ns/resource")
			b.ReportMetric(float64(len(p.Resources)), "resources")
		})
	}
	if one, many := cpuPerOp[1], cpuPerOp[32]; one > 0 && many > 0 {
		ratio := many / one
		b.Logf("32-region plan: %.1fx the CPU time of the 1-region plan (target <= %.0fx)", ratio, float64(maxPlanRatio))
		if ratio > maxPlanRatio {
			b.Errorf("32-region plan takes %.1fx the CPU time of the 1-region plan, target <= %.0fx", ratio, float64(maxPlanRatio))
		}
	}
}

// BenchmarkPlanProd6 checks the 6-region prod target: under 2 s per plan.
func BenchmarkPlanProd6(b *testing.B) {
	sc := genStackConfig(b, spec.TierProd, 6)
	b.ReportAllocs()
	start, cpu := time.Now(), cpuTime()
	for b.Loop() {
		planOnce(b, sc)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	per := time.Since(start) / time.Duration(b.N)
	if per > 2*time.Second {
		b.Errorf("6-region prod plan takes %v, target < 2s", per)
	}
}

var (
	benchPlansOnce sync.Once
	benchPlans     map[int]*plan.Plan
	benchSpecs     map[int]*spec.Spec
)

// generatedPlans returns an analysed plan and its spec per benchmarked size,
// evaluated once per test binary.
func generatedPlans(b *testing.B) (map[int]*plan.Plan, map[int]*spec.Spec) {
	benchPlansOnce.Do(func() {
		benchPlans, benchSpecs = map[int]*plan.Plan{}, map[int]*spec.Spec{}
		for _, n := range benchRegions {
			sc := genStackConfig(b, spec.TierProd, n)
			s, err := spec.FromConfig("prod", "generated", sc.Values, testNow)
			if err != nil {
				b.Fatal(err)
			}
			benchPlans[n], benchSpecs[n] = planOnce(b, sc), s
		}
	})
	if len(benchPlans) != len(benchRegions) {
		b.Fatal("generating the benchmark plans failed")
	}
	return benchPlans, benchSpecs
}

// BenchmarkCost measures the cost model on generated plans.
func BenchmarkCost(b *testing.B) {
	t, err := cost.Default()
	if err != nil {
		b.Fatal(err)
	}
	plans, _ := generatedPlans(b)
	for _, n := range benchRegions {
		p := plans[n]
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				e, err := cost.Compute(p, t, "prod")
				if err != nil {
					b.Fatal(err)
				}
				var c plan.Cost
				e.Fill(&c, t, TopCostItems)
			}
		})
	}
}

// BenchmarkCriticalPath measures the deploy-time model on generated plans: graph
// build, one schedule at Pulumi's default bound and one unbounded, and the search
// for the suggested parallelism (the full estimate), and a single schedule alone.
func BenchmarkCriticalPath(b *testing.B) {
	d, err := deploytime.DefaultDurations()
	if err != nil {
		b.Fatal(err)
	}
	plans, _ := generatedPlans(b)
	for _, n := range benchRegions {
		p := plans[n]
		b.Run(fmt.Sprintf("estimate/regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := deploytime.Estimate(p, d, 8); err != nil {
					b.Fatal(err)
				}
			}
		})
		g, err := deploytime.Build(p, d)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("schedule/regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.Schedule(8)
			}
		})
	}
}

// BenchmarkPolicy measures the policy pack (resource conversion and every enabled
// policy) on analysed generated plans and reports the time per resource; it fails
// above the 100 µs per resource target.
func BenchmarkPolicy(b *testing.B) {
	plans, specs := generatedPlans(b)
	for _, n := range benchRegions {
		p, s := plans[n], specs[n]
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				if _, err := CheckPolicies(p, s); err != nil {
					b.Fatal(err)
				}
			}
			perResource := time.Since(start) / time.Duration(b.N*len(p.Resources))
			b.ReportMetric(float64(perResource.Nanoseconds()), "ns/resource")
			b.ReportMetric(float64(len(p.Resources)), "resources")
			if perResource > 100*time.Microsecond {
				b.Errorf("policy evaluation takes %v per resource, target < 100µs", perResource)
			}
		})
	}
}
