package review

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// MaxCommentChars is GitHub's limit on an issue comment body.
const MaxCommentChars = 65536

// Marker is the hidden first line that identifies an environment's comment, so a
// workflow updates its earlier comment instead of adding another.
func Marker(env string) string {
	return "<!-- platform-review:env=" + env + " -->"
}

// MarkdownOptions tune the Markdown renderer.
type MarkdownOptions struct {
	// MaxChars bounds the comment (bytes, which is never fewer than characters);
	// zero means MaxCommentChars.
	MaxChars int
}

// Limits of the sections that could otherwise grow without bound.
const (
	maxDangerRows    = 50
	maxPolicyRows    = 100
	maxPropsPerRes   = 25
	maxMermaidNodes  = 40
	maxDiagnostics   = 50
	openDetailsUnder = 6 // components with fewer changes are shown unfolded
)

var opLabel = map[Op]string{
	OpCreate:  "🟢 create",
	OpUpdate:  "🟡 update",
	OpReplace: "🟣 replace",
	OpDelete:  "🔴 delete",
}

// RenderMarkdown renders the review as one pull-request comment, never longer than
// the limit: when the changes do not fit, the comment says it is truncated and how
// to see everything.
func RenderMarkdown(r *Review, o MarkdownOptions) string {
	limit := o.MaxChars
	if limit <= 0 {
		limit = MaxCommentChars
	}
	head := renderHead(r)
	tail := renderTail(r)
	// Budget for the changes section, keeping room for the truncation note.
	const noteRoom = 600
	budget := limit - len(head) - len(tail) - noteRoom
	changes, shown := renderChanges(r, budget)
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(changes)
	if shown < len(r.Changes) {
		fmt.Fprintf(&b, "\n> ✂️ **Truncated:** %d of %d changed resources are not shown, to keep this comment under GitHub's %s-character limit. Run `make review` locally or read the `--format json` output for the full list.\n",
			len(r.Changes)-shown, len(r.Changes), money.Group(strconv.Itoa(MaxCommentChars)))
	}
	b.WriteString(tail)
	out := b.String()
	if len(out) > limit {
		// The fixed sections alone are too long (a tiny limit): cut hard at a line.
		note := "\n\n> ✂️ **Truncated:** this comment was cut to stay under the comment size limit; run `make review` locally for the full review.\n"
		cut := limit - len(note)
		if cut < 0 {
			cut = 0
		}
		if i := strings.LastIndexByte(out[:cut], '\n'); i > 0 {
			cut = i
		}
		out = out[:cut] + note
		if len(out) > limit {
			out = out[:limit]
		}
	}
	return out
}

