package review

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Options tune a review.
type Options struct {
	// Env names the environment; empty means the plans' (or preview's) stack.
	Env string
	// AllowDestructive lets dangerous replacements and deletions pass.
	AllowDestructive bool
	// BaseName and HeadName describe the inputs in the footer (file names).
	BaseName, HeadName string
	// Parallelism is the engine parallelism the change's deploy-time estimate
	// assumes; zero means the head plan's, else Pulumi's default (4 x CPUs).
	Parallelism int
}

// FromPlans compares two offline plans of one environment. A nil base is a new
// environment (everything is created); a nil head is a removed one.
func FromPlans(base, head *plan.Plan, opts Options) (*Review, error) {
	if base == nil && head == nil {
		return nil, fmt.Errorf("internal error: no plan to review")
	}
	b, h := orEmpty(base), orEmpty(head)
	if base != nil && head != nil && base.Stack != head.Stack && opts.Env == "" {
		return nil, fmt.Errorf("base plan is of stack %q but head plan is of stack %q; pass --env to compare them anyway", base.Stack, head.Stack)
	}
	env := opts.Env
	if env == "" {
		env = h.Stack
		if env == "" {
			env = b.Stack
		}
	}
	r := &Review{Env: env, Source: SourcePlans, Base: opts.BaseName, Head: opts.HeadName}
	bi, hi := b.Index(), h.Index()

	for _, hr := range h.Resources {
		if !counted(hr.Type, hr.Custom) {
			continue
		}
		// The catalogue key: a generic resource is judged as the ARM type it declares.
		typ := hr.CatalogType()
		br, ok := bi[hr.URN]
		if !ok {
			c := newChange(OpCreate, &hr)
			c.Properties = keyInputs(typ, hr.Inputs)
			r.Changes = append(r.Changes, c)
			continue
		}
		props, ignored := withoutIgnored(diffInputs(typ, br.Inputs, hr.Inputs), hr.IgnoreChanges)
		for _, p := range ignored {
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s: %s changes, but the resource ignores changes to it after creation (ignoreChanges), so `pulumi up` will not apply it; %s", hr.Name, p, ignoredAdvice(hr.Type, p)))
		}
		if len(props) == 0 {
			r.Counts.Same++
			continue
		}
		markWorkload(typ, props)
		c := newChange(OpUpdate, &hr)
		c.Protect = br.Protect || hr.Protect
		c.RetainOnDelete = br.RetainOnDelete || hr.RetainOnDelete
		c.Properties = props
		for _, p := range props {
			if p.ForcesReplacement {
				c.Op = OpReplace
				c.ReplaceInferred = true
				c.ReplaceReasons = append(c.ReplaceReasons, p.Path+": "+replaceReason(typ, p.Path, lookup(br.Inputs, p.Path), lookup(hr.Inputs, p.Path)))
			}
		}
		r.Changes = append(r.Changes, c)
	}
	for _, br := range b.Resources {
		if !counted(br.Type, br.Custom) {
			continue
		}
		if _, ok := hi[br.URN]; !ok {
			r.Changes = append(r.Changes, newChange(OpDelete, &br))
		}
	}

	pairRenames(r.Changes, bi, hi)
	r.Policy = diffPolicies(b.PolicyResults, h.PolicyResults)
	r.Policy.Evaluated = true
	r.Cost = diffCost(b, h)
	r.Deploy = deployEstimate(b, h, h.Resources, r.Changes, parallelismOf(opts.Parallelism, head))
	r.finish(opts.AllowDestructive)
	return r, nil
}

// pairRenames marks a deletion and a creation that are the same Azure resource under
// a new logical name: same type and the same ARM ID inputs (location and the "…Name"
// inputs). Offline plans do not record aliases, so the pair is reported as what the
// engine would do without one — a delete and a create — with the rename called out.
func pairRenames(changes []Change, base, head map[string]*plan.Resource) {
	identity := func(r *plan.Resource) string {
		var parts []string
		keys := make([]string, 0, len(r.Inputs))
		for k := range r.Inputs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "location" || ((k == "name" || strings.HasSuffix(k, "Name")) && !notIdentifying[k]) {
				if v, ok := r.Inputs[k].(string); ok && !plan.IsUnknown(v) {
					parts = append(parts, k+"="+v)
				}
			}
		}
		if len(parts) == 0 {
			return ""
		}
		return r.CatalogType() + "|" + strings.Join(parts, "|")
	}
	created := map[string]int{}
	for i, c := range changes {
		if c.Op == OpCreate {
			if id := identity(head[c.URN]); id != "" {
				created[id] = i
			}
		}
	}
	for i, c := range changes {
		if c.Op != OpDelete {
			continue
		}
		if j, ok := created[identity(base[c.URN])]; ok && identity(base[c.URN]) != "" {
			changes[i].RenamedTo = changes[j].Name
			changes[j].RenamedFrom = c.Name
		}
	}
}

