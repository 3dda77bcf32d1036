package plan

import "github.com/gameplatform/platform/internal/model/catalog"

// SchemaVersion is the version of the plan JSON contract.
const SchemaVersion = 1

// Plan is the offline plan of one stack: every resource the program registers, with
// policy results, cost and deployment-time estimates. Its JSON form is a contract
// (see DESIGN.md): other tools (policy check, review) read it.
type Plan struct {
	SchemaVersion int    `json:"schemaVersion"`
	Project       string `json:"project"`
	Stack         string `json:"stack"`
	// Mode is how the program was evaluated: ModePreview (a fresh stack's preview,
	// values Azure computes unknown) or ModeApplied; empty in plans from elsewhere.
	Mode          Mode           `json:"mode,omitempty"`
	Resources     []Resource     `json:"resources"`
	PolicyResults []PolicyResult `json:"policyResults"`
	// PolicyDeferred are checks a policy cannot decide before apply, because a value
	// it needs is unknown at preview; they are not violations: the same policy decides
	// them under `pulumi up`, when the values are known.
	PolicyDeferred []PolicyResult `json:"policyDeferred,omitempty"`
	Cost           Cost           `json:"cost"`
	Deploy         Deploy         `json:"deploy"`
	// Quota is what the plan needs of the subscription's per-region quotas at every
	// pool's maximum (internal/offline/quota); absent in plans from elsewhere.
	Quota   *Quota  `json:"quota,omitempty"`
	Summary Summary `json:"summary"`
}

// Resource is one registration as the engine would see it.
type Resource struct {
	URN    string `json:"urn"`
	Type   string `json:"type"`
	Name   string `json:"name"`
	Parent string `json:"parent"`
	// Region is the region subtree the resource belongs to; empty for global ones.
	Region string `json:"region"`
	Custom bool   `json:"custom"`
	// Inputs are the registered inputs under the provider's property names. Secret
	// values are replaced by SecretMask.
	Inputs         map[string]any `json:"inputs"`
	Dependencies   []string       `json:"dependencies"`
	Protect        bool           `json:"protect"`
	RetainOnDelete bool           `json:"retainOnDelete"`
	// IgnoreChanges are the inputs whose changes the engine ignores after creation
	// (the resource option); DeleteBeforeReplace says a replacement deletes the old
	// resource before creating the new one (a name it must keep, e.g. a node pool).
	IgnoreChanges       []string `json:"ignoreChanges,omitempty"`
	DeleteBeforeReplace bool     `json:"deleteBeforeReplace,omitempty"`
	// PropertyDependencies maps an input to the URNs its value came from.
	PropertyDependencies map[string][]string `json:"propertyDependencies,omitempty"`
}

// SecretMask replaces every secret value in plan output.
const SecretMask = "[secret]"

// UnknownValue stands for an input whose value is not known until apply: Pulumi's
// unknown sentinel, as `pulumi preview --json` writes it.
const UnknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

// UnknownLabel is how an unknown value is shown to people; plans written before the
// sentinel was adopted also used it in their inputs.
const UnknownLabel = "[unknown]"

// IsUnknown reports whether v is an unknown value (the sentinel or UnknownLabel).
func IsUnknown(v any) bool {
	s, ok := v.(string)
	return ok && (s == UnknownValue || s == UnknownLabel)
}

// PolicyResult is one policy violation.
type PolicyResult struct {
	Pack             string `json:"pack"`
	Policy           string `json:"policy"`
	EnforcementLevel string `json:"enforcementLevel"`
	URN              string `json:"urn"`
	Message          string `json:"message"`
}

// Cost is the monthly cost estimate (internal/offline/cost): monthlyUSD is the expected
// average, byResource holds every priced resource (free ones at 0); a resource the
// model cannot price is listed in notPriced with its reason, never counted as 0.
type Cost struct {
	MonthlyUSD float64            `json:"monthlyUSD"`
	ByResource map[string]float64 `json:"byResource"`
	// Extra fields may be added by the cost model (kept backwards compatible).
	MaxMonthlyUSD    float64           `json:"maxMonthlyUSD,omitempty"`
	NotPriced        []string          `json:"notPriced,omitempty"`
	NotPricedReasons map[string]string `json:"notPricedReasons,omitempty"`
	// NotPricedUnknown are the notPriced URNs that only lack a value unknown until
	// apply (a preview); they can be priced once it is known.
	NotPricedUnknown []string `json:"notPricedUnknown,omitempty"`
	// BudgetMonthlyUSD is the environment's budget from its spec.
	BudgetMonthlyUSD float64            `json:"budgetMonthlyUSD,omitempty"`
	ByRegion         map[string]float64 `json:"byRegion,omitempty"`
	TopItems         []CostItem         `json:"topItems,omitempty"`
	// Tier selects the usage assumptions the estimate used.
	Tier        string `json:"tier,omitempty"`
	PriceSource string `json:"priceSource,omitempty"`
	PricesAsOf  string `json:"pricesAsOf,omitempty"`
}

