// Command gen regenerates the review tests' plan fixtures from the real program with
// the offline engine, so the fixtures have the shapes real plans have:
//
//	go run ./internal/offline/review/testdata/gen   (from the repository root)
//
// It plans the shipped staging environment, staging variants (one more region, a
// different cost centre, more players) and prod trimmed to its global part and
// one region, and writes them to internal/offline/review/testdata/*.plan.json. The tests
// derive the other scenarios (a replacement, a deletion, a policy regression) from
// these by editing the plans the way the program change would.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// now pins expiry judgements, as the engine's golden tests do.
var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

const out = "internal/offline/review/testdata"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	staging, err := os.ReadFile("environments/Pulumi.staging.yaml")
	if err != nil {
		return fmt.Errorf("run from the repository root: %w", err)
	}
	variants := map[string]func(string) string{
		"staging.base": func(s string) string { return s },
		// One more region: a block of staging's address plan no environment uses.
		"staging.region": func(s string) string {
			return s + `    - name: eastus2
      addressSpace: 10.20.128.0/18
      capacity:
        peakPlayers: 8000
        playersPerServer: 16
        vcpuPerServer: 2
        vmSize: Standard_F16s_v2
`
		},
		// A tag-only change: the cost centre is a standard tag on every resource.
		"staging.tags": func(s string) string {
			return mustReplace(s, "game-platform:costCenter: CC-1001", "game-platform:costCenter: CC-2042")
		},
		// More players in westeurope: bigger game-server pools, higher cost.
		"staging.capacity": func(s string) string {
			return mustReplace(s, "peakPlayers: 10000", "peakPlayers: 40000")
		},
	}
	for name, edit := range variants {
		dir, err := os.MkdirTemp("", "review-gen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if err := copyEnvs("environments", dir); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "Pulumi.staging.yaml"), []byte(edit(string(staging))), 0o644); err != nil {
			return err
		}
		r, err := engine.Plan(engine.Options{Dir: dir, Stack: "staging", Now: now, Mode: plan.ModeApplied})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := write(name, r.Plan); err != nil {
			return err
		}
	}
	r, err := engine.Plan(engine.Options{Dir: "environments", Stack: "prod", Now: now, Mode: plan.ModeApplied})
	if err != nil {
		return fmt.Errorf("prod: %w", err)
	}
	return write("prod.japaneast", trim(r.Plan, "japaneast"))
}

// trim keeps the global part and one region of a plan, with the analyses restricted
// to what is kept. Environment-wide resources placed in a dropped region (a workload
// identity or registry replica serving it) go with that region.
func trim(p *plan.Plan, region string) *plan.Plan {
	dropped := map[string]bool{}
	for _, r := range p.Resources {
		if r.Region != "" && r.Region != region {
			dropped[r.Region] = true
		}
	}
	keep := map[string]bool{}
	var rs []plan.Resource
	for _, r := range p.Resources {
		loc, _ := r.Inputs["location"].(string)
		if (r.Region == "" && !dropped[strings.ToLower(strings.ReplaceAll(loc, " ", ""))]) || r.Region == region {
			keep[r.URN] = true
			rs = append(rs, r)
		}
	}
	p.Resources = rs
	// Stack-level results (no URN) judge the whole stack, which a trimmed plan is not.
	var pr []plan.PolicyResult
	for _, r := range p.PolicyResults {
		if keep[r.URN] {
			pr = append(pr, r)
		}
	}
	p.PolicyResults = append([]plan.PolicyResult{}, pr...)
	if len(p.Cost.ByResource) > 0 {
		urns := make([]string, 0, len(p.Cost.ByResource))
		for u := range p.Cost.ByResource {
			urns = append(urns, u)
		}
		sort.Strings(urns) // a fixed order: the same sum every run
		total := 0.0
		for _, u := range urns {
			if !keep[u] {
				delete(p.Cost.ByResource, u)
				continue
			}
			total += p.Cost.ByResource[u]
		}
		p.Cost.MonthlyUSD = math.Round(total*100) / 100
	}
	var cp []string
	for _, u := range p.Deploy.CriticalPath {
		if keep[u] {
			cp = append(cp, u)
		}
	}
	p.Deploy.CriticalPath = append([]string{}, cp...)
	p.Summary = plan.Summarize(p.Resources)
	return p
}

func copyEnvs(from, to string) error {
	files, err := filepath.Glob(filepath.Join(from, "Pulumi.*.yaml"))
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func write(name string, p *plan.Plan) error {
	// Drop the detail the review does not read, to keep the fixtures small.
	for i := range p.Resources {
		p.Resources[i].PropertyDependencies = nil
	}
	p.Deploy.Steps, p.Deploy.Dominant, p.Cost.TopItems = nil, nil, nil
	data, err := json.MarshalIndent(p, "", " ")
	if err != nil {
		return err
	}
	path := filepath.Join(out, name+".plan.json")
	fmt.Printf("%s: %d resources, $%.2f/month, %d policy results\n", path, len(p.Resources), p.Cost.MonthlyUSD, len(p.PolicyResults))
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func mustReplace(s, old, new string) string {
	if !strings.Contains(s, old) {
		panic(fmt.Sprintf("gen: %q not in staging config", old))
	}
	return strings.ReplaceAll(s, old, new)
}
