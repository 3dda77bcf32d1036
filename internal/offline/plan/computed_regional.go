package plan

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// Computed outputs of the regional stamp's resources: the registry's login server
// and the managed cluster's API FQDN and OIDC issuer URL.
func init() {
	// Public IPs spell their name input "publicIp…", which the generic guess
	// ("publicIPAddressName") misses; their IDs end in that name, as Azure's do.
	NameKeys["azure-native:network:PublicIPAddress"] = "publicIpAddressName"
	NameKeys["azure-native:network:PublicIPPrefix"] = "publicIpPrefixName"
	Computed["azure-native:containerregistry:Registry"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		return resource.PropertyMap{"loginServer": resource.NewProperty(name + ".azurecr.io")}
	}
	cluster := func(name string, in resource.PropertyMap) resource.PropertyMap {
		loc := "offline"
		if l, ok := in["location"]; ok && l.IsString() {
			loc = l.StringValue()
		}
		prefix := name
		if p, ok := in["dnsPrefix"]; ok && p.IsString() {
			prefix = p.StringValue()
		}
		out := resource.PropertyMap{
			"fqdn": resource.NewProperty(prefix + ".hcp." + loc + ".azmk8s.io"),
		}
		if o, ok := in["oidcIssuerProfile"]; ok && o.IsObject() {
			d := o.ObjectValue().Copy()
			d["issuerURL"] = resource.NewProperty("https://" + loc + ".oic.prod-aks.azure.com/33333333-3333-3333-3333-333333333333/" + name + "/")
			out["oidcIssuerProfile"] = resource.NewProperty(d)
		}
		return out
	}
	Computed["azure-native:containerservice:ManagedCluster"] = cluster
	Computed["azure-native:containerservice/v20240801:ManagedCluster"] = cluster
}