// renderHead writes the marker, headline, verdict, danger list and diagram.
func renderHead(r *Review) string {
	var b strings.Builder
	b.WriteString(Marker(r.Env) + "\n")
	icon := "✅"
	if len(r.Blocked) > 0 {
		icon = "⛔"
	} else if len(r.Dangerous()) > 0 || r.Policy.NewMandatory() > 0 || len(r.Policy.New) > 0 {
		icon = "⚠️"
	}
	fmt.Fprintf(&b, "## %s Infrastructure review: `%s`\n\n", icon, r.Env)
	c := r.Counts
	fmt.Fprintf(&b, "**%d to create · %d to update · %d to replace · %d to delete** · %d unchanged\n\n",
		c.Create, c.Update, c.Replace, c.Delete, c.Same)

	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Cost per month | %s |\n", costLine(r.Cost, r.Source))
	fmt.Fprintf(&b, "| Deploy-time estimate | %s |\n", deployLine(r.Deploy, r.Source))
	fmt.Fprintf(&b, "| Policies | %s |\n", policyLine(r.Policy))
	fmt.Fprintf(&b, "| Source | %s |\n", sourceLine(r))
	b.WriteString("\n")

	if len(r.Warnings) > 0 {
		b.WriteString("> [!WARNING]\n")
		for _, w := range r.Warnings {
			fmt.Fprintf(&b, "> %s\n", w)
		}
		b.WriteString("\n")
	}
	if len(r.Blocked) > 0 {
		b.WriteString("> [!CAUTION]\n> **This check fails:**\n")
		for _, why := range r.Blocked {
			fmt.Fprintf(&b, "> - %s\n", why)
		}
		b.WriteString("\n")
	}
	if c.Total() == 0 {
		b.WriteString("No infrastructure changes.\n\n")
	}
	if common := commonUpdate(r.Changes); common != "" {
		fmt.Fprintf(&b, "Every change is the same update: %s.\n\n", common)
	}

	if d := r.Dangerous(); len(d) > 0 {
		b.WriteString("### ⚠️ Danger: stateful or player-facing resources replaced or deleted\n\n")
		if r.AllowDestructive {
			b.WriteString("Explicitly allowed (`allow-destructive`). Make sure data is backed up and players are drained first.\n\n")
		} else {
			b.WriteString("These lose data, addresses players connect to, or running game servers. The check fails unless the pull request carries the `allow-destructive` label (CLI: `platform review --allow-destructive`).\n\n")
		}
		b.WriteString("| Operation | Resource | Type | Region | Why it matters | Forced by |\n|---|---|---|---|---|---|\n")
		for i, ch := range d {
			if i == maxDangerRows {
				fmt.Fprintf(&b, "| … | %d more | | | | |\n", len(d)-maxDangerRows)
				break
			}
			forced := "—"
			if ch.Op == OpReplace {
				forced = cell(strings.Join(ch.ReplaceReasons, "; "))
			}
			if ch.RenamedTo != "" {
				forced = "logical rename to " + code(ch.RenamedTo) + " without <code>pulumi.Aliases</code>"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n",
				opLabel[ch.Op], code(ch.Name), code(catalog.Display(ch.CatalogType())), ch.Region, cell(ch.DangerReason), forced)
		}
		b.WriteString("\n")
	}

	if c.Total() > 0 {
		b.WriteString("### Regions and components touched\n\n")
		b.WriteString(renderMermaid(r))
		b.WriteString("\n")
	}
	return b.String()
}

// commonUpdate describes the property changes shared by every change when all of
// them (two or more) are updates changing exactly the same inputs the same way (a
// tag-only change across the environment), or "".
func commonUpdate(changes []Change) string {
	if len(changes) < 2 {
		return ""
	}
	sig := func(c Change) string {
		var parts []string
		for _, p := range c.Properties {
			parts = append(parts, propText(p))
		}
		return strings.Join(parts, "; ")
	}
	first := sig(changes[0])
	for _, c := range changes {
		if c.Op != OpUpdate || len(c.Properties) == 0 || sig(c) != first {
			return ""
		}
	}
	return first
}

// renderMermaid draws the environment, the regions touched and their components,
// each labelled with its counts.
func renderMermaid(r *Review) string {
	type key struct{ region, comp string }
	counts := map[key]*Counts{}
	var regions []string
	seenRegion := map[string]bool{}
	for _, c := range r.Changes {
		k := key{c.Region, c.Component}
		if counts[k] == nil {
			counts[k] = &Counts{}
		}
		switch c.Op {
		case OpCreate:
			counts[k].Create++
		case OpUpdate:
			counts[k].Update++
		case OpReplace:
			counts[k].Replace++
		case OpDelete:
			counts[k].Delete++
		}
		if !seenRegion[c.Region] {
			seenRegion[c.Region] = true
			regions = append(regions, c.Region)
		}
	}
	sort.Slice(regions, func(i, j int) bool { return regionLess(regions[i], regions[j]) })
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	fmt.Fprintf(&b, "  env[\"%s\"]\n", mermaidText(r.Env))
	nodes := 0
	for ri, region := range regions {
		rid := fmt.Sprintf("r%d", ri)
		fmt.Fprintf(&b, "  env --> %s[\"%s\"]\n", rid, mermaidText(region))
		var comps []string
		for k := range counts {
			if k.region == region {
				comps = append(comps, k.comp)
			}
		}
		sort.Strings(comps)
		for ci, comp := range comps {
			if nodes == maxMermaidNodes {
				fmt.Fprintf(&b, "  %s --> more[\"…\"]\n", rid)
				nodes++
				break
			}
			if nodes > maxMermaidNodes {
				break
			}
			nodes++
			fmt.Fprintf(&b, "  %s --> %sc%d[\"%s<br/>%s\"]\n", rid, rid, ci, mermaidText(comp), shortCounts(*counts[key{region, comp}]))
		}
	}
	b.WriteString("```\n")
	return b.String()
}

