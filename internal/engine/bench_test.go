package engine

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/cost"
	"github.com/gameplatform/platform/internal/deploytime"
	"github.com/gameplatform/platform/internal/plan"
	"github.com/gameplatform/platform/internal/spec"
)

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
// mock monitor plus cost and deploy-time analyses) for 1 to 32 regions.
func BenchmarkPlan(b *testing.B) {
	for _, n := range benchRegions {
		sc := genStackConfig(b, spec.TierProd, n)
		b.Run(fmt.Sprintf("regions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var p *plan.Plan
			cpu := cpuTime()
			for b.Loop() {
				p = planOnce(b, sc)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(p.Summary.Resources), "resources")
		})
	}
}

// BenchmarkPlanScaling checks the linear-growth target: a 32-region plan takes at
// most 40x the time of a 1-region plan. It reports the ratio of wall and of CPU
// time and fails when the CPU ratio (steady on a shared machine) is above 40.
func BenchmarkPlanScaling(b *testing.B) {
	one, many := genStackConfig(b, spec.TierProd, 1), genStackConfig(b, spec.TierProd, 32)
	var w1, w32, c1, c32 time.Duration
	for b.Loop() {
		start, cpu := time.Now(), cpuTime()
		planOnce(b, one)
		w1 += time.Since(start)
		c1 += cpuTime() - cpu
		start, cpu = time.Now(), cpuTime()
		planOnce(b, many)
		w32 += time.Since(start)
		c32 += cpuTime() - cpu
	}
	b.ReportMetric(float64(w32)/float64(w1), "wall-x32/x1")
	ratio := float64(c32) / float64(c1)
	b.ReportMetric(ratio, "cpu-x32/x1")
	if ratio > 40 {
		b.Errorf("32-region plan takes %.1fx the CPU time of the 1-region plan, target <= 40x", ratio)
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

// generatedPlans returns an unanalysed plan per benchmarked size.
func generatedPlans(b *testing.B) map[int]*plan.Plan {
	out := map[int]*plan.Plan{}
	for _, n := range benchRegions {
		p, err := Evaluate("prod", genStackConfig(b, spec.TierProd, n), testNow)
		if err != nil {
			b.Fatal(err)
		}
		out[n] = p
	}
	return out
}

// BenchmarkCost measures the cost model on generated plans.
func BenchmarkCost(b *testing.B) {
	t, err := cost.Default()
	if err != nil {
		b.Fatal(err)
	}
	plans := generatedPlans(b)
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
	plans := generatedPlans(b)
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
	for _, n := range benchRegions {
		sc := genStackConfig(b, spec.TierProd, n)
		p := planOnce(b, sc)
		s, err := spec.FromConfig("prod", "generated", sc.Values, testNow)
		if err != nil {
			b.Fatal(err)
		}
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
