package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/requests"
	"github.com/gameplatform/platform/internal/offline/review"
)

type reviewFlags struct {
	base, head, preview string
	env                 string
	format              string
	out                 string
	allowDestructive    bool
	maxChars            int
	parallel            int
}

func newReviewCmd() *cobra.Command {
	f := &reviewFlags{}
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Render the pull-request review comment of an infrastructure change",
		Long: `review compares two offline plans of one environment (--base, --head: the plan JSON
of the base branch and of the pull request; fully offline) or reads the output of
'pulumi preview --json' (--preview), and renders one Markdown comment for the
environment: counts of create/update/replace/delete, cost per month before → after,
the deploy-time estimate and the policy verdict; replacements and deletions of
stateful or player-facing resources (storage, key vault, registry, DNS zone, public
IP prefix, Front Door profile, AKS cluster, anything protected) first; the changes
grouped by region and component with changed inputs old → new (secrets masked);
policy results new vs already present; a Mermaid diagram of what is touched.

For offline plans, replacement is inferred from the properties Azure cannot change
in place (location, resource names and groups, per-type lists), and the comment says
so. With --preview, --base/--head are optional and add policy results, cost and
deploy-time estimates (the preview digest has none of them).

The comment starts with a hidden marker (<!-- platform-review:env=NAME -->) that the
workflows use to update the environment's comment instead of adding another, and it
is kept under GitHub's 65,536-character limit (with an explicit "truncated" note).

Omit --base for a new environment (everything is created).

Exit status: 0 the change may merge; 1 it must not — a dangerous replacement or
deletion without --allow-destructive (the pull request's allow-destructive label in
CI), or a new mandatory policy violation; 2 bad input. The comment is written in
every case.`,
		Example: `  platform plan --env staging --format json > head.json   # on the PR branch
  platform review --base base.json --head head.json
  platform review --base base.json --head head.json --format json
  pulumi preview --stack prod --json --policy-pack policies > preview.json
  platform review --preview preview.json --base base.json --head head.json --out comment.md
  platform review affected --base origin/main`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runReview(cmd.OutOrStdout(), cmd.ErrOrStderr(), f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.base, "base", "", "plan JSON of the base (omit for a new environment)")
	fl.StringVar(&f.head, "head", "", "plan JSON of the head (the proposed change)")
	fl.StringVar(&f.preview, "preview", "", "output of 'pulumi preview --json' (instead of a plan diff)")
	fl.StringVarP(&f.env, "env", "e", "", "environment name (default: the plans' or preview's stack)")
	fl.StringVar(&f.format, "format", "markdown", "output format: markdown or json")
	fl.StringVarP(&f.out, "out", "o", "", "write the output to this file instead of stdout")
	fl.BoolVar(&f.allowDestructive, "allow-destructive", false, "let replacements/deletions of stateful or player-facing resources pass")
	fl.IntVar(&f.maxChars, "max-chars", review.MaxCommentChars, "upper bound on the Markdown comment's length")
	fl.IntVar(&f.parallel, "parallel", 0, "engine parallelism for the change's deploy-time estimate (default: the head plan's, else 4 x CPUs)")
	cmd.AddCommand(newReviewAffectedCmd())
	return cmd
}

