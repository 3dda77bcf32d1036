package naming

import (
	"strings"
	"testing"
)

func TestAKSNames(t *testing.T) {
	id := Identity{"nebula", "starfall", "prod"}
	if got := id.AKSCluster("jpe"); got != "aks-starfall-prod-jpe" {
		t.Errorf("AKSCluster = %q", got)
	}
	if got := id.AKSDNSPrefix("jpe"); got != "starfall-prod-jpe" {
		t.Errorf("AKSDNSPrefix = %q", got)
	}
	if got := id.AKSNodeResourceGroup("jpe"); got != "rg-starfall-prod-jpe-aks-nodes" {
		t.Errorf("AKSNodeResourceGroup = %q", got)
	}
	long := Identity{"s", strings.Repeat("g", 20), strings.Repeat("e", 20) + "-" + strings.Repeat("x", 20)}
	for _, code := range []string{"jpe", "wus2"} {
		if err := ValidAKSCluster(long.AKSCluster(code)); err != nil {
			t.Error(err)
		}
		if err := ValidAKSDNSPrefix(long.AKSDNSPrefix(code)); err != nil {
			t.Error(err)
		}
	}
}

func TestAKSNameBoundaries(t *testing.T) {
	cases := []struct {
		name    string
		check   func(string) error
		in      string
		wantErr bool
	}{
		{"cluster 63", ValidAKSCluster, strings.Repeat("a", 63), false},
		{"cluster 64", ValidAKSCluster, strings.Repeat("a", 64), true},
		{"cluster 1", ValidAKSCluster, "a", false},
		{"cluster empty", ValidAKSCluster, "", true},
		{"cluster ends with dash", ValidAKSCluster, "aks-", true},
		{"prefix 54", ValidAKSDNSPrefix, strings.Repeat("a", 54), false},
		{"prefix 55", ValidAKSDNSPrefix, strings.Repeat("a", 55), true},
		{"prefix 1", ValidAKSDNSPrefix, "a", false},
		{"prefix empty", ValidAKSDNSPrefix, "", true},
		{"prefix starts with dash", ValidAKSDNSPrefix, "-a", true},
		{"prefix underscore", ValidAKSDNSPrefix, "a_b", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.check(tc.in); (err != nil) != tc.wantErr {
				t.Errorf("check(%q) = %v, wantErr %v", tc.in, err, tc.wantErr)
			}
		})
	}
}
