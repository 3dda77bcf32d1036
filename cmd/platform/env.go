package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/requests"
)

// Exit statuses of the env commands, besides exitOK and exitBadInput.
const (
	// exitExpired: `platform env expired` found environments past their expiry.
	exitExpired = 3
	// exitInterrupted: `platform env request` was interrupted; nothing was written.
	exitInterrupted = 130
)

func newEnvCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "env",
		Short: "Studio environments: request a new one, list them, find the expired ones",
		Long: `env works with the platform's environments (environments/Pulumi.<name>.yaml) and the
studio requests they come from (environments/requests/<name>.yaml, schema in
environments/requests/schema.json).`,
	}
	cmd.AddCommand(newEnvRequestCmd(), newEnvListCmd(), newEnvExpiredCmd())
	return cmd
}

type envRequestFlags struct {
	dir    string
	dryRun bool
}

func newEnvRequestCmd() *cobra.Command {
	f := &envRequestFlags{}
	cmd := &cobra.Command{
		Use:   "request FILE",
		Short: "Validate, size, allocate and price a studio request, then write its environment",
		Long: `request turns a studio's request file into environments/Pulumi.<name>.yaml:

  1. validates the request against its JSON Schema and the platform's rules, reporting
     every problem at once, each naming the file and the field;
  2. sizes each region's game-server pools with the capacity model;
  3. allocates each region a free address block from the platform plan (10.0.0.0/8),
     aware of every existing environment;
  4. plans the generated environment offline (the same program and analyses as
     'platform plan') and compares its estimated monthly cost with the budget;
  5. writes the file atomically — only when everything passed, never replacing an
     existing environment — and prints a summary.

--dry-run does steps 1-4 and prints the file that would be written (the summary
goes to stderr).

Exit status: 0 written (or dry run passed), 1 the generated environment violates a
mandatory policy, 2 bad request (every problem listed), 130 interrupted (nothing
written).`,
		Example: `  platform env request environments/requests/weekend-playtest.yaml --dry-run
  platform env request environments/requests/weekend-playtest.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			now, err := today(cmd)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runEnvRequest(ctx, cmd.OutOrStdout(), cmd.ErrOrStderr(), args[0], f, now)
		},
	}
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	cmd.Flags().BoolVar(&f.dryRun, "dry-run", false, "print the file that would be written; write nothing")
	return cmd
}

// runEnvRequest is the whole of `env request`. Nothing is written unless every step
// passed and ctx was not cancelled (interrupt) before the final, atomic link.
func runEnvRequest(ctx context.Context, stdout, stderr io.Writer, file string, f *envRequestFlags, now time.Time) error {
	if fi, err := os.Stat(f.dir); err != nil || !fi.IsDir() {
		return badInput(fmt.Errorf("--dir: %s is not a stack config directory", f.dir))
	}
	checked, err := requests.CheckFile(file, requests.Context{Now: now, EnvDir: f.dir})
	if err != nil {
		return badInput(err)
	}
	env, err := requests.Generate(checked, f.dir)
	if err != nil {
		return badInput(err)
	}
	// Stage the file next to its place and plan exactly those bytes through the
	// stack's own loader: what is planned is what gets written.
	staged, err := requests.Stage(env.Path, func(w io.Writer) error { _, err := w.Write(env.File); return err })
	if err != nil {
		return badInput(err)
	}
	defer staged.Discard()
	res, err := engine.PlanFile(staged.Path(), env.Name, f.dir, now)
	if err != nil {
		return fmt.Errorf("internal error: the environment generated from %s does not plan: %w", file, err)
	}
	if err := ctx.Err(); err != nil {
		return &exitError{code: exitInterrupted, err: errors.New("interrupted; nothing written")}
	}
	// The budget must cover the cost model's expected monthly cost of the planned
	// environment (autoscaled pools at their expected average, not their maximum).
	if cost := res.Plan.Cost; cost.MonthlyUSD > checked.BudgetMonthlyUSD {
		var errs field.ErrorList
		errs.Add("budgetMonthlyUSD", "%s is below the estimated monthly cost of %s (%s with every pool at its maximum); raise the budget, or lower peakPlayers, regions or vmSize (or use spot outside prod)",
			money.USD(checked.BudgetMonthlyUSD), money.USD(cost.MonthlyUSD), money.USD(cost.MaxMonthlyUSD))
		return badInput(errs.In(file))
	}
	if v := mandatoryViolations(res.Plan); len(v) > 0 {
		return &exitError{code: exitViolation, err: fmt.Errorf("the environment generated from %s violates %d mandatory policies; nothing written:\n  %s",
			file, len(v), strings.Join(v, "\n  "))}
	}
	if f.dryRun {
		writeRequestSummary(stderr, checked, env, res, now, true)
		_, err := stdout.Write(env.File)
		return err
	}
	if err := ctx.Err(); err != nil {
		return &exitError{code: exitInterrupted, err: errors.New("interrupted; nothing written")}
	}
	if err := staged.Commit(); err != nil {
		if errors.Is(err, requests.ErrExists) {
			return badInput(fmt.Errorf("%w (created while the request was being checked); nothing written", err))
		}
		return badInput(err)
	}
	writeRequestSummary(stdout, checked, env, res, now, false)
	return nil
}

func mandatoryViolations(p *plan.Plan) []string {
	var out []string
	for _, r := range p.PolicyResults {
		if r.EnforcementLevel == "mandatory" {
			out = append(out, fmt.Sprintf("%s: %s (%s)", r.Policy, r.Message, r.URN))
		}
	}
	return out
}

func writeRequestSummary(w io.Writer, c *requests.Checked, env *requests.Environment, res *engine.Result, now time.Time, dry bool) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	verb := "Wrote"
	if dry {
		verb = "Dry run: would write"
	}
	fmt.Fprintf(bw, "%s %s: environment %q (%s) for %s/%s\n\n", verb, env.Path, c.Environment, c.Tier, c.Studio, c.Game)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REGION\tPEAK PLAYERS\tSERVERS\tGAME NODES\tSYSTEM NODES\tPOOLS\tVCPU BY FAMILY (at max)\tADDRESS BLOCK")
	for i, r := range c.Regions {
		cp := r.Capacity
		fams := cp.VCPUByFamily()
		var parts []string
		for _, fam := range cp.Families() {
			parts = append(parts, fmt.Sprintf("%s %d", fam, fams[fam]))
		}
		fmt.Fprintf(tw, "%s\t%d\t%d (%d/node)\t%d-%d\t%d-%d\t%d\t%s\t%s\n",
			r.Name, c.Request.Regions[i].PeakPlayers, cp.Servers, cp.ServersPerNode,
			cp.MinNodes, cp.MaxNodes, cp.SystemPool.MinNodes, cp.SystemPool.MaxNodes,
			len(cp.Pools()), strings.Join(parts, ", "), env.Blocks[i])
	}
	tw.Flush()
	fmt.Fprintln(bw)
	cost := res.Plan.Cost
	fmt.Fprintf(bw, "Monthly cost:  %s estimated vs budget %s (%.0f%% of budget; %s with every pool at its maximum)\n",
		money.USD(cost.MonthlyUSD), money.USD(c.BudgetMonthlyUSD), 100*cost.MonthlyUSD/c.BudgetMonthlyUSD, money.USD(cost.MaxMonthlyUSD))
	for _, r := range c.Regions {
		if v, ok := cost.ByRegion[r.Name]; ok {
			fmt.Fprintf(bw, "               %s %s\n", money.USD(v), r.Name)
		}
	}
	if v, ok := cost.ByRegion["global"]; ok {
		fmt.Fprintf(bw, "               %s global\n", money.USD(v))
	}
	if n := len(cost.NotPriced); n > 0 {
		fmt.Fprintf(bw, "               (%d resources not priced; see `platform plan --env %s`)\n", n, c.Environment)
	}
	writePlayerDataSummary(bw, c, res.Plan)
	if c.ExpiresOn != "" {
		exp, _ := time.Parse(time.DateOnly, c.ExpiresOn)
		fmt.Fprintf(bw, "Expires:       %s (%d days from today; %s maximum %d)\n", c.ExpiresOn, daysBetween(now, exp), c.Tier, requests.MaxLifetimeDays(c.Tier))
	} else {
		fmt.Fprintln(bw, "Expires:       never (prod)")
	}
	fmt.Fprintf(bw, "Owners:        %s\n", strings.Join(c.Owners, ", "))
	fmt.Fprintf(bw, "Plan:          %d resources", res.Plan.Summary.Resources)
	if !dry {
		fmt.Fprintf(bw, " (make plan ENV=%s)", c.Environment)
	}
	fmt.Fprintln(bw)
}

func daysBetween(now, day time.Time) int {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return int(day.Sub(today).Hours() / 24)
}

type envListFlags struct {
	dir    string
	format string
}

// envRow is one environment of `env list` / `env expired`.
type envRow struct {
	requests.EnvInfo
	// MonthlyUSD is the estimated monthly cost; absent when the environment cannot be
	// planned (Error says why) and in `env expired`, which does not plan.
	MonthlyUSD *float64 `json:"monthlyUSD,omitempty"`
	Expired    bool     `json:"expired"`
	Error      string   `json:"error,omitempty"`
}

func newEnvListCmd() *cobra.Command {
	f := &envListFlags{}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every environment with its owners, regions, estimated monthly cost and expiry",
		Long: `list shows every environment in the stack config directory: tier, studio, game,
regions, owners, estimated monthly cost and expiry. The cost comes from planning each
environment offline with the same program and analyses as 'platform plan' (progress
is shown on stderr when it is a terminal). An environment past its expiry still runs
and costs until it is torn down: it is planned as of its last day and marked expired.

Exit status: 0 ok, 2 an environment's file cannot be read or planned (it is still
listed, with the reason).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now, err := today(cmd)
			if err != nil {
				return err
			}
			return runEnvList(cmd.OutOrStdout(), cmd.ErrOrStderr(), f, now)
		},
	}
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	return cmd
}

