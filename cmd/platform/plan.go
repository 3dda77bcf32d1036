package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/engine"
	"github.com/gameplatform/platform/internal/plan"
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
			return runPlan(cmd.OutOrStdout(), f)
		},
	}
	cmd.Flags().StringVarP(&f.env, "env", "e", "dev", "stack (environment) to plan")
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVarP(&f.out, "out", "o", "", "also write the plan JSON to this file")
	cmd.Flags().BoolVar(&f.explain, "explain", false, "print the prices, usage assumptions and durations behind the estimates")
	cmd.Flags().StringVar(&f.mode, "mode", string(engine.DefaultMode), "evaluate as a fresh stack's preview (preview: computed values unknown) or as a deployed stack (applied)")
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
	res, err := engine.Plan(engine.Options{Dir: f.dir, Stack: f.env, Parallelism: f.parallel, Mode: mode})
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
	fmt.Fprintln(w, plan.Heading(p))
	plan.RenderTree(w, p)
	plan.RenderSummary(w, p)
	renderCapacity(w, res.Spec)
	renderAnalytics(w, p, f.explain)
	plan.RenderPolicies(w, p.PolicyResults)
	plan.RenderDeferred(w, p.PolicyDeferred)
	if f.out != "" {
		fmt.Fprintf(w, "\nPlan JSON written to %s\n", f.out)
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
	if err := errors.Join(bw.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
