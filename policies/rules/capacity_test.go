package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/spec"
)

// TestCapacityModelHonoursThePoolCap keeps the capacity model's per-tier pool cap
// (which splits demand into pools) equal to the node-count-cap policy's setting, so
// a validated environment never trips the policy with its own sizing.
func TestCapacityModelHonoursThePoolCap(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cfg.Settings.MaxNodesPerPool, spec.MaxNodesPerPool); diff != "" {
		t.Errorf("spec.MaxNodesPerPool disagrees with settings.maxNodesPerPool (-policy +spec):\n%s", diff)
	}
}