func runEnvList(stdout, stderr io.Writer, f *envListFlags, now time.Time) error {
	if f.format != "text" && f.format != "json" {
		return badInput(fmt.Errorf("--format: %q is not a format (text, json)", f.format))
	}
	infos, readErrs := requests.Inventory(f.dir)
	if len(infos)+len(readErrs) == 0 {
		return noEnvironments(f.dir)
	}
	progress := isTerminal(stderr)
	var rows []envRow
	failed := len(readErrs)
	for i, e := range infos {
		if progress {
			fmt.Fprintf(stderr, "\rplanning %d/%d: %-20s", i+1, len(infos), e.Name)
		}
		row := envRow{EnvInfo: e, Expired: e.Expired(now)}
		at := now
		if row.Expired {
			at, _ = e.Expiry() // plan it as it was on its last day: it still runs
		}
		res, err := engine.Plan(engine.Options{Dir: f.dir, Stack: e.Name, Now: at})
		if err != nil {
			row.Error = err.Error()
			failed++
		} else {
			c := res.Plan.Cost.MonthlyUSD
			row.MonthlyUSD = &c
		}
		rows = append(rows, row)
	}
	if progress {
		fmt.Fprintf(stderr, "\r%-40s\r", "")
	}
	for _, err := range readErrs {
		fmt.Fprintln(stderr, "error:", err)
	}
	if err := writeEnvRows(stdout, rows, f.format, now, false); err != nil {
		return err
	}
	if failed > 0 {
		for _, r := range rows {
			if r.Error != "" {
				fmt.Fprintf(stderr, "error: %s\n", r.Error)
			}
		}
		return &exitError{code: exitBadInput, err: fmt.Errorf("%d environment(s) could not be read or planned", failed)}
	}
	return nil
}