func shortCounts(c Counts) string {
	return formatCounts(c, [4]string{"+%d", "~%d", "±%d", "-%d"}, " ")
}

func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "'", "\n", " ", "<", "‹", ">", "›").Replace(s)
}

// renderChanges writes the changes grouped by region and component within budget
// bytes; it returns the text and how many changes it shows.
func renderChanges(r *Review, budget int) (string, int) {
	if len(r.Changes) == 0 {
		return "", 0
	}
	var b strings.Builder
	b.WriteString("### Changes by region and component\n\n")
	shown := 0
	i := 0
	full := false
	for i < len(r.Changes) && !full {
		region := r.Changes[i].Region
		regionHead := fmt.Sprintf("#### %s\n\n", regionTitle(region))
		if b.Len()+len(regionHead) > budget {
			break
		}
		b.WriteString(regionHead)
		for i < len(r.Changes) && r.Changes[i].Region == region && !full {
			comp := r.Changes[i].Component
			j := i
			var c Counts
			for j < len(r.Changes) && r.Changes[j].Region == region && r.Changes[j].Component == comp {
				switch r.Changes[j].Op {
				case OpCreate:
					c.Create++
				case OpUpdate:
					c.Update++
				case OpReplace:
					c.Replace++
				case OpDelete:
					c.Delete++
				}
				j++
			}
			open := ""
			if j-i < openDetailsUnder {
				open = " open"
			}
			start := fmt.Sprintf("<details%s><summary><b>%s</b> — %s</summary>\n\n| Operation | Resource | Type | Inputs: old → new (key inputs of new resources) |\n|---|---|---|---|\n",
				open, cellEscaper.Replace(comp), countsText(c))
			end := "\n</details>\n\n"
			if b.Len()+len(start)+len(end) > budget {
				full = true
				break
			}
			b.WriteString(start)
			for ; i < j; i++ {
				row := changeRow(&r.Changes[i])
				if b.Len()+len(row)+len(end) > budget {
					full = true
					break
				}
				b.WriteString(row)
				shown++
			}
			b.WriteString(end)
			i = j
		}
	}
	return b.String(), shown
}

func regionTitle(region string) string {
	if region == GlobalRegion {
		return "🌐 global"
	}
	return "📍 " + region
}

func countsText(c Counts) string {
	return formatCounts(c, [4]string{"%d to create", "%d to update", "%d to replace", "%d to delete"}, ", ")
}

// formatCounts renders the non-zero create, update, replace and delete counts, in
// that order, each with its format, joined by sep.
func formatCounts(c Counts, formats [4]string, sep string) string {
	var parts []string
	for i, n := range [4]int{c.Create, c.Update, c.Replace, c.Delete} {
		if n > 0 {
			parts = append(parts, fmt.Sprintf(formats[i], n))
		}
	}
	return strings.Join(parts, sep)
}

func changeRow(c *Change) string {
	name := code(c.Name)
	if c.Protect {
		name += " 🔒"
	}
	if c.Danger {
		name += " ⚠️"
	}
	var props []string
	folded := 0
	for _, p := range c.Properties {
		// What a resource grants, and a workload's key inputs, are always shown;
		// other inputs up to the cap.
		if len(props) >= maxPropsPerRes && !p.Grant && !p.Key {
			folded++
			continue
		}
		props = append(props, propText(p))
	}
	if folded > 0 {
		props = append(props, fmt.Sprintf("… %d more", folded))
	}
	if c.RenamedTo != "" {
		props = append([]string{"**renamed** to " + code(c.RenamedTo) + ": the same Azure resource is deleted and re-created unless the new one declares <code>pulumi.Aliases</code>"}, props...)
	}
	if c.RenamedFrom != "" {
		props = append([]string{"**renamed** from " + code(c.RenamedFrom)}, props...)
	}
	detail := strings.Join(props, "<br>")
	if detail == "" {
		detail = "—"
	}
	return fmt.Sprintf("| %s | %s | %s | %s |\n", opLabel[c.Op], name, code(catalog.Display(c.CatalogType())), detail)
}

