package main

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// defaultWidth is the column limit of the text report (--width).
const defaultWidth = 120

// renderPlanText writes the plan's text report: the summary first (verdict, counts,
// cost vs budget, deploy time, capacity and quota), then the policy results, the
// capacity, cost and deploy-time details and the counts by type and region; the
// resource tree only with --tree. Lines longer than width are wrapped.
func renderPlanText(w io.Writer, res *engine.Result, f *planFlags, now time.Time) error {
	var b bytes.Buffer
	p := res.Plan
	fmt.Fprintln(&b, plan.Heading(p))
	renderPlanSummary(&b, p, res.Spec, now)
	if f.out != "" {
		fmt.Fprintf(&b, "  Plan JSON:    written to %s\n", f.out)
	}
	if !f.tree {
		fmt.Fprintln(&b, "\n(--tree lists every resource, grouped by component and region)")
	}
	plan.RenderPolicies(&b, p.PolicyResults)
	plan.RenderDeferred(&b, p.PolicyDeferred)
	renderCapacity(&b, res.Spec)
	renderQuota(&b, p.Quota)
	renderAnalytics(&b, p, f.explain)
	plan.RenderSummary(&b, p)
	if f.tree {
		fmt.Fprintln(&b, "\nResources:")
		plan.RenderTree(&b, p)
	}
	_, err := io.WriteString(w, wrapLines(b.String(), f.width))
	return err
}

// renderPlanSummary writes the few lines a reader needs to decide: the verdict, what
// is created where, the cost against the budget, the deploy time and the capacity
// and quota — and whether the environment is past its expiry.
func renderPlanSummary(w io.Writer, p *plan.Plan, s *spec.Spec, now time.Time) {
	mandatory := engine.MandatoryViolations(p.PolicyResults)
	advisory := len(p.PolicyResults) - mandatory
	fmt.Fprintln(w, "\nSummary")
	if mandatory > 0 {
		fmt.Fprintf(w, "  Verdict:      BLOCKED: %d mandatory policy violation(s) (under Policies below), %d advisory\n", mandatory, advisory)
	} else {
		fmt.Fprintf(w, "  Verdict:      OK: no mandatory policy violation, %d advisory\n", advisory)
	}
	if notice := s.ExpiryNotice(now); notice != "" {
		fmt.Fprintf(w, "  EXPIRED:      %s\n", notice)
	} else if s.ExpiresOn != "" {
		fmt.Fprintf(w, "  Expires:      %s (the scheduled teardown destroys it after that day)\n", s.ExpiresOn)
	}
	if notice := s.KubernetesNotice(now); notice != "" {
		fmt.Fprintf(w, "  UPGRADE AKS:  %s\n", notice)
	}
	sum := p.Summary
	fmt.Fprintf(w, "  Resources:    %d to create: %s\n", sum.Resources, regionCounts(sum.ByRegion))
	c := p.Cost
	budget := "no budget set"
	if b := c.BudgetMonthlyUSD; b > 0 {
		verdict := "within budget"
		if c.MonthlyUSD > b {
			verdict = "OVER budget by " + money.USD(c.MonthlyUSD-b)
		}
		budget = fmt.Sprintf("vs budget %s (%.0f%%: %s)", money.USD(b), 100*c.MonthlyUSD/b, verdict)
	}
	fmt.Fprintf(w, "  Monthly cost: %s expected %s; %s with every pool at its maximum\n", money.USD(c.MonthlyUSD), budget, money.USD(c.MaxMonthlyUSD))
	if n := len(c.NotPriced); n > 0 {
		fmt.Fprintf(w, "                (%d resource(s) not priced, not in the total)\n", n)
	}
	d := p.Deploy
	fmt.Fprintf(w, "  Deploy time:  %s at --parallel %d; %s from --parallel %d (what make preview/up pass)\n",
		duration(d.CriticalPathSeconds), d.Parallelism, duration(d.UnboundedSeconds), d.SuggestedParallelism)
	if plans, err := s.Sizing(); err == nil {
		minN, maxN := 0, 0
		quota := map[string]int{}
		for _, cp := range plans {
			minN += cp.MinNodes
			maxN += cp.MaxNodes
			for fam, v := range cp.VCPUByFamily() {
				quota[fam] += v
			}
		}
		fams := make([]string, 0, len(quota))
		for fam := range quota {
			fams = append(fams, fam)
		}
		sort.Strings(fams)
		parts := make([]string, len(fams))
		for i, fam := range fams {
			parts[i] = fmt.Sprintf("%s %s", fam, thousandsInt(quota[fam]))
		}
		fmt.Fprintf(w, "  Capacity:     %d region(s), %s..%s game nodes; vCPU quota at max: %s\n",
			len(plans), thousandsInt(minN), thousandsInt(maxN), strings.Join(parts, ", "))
	}
}

// regionCounts words resources per region, global first: "global 40, eastus2 38".
func regionCounts(by map[string]int) string {
	regions := make([]string, 0, len(by))
	for r := range by {
		regions = append(regions, r)
	}
	sort.Slice(regions, func(i, j int) bool {
		if (regions[i] == "global") != (regions[j] == "global") {
			return regions[i] == "global"
		}
		return regions[i] < regions[j]
	})
	parts := make([]string, len(regions))
	for i, r := range regions {
		parts[i] = fmt.Sprintf("%s %d", r, by[r])
	}
	return strings.Join(parts, ", ")
}

// thousandsInt groups an integer's digits: 12,345.
func thousandsInt(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// labelled matches the label column of a summary line, "  Monthly cost: ".
var labelled = regexp.MustCompile(`^  [A-Z][A-Za-z -]{0,20}: +`)

// wrapLines wraps every line longer than width columns at the last space that fits,
// continuing with the line's indentation plus two spaces; a word longer than the
// room left is cut. A "Label:  value" line continues under its value. width <= 0 leaves the text as it is.
func wrapLines(text string, width int) string {
	if width <= 0 {
		return text
	}
	var b strings.Builder
	lines := strings.SplitAfter(text, "\n")
	for _, line := range lines {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		if utf8.RuneCountInString(line) <= width {
			b.WriteString(line)
		} else {
			indent := len(line) - len(strings.TrimLeft(line, " ")) + 2
			if m := labelled.FindString(line); m != "" {
				indent = utf8.RuneCountInString(m) // "  Label:    value": hang under the value
			}
			cont := strings.Repeat(" ", min(indent, width/2))
			for utf8.RuneCountInString(line) > width {
				room := width
				runes := []rune(line)
				cut := room
				for i := room; i > 0; i-- {
					if runes[i] == ' ' && strings.TrimSpace(string(runes[:i])) != "" {
						cut = i
						break
					}
				}
				b.WriteString(strings.TrimRight(string(runes[:cut]), " "))
				b.WriteByte('\n')
				line = cont + strings.TrimLeft(string(runes[cut:]), " ")
			}
			b.WriteString(line)
		}
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
