package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/offline/cost"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// renderAnalytics writes the cost and deploy-time estimates of a plan; with explain,
// also the assumptions behind them (price source and date, usage assumptions,
// durations table).
func renderAnalytics(w io.Writer, p *plan.Plan, explain bool) {
	renderCost(w, p)
	renderDeploy(w, p)
	if explain {
		renderExplain(w, p)
	} else {
		fmt.Fprintln(w, "\n(--explain shows the prices, usage assumptions and durations behind these estimates)")
	}
}

func renderCost(w io.Writer, p *plan.Plan) {
	c := p.Cost
	fmt.Fprintf(w, "\nEstimated monthly cost: %s expected, %s with every autoscaled pool at its maximum\n", money.USD(c.MonthlyUSD), money.USD(c.MaxMonthlyUSD))
	if c.PricesAsOf != "" {
		fmt.Fprintf(w, "  (Azure list prices as of %s, USD, pay-as-you-go; usage assumptions of the %s tier)\n", c.PricesAsOf, c.Tier)
	}
	if b := c.BudgetMonthlyUSD; b > 0 {
		pct := 100 * c.MonthlyUSD / b
		verdict := fmt.Sprintf("within budget (%s left)", money.USD(b-c.MonthlyUSD))
		if c.MonthlyUSD > b {
			verdict = fmt.Sprintf("OVER budget by %s", money.USD(c.MonthlyUSD-b))
		}
		fmt.Fprintf(w, "  Budget: %s/month; the estimate is %.0f%% of it: %s", money.USD(b), pct, verdict)
		if c.MaxMonthlyUSD > b && c.MonthlyUSD <= b {
			fmt.Fprintf(w, "; at maximum scale it would exceed the budget by %s", money.USD(c.MaxMonthlyUSD-b))
		}
		fmt.Fprintln(w)
	}
	if len(c.TopItems) > 0 {
		fmt.Fprintln(w, "\nTop cost items (expected / max per month):")
		for _, it := range c.TopItems {
			fmt.Fprintf(w, "  %12s %12s  %-13s %s %s\n", money.USD(it.MonthlyUSD), money.USD(it.MaxMonthlyUSD), it.Region, catalog.Display(it.Type), urnName(it.URN))
			fmt.Fprintf(w, "  %27s %s\n", "", it.Basis)
		}
	}
	if len(c.ByRegion) > 0 {
		fmt.Fprintln(w, "\nBy region (expected per month):")
		regions := make([]string, 0, len(c.ByRegion))
		for r := range c.ByRegion {
			regions = append(regions, r)
		}
		sort.Slice(regions, func(i, j int) bool { return c.ByRegion[regions[i]] > c.ByRegion[regions[j]] })
		for _, r := range regions {
			fmt.Fprintf(w, "  %12s  %s\n", money.USD(c.ByRegion[r]), r)
		}
	}
	free := 0
	for _, v := range c.ByResource {
		if v == 0 {
			free++
		}
	}
	fmt.Fprintf(w, "\nPriced: %d resources (%d of them free by Azure's pricing, counted at $0)\n", len(c.ByResource), free)
	if len(c.NotPriced) == 0 {
		fmt.Fprintln(w, "Not priced: none")
		return
	}
	fmt.Fprintf(w, "Not priced (%d; NOT included in the total):\n", len(c.NotPriced))
	for _, u := range c.NotPriced {
		fmt.Fprintf(w, "  %s: %s\n", urnName(u), c.NotPricedReasons[u])
	}
}

