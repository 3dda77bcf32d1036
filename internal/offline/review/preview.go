package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/sig"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/jsonerr"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// PreviewDigest is what `pulumi preview --json` prints: the engine's PreviewDigest
// (pkg/display in the Pulumi CLI), field for field. The CLI does not put policy
// events in it; pass offline plans alongside for policy results and estimates.
type PreviewDigest struct {
	// Config is the stack config used (secrets blinded).
	Config map[string]string `json:"config,omitempty"`
	// Steps are the resource steps, including the root stack's "same" step.
	Steps []PreviewStep `json:"steps,omitempty"`
	// Diagnostics are warnings and errors (ephemeral and debug messages omitted).
	Diagnostics []PreviewDiagnostic `json:"diagnostics,omitempty"`
	// Duration is in nanoseconds.
	Duration int64 `json:"duration,omitempty"`
	// ChangeSummary counts steps per operation ("create", "same", …).
	ChangeSummary map[string]int `json:"changeSummary,omitempty"`
	MaybeCorrupt  bool           `json:"maybeCorrupt,omitempty"`
}

// PreviewStep is one step the engine intends to take.
type PreviewStep struct {
	// Op is same, create, update, delete, replace, create-replacement,
	// delete-replaced, read, import, … (the engine's StepOp labels).
	Op       string              `json:"op"`
	URN      string              `json:"urn"`
	Provider string              `json:"provider,omitempty"`
	OldState *apitype.ResourceV3 `json:"oldState,omitempty"`
	NewState *apitype.ResourceV3 `json:"newState,omitempty"`
	// DiffReasons are the top-level keys that differ (updates).
	DiffReasons []string `json:"diffReasons,omitempty"`
	// ReplaceReasons are the keys that force the replacement (replacements).
	ReplaceReasons []string `json:"replaceReasons,omitempty"`
	// DetailedDiff maps property paths (a.b[0]["c"]) to the kind of difference:
	// add, add-replace, delete, delete-replace, update, update-replace.
	DetailedDiff map[string]PreviewPropertyDiff `json:"detailedDiff"`
}

// PreviewPropertyDiff is one property's difference in a step.
type PreviewPropertyDiff struct {
	Kind      string `json:"kind"`
	InputDiff bool   `json:"inputDiff"`
}

// PreviewDiagnostic is a warning or error emitted during the preview.
type PreviewDiagnostic struct {
	URN      string `json:"urn,omitempty"`
	Prefix   string `json:"prefix,omitempty"`
	Message  string `json:"message,omitempty"`
	Severity string `json:"severity,omitempty"`
}

// ParsePreview reads `pulumi preview --json` output; errors name the source and field.
func ParsePreview(data []byte, source string) (*PreviewDigest, error) {
	data = bytes.TrimSpace(data)
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%s: not `pulumi preview --json` output: %v", source, jsonerr.Describe(data, err))
	}
	if _, ok := probe["schemaVersion"]; ok {
		return nil, fmt.Errorf("%s: is a plan JSON (it has schemaVersion), not `pulumi preview --json` output; pass it with --base/--head", source)
	}
	if _, ok := probe["steps"]; !ok {
		if _, ok := probe["changeSummary"]; !ok {
			return nil, fmt.Errorf("%s: steps: missing (expected the JSON document `pulumi preview --json` prints)", source)
		}
	}
	var d PreviewDigest
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %v", source, jsonerr.Describe(data, err))
	}
	for i, s := range d.Steps {
		if s.Op == "" {
			return nil, fmt.Errorf("%s: steps[%d].op: missing", source, i)
		}
		if s.URN == "" {
			return nil, fmt.Errorf("%s: steps[%d].urn: missing", source, i)
		}
		if len(typeChain(s.URN)) == 0 {
			return nil, fmt.Errorf("%s: steps[%d].urn: %q is not a Pulumi URN", source, i, s.URN)
		}
	}
	return &d, nil
}

