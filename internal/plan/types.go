package plan

// SchemaVersion is the version of the plan JSON contract.
const SchemaVersion = 1

// Plan is the offline plan of one stack: every resource the program registers, with
// policy results, cost and deployment-time estimates. Its JSON form is a contract
// (see DESIGN.md): other tools (policy check, review) read it.
type Plan struct {
	SchemaVersion int            `json:"schemaVersion"`
	Project       string         `json:"project"`
	Stack         string         `json:"stack"`
	Resources     []Resource     `json:"resources"`
	PolicyResults []PolicyResult `json:"policyResults"`
	Cost          Cost           `json:"cost"`
	Deploy        Deploy         `json:"deploy"`
	Summary       Summary        `json:"summary"`
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
	// PropertyDependencies maps an input to the URNs its value came from.
	PropertyDependencies map[string][]string `json:"propertyDependencies,omitempty"`
}

// SecretMask replaces every secret value in plan output.
const SecretMask = "[secret]"

// UnknownValue stands for an input whose value is not known until apply.
const UnknownValue = "[unknown]"

// PolicyResult is one policy violation.
type PolicyResult struct {
	Pack             string `json:"pack"`
	Policy           string `json:"policy"`
	EnforcementLevel string `json:"enforcementLevel"`
	URN              string `json:"urn"`
	Message          string `json:"message"`
}

// Cost is the monthly cost estimate.
type Cost struct {
	MonthlyUSD float64            `json:"monthlyUSD"`
	ByResource map[string]float64 `json:"byResource"`
	// Extra fields may be added by the cost model (kept backwards compatible).
	MaxMonthlyUSD float64  `json:"maxMonthlyUSD,omitempty"`
	NotPriced     []string `json:"notPriced,omitempty"`
}

// Deploy is the deployment-time estimate of a fresh `pulumi up`.
type Deploy struct {
	CriticalPathSeconds float64  `json:"criticalPathSeconds"`
	CriticalPath        []string `json:"criticalPath"`
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
