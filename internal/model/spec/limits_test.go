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
	s.Cluster.KubernetesVersion = "1.35"
	if err := s.Validate(testNow); err != nil {
		t.Fatalf("1.35 refused on %s: %v", testNow.Format("2006-01-02"), err)
	}
	if n := s.KubernetesNotice(testNow); n != "" {
		t.Errorf("1.35 notice on %s: %q", testNow.Format("2006-01-02"), n)
	}
	s.Cluster.KubernetesVersion = "1.38"
	wantLimit(t, s, "cluster.kubernetesVersion: 1.38 is not in AKS's release calendar; on 2026-11-22 AKS supports 1.35, 1.36, 1.37 ("+azurelimits.SourceAKSVersions+")")
	// Past end of life is a notice, not an error: the clusters exist and must stay
	// plannable and destroyable.
	s.Cluster.KubernetesVersion = "1.33"
	if err := s.Validate(testNow); err != nil {
		t.Errorf("1.33 past end of life refused: %v", err)
	}
	if n := s.KubernetesNotice(testNow); !strings.HasPrefix(n, "AKS 1.33 reached end of life in July 2026: AKS creates no new cluster on it") {
		t.Errorf("1.33 notice = %q", n)
	}
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

// A custom (BYOIP) prefix must be named by its resource ID, and the region's game
// nodes must fit the largest prefix derived from one (/21).
func TestCustomIPPrefix(t *testing.T) {
	const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ip/providers/Microsoft.Network/customIpPrefixes/cip-starfall"
	s := validSpec()
	s.Regions[0].CustomIPPrefixID = id
	if err := s.Validate(testNow); err != nil {
		t.Fatalf("a valid custom prefix refused: %v", err)
	}
	for _, bad := range []string{
		"cip-starfall",
		"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ip/providers/Microsoft.Network/publicIPPrefixes/p",
		"/subscriptions/not-a-guid/resourceGroups/rg-ip/providers/Microsoft.Network/customIpPrefixes/cip",
	} {
		s.Regions[0].CustomIPPrefixID = bad
		wantLimit(t, s, `regions[0].customIpPrefixId: "`+bad+`" is not the resource ID of a custom IP prefix`)
	}
	s = validSpec()
	s.Tier = TierProd // pools of up to 1,000 nodes
	s.Regions[0].AddressSpace = "10.40.0.0/16"
	s.Regions[0].Capacity.PeakPlayers = 200000 // 2,605 game nodes of F16s_v2 with headroom
	s.Regions[0].CustomIPPrefixID = id
	wantLimit(t, s, "regions[0].customIpPrefixId: the region's demand scales to 2605 game nodes, one address each, more than a prefix derived from a custom IPv4 prefix holds (at most /21, 2048 addresses; "+azurelimits.SourceCustomPrefix+")")
}
