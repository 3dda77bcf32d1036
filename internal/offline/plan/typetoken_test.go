package plan

import "testing"

func TestBaseType(t *testing.T) {
	for in, want := range map[string]string{
		"azure-native:containerservice/v20240801:ManagedCluster":        "azure-native:containerservice:ManagedCluster",
		"azure-native:containerservice/v20240702preview:ManagedCluster": "azure-native:containerservice:ManagedCluster",
		"azure-native:network:VirtualNetwork":                           "azure-native:network:VirtualNetwork",
		"gameplatform:network:Network":                                  "gameplatform:network:Network",
		"pulumi:providers:azure-native":                                 "pulumi:providers:azure-native",
		"azure-native:foo/bar:Baz":                                      "azure-native:foo/bar:Baz",
		"broken":                                                        "broken",
	} {
		if got := BaseType(in); got != want {
			t.Errorf("BaseType(%q) = %q, want %q", in, got, want)
		}
	}
}
