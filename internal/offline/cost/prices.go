package cost

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"github.com/gameplatform/platform/internal/model/tier"
	"sort"
	"strings"
	"sync"
)

//go:embed prices.json
var pricesJSON []byte

// PriceTable is the price list and the usage assumptions of the cost model, shipped
// as data in prices.json (see its "source" and "asOf").
type PriceTable struct {
	Currency      string  `json:"currency"`
	Source        string  `json:"source"`
	AsOf          string  `json:"asOf"`
	HoursPerMonth float64 `json:"hoursPerMonth"`

	VM struct {
		LinuxHourly      map[string]float64            `json:"linuxHourly"`
		RegionFactorNote string                        `json:"regionFactorNote"`
		RegionFactor     map[string]float64            `json:"regionFactor"`
		RegionOverrides  map[string]map[string]float64 `json:"regionOverrides"`
		EphemeralCacheGB map[string]float64            `json:"ephemeralCacheGB"`
		EphemeralNote    string                        `json:"ephemeralNote"`
		SpotFactor       float64                       `json:"spotFactor"`
		SpotNote         string                        `json:"spotNote"`
	} `json:"vm"`
	ManagedDisk struct {
		Note  string `json:"note"`
		Tiers []struct {
			MaxGB      float64 `json:"maxGB"`
			MonthlyUSD float64 `json:"monthlyUSD"`
		} `json:"tiers"`
	} `json:"managedDiskPremiumMonthly"`
	AKS struct {
		TierHourly         map[string]float64 `json:"tierHourly"`
		DefaultOSDiskGB    float64            `json:"defaultOSDiskGB"`
		LoadBalancerHourly float64            `json:"loadBalancerHourly"`
		LoadBalancerNote   string             `json:"loadBalancerNote"`
	} `json:"aks"`
	PublicIP struct {
		StandardHourly float64 `json:"standardHourly"`
		BasicHourly    float64 `json:"basicHourly"`
		GlobalHourly   float64 `json:"globalHourly"`
	} `json:"publicIP"`
	PublicIPPrefix struct {
		PerIPHourly float64 `json:"perIPHourly"`
		Note        string  `json:"note"`
	} `json:"publicIPPrefix"`
	NATGateway struct {
		Hourly         float64 `json:"hourly"`
		PerGBProcessed float64 `json:"perGBProcessed"`
	} `json:"natGateway"`
	FrontDoor struct {
		BaseMonthly    map[string]float64 `json:"baseMonthly"`
		EgressPerGB    float64            `json:"egressPerGB"`
		EgressNote     string             `json:"egressNote"`
		RequestsPer10k map[string]float64 `json:"requestsPer10k"`
		WAFNote        string             `json:"wafNote"`
	} `json:"frontDoor"`
	TrafficManager struct {
		PerMillionQueries           float64 `json:"perMillionQueries"`
		AzureEndpointMonthly        float64 `json:"azureEndpointMonthly"`
		ExternalEndpointMonthly     float64 `json:"externalEndpointMonthly"`
		FastIntervalEndpointMonthly float64 `json:"fastIntervalEndpointMonthly"`
	} `json:"trafficManager"`
	DNS struct {
		ZoneMonthly        float64 `json:"zoneMonthly"`
		PerMillionQueries  float64 `json:"perMillionQueries"`
		PrivateZoneMonthly float64 `json:"privateZoneMonthly"`
	} `json:"dns"`
	Storage struct {
		HotPerGBMonth       map[string]float64 `json:"hotPerGBMonth"`
		InternetEgressPerGB float64            `json:"internetEgressPerGB"`
		EgressNote          string             `json:"egressNote"`
	} `json:"storage"`
	KeyVault struct {
		Per10kOperations float64 `json:"per10kOperations"`
	} `json:"keyVault"`
	Registry struct {
		DailyBySku    map[string]float64 `json:"dailyBySku"`
		IncludedGB    map[string]float64 `json:"includedGB"`
		ExtraPerGBDay float64            `json:"extraPerGBDay"`
		ReplicaNote   string             `json:"replicaNote"`
	} `json:"registry"`
	LogAnalytics struct {
		PerGBIngested       float64 `json:"perGBIngested"`
		RetentionPerGBMonth float64 `json:"retentionPerGBMonth"`
		FreeRetentionDays   float64 `json:"freeRetentionDays"`
	} `json:"logAnalytics"`
	Peering struct {
		IntraRegionPerGB  float64            `json:"intraRegionPerGB"`
		GlobalPerGBByZone map[string]float64 `json:"globalPerGBByZone"`
		Note              string             `json:"note"`
	} `json:"peering"`
	PeeringZone     map[string]int `json:"peeringZone"`
	PrivateEndpoint struct {
		Hourly float64 `json:"hourly"`
		PerGB  float64 `json:"perGB"`
	} `json:"privateEndpoint"`
	CosmosDB struct {
		AutoscalePer100RUHourly        float64 `json:"autoscalePer100RUHourly"`
		MultiRegionWritePer100RUHourly float64 `json:"multiRegionWritePer100RUHourly"`
		ThroughputNote                 string  `json:"throughputNote"`
		ZoneRedundantFactorSingleWrite float64 `json:"zoneRedundantFactorSingleWrite"`
		ZoneNote                       string  `json:"zoneNote"`
		StoragePerGBMonth              float64 `json:"storagePerGBMonth"`
		Continuous30DaysPerGBMonth     float64 `json:"continuous30DaysPerGBMonth"`
		Continuous7DaysPerGBMonth      float64 `json:"continuous7DaysPerGBMonth"`
		BackupNote                     string  `json:"backupNote"`
	} `json:"cosmosDB"`
	// Assumptions are the usage figures per tier (dev, staging, prod), from the
	// tier profiles; AssumptionNotes explain them (tier.UsageNotes).
	Assumptions     map[string]Assumptions `json:"-"`
	AssumptionNotes map[string]string      `json:"-"`
}

