package plan

import "testing"

func TestBaseType(t *testing.T) {
	cases := map[string]string{
		"azure-native:containerservice/v20240801:ManagedCluster":   "azure-native:containerservice:ManagedCluster",
		"azure-native:containerregistry/v20230601preview:Registry": "azure-native:containerregistry:Registry",
		"azure-native:network:VirtualNetwork":                      "azure-native:network:VirtualNetwork",
		"gameplatform:network:Network":                             "gameplatform:network:Network",
		"pulumi:providers:azure-native":                            "pulumi:providers:azure-native",
		"azure-native:web/v2:Thing":                                "azure-native:web/v2:Thing",
	}
	for in, want := range cases {
		if got := BaseType(in); got != want {
			t.Errorf("BaseType(%q) = %q, want %q", in, got, want)
		}
	}
}
