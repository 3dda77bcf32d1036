package addressplan

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// BlockBits returns the prefix length of the block a region of the tier needs when
// its game nodes need gameAddresses addresses (capacity.Plan.GameSubnetAddresses:
// every game node at its maximum plus its upgrade surge): the tier's minimum block
// (its profile's MinBlockBits), or the smallest larger one whose game subnet
// (spec.GameNodeAddresses, half the block) holds them — the same rule the
// environment model validates a block with. It is an error when even a
// /spec.MinAddressPrefix is too small.
func BlockBits(t spec.Tier, gameAddresses int) (int, error) {
	if gameAddresses < 0 {
		return 0, fmt.Errorf("internal error: negative address count %d", gameAddresses)
	}
	b := tier.Of(t).MinBlockBits
	fits := func(bits int) bool {
		return spec.GameNodeAddresses(netip.PrefixFrom(netip.IPv4Unspecified(), bits)) >= gameAddresses
	}
	for b > spec.MinAddressPrefix && !fits(b) {
		b--
	}
	if !fits(b) {
		return 0, fmt.Errorf("%d game-node addresses do not fit the largest region block (/%d), whose game subnet holds %d",
			gameAddresses, spec.MinAddressPrefix, spec.GameNodeAddresses(netip.PrefixFrom(netip.IPv4Unspecified(), spec.MinAddressPrefix)))
	}
	return b, nil
}

func blockSize(prefixBits int) uint64 { return 1 << (32 - prefixBits) }

// Want is one block a new environment needs.
type Want struct {
	// Name identifies the block in errors, e.g. "regions[1] (japaneast)".
	Name string
	// Bits is the prefix length of the block.
	Bits int
}

// ExhaustedError reports that the plan has no free block of the wanted size.
type ExhaustedError struct {
	Plan  netip.Prefix
	Want  Want
	InUse int // blocks in use, including the ones allocated before this one
	Free  uint64
}

func (e *ExhaustedError) Error() string {
	return fmt.Sprintf("address plan %s has no free /%d block left for %s (%d blocks in use, %d addresses free but fragmented or too few); "+
		"retire expired environments (`platform env expired`) or extend the plan",
		e.Plan, e.Want.Bits, e.Want.Name, e.InUse, e.Free)
}

// Allocate returns one block per want, in order, from plan: each the lowest aligned
// block of its size that overlaps neither a block in use nor one allocated before it.
// Blocks in use outside the plan are ignored; they cannot collide with it.
func Allocate(plan netip.Prefix, inUse []netip.Prefix, wants []Want) ([]netip.Prefix, error) {
	plan = plan.Masked()
	if !plan.Addr().Is4() {
		return nil, fmt.Errorf("internal error: address plan %s is not IPv4", plan)
	}
	used := make([]netip.Prefix, 0, len(inUse)+len(wants))
	for _, p := range inUse {
		if p.IsValid() && p.Addr().Is4() && p.Overlaps(plan) {
			used = append(used, p.Masked())
		}
	}
	out := make([]netip.Prefix, 0, len(wants))
	for _, w := range wants {
		if w.Bits < plan.Bits() || w.Bits > 32 {
			return nil, fmt.Errorf("internal error: %s wants a /%d, which does not fit the plan %s", w.Name, w.Bits, plan)
		}
		p, ok := firstFit(plan, used, w.Bits)
		if !ok {
			return nil, &ExhaustedError{Plan: plan, Want: w, InUse: len(used), Free: free(plan, used)}
		}
		used = append(used, p)
		out = append(out, p)
	}
	return out, nil
}

// firstFit scans plan for the lowest aligned /bits block that overlaps nothing in used.
// It jumps past each overlapping block instead of stepping block by block.
func firstFit(plan netip.Prefix, used []netip.Prefix, bits int) (netip.Prefix, bool) {
	sorted := append([]netip.Prefix(nil), used...)
	sort.Slice(sorted, func(i, j int) bool { return u32(sorted[i].Addr()) < u32(sorted[j].Addr()) })
	size := blockSize(bits)
	start := uint64(u32(plan.Addr()))
	end := start + blockSize(plan.Bits()) // exclusive
	for cand := start; cand+size <= end; {
		candEnd := cand + size
		next := uint64(0)
		for _, u := range sorted {
			us := uint64(u32(u.Addr()))
			ue := us + blockSize(u.Bits())
			if us < candEnd && cand < ue { // overlap
				next = max(next, ue)
			}
		}
		if next == 0 {
			return netip.PrefixFrom(addr(uint32(cand)), bits), true
		}
		// Next aligned candidate at or after the end of what overlapped.
		cand = (next + size - 1) / size * size
	}
	return netip.Prefix{}, false
}

// free counts the plan's addresses not covered by used (used blocks may nest).
func free(plan netip.Prefix, used []netip.Prefix) uint64 {
	type span struct{ s, e uint64 }
	var spans []span
	ps := uint64(u32(plan.Addr()))
	pe := ps + blockSize(plan.Bits())
	for _, u := range used {
		s := uint64(u32(u.Addr()))
		e := s + blockSize(u.Bits())
		spans = append(spans, span{max(s, ps), min(e, pe)})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s < spans[j].s })
	var covered, reach uint64 = 0, ps
	for _, sp := range spans {
		if sp.e <= reach {
			continue
		}
		covered += sp.e - max(sp.s, reach)
		reach = sp.e
	}
	return (pe - ps) - covered
}

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func addr(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
