package network

import (
	"fmt"
	"math/bits"
	"net/netip"
	"strconv"

	"github.com/gameplatform/platform/internal/model/azurelimits"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Subnet roles, also the subnets' names inside the VNet.
const (
	RoleSystem           = "system"
	RoleGame             = "game"
	RoleServices         = "services"
	RolePrivateEndpoints = "private-endpoints"
)

// Roles lists the subnet roles in address order.
var Roles = []string{RoleGame, RoleServices, RoleSystem, RolePrivateEndpoints}

// Subnets is the split of a region's block into subnets.
type Subnets struct {
	Game             netip.Prefix // first half: one IP per game node (pods use the overlay)
	Services         netip.Prefix // next quarter: internal services, internal load balancers
	System           netip.Prefix // next eighth: system pool nodes
	PrivateEndpoints netip.Prefix // next sixteenth: private endpoints of storage, vault, registry
	// The last sixteenth stays free for growth (a gateway or firewall subnet).
}

// ByRole returns the subnet of a role.
func (s Subnets) ByRole(role string) netip.Prefix {
	switch role {
	case RoleGame:
		return s.Game
	case RoleServices:
		return s.Services
	case RoleSystem:
		return s.System
	case RolePrivateEndpoints:
		return s.PrivateEndpoints
	}
	return netip.Prefix{}
}

// Block sizes the split supports: /16 to /24 (the environment model allows /16 to
// /20; a /24 still leaves a /28 for private endpoints, above Azure's /29 minimum).
const (
	MinBlockBits = 16
	MaxBlockBits = 24
)

// SplitSubnets divides a region's block: half for game nodes, a quarter for
// services, an eighth for system nodes, a sixteenth for private endpoints, and a
// sixteenth left free. A /20 gives /21, /22, /23, /24 (+ one /24 free).
func SplitSubnets(block netip.Prefix) (Subnets, error) {
	if !block.IsValid() || !block.Addr().Is4() {
		return Subnets{}, fmt.Errorf("%s is not an IPv4 block", block)
	}
	if block.Masked() != block {
		return Subnets{}, fmt.Errorf("%s is not aligned to its prefix length", block)
	}
	if block.Bits() < MinBlockBits || block.Bits() > MaxBlockBits {
		return Subnets{}, fmt.Errorf("%s must be between /%d and /%d", block, MinBlockBits, MaxBlockBits)
	}
	b := block.Bits()
	next := block.Addr()
	take := func(bits int) netip.Prefix {
		p := netip.PrefixFrom(next, bits)
		next = addrAdd(next, uint32(1)<<(32-bits))
		return p
	}
	return Subnets{
		Game:             take(b + 1),
		Services:         take(b + 2),
		System:           take(b + 3),
		PrivateEndpoints: take(b + 4),
	}, nil
}

// UsableIPs is how many addresses of a subnet Azure lets resources use (it reserves
// five per subnet).
func UsableIPs(p netip.Prefix) int { return 1<<(32-p.Bits()) - 5 }

func addrAdd(a netip.Addr, n uint32) netip.Addr {
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v += n
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// Public IP prefix lengths: Azure allocates /31 (2 addresses) to /28 (16) from its
// own pool (azurelimits.PrefixShortest..PrefixLongest); a prefix derived from a
// custom (BYOIP) IPv4 prefix may be as large as its parent, at most /21.
const (
	MaxPrefixLength        = azurelimits.PrefixLongest
	MinDerivedPrefixLength = azurelimits.CustomPrefixShortest
)

// GamePrefixLength returns the public IP prefix length that gives every game node
// of the region its own address: the smallest prefix with at least nodes addresses,
// never longer than /31.
func GamePrefixLength(nodes int) int {
	if nodes <= 2 {
		return MaxPrefixLength
	}
	return 32 - bits.Len(uint(nodes-1))
}

// Rule is one NSG security rule, in plain values.
type Rule struct {
	Name        string
	Priority    int
	Direction   string // Inbound | Outbound
	Access      string // Allow | Deny
	Protocol    string // Udp | Tcp | *
	Source      string // address prefix or service tag
	DestPorts   []string
	Description string
}

// NSG rule priorities: explicit denies of remote-administration ports first, then the
// game allows, then a catch-all deny of the Internet ahead of Azure's defaults.
const (
	PriorityDenyAdmin    = 100
	PriorityAllowGame    = 200
	PriorityAllowQoS     = 210
	PriorityDenyInternet = 4096
)

// SecurityRules returns the NSG rules of a subnet role. Only the game subnet admits
// anything from the Internet: the game UDP range and the QoS beacon port. Every
// subnet denies SSH/RDP and then everything else from the Internet explicitly, so a
// rule added later above 4096 cannot open a subnet by accident.
func SecurityRules(role string, p spec.PortRange) []Rule {
	rules := []Rule{{
		Name: "deny-admin-from-internet", Priority: PriorityDenyAdmin, Direction: "Inbound", Access: "Deny",
		Protocol: "*", Source: "Internet", DestPorts: []string{"22", "3389"},
		Description: "No SSH or RDP from the Internet; operators use the AKS API (Entra ID).",
	}}
	if role == RoleGame {
		rules = append(rules,
			Rule{
				Name: "allow-game-udp", Priority: PriorityAllowGame, Direction: "Inbound", Access: "Allow",
				Protocol: "Udp", Source: "Internet", DestPorts: []string{portRange(p.Start, p.End)},
				Description: "Players to dedicated game servers.",
			},
			Rule{
				Name: "allow-qos-udp", Priority: PriorityAllowQoS, Direction: "Inbound", Access: "Allow",
				Protocol: "Udp", Source: "Internet", DestPorts: []string{strconv.Itoa(p.QoSPort)},
				Description: "Players' QoS (latency) beacons, used to pick a region.",
			})
	}
	return append(rules, Rule{
		Name: "deny-internet-inbound", Priority: PriorityDenyInternet, Direction: "Inbound", Access: "Deny",
		Protocol: "*", Source: "Internet", DestPorts: []string{"*"},
		Description: "Nothing else from the Internet.",
	})
}

func portRange(start, end int) string {
	if start == end {
		return strconv.Itoa(start)
	}
	return fmt.Sprintf("%d-%d", start, end)
}
