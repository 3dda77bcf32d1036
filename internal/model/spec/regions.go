package spec

import "sort"

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
	Zones     bool      // the region has availability zones
}

// Regions is the platform's catalogue of Azure regions. A region missing here is
// rejected by validation: adding one is a deliberate platform change (quota, pricing,
// address plan), not something a stack does by itself.
var Regions = map[string]RegionInfo{
	"eastus":             {"eastus", "East US", "eus", NorthAmerica, true},
	"eastus2":            {"eastus2", "East US 2", "eus2", NorthAmerica, true},
	"centralus":          {"centralus", "Central US", "cus", NorthAmerica, true},
	"southcentralus":     {"southcentralus", "South Central US", "scus", NorthAmerica, true},
	"westus2":            {"westus2", "West US 2", "wus2", NorthAmerica, true},
	"westus3":            {"westus3", "West US 3", "wus3", NorthAmerica, true},
	"canadacentral":      {"canadacentral", "Canada Central", "cac", NorthAmerica, true},
	"brazilsouth":        {"brazilsouth", "Brazil South", "brs", SouthAmerica, true},
	"northeurope":        {"northeurope", "North Europe", "neu", Europe, true},
	"westeurope":         {"westeurope", "West Europe", "weu", Europe, true},
	"uksouth":            {"uksouth", "UK South", "uks", Europe, true},
	"francecentral":      {"francecentral", "France Central", "frc", Europe, true},
	"germanywestcentral": {"germanywestcentral", "Germany West Central", "gwc", Europe, true},
	"swedencentral":      {"swedencentral", "Sweden Central", "sdc", Europe, true},
	"japaneast":          {"japaneast", "Japan East", "jpe", Asia, true},
	"japanwest":          {"japanwest", "Japan West", "jpw", Asia, true},
	"koreacentral":       {"koreacentral", "Korea Central", "krc", Asia, true},
	"southeastasia":      {"southeastasia", "Southeast Asia", "sea", Asia, true},
	"eastasia":           {"eastasia", "East Asia", "ea", Asia, true},
	"centralindia":       {"centralindia", "Central India", "inc", Asia, true},
	"australiaeast":      {"australiaeast", "Australia East", "aue", Oceania, true},
	"southafricanorth":   {"southafricanorth", "South Africa North", "san", Africa, true},
	"uaenorth":           {"uaenorth", "UAE North", "uan", MiddleEast, true},
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
