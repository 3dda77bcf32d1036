package tier_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/tier"
)

var update = flag.Bool("update", false, "rewrite the README's tier-profile table from the profiles")

const (
	readme     = "../../../README.md"
	tableBegin = "<!-- tier-profile:begin (go test ./internal/model/tier -update) -->\n"
	tableEnd   = "<!-- tier-profile:end -->\n"
)

// TestREADMETableIsTheProfiles keeps the README's table of what differs per tier
// equal to the profiles: it is generated from them (-update rewrites it).
func TestREADMETableIsTheProfiles(t *testing.T) {
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	begin, end := bytes.Index(data, []byte(tableBegin)), bytes.Index(data, []byte(tableEnd))
	if begin < 0 || end < begin {
		t.Fatalf("%s has no tier-profile block (%q … %q)", readme, tableBegin, tableEnd)
	}
	want := profileTable()
	got := string(data[begin+len(tableBegin) : end])
	if got == want {
		return
	}
	if *update {
		out := slices.Concat(data[:begin+len(tableBegin)], []byte(want), data[end:])
		if err := os.WriteFile(readme, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the README's tier-profile table differs from the profiles; run go test ./internal/model/tier -update\n--- README\n%s--- profiles\n%s", got, want)
}

// profileTable renders every field of the profiles as one Markdown row per setting.
func profileTable() string {
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	list := func(l []string) string {
		if len(l) == 0 {
			return "—"
		}
		return strings.Join(l, ", ")
	}
	days := func(d int) string { return fmt.Sprintf("%d days", d) }
	rows := []struct {
		name string
		cell func(p *tier.Profile) string
	}{
		{"regions (`AllowedRegions`)", func(p *tier.Profile) string { return list(p.AllowedRegions) }},
		{"regions per environment", func(p *tier.Profile) string { return fmt.Sprint(p.MaxRegions) }},
		{"node VM sizes (`VMSizes`)", func(p *tier.Profile) string { return list(p.VMSizes) }},
		{"nodes per game pool, at most", func(p *tier.Profile) string { return fmt.Sprint(p.MaxNodesPerPool) }},
		{"system pool nodes (min–max)", func(p *tier.Profile) string { return fmt.Sprintf("%d–%d", p.SystemPool[0], p.SystemPool[1]) }},
		{"availability zones (pools, entry IP, storage)", func(p *tier.Profile) string { return yes(p.Zones) }},
		{"spot game pools allowed", func(p *tier.Profile) string { return yes(p.SpotAllowed) }},
		{"fleet standby required", func(p *tier.Profile) string { return yes(p.FleetStandbyRequired) }},
		{"fleet maximum within the game pools required", func(p *tier.Profile) string { return yes(p.FleetMaxWithinPools) }},
		{"smallest region address block", func(p *tier.Profile) string { return fmt.Sprintf("/%d", p.MinBlockBits) }},
		{"expiry (`expiresOn`, at most)", func(p *tier.Profile) string {
			if !p.ExpiryRequired() {
				return "never expires"
			}
			return "required, " + days(p.MaxLifetimeDays)
		}},
		{"stateful resources protected", func(p *tier.Profile) string { return yes(p.Protect) }},
		{"required tags", func(p *tier.Profile) string { return list(p.RequiredTags) }},
		{"over budget", func(p *tier.Profile) string {
			if p.BudgetEnforced() {
				return "blocks"
			}
			return "advises"
		}},
		{"advisory policy categories / policies", func(p *tier.Profile) string {
			return list(slices.Concat(p.AdvisoryCategories, p.AdvisoryPolicies))
		}},
		{"AKS control-plane tier", func(p *tier.Profile) string { return p.AKSTier }},
		{"container registry SKU", func(p *tier.Profile) string { return p.RegistrySKU }},
		{"storage SKU (region without / with zones)", func(p *tier.Profile) string { return p.Storage.SKU + " / " + p.Storage.ZonalSKU }},
		{"storage redundancy required by the pack", func(p *tier.Profile) string { return yes(p.Storage.RedundancyRequired) }},
		{"blob and container soft delete", func(p *tier.Profile) string { return days(p.Storage.SoftDeleteDays) }},
		{"storage private endpoint in every region", func(p *tier.Profile) string { return yes(p.Storage.RegionalPrivateEndpoints) }},
		{"storage shared-key access must be off (policy)", func(p *tier.Profile) string { return yes(p.Storage.SharedKeyDisabled) }},
		{"storage infrastructure encryption", func(p *tier.Profile) string { return yes(p.Storage.InfrastructureEncryption) }},
		{"Key Vault SKU", func(p *tier.Profile) string { return p.KeyVault.SKU }},
		{"Key Vault soft delete", func(p *tier.Profile) string { return days(p.KeyVault.SoftDeleteDays) }},
		{"Key Vault public network access", func(p *tier.Profile) string { return yes(p.KeyVault.PublicNetworkAccess) }},
		{"Front Door SKU", func(p *tier.Profile) string { return p.FrontDoor.SKU }},
		{"WAF mode", func(p *tier.Profile) string { return p.FrontDoor.WAFMode }},
		{"WAF managed rule sets", func(p *tier.Profile) string {
			var out []string
			for _, m := range p.FrontDoor.ManagedRuleSets {
				out = append(out, m.Type+" "+m.Version)
			}
			return list(out)
		}},
		{"Front Door API health probe", func(p *tier.Profile) string { return fmt.Sprintf("every %d s", p.FrontDoor.ProbeIntervalSeconds) }},
		{"log retention", func(p *tier.Profile) string { return days(p.Logs.RetentionDays) }},
		{"log ingestion daily cap", func(p *tier.Profile) string {
			if p.Logs.DailyQuotaGB == 0 {
				return "none"
			}
			return fmt.Sprintf("%g GB", p.Logs.DailyQuotaGB)
		}},
		{"Traffic Manager and DNS TTL", func(p *tier.Profile) string { return fmt.Sprintf("%d s", p.Routing.DNSTTL) }},
		{"Traffic Manager probe (interval / timeout / tolerated failures)", func(p *tier.Profile) string {
			return fmt.Sprintf("%d s / %d s / %d", p.Routing.ProbeIntervalSeconds, p.Routing.ProbeTimeoutSeconds, p.Routing.ToleratedFailures)
		}},
		{"player data (Cosmos DB) continuous backup", func(p *tier.Profile) string { return p.PlayerData.BackupPolicy }},
		{"player data zone redundant (regions with zones)", func(p *tier.Profile) string { return yes(p.PlayerData.ZoneRedundant) }},
		{"player data public network access", func(p *tier.Profile) string { return yes(p.PlayerData.PublicNetworkAccess) }},
		{"player data autoscale max RU/s per region / planned storage (defaults)", func(p *tier.Profile) string {
			return fmt.Sprintf("%d / %d GiB", p.PlayerData.MaxThroughput, p.PlayerData.StorageGiB)
		}},
	}
	var b strings.Builder
	b.WriteString("| setting |")
	for _, t := range tier.All {
		fmt.Fprintf(&b, " %s |", t)
	}
	b.WriteString("\n|---|")
	for range tier.All {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s |", r.name)
		for _, t := range tier.All {
			fmt.Fprintf(&b, " %s |", r.cell(tier.Of(t)))
		}
		b.WriteString("\n")
	}
	return b.String()
}