func runReview(stdout, stderr io.Writer, f *reviewFlags) error {
	if f.format != "markdown" && f.format != "json" {
		return badInput(fmt.Errorf("--format: %q is not a format (markdown, json)", f.format))
	}
	if f.preview == "" && f.head == "" && f.base == "" {
		return badInput(errors.New("nothing to review: pass --base and --head (plan JSON files) or --preview (pulumi preview --json output)"))
	}
	if f.preview == "" && f.head == "" {
		return badInput(errors.New("--head: missing (the plan JSON of the proposed change)"))
	}
	if f.parallel < 0 {
		return badInput(fmt.Errorf("--parallel: %d is negative", f.parallel))
	}
	if f.maxChars < 1000 {
		return badInput(fmt.Errorf("--max-chars: %d is too small (at least 1000)", f.maxChars))
	}
	var base, head *plan.Plan
	var err error
	if f.base != "" {
		if base, err = plan.ReadFile(f.base); err != nil {
			return badInput(err)
		}
	}
	if f.head != "" {
		if head, err = plan.ReadFile(f.head); err != nil {
			return badInput(err)
		}
	}
	opts := review.Options{Env: f.env, AllowDestructive: f.allowDestructive, BaseName: displayName(f.base), HeadName: displayName(f.head), Parallelism: f.parallel}
	var r *review.Review
	if f.preview != "" {
		data, err := os.ReadFile(f.preview)
		if err != nil {
			return badInput(fmt.Errorf("reading preview: %w", err))
		}
		d, err := review.ParsePreview(data, f.preview)
		if err != nil {
			return badInput(err)
		}
		opts.BaseName, opts.HeadName = "", displayName(f.preview)
		r, err = review.FromPreview(d, review.Context{Base: base, Head: head}, opts)
		if err != nil {
			return badInput(err)
		}
	} else {
		r, err = review.FromPlans(base, head, opts)
		if err != nil {
			return badInput(err)
		}
	}

	w := stdout
	var file *os.File
	if f.out != "" {
		if file, err = os.Create(f.out); err != nil {
			return badInput(fmt.Errorf("--out: %w", err))
		}
		w = file
	}
	bw := bufio.NewWriter(w)
	if f.format == "json" {
		err = review.RenderJSON(bw, r)
	} else {
		_, err = io.WriteString(bw, review.RenderMarkdown(r, review.MarkdownOptions{MaxChars: f.maxChars}))
	}
	err = errors.Join(err, bw.Flush())
	if file != nil {
		err = errors.Join(err, file.Close())
	}
	if err != nil {
		return badInput(fmt.Errorf("writing review: %w", err))
	}
	for _, w := range r.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if len(r.Blocked) > 0 {
		return &exitError{code: exitViolation, err: fmt.Errorf("review of %s: %s", r.Env, strings.Join(r.Blocked, "; "))}
	}
	return nil
}

func displayName(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}

// readPlan reads a plan JSON file with the reader `policy check` uses, so both
// commands accept and refuse the same files with the same messages.

type affectedFlags struct {
	base, head      string
	files           string
	dir             string
	format          string
	all             bool
	tiers           []string
	excludeTier     []string
	excludeExpired  bool
	includeRequests bool
	now             time.Time
}