// previewOp folds the engine's step operations into the review's operations; ok is
// false for steps that change nothing (same, read, refresh, discard).
func previewOp(op string) (Op, bool) {
	switch op {
	case "create", "import":
		return OpCreate, true
	case "update":
		return OpUpdate, true
	case "delete":
		return OpDelete, true
	case "replace", "create-replacement", "delete-replaced", "import-replacement", "read-replacement", "discard-replaced":
		return OpReplace, true
	}
	return "", false
}

// Context is what offline plans add to a preview: policy results, cost and
// deploy-time estimates (the preview digest carries none of them). Either may be nil.
type Context struct {
	Base, Head *plan.Plan
}

// FromPreview builds a review from `pulumi preview --json` output.
func FromPreview(d *PreviewDigest, ctx Context, opts Options) (*Review, error) {
	env := opts.Env
	type acc struct {
		ops  map[Op]bool
		step *PreviewStep
		// replace collects every step of a replacement (old state, reasons).
		old, new *apitype.ResourceV3
		reasons  []string
		detailed map[string]PreviewPropertyDiff
	}
	byURN := map[string]*acc{}
	var order []string
	parents := map[string]string{}
	same := 0
	for i := range d.Steps {
		s := &d.Steps[i]
		if env == "" {
			env = stackOfURN(s.URN)
		}
		for _, st := range []*apitype.ResourceV3{s.OldState, s.NewState} {
			if st != nil && st.Parent != "" {
				parents[s.URN] = string(st.Parent)
			}
		}
		typ := typeOfStep(s)
		custom := (s.NewState != nil && s.NewState.Custom) || (s.OldState != nil && s.OldState.Custom)
		if !counted(typ, custom) {
			continue
		}
		op, changes := previewOp(s.Op)
		if !changes {
			if s.Op == "same" {
				same++
			}
			continue
		}
		a := byURN[s.URN]
		if a == nil {
			a = &acc{ops: map[Op]bool{}, step: s, detailed: map[string]PreviewPropertyDiff{}}
			byURN[s.URN] = a
			order = append(order, s.URN)
		}
		a.ops[op] = true
		if s.OldState != nil && a.old == nil {
			a.old = s.OldState
		}
		if s.NewState != nil && (a.new == nil || s.Op == "replace" || s.Op == "create-replacement") {
			a.new = s.NewState
		}
		a.reasons = append(a.reasons, s.ReplaceReasons...)
		for k, v := range s.DetailedDiff {
			a.detailed[k] = v
		}
	}
	r := &Review{Env: env, Source: SourcePreview, Base: opts.BaseName, Head: opts.HeadName}
	r.Counts.Same = same
	for _, urn := range order {
		a := byURN[urn]
		op := OpUpdate
		switch {
		case a.ops[OpReplace]:
			op = OpReplace
		case a.ops[OpDelete] && a.ops[OpCreate]:
			op = OpReplace
		case a.ops[OpCreate]:
			op = OpCreate
		case a.ops[OpDelete]:
			op = OpDelete
		}
		state := a.new
		if state == nil {
			state = a.old
		}
		var oldIn, newIn map[string]any
		if a.old != nil {
			oldIn = plainInputs(a.old.Inputs)
		}
		if a.new != nil {
			newIn = plainInputs(a.new.Inputs)
		}
		c := Change{
			Op:   op,
			URN:  urn,
			Type: typeOfStep(a.step),
			Name: urnName(urn),
		}
		if state != nil {
			c.Protect = state.Protect
		}
		if a.old != nil && a.old.Protect {
			c.Protect = true
		}
		if (a.old != nil && a.old.RetainOnDelete) || (state != nil && state.RetainOnDelete) {
			c.RetainOnDelete = true
		}
		c.Region = previewRegion(urn, parents, newIn, oldIn)
		c.Component = componentOf(urn)
		in := newIn
		if in == nil {
			in = oldIn
		}
		if k := catalog.Resolve(c.Type, in); catalog.IsGeneric(k) {
			c.Kind = k
		}
		if op == OpCreate {
			c.Properties = keyInputs(c.CatalogType(), newIn)
		}
		if op == OpUpdate || op == OpReplace {
			c.Properties = previewProperties(c.CatalogType(), oldIn, newIn, a.detailed, a.reasons)
			if op == OpReplace {
				c.ReplaceReasons = uniqueSorted(a.reasons)
				for _, p := range c.Properties {
					if p.ForcesReplacement && !contains(c.ReplaceReasons, topKey(p.Path)) && !contains(c.ReplaceReasons, p.Path) {
						c.ReplaceReasons = append(c.ReplaceReasons, p.Path)
					}
				}
			}
		}
		r.Changes = append(r.Changes, c)
	}
	for _, dg := range d.Diagnostics {
		sev := dg.Severity
		if sev != "error" && sev != "warning" {
			continue
		}
		r.Diagnostics = append(r.Diagnostics, Diagnostic{
			Severity: sev,
			URN:      dg.URN,
			Message:  maskLine(strings.TrimPrefix(strings.TrimSpace(dg.Prefix+dg.Message), sev+": ")),
		})
	}
	b, h := orEmpty(ctx.Base), orEmpty(ctx.Head)
	if ctx.Base != nil || ctx.Head != nil {
		r.Policy = diffPolicies(b.PolicyResults, h.PolicyResults)
		r.Policy.Evaluated = true
		r.Cost = diffCost(b, h)
	} else {
		r.Policy = PolicyDiff{New: []plan.PolicyResult{}, Existing: []plan.PolicyResult{}, Resolved: []plan.PolicyResult{}}
	}
	r.Deploy = deployEstimate(b, h, previewResources(d), r.Changes, parallelismOf(opts.Parallelism, ctx.Head))
	r.Warnings = previewMismatch(d, ctx.Base, ctx.Head)
	r.finish(opts.AllowDestructive)
	return r, nil
}

