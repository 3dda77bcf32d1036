package spec

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/azurelimits"
)

func wantLimit(t *testing.T, s *Spec, want string) {
	t.Helper()
	got := problems(t, s.Validate(testNow))
	for _, p := range got {
		if strings.HasPrefix(p, want) {
			return
		}
	}
	t.Errorf("want a problem starting with\n  %s\ngot %q", want, got)
}

func TestKubernetesVersionAKSSupports(t *testing.T) {
	s := validSpec()
	s.Cluster.KubernetesVersion = "1.36"
	if err := s.Validate(testNow); err != nil {
		t.Fatalf("1.36 refused on %s: %v", testNow.Format("2006-01-02"), err)
	}
	s.Cluster.KubernetesVersion = "1.33"
	wantLimit(t, s, "cluster.kubernetesVersion: AKS 1.33 reached end of life in July 2026 and new clusters cannot use it; on 2026-11-22 AKS supports 1.35, 1.36, 1.37 ("+azurelimits.SourceAKSVersions+")")
}

func TestProdRegionWithoutZones(t *testing.T) {
	Regions["ukwest"] = RegionInfo{"ukwest", "UK West", "ukw", Europe, azurelimits.HasZones("ukwest")}
	t.Cleanup(func() { delete(Regions, "ukwest") })
	s := validSpec()
	s.Regions[0].Name = "ukwest"
	if err := s.Validate(testNow); err != nil && strings.Contains(err.Error(), "availability zones") {
		t.Errorf("dev does not need zones: %v", err)
	}
	s.Tier = TierProd
	wantLimit(t, s, "regions[0].name: ukwest has no availability zones and prod spreads every pool over three ("+azurelimits.SourceZones+")")
}

func TestVMFamilyNotOfferedInRegion(t *testing.T) {
	fam := VMSizes[DefaultVMSize].Family
	saved := azurelimits.VMFamilyRegions[fam]
	var without []string
	for _, r := range saved {
		if r != "japaneast" {
			without = append(without, r)
		}
	}
	azurelimits.VMFamilyRegions[fam] = without
	t.Cleanup(func() { azurelimits.VMFamilyRegions[fam] = saved })
	wantLimit(t, validSpec(), "regions[1].capacity.vmSize: Standard_F16s_v2 (standardFSv2Family) is not offered in japaneast ("+azurelimits.SourceVMSizes+")")
}

func TestCatalogueZonesComeFromTheLimits(t *testing.T) {
	for name, r := range Regions {
		if r.Zones != azurelimits.HasZones(name) {
			t.Errorf("%s: catalogue zones %v, limits %v", name, r.Zones, azurelimits.HasZones(name))
		}
	}
}
