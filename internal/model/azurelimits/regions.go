package azurelimits

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// ZonalRegions says, for each region the platform's catalogue knows, whether Azure
// offers availability zones there (SourceZones, the "Availability zone support"
// column, checked region by region for every catalogue entry). A region missing
// here has no zones.
var ZonalRegions = map[string]bool{
	"eastus": true, "eastus2": true, "centralus": true, "southcentralus": true,
	"westus2": true, "westus3": true, "canadacentral": true, "brazilsouth": true,
	"northeurope": true, "westeurope": true, "uksouth": true, "francecentral": true,
	"germanywestcentral": true, "swedencentral": true, "japaneast": true,
	"japanwest": true, "koreacentral": true, "southeastasia": true, "eastasia": true,
	"centralindia": true, "australiaeast": true, "southafricanorth": true, "uaenorth": true,
	// Regions without availability zones, listed so a catalogue addition is
	// judged rather than assumed (SourceZones).
	"northcentralus": false, "westus": false, "westcentralus": false, "ukwest": false,
	"canadaeast": false, "southindia": false, "westindia": false, "koreasouth": false,
	"australiasoutheast": false,
}

// HasZones reports whether a region has availability zones.
func HasZones(region string) bool { return ZonalRegions[region] }

// VMFamilyRegions lists, per quota family of the VM sizes the platform allows, the
// regions that offer it (SourceVMSizes, "Virtual Machines" by series). The
// families the catalogue uses — Dsv5, Dasv5, Fsv2 — are offered in every region of
// the catalogue; a region added to the catalogue must be added here per family,
// or validation refuses its pools.
var VMFamilyRegions = map[string][]string{
	"standardDSv5Family":  catalogueRegions,
	"standardDASv5Family": catalogueRegions,
	"standardFSv2Family":  catalogueRegions,
}

var catalogueRegions = []string{
	"australiaeast", "brazilsouth", "canadacentral", "centralindia", "centralus",
	"eastasia", "eastus", "eastus2", "francecentral", "germanywestcentral",
	"japaneast", "japanwest", "koreacentral", "northeurope", "southafricanorth",
	"southcentralus", "southeastasia", "swedencentral", "uaenorth", "uksouth",
	"westeurope", "westus2", "westus3",
}

// VMFamilyOffered reports whether a region offers a VM quota family.
func VMFamilyOffered(family, region string) bool {
	for _, r := range VMFamilyRegions[family] {
		if r == region {
			return true
		}
	}
	return false
}

// KubernetesVersion is one AKS minor version of the release calendar.
type KubernetesVersion struct {
	Minor string     // e.g. "1.34"
	GA    time.Month // first month AKS offers it generally
	GAYr  int
	EOL   time.Month // first month it is out of community support
	EOLYr int
}

// GADate and EOLDate are the first days of the GA and end-of-life months. The
// calendar gives months only: a version is judged unsupported from the first day of
// its end-of-life month (the conservative reading).
func (v KubernetesVersion) GADate() time.Time {
	return time.Date(v.GAYr, v.GA, 1, 0, 0, 0, 0, time.UTC)
}

// EOLDate is the first day of the end-of-life month.
func (v KubernetesVersion) EOLDate() time.Time {
	return time.Date(v.EOLYr, v.EOL, 1, 0, 0, 0, 0, time.UTC)
}

// KubernetesVersions is AKS's release calendar (SourceAKSVersions): a cluster can
// be created on a minor version from its GA month until its end of life (platform
// support after that does not cover cluster creation).
var KubernetesVersions = []KubernetesVersion{
	{"1.31", time.November, 2024, time.November, 2025},
	{"1.32", time.April, 2025, time.March, 2026},
	{"1.33", time.June, 2025, time.July, 2026},
	{"1.34", time.November, 2025, time.November, 2026},
	{"1.35", time.March, 2026, time.March, 2027},
	{"1.36", time.June, 2026, time.June, 2027},
	{"1.37", time.October, 2026, time.October, 2027},
}

// SupportedKubernetesVersions returns the minor versions AKS supports on day now.
func SupportedKubernetesVersions(now time.Time) []string {
	var out []string
	for _, v := range KubernetesVersions {
		if !now.Before(v.GADate()) && now.Before(v.EOLDate()) {
			out = append(out, v.Minor)
		}
	}
	sort.Strings(out)
	return out
}

// CheckKubernetesVersion judges version (a minor "1.34" or a patch "1.34.2") on
// day now. refusal says why no cluster can use it at all — it is not in AKS's
// calendar, or not generally available yet — and is a configuration error.
// notice says it has reached end of life: AKS no longer creates clusters on it, but
// an existing environment keeps running (and must stay plannable and destroyable),
// so it is a warning to upgrade, not an error.
func CheckKubernetesVersion(version string, now time.Time) (refusal, notice string) {
	minor := version
	if parts := strings.SplitN(version, ".", 3); len(parts) == 3 {
		minor = parts[0] + "." + parts[1]
	}
	supported := strings.Join(SupportedKubernetesVersions(now), ", ")
	if supported == "" {
		supported = "none of the versions in this table (update azurelimits.KubernetesVersions)"
	}
	day := now.Format(time.DateOnly)
	for _, v := range KubernetesVersions {
		if v.Minor != minor {
			continue
		}
		switch {
		case now.Before(v.GADate()):
			return fmt.Sprintf("AKS offers %s generally from %s %d; on %s AKS supports %s (%s)", minor, v.GA, v.GAYr, day, supported, SourceAKSVersions), ""
		case !now.Before(v.EOLDate()):
			return "", fmt.Sprintf("AKS %s reached end of life in %s %d: AKS creates no new cluster on it and existing ones get platform support only; on %s AKS supports %s (%s)", minor, v.EOL, v.EOLYr, day, supported, SourceAKSVersions)
		}
		return "", ""
	}
	return fmt.Sprintf("%s is not in AKS's release calendar; on %s AKS supports %s (%s)", version, day, supported, SourceAKSVersions), ""
}
