package addressplan

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

func pfx(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func wants(bits ...int) []Want {
	out := make([]Want, len(bits))
	for i, b := range bits {
		out[i] = Want{Name: fmt.Sprintf("regions[%d]", i), Bits: b}
	}
	return out
}

func TestBlockBits(t *testing.T) {
	// A block's game subnet is half of it less Azure's five reserved addresses: a
	// /20 holds 2043, a /19 4091, a /18 8187, a /16 32763.
	cases := []struct {
		tier      spec.Tier
		addresses int
		want      int
	}{
		{spec.TierDev, 0, 20},
		{spec.TierDev, 2043, 20},     // exactly a /20's game subnet
		{spec.TierDev, 2044, 19},     // one more address needs the next size up
		{spec.TierDev, 4091, 19},     //
		{spec.TierDev, 4092, 18},     //
		{spec.TierStaging, 10, 18},   // the tier minimum
		{spec.TierStaging, 8188, 17}, // above a /18's 8187
		{spec.TierProd, 1, 16},
		{spec.TierDev, 32763, 16}, // the largest block
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s-%d", tc.tier, tc.addresses), func(t *testing.T) {
			got, err := BlockBits(tc.tier, tc.addresses)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("BlockBits(%s, %d) = /%d, want /%d", tc.tier, tc.addresses, got, tc.want)
			}
		})
	}
	if _, err := BlockBits(spec.TierDev, 32764); err == nil || !strings.Contains(err.Error(), "32764 game-node addresses do not fit the largest region block (/16), whose game subnet holds 32763") {
		t.Errorf("32764 addresses: err = %v", err)
	}
	if _, err := BlockBits(spec.TierDev, -1); err == nil {
		t.Error("a negative count accepted")
	}
}