func propText(p PropertyChange) string {
	var s string
	switch p.Kind {
	case "add":
		s = code(p.Path) + ": + " + code(p.New)
	case "delete":
		s = code(p.Path) + ": − " + code(p.Old)
	default:
		s = code(p.Path) + ": " + code(p.Old) + " → " + code(p.New)
	}
	if p.ForcesReplacement {
		s += " **(forces replacement)**"
	}
	return s
}

// renderTail writes policies, cost movers, diagnostics and the footer.
func renderTail(r *Review) string {
	var b strings.Builder
	b.WriteString("### Policies\n\n")
	p := r.Policy
	switch {
	case !p.Evaluated:
		b.WriteString("`pulumi preview --json` does not report policy results; the preview ran with `--policy-pack policies`, which fails on mandatory violations (see the diagnostics). Pass the offline plans with `--base`/`--head` to list them here.\n\n")
	case len(p.New)+len(p.Existing)+len(p.Resolved) == 0:
		b.WriteString("No policy violations.\n\n")
	default:
		if len(p.New) > 0 {
			fmt.Fprintf(&b, "**New in this change (%d):**\n\n", len(p.New))
			b.WriteString(policyTable(p.New))
		} else {
			b.WriteString("No new violations.\n\n")
		}
		if len(p.Existing) > 0 {
			fmt.Fprintf(&b, "<details><summary>Already present before this change (%d)</summary>\n\n%s</details>\n\n", len(p.Existing), policyTable(p.Existing))
		}
		if len(p.Resolved) > 0 {
			fmt.Fprintf(&b, "<details><summary>Resolved by this change (%d)</summary>\n\n%s</details>\n\n", len(p.Resolved), policyTable(p.Resolved))
		}
	}
	if r.Cost != nil && len(r.Cost.Movers) > 0 {
		b.WriteString("<details><summary><b>Cost</b>: largest changes per month</summary>\n\n| Resource | Type | Before | After | Delta |\n|---|---|---:|---:|---:|\n")
		for _, m := range r.Cost.Movers {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", code(m.Name), code(catalog.Display(m.Type)), money.USD(m.BeforeUSD), money.USD(m.AfterUSD), money.Signed(m.AfterUSD-m.BeforeUSD))
		}
		b.WriteString("\n</details>\n\n")
	}
	if len(r.Diagnostics) > 0 {
		fmt.Fprintf(&b, "<details><summary><b>Diagnostics</b> from the preview (%d)</summary>\n\n", len(r.Diagnostics))
		for i, d := range r.Diagnostics {
			if i == maxDiagnostics {
				fmt.Fprintf(&b, "- … %d more\n", len(r.Diagnostics)-maxDiagnostics)
				break
			}
			msg := d.Message
			if len(msg) > 500 {
				msg = msg[:500] + "…"
			}
			where := ""
			if d.URN != "" {
				where = " " + code(urnName(d.URN)) + ":"
			}
			fmt.Fprintf(&b, "- **%s**%s %s\n", d.Severity, where, cell(msg))
		}
		b.WriteString("\n</details>\n\n")
	}
	b.WriteString("<sub>")
	if r.Source == SourcePlans {
		b.WriteString("Offline diff of two plans of the real program (no cloud access). Replacements are <b>inferred offline</b> from properties Azure cannot change in place (location, resource names and groups, and per-type lists); the real `pulumi preview` has the final word. ")
	} else {
		b.WriteString("Steps from `pulumi preview --json` (the engine's own create/update/replace/delete decisions). ")
	}
	b.WriteString("Counts are of cloud resources; component resources are not counted. Rendered by `platform review`.</sub>\n")
	return b.String()
}