func newReviewAffectedCmd() *cobra.Command {
	f := &affectedFlags{}
	cmd := &cobra.Command{
		Use:   "affected",
		Short: "List the environments a change affects (for the pull-request and deploy workflows)",
		Long: `affected lists the environments whose plan a change can alter, one per line in
deployment order (dev tier first, prod last):

  environments/Pulumi.<env>.yaml           that environment
  environments/requests/<env>.yaml         the environment the request produces
  components/ stacks/ policies/ internal/  every environment (also main.go, go.mod,
  go.sum, Pulumi.yaml); internal/offline/review/ is the renderer and affects none

The changed files come from 'git diff --name-only BASE...HEAD' (--base, --head) or a
file with one path per line (--files, '-' for stdin); --all lists every environment.
--tier / --exclude-tier keep or drop tiers (dev, staging, prod; the deploy workflow
deploys prod in a separate, approval-gated job). --exclude-expired drops environments
past their expiresOn (as of --today) with a notice on stderr for each: the scheduled
teardown destroys them, so review, deploy and drift leave them alone.
--include-requests also lists environments that so far only a request file describes
(a pull request adding environments/requests/<name>.yaml), for the review to validate
and plan. --format json prints a JSON array of names; --format matrix prints
[{"env", "tier", "githubEnvironment", "request"}] for a workflow matrix, where
githubEnvironment is the tier (prod when the tier is unknown), so the GitHub
environment's protection rules follow the tier, not the stack's name.`,
		Example: `  platform review affected --base origin/main
  platform review affected --base "$BASE_SHA" --head "$HEAD_SHA" --format json
  git diff --name-only main | platform review affected --files -
  platform review affected --all --exclude-tier prod --format json
  platform review affected --base origin/main --include-requests --exclude-expired --format matrix`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now, err := today(cmd)
			if err != nil {
				return err
			}
			f.now = now
			return runAffected(cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr(), f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.base, "base", "", "git ref of the base (e.g. origin/main or the base commit)")
	fl.StringVar(&f.head, "head", "HEAD", "git ref of the head")
	fl.StringVar(&f.files, "files", "", "read changed paths from this file instead of git ('-' for stdin)")
	fl.StringVar(&f.dir, "dir", "environments", "stack config directory")
	fl.StringVar(&f.format, "format", "lines", "output format: lines, json or matrix")
	fl.BoolVar(&f.all, "all", false, "list every environment (no diff)")
	fl.StringSliceVar(&f.tiers, "tier", nil, "keep only environments of these tiers")
	fl.StringSliceVar(&f.excludeTier, "exclude-tier", nil, "drop environments of these tiers")
	fl.BoolVar(&f.excludeExpired, "exclude-expired", false, "drop environments past their expiry (a notice on stderr names each)")
	fl.BoolVar(&f.includeRequests, "include-requests", false, "also list environments only a request file describes so far")
	return cmd
}

func runAffected(stdin io.Reader, stdout, stderr io.Writer, f *affectedFlags) error {
	if f.format != "lines" && f.format != "json" && f.format != "matrix" {
		return badInput(fmt.Errorf("--format: %q is not a format (lines, json, matrix)", f.format))
	}
	for flag, tiers := range map[string][]string{"--tier": f.tiers, "--exclude-tier": f.excludeTier} {
		for _, t := range tiers {
			if !slices.Contains(spec.Tiers, spec.Tier(t)) {
				return badInput(fmt.Errorf("%s: %q is not a tier (%s)", flag, t, tierNames()))
			}
		}
	}
	if f.now.IsZero() {
		f.now = time.Now()
	}
	var changed []string
	switch {
	case f.all:
		if f.files != "" || f.base != "" {
			return badInput(errors.New("--all: cannot be combined with --base or --files"))
		}
	case f.files != "":
		var data []byte
		var err error
		if f.files == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(f.files)
		}
		if err != nil {
			return badInput(fmt.Errorf("--files: %w", err))
		}
		changed = strings.Split(string(data), "\n")
	case f.base != "":
		out, err := exec.Command("git", "diff", "--name-only", "--no-renames", f.base+"..."+f.head).Output()
		if err != nil {
			msg := err.Error()
			var ee *exec.ExitError
			if errors.As(err, &ee) && len(ee.Stderr) > 0 {
				msg = strings.TrimSpace(string(ee.Stderr))
			}
			return badInput(fmt.Errorf("--base %s: git diff: %s", f.base, msg))
		}
		changed = strings.Split(string(out), "\n")
	default:
		return badInput(errors.New("--base: missing (a git ref), or pass --files"))
	}
	envs := review.EnvironmentsIn(f.dir)
	if len(envs) == 0 {
		return badInput(fmt.Errorf("--dir: no Pulumi.<stack>.yaml files in %s", f.dir))
	}
	if f.includeRequests {
		envs = append(envs, pendingRequests(f.dir, envs)...)
		review.SortForDeploy(envs)
	}
	var names []string
	if f.all {
		for _, e := range envs {
			names = append(names, e.Name)
		}
	} else {
		names = review.Affected(changed, envs)
	}
	names = filterTiers(names, envs, f.tiers, f.excludeTier)
	if f.excludeExpired {
		names = dropExpired(stderr, names, envs, f.now)
	}
	if f.format == "matrix" {
		return writeJSON(stdout, affectedMatrix(names, envs))
	}
	if f.format == "json" {
		if names == nil {
			names = []string{}
		}
		b, _ := json.Marshal(names)
		_, err := fmt.Fprintln(stdout, string(b))
		return err
	}
	for _, n := range names {
		if _, err := fmt.Fprintln(stdout, n); err != nil {
			return err
		}
	}
	return nil
}