func TestAllocate(t *testing.T) {
	plan := netip.MustParsePrefix("10.0.0.0/8")
	cases := []struct {
		name  string
		inUse []netip.Prefix
		wants []Want
		want  []netip.Prefix
	}{
		{"empty plan starts at the bottom", nil, wants(20, 20), pfx("10.0.0.0/20", "10.0.16.0/20")},
		{"skips blocks in use", pfx("10.0.0.0/20", "10.0.16.0/20"), wants(20), pfx("10.0.32.0/20")},
		{"fills a hole between blocks", pfx("10.0.0.0/20", "10.0.32.0/20"), wants(20), pfx("10.0.16.0/20")},
		{"larger block aligns past a small one", pfx("10.0.0.0/20"), wants(18), pfx("10.0.64.0/18")},
		{"small block after a large one reuses the gap", pfx("10.0.0.0/20"), wants(18, 20), pfx("10.0.64.0/18", "10.0.16.0/20")},
		{"jumps over a /16 in use", pfx("10.0.0.0/16", "10.1.0.0/16"), wants(16, 20), pfx("10.2.0.0/16", "10.3.0.0/20")},
		{"shipped environments", pfx("10.10.0.0/20", "10.20.0.0/18", "10.20.64.0/18", "10.100.0.0/16"), wants(20, 19), pfx("10.0.0.0/20", "10.0.32.0/19")},
		{"blocks outside the plan are ignored", pfx("192.168.0.0/16", "172.16.0.0/12"), wants(20), pfx("10.0.0.0/20")},
		{"a block nested in another in use", pfx("10.0.0.0/16", "10.0.16.0/20"), wants(20), pfx("10.1.0.0/20")},
		{"nothing wanted", pfx("10.0.0.0/16"), nil, []netip.Prefix{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Allocate(plan, tc.inUse, tc.wants)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
				t.Errorf("Allocate (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAllocateManyRequestsNeverOverlap allocates many generated environments one after
// the other, each aware of every block before it, as `platform env request` does, and
// checks that no two blocks overlap, every block is inside the plan and aligned.
func TestAllocateManyRequestsNeverOverlap(t *testing.T) {
	plan := spec.PlatformAddressPlan
	r := rand.New(rand.NewPCG(1, 2))
	inUse := pfx("10.10.0.0/20", "10.20.0.0/18", "10.20.64.0/18", "10.100.0.0/16", "10.101.0.0/16")
	tiers := []spec.Tier{spec.TierDev, spec.TierStaging, spec.TierProd}
	for env := 0; env < 300; env++ {
		tier := tiers[r.IntN(len(tiers))]
		var ws []Want
		for i := range 1 + r.IntN(3) {
			b, err := BlockBits(tier, r.IntN(5000))
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, Want{Name: fmt.Sprintf("env%d regions[%d]", env, i), Bits: b})
		}
		got, err := Allocate(plan, inUse, ws)
		if err != nil {
			var ex *ExhaustedError
			if errors.As(err, &ex) {
				break // the plan filled up: also fine, checked below
			}
			t.Fatal(err)
		}
		for i, p := range got {
			if p.Bits() != ws[i].Bits || p.Masked() != p || !plan.Contains(p.Addr()) {
				t.Fatalf("env %d: block %s for /%d is misaligned or outside %s", env, p, ws[i].Bits, plan)
			}
		}
		inUse = append(inUse, got...)
	}
	if len(inUse) < 300 {
		t.Fatalf("only %d blocks allocated", len(inUse))
	}
	for i := range inUse {
		for j := i + 1; j < len(inUse); j++ {
			if inUse[i].Overlaps(inUse[j]) {
				t.Fatalf("%s overlaps %s", inUse[i], inUse[j])
			}
		}
	}
}

func TestAllocateIsDeterministic(t *testing.T) {
	inUse := pfx("10.0.16.0/20", "10.3.0.0/16", "10.0.128.0/18")
	ws := wants(20, 18, 16, 20, 19)
	first, err := Allocate(spec.PlatformAddressPlan, inUse, ws)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		// the order of the blocks in use must not matter
		shuffled := append([]netip.Prefix(nil), inUse...)
		rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Allocate(spec.PlatformAddressPlan, shuffled, ws)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, again, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
			t.Fatalf("allocation changed between runs (-first +again):\n%s", diff)
		}
	}
}

func TestAllocateExhaustion(t *testing.T) {
	plan := netip.MustParsePrefix("10.0.0.0/14") // four /16s
	cases := []struct {
		name     string
		inUse    []netip.Prefix
		wants    []Want
		wantName string
		wantFree uint64
	}{
		{"full plan", pfx("10.0.0.0/15", "10.2.0.0/15"), wants(20), "regions[0]", 0},
		{"full after earlier wants", pfx("10.0.0.0/16"), wants(16, 16, 16, 20), "regions[3]", 0},
		{"fragmented: room but no aligned /16", pfx("10.0.128.0/20", "10.1.128.0/20", "10.2.128.0/20", "10.3.128.0/20"), wants(16), "regions[0]", 4*65536 - 4*4096},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Allocate(plan, tc.inUse, tc.wants)
			var ex *ExhaustedError
			if !errors.As(err, &ex) {
				t.Fatalf("err = %v, want *ExhaustedError", err)
			}
			if ex.Want.Name != tc.wantName || ex.Free != tc.wantFree {
				t.Errorf("exhausted at %s with %d free, want %s with %d", ex.Want.Name, ex.Free, tc.wantName, tc.wantFree)
			}
			msg := err.Error()
			for _, want := range []string{"address plan 10.0.0.0/14 has no free /", "for " + tc.wantName, "platform env expired"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q: %s", want, msg)
				}
			}
		})
	}
	// The real /8 fills up after 256 /16s.
	var inUse []netip.Prefix
	for i := range 256 {
		inUse = append(inUse, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, byte(i), 0, 0}), 16))
	}
	if _, err := Allocate(spec.PlatformAddressPlan, inUse, wants(20)); err == nil {
		t.Error("a full 10.0.0.0/8 still allocated a block")
	}
	if got, err := Allocate(spec.PlatformAddressPlan, inUse[:255], wants(20)); err != nil || got[0] != netip.MustParsePrefix("10.255.0.0/20") {
		t.Errorf("last free /16: got %v, %v", got, err)
	}
}

// TestBlockBitsHoldTheGameSubnet: a block sized by BlockBits always passes the
// environment model's check that its game subnet holds the cluster's game nodes
// and their surge, and is the smallest such block the tier allows.
func TestBlockBitsHoldTheGameSubnet(t *testing.T) {
	for _, tier := range spec.Tiers {
		for addrs := 0; addrs <= 32763; addrs += 7 {
			b, err := BlockBits(tier, addrs)
			if err != nil {
				t.Fatal(err)
			}
			block := netip.PrefixFrom(netip.MustParseAddr("10.0.0.0"), b)
			if room := spec.GameNodeAddresses(block); room < addrs {
				t.Fatalf("%s, %d addresses: /%d's game subnet holds %d", tier, addrs, b, room)
			}
			if smallest := spec.SmallestBlockFor(addrs); b != min(smallest, tierMinBits(tier)) {
				t.Fatalf("%s, %d addresses: /%d, want /%d (the smallest fitting block, at most the tier's minimum)", tier, addrs, b, min(smallest, tierMinBits(tier)))
			}
		}
	}
}

func tierMinBits(t spec.Tier) int { return tier.Of(t).MinBlockBits }
