package plan

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// Provider-computed outputs the program reads, per type token. Values are fixed
// placeholders of the right shape, so plans are deterministic.
func init() {
	Computed["azure-native:operationalinsights:Workspace"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		return resource.PropertyMap{"customerId": resource.NewProperty("44444444-4444-4444-4444-444444444444")}
	}
	Computed["azure-native:managedidentity:UserAssignedIdentity"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		return resource.PropertyMap{
			"principalId": resource.NewProperty("principal-" + name),
			"clientId":    resource.NewProperty("client-" + name),
			"tenantId":    resource.NewProperty("33333333-3333-3333-3333-333333333333"),
		}
	}
}

func init() {
	Computed["azure-native:network:PublicIPAddress"] = func(name string, in resource.PropertyMap) resource.PropertyMap {
		out := resource.PropertyMap{"ipAddress": resource.NewProperty("203.0.113.10")}
		if dns, ok := in["dnsSettings"]; ok && dns.IsObject() {
			d := dns.ObjectValue().Copy()
			if label, ok := d["domainNameLabel"]; ok && label.IsString() {
				loc := "offline"
				if l, ok := in["location"]; ok && l.IsString() {
					loc = l.StringValue()
				}
				d["fqdn"] = resource.NewProperty(label.StringValue() + "." + loc + ".cloudapp.azure.com")
			}
			out["dnsSettings"] = resource.NewProperty(d)
		}
		return out
	}
}