// previewProperties lists a step's changed inputs: the input diff of old and new
// state, with the engine's replace verdicts, plus any detailed-diff path the input
// diff does not cover (a difference against provider outputs).
func previewProperties(typ string, oldIn, newIn map[string]any, detailed map[string]PreviewPropertyDiff, reasons []string) []PropertyChange {
	var props []PropertyChange
	if oldIn != nil && newIn != nil {
		diffValue(typ, "", oldIn, newIn, false, &props)
	}
	forces := func(path string) bool {
		if contains(reasons, topKey(path)) || contains(reasons, path) {
			return true
		}
		for k, v := range detailed {
			if strings.HasSuffix(v.Kind, "-replace") && (k == path || strings.HasPrefix(path, k+".") || strings.HasPrefix(path, k+"[")) {
				return true
			}
		}
		return false
	}
	covered := map[string]bool{}
	for i := range props {
		props[i].ForcesReplacement = forces(props[i].Path)
		covered[props[i].Path] = true
	}
	keys := make([]string, 0, len(detailed))
	for k := range detailed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if coveredBy(covered, k) {
			continue
		}
		kind := strings.TrimSuffix(detailed[k].Kind, "-replace")
		pc := PropertyChange{Path: k, Kind: kind, ForcesReplacement: forces(k)}
		secret := pathSecret(k)
		if v := lookup(oldIn, k); v != nil {
			pc.Old = render(v, secret)
		}
		if v := lookup(newIn, k); v != nil {
			pc.New = render(v, secret)
		}
		props = append(props, pc)
	}
	return props
}

// coveredBy reports whether path or a path below it is already listed.
func coveredBy(covered map[string]bool, path string) bool {
	if covered[path] {
		return true
	}
	for p := range covered {
		if strings.HasPrefix(p, path+".") || strings.HasPrefix(p, path+"[") {
			return true
		}
	}
	return false
}

