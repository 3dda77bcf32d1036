package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
)

// Summarize counts resources by type and by region (custom resources only; the
// component resources that group them are not deployed objects).
func Summarize(rs []Resource) Summary {
	s := Summary{ByType: map[string]int{}, ByRegion: map[string]int{}}
	for _, r := range rs {
		if !r.Custom {
			continue
		}
		s.Resources++
		s.ByType[r.Type]++
		region := r.Region
		if region == "" {
			region = "global"
		}
		s.ByRegion[region]++
	}
	return s
}

// RenderTree writes a preview-like tree of the plan: components and their children,
// grouped under the global part and each region.
func RenderTree(w io.Writer, p *Plan) {
	children := map[string][]*Resource{}
	known := map[string]bool{}
	for i := range p.Resources {
		known[p.Resources[i].URN] = true
	}
	var roots []*Resource
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Parent == "" || !known[r.Parent] {
			roots = append(roots, r)
		} else {
			children[r.Parent] = append(children[r.Parent], r)
		}
	}
	order := func(rs []*Resource) {
		sort.SliceStable(rs, func(i, j int) bool {
			// components after plain resources, then by name
			if rs[i].Custom != rs[j].Custom {
				return rs[i].Custom
			}
			return rs[i].Name < rs[j].Name
		})
	}
	fmt.Fprintf(w, "     %-58s %s\n", "Type", "Name")
	fmt.Fprintf(w, " +   %-58s %s\n", "pulumi:pulumi:Stack", p.Project+"-"+p.Stack)
	// Global part first, then regions in name order.
	sort.SliceStable(roots, func(i, j int) bool {
		gi, gj := roots[i].Region == "", roots[j].Region == ""
		if gi != gj {
			return gi
		}
		return roots[i].Name < roots[j].Name
	})
	var walk func(rs []*Resource, prefix string)
	walk = func(rs []*Resource, prefix string) {
		order(rs)
		for i, r := range rs {
			branch, next := "├─ ", "│  "
			if i == len(rs)-1 {
				branch, next = "└─ ", "   "
			}
			label := prefix + branch + r.Type
			if arm := catalog.ARMTypeOf(r.CatalogType()); arm != "" {
				label += " " + arm // a generic resource shows the ARM type it declares
			}
			flags := ""
			if r.Protect {
				flags += " [protect]"
			}
			if r.RetainOnDelete {
				flags += " [retain]"
			}
			fmt.Fprintf(w, " +   %-58s %s%s\n", label, r.Name, flags)
			walk(children[r.URN], prefix+next)
		}
	}
	walk(roots, "")
}

// RenderSummary writes resource counts by type and by region.
func RenderSummary(w io.Writer, p *Plan) {
	s := p.Summary
	fmt.Fprintf(w, "\nResources: %d to create\n", s.Resources)
	fmt.Fprintln(w, "\nBy type:")
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(w, "  %4d  %s\n", s.ByType[t], t)
	}
	fmt.Fprintln(w, "\nBy region:")
	regions := make([]string, 0, len(s.ByRegion))
	for r := range s.ByRegion {
		regions = append(regions, r)
	}
	sort.Slice(regions, func(i, j int) bool {
		if (regions[i] == "global") != (regions[j] == "global") {
			return regions[i] == "global"
		}
		return regions[i] < regions[j]
	})
	for _, r := range regions {
		fmt.Fprintf(w, "  %4d  %s\n", s.ByRegion[r], r)
	}
}

// Heading returns the plan's title line.
func Heading(p *Plan) string {
	return fmt.Sprintf("Offline plan of %s/%s (program evaluated with the Pulumi mock monitor; nothing is deployed)", p.Project, p.Stack) + "\n" + strings.Repeat("=", 80)
}
