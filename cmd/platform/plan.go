package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
)

type planFlags struct {
	env    string
	dir    string
	format string
	out    string
	// explain prints the assumptions behind the cost and deploy-time estimates.
	explain bool
	// parallel is the engine parallelism the deploy-time estimate assumes.
	parallel int
	// mode is how the program is evaluated: preview or applied.
	mode string
	// tree adds the full resource tree to the text report; width bounds its lines.
	tree  bool
	width int
	// now is the day expiry is judged on (--today, PLATFORM_TODAY, else the clock).
	now time.Time
}

func newPlanCmd() *cobra.Command {
	f := &planFlags{}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Evaluate a stack's Pulumi program offline and show the full plan",
		Long: `plan reads environments/Pulumi.<env>.yaml, validates the environment (every problem
at once, each naming the file and field), evaluates the real Pulumi program under the
SDK's mock resource monitor and prints what 'pulumi up' would create: a tree grouped by
component and region and counts by type and region.

--mode preview (the default) evaluates the program as 'pulumi preview' of a fresh
stack does: resources being created have no ID and the values Azure computes (IDs,
host names, principal IDs) are unknown, so policies see what the real preview shows
them; --mode applied gives every resource an ID and placeholder computed outputs, as
a deployed stack has.

The text report starts with a summary (verdict, resources per region, monthly cost
against the budget, deploy time, capacity and vCPU quota), then the policy results
and the details; --tree adds every resource, and lines are wrapped at --width
columns (120). An environment past its expiresOn still plans (its teardown needs
it) and the summary says it is EXPIRED.

--format json writes the plan JSON contract (schemaVersion 1) with every resource's
inputs as registered; --out FILE writes it to FILE (atomically) and keeps the text
report on stdout.`,
		Example: `  platform plan --env dev
  platform plan --env prod --format json > prod.json
  platform plan --env staging --out staging.plan.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("parallel") {
				n, err := parallelFromEnv()
				if err != nil {
					return badInput(err)
				}
				f.parallel = n
			}
			now, err := today(cmd)
			if err != nil {
				return err
			}
			f.now = now
			return runPlan(cmd.OutOrStdout(), f)
		},
	}
	cmd.Flags().StringVarP(&f.env, "env", "e", "dev", "stack (environment) to plan")
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "also write the plan JSON to this file")
	cmd.Flags().BoolVar(&f.explain, "explain", false, "print the prices, usage assumptions and durations behind the estimates")
	cmd.Flags().StringVar(&f.mode, "mode", string(engine.DefaultMode), "evaluate as a fresh stack's preview (preview: computed values unknown) or as a deployed stack (applied)")
	cmd.Flags().BoolVar(&f.tree, "tree", false, "also print every resource as a tree grouped by component and region")
	cmd.Flags().IntVar(&f.width, "width", defaultWidth, "wrap the text report's lines at this many columns (0: no limit)")
	cmd.Flags().IntVarP(&f.parallel, "parallel", "p", 0, "engine parallelism the deploy-time estimate assumes (default: PULUMI_PARALLEL, else Pulumi's 4 x CPUs)")
	return cmd
}

func runPlan(stdout io.Writer, f *planFlags) error {
	if f.format != "text" && f.format != "json" {
		return badInput(fmt.Errorf("--format: %q is not a format (text, json)", f.format))
	}
	if f.parallel < 0 {
		return badInput(fmt.Errorf("--parallel: %d must be 1 or more (0 for Pulumi's default)", f.parallel))
	}
	mode := engine.DefaultMode
	if f.mode != "" {
		m, err := plan.ParseMode(f.mode)
		if err != nil {
			return badInput(fmt.Errorf("--mode: %w", err))
		}
		mode = m
	}
	if f.width < 0 {
		return badInput(fmt.Errorf("--width: %d must be 0 (no limit) or more", f.width))
	}
	if f.now.IsZero() {
		f.now = time.Now()
	}
	res, err := engine.Plan(engine.Options{Dir: f.dir, Stack: f.env, Parallelism: f.parallel, Now: f.now, Mode: mode})
	if err != nil {
		return err
	}
	p := res.Plan
	if f.out != "" {
		if err := writeJSONFile(f.out, p); err != nil {
			return badInput(fmt.Errorf("writing plan: %w", err))
		}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if f.format == "json" {
		if err := writeJSON(w, p); err != nil {
			return err
		}
		return policyVerdict(p.PolicyResults)
	}
	if err := renderPlanText(w, res, f, f.now); err != nil {
		return err
	}
	return policyVerdict(p.PolicyResults)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeJSONFile writes v as JSON to path atomically: a reader never sees half a file.
func writeJSONFile(path string, v any) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := writeJSON(bw, v); err != nil {
		tmp.Close()
		return err
	}
	// CreateTemp makes the file 0600; a plan is no secret (values marked secret are
	// masked) and other tools and users read it: 0644 like any written file.
	if err := errors.Join(bw.Flush(), tmp.Chmod(0o644), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