func pathSecret(path string) bool {
	for _, s := range splitPath(path) {
		if secretKey(s) {
			return true
		}
	}
	return false
}

// previewRegion attributes a step's resource to a region: through its ancestors up
// to a region component, else by the region-prefixed logical name the composition
// gives every child of a region ("japaneast-…"), else by URN and location.
func previewRegion(urn string, parents map[string]string, newIn, oldIn map[string]any) string {
	for cur, hops := parents[urn], 0; cur != "" && hops < 64; hops++ {
		chain := typeChain(cur)
		if len(chain) > 0 && chain[len(chain)-1] == plan.RegionComponentType {
			return urnName(cur)
		}
		cur = parents[cur]
	}
	inRegion := false
	for _, t := range typeChain(urn) {
		if t == plan.RegionComponentType {
			inRegion = true
		}
	}
	if !inRegion {
		return GlobalRegion
	}
	name := urnName(urn)
	if i := strings.IndexByte(name, '-'); i > 0 {
		if _, ok := spec.Regions[name[:i]]; ok {
			return name[:i]
		}
	}
	in := newIn
	if in == nil {
		in = oldIn
	}
	return regionFromURN(urn, in)
}

// plainInputs turns serialized state inputs into the plan's plain form: unknown
// sentinels become plan.UnknownValue and signature objects (secrets, assets) are
// replaced by their masks.
func plainInputs(in map[string]any) map[string]any {
	if in == nil {
		return nil
	}
	out, _ := plainValue(in).(map[string]any)
	return out
}

func plainValue(v any) any {
	switch t := v.(type) {
	case string:
		if sig.IsUnknown(t) {
			return plan.UnknownValue
		}
		return t
	case map[string]any:
		if s, ok := t[sig.Key].(string); ok {
			switch s {
			case sig.Secret:
				return plan.SecretMask
			case sig.AssetSig, sig.ArchiveSig:
				return "[asset]"
			case sig.ResourceReference:
				if u, ok := t["urn"].(string); ok {
					return u
				}
			case sig.OutputValue:
				if _, secret := t["secret"]; secret {
					return plan.SecretMask
				}
				if val, ok := t["value"]; ok {
					return plainValue(val)
				}
				return plan.UnknownValue
			}
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = plainValue(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = plainValue(e)
		}
		return out
	}
	return v
}

// maskLine hides values in a diagnostic line that follow secret-looking keys
// ("password=…", "clientSecret: …").
func maskLine(s string) string {
	fields := strings.Fields(s)
	for i, f := range fields {
		for _, sep := range []string{"=", ":"} {
			if k, v, ok := strings.Cut(f, sep); ok && v != "" && secretKey(k) {
				fields[i] = k + sep + plan.SecretMask
			}
		}
	}
	if len(fields) == 0 {
		return s
	}
	return strings.Join(fields, " ")
}

func typeOfStep(s *PreviewStep) string {
	if s.NewState != nil && s.NewState.Type != "" {
		return string(s.NewState.Type)
	}
	if s.OldState != nil && s.OldState.Type != "" {
		return string(s.OldState.Type)
	}
	chain := typeChain(s.URN)
	if len(chain) == 0 {
		return ""
	}
	return chain[len(chain)-1]
}

// stackOfURN returns the stack of urn:pulumi:<stack>::….
func stackOfURN(urn string) string {
	rest, ok := strings.CutPrefix(urn, "urn:pulumi:")
	if !ok {
		return ""
	}
	stack, _, _ := strings.Cut(rest, "::")
	return stack
}

func topKey(path string) string {
	segs := splitPath(path)
	if len(segs) == 0 {
		return path
	}
	return segs[0]
}

func contains(l []string, s string) bool {
	for _, e := range l {
		if e == s {
			return true
		}
	}
	return false
}

func uniqueSorted(l []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
