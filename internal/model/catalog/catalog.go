package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Entry is what the platform knows about one resource type.
type Entry struct {
	// Type is the base type token (no API version): "azure-native:storage:StorageAccount".
	Type string
	// Display is the short name messages, tables and the review use; empty means the
	// token without its "azure-native:" prefix ("storage:StorageAccount").
	Display string
	// Stateful types lose data or player-facing identity when deleted or replaced;
	// they must be protected in prod (policy protect-stateful).
	Stateful bool
	// Taggable types take Azure tags: one without a tags input violates
	// required-tags. Only Azure types can be taggable.
	Taggable bool
	// Placement says which location the type's location input must have.
	Placement Placement
	// Diagnostics is set for the types that emit Azure Monitor resource logs: each
	// needs a diagnostic setting that sends all of them (policy diagnostic-settings).
	Diagnostics *Diagnostics
	// NameInput is the input holding the resource's Azure name, for types the
	// generic guess gets wrong (nested resources whose inputs also name their parent)
	// and for every type the naming convention covers.
	NameInput string
	// Naming is the platform naming convention the type's names follow (policy
	// naming-convention); NameUnchecked types are not judged.
	Naming NameStyle
	// Mock is how the offline plan's mock monitor answers for the type.
	Mock Mock
	// Price says how the cost model prices the type.
	Price Price
	// Create, Update and Delete are the typical durations of the operations (deploy
	// time model). Update and Delete default to Create (an upper bound).
	Create, Update, Delete Duration
	// ReplaceOn are input paths (dotted, array indexes dropped) whose change forces a
	// new resource, beyond what every type shares (location, ID-segment "…Name"
	// inputs); see the review's replacement inference.
	ReplaceOn []string
	// Danger, when set, is how the review describes the type when a change replaces
	// or deletes one: "storage account (builds, patches, assets)". Such a change is
	// called out first and blocks the review unless allowed.
	Danger string
}

// Placement is where a type's resources live.
type Placement int

// The placements.
const (
	// NoLocation types take no location input of their own: child resources, role
	// assignments, diagnostic settings, Kubernetes objects, providers.
	NoLocation Placement = iota
	// Regional resources belong to a region's stamp and sit in that region.
	Regional
	// EnvironmentPrimary resources are environment-wide (one per environment) and sit
	// in the environment's primary region, its first; inside a region's stamp, in
	// that region.
	EnvironmentPrimary
	// AnyRegion resources are environment-wide but each serves one of the
	// environment's regions (a registry replica, a region's workload identity), so
	// any region of the environment is right; inside a region's stamp, that region.
	AnyRegion
	// Global resources have the location "global" (Front Door, Traffic Manager, DNS).
	Global
)

func (p Placement) String() string {
	switch p {
	case Regional:
		return "regional"
	case EnvironmentPrimary:
		return "environment-wide, primary region"
	case AnyRegion:
		return "environment-wide, any region of the environment"
	case Global:
		return "global"
	}
	return "no location"
}

// Diagnostics are the resource log categories a type emits.
type Diagnostics struct {
	// Sub is the sub-resource that emits the logs when it is not the resource itself
	// ("/blobServices/default" for a storage account's blob logs).
	Sub string
	// Categories are the log categories Azure documents for the type.
	Categories []string
}

// NameStyle is a naming convention of Azure names.
type NameStyle int

// The naming conventions.
const (
	// NameUnchecked types' names are not judged by the naming convention.
	NameUnchecked NameStyle = iota
	// NameHyphenated names are lowercase letters, digits and hyphens.
	NameHyphenated
	// NameCompact names are lowercase letters and digits only (Azure's rule for
	// storage accounts, registries, WAF policies).
	NameCompact
)

// Mock is how the offline plan's mock monitor answers a registration of the type.
type Mock struct {
	// Outputs returns the provider-computed outputs (beyond the inputs) the program
	// reads, as fixed placeholders of the right shape so plans are deterministic.
	// inputs and the result are plain values (maps, slices, strings, numbers, bools);
	// values the mock cannot see (unknown, secret) pass through opaque.
	Outputs func(name string, inputs map[string]any) map[string]any
}

// Price is how the cost model prices a type: by a rule of the cost model, or at zero
// for a stated reason.
type Price struct {
	// Rule names the cost model's price function ("storageAccount").
	Rule string
	// FreeReason says why the type is priced at zero.
	FreeReason string
}

// PriceRule prices a type with the cost model's named rule.
func PriceRule(name string) Price { return Price{Rule: name} }

// Free prices a type at zero, for the reason given.
func Free(reason string) Price { return Price{FreeReason: reason} }

// IsFree reports whether the type is priced at zero on purpose.
func (p Price) IsFree() bool { return p.FreeReason != "" }

// Set reports whether the price says anything.
func (p Price) Set() bool { return p.Rule != "" || p.FreeReason != "" }

// Duration is a typical operation time with its range and basis.
type Duration struct {
	Seconds float64
	Range   string
	Basis   string
}