func policyTable(l []plan.PolicyResult) string {
	var b strings.Builder
	b.WriteString("| Level | Policy | Resource | Message |\n|---|---|---|---|\n")
	for i, p := range l {
		if i == maxPolicyRows {
			fmt.Fprintf(&b, "| … | %d more | | |\n", len(l)-maxPolicyRows)
			break
		}
		level := p.EnforcementLevel
		if level == "mandatory" {
			level = "⛔ mandatory"
		}
		res := "stack"
		if p.URN != "" {
			res = code(urnName(p.URN))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", level, code(p.Policy), res, cell(p.Message))
	}
	b.WriteString("\n")
	return b.String()
}

func costLine(c *CostDelta, src Source) string {
	if c == nil {
		if src == SourcePreview {
			return "not estimated (pass the offline plans with --base/--head)"
		}
		return "not estimated (the plans carry no cost)"
	}
	s := fmt.Sprintf("%s → %s (**%s**", money.USD(c.BeforeUSD), money.USD(c.AfterUSD), money.Signed(c.DeltaUSD))
	if c.BeforeUSD > 0 {
		s += ", " + fmt.Sprintf("%+.1f%%", 100*c.DeltaUSD/c.BeforeUSD)
	}
	return s + ")"
}

func deployLine(d *DeployEstimate, src Source) string {
	if d == nil {
		return "not estimated"
	}
	var parts []string
	switch {
	case !d.ChangeModelled:
		parts = append(parts, "this change: not modelled")
	case d.ChangeOperations == 0:
		parts = append(parts, "nothing to apply")
	default:
		parts = append(parts, fmt.Sprintf("**%s** to apply this change (%s at parallelism %d; deletions not modelled)",
			duration(d.ChangeSeconds), plural(d.ChangeOperations, "operation"), d.Parallelism))
	}
	if d.HeadSeconds > 0 || d.BaseSeconds > 0 {
		s := fmt.Sprintf("a fresh `pulumi up`: %s → %s", duration(d.BaseSeconds), duration(d.HeadSeconds))
		if d.ChangedOnPath > 0 {
			s += fmt.Sprintf(", %s on its critical path", plural(d.ChangedOnPath, "changed resource"))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func policyLine(p PolicyDiff) string {
	if !p.Evaluated {
		return "not in the preview output (see Policies)"
	}
	mand := p.NewMandatory()
	var s string
	switch {
	case mand > 0:
		s = fmt.Sprintf("⛔ %s", plural(mand, "new mandatory violation"))
		if adv := len(p.New) - mand; adv > 0 {
			s += fmt.Sprintf(", %d new advisory", adv)
		}
	case len(p.New) > 0:
		s = fmt.Sprintf("⚠️ %d new advisory", len(p.New))
	default:
		s = "✅ no new violations"
	}
	return s + fmt.Sprintf(" · %d already present · %d resolved", len(p.Existing), len(p.Resolved))
}

func sourceLine(r *Review) string {
	if r.Source == SourcePlans {
		files := ""
		if r.Base != "" || r.Head != "" {
			files = fmt.Sprintf(" %s → %s", code(orDash(r.Base)), code(orDash(r.Head)))
		}
		return "offline plans" + files + "; replacements inferred offline"
	}
	if r.Head != "" {
		return "`pulumi preview --json` " + code(r.Head)
	}
	return "`pulumi preview --json`"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// code renders a value as inline code that is safe inside a table cell.
func code(s string) string {
	if s == "" {
		return "<code></code>"
	}
	return "<code>" + cellEscaper.Replace(s) + "</code>"
}

// cellEscaper escapes what Markdown tables, emphasis and HTML would interpret (inline
// HTML does not stop Markdown inside it); quotes stay readable.
var cellEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "&#124;", "*", "&#42;", "_", "&#95;", "`", "&#96;", "~", "&#126;", "\n", " ", "\r", "")

// cell makes free text safe inside a table cell.
func cell(s string) string {
	return cellEscaper.Replace(s)
}

func duration(sec float64) string {
	if sec <= 0 {
		return "—"
	}
	if sec < 90 {
		return fmt.Sprintf("~%.0f s", sec)
	}
	return fmt.Sprintf("~%.0f min", math.Ceil(sec/60))
}