func orEmpty(p *plan.Plan) *plan.Plan {
	if p == nil {
		return &plan.Plan{}
	}
	return p
}

// keyFacts are the inputs that size or shape a new resource, shown for creations so
// a reviewer sees what is being bought without reading every input.
var keyFacts = []string{
	"sku.name", "sku.tier", "kind", "vmSize", "count", "minCount", "maxCount",
	"prefixLength", "addressPrefix", "kubernetesVersion", "zones", "availabilityZones",
}

// keyInputs lists a created resource's key facts as additions — first what it grants
// (grantFacts: every access grant and every network rule, in full) — and summarises
// the elements of inline arrays that carry such facts (an AKS cluster's node pools).
func keyInputs(typ string, in map[string]any) []PropertyChange {
	out, covered := grantFacts(typ, in)
	out = append(workloadFacts(typ, in), out...)
	for _, path := range keyFacts {
		if v := lookup(in, path); v != nil {
			out = append(out, PropertyChange{Path: path, Kind: "add", New: render(v, false)})
		}
	}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		arr, ok := in[k].([]any)
		if !ok || secretKey(k) || covered[k] {
			continue
		}
		for i, e := range arr {
			if facts := summarize(e, false); facts != "" {
				out = append(out, PropertyChange{Path: k + "[" + strconv.Itoa(i) + "]", Kind: "add", New: facts})
			}
		}
	}
	return out
}

// summarize names an object by its name/id and key facts; "" when it has no key
// fact (and named is false) or is not an object.
func summarize(e any, named bool) string {
	o, ok := e.(map[string]any)
	if !ok {
		return ""
	}
	var parts []string
	facts := 0
	for _, k := range append([]string{"name", "id"}, keyFacts...) {
		if x := lookup(o, k); x != nil {
			parts = append(parts, k+"="+render(x, secretKey(k)))
			if k != "name" && k != "id" {
				facts++
			}
		}
	}
	if facts == 0 && !(named && len(parts) > 0) {
		return ""
	}
	return strings.Join(parts, " ")
}

// counted reports whether a resource is a deployed cloud object: component
// resources group others and deploy nothing; providers are engine plumbing.
func counted(typ string, custom bool) bool {
	return custom && !strings.HasPrefix(typ, "pulumi:")
}

func newChange(op Op, res *plan.Resource) Change {
	region := res.Region
	if region == "" {
		region = regionFromURN(res.URN, res.Inputs)
	}
	return Change{
		Op:        op,
		URN:       res.URN,
		Type:      res.Type,
		Kind:      catalogKind(res),
		Name:      res.Name,
		Region:    region,
		Component: componentOf(res.URN),
		Protect:   res.Protect,

		RetainOnDelete: res.RetainOnDelete,
	}
}

// regionFromURN attributes a resource by its URN: resources outside a region
// subtree are global.
func regionFromURN(urn string, inputs map[string]any) string {
	chain := typeChain(urn)
	for _, t := range chain {
		if t == plan.RegionComponentType {
			if loc, ok := inputs["location"].(string); ok && loc != "" && !plan.IsUnknown(loc) {
				return loc
			}
			return "unknown region"
		}
	}
	return GlobalRegion
}

// typeChain returns the qualified type of a URN split into its ancestors' types and
// its own: urn:pulumi:stack::project::A$B$C::name → [A B C].
func typeChain(urn string) []string {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return nil
	}
	return strings.Split(parts[2], "$")
}

// urnName returns the name part of a URN.
func urnName(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		return urn[i+2:]
	}
	return urn
}

// componentOf names the component a resource belongs to: the first component below
// the region (or global) part in its URN, shortened to its package ("network",
// "gamecluster"); resources placed directly in the region or global part are
// labelled "region" or "global".
func componentOf(urn string) string {
	chain := typeChain(urn)
	for i, t := range chain {
		var direct string
		switch t {
		case plan.RegionComponentType:
			direct = "region"
		case "gameplatform:stacks:Global":
			direct = "global"
		default:
			continue
		}
		if i+2 <= len(chain)-1 { // an ancestor component below the region/global part
			return catalog.Display(chain[i+1])
		}
		return direct
	}
	if len(chain) > 1 {
		return catalog.Display(chain[0])
	}
	return "stack"
}