// CostItem is one resource's monthly estimate with how it was reached.
type CostItem struct {
	URN           string  `json:"urn"`
	Type          string  `json:"type"`
	Region        string  `json:"region"`
	MonthlyUSD    float64 `json:"monthlyUSD"`
	MaxMonthlyUSD float64 `json:"maxMonthlyUSD"`
	Basis         string  `json:"basis"`
}

// Deploy is the deployment-time estimate of a fresh `pulumi up` (internal/offline/deploytime):
// the longest chain of resource operations under the engine's parallelism.
type Deploy struct {
	CriticalPathSeconds float64  `json:"criticalPathSeconds"`
	CriticalPath        []string `json:"criticalPath"`
	// Parallelism is the engine parallelism the estimate assumed.
	Parallelism int `json:"parallelism,omitempty"`
	// UnboundedSeconds is the critical path with unlimited parallelism (the floor).
	UnboundedSeconds float64 `json:"unboundedSeconds,omitempty"`
	// SuggestedParallelism is the smallest parallelism within 5% of the floor.
	SuggestedParallelism int `json:"suggestedParallelism,omitempty"`
	// Dominant are the (up to three) longest operations on the critical path.
	Dominant []DeployStep `json:"dominant,omitempty"`
	// Steps detail the critical path: when each operation starts and what it waited for.
	Steps []DeployStep `json:"criticalPathSteps,omitempty"`
	// DefaultedTypes have no entry in the duration table and used its default.
	DefaultedTypes []string `json:"defaultedTypes,omitempty"`
}

// DeployStep is one operation on the critical path.
type DeployStep struct {
	URN          string  `json:"urn"`
	Type         string  `json:"type"`
	StartSeconds float64 `json:"startSeconds"`
	Seconds      float64 `json:"seconds"`
	// WaitedFor says what the operation's start waited for: "dependency",
	// "cluster" (AKS one operation per cluster), "slot" (engine parallelism) or "".
	WaitedFor string `json:"waitedFor,omitempty"`
}

// Summary counts resources.
type Summary struct {
	Resources int            `json:"resources"`
	ByType    map[string]int `json:"byType"`
	ByRegion  map[string]int `json:"byRegion,omitempty"`
}

// Index returns the resources keyed by URN.
func (p *Plan) Index() map[string]*Resource {
	m := make(map[string]*Resource, len(p.Resources))
	for i := range p.Resources {
		m[p.Resources[i].URN] = &p.Resources[i]
	}
	return m
}

// Quota is the plan's quota report: per region, what must be granted before
// `pulumi up` can create everything and the autoscalers reach their maximum.
type Quota struct {
	Regions []RegionQuota `json:"regions"`
	// Requests lists, in words, every quota that is above Azure's default and must
	// be requested (per region and quota); empty when none is known to be.
	Requests []string `json:"requests"`
	// Notes explain the figures' basis and sources.
	Notes []string `json:"notes"`
}

// RegionQuota is one region's quota needs.
type RegionQuota struct {
	Region string `json:"region"`
	// VCPUByFamily is the vCPU each VM family needs at every pool's maximum;
	// TotalVCPU is their sum (Azure's "Total Regional vCPUs" quota).
	VCPUByFamily map[string]int `json:"vcpuByFamily"`
	TotalVCPU    int            `json:"totalVcpu"`
	// StandardPublicIPs counts Standard public IP addresses: standalone ones and one
	// per game node at its pool's maximum when the nodes draw from no prefix.
	StandardPublicIPs int `json:"standardPublicIps"`
	// PublicIPPrefixes counts public IP prefixes (derived from custom prefixes).
	PublicIPPrefixes int `json:"publicIpPrefixes"`
}

// CatalogType is the resource's key in the resource-type catalogue: its base type,
// or for azure-native's generic resource the ARM type its inputs name
// (catalog.Resolve).
func (r *Resource) CatalogType() string { return catalog.Resolve(r.Type, r.Inputs) }
