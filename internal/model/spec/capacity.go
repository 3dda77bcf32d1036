package spec

import (
	"fmt"
	"net/netip"
	"regexp"

	"github.com/gameplatform/platform/internal/model/azurelimits"
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

// GameNodeAddresses is how many game-node addresses a region block has: the network
// gives game nodes the first half of the block (components/network.SplitSubnets,
// whose tests check this agrees), less the five addresses Azure reserves in every
// subnet. Pods use the overlay and take no block addresses.
func GameNodeAddresses(block netip.Prefix) int {
	return 1<<(32-block.Bits()-1) - 5
}

// validateGameSubnet reports a block too small for the game nodes the region's
// demand can scale to, with their upgrade surge (capacity.Plan.GameSubnetAddresses,
// the one rule). With a custom (BYOIP) prefix, the nodes' addresses must also fit
// the largest prefix derived from one. Demand the model rejects is reported by
// validateCapacity.
func validateGameSubnet(c *field.ErrorList, path string, block netip.Prefix, cp Capacity, customPrefix string, t Tier) {
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
	if r := p.MaxNodes; customPrefix != "" && r > 1<<(32-azurelimits.CustomPrefixShortest) {
		c.Add(path+".customIpPrefixId", "the region's demand scales to %d game nodes, one address each, more than a prefix derived from a custom IPv4 prefix holds (at most /%d, %d addresses; %s): split the demand across regions or drop customIpPrefixId",
			r, azurelimits.CustomPrefixShortest, 1<<(32-azurelimits.CustomPrefixShortest), azurelimits.SourceCustomPrefix)
	}
	if need, room := p.GameSubnetAddresses(), GameNodeAddresses(block); need > room {
		c.Add(path+".addressSpace", "%s holds %d game-node addresses (half the block is the game subnet); the region's demand scales to %d game nodes, %d with the %d%% upgrade surge: use a block of /%d or larger",
			block, room, p.MaxNodes, need, capacity.GameSurgePercent, SmallestBlockFor(need))
	}
}

// SmallestBlockFor returns the longest prefix length (the smallest block) whose
// game subnet holds addresses game-node addresses; 0 when no IPv4 block does.
func SmallestBlockFor(addresses int) int {
	for bits := MaxAddressPrefix; bits > 0; bits-- {
		if GameNodeAddresses(netip.PrefixFrom(netip.IPv4Unspecified(), bits)) >= addresses {
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

var customIPPrefixRE = regexp.MustCompile(`(?i)^/subscriptions/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/resourceGroups/[-\w.()]{1,90}/providers/Microsoft\.Network/customIpPrefixes/[-\w.]{1,80}$`)

// ValidCustomIPPrefixID checks that id is the resource ID of a custom IP prefix.
func ValidCustomIPPrefixID(id string) error {
	if !customIPPrefixRE.MatchString(id) {
		return fmt.Errorf("%q is not the resource ID of a custom IP prefix (/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Network/customIpPrefixes/<name>)", id)
	}
	return nil
}
