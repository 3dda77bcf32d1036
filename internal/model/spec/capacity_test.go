package spec

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/capacity"
)

func TestDemandThatCannotFitAClusterIsRejected(t *testing.T) {
	s := validSpec()
	s.Tier = TierProd
	s.Regions[1].Capacity.PeakPlayers = 1_000_000 // ~7800 F16 nodes with headroom
	got := problems(t, s.Validate(testNow))
	if len(got) != 1 || !strings.HasPrefix(got[0], "regions[1].capacity.peakPlayers: 1000000 peak players need ") ||
		!strings.Contains(got[0], "split the demand across regions or use a larger VM size") {
		t.Errorf("problems = %q", got)
	}
	// 120k players: 1563 nodes at max in two pools, 1721 addresses with the pools'
	// 10% upgrade surge: fits a cluster and the /20's game subnet (2043).
	s.Regions[1].Capacity.PeakPlayers = 120_000
	if err := s.Validate(testNow); err != nil {
		t.Errorf("demand that fits rejected: %v", err)
	}
}

func TestCapacityNotCheckedTwiceForBadInputs(t *testing.T) {
	s := validSpec()
	s.Regions[0].Capacity.VMSize = "Standard_D2s_v5"
	s.Regions[0].Capacity.VCPUPerServer = 2 // fits the VM's 2 vCPU, not its 1.7 usable
	got := problems(t, s.Validate(testNow))
	if len(got) != 1 || !strings.Contains(got[0], "regions[0].capacity.peakPlayers: a 2-vCPU game server does not fit a Standard_D2s_v5") {
		t.Errorf("problems = %q", got)
	}
	s.Regions[0].Capacity.VCPUPerServer = 3 // already reported by the vcpuPerServer check
	got = problems(t, s.Validate(testNow))
	if len(got) != 1 || !strings.HasPrefix(got[0], "regions[0].capacity.vcpuPerServer:") {
		t.Errorf("problems = %q", got)
	}
}

func TestSizingFollowsTheSpec(t *testing.T) {
	s := validSpec()
	plans, err := s.Sizing()
	if err != nil {
		t.Fatal(err)
	}
	// 1000 players / 16 = 63 servers; F16 holds 6 -> 11 nodes at peak, max 14, min 3
	if len(plans) != 2 || plans[0].NodesAtPeak != 11 || plans[0].MaxNodes != 14 || plans[0].MinNodes != 3 {
		t.Errorf("plans = %+v", plans)
	}
	if DefaultHeadroom != capacity.Headroom || DefaultStandbyFraction != capacity.StandbyFraction {
		t.Errorf("spec defaults (%v, %v) disagree with the capacity model (%v, %v)", DefaultHeadroom, DefaultStandbyFraction, capacity.Headroom, capacity.StandbyFraction)
	}
}

func TestBlockTooSmallForTheGameNodes(t *testing.T) {
	s := validSpec()
	s.Tier = TierProd
	// 300k players on F16: 18750 servers, 3125 nodes at peak, 3907 max in four
	// pools, 4299 addresses with each pool's 10% upgrade surge; a /20's game subnet
	// is a /21 with 2043 usable addresses, a /19's 4091, a /18's 8187.
	s.Regions[0].Capacity.PeakPlayers = 300_000
	got := problems(t, s.Validate(testNow))
	want := "regions[0].addressSpace: 10.10.0.0/20 holds 2043 game-node addresses (half the block is the game subnet); the region's demand scales to 3907 game nodes, 4299 with the 10% upgrade surge: use a block of /18 or larger"
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %q\nwant %q", got, want)
	}
	if n := GameNodeAddresses(netip.MustParsePrefix("10.0.0.0/19")); n != 4091 {
		t.Errorf("a /19 holds %d game nodes, want 4091", n)
	}
}