// diffInputs lists the changed inputs between old and new, with masked values and
// the offline replacement verdict of each.
func diffInputs(typ string, old, new map[string]any) []PropertyChange {
	var out []PropertyChange
	diffValue(typ, "", old, new, false, &out)
	return out
}

func diffValue(typ, path string, old, new any, secret bool, out *[]PropertyChange) {
	old, new = normalize(old), normalize(new)
	if reflect.DeepEqual(old, new) {
		return
	}
	om, oIsMap := old.(map[string]any)
	nm, nIsMap := new.(map[string]any)
	// Objects are compared key by key, also when one side is absent, so every
	// changed leaf is listed with its own path.
	if (oIsMap || old == nil) && (nIsMap || new == nil) && !secret {
		keys := map[string]bool{}
		for k := range om {
			keys[k] = true
		}
		for k := range nm {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			diffValue(typ, joinPath(path, k), om[k], nm[k], secretKey(k), out)
		}
		return
	}
	oa, oIsArr := old.([]any)
	na, nIsArr := new.([]any)
	if oIsArr && nIsArr && !secret && !(scalars(oa) && scalars(na)) && diffArray(typ, path, oa, na, out) {
		return
	}
	pc := PropertyChange{Path: path, Kind: "update"}
	switch {
	case old == nil:
		pc.Kind = "add"
	case new == nil:
		pc.Kind = "delete"
	}
	if old != nil {
		pc.Old = render(old, secret)
	}
	if new != nil {
		pc.New = render(new, secret)
	}
	pc.ForcesReplacement = replaceReason(typ, path, old, new) != ""
	*out = append(*out, pc)
}

// diffArray lists element-level changes of two arrays of objects: index by index
// when the lengths match; else by an identifying key ("name", "id") when every
// element has a distinct one; else as appended or removed elements when one array
// extends the other. It returns false when none applies (the whole array is shown).
func diffArray(typ, path string, oa, na []any, out *[]PropertyChange) bool {
	at := func(i int) string { return path + "[" + strconv.Itoa(i) + "]" }
	if len(oa) == len(na) {
		for i := range oa {
			diffValue(typ, at(i), oa[i], na[i], false, out)
		}
		return true
	}
	for _, key := range []string{"name", "id"} {
		oi, ok1 := indexBy(oa, key)
		ni, ok2 := indexBy(na, key)
		if !ok1 || !ok2 {
			continue
		}
		for i, e := range na {
			id := e.(map[string]any)[key].(string)
			if j, ok := oi[id]; ok {
				diffValue(typ, at(i), oa[j], e, false, out)
			} else {
				*out = append(*out, elementChange(at(i), "add", e))
			}
		}
		for j, e := range oa {
			if _, ok := ni[e.(map[string]any)[key].(string)]; !ok {
				*out = append(*out, elementChange(at(j), "delete", e))
			}
		}
		return true
	}
	short, long := oa, na
	if len(oa) > len(na) {
		short, long = na, oa
	}
	if !reflect.DeepEqual(short, long[:len(short)]) {
		return false
	}
	for i := len(short); i < len(long); i++ {
		if len(oa) < len(na) {
			*out = append(*out, elementChange(at(i), "add", long[i]))
		} else {
			*out = append(*out, elementChange(at(i), "delete", long[i]))
		}
	}
	return true
}

// elementChange is one added or removed array element: whole when it is short, else
// summarised by its name and sizing inputs (a node pool: name, VM size, counts).
// Adding or removing an element is never judged a replacement of the resource.
func elementChange(path, kind string, e any) PropertyChange {
	v := render(e, false)
	if strings.HasSuffix(v, "…") {
		if sum := summarize(e, true); sum != "" {
			v = sum
		}
	}
	pc := PropertyChange{Path: path, Kind: kind}
	if kind == "add" {
		pc.New = v
	} else {
		pc.Old = v
	}
	return pc
}

// indexBy maps each element's string key to its index; ok is false unless every
// element is an object with a distinct, non-empty string value for key.
func indexBy(a []any, key string) (map[string]int, bool) {
	m := make(map[string]int, len(a))
	for i, e := range a {
		o, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		id, ok := o[key].(string)
		if !ok || id == "" {
			return nil, false
		}
		if _, dup := m[id]; dup {
			return nil, false
		}
		m[id] = i
	}
	return m, true
}

// normalize treats empty maps and arrays like absent values: the provider sends
// nothing for either.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return nil
		}
	case []any:
		if len(t) == 0 {
			return nil
		}
	}
	return v
}

