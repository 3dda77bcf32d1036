package review

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Op is what happens to one resource.
type Op string

// The operations a review reports (a preview's create-replacement/delete-replaced
// pairs fold into OpReplace).
const (
	OpCreate  Op = "create"
	OpUpdate  Op = "update"
	OpReplace Op = "replace"
	OpDelete  Op = "delete"
)

// opOrder sorts operations within a group: the most consequential first.
var opOrder = map[Op]int{OpDelete: 0, OpReplace: 1, OpUpdate: 2, OpCreate: 3}

// Source says where a review's changes came from.
type Source string

// Sources of a review.
const (
	// SourcePlans is two offline plans (base vs head); replacement is inferred.
	SourcePlans Source = "offline-plans"
	// SourcePreview is `pulumi preview --json`; the engine decided every step.
	SourcePreview Source = "pulumi-preview"
)

// GlobalRegion labels resources that belong to no region.
const GlobalRegion = "global"

// Review is one environment's proposed change, ready to render.
type Review struct {
	Env    string `json:"env"`
	Source Source `json:"source"`
	// Base and Head describe the inputs (file names), for the footer.
	Base string `json:"base,omitempty"`
	Head string `json:"head,omitempty"`

	Counts  Counts   `json:"counts"`
	Changes []Change `json:"changes"`

	Policy PolicyDiff      `json:"policy"`
	Cost   *CostDelta      `json:"cost,omitempty"`
	Deploy *DeployEstimate `json:"deploy,omitempty"`
	// Diagnostics are a preview's warnings and errors.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`

	// AllowDestructive records that dangerous changes were explicitly allowed.
	AllowDestructive bool `json:"allowDestructive"`
	// Blocked lists why the check must not pass (empty when it may).
	Blocked []string `json:"blocked"`
	// Warnings are doubts about the review's inputs (e.g. a preview and plans of
	// different changes); they do not fail the check but head the comment.
	Warnings []string `json:"warnings,omitempty"`
}

// Counts are the number of cloud resources per operation (component resources,
// which deploy nothing, and providers are not counted).
type Counts struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	Same    int `json:"same"`
}

// Total is the number of changed resources.
func (c Counts) Total() int { return c.Create + c.Update + c.Replace + c.Delete }

// Change is what happens to one resource.
type Change struct {
	Op   Op     `json:"op"`
	URN  string `json:"urn"`
	Type string `json:"type"`
	// Kind is, for azure-native's generic resource, the catalogue key of the ARM type
	// it declares (catalog.Resolve); empty for every other type.
	Kind      string `json:"kind,omitempty"`
	Name      string `json:"name"`
	Region    string `json:"region"`
	Component string `json:"component"`
	Protect   bool   `json:"protect,omitempty"`
	// RetainOnDelete resources are left in Azure when Pulumi deletes them.
	RetainOnDelete bool `json:"retainOnDelete,omitempty"`
	// Danger is set for replacements and deletions of stateful or player-facing
	// resources, and of protected ones; DangerReason says which.
	Danger       bool   `json:"danger,omitempty"`
	DangerReason string `json:"dangerReason,omitempty"`
	// ReplaceReasons are the input paths that force the replacement, with why.
	ReplaceReasons []string `json:"replaceReasons,omitempty"`
	// ReplaceInferred is true when the replacement was inferred offline.
	ReplaceInferred bool             `json:"replaceInferred,omitempty"`
	Properties      []PropertyChange `json:"properties,omitempty"`
	// RenamedFrom / RenamedTo pair a deletion and a creation of the same Azure
	// resource under another logical name (same type, same ARM ID inputs): without
	// pulumi.Aliases, Pulumi deletes and re-creates it.
	RenamedFrom string `json:"renamedFrom,omitempty"`
	RenamedTo   string `json:"renamedTo,omitempty"`
}

// PropertyChange is one changed input. Values are rendered (JSON-like, shortened)
// and masked when secret.
type PropertyChange struct {
	Path string `json:"path"`
	// Kind is add, delete or update.
	Kind              string `json:"kind"`
	Old               string `json:"old,omitempty"`
	New               string `json:"new,omitempty"`
	ForcesReplacement bool   `json:"forcesReplacement,omitempty"`
	// Grant marks what a new resource grants (a role assignment's role, scope and
	// principal; a security rule): always shown in full, never folded away.
	Grant bool `json:"grant,omitempty"`
	// Key marks a workload's key input (the Agones chart version, the fleet's image,
	// its standby and replica bounds): always shown, first.
	Key bool `json:"key,omitempty"`
}

// PolicyDiff compares policy results of base and head.
type PolicyDiff struct {
	// Evaluated is false when the input carries no policy results (a bare preview).
	Evaluated bool                `json:"evaluated"`
	New       []plan.PolicyResult `json:"new"`
	Existing  []plan.PolicyResult `json:"existing"`
	Resolved  []plan.PolicyResult `json:"resolved"`
}

// NewMandatory counts new violations of mandatory policies.
func (p PolicyDiff) NewMandatory() int {
	n := 0
	for _, r := range p.New {
		if r.EnforcementLevel == "mandatory" {
			n++
		}
	}
	return n
}

