// Package engine evaluates the real Pulumi program offline: it reads a stack's
// config file, validates the environment, runs stacks.Run under the Pulumi Go SDK's
// mock resource monitor, and returns the recorded plan with its analyses.
package engine

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/recorder"
	"github.com/gameplatform/platform/stacks"
)

// Project is the Pulumi project name (Pulumi.yaml `name`).
const Project = spec.Namespace

// Options select what to plan.
type Options struct {
	// Dir is the stack config directory (Pulumi.yaml's stackConfigDir).
	Dir string
	// Stack is the stack (environment) name.
	Stack string
	// Now judges expiry dates; zero means time.Now.
	Now time.Time
	// Parallelism is the engine parallelism the deploy-time estimate assumes;
	// 0 means Pulumi's default (4 x CPUs).
	Parallelism int
	// Mode is how the mock monitor answers (plan.ModePreview, plan.ModeApplied);
	// empty means DefaultMode.
	Mode plan.Mode
}

// DefaultMode is the mode of a plan that does not choose one: a preview of a fresh
// stack, which is what `pulumi preview` shows for a stack with no state (and the
// offline plan has none), so the policy verdicts are the ones the real preview gives.
const DefaultMode = plan.ModePreview

// Result is an evaluated plan with the spec it came from.
type Result struct {
	Plan *plan.Plan
	Spec *spec.Spec
}

// Load reads and validates a stack's spec, including the cross-environment address
// plan check. Errors are *spec.ConfigError naming the file and field.
func Load(opts Options) (*spec.Spec, *spec.StackConfig, error) {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	path := spec.StackFile(opts.Dir, opts.Stack)
	blocks, _ := spec.BlocksInDir(opts.Dir)
	return spec.LoadFile(path, opts.Stack, now, blocks...)
}

// Plan evaluates the program for one stack offline.
func Plan(opts Options) (*Result, error) {
	s, sc, err := Load(opts)
	if err != nil {
		return nil, err
	}
	p, err := evaluate(opts.Stack, sc, opts.Now, opts.Dir, opts.Mode)
	if err != nil {
		return nil, err
	}
	p.Deploy.Parallelism = opts.Parallelism
	if err := analyze(p, s); err != nil {
		return nil, err
	}
	return &Result{Plan: p, Spec: s}, nil
}

// Evaluate runs stacks.Run with the given stack config under the recording mock
// monitor in DefaultMode and returns the plan of what it registered. The program
// checks no other environment's address blocks (see Plan).
func Evaluate(stack string, sc *spec.StackConfig, now time.Time) (*plan.Plan, error) {
	return EvaluateMode(stack, sc, now, DefaultMode)
}

// EvaluateMode is Evaluate in a given mode (empty: DefaultMode). In ModePreview the
// program runs as in `pulumi preview` (DryRun) and resources being created get no ID
// and no computed outputs, as from the engine in a preview of a fresh stack.
func EvaluateMode(stack string, sc *spec.StackConfig, now time.Time, mode plan.Mode) (*plan.Plan, error) {
	return evaluate(stack, sc, now, "", mode)
}

// evaluate is EvaluateMode with the program reading the other environments' address
// blocks from dir, as it reads them from the project's stackConfigDir under the
// Pulumi CLI.
func evaluate(stack string, sc *spec.StackConfig, now time.Time, dir string, mode plan.Mode) (*plan.Plan, error) {
	if mode == "" {
		mode = DefaultMode
	}
	if _, err := plan.ParseMode(string(mode)); err != nil {
		return nil, fmt.Errorf("internal error: %w", err)
	}
	rec := recorder.NewMode(mode)
	if !now.IsZero() {
		restore := stacks.Now
		stacks.Now = func() time.Time { return now }
		defer func() { stacks.Now = restore }()
	}
	restoreDir := stacks.EnvDir
	stacks.EnvDir = dir
	defer func() { stacks.EnvDir = restoreDir }()
	withConfig := func(info *pulumi.RunInfo) {
		info.Config = sc.Values
		info.ConfigSecretKeys = sc.Secrets
		info.DryRun = mode == plan.ModePreview
	}
	err := pulumi.RunErr(stacks.Run, pulumi.WithMocks(Project, stack, rec), withConfig)
	if err != nil {
		var ce *spec.ConfigError
		if errors.As(err, &ce) {
			return nil, ce
		}
		return nil, fmt.Errorf("evaluating program for stack %q: %w", stack, err)
	}
	p := &plan.Plan{
		SchemaVersion: plan.SchemaVersion,
		Project:       Project,
		Stack:         stack,
		Mode:          mode,
		Resources:     rec.Resources(Project, stack),
		PolicyResults: []plan.PolicyResult{},
		Cost:          plan.Cost{ByResource: map[string]float64{}},
		Deploy:        plan.Deploy{CriticalPath: []string{}},
	}
	p.Summary = plan.Summarize(p.Resources)
	return p, nil
}

// Stacks lists the stack names that have a config file in dir, sorted.
func Stacks(dir string) []string {
	blocks, _ := spec.BlocksInDir(dir)
	seen := map[string]bool{}
	var out []string
	for _, b := range blocks {
		if !seen[b.Env] {
			seen[b.Env] = true
			out = append(out, b.Env)
		}
	}
	sort.Strings(out)
	return out
}