// filterTiers keeps the environments whose tier is in keep (all when keep is empty)
// and not in drop, preserving order.
func filterTiers(names []string, envs []review.Environment, keep, drop []string) []string {
	tier := map[string]string{}
	for _, e := range envs {
		tier[e.Name] = e.Tier
	}
	in := func(l []string, s string) bool {
		for _, e := range l {
			if e == s {
				return true
			}
		}
		return false
	}
	var out []string
	for _, n := range names {
		if (len(keep) == 0 || in(keep, tier[n])) && !in(drop, tier[n]) {
			out = append(out, n)
		}
	}
	return out
}

func tierNames() string {
	names := make([]string, len(spec.Tiers))
	for i, t := range spec.Tiers {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// pendingRequests lists the environments that only a request file describes so far
// (environments/requests/<name>.yaml without environments/Pulumi.<name>.yaml), with
// the tier the request asks for ("" when the request cannot be read: its review says
// why).
func pendingRequests(dir string, envs []review.Environment) []review.Environment {
	known := map[string]bool{}
	for _, e := range envs {
		known[e.Name] = true
	}
	files, _ := filepath.Glob(filepath.Join(dir, "requests", "*.yaml"))
	var out []review.Environment
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		if known[name] {
			continue
		}
		e := review.Environment{Name: name, Request: file}
		if req, _ := requests.ReadRequest(file); req != nil {
			e.Tier = string(req.Tier)
		}
		out = append(out, e)
	}
	return out
}

// dropExpired removes the environments past their expiry on day now, with a notice
// on stderr for each: the scheduled teardown destroys them.
func dropExpired(stderr io.Writer, names []string, envs []review.Environment, now time.Time) []string {
	byName := map[string]review.Environment{}
	for _, e := range envs {
		byName[e.Name] = e
	}
	var out []string
	for _, n := range names {
		e := byName[n]
		if spec.ExpiredOn(spec.Tier(e.Tier), e.ExpiresOn, now) {
			exp, _ := time.Parse(time.DateOnly, e.ExpiresOn)
			fmt.Fprintf(stderr, "notice: skipped %s\n", spec.ExpiredNotice(n, e.ExpiresOn, int(spec.Today(now).Sub(exp).Hours()/24)))
			continue
		}
		out = append(out, n)
	}
	return out
}

// matrixEntry is one environment of `review affected --format matrix`.
type matrixEntry struct {
	Env  string `json:"env"`
	Tier string `json:"tier"`
	// GitHubEnvironment is the GitHub environment the job runs in: the tier, so its
	// protection rules (required reviewers on prod) follow the tier and not the
	// stack's name; prod when the tier is unknown (the strictest).
	GitHubEnvironment string `json:"githubEnvironment"`
	// Request is the request file of an environment not generated yet.
	Request string `json:"request,omitempty"`
}

func affectedMatrix(names []string, envs []review.Environment) []matrixEntry {
	byName := map[string]review.Environment{}
	for _, e := range envs {
		byName[e.Name] = e
	}
	out := []matrixEntry{}
	for _, n := range names {
		e := byName[n]
		// An environment of no known tier is protected as the strictest tier is.
		gh := string(tier.Of(spec.Tier(e.Tier)).Tier)
		out = append(out, matrixEntry{Env: n, Tier: e.Tier, GitHubEnvironment: gh, Request: filepath.ToSlash(e.Request)})
	}
	return out
}