// noEnvironments is the error of a stack config directory without environments: run
// outside the repository (or with a wrong --dir), "nothing listed" would be a lie.
func noEnvironments(dir string) error {
	return badInput(fmt.Errorf("--dir: no environments (Pulumi.<name>.yaml) in %s; run from the repository root or pass --dir", dir))
}

func writeEnvRows(w io.Writer, rows []envRow, format string, now time.Time, expiredView bool) error {
	if rows == nil {
		rows = []envRow{}
	}
	if format == "json" {
		return writeJSON(w, rows)
	}
	if len(rows) == 0 {
		if expiredView {
			_, err := fmt.Fprintln(w, "No environment is past its expiry.")
			return err
		}
		_, err := fmt.Fprintln(w, "No environments.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if expiredView {
		fmt.Fprintln(tw, "ENVIRONMENT\tTIER\tSTUDIO\tGAME\tEXPIRED ON\tDAYS OVERDUE\tREGIONS\tOWNERS")
		for _, r := range rows {
			exp, _ := r.Expiry()
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", r.Name, r.Tier, r.Studio, r.Game, r.ExpiresOn,
				-daysBetween(now, exp), compactList(r.Regions, maxListColumn), compactList(r.Owners, maxListColumn))
		}
		return tw.Flush()
	}
	// Owners come last, by mailbox, cut to what is left of the 120 columns; the
	// studio, the owners' domains and every region are in --format json.
	var table bytes.Buffer
	tw = tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tTIER\tGAME\tREGIONS\tMONTHLY COST\tBUDGET\tEXPIRES\t")
	var total float64
	for _, r := range rows {
		cost := "-"
		switch {
		case r.Error != "":
			cost = "error"
		case r.MonthlyUSD != nil:
			cost = money.Whole(*r.MonthlyUSD)
			total += *r.MonthlyUSD
		}
		exp := r.ExpiresOn
		switch {
		case exp == "":
			exp = "never"
		case r.Expired:
			exp += " (EXPIRED)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.Name, r.Tier, r.Game,
			compactList(r.Regions, maxListColumn), cost, money.Whole(r.BudgetMonthlyUSD), exp)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for i, line := range strings.Split(strings.TrimSuffix(table.String(), "\n"), "\n") {
		o := "OWNERS"
		if i > 0 {
			// The mailbox names the team; the domain is the studio's (JSON has both).
			var names []string
			for _, o := range rows[i-1].Owners {
				name, _, _ := strings.Cut(o, "@")
				names = append(names, name)
			}
			o = compactList(names, max(listWidth-len(line), 8))
		}
		if _, err := fmt.Fprintln(w, line+o); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "\n%d environments, %s per month estimated in total (--format json lists every region and owner)\n", len(rows), money.USD(total))
	return err
}

// listWidth is the width `env list` fits in; maxListColumn bounds its list columns.
// --format json has every element.
const (
	listWidth     = 120
	maxListColumn = 26
)

// compactList shows the first element of a list and how many more there are, in at
// most room columns: "japaneast +6"; an element too long is cut with "…".
func compactList(l []string, room int) string {
	if len(l) == 0 {
		return "-"
	}
	more := ""
	if len(l) > 1 {
		more = fmt.Sprintf(" +%d", len(l)-1)
	}
	first := l[0]
	if r := room - len(more); len(first) > r {
		first = first[:max(r-1, 1)] + "…"
	}
	return first + more
}

type envExpiredFlags struct {
	dir    string
	format string
	on     string
}

func newEnvExpiredCmd() *cobra.Command {
	f := &envExpiredFlags{}
	cmd := &cobra.Command{
		Use:   "expired",
		Short: "List ephemeral environments past their expiry (for the teardown workflow)",
		Long: `expired lists the dev and staging environments whose expiresOn day is over: they
are due for teardown. Prod environments never expire and are never listed.

Exit status (for the teardown workflow):
  0  no environment is past its expiry
  3  some environments are past their expiry (listed on stdout)
  2  bad input, or an environment's file cannot be read (its expiry is unknown)`,
		Example: `  platform env expired
  platform env expired --format json
  platform env expired --on 2026-12-24   # what will have expired by then`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now, err := today(cmd)
			if err != nil {
				return err
			}
			return runEnvExpired(cmd.OutOrStdout(), cmd.ErrOrStderr(), f, now)
		},
	}
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	cmd.Flags().StringVar(&f.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&f.on, "on", "", "judge expiry as of this day (YYYY-MM-DD; default --today, else today)")
	return cmd
}

