package cost

import (
	"fmt"
	"math"
	"sort"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/money"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Item is the monthly estimate of one priced resource.
type Item struct {
	URN    string
	Type   string
	Name   string
	Region string // "global" for resources outside a region subtree
	// MonthlyUSD is the expected average; MaxMonthlyUSD is with every autoscaled
	// pool at its maximum (equal to MonthlyUSD for everything else).
	MonthlyUSD    float64
	MaxMonthlyUSD float64
	// Basis says how the figure was reached (quantities, unit prices, assumptions).
	Basis string
	// Free marks a type priced at zero on purpose (its catalogue entry says why).
	Free bool
}

// NotPriced is a deployed resource the model cannot price, with the reason.
type NotPriced struct {
	URN    string
	Type   string
	Reason string
	// Unknown: an input the price needs is unknown until apply (at preview); the
	// resource can be priced once it is known.
	Unknown bool
}

// Estimate is the monthly cost of a plan.
type Estimate struct {
	Tier          string
	MonthlyUSD    float64
	MaxMonthlyUSD float64
	// Items are every priced resource (free ones included), most expensive first.
	Items     []Item
	NotPriced []NotPriced
	ByRegion  map[string]float64
	ByType    map[string]float64
}

type price struct {
	avg, max float64
	basis    string
}

type rule func(c *calc, r *plan.Resource) (price, error)

// rules are the cost model's price functions, by the name a catalogue entry's
// Price.Rule gives (internal/model/catalog). A type whose entry says Free is priced
// at zero with the entry's reason; a type without an entry is "not priced".
var rules = map[string]rule{
	"managedCluster":         (*calc).managedCluster,
	"agentPool":              (*calc).agentPool,
	"publicIP":               (*calc).publicIP,
	"publicIPPrefix":         (*calc).publicIPPrefix,
	"natGateway":             (*calc).natGateway,
	"peering":                (*calc).peering,
	"privateEndpoint":        (*calc).privateEndpoint,
	"trafficManager":         (*calc).trafficManager,
	"trafficManagerEndpoint": (*calc).trafficManagerEndpoint,
	"dnsZone":                (*calc).dnsZone,
	"privateDNSZone":         (*calc).privateDNSZone,
	"frontDoor":              (*calc).frontDoor,
	"storageAccount":         (*calc).storageAccount,
	"keyVault":               (*calc).keyVault,
	"registry":               (*calc).registry,
	"replication":            (*calc).replication,
	"workspace":              (*calc).workspace,
	"cosmosAccount":          (*calc).cosmosAccount,
}

// RuleNames returns the names of the cost model's price functions, sorted.
func RuleNames() []string {
	out := make([]string, 0, len(rules))
	for k := range rules {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PricedTypes returns the catalogue's types the cost model prices with a rule and
// those it prices at zero on purpose.
func PricedTypes() (priced, free []string) {
	priced = catalog.Types(func(e *catalog.Entry) bool { return e.Price.Rule != "" })
	free = catalog.Types(func(e *catalog.Entry) bool { return e.Price.IsFree() })
	return priced, free
}

type calc struct {
	t    *PriceTable
	a    Assumptions
	idx  map[string]*plan.Resource
	logs map[string]*logSources // workspace URN -> what sends logs to it
}

type logSources struct{ clusters, settings int }

// Compute prices every deployed (custom) resource of a plan for a tier's usage
// assumptions. Resources it cannot price are listed in NotPriced, never counted as 0.
func Compute(p *plan.Plan, t *PriceTable, tier string) (*Estimate, error) {
	a, ok := t.Assumptions[tier]
	if !ok {
		return nil, fmt.Errorf("cost: no usage assumptions for tier %q (have dev, staging, prod)", tier)
	}
	c := &calc{t: t, a: a, idx: p.Index(), logs: map[string]*logSources{}}
	c.attributeLogs(p)
	e := &Estimate{Tier: tier, ByRegion: map[string]float64{}, ByType: map[string]float64{}}
	for i := range p.Resources {
		r := &p.Resources[i]
		if !r.Custom {
			continue // components group resources; they are not deployed objects
		}
		region := r.Region
		if region == "" {
			region = "global"
		}
		// An explicit API version in the token does not change the price; a generic
		// resource is priced as the ARM type it declares (catalog.Resolve).
		typ := r.CatalogType()
		item := Item{URN: r.URN, Type: typ, Name: r.Name, Region: region}
		var price catalog.Price
		if entry, ok := catalog.Lookup(typ); ok {
			price = entry.Price
		}
		if price.IsFree() {
			item.Free, item.Basis = true, "free: "+price.FreeReason
		} else if f, ok := rules[price.Rule]; ok {
			pr, err := f(c, r)
			if err != nil {
				reason, unknown, ok := isNotPriced(err)
				if !ok {
					return nil, fmt.Errorf("pricing %s: %w", r.URN, err)
				}
				e.NotPriced = append(e.NotPriced, NotPriced{URN: r.URN, Type: r.Type, Reason: reason, Unknown: unknown})
				continue
			}
			item.MonthlyUSD, item.MaxMonthlyUSD, item.Basis = pr.avg, math.Max(pr.max, pr.avg), pr.basis
		} else {
			e.NotPriced = append(e.NotPriced, NotPriced{URN: r.URN, Type: r.Type, Reason: "no price rule for this type"})
			continue
		}
		e.Items = append(e.Items, item)
		e.MonthlyUSD += item.MonthlyUSD
		e.MaxMonthlyUSD += item.MaxMonthlyUSD
		e.ByRegion[region] += item.MonthlyUSD
		e.ByType[typ] += item.MonthlyUSD
	}
	sort.SliceStable(e.Items, func(i, j int) bool {
		if e.Items[i].MonthlyUSD != e.Items[j].MonthlyUSD {
			return e.Items[i].MonthlyUSD > e.Items[j].MonthlyUSD
		}
		return e.Items[i].URN < e.Items[j].URN
	})
	sort.Slice(e.NotPriced, func(i, j int) bool { return e.NotPriced[i].URN < e.NotPriced[j].URN })
	return e, nil
}

// Fill writes the estimate into the plan's cost section, keeping the topN items.
func (e *Estimate) Fill(c *plan.Cost, t *PriceTable, topN int) {
	c.MonthlyUSD = cents(e.MonthlyUSD)
	c.MaxMonthlyUSD = cents(e.MaxMonthlyUSD)
	c.ByResource = make(map[string]float64, len(e.Items))
	for _, it := range e.Items {
		c.ByResource[it.URN] = cents(it.MonthlyUSD)
	}
	c.ByRegion = map[string]float64{}
	for k, v := range e.ByRegion {
		c.ByRegion[k] = cents(v)
	}
	c.NotPriced = nil
	c.NotPricedReasons = nil
	c.NotPricedUnknown = nil
	for _, np := range e.NotPriced {
		c.NotPriced = append(c.NotPriced, np.URN)
		if np.Unknown {
			c.NotPricedUnknown = append(c.NotPricedUnknown, np.URN)
		}
		if c.NotPricedReasons == nil {
			c.NotPricedReasons = map[string]string{}
		}
		c.NotPricedReasons[np.URN] = np.Type + ": " + np.Reason
	}
	c.TopItems = nil
	for _, it := range e.Items {
		if len(c.TopItems) == topN || it.MonthlyUSD <= 0 {
			break
		}
		c.TopItems = append(c.TopItems, plan.CostItem{
			URN: it.URN, Type: it.Type, Region: it.Region,
			MonthlyUSD: cents(it.MonthlyUSD), MaxMonthlyUSD: cents(it.MaxMonthlyUSD), Basis: it.Basis,
		})
	}
	c.Tier = e.Tier
	c.PriceSource = t.Source
	c.PricesAsOf = t.AsOf
}

func cents(v float64) float64 { return math.Round(v*100) / 100 }

// attributeLogs counts, per Log Analytics workspace, the clusters and diagnostic
// settings that send to it (found through their dependencies on the workspace).
func (c *calc) attributeLogs(p *plan.Plan) {
	for i := range p.Resources {
		r := &p.Resources[i]
		var cluster bool
		switch catalog.BaseType(r.Type) {
		case "azure-native:containerservice:ManagedCluster":
			cluster = true
		case "azure-native:insights:DiagnosticSetting":
		default:
			continue
		}
		for _, u := range dependencyURNs(r) {
			d := c.idx[u]
			if d == nil || catalog.BaseType(d.Type) != "azure-native:operationalinsights:Workspace" {
				continue
			}
			ls := c.logs[u]
			if ls == nil {
				ls = &logSources{}
				c.logs[u] = ls
			}
			if cluster {
				ls.clusters++
			} else {
				ls.settings++
			}
		}
	}
}

func (c *calc) hours() float64 { return c.t.HoursPerMonth }
func (c *calc) days() float64  { return c.t.HoursPerMonth / 24 }

// location returns the resource's Azure location: its location input, else the
// region subtree it belongs to.
func (c *calc) location(r *plan.Resource) (string, error) {
	loc, err := optString(r.Inputs, "location")
	if err != nil {
		return "", err
	}
	if loc != "" {
		return spec.NormalizeRegion(loc), nil
	}
	if r.Region != "" {
		return r.Region, nil
	}
	return "", notPricedf("location is not set and the resource is outside a region")
}

// usd is the platform's money format (money.USD), used in every basis.
var usd = money.USD

func fixed(monthly float64, basis string) price {
	return price{avg: monthly, max: monthly, basis: basis}
}
