package azurelimits

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// within is a footprint inside every limit (prod's shape with seven regions).
func within() Footprint {
	return Footprint{Regions: 7, TrafficManagerEndpoints: 7, FrontDoorEndpoints: 2, FrontDoorOriginGroups: 2,
		FrontDoorOrigins: 8, FrontDoorLargestGroup: 7, FrontDoorRoutesPerEndpoint: 1, FrontDoorRuleSets: 1,
		FrontDoorRulesPerRuleSet: 1, WAFCustomRules: 1, DNSRecordSets: 5, NSGRules: 4, PeeringsPerVNet: 6}
}

func TestFootprintWithinLimits(t *testing.T) {
	if v := within().Check(); len(v) != 0 {
		t.Errorf("prod-shaped footprint refused: %v", v)
	}
}

// TestFootprintEachLimit exceeds one limit at a time, by one, and wants exactly that
// limit reported with its field, figure and source; at the limit it passes.
func TestFootprintEachLimit(t *testing.T) {
	fd := FrontDoor["Standard_AzureFrontDoor"]
	cases := []struct {
		name  string
		set   func(*Footprint, int)
		limit int
		field string
		want  string
	}{
		{"traffic manager endpoints", func(f *Footprint, n int) { f.TrafficManagerEndpoints = n }, TrafficManagerEndpointsPerProfile, "regions", "Traffic Manager endpoints in the profile (one per region), above Azure's limit of 200 (" + SourceTrafficManager + ")"},
		{"origins per origin group", func(f *Footprint, n int) { f.FrontDoorLargestGroup = n }, fd.OriginsPerGroup, "regions", "Front Door origins in the API origin group (one per region), above Azure's limit of 50 (" + SourceFrontDoor + ")"},
		{"origins per profile", func(f *Footprint, n int) { f.FrontDoorOrigins = n }, fd.Origins, "regions", "Front Door origins in the profile, above Azure's limit of 100"},
		{"peerings per vnet", func(f *Footprint, n int) { f.PeeringsPerVNet = n }, VNetPeeringsPerVNet, "regions", "VNet peerings per VNet, above Azure's limit of 500 (" + SourceNetworking + ")"},
		{"front door endpoints", func(f *Footprint, n int) { f.FrontDoorEndpoints = n }, fd.Endpoints, "cdn", "Front Door endpoints in the profile, above Azure's limit of 10"},
		{"origin groups", func(f *Footprint, n int) { f.FrontDoorOriginGroups = n }, fd.OriginGroups, "cdn", "Front Door origin groups in the profile, above Azure's limit of 100"},
		{"routes per endpoint", func(f *Footprint, n int) { f.FrontDoorRoutesPerEndpoint = n }, fd.RoutesPerEndpoint, "cdn", "Front Door routes on one endpoint, above Azure's limit of 100"},
		{"rule sets", func(f *Footprint, n int) { f.FrontDoorRuleSets = n }, fd.RuleSets, "cdn", "Front Door rule sets in the profile, above Azure's limit of 100"},
		{"rules per rule set", func(f *Footprint, n int) { f.FrontDoorRulesPerRuleSet = n }, fd.RulesPerRuleSet, "cdn", "Front Door rules in one rule set, above Azure's limit of 100"},
		{"waf custom rules", func(f *Footprint, n int) { f.WAFCustomRules = n }, fd.WAFCustomRules, "cdn.rateLimitPerMinute", "WAF custom rules in the policy, above Azure's limit of 100"},
		{"dns record sets", func(f *Footprint, n int) { f.DNSRecordSets = n }, DNSRecordSetsPerZone, "domain", "record sets in the DNS zone, above Azure's limit of 10000 (" + SourceDNS + ")"},
		{"nsg rules", func(f *Footprint, n int) { f.NSGRules = n }, NSGRulesPerNSG, "gamePorts", "rules in one network security group, above Azure's limit of 1000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := within()
			tc.set(&f, tc.limit)
			if v := f.Check(); len(v) != 0 {
				t.Errorf("at the limit (%d): %v", tc.limit, v)
			}
			tc.set(&f, tc.limit+1)
			v := f.Check()
			if len(v) != 1 || v[0].Field != tc.field || !strings.Contains(v[0].Msg, tc.want) {
				t.Errorf("one above the limit: %+v, want %s: …%s", v, tc.field, tc.want)
			}
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestKubernetesVersions(t *testing.T) {
	if diff := cmp.Diff([]string{"1.35", "1.36", "1.37"}, SupportedKubernetesVersions(day("2026-12-02"))); diff != "" {
		t.Errorf("supported on 2026-12-02 (-want +got):\n%s", diff)
	}
	cases := []struct {
		version, day, refusal, notice string
	}{
		{"1.36", "2026-12-02", "", ""},
		{"1.36.3", "2026-12-02", "", ""},
		{"1.35", "2027-02-28", "", ""},
		{"1.35", "2027-03-01", "", "AKS 1.35 reached end of life in March 2027: AKS creates no new cluster on it and existing ones get platform support only; on 2027-03-01 AKS supports 1.36, 1.37 (" + SourceAKSVersions + ")"},
		{"1.33", "2026-12-02", "", "AKS 1.33 reached end of life in July 2026"},
		{"1.36", "2031-06-30", "", "AKS 1.36 reached end of life in June 2027: AKS creates no new cluster on it and existing ones get platform support only; on 2031-06-30 AKS supports none of the versions in this table"},
		{"1.37", "2026-09-30", "AKS offers 1.37 generally from October 2026; on 2026-09-30 AKS supports 1.34, 1.35, 1.36", ""},
		{"1.99", "2026-12-02", "1.99 is not in AKS's release calendar; on 2026-12-02 AKS supports 1.35, 1.36, 1.37", ""},
	}
	for _, tc := range cases {
		refusal, notice := CheckKubernetesVersion(tc.version, day(tc.day))
		for _, c := range []struct{ got, want string }{{refusal, tc.refusal}, {notice, tc.notice}} {
			if (c.want == "") != (c.got == "") || !strings.HasPrefix(c.got, c.want) {
				t.Errorf("CheckKubernetesVersion(%s, %s) = %q, %q; want %q…, %q…", tc.version, tc.day, refusal, notice, tc.refusal, tc.notice)
			}
		}
	}
}

func TestZonesAndVMFamilies(t *testing.T) {
	for _, r := range catalogueRegions {
		if !HasZones(r) {
			t.Errorf("%s: the regions list marks it zonal", r)
		}
		for fam := range VMFamilyRegions {
			if !VMFamilyOffered(fam, r) {
				t.Errorf("%s not offered in %s", fam, r)
			}
		}
	}
	for _, r := range []string{"northcentralus", "westus", "ukwest", "unknown"} {
		if HasZones(r) {
			t.Errorf("%s has no availability zones", r)
		}
	}
	if VMFamilyOffered("standardFSv2Family", "ukwest") || VMFamilyOffered("standardNoSuchFamily", "japaneast") {
		t.Error("a family is offered only where listed")
	}
}

func TestTableHasSources(t *testing.T) {
	for _, l := range Table() {
		if l.Max <= 0 || !strings.HasPrefix(l.Source, "https://") || l.What == "" {
			t.Errorf("limit %+v needs a figure and a source", l)
		}
	}
}
