package spec

import (
	"fmt"
	"math/big"
	"net/netip"
	"strings"

	"github.com/gameplatform/platform/internal/model/money"
)

// The API server's authorized ranges are judged by the public addresses they cover,
// not by how they are written: 0.0.0.0/1 plus 128.0.0.0/1 is the whole Internet just
// as 0.0.0.0/0 is. Both the environment's validation and the policy pack's
// aks-api-server-restricted rule judge them with JudgeAuthorizedRanges.
//
// Limits: the ranges may cover at most MaxAuthorizedPublicIPv4 public IPv4 addresses
// (a /16: a large operator network; admin networks are usually a few /24s or single
// egress IPs) and MaxAuthorizedPublicIPv6Bits worth of IPv6 (a /48, one site), each
// range alone and all of them together. Addresses that are not reachable from the
// Internet (RFC 1918, carrier-grade NAT, loopback, link-local, documentation,
// benchmarking, multicast, reserved — IANA's special-purpose registries) are not
// counted: a request from them never reaches a public API server.
const (
	MaxAuthorizedPublicIPv4     = 1 << 16
	MaxAuthorizedPublicIPv6Bits = 128 - 48
)

// nonPublic are the special-purpose blocks of the IANA IPv4 and IPv6 registries that
// are not globally reachable (https://www.iana.org/assignments/iana-ipv4-special-registry,
// https://www.iana.org/assignments/iana-ipv6-special-registry). Within a family they
// are disjoint.
var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001:db8::/32",
		"fc00::/7", "fe80::/10", "ff00::/8",
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// RangeFinding is one problem with an authorized range, at its index in the list.
type RangeFinding struct {
	Index   int
	Message string
}

// size returns the number of addresses in a prefix.
func rangeSize(p netip.Prefix) *big.Int {
	return new(big.Int).Lsh(big.NewInt(1), uint(p.Addr().BitLen()-p.Bits()))
}

// publicAddresses returns how many globally reachable addresses a prefix covers.
func publicAddresses(p netip.Prefix) *big.Int {
	n := rangeSize(p)
	for _, b := range nonPublic {
		if b.Addr().BitLen() != p.Addr().BitLen() || !b.Overlaps(p) {
			continue
		}
		// Two prefixes that overlap are nested.
		if b.Bits() >= p.Bits() {
			n.Sub(n, rangeSize(b))
		} else {
			return new(big.Int) // p lies inside a non-public block
		}
	}
	return n
}

// publicTotal is the number of globally reachable addresses of a family.
func publicTotal(is4 bool) *big.Int {
	if is4 {
		return publicAddresses(netip.MustParsePrefix("0.0.0.0/0"))
	}
	return publicAddresses(netip.MustParsePrefix("::/0"))
}

func limitFor(is4 bool) (*big.Int, string) {
	if is4 {
		return big.NewInt(MaxAuthorizedPublicIPv4), fmt.Sprintf("%s (a /16)", money.Group(big.NewInt(MaxAuthorizedPublicIPv4).String()))
	}
	return new(big.Int).Lsh(big.NewInt(1), MaxAuthorizedPublicIPv6Bits), "a /48"
}

func ipFamily(is4 bool) string {
	if is4 {
		return "IPv4"
	}
	return "IPv6"
}

// ParseAuthorizedRange parses a CIDR, or a bare address as a single-address range
// (as AKS accepts them), and returns it masked. An IPv4-mapped IPv6 range
// (::ffff:0:0/96 and narrower) is the IPv4 range it maps.
func ParseAuthorizedRange(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	p, err := netip.ParsePrefix(s)
	if err != nil {
		a, aerr := netip.ParseAddr(s)
		if aerr != nil || a.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("%q is not a valid CIDR", s)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	return p.Masked(), nil
}

// JudgeAuthorizedRanges judges the authorized ranges of a public API server by the
// public addresses they cover, each alone and all together (in list order, so the
// range that takes the union over the limit is the one named). It returns the
// problems in index order; none means the ranges are acceptable.
func JudgeAuthorizedRanges(ranges []string) []RangeFinding {
	var out []RangeFinding
	type acc struct {
		kept  []netip.Prefix
		total *big.Int
		over  bool
		whole bool
	}
	union := map[bool]*acc{true: {total: new(big.Int)}, false: {total: new(big.Int)}}
	for i, r := range ranges {
		p, err := ParseAuthorizedRange(r)
		if err != nil {
			out = append(out, RangeFinding{i, err.Error()})
			continue
		}
		is4 := p.Addr().Is4()
		limit, limitText := limitFor(is4)
		pub := publicAddresses(p)
		var msg string
		switch {
		case p.Bits() == 0:
			msg = fmt.Sprintf("%s opens the API server to the whole Internet", p)
		case pub.Cmp(limit) > 0:
			msg = fmt.Sprintf("%s covers %s public %s addresses (%s of the %s Internet); at most %s may be authorized — list the operator networks' CIDRs", p, money.Group(pub.String()), ipFamily(is4), percentOf(pub, publicTotal(is4)), ipFamily(is4), limitText)
		}
		// The union: a range inside one already counted adds nothing; one that
		// contains earlier ranges replaces them.
		u := union[is4]
		added := new(big.Int).Set(pub)
		inside := false
		var kept []netip.Prefix
		for _, k := range u.kept {
			switch {
			case !k.Overlaps(p):
				kept = append(kept, k)
			case k.Bits() <= p.Bits():
				inside = true
				kept = append(kept, k)
			default: // k lies inside p
				added.Sub(added, publicAddresses(k))
			}
		}
		if !inside {
			u.kept = append(kept, p)
			u.total.Add(u.total, added)
		}
		whole := u.total.Cmp(publicTotal(is4)) >= 0
		if (!u.over && u.total.Cmp(limit) > 0) || (whole && !u.whole) {
			u.over, u.whole = true, whole
			together := fmt.Sprintf("with %s the authorized ranges together cover %s public %s addresses (%s of the %s Internet); at most %s may be authorized", p, money.Group(u.total.String()), ipFamily(is4), percentOf(u.total, publicTotal(is4)), ipFamily(is4), limitText)
			if msg == "" {
				msg = together
			} else if i > 0 {
				msg += "; " + together
			}
		}
		if msg != "" {
			out = append(out, RangeFinding{i, msg})
		}
	}
	return out
}

// share renders n/total as a percentage.
func percentOf(n, total *big.Int) string {
	if total.Sign() == 0 {
		return "0%"
	}
	f, _ := new(big.Rat).SetFrac(new(big.Int).Mul(n, big.NewInt(100)), total).Float64()
	switch {
	case f >= 99.995:
		return "100%"
	case f >= 1:
		return fmt.Sprintf("%.1f%%", f)
	case f >= 0.001:
		return fmt.Sprintf("%.3f%%", f)
	}
	return "<0.001%"
}