// Assumptions are the usage figures a price list alone cannot give: the tier
// profile's Usage (internal/model/tier), the one place they are written down.
type Assumptions = tier.Usage

var (
	defaultOnce  sync.Once
	defaultTable *PriceTable
	defaultErr   error
)

// Default returns the shipped price table (parsed once).
func Default() (*PriceTable, error) {
	defaultOnce.Do(func() {
		defaultTable, defaultErr = Parse(pricesJSON)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("internal error: internal/offline/cost/prices.json: %w", defaultErr)
		}
	})
	return defaultTable, defaultErr
}

// Parse reads a price table strictly (unknown fields are errors) and validates it.
func Parse(data []byte) (*PriceTable, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var t PriceTable
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("decoding price table: %w", err)
	}
	t.Assumptions = map[string]Assumptions{}
	for _, tr := range tier.All {
		t.Assumptions[string(tr)] = tier.Of(tr).Usage
	}
	t.AssumptionNotes = tier.UsageNotes
	if err := t.validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *PriceTable) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if t.Currency != "USD" {
		add("currency: %q, want USD", t.Currency)
	}
	if t.Source == "" || t.AsOf == "" {
		add("source and asOf are required")
	}
	if t.HoursPerMonth < 672 || t.HoursPerMonth > 744 {
		add("hoursPerMonth: %v is not a month", t.HoursPerMonth)
	}
	if cd := t.CosmosDB; cd.AutoscalePer100RUHourly <= 0 || cd.MultiRegionWritePer100RUHourly <= 0 || cd.StoragePerGBMonth <= 0 ||
		cd.ZoneRedundantFactorSingleWrite < 1 || cd.Continuous30DaysPerGBMonth < 0 || cd.Continuous7DaysPerGBMonth < 0 {
		add("cosmosDB: throughput and storage prices must be positive, backup prices not negative, the zone factor at least 1")
	}
	for tier, a := range t.Assumptions {
		if a.CosmosAutoscaleUtilisation < 0 || a.CosmosAutoscaleUtilisation > 1 {
			add("assumptions.%s.cosmosAutoscaleUtilisation: %v must be 0-1", tier, a.CosmosAutoscaleUtilisation)
		}
	}
	for k, v := range t.VM.LinuxHourly {
		if v <= 0 {
			add("vm.linuxHourly.%s: %v must be positive", k, v)
		}
	}
	for k, v := range t.VM.RegionFactor {
		if v <= 0 {
			add("vm.regionFactor.%s: %v must be positive", k, v)
		}
	}
	if t.VM.SpotFactor <= 0 || t.VM.SpotFactor > 1 {
		add("vm.spotFactor: %v must be in (0, 1]", t.VM.SpotFactor)
	}
	for _, tier := range []string{"dev", "staging", "prod"} {
		a, ok := t.Assumptions[tier]
		if !ok {
			add("assumptions.%s: missing", tier)
			continue
		}
		if a.NodePoolUtilisation < 0 || a.NodePoolUtilisation > 1 {
			add("assumptions.%s.nodePoolUtilisation: %v must be in [0, 1]", tier, a.NodePoolUtilisation)
		}
		for _, f := range UsageFields(a) {
			if f[1].(float64) < 0 {
				add("assumptions.%s.%s: must not be negative", tier, f[0])
			}
			if _, ok := t.AssumptionNotes[f[0].(string)]; !ok {
				add("assumptionNotes.%s: every assumption needs a note", f[0])
			}
		}
	}
	for i := 1; i < len(t.ManagedDisk.Tiers); i++ {
		if t.ManagedDisk.Tiers[i].MaxGB <= t.ManagedDisk.Tiers[i-1].MaxGB {
			add("managedDiskPremiumMonthly.tiers: must be sorted by maxGB")
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid price table: %s", strings.Join(problems, "; "))
	}
	return nil
}

// VMHourly returns the pay-as-you-go Linux hourly price of a VM size in a region.
func (t *PriceTable) VMHourly(size, region string) (float64, error) {
	if o, ok := t.VM.RegionOverrides[size][region]; ok {
		return o, nil
	}
	base, ok := t.VM.LinuxHourly[size]
	if !ok {
		return 0, notPricedf("VM size %q is not in the price table", size)
	}
	f, ok := t.VM.RegionFactor[region]
	if !ok {
		return 0, notPricedf("region %q has no VM price factor in the price table", region)
	}
	return base * f, nil
}

// DiskMonthly returns the monthly price of a Premium SSD holding sizeGB.
func (t *PriceTable) DiskMonthly(sizeGB float64) (float64, error) {
	for _, tier := range t.ManagedDisk.Tiers {
		if sizeGB <= tier.MaxGB {
			return tier.MonthlyUSD, nil
		}
	}
	return 0, notPricedf("OS disk of %v GB is larger than the price table's disk tiers", sizeGB)
}

// UsageFields returns the assumptions as (JSON name, value) pairs in a stable order,
// for the --explain listing.
func UsageFields(a Assumptions) [][2]any {
	data, _ := json.Marshal(a)
	var m map[string]float64
	_ = json.Unmarshal(data, &m)
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][2]any, 0, len(keys))
	for _, k := range keys {
		out = append(out, [2]any{k, m[k]})
	}
	return out
}
