package naming

import (
	"strings"
	"testing"
)

func TestGlobalNamesRespectAzureRules(t *testing.T) {
	ids := []Identity{
		{"nebula", "starfall", "dev"},
		{"a-very-long-studio", "an-extremely-long-game", "playtest-weekend-01"},
	}
	for _, id := range ids {
		for _, p := range []string{"patches", "api"} {
			if err := ValidFrontDoorEndpoint(id.FrontDoorEndpoint(p)); err != nil {
				t.Error(err)
			}
		}
		if err := ValidWAFPolicy(id.WAFPolicy()); err != nil {
			t.Error(err)
		}
		if err := ValidTrafficManagerDNS(id.TrafficManagerDNS()); err != nil {
			t.Error(err)
		}
	}
	a, b := Identity{"nebula", "starfall", "dev"}, Identity{"nebula", "starfall", "prod"}
	if a.TrafficManagerDNS() == b.TrafficManagerDNS() {
		t.Error("traffic manager DNS names must differ between environments")
	}
	if got := a.FrontDoorEndpoint("api"); got != "fde-api-starfall-dev" {
		t.Errorf("FrontDoorEndpoint = %q", got)
	}
	if got := a.WAFPolicy(); got != "wafstarfalldev" {
		t.Errorf("WAFPolicy = %q", got)
	}
}

func TestFrontDoorEndpointBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"a", false}, {"ab", true},
		{strings.Repeat("a", 46), true}, {strings.Repeat("a", 47), false},
		{"-ab", false}, {"ab-", false}, {"a_b", false},
	} {
		if err := ValidFrontDoorEndpoint(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidFrontDoorEndpoint(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestWAFPolicyBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"", false}, {"w", true},
		{"w" + strings.Repeat("a", 127), true}, {"w" + strings.Repeat("a", 128), false},
		{"1waf", false}, {"waf-dev", false},
	} {
		if err := ValidWAFPolicy(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidWAFPolicy(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestTrafficManagerDNSBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"", false}, {"a", true},
		{strings.Repeat("a", 63), true}, {strings.Repeat("a", 64), false},
		{"-a", false}, {"a-", false}, {"A", false}, {"a.b", false},
	} {
		if err := ValidTrafficManagerDNS(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidTrafficManagerDNS(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
	long := Identity{"s", strings.Repeat("g", 40), strings.Repeat("e", 40)}
	if n := long.TrafficManagerDNS(); len(n) > MaxTrafficManagerDNS {
		t.Errorf("TrafficManagerDNS = %q (%d chars)", n, len(n))
	}
}

func TestCosmosAccountName(t *testing.T) {
	short := Identity{Studio: "nebula", Game: "starfall", Env: "prod"}.CosmosAccount()
	if short != "cosmos-starfall-prod" {
		t.Errorf("CosmosAccount = %q", short)
	}
	long := Identity{Studio: "s", Game: "a-very-long-game-name-for-testing", Env: "weekend-playtest-two"}
	n := long.CosmosAccount()
	if len(n) != MaxCosmosAccount {
		t.Errorf("%q: %d characters, want %d", n, len(n), MaxCosmosAccount)
	}
	for _, n := range []string{short, n} {
		if err := ValidCosmosAccount(n); err != nil {
			t.Error(err)
		}
	}
	for n, ok := range map[string]bool{"ab": false, "abc": true, strings.Repeat("a", 44): true, strings.Repeat("a", 45): false, "-abc": false, "Abc": false, "ab_c": false} {
		if err := ValidCosmosAccount(n); (err == nil) != ok {
			t.Errorf("ValidCosmosAccount(%q) = %v, want ok=%v", n, err, ok)
		}
	}
}
