package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/model/jsonerr"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Run the platform policy pack on a plan, or list its policies",
		Long: `policy works with the platform's policy pack (policies/): the same rules run offline
here and under the Pulumi CLI (pulumi preview --policy-pack policies).`,
	}
	cmd.AddCommand(newPolicyCheckCmd(), newPolicyListCmd())
	return cmd
}

type policyCheckFlags struct {
	plan   string
	dir    string
	format string
}

func newPolicyCheckCmd() *cobra.Command {
	f := &policyCheckFlags{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run the policy pack on a plan JSON file",
		Long: `check runs the policy pack on any plan JSON (schemaVersion 1) — one written by
'platform plan --out', produced elsewhere, or edited by hand — and prints the
violations grouped by enforcement level.

The tier, regions, game ports and budget come from the stack's environment file
(--dir/Pulumi.<stack>.yaml) when it exists; otherwise the tier and game are taken
from the resources' tags and the budget is unknown (the budget policy says so).

Exit status: 0 no mandatory violation, 1 a mandatory violation, 2 a malformed plan
file (the message names the file and the field).`,
		Example: `  platform plan --env prod --out prod.plan.json && platform policy check --plan prod.plan.json
  platform policy check --plan edited.json --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runPolicyCheck(cmd.OutOrStdout(), f) },
	}
	cmd.Flags().StringVar(&f.plan, "plan", "", "plan JSON file to check (required)")
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory holding Pulumi.<stack>.yaml")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	return cmd
}

func runPolicyCheck(stdout io.Writer, f *policyCheckFlags) error {
	if f.plan == "" {
		return badInput(errors.New("--plan: a plan JSON file is required (write one with `platform plan --env ENV --out FILE`)"))
	}
	if f.format != "text" && f.format != "json" {
		return badInput(fmt.Errorf("--format: %q is not a format (text, json)", f.format))
	}
	p, err := readPlanFile(f.plan)
	if err != nil {
		return badInput(err)
	}
	var s *spec.Spec
	note := ""
	if _, statErr := os.Stat(spec.StackFile(f.dir, p.Stack)); statErr == nil {
		s, _, err = engine.Load(engine.Options{Dir: f.dir, Stack: p.Stack})
		if err != nil {
			return err
		}
	} else {
		note = fmt.Sprintf("note: no environment file %s; tier and game taken from the plan's tags, budget unknown", spec.StackFile(f.dir, p.Stack))
	}
	results, deferred, err := engine.CheckPoliciesDeferred(p, s)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if f.format == "json" {
		if err := writeJSON(w, results); err != nil {
			return err
		}
	} else {
		// The count plan prints: cloud resources, not the components that group them.
		fmt.Fprintf(w, "Policy check of %s (stack %s, %d resources to create)\n", f.plan, p.Stack, plan.Summarize(p.Resources).Resources)
		if note != "" {
			fmt.Fprintln(w, note)
		}
		plan.RenderPolicies(w, results)
		plan.RenderDeferred(w, deferred)
	}
	return policyVerdict(results)
}

// policyVerdict turns mandatory violations into exit status 1.
func policyVerdict(rs []plan.PolicyResult) error {
	if n := engine.MandatoryViolations(rs); n > 0 {
		return &exitError{code: exitViolation, err: fmt.Errorf("%d mandatory policy violation(s)", n)}
	}
	return nil
}

// readPlanFile reads and checks a plan JSON file; errors name the file and field.
func readPlanFile(path string) (*plan.Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such plan file", path)
		}
		return nil, fmt.Errorf("reading plan %s: %w", path, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a plan JSON document: %s", path, jsonerr.Describe(data, err))
	}
	if _, ok := raw["steps"]; ok {
		return nil, fmt.Errorf("%s: is `pulumi preview --json` output, not a plan; pass it with --preview", path)
	}
	var p plan.Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %s", path, jsonerr.Describe(data, err))
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, path+": "+fmt.Sprintf(format, args...)) }
	if _, ok := raw["schemaVersion"]; !ok {
		add("schemaVersion: missing (expected %d)", plan.SchemaVersion)
	} else if p.SchemaVersion != plan.SchemaVersion {
		add("schemaVersion: %d is not supported (expected %d; regenerate with `platform plan --format json`)", p.SchemaVersion, plan.SchemaVersion)
	}
	if p.Stack == "" {
		add("stack: missing")
	}
	if _, ok := raw["resources"]; !ok {
		add("resources: missing (expected an array of resources)")
	}
	seen := map[string]int{}
	for i, r := range p.Resources {
		if r.URN == "" {
			add("resources[%d].urn: missing", i)
		} else if j, dup := seen[r.URN]; dup {
			add("resources[%d].urn: %q repeats resources[%d]", i, r.URN, j)
		} else {
			seen[r.URN] = i
		}
		if r.Type == "" {
			add("resources[%d].type: missing", i)
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s: %d problem(s)\n  %s", path, len(problems), strings.Join(problems, "\n  "))
	}
	return &p, nil
}

func newPolicyListCmd() *cobra.Command {
	width := defaultWidth
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every policy with its description and enforcement level per tier",
		Long: `List every policy of the pack: its category, whether it judges one resource or the
whole stack, its enforcement level in each tier, and its description on the line
below, wrapped at --width.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if width < 0 {
				return badInput(fmt.Errorf("--width: %d must be 0 (no limit) or more", width))
			}
			cfg, err := rules.DefaultConfig()
			if err != nil {
				return err
			}
			var table strings.Builder
			tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "POLICY\tCATEGORY\tSCOPE\tDEV\tSTAGING\tPROD")
			policies := rules.All()
			for _, p := range policies {
				scope := "resource"
				if p.IsStack() {
					scope = "stack"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Category, scope,
					cfg.Level(p, spec.TierDev), cfg.Level(p, spec.TierStaging), cfg.Level(p, spec.TierProd))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			// Each policy's description goes on its own line under its row, so long
			// descriptions neither widen the columns nor run past --width.
			rows := strings.Split(strings.TrimSuffix(table.String(), "\n"), "\n")
			var b strings.Builder
			fmt.Fprintf(&b, "Policy pack %s %s (enforcement: %s)\n\n%s\n", rules.PackName, rules.PackVersion, rules.ConfigFile, rows[0])
			for i, p := range policies {
				fmt.Fprintf(&b, "%s\n    %s\n", rows[i+1], p.Description)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), wrapLines(b.String(), width))
			return err
		},
	}
	cmd.Flags().IntVar(&width, "width", defaultWidth, "wrap lines at this many columns (0: no limit)")
	return cmd
}