// CostDelta is the monthly cost before and after.
type CostDelta struct {
	BeforeUSD float64 `json:"beforeUSD"`
	AfterUSD  float64 `json:"afterUSD"`
	DeltaUSD  float64 `json:"deltaUSD"`
	// Movers are the resources whose cost changes most, largest first.
	Movers []CostMover `json:"movers,omitempty"`
}

// CostMover is one resource's cost change.
type CostMover struct {
	URN       string  `json:"urn"`
	Name      string  `json:"name"`
	Type      string  `json:"type"`
	BeforeUSD float64 `json:"beforeUSD"`
	AfterUSD  float64 `json:"afterUSD"`
}

// DeployEstimate is the deploy-time model applied to the change, and its figures
// for a fresh `pulumi up` of each side.
type DeployEstimate struct {
	// ChangeSeconds is the modelled critical path of applying this change: what it
	// creates, replaces or updates (updates at create durations, an upper bound;
	// deletions not modelled) at Parallelism. ChangeModelled is false when the model
	// could not run.
	ChangeSeconds    float64 `json:"changeSeconds"`
	ChangeOperations int     `json:"changeOperations"`
	ChangeModelled   bool    `json:"changeModelled"`
	Parallelism      int     `json:"parallelism"`
	// BaseSeconds and HeadSeconds are the plans' fresh-deployment critical paths
	// (zero when a side has no plan or no estimate).
	BaseSeconds float64 `json:"baseSeconds"`
	HeadSeconds float64 `json:"headSeconds"`
	// ChangedOnPath counts changed resources on head's fresh-deployment critical path.
	ChangedOnPath int `json:"changedOnPath"`
}

// Diagnostic is a warning or error a preview reported.
type Diagnostic struct {
	Severity string `json:"severity"`
	URN      string `json:"urn,omitempty"`
	Message  string `json:"message"`
}

// Dangerous returns the dangerous changes.
func (r *Review) Dangerous() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Danger {
			out = append(out, c)
		}
	}
	return out
}

// DangerTypes returns the type tokens treated as dangerous to replace or delete:
// stateful or player-facing, so replacing or deleting one loses data, addresses
// players connect to, or the game's front door (the catalogue's Entry.Danger).
func DangerTypes() []string {
	return catalog.Types(func(e *catalog.Entry) bool { return e.Danger != "" })
}

// classifyDanger sets Danger on replacements and deletions of dangerous types and of
// protected resources.
func classifyDanger(c *Change) {
	if c.Op != OpReplace && c.Op != OpDelete {
		return
	}
	var why []string
	if e, ok := catalog.Lookup(c.CatalogType()); ok && e.Danger != "" {
		why = append(why, e.Danger)
	}
	if c.Protect {
		why = append(why, "protected: pulumi up refuses until protect is lifted")
	}
	if c.RetainOnDelete && c.Op == OpDelete {
		why = append(why, "retained in Azure (only removed from the stack)")
	}
	if len(why) > 0 {
		c.Danger = true
		c.DangerReason = strings.Join(why, "; ")
	}
}

// finish sorts changes, counts them and decides whether the review blocks.
func (r *Review) finish(allowDestructive bool) {
	for i := range r.Changes {
		classifyDanger(&r.Changes[i])
	}
	sort.SliceStable(r.Changes, func(i, j int) bool {
		a, b := r.Changes[i], r.Changes[j]
		if a.Region != b.Region {
			return regionLess(a.Region, b.Region)
		}
		if a.Component != b.Component {
			return a.Component < b.Component
		}
		if a.Op != b.Op {
			return opOrder[a.Op] < opOrder[b.Op]
		}
		return a.URN < b.URN
	})
	same := r.Counts.Same
	r.Counts = Counts{Same: same}
	for _, c := range r.Changes {
		switch c.Op {
		case OpCreate:
			r.Counts.Create++
		case OpUpdate:
			r.Counts.Update++
		case OpReplace:
			r.Counts.Replace++
		case OpDelete:
			r.Counts.Delete++
		}
	}
	r.AllowDestructive = allowDestructive
	r.Blocked = []string{}
	if n := len(r.Dangerous()); n > 0 && !allowDestructive {
		r.Blocked = append(r.Blocked, plural(n, "stateful or player-facing resource")+" replaced or deleted (allow with the `allow-destructive` label or --allow-destructive)")
	}
	if n := r.Policy.NewMandatory(); n > 0 {
		r.Blocked = append(r.Blocked, plural(n, "new mandatory policy violation"))
	}
	errs := 0
	for _, d := range r.Diagnostics {
		if d.Severity == "error" {
			errs++
		}
	}
	if errs > 0 {
		r.Blocked = append(r.Blocked, "the preview reported "+plural(errs, "error")+" (see Diagnostics)")
	}
	if r.Changes == nil {
		r.Changes = []Change{}
	}
}

// regionLess orders global first, then regions by name.
func regionLess(a, b string) bool {
	if (a == GlobalRegion) != (b == GlobalRegion) {
		return a == GlobalRegion
	}
	return a < b
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return itoa(n) + " " + what + "s"
}

// CatalogType is the change's key in the resource-type catalogue: Kind for a
// generic resource, else its type.
func (c *Change) CatalogType() string {
	if c.Kind != "" {
		return c.Kind
	}
	return catalog.BaseType(c.Type)
}