func scalars(a []any) bool {
	for _, e := range a {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// joinPath appends a key to a property path, quoting keys that are not identifiers
// the way the engine's detailed diff does (tags["cost-center"]).
func joinPath(path, key string) string {
	ident := key != ""
	for i, r := range key {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ident = false
			break
		}
	}
	if !ident {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// lookup returns the value at a property path (as produced by joinPath or the
// engine's detailed diff) in v, or nil.
func lookup(v any, path string) any {
	for _, seg := range splitPath(path) {
		switch t := v.(type) {
		case map[string]any:
			v = t[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

// splitPath splits a.b[0]["c.d"] into [a b 0 c.d].
func splitPath(path string) []string {
	var segs []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			segs = append(segs, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '.':
			flush()
		case '[':
			flush()
			end := strings.IndexByte(path[i:], ']')
			if end < 0 {
				cur.WriteString(path[i+1:])
				i = len(path)
				continue
			}
			inner := path[i+1 : i+end]
			if q, err := strconv.Unquote(inner); err == nil {
				inner = q
			} else if len(inner) >= 2 && inner[0] == '"' {
				// A quoted key containing "]": find the real end.
				if j := strings.Index(path[i:], "\"]"); j > 0 {
					inner, _ = strconv.Unquote(path[i+1 : i+j+1])
					end = j + 1
				}
			}
			segs = append(segs, inner)
			i += end
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return segs
}

// secretKeyWords mark input keys whose values are secret even when the program did
// not mark them (a password typed into a plain input is still a password).
var secretKeyWords = []string{
	"password", "secret", "token", "connectionstring", "credential", "privatekey",
	"accesskey", "apikey", "sharedkey", "primarykey", "secondarykey", "sasurl",
	"saskey", "certificatedata", "pfx",
}

// secretKey reports whether an input key looks like it holds a secret.
func secretKey(key string) bool {
	k := strings.ToLower(key)
	if k == "key" || k == "keys" {
		return true
	}
	for _, w := range secretKeyWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// maxValueLen bounds one rendered value.
const maxValueLen = 120

// render prints a value compactly: strings bare, everything else as JSON, long
// values shortened, secrets (marked by the plan or by their key) masked.
func render(v any, secret bool) string {
	if secret {
		return plan.SecretMask
	}
	v = labelUnknowns(maskSecrets(v))
	var s string
	if str, ok := v.(string); ok {
		s = str
	} else {
		b, err := json.Marshal(v)
		if err != nil {
			s = fmt.Sprint(v)
		} else {
			s = string(b)
		}
	}
	if len(s) > maxValueLen {
		cut := maxValueLen
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// labelUnknowns returns v with values unknown until apply (Pulumi's sentinel) shown
// as plan.UnknownLabel, as the Pulumi CLI shows them.
func labelUnknowns(v any) any {
	switch t := v.(type) {
	case string:
		if plan.IsUnknown(t) {
			return plan.UnknownLabel
		}
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = labelUnknowns(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = labelUnknowns(e)
		}
		return out
	}
	return v
}

// maskSecrets returns v with values under secret-looking keys masked.
func maskSecrets(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			if secretKey(k) {
				out[k] = plan.SecretMask
			} else {
				out[k] = maskSecrets(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = maskSecrets(e)
		}
		return out
	}
	return v
}

// policyKey identifies a violation across base and head: the same policy on the same
// resource is the same violation even when its message words a value differently.
// Stack-level results (no URN) are told apart by their message, with numbers and
// parenthesised or bracketed detail (region lists, amounts) left out, so adding a
// region or moving the cost does not make every stack-level result look new.
func policyKey(p plan.PolicyResult) string {
	k := p.Pack + "\x00" + p.Policy + "\x00" + p.URN
	if p.URN == "" {
		k += "\x00" + stableMessage(p.Message)
	}
	return k
}

var (
	messageDetail = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
	messageNumber = regexp.MustCompile(`[0-9][0-9.,]*`)
)

func stableMessage(m string) string {
	m = messageDetail.ReplaceAllString(m, "")
	m = messageNumber.ReplaceAllString(m, "#")
	return strings.Join(strings.Fields(m), " ")
}

// diffPolicies splits head's results into new and already present ones, and lists
// base's results that head no longer has. Results are matched as multisets.
func diffPolicies(base, head []plan.PolicyResult) PolicyDiff {
	d := PolicyDiff{New: []plan.PolicyResult{}, Existing: []plan.PolicyResult{}, Resolved: []plan.PolicyResult{}}
	inBase := map[string]int{}
	for _, p := range base {
		if p.EnforcementLevel != "disabled" {
			inBase[policyKey(p)]++
		}
	}
	for _, p := range head {
		if p.EnforcementLevel == "disabled" {
			continue
		}
		if k := policyKey(p); inBase[k] > 0 {
			inBase[k]--
			d.Existing = append(d.Existing, p)
		} else {
			d.New = append(d.New, p)
		}
	}
	for _, p := range base {
		if k := policyKey(p); p.EnforcementLevel != "disabled" && inBase[k] > 0 {
			inBase[k]--
			d.Resolved = append(d.Resolved, p)
		}
	}
	for _, l := range [][]plan.PolicyResult{d.New, d.Existing, d.Resolved} {
		sortPolicies(l)
	}
	return d
}

func sortPolicies(l []plan.PolicyResult) {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if (a.EnforcementLevel == "mandatory") != (b.EnforcementLevel == "mandatory") {
			return a.EnforcementLevel == "mandatory"
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		return a.URN < b.URN
	})
}

// maxMovers bounds the cost movers listed.
const maxMovers = 10

// diffCost compares the cost model's estimates; nil when neither plan has one.
func diffCost(b, h *plan.Plan) *CostDelta {
	if b.Cost.MonthlyUSD == 0 && h.Cost.MonthlyUSD == 0 && len(b.Cost.ByResource) == 0 && len(h.Cost.ByResource) == 0 {
		return nil
	}
	d := &CostDelta{BeforeUSD: b.Cost.MonthlyUSD, AfterUSD: h.Cost.MonthlyUSD}
	d.DeltaUSD = math.Round((d.AfterUSD-d.BeforeUSD)*100) / 100 // cents, as the cost model reports
	bi, hi := b.Index(), h.Index()
	urns := map[string]bool{}
	for u := range b.Cost.ByResource {
		urns[u] = true
	}
	for u := range h.Cost.ByResource {
		urns[u] = true
	}
	for u := range urns {
		before, after := b.Cost.ByResource[u], h.Cost.ByResource[u]
		if math.Abs(after-before) < 0.005 {
			continue
		}
		m := CostMover{URN: u, Name: urnName(u), BeforeUSD: before, AfterUSD: after}
		if r, ok := hi[u]; ok {
			m.Type = r.CatalogType()
		} else if r, ok := bi[u]; ok {
			m.Type = r.CatalogType()
		}
		d.Movers = append(d.Movers, m)
	}
	sort.Slice(d.Movers, func(i, j int) bool {
		di := math.Abs(d.Movers[i].AfterUSD - d.Movers[i].BeforeUSD)
		dj := math.Abs(d.Movers[j].AfterUSD - d.Movers[j].BeforeUSD)
		if di != dj {
			return di > dj
		}
		return d.Movers[i].URN < d.Movers[j].URN
	})
	if len(d.Movers) > maxMovers {
		d.Movers = d.Movers[:maxMovers]
	}
	return d
}

func itoa(n int) string { return strconv.Itoa(n) }

// withoutIgnored drops the changes to inputs the resource's ignoreChanges option
// covers: the engine does not apply them. It returns the paths it dropped, except
// node counts, which the cluster autoscaler owns (a changed minimum moves the
// initial count with it, and nothing needs doing about that).
func withoutIgnored(props []PropertyChange, ignore []string) (kept []PropertyChange, dropped []string) {
	if len(ignore) == 0 {
		return props, nil
	}
	for _, p := range props {
		covered := ""
		for _, ig := range ignore {
			if p.Path == ig || strings.HasPrefix(p.Path, ig+".") || strings.HasPrefix(p.Path, ig+"[") {
				covered = ig
				break
			}
		}
		if covered == "" {
			kept = append(kept, p)
			continue
		}
		if covered != "count" && (len(dropped) == 0 || dropped[len(dropped)-1] != covered) {
			dropped = append(dropped, covered)
		}
	}
	return kept, dropped
}

// ignoredAdvice says how to make an ignored change happen.
func ignoredAdvice(typ, path string) string {
	if catalog.BaseType(typ) == "azure-native:containerservice:ManagedCluster" && path == "agentPoolProfiles" {
		return "node pools change through per-pool operations only (an AgentPool resource; see components/gamecluster)"
	}
	return "make the change outside this stack or lift the ignoreChanges option"
}

// catalogKind is a generic resource's catalogue key (the ARM type it declares), ""
// for every other type, whose token is its key.
func catalogKind(res *plan.Resource) string {
	if k := res.CatalogType(); catalog.IsGeneric(k) {
		return k
	}
	return ""
}
