package plan

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Computed outputs of the environment-wide services (storage, Front Door, Traffic
// Manager, DNS, Key Vault) that the program reads.
func init() {
	for token, key := range map[string]string{
		"azure-native:storage:BlobContainer":         "containerName",
		"azure-native:storage:BlobServiceProperties": "blobServicesName",
		"azure-native:cdn:AFDEndpoint":               "endpointName",
		"azure-native:cdn:AFDOriginGroup":            "originGroupName",
		"azure-native:cdn:AFDOrigin":                 "originName",
		"azure-native:cdn:Route":                     "routeName",
		"azure-native:cdn:RuleSet":                   "ruleSetName",
		"azure-native:cdn:Rule":                      "ruleName",
		"azure-native:cdn:SecurityPolicy":            "securityPolicyName",
		"azure-native:network:Policy":                "policyName",
		"azure-native:network:RecordSet":             "relativeRecordSetName",
		"azure-native:authorization:RoleAssignment":  "roleAssignmentName",
	} {
		NameKeys[token] = key
	}
	Computed["azure-native:storage:StorageAccount"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		return resource.PropertyMap{"primaryEndpoints": resource.NewProperty(resource.PropertyMap{
			"blob": resource.NewProperty("https://" + name + ".blob.core.windows.net/"),
			"web":  resource.NewProperty("https://" + name + ".z6.web.core.windows.net/"),
		})}
	}
	// Front Door appends a hash of the profile and tenant to the endpoint name.
	Computed["azure-native:cdn:AFDEndpoint"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		sum := sha256.Sum256([]byte(name))
		return resource.PropertyMap{"hostName": resource.NewProperty(name + "-" + hex.EncodeToString(sum[:])[:14] + ".z01.azurefd.net")}
	}
	// Front Door gives each custom domain a validation token for its _dnsauth TXT record.
	Computed["azure-native:cdn:AFDCustomDomain"] = func(name string, in resource.PropertyMap) resource.PropertyMap {
		sum := sha256.Sum256([]byte("dnsauth:" + name))
		return resource.PropertyMap{"validationProperties": resource.NewProperty(resource.PropertyMap{
			"validationToken": resource.NewProperty(hex.EncodeToString(sum[:])[:32]),
			"expirationDate":  resource.NewProperty("2026-12-09T00:00:00Z"),
		})}
	}
	// Traffic Manager's FQDN is its relative name under trafficmanager.net.
	Computed["azure-native:network:Profile"] = func(name string, in resource.PropertyMap) resource.PropertyMap {
		dns, ok := in["dnsConfig"]
		if !ok || !dns.IsObject() {
			return nil
		}
		d := dns.ObjectValue().Copy()
		if rel, ok := d["relativeName"]; ok && rel.IsString() {
			d["fqdn"] = resource.NewProperty(rel.StringValue() + ".trafficmanager.net")
		}
		return resource.PropertyMap{"dnsConfig": resource.NewProperty(d)}
	}
	Computed["azure-native:network:Zone"] = func(name string, _ resource.PropertyMap) resource.PropertyMap {
		return resource.PropertyMap{"nameServers": resource.NewProperty([]resource.PropertyValue{
			resource.NewProperty("ns1-01.azure-dns.com."),
			resource.NewProperty("ns2-01.azure-dns.net."),
			resource.NewProperty("ns3-01.azure-dns.org."),
			resource.NewProperty("ns4-01.azure-dns.info."),
		})}
	}
	Computed["azure-native:keyvault:Vault"] = func(name string, in resource.PropertyMap) resource.PropertyMap {
		props := resource.PropertyMap{}
		if p, ok := in["properties"]; ok && p.IsObject() {
			props = p.ObjectValue().Copy()
		}
		props["vaultUri"] = resource.NewProperty("https://" + name + ".vault.azure.net/")
		return resource.PropertyMap{"properties": resource.NewProperty(props)}
	}
}