// DurationsSource and DurationsAsOf describe the durations of every entry.
const (
	DurationsSource = "Typical create times of a fresh deployment in one subscription, as documented by Azure (quickstarts and service docs give ranges such as 'a few minutes') and as commonly observed in ARM deployment logs; each entry states its basis. They are planning figures, not guarantees: ARM queueing, quota checks and regional load move them."
	DurationsAsOf   = "2025-06-01"
)

// DefaultDuration is the create duration of a type the catalogue does not time.
var DefaultDuration = Duration{Seconds: 30, Range: "10 s - 1 min", Basis: "a typical ARM PUT of a small resource including the provider's polling"}

// UpdateDuration is the entry's update duration (its create duration unless set).
func (e *Entry) UpdateDuration() Duration {
	if e.Update.Seconds > 0 {
		return e.Update
	}
	return e.Create
}

// DeleteDuration is the entry's delete duration (its create duration unless set).
func (e *Entry) DeleteDuration() Duration {
	if e.Delete.Seconds > 0 {
		return e.Delete
	}
	return e.Create
}

// Provider is the package of the type token: "azure-native", "kubernetes", or for
// a provider resource ("pulumi:providers:kubernetes") "pulumi".
func (e *Entry) Provider() string { return Provider(e.Type) }

// Azure reports whether the type is an Azure resource (an azure-native type): only
// those take Azure locations, tags and diagnostic settings.
func (e *Entry) Azure() bool { return IsAzure(e.Type) }

// Provider returns the package of a type token (the part before the first colon).
func Provider(token string) string {
	p, _, _ := strings.Cut(token, ":")
	return p
}

// IsAzure reports whether a type token is an azure-native resource type.
func IsAzure(token string) bool { return Provider(token) == "azure-native" }

// IsProvider reports whether a type token is a Pulumi provider resource.
func IsProvider(token string) bool { return strings.HasPrefix(token, "pulumi:providers:") }

var byType = func() map[string]*Entry {
	all := append(append(append([]Entry{}, azureEntries...), cosmosEntries...), kubernetesEntries...)
	m := make(map[string]*Entry, len(all))
	for i := range all {
		e := &all[i]
		if _, dup := m[e.Type]; dup {
			panic("internal error: catalogue: duplicate entry " + e.Type)
		}
		if BaseType(e.Type) != e.Type {
			panic("internal error: catalogue: entry " + e.Type + " is not a base type token")
		}
		if e.Display == "" {
			e.Display = strings.TrimPrefix(e.Type, "azure-native:")
		}
		m[e.Type] = e
	}
	return m
}()

// Lookup returns the entry of a type token, with or without an API version.
func Lookup(token string) (*Entry, bool) {
	e, ok := byType[BaseType(token)]
	return e, ok
}

// Entries returns every entry, sorted by type.
func Entries() []*Entry {
	out := make([]*Entry, 0, len(byType))
	for _, e := range byType {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// Types returns the base type tokens of the entries for which keep is true, sorted.
func Types(keep func(*Entry) bool) []string {
	var out []string
	for _, e := range Entries() {
		if keep(e) {
			out = append(out, e.Type)
		}
	}
	return out
}

// Display returns the short name of a type token: the entry's display name; for a
// component of the platform ("gameplatform:network:Network") its package
// ("network"); otherwise the base token without an "azure-native:" prefix.
func Display(token string) string {
	if e, ok := Lookup(token); ok {
		return e.Display
	}
	parts := strings.Split(token, ":")
	if len(parts) == 3 && parts[0] == "gameplatform" {
		return parts[1]
	}
	return strings.TrimPrefix(BaseType(token), "azure-native:")
}

// BaseType drops an explicit API version from an azure-native type token, so
// "azure-native:containerservice/v20240801:ManagedCluster" and
// "azure-native:containerservice:ManagedCluster" name the same Azure resource type.
// Other providers' tokens are returned unchanged: in "kubernetes:core/v1:Namespace"
// the version is part of the Kubernetes type.
func BaseType(token string) string {
	if !IsAzure(token) {
		return token
	}
	first := strings.IndexByte(token, ':')
	last := strings.LastIndexByte(token, ':')
	if first < 0 || last <= first {
		return token
	}
	module := token[first+1 : last]
	slash := strings.IndexByte(module, '/')
	if slash < 0 || !strings.HasPrefix(module[slash+1:], "v") {
		return token
	}
	return token[:first+1] + module[:slash] + token[last:]
}

// Check returns the problems of an entry that a registered type must not have: no
// price, no create duration.
func (e *Entry) Check() error {
	var missing []string
	if !e.Price.Set() {
		missing = append(missing, "a price (Price: PriceRule(…) or Free(\"reason\"))")
	}
	if e.Create.Seconds <= 0 || e.Create.Basis == "" {
		missing = append(missing, "a create duration with its basis")
	}
	var problems []string
	if len(missing) > 0 {
		problems = append(problems, "needs "+strings.Join(missing, " and "))
	}
	if !e.Azure() && (e.Taggable || e.Diagnostics != nil || e.Placement != NoLocation) {
		problems = append(problems, "is not an Azure type, so it takes no Azure-only facts (Taggable, Diagnostics, Placement)")
	}
	if len(problems) > 0 {
		return fmt.Errorf("catalogue entry %s %s", e.Type, strings.Join(problems, "; "))
	}
	return nil
}
