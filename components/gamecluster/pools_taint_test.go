package gamecluster

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
)

// TestPoolsReserveTheirRole: the system pool admits only critical add-ons and the
// game pools only what tolerates the game taint (the fleet's game servers), each
// labelled with its role, so workloads select their pool by PoolLabel.
func TestPoolsReserveTheirRole(t *testing.T) {
	p, err := capacity.Size(capacity.Demand{PeakPlayers: 20000, PlayersPerServer: 16, VCPUPerServer: 2,
		VM: capacity.VM{Name: "Standard_F16s_v2", VCPU: 16, MemoryGiB: 32, Family: "standardFSv2Family"}}, capacity.Options{MaxNodesPerPool: 100})
	if err != nil {
		t.Fatal(err)
	}
	pools, err := Pools(p, spec.TierStaging, false, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, pool := range pools {
		taints, role := []string{GameTaint}, "game"
		if pool.Mode == "System" {
			taints, role = []string{SystemTaint}, "system"
		}
		if d := cmp.Diff(taints, pool.Taints); d != "" {
			t.Errorf("pool %s taints (-want +got):\n%s", pool.Name, d)
		}
		if pool.Labels[PoolLabel] != role {
			t.Errorf("pool %s labels %v, want %s=%s", pool.Name, pool.Labels, PoolLabel, role)
		}
	}
	if GameTaint != "gameplatform.io/pool=game:NoSchedule" {
		t.Errorf("GameTaint = %q", GameTaint)
	}
}
