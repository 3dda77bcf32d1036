package plan

import (
	"fmt"
	"io"
	"strings"
)

// RenderPolicies writes the policy results grouped by enforcement level, mandatory
// (blocking) first; each line names the policy, the resource and the problem.
func RenderPolicies(w io.Writer, rs []PolicyResult) {
	groups := map[string][]PolicyResult{}
	var order []string
	for _, r := range rs {
		if _, ok := groups[r.EnforcementLevel]; !ok {
			order = append(order, r.EnforcementLevel)
		}
		groups[r.EnforcementLevel] = append(groups[r.EnforcementLevel], r)
	}
	fmt.Fprintf(w, "\nPolicies: %d mandatory violation(s), %d advisory\n", len(groups["mandatory"]), len(groups["advisory"]))
	if len(rs) == 0 {
		fmt.Fprintln(w, "  every policy passed")
		return
	}
	titles := map[string]string{
		"mandatory": "Mandatory (blocks the deployment)",
		"advisory":  "Advisory (reported only)",
	}
	rank := func(l string) int {
		switch l {
		case "mandatory":
			return 0
		case "advisory":
			return 1
		}
		return 2
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && rank(order[j]) < rank(order[j-1]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	for _, level := range order {
		title := titles[level]
		if title == "" {
			title = level
		}
		fmt.Fprintf(w, "\n  %s:\n", title)
		for _, r := range groups[level] {
			where := "stack"
			if r.URN != "" {
				where = shortURN(r.URN)
			}
			fmt.Fprintf(w, "    [%s] %s\n      %s\n", r.Policy, where, strings.ReplaceAll(r.Message, "\n", "\n      "))
		}
	}
}

// shortURN keeps a URN's type and name: "azure-native:storage:StorageAccount::name".
func shortURN(urn string) string {
	parts := strings.Split(urn, "::")
	if len(parts) < 2 {
		return urn
	}
	typ := parts[len(parts)-2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ + "::" + parts[len(parts)-1]
}

// RenderDeferred writes the checks a preview leaves to apply (Plan.PolicyDeferred):
// not violations, decided by the same policies under `pulumi up`.
func RenderDeferred(w io.Writer, rs []PolicyResult) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n  Decided at apply (%d check(s) need a value unknown at preview; `pulumi up` decides them):\n", len(rs))
	for _, r := range rs {
		where := "stack"
		if r.URN != "" {
			where = shortURN(r.URN)
		}
		fmt.Fprintf(w, "    [%s, %s] %s\n      %s\n", r.Policy, r.EnforcementLevel, where, strings.ReplaceAll(r.Message, "\n", "\n      "))
	}
}
