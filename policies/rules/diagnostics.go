package rules

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
)

func init() {
	register(&Policy{
		Name:        "diagnostic-settings",
		Description: "Every resource whose type emits Azure Monitor resource logs has a diagnostic setting that sends all of its log categories (categoryGroup allLogs, or every category) to a destination.",
		Category:    Security,
		Stack:       checkDiagnostics,
	})
}

// AllLogs is the category group that enables every log category of a resource,
// including categories Azure adds later.
const AllLogs = "allLogs"

// logSource is what a type that emits Azure Monitor resource logs emits: its
// catalogue entry's log categories (the sources are there), and the sub-resource
// that emits them when it is not the resource itself.
type logSource struct {
	sub        string
	categories []string
}

// logSourceOf returns the logs a type emits, and whether it emits any. Only Azure
// types have diagnostic settings.
func logSourceOf(typ string) (logSource, bool) {
	e, ok := catalog.Lookup(typ)
	if !ok || !e.Azure() || e.Diagnostics == nil {
		return logSource{}, false
	}
	return logSource{sub: e.Diagnostics.Sub, categories: e.Diagnostics.Categories}, true
}

// LogSourceTypes lists the types the diagnostic-settings policy requires a setting for.
func LogSourceTypes() []string {
	return catalog.Types(func(e *catalog.Entry) bool { return e.Azure() && e.Diagnostics != nil })
}

// physicalName returns the Azure name of a resource (its naming input), and whether
// it is known.
func physicalName(r *Resource) (string, bool) {
	kind, ok := namedKinds[r.Type]
	if !ok {
		return "", false
	}
	v, st := r.get(kind.key)
	if st != present {
		return "", false
	}
	s, ok := asString(v)
	return s, ok && s != ""
}

// diagnosticTargets returns the log sources a diagnostic setting sends logs of:
// judged from its resourceUri. A known URI must name the resource (and its logging
// sub-resource); while it is unknown at preview, the resources it was computed from
// decide. st is unknown when neither tells.
func diagnosticTargets(ds *Resource, sources []*Resource, byURN map[string]*Resource) ([]*Resource, state) {
	v, st := ds.get("resourceUri")
	deps := ds.PropertyDependencies["resourceUri"]
	candidates := sources
	if len(deps) > 0 {
		candidates = nil
		for _, urn := range deps {
			if d, ok := byURN[urn]; ok {
				if _, isSource := logSourceOf(d.Type); isSource {
					candidates = append(candidates, d)
				}
			}
		}
	}
	switch st {
	case missing:
		return nil, missing
	case unknown:
		if len(deps) == 0 {
			return nil, unknown
		}
		return candidates, present
	}
	uri, _ := asString(v)
	uri = strings.ToLower(strings.TrimRight(uri, "/"))
	var out []*Resource
	for _, c := range candidates {
		name, ok := physicalName(c)
		if !ok {
			if len(deps) > 0 {
				out = append(out, c) // computed from it; its name is not known yet
			}
			continue
		}
		if strings.HasSuffix(uri, strings.ToLower("/"+name+subOf(c.Type))) {
			out = append(out, c)
		}
	}
	return out, present
}

// logCoverage is what the settings of one resource send.
type logCoverage struct {
	settings   []string
	allLogs    bool
	categories map[string]bool
	noDest     []string
	undecided  []string
}

func checkDiagnostics(e *Env, rs []Resource, rep *Reporter) {
	byURN := make(map[string]*Resource, len(rs))
	var sources []*Resource
	for i := range rs {
		r := &rs[i]
		byURN[r.URN] = r
		if _, ok := logSourceOf(r.Type); ok && r.Custom {
			sources = append(sources, r)
		}
	}
	cover := map[string]*logCoverage{}
	var unattributed []string
	for i := range rs {
		ds := &rs[i]
		if ds.Type != TypeDiagnosticSetting {
			continue
		}
		targets, st := diagnosticTargets(ds, sources, byURN)
		if st == unknown {
			unattributed = append(unattributed, ds.Name)
			continue
		}
		for _, t := range targets {
			c := cover[t.URN]
			if c == nil {
				c = &logCoverage{categories: map[string]bool{}}
				cover[t.URN] = c
			}
			c.settings = append(c.settings, ds.Name)
			if !hasDestination(ds) {
				c.noDest = append(c.noDest, ds.Name)
				continue
			}
			logs, lst := ds.get("logs")
			if lst == unknown || hasOpaque(logs) {
				c.undecided = append(c.undecided, ds.Name)
				continue
			}
			list, _ := asList(logs)
			for _, l := range list {
				m, _ := asMap(l)
				if on, ok := asBool(m["enabled"]); !ok || !on {
					continue
				}
				if g, _ := asString(m["categoryGroup"]); strings.EqualFold(g, AllLogs) {
					c.allLogs = true
				}
				if cat, _ := asString(m["category"]); cat != "" {
					c.categories[strings.ToLower(cat)] = true
				}
			}
		}
	}
	sort.Strings(unattributed)
	for _, r := range sources {
		src, _ := logSourceOf(r.Type)
		where := "the resource"
		if src.sub != "" {
			where = "its " + strings.TrimPrefix(src.sub, "/")
		}
		c := cover[r.URN]
		if c == nil {
			if len(unattributed) > 0 {
				rep.UndecidedOn(r.URN, "%s: no diagnostic setting is known to target it at preview (resourceUri unknown: %s); expected one sending every log category (categoryGroup %q) of %s", r.label(), strings.Join(unattributed, ", "), AllLogs, where)
				continue
			}
			rep.ReportOn(r.URN, "%s: has no diagnostic setting; expected one sending every log category of %s (categoryGroup %q) to the Log Analytics workspace", r.label(), where, AllLogs)
			continue
		}
		if c.allLogs {
			continue
		}
		var absent []string
		for _, cat := range src.categories {
			if !c.categories[strings.ToLower(cat)] {
				absent = append(absent, cat)
			}
		}
		switch {
		case len(absent) == 0:
		case len(c.undecided) > 0:
			rep.UndecidedOn(r.URN, "%s: the logs of diagnostic setting(s) %s are unknown at preview; expected every log category (categoryGroup %q)", r.label(), strings.Join(c.undecided, ", "), AllLogs)
		case len(c.noDest) == len(c.settings):
			rep.ReportOn(r.URN, "%s: diagnostic setting(s) %s send logs nowhere (no workspaceId, storageAccountId or eventHubAuthorizationRuleId); expected every log category sent to the Log Analytics workspace", r.label(), strings.Join(c.noDest, ", "))
		default:
			rep.ReportOn(r.URN, "%s: diagnostic setting(s) %s leave out log categor%s %s; expected categoryGroup %q (or every category: %s)", r.label(), strings.Join(c.settings, ", "), plural(len(absent), "y", "ies"), strings.Join(absent, ", "), AllLogs, strings.Join(src.categories, ", "))
		}
	}
}

// hasDestination reports whether a diagnostic setting sends somewhere.
func hasDestination(ds *Resource) bool {
	for _, k := range []string{"workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"} {
		if _, st := ds.get(k); st != missing {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// subOf is the sub-resource path that emits a type's logs ("" for the resource).
func subOf(typ string) string {
	src, _ := logSourceOf(typ)
	return src.sub
}
