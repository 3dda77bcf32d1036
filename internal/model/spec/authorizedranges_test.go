package spec

import (
	"strings"
	"testing"
)

// TestJudgeAuthorizedRanges judges ranges by the public addresses they cover, alone
// and together, whatever their spelling.
func TestJudgeAuthorizedRanges(t *testing.T) {
	cases := []struct {
		name   string
		ranges []string
		want   map[int]string // index -> substring of its finding; nil = accepted
	}{
		{"operator networks", []string{"198.51.100.0/24", "203.0.113.0/24"}, nil},
		{"single egress IPs", []string{"20.1.2.3", "20.1.2.4/32", "2001:4860::1"}, nil},
		{"a /16 of public space is the limit", []string{"20.0.0.0/16"}, nil},
		{"a /15 of public space is too broad", []string{"20.0.0.0/15"}, map[int]string{0: "20.0.0.0/15 covers 131,072 public IPv4 addresses"}},
		{"the whole Internet", []string{"0.0.0.0/0"}, map[int]string{0: "0.0.0.0/0 opens the API server to the whole Internet"}},
		{"the whole Internet in two halves", []string{"0.0.0.0/1", "128.0.0.0/1"}, map[int]string{
			0: "0.0.0.0/1 covers",
			1: "the authorized ranges together cover 3,702,258,688 public IPv4 addresses (100% of the IPv4 Internet)",
		}},
		{"the whole IPv6 Internet", []string{"::/0"}, map[int]string{0: "::/0 opens the API server to the whole Internet"}},
		{"a broad IPv6 range", []string{"2001:4860::/32"}, map[int]string{0: "2001:4860::/32 covers"}},
		{"an IPv6 site", []string{"2001:4860:1::/48"}, nil},
		{"private space is not Internet exposure", []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}, nil},
		{"a misaligned range is judged by what it covers", []string{"20.1.2.3/8"}, map[int]string{0: "20.0.0.0/8 covers 16,777,216 public IPv4 addresses"}},
		{"many narrow ranges add up", []string{"20.0.0.0/17", "21.0.0.0/17", "22.0.0.0/17"}, map[int]string{
			2: "with 22.0.0.0/17 the authorized ranges together cover 98,304 public IPv4 addresses",
		}},
		{"a range inside another adds nothing", []string{"20.0.0.0/16", "20.0.1.0/24", "20.0.0.0/17"}, nil},
		{"a range holding earlier ones counts once", []string{"20.0.1.0/24", "20.0.0.0/16"}, nil},
		{"a broad range mostly private still counts its public part", []string{"0.0.0.0/4"}, map[int]string{0: "0.0.0.0/4 covers 234,881,024 public IPv4 addresses"}},
		{"the IPv4 Internet written as mapped IPv6", []string{"::ffff:0.0.0.0/96"}, map[int]string{0: "0.0.0.0/0 opens the API server to the whole Internet"}},
		{"a mapped IPv4 address", []string{"::ffff:20.1.2.3"}, nil},
		{"not a CIDR", []string{"198.51.100.0/24", "office"}, map[int]string{1: `"office" is not a valid CIDR`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := JudgeAuthorizedRanges(tc.ranges)
			seen := map[int]bool{}
			for _, f := range got {
				want, ok := tc.want[f.Index]
				if !ok {
					t.Errorf("unexpected finding at [%d]: %s", f.Index, f.Message)
					continue
				}
				if !strings.Contains(f.Message, want) {
					t.Errorf("[%d] = %q, want it to contain %q", f.Index, f.Message, want)
				}
				seen[f.Index] = true
			}
			for i, want := range tc.want {
				if !seen[i] {
					t.Errorf("no finding at [%d]; want %q", i, want)
				}
			}
		})
	}
}

// TestValidateJudgesAuthorizedRangesByCoverage: the environment's validation names the
// index of each range that opens the API server too wide, however it is written.
func TestValidateJudgesAuthorizedRangesByCoverage(t *testing.T) {
	s := validSpec()
	s.Tier = TierProd
	s.Cluster.APIServerAuthorizedRanges = []string{"198.51.100.0/24", "0.0.0.0/1", "128.0.0.0/1"}
	got := problems(t, s.Validate(testNow))
	for _, want := range []string{"cluster.apiServerAuthorizedRanges[1]: 0.0.0.0/1 covers", "cluster.apiServerAuthorizedRanges[2]: 128.0.0.0/1 covers"} {
		found := false
		for _, p := range got {
			found = found || strings.HasPrefix(p, want)
		}
		if !found {
			t.Errorf("no problem %q in %q", want, got)
		}
	}
	s.Cluster.APIServerAuthorizedRanges = []string{"198.51.100.0/24", "203.0.113.7"}
	for _, p := range problems(t, s.Validate(testNow)) {
		if strings.Contains(p, "apiServerAuthorizedRanges") {
			t.Errorf("operator ranges rejected: %s", p)
		}
	}
}
