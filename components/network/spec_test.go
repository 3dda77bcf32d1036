package network

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/spec"
)

func TestSplitSubnets(t *testing.T) {
	pp := netip.MustParsePrefix
	cases := []struct {
		block string
		want  Subnets
	}{
		{"10.10.0.0/20", Subnets{Game: pp("10.10.0.0/21"), Services: pp("10.10.8.0/22"), System: pp("10.10.12.0/23"), PrivateEndpoints: pp("10.10.14.0/24")}},
		{"10.20.64.0/18", Subnets{Game: pp("10.20.64.0/19"), Services: pp("10.20.96.0/20"), System: pp("10.20.112.0/21"), PrivateEndpoints: pp("10.20.120.0/22")}},
		{"10.100.0.0/16", Subnets{Game: pp("10.100.0.0/17"), Services: pp("10.100.128.0/18"), System: pp("10.100.192.0/19"), PrivateEndpoints: pp("10.100.224.0/20")}},
		{"10.1.2.0/24", Subnets{Game: pp("10.1.2.0/25"), Services: pp("10.1.2.128/26"), System: pp("10.1.2.192/27"), PrivateEndpoints: pp("10.1.2.224/28")}},
	}
	for _, tc := range cases {
		t.Run(tc.block, func(t *testing.T) {
			block := pp(tc.block)
			got, err := SplitSubnets(block)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })); diff != "" {
				t.Errorf("SplitSubnets(%s) (-want +got):\n%s", tc.block, diff)
			}
			// every subnet inside the block, none overlapping another
			for i, a := range Roles {
				pa := got.ByRole(a)
				if !block.Contains(pa.Addr()) || pa.Bits() <= block.Bits() {
					t.Errorf("%s subnet %s is not inside %s", a, pa, block)
				}
				for _, b := range Roles[i+1:] {
					if pa.Overlaps(got.ByRole(b)) {
						t.Errorf("%s %s overlaps %s %s", a, pa, b, got.ByRole(b))
					}
				}
			}
		})
	}
}

func TestSplitSubnetsErrors(t *testing.T) {
	cases := []struct {
		block netip.Prefix
		want  string
	}{
		{netip.MustParsePrefix("10.0.0.0/15"), "must be between /16 and /24"},
		{netip.MustParsePrefix("10.0.0.0/25"), "must be between /16 and /24"},
		{netip.MustParsePrefix("10.0.1.0/20"), "not aligned"},
		{netip.MustParsePrefix("fd00::/48"), "not an IPv4 block"},
		{netip.Prefix{}, "not an IPv4 block"},
	}
	for _, tc := range cases {
		_, err := SplitSubnets(tc.block)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SplitSubnets(%s) = %v, want %q", tc.block, err, tc.want)
		}
	}
	if _, err := SplitSubnets(netip.MustParsePrefix("10.0.0.0/16")); err != nil {
		t.Errorf("/16 rejected: %v", err)
	}
	if _, err := SplitSubnets(netip.MustParsePrefix("10.0.0.0/24")); err != nil {
		t.Errorf("/24 rejected: %v", err)
	}
}

func TestGamePrefixLength(t *testing.T) {
	cases := []struct{ nodes, want int }{
		{1, 31}, {2, 31}, {3, 30}, {4, 30}, {5, 29}, {16, 28}, {17, 27}, {53, 26}, {2605, 20}, {4096, 20}, {4097, 19},
	}
	for _, tc := range cases {
		got := GamePrefixLength(tc.nodes)
		if got != tc.want {
			t.Errorf("GamePrefixLength(%d) = /%d, want /%d", tc.nodes, got, tc.want)
		}
		if 1<<(32-got) < tc.nodes {
			t.Errorf("/%d holds fewer than %d addresses", got, tc.nodes)
		}
	}
}

func TestSecurityRules(t *testing.T) {
	ports := spec.PortRange{Start: 7000, End: 7999, QoSPort: 3075}
	deny := Rule{Name: "deny-admin-from-internet", Priority: 100, Direction: "Inbound", Access: "Deny", Protocol: "*", Source: "Internet", DestPorts: []string{"22", "3389"}}
	denyAll := Rule{Name: "deny-internet-inbound", Priority: 4096, Direction: "Inbound", Access: "Deny", Protocol: "*", Source: "Internet", DestPorts: []string{"*"}}
	noDesc := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Description" }, cmp.Ignore())
	game := SecurityRules(RoleGame, ports)
	want := []Rule{
		deny,
		{Name: "allow-game-udp", Priority: 200, Direction: "Inbound", Access: "Allow", Protocol: "Udp", Source: "Internet", DestPorts: []string{"7000-7999"}},
		{Name: "allow-qos-udp", Priority: 210, Direction: "Inbound", Access: "Allow", Protocol: "Udp", Source: "Internet", DestPorts: []string{"3075"}},
		denyAll,
	}
	if diff := cmp.Diff(want, game, noDesc); diff != "" {
		t.Errorf("game rules (-want +got):\n%s", diff)
	}
	for _, role := range []string{RoleSystem, RoleServices, RolePrivateEndpoints} {
		if diff := cmp.Diff([]Rule{deny, denyAll}, SecurityRules(role, ports), noDesc); diff != "" {
			t.Errorf("%s rules (-want +got):\n%s", role, diff)
		}
	}
	if got := SecurityRules(RoleGame, spec.PortRange{Start: 7777, End: 7777, QoSPort: 3075}); got[1].DestPorts[0] != "7777" {
		t.Errorf("single-port range = %v", got[1].DestPorts)
	}
}

// TestGameSubnetAgreesWithSpec keeps the environment model's game-node room (used
// to reject a block too small for the demand) equal to the split's game subnet.
func TestGameSubnetAgreesWithSpec(t *testing.T) {
	for _, b := range []string{"10.10.0.0/16", "10.10.0.0/18", "10.10.0.0/20", "10.1.2.0/24"} {
		block := netip.MustParsePrefix(b)
		s, err := SplitSubnets(block)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := spec.GameNodeAddresses(block), UsableIPs(s.Game); got != want {
			t.Errorf("%s: spec allows %d game nodes, the game subnet holds %d", b, got, want)
		}
	}
}

func TestMeshSchedule(t *testing.T) {
	for n := 0; n <= 9; n++ {
		ops := MeshSchedule(n)
		if len(ops) != n*(n-1) {
			t.Errorf("n=%d: %d peerings, want %d", n, len(ops), n*(n-1))
		}
		seen := map[[2]int]bool{}
		chain := make([]int, n) // peerings chained on each local VNet
		for _, op := range ops {
			if op[0] == op[1] || op[0] >= n || op[1] >= n || seen[op] {
				t.Errorf("n=%d: bad or repeated peering %v", n, op)
			}
			seen[op] = true
			chain[op[0]]++
		}
		for i, c := range chain {
			if c != n-1 {
				t.Errorf("n=%d: region %d has %d outgoing peerings, want %d", n, i, c, n-1)
			}
		}
	}
	if diff := cmp.Diff([][2]int{{0, 1}, {1, 2}, {2, 0}, {0, 2}, {1, 0}, {2, 1}}, MeshSchedule(3)); diff != "" {
		t.Errorf("MeshSchedule(3) (-want +got):\n%s", diff)
	}
}