func runEnvExpired(stdout, stderr io.Writer, f *envExpiredFlags, now time.Time) error {
	if f.format != "text" && f.format != "json" {
		return badInput(fmt.Errorf("--format: %q is not a format (text, json)", f.format))
	}
	if f.on != "" {
		t, err := time.Parse(time.DateOnly, f.on)
		if err != nil {
			return badInput(fmt.Errorf("--on: %q is not a date (YYYY-MM-DD)", f.on))
		}
		now = t
	}
	infos, readErrs := requests.Inventory(f.dir)
	if len(infos)+len(readErrs) == 0 {
		return noEnvironments(f.dir)
	}
	var rows []envRow
	for _, e := range infos {
		if e.Expired(now) {
			rows = append(rows, envRow{EnvInfo: e, Expired: true})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].ExpiresOn < rows[j].ExpiresOn })
	if err := writeEnvRows(stdout, rows, f.format, now, true); err != nil {
		return err
	}
	if len(readErrs) > 0 {
		for _, err := range readErrs {
			fmt.Fprintln(stderr, "error:", err)
		}
		return &exitError{code: exitBadInput, err: fmt.Errorf("%d environment file(s) could not be read; their expiry is unknown", len(readErrs))}
	}
	if len(rows) > 0 {
		fmt.Fprintf(stderr, "%d environment(s) past their expiry: due for teardown\n", len(rows))
		return &exitError{code: exitExpired, err: errors.New("")}
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// writePlayerDataSummary says how the player-data store is sized and what it costs.
func writePlayerDataSummary(w io.Writer, c *requests.Checked, p *plan.Plan) {
	ru, gb, stated := c.PlayerData()
	from := "the " + string(c.Tier) + " default"
	if stated {
		from = "from the request's data"
		if c.Data.PeakRequestUnits > 0 {
			from = fmt.Sprintf("from a peak of %d RU/s", c.Data.PeakRequestUnits)
		}
	}
	fmt.Fprintf(w, "Player data:   Cosmos DB, %d write region(s), autoscale up to %d RU/s each (%s), %d GiB", len(c.Regions), ru, from, gb)
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.CatalogType() == catalog.GenericKey(catalog.ARMCosmosAccount) {
			if v, ok := p.Cost.ByResource[r.URN]; ok {
				fmt.Fprintf(w, "; %s/month", money.USD(v))
			}
		}
	}
	fmt.Fprintln(w)
}
