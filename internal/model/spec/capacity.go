package spec

import (
	"fmt"
	"net/netip"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/tier"
)

// CapacityOptions returns the capacity model's options for a tier: its profile's
// pool cap (which the node-count-cap policy enforces) and system pool range.
func CapacityOptions(t Tier) capacity.Options {
	p := tier.Of(t)
	return capacity.Options{SystemPool: p.SystemPool, MaxNodesPerPool: p.MaxNodesPerPool}
}

// GameNodeAddresses is how many game nodes a region block can hold: the network
// gives game nodes the first half of the block (components/network.SplitSubnets,
// whose tests check this agrees), one address per node, less the five Azure
// reserves in every subnet. Pods use the overlay and take no block addresses.
func GameNodeAddresses(block netip.Prefix) int {
	return 1<<(32-block.Bits()-1) - 5
}

// validateGameSubnet reports a block too small for the game nodes the region's
// demand can scale to. Demand the model rejects is reported by validateCapacity.
func validateGameSubnet(c *field.ErrorList, path string, block netip.Prefix, cp Capacity, t Tier) {
	if !block.IsValid() {
		return
	}
	if _, ok := VMSizes[cp.VMSize]; !ok {
		return
	}
	p, err := capacity.Size(cp.Demand(), CapacityOptions(t))
	if err != nil {
		return
	}
	if room := GameNodeAddresses(block); p.MaxNodes > room {
		c.Add(path+".addressSpace", "%s holds at most %d game nodes (half the block is the game subnet); the region's demand scales to %d: use a block of /%d or larger",
			block, room, p.MaxNodes, smallestBlockFor(p.MaxNodes))
	}
}

// smallestBlockFor returns the longest prefix length whose game subnet holds nodes.
func smallestBlockFor(nodes int) int {
	for bits := MaxAddressPrefix; bits > 0; bits-- {
		if GameNodeAddresses(netip.PrefixFrom(netip.IPv4Unspecified(), bits)) >= nodes {
			return bits
		}
	}
	return 0
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
