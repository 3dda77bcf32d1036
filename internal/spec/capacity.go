package spec

import (
	"fmt"

	"github.com/gameplatform/platform/internal/capacity"
)

// MaxNodesPerPool caps one game pool's autoscaler max per tier; the capacity model
// splits demand into more pools rather than exceed it. It is the governance cap the
// policy pack enforces (settings.maxNodesPerPool in policies/rules/enforcement.yaml;
// a test there checks the two agree): small pools in dev and staging bound what a
// misconfigured autoscaler can spend.
var MaxNodesPerPool = map[Tier]int{TierDev: 20, TierStaging: 100, TierProd: 1000}

// CapacityOptions returns the capacity model's options for a tier.
func CapacityOptions(t Tier) capacity.Options {
	return capacity.Options{Prod: t == TierProd, MaxNodesPerPool: MaxNodesPerPool[t]}
}

// Demand returns the capacity model's view of a region's demand. The VM size must be
// in the catalogue (validation guarantees it); an unknown size yields a zero VM,
// which the model rejects.
func (c Capacity) Demand() capacity.Demand {
	vm := VMSizes[c.VMSize]
	return capacity.Demand{
		PeakPlayers:      c.PeakPlayers,
		PlayersPerServer: c.PlayersPerServer,
		VCPUPerServer:    c.VCPUPerServer,
		VM:               capacity.VM{Name: vm.Name, VCPU: vm.VCPU, MemoryGiB: vm.MemoryGiB, Family: vm.Family},
	}
}

// Sizing returns the node pool sizing of every region of a validated spec, in
// declaration order.
func (s *Spec) Sizing() ([]capacity.Plan, error) {
	out := make([]capacity.Plan, len(s.Regions))
	for i, r := range s.Regions {
		p, err := capacity.Size(r.Capacity.Demand(), CapacityOptions(s.Tier))
		if err != nil {
			return nil, &ConfigError{Source: s.Source, Errs: single(fmt.Sprintf("regions[%d].capacity.peakPlayers", i), "%v", err)}
		}
		out[i] = p
	}
	return out, nil
}
