package cost

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// AutoscaleFloor is the smallest fraction of its maximum an autoscale database is
// billed for in an hour.
const AutoscaleFloor = 0.1

// PlannedStorageTag is the Cosmos DB account tag stating the planned data size in
// GiB (the spec's playerData.storageGiB), which the cost model prices.
const PlannedStorageTag = catalog.CosmosPlannedStorageTag

// CosmosInput is what prices a Cosmos DB account: its regions, whether every region
// writes, how many are zone redundant, the autoscale maximum of its databases, the
// stored data and the continuous-backup tier.
type CosmosInput struct {
	Regions, ZoneRedundant int
	MultiRegionWrite       bool
	MaxThroughput          float64
	StorageGB              float64
	BackupTier             string
}

// Cosmos prices a Cosmos DB account for a tier's assumptions (also used to size a
// studio's request before any plan exists).
func (t *PriceTable) Cosmos(in CosmosInput, a Assumptions) (avg, max float64, basis string) {
	cd := t.CosmosDB
	rate := cd.AutoscalePer100RUHourly
	zoneFactor := cd.ZoneRedundantFactorSingleWrite
	writes := "single write region"
	if in.MultiRegionWrite {
		rate, zoneFactor, writes = cd.MultiRegionWritePer100RUHourly, 1, "every region writes"
	}
	// Regions billed: each region once, zone-redundant ones at the zone factor.
	regionUnits := float64(in.Regions-in.ZoneRedundant) + float64(in.ZoneRedundant)*zoneFactor
	perHourAtMax := in.MaxThroughput / 100 * rate * regionUnits
	used := math.Max(AutoscaleFloor, a.CosmosAutoscaleUtilisation)
	ru := perHourAtMax * t.HoursPerMonth
	backupRate := 0.0
	switch in.BackupTier {
	case "Continuous30Days":
		backupRate = cd.Continuous30DaysPerGBMonth
	case "Continuous7Days":
		backupRate = cd.Continuous7DaysPerGBMonth
	}
	storage := in.StorageGB * cd.StoragePerGBMonth * float64(in.Regions)
	backup := in.StorageGB * backupRate * float64(in.Regions)
	avg = ru*used + storage + backup
	max = ru + storage + backup
	basis = fmt.Sprintf("%d region(s) (%s, %d zone redundant): autoscale max %v RU/s @ %s/100 RU/s-h per region, at %.0f%% on average (assumed; billed at least %.0f%%) %s; %v GB stored (%s) @ %s/GB-month per region %s; backup %s @ %s/GB-month per region %s",
		in.Regions, writes, in.ZoneRedundant, in.MaxThroughput, usd(rate), used*100, AutoscaleFloor*100, usd(ru*used),
		in.StorageGB, storageBasis(in), usd(cd.StoragePerGBMonth), usd(storage), in.BackupTier, usd(backupRate), usd(backup))
	return avg, max, basis
}

func storageBasis(in CosmosInput) string {
	if in.StorageGB == 0 {
		return "none"
	}
	return "planned"
}

// cosmosAccount prices a Cosmos DB account declared through the generic resource:
// its regions from properties.locations, the autoscale maxima of its databases (the
// sqlDatabases whose parent path is the account), the planned storage from its tag
// (else the tier's assumption) and its continuous-backup tier.
func (c *calc) cosmosAccount(r *plan.Resource) (price, error) {
	locs, _ := lookup(r.Inputs, "properties", "locations")
	list, ok := locs.([]any)
	if !ok || len(list) == 0 {
		return price{}, notPricedf("properties.locations is not a list of regions")
	}
	in := CosmosInput{Regions: len(list), StorageGB: c.a.CosmosStorageGBDefault}
	for i, l := range list {
		m, ok := l.(map[string]any)
		if !ok {
			return price{}, notPricedf("properties.locations[%d] is not an object", i)
		}
		if z, _ := m["isZoneRedundant"].(bool); z {
			in.ZoneRedundant++
		}
	}
	in.MultiRegionWrite, _ = valueAt(r.Inputs, "properties", "enableMultipleWriteLocations").(bool)
	in.BackupTier, _ = valueAt(r.Inputs, "properties", "backupPolicy", "continuousModeProperties", "tier").(string)
	if v, ok := valueAt(r.Inputs, "tags", PlannedStorageTag).(string); ok {
		gb, err := strconv.ParseFloat(v, 64)
		if err != nil || gb < 0 {
			return price{}, notPricedf("tag %s %q is not a size in GiB", PlannedStorageTag, v)
		}
		in.StorageGB = gb
	}
	name, _ := r.Inputs["resourceName"].(string)
	parent := "databaseAccounts/" + name
	for _, d := range c.idx {
		if d.CatalogType() != catalog.GenericKey(catalog.ARMCosmosSQLDatabase) {
			continue
		}
		if p, _ := d.Inputs["parentResourcePath"].(string); !strings.EqualFold(strings.Trim(p, "/"), parent) {
			continue
		}
		switch v := valueAt(d.Inputs, "properties", "options", "autoscaleSettings", "maxThroughput").(type) {
		case float64:
			in.MaxThroughput += v
		default:
			if tp, ok := valueAt(d.Inputs, "properties", "options", "throughput").(float64); ok {
				in.MaxThroughput += tp
			} else if plan.IsUnknown(v) {
				return price{}, &notPricedError{reason: fmt.Sprintf("the throughput of database %s is unknown until apply", d.Name), unknown: true}
			}
		}
	}
	avg, max, basis := c.t.Cosmos(in, c.a)
	return price{avg: avg, max: max, basis: basis}, nil
}

// valueAt returns the plain value at a path of nested objects, or nil.
func valueAt(m map[string]any, path ...string) any {
	v, _ := lookup(m, path...)
	return v
}
