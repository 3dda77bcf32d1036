package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// previewMismatch compares a `pulumi preview --json` digest with the offline plans
// passed alongside it (which supply policy results, cost and deploy-time estimates)
// and words every sign that they describe a different change: another stack, or
// cloud resources the preview ends with (head) or starts from (base) that the plan
// does not have, or the other way round. Nil when they agree or no plan was given.
func previewMismatch(d *PreviewDigest, base, head *plan.Plan) []string {
	previewStack := ""
	after, before := map[string]bool{}, map[string]bool{}
	for i := range d.Steps {
		s := &d.Steps[i]
		if previewStack == "" {
			previewStack = stackOfURN(s.URN)
		}
		custom := (s.NewState != nil && s.NewState.Custom) || (s.OldState != nil && s.OldState.Custom)
		if !counted(typeOfStep(s), custom) {
			continue
		}
		switch s.Op {
		case "create":
			after[s.URN] = true
		case "delete":
			before[s.URN] = true
		case "read", "refresh":
		default: // same, update, replace and its steps, import…: there before and after
			after[s.URN] = true
			before[s.URN] = true
		}
	}
	var out []string
	check := func(flag string, p *plan.Plan, want map[string]bool, side string) {
		if p == nil {
			return
		}
		if previewStack != "" && p.Stack != "" && p.Stack != previewStack {
			out = append(out, fmt.Sprintf("The %s plan is of stack `%s` but the preview is of stack `%s`: its policy results and estimates describe another environment.", flag, p.Stack, previewStack))
			return
		}
		have := map[string]bool{}
		for _, r := range p.Resources {
			if counted(r.Type, r.Custom) {
				have[r.URN] = true
			}
		}
		onlyPreview, onlyPlan := difference(want, have), difference(have, want)
		if len(onlyPreview)+len(onlyPlan) == 0 {
			return
		}
		var parts []string
		if n := len(onlyPreview); n > 0 {
			parts = append(parts, fmt.Sprintf("%d resource(s) the preview has %s are not in it (%s)", n, side, examples(onlyPreview)))
		}
		if n := len(onlyPlan); n > 0 {
			parts = append(parts, fmt.Sprintf("%d resource(s) in it are not in the preview %s (%s)", n, side, examples(onlyPlan)))
		}
		out = append(out, fmt.Sprintf("The %s plan does not match the preview: %s. The plans are of a different change than the preview, so the policy results and estimates below may not describe it; regenerate them from the same commits.", flag, strings.Join(parts, "; ")))
	}
	check("--head", head, after, "after the change")
	check("--base", base, before, "before the change")
	return out
}

func difference(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// examples names up to three resources of a list of URNs.
func examples(urns []string) string {
	var names []string
	for i, u := range urns {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, "`"+urnName(u)+"`")
	}
	return strings.Join(names, ", ")
}
