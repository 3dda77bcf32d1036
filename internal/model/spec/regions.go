package spec

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/azurelimits"
)

// Continent groups Azure regions for the platform's geographic spread rules.
type Continent string

// Continents the platform deploys to.
const (
	Asia         Continent = "asia"
	Europe       Continent = "europe"
	NorthAmerica Continent = "north-america"
	SouthAmerica Continent = "south-america"
	Oceania      Continent = "oceania"
	Africa       Continent = "africa"
	MiddleEast   Continent = "middle-east"
)

// RegionInfo describes an Azure region the platform knows how to deploy to.
type RegionInfo struct {
	Name      string    // Azure location name, e.g. "japaneast"
	Display   string    // Azure display name, e.g. "Japan East"
	Short     string    // 3-4 letter code used in physical resource names
	Continent Continent // for the prod spread rule
	Zones     bool      // the region has availability zones (azurelimits.ZonalRegions)
}

// Regions is the platform's catalogue of Azure regions. A region missing here is
// rejected by validation: adding one is a deliberate platform change (quota, pricing,
// address plan), not something a stack does by itself.
var Regions = map[string]RegionInfo{
	"eastus":             {"eastus", "East US", "eus", NorthAmerica, azurelimits.HasZones("eastus")},
	"eastus2":            {"eastus2", "East US 2", "eus2", NorthAmerica, azurelimits.HasZones("eastus2")},
	"centralus":          {"centralus", "Central US", "cus", NorthAmerica, azurelimits.HasZones("centralus")},
	"southcentralus":     {"southcentralus", "South Central US", "scus", NorthAmerica, azurelimits.HasZones("southcentralus")},
	"westus2":            {"westus2", "West US 2", "wus2", NorthAmerica, azurelimits.HasZones("westus2")},
	"westus3":            {"westus3", "West US 3", "wus3", NorthAmerica, azurelimits.HasZones("westus3")},
	"canadacentral":      {"canadacentral", "Canada Central", "cac", NorthAmerica, azurelimits.HasZones("canadacentral")},
	"brazilsouth":        {"brazilsouth", "Brazil South", "brs", SouthAmerica, azurelimits.HasZones("brazilsouth")},
	"northeurope":        {"northeurope", "North Europe", "neu", Europe, azurelimits.HasZones("northeurope")},
	"westeurope":         {"westeurope", "West Europe", "weu", Europe, azurelimits.HasZones("westeurope")},
	"uksouth":            {"uksouth", "UK South", "uks", Europe, azurelimits.HasZones("uksouth")},
	"francecentral":      {"francecentral", "France Central", "frc", Europe, azurelimits.HasZones("francecentral")},
	"germanywestcentral": {"germanywestcentral", "Germany West Central", "gwc", Europe, azurelimits.HasZones("germanywestcentral")},
	"swedencentral":      {"swedencentral", "Sweden Central", "sdc", Europe, azurelimits.HasZones("swedencentral")},
	"japaneast":          {"japaneast", "Japan East", "jpe", Asia, azurelimits.HasZones("japaneast")},
	"japanwest":          {"japanwest", "Japan West", "jpw", Asia, azurelimits.HasZones("japanwest")},
	"koreacentral":       {"koreacentral", "Korea Central", "krc", Asia, azurelimits.HasZones("koreacentral")},
	"southeastasia":      {"southeastasia", "Southeast Asia", "sea", Asia, azurelimits.HasZones("southeastasia")},
	"eastasia":           {"eastasia", "East Asia", "ea", Asia, azurelimits.HasZones("eastasia")},
	"centralindia":       {"centralindia", "Central India", "inc", Asia, azurelimits.HasZones("centralindia")},
	"australiaeast":      {"australiaeast", "Australia East", "aue", Oceania, azurelimits.HasZones("australiaeast")},
	"southafricanorth":   {"southafricanorth", "South Africa North", "san", Africa, azurelimits.HasZones("southafricanorth")},
	"uaenorth":           {"uaenorth", "UAE North", "uan", MiddleEast, azurelimits.HasZones("uaenorth")},
}

// RegionNames returns the catalogue's region names, sorted.
func RegionNames() []string {
	names := make([]string, 0, len(Regions))
	for n := range Regions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NormalizeRegion turns a location as Azure accepts it ("Japan East", "japaneast")
// into the region's programmatic name ("japaneast").
func NormalizeRegion(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
