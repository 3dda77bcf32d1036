package tier_test

import (
	"testing"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Every profile names only what the platform's catalogues know, within the ranges
// Azure accepts, and the tiers grow stricter from dev to prod.
func TestProfilesAreValid(t *testing.T) {
	for _, tr := range tier.All {
		p, err := tier.Lookup(tr)
		if err != nil {
			t.Fatal(err)
		}
		if p.Tier != tr {
			t.Errorf("profile of %s says it is %s", tr, p.Tier)
		}
		if len(p.AllowedRegions) == 0 || len(p.VMSizes) == 0 {
			t.Errorf("%s: no regions or VM sizes", tr)
		}
		seen := map[string]bool{}
		for _, r := range p.AllowedRegions {
			if _, ok := spec.Regions[r]; !ok || seen[r] {
				t.Errorf("%s: region %q is unknown to spec.Regions or listed twice", tr, r)
			}
			seen[r] = true
		}
		for _, v := range p.VMSizes {
			if _, ok := spec.VMSizes[v]; !ok || seen[v] {
				t.Errorf("%s: VM size %q is unknown to spec.VMSizes or listed twice", tr, v)
			}
			seen[v] = true
		}
		if p.MaxRegions < 1 || p.MaxNodesPerPool < 1 || p.MaxNodesPerPool > capacity.MaxNodesPerPool {
			t.Errorf("%s: MaxRegions %d / MaxNodesPerPool %d out of range (1-%d nodes, AKS's pool limit)", tr, p.MaxRegions, p.MaxNodesPerPool, capacity.MaxNodesPerPool)
		}
		if p.SystemPool[0] < 1 || p.SystemPool[1] < p.SystemPool[0] {
			t.Errorf("%s: system pool range %v", tr, p.SystemPool)
		}
		if p.Zones && p.SystemPool[0] < 3 {
			t.Errorf("%s: zonal, but the system pool keeps %d node(s); one per zone needs 3", tr, p.SystemPool[0])
		}
		if p.MinBlockBits < spec.MinAddressPrefix || p.MinBlockBits > spec.MaxAddressPrefix {
			t.Errorf("%s: MinBlockBits /%d outside /%d-/%d", tr, p.MinBlockBits, spec.MinAddressPrefix, spec.MaxAddressPrefix)
		}
		if p.Protect == p.ExpiryRequired() {
			t.Errorf("%s: protected tiers are the ones that never expire (Protect %v, expiry required %v)", tr, p.Protect, p.ExpiryRequired())
		}
		if p.KeyVault.SoftDeleteDays < 7 || p.KeyVault.SoftDeleteDays > 90 {
			t.Errorf("%s: Key Vault soft delete %d days; Azure allows 7-90", tr, p.KeyVault.SoftDeleteDays)
		}
		if p.Storage.SoftDeleteDays < 1 || p.Storage.SoftDeleteDays > 365 {
			t.Errorf("%s: blob soft delete %d days; Azure allows 1-365", tr, p.Storage.SoftDeleteDays)
		}
		if p.Logs.RetentionDays < 30 || p.Logs.RetentionDays > 730 {
			t.Errorf("%s: log retention %d days; a workspace keeps 30-730", tr, p.Logs.RetentionDays)
		}
		rt := p.Routing
		switch {
		case rt.ProbeIntervalSeconds != 10 && rt.ProbeIntervalSeconds != 30,
			rt.ProbeTimeoutSeconds < 5, rt.ProbeIntervalSeconds == 10 && rt.ProbeTimeoutSeconds > 9,
			rt.ProbeIntervalSeconds == 30 && rt.ProbeTimeoutSeconds > 10,
			rt.ToleratedFailures < 0 || rt.ToleratedFailures > 9, rt.DNSTTL < 0:
			t.Errorf("%s: Traffic Manager monitoring %+v is not one Azure accepts", tr, rt)
		}
		if len(p.FrontDoor.ManagedRuleSets) > 0 && p.FrontDoor.SKU != tier.FrontDoorPremium {
			t.Errorf("%s: WAF managed rule sets need Front Door Premium, the tier has %s", tr, p.FrontDoor.SKU)
		}
		if !p.Storage.SharedKeyDisabled && p.Protect {
			t.Errorf("%s: a protected tier's public storage endpoint must be Entra ID-only (SharedKeyDisabled)", tr)
		}
		if p.Storage.RedundancyRequired && (p.Storage.SKU == "Standard_LRS" || p.Storage.ZonalSKU == "Standard_LRS") {
			t.Errorf("%s: redundancy required, but the tier deploys LRS", tr)
		}
		pd := p.PlayerData
		if pd.BackupPolicy != tier.Continuous7Days && pd.BackupPolicy != tier.Continuous30Days {
			t.Errorf("%s: player-data backup %q is not a continuous-backup tier", tr, pd.BackupPolicy)
		}
		// Autoscale maxima start at 1000 RU/s and go up in steps of 1000.
		if pd.MaxThroughput < 1000 || pd.MaxThroughput%1000 != 0 || pd.StorageGiB < 1 {
			t.Errorf("%s: player-data defaults %d RU/s, %d GiB; autoscale needs a multiple of 1000 RU/s", tr, pd.MaxThroughput, pd.StorageGiB)
		}
		if pd.ZoneRedundant != p.Zones {
			t.Errorf("%s: player data zone redundant %v but the tier's zones are %v", tr, pd.ZoneRedundant, p.Zones)
		}
	}
	if _, err := tier.Lookup("prd"); err == nil {
		t.Error("Lookup(prd) found a profile")
	}
	if got := tier.Of("prd"); got.Tier != tier.Prod {
		t.Errorf("Of(unknown) = %s, want prod's profile (the strictest)", got.Tier)
	}
}

// Each tier allows at least what the tier below it allows: a studio can promote an
// environment from dev to staging to prod without losing a region or a VM size.
func TestTiersGrowFromDevToProd(t *testing.T) {
	for i := 1; i < len(tier.All); i++ {
		lo, hi := tier.Of(tier.All[i-1]), tier.Of(tier.All[i])
		for _, r := range lo.AllowedRegions {
			if !contains(hi.AllowedRegions, r) {
				t.Errorf("region %s is open to %s but not to %s", r, lo.Tier, hi.Tier)
			}
		}
		for _, v := range lo.VMSizes {
			if !contains(hi.VMSizes, v) {
				t.Errorf("VM size %s is open to %s but not to %s", v, lo.Tier, hi.Tier)
			}
		}
		if hi.MaxNodesPerPool < lo.MaxNodesPerPool || hi.MaxRegions < lo.MaxRegions {
			t.Errorf("%s allows fewer nodes or regions than %s", hi.Tier, lo.Tier)
		}
		if hi.Storage.SoftDeleteDays < lo.Storage.SoftDeleteDays || hi.KeyVault.SoftDeleteDays < lo.KeyVault.SoftDeleteDays || hi.Logs.RetentionDays < lo.Logs.RetentionDays {
			t.Errorf("%s keeps deleted data or logs for less time than %s", hi.Tier, lo.Tier)
		}
	}
}

func contains(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

func TestDeployRankPutsProdLast(t *testing.T) {
	order := []string{"dev", "staging", "perf", "prod"}
	for i := 1; i < len(order); i++ {
		if tier.DeployRank(order[i-1]) >= tier.DeployRank(order[i]) {
			t.Errorf("DeployRank(%s)=%d is not below DeployRank(%s)=%d", order[i-1], tier.DeployRank(order[i-1]), order[i], tier.DeployRank(order[i]))
		}
	}
}
