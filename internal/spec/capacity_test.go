package spec

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/capacity"
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
	s.Regions[1].Capacity.PeakPlayers = 300_000
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