func renderDeploy(w io.Writer, p *plan.Plan) {
	d := p.Deploy
	fmt.Fprintf(w, "\nEstimated deploy time of a fresh `pulumi up`: %s at --parallel %d", duration(d.CriticalPathSeconds), d.Parallelism)
	switch {
	case os.Getenv(envParallel) != "":
		fmt.Fprintf(w, " (from %s)", envParallel)
	case d.Parallelism == deploytime.DefaultParallelism():
		fmt.Fprintf(w, " (Pulumi's default here: 4 x %d CPUs)", runtime.NumCPU())
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Unbounded parallelism: %s; --parallel %d comes within %.0f%% of it (the Makefile's preview/up use that)\n",
		duration(d.UnboundedSeconds), d.SuggestedParallelism, 100*deploytime.SuggestTolerance)
	if len(d.Steps) > 0 {
		fmt.Fprintf(w, "\nCritical path (%d operations, start +duration):\n", len(d.Steps))
		for _, s := range d.Steps {
			wait := ""
			switch s.WaitedFor {
			case deploytime.WaitCluster:
				wait = "  (waited for its AKS cluster or identity: Azure runs one operation at a time there)"
			case deploytime.WaitSlot:
				wait = "  (waited for an engine slot: raise --parallel)"
			}
			fmt.Fprintf(w, "  %7s +%-7s %s %s%s\n", duration(s.StartSeconds), duration(s.Seconds), catalog.Display(s.Type), urnName(s.URN), wait)
		}
	}
	if len(d.Dominant) > 0 {
		var parts []string
		for _, s := range d.Dominant {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", catalog.Display(s.Type), urnName(s.URN), duration(s.Seconds)))
		}
		fmt.Fprintf(w, "Dominated by: %s\n", strings.Join(parts, ", "))
	}
	if len(d.DefaultedTypes) > 0 {
		fmt.Fprintf(w, "Types without a duration entry (default used): %s\n", strings.Join(d.DefaultedTypes, ", "))
	}
}

func renderExplain(w io.Writer, p *plan.Plan) {
	fmt.Fprintln(w, "\nAssumptions behind the estimates")
	fmt.Fprintln(w, strings.Repeat("-", 80))
	t, err := cost.Default()
	if err != nil {
		fmt.Fprintln(w, "price table:", err)
		return
	}
	fmt.Fprintf(w, "Prices: %s\n  as of %s, %s, %v hours per month.\n", t.Source, t.AsOf, t.Currency, t.HoursPerMonth)
	regions := map[string]bool{}
	for _, r := range p.Resources {
		if r.Region != "" {
			regions[r.Region] = true
		}
	}
	names := make([]string, 0, len(regions))
	for r := range regions {
		names = append(names, r)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "VM prices: East US Linux pay-as-you-go x region factor (%s)\n", t.VM.RegionFactorNote)
	for _, r := range names {
		fmt.Fprintf(w, "  %-20s x%.2f\n", r, t.VM.RegionFactor[r])
	}
	fmt.Fprintf(w, "Spot: x%.2f of list. %s\n", t.VM.SpotFactor, t.VM.SpotNote)
	fmt.Fprintf(w, "AKS: %s\n", t.AKS.LoadBalancerNote)
	fmt.Fprintf(w, "OS disks: %s\n", t.VM.EphemeralNote)
	fmt.Fprintf(w, "Public IP prefix: %s\n", t.PublicIPPrefix.Note)
	fmt.Fprintf(w, "Front Door: %s %s\n", t.FrontDoor.EgressNote, t.FrontDoor.WAFNote)
	fmt.Fprintf(w, "Storage: %s\n", t.Storage.EgressNote)
	fmt.Fprintf(w, "Registry: %s\n", t.Registry.ReplicaNote)
	fmt.Fprintf(w, "Peering: %s\n", t.Peering.Note)
	fmt.Fprintf(w, "Cosmos DB (player data): %s %s %s Planned storage: the account's %s tag (playerData.storageGiB), else the tier's cosmosStorageGBDefault.\n",
		t.CosmosDB.ThroughputNote, t.CosmosDB.ZoneNote, t.CosmosDB.BackupNote, cost.PlannedStorageTag)
	if a, ok := t.Assumptions[p.Cost.Tier]; ok {
		fmt.Fprintf(w, "\nUsage assumptions of the %s tier (internal/offline/cost/prices.json):\n", p.Cost.Tier)
		for _, f := range cost.UsageFields(a) {
			fmt.Fprintf(w, "  %-32s %-8v %s\n", f[0], f[1], t.AssumptionNotes[f[0].(string)])
		}
	}
	d, err := deploytime.DefaultDurations()
	if err != nil {
		fmt.Fprintln(w, "duration table:", err)
		return
	}
	fmt.Fprintf(w, "\nDeploy model: explicit dependencies + property dependencies + component children; children do not wait for a component parent; AgentPools serialize per AKS cluster and federated credentials per identity; at most --parallel operations run at once (Pulumi's default is 4 x CPUs of the machine running `pulumi up`).\n")
	fmt.Fprintf(w, "Durations (internal/model/catalog, as of %s): %s\n", d.AsOf, d.Source)
	used := map[string]bool{}
	for _, r := range p.Resources {
		if r.Custom {
			used[r.CatalogType()] = true
		}
	}
	for _, typ := range d.TypeNames() {
		if !used[typ] {
			continue
		}
		e := d.Types[typ]
		fmt.Fprintf(w, "  %-58s %6s  (%s) %s\n", typ, duration(e.Seconds), e.Range, e.Basis)
	}
	fmt.Fprintf(w, "  %-58s %6s  (%s) %s\n", "(any other type)", duration(d.Default.Seconds), d.Default.Range, d.Default.Basis)
}

type parallelismFlags struct {
	env string
	dir string
}

func newDeployParallelismCmd() *cobra.Command {
	f := &parallelismFlags{}
	cmd := &cobra.Command{
		Use:   "deploy-parallelism",
		Short: "Print the --parallel that lets `pulumi up` of a stack reach its critical path",
		Long: `deploy-parallelism plans the stack offline, runs the deploy-time model and prints
on stdout the smallest engine parallelism at which a fresh 'pulumi up' comes within
5% of the critical path it would have with unlimited parallelism. Pulumi's own default is
4 x the CPUs of the runner, which can serialize a multi-region create on a small
runner. The Makefile's preview/up targets use this unless PARALLEL is set.`,
		Example: `  platform deploy-parallelism --env prod
  pulumi up --stack prod --parallel "$(platform deploy-parallelism --env prod)"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			now, err := today(cmd)
			if err != nil {
				return err
			}
			// An expired environment is planned like any other: its teardown
			// (make destroy) needs this number.
			res, err := engine.Plan(engine.Options{Dir: f.dir, Stack: f.env, Now: now})
			if err != nil {
				return err
			}
			d := res.Plan.Deploy
			fmt.Fprintf(os.Stderr, "%s: --parallel %d comes within %.0f%% of the %s critical path (Pulumi's default here, %d, gives %s)\n",
				f.env, d.SuggestedParallelism, 100*deploytime.SuggestTolerance, duration(d.UnboundedSeconds), d.Parallelism, duration(d.CriticalPathSeconds))
			fmt.Fprintln(cmd.OutOrStdout(), d.SuggestedParallelism)
			return nil
		},
	}
	cmd.Flags().StringVarP(&f.env, "env", "e", "dev", "stack (environment) to plan")
	cmd.Flags().StringVar(&f.dir, "dir", "environments", "stack config directory")
	return cmd
}

// envParallel is the environment variable the Pulumi CLI reads for --parallel.
const envParallel = "PULUMI_PARALLEL"

// parallelFromEnv returns PULUMI_PARALLEL as the deploy-time model's parallelism, or
// 0 (Pulumi's default) when it is unset.
func parallelFromEnv() (int, error) {
	v := os.Getenv(envParallel)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s: %q is not a parallelism (a whole number, 0 for the default)", envParallel, v)
	}
	return n, nil
}

// duration formats seconds as 1h02m03s / 4m05s / 7s.
func duration(sec float64) string {
	s := int(math.Round(sec))
	h, m := s/3600, (s%3600)/60
	s %= 60
	switch {
	case h > 0:
		return fmt.Sprintf("%dh%02dm%02ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

// urnName returns the resource name at the end of a URN.
func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}
