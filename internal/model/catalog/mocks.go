package catalog

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// Mock outputs of the offline plan: the provider-computed outputs the program reads,
// as fixed placeholders of the right shape. Inputs and outputs are plain values;
// values the mock cannot read (unknown, secret) are opaque and pass through.

func workspaceOutputs(string, map[string]any) map[string]any {
	return map[string]any{"customerId": "44444444-4444-4444-4444-444444444444"}
}

func identityOutputs(name string, _ map[string]any) map[string]any {
	return map[string]any{
		"principalId": "principal-" + name,
		"clientId":    "client-" + name,
		"tenantId":    "33333333-3333-3333-3333-333333333333",
	}
}

func publicIPOutputs(_ string, in map[string]any) map[string]any {
	out := map[string]any{"ipAddress": "203.0.113.10"}
	if dns, ok := in["dnsSettings"].(map[string]any); ok {
		d := copyMap(dns)
		if label, ok := d["domainNameLabel"].(string); ok {
			loc := "offline"
			if l, ok := in["location"].(string); ok {
				loc = l
			}
			d["fqdn"] = label + "." + loc + ".cloudapp.azure.com"
		}
		out["dnsSettings"] = d
	}
	return out
}

func storageAccountOutputs(name string, _ map[string]any) map[string]any {
	return map[string]any{"primaryEndpoints": map[string]any{
		"blob": "https://" + name + ".blob.core.windows.net/",
		"web":  "https://" + name + ".z6.web.core.windows.net/",
	}}
}

// afdEndpointOutputs: Front Door appends a hash of the profile and tenant to the
// endpoint name.
func afdEndpointOutputs(name string, _ map[string]any) map[string]any {
	sum := sha256.Sum256([]byte(name))
	return map[string]any{"hostName": name + "-" + hex.EncodeToString(sum[:])[:14] + ".z01.azurefd.net"}
}

// afdCustomDomainOutputs: Front Door gives each custom domain a validation token for
// its _dnsauth TXT record.
func afdCustomDomainOutputs(name string, _ map[string]any) map[string]any {
	sum := sha256.Sum256([]byte("dnsauth:" + name))
	return map[string]any{"validationProperties": map[string]any{
		"validationToken": hex.EncodeToString(sum[:])[:32],
		"expirationDate":  "2026-12-09T00:00:00Z",
	}}
}

// trafficManagerOutputs: Traffic Manager's FQDN is its relative name under
// trafficmanager.net.
func trafficManagerOutputs(_ string, in map[string]any) map[string]any {
	dns, ok := in["dnsConfig"].(map[string]any)
	if !ok {
		return nil
	}
	d := copyMap(dns)
	if rel, ok := d["relativeName"].(string); ok {
		d["fqdn"] = rel + ".trafficmanager.net"
	}
	return map[string]any{"dnsConfig": d}
}

func dnsZoneOutputs(string, map[string]any) map[string]any {
	return map[string]any{"nameServers": []any{
		"ns1-01.azure-dns.com.",
		"ns2-01.azure-dns.net.",
		"ns3-01.azure-dns.org.",
		"ns4-01.azure-dns.info.",
	}}
}

func vaultOutputs(name string, in map[string]any) map[string]any {
	props := map[string]any{}
	if p, ok := in["properties"].(map[string]any); ok {
		props = copyMap(p)
	}
	props["vaultUri"] = "https://" + name + ".vault.azure.net/"
	return map[string]any{"properties": props}
}

func registryOutputs(name string, _ map[string]any) map[string]any {
	return map[string]any{"loginServer": name + ".azurecr.io"}
}

// managedClusterOutputs: the API server's FQDN and the OIDC issuer URL.
func managedClusterOutputs(name string, in map[string]any) map[string]any {
	loc := "offline"
	if l, ok := in["location"].(string); ok {
		loc = l
	}
	prefix := name
	if p, ok := in["dnsPrefix"].(string); ok {
		prefix = p
	}
	out := map[string]any{"fqdn": prefix + ".hcp." + loc + ".azmk8s.io"}
	if o, ok := in["oidcIssuerProfile"].(map[string]any); ok {
		d := copyMap(o)
		d["issuerURL"] = "https://" + loc + ".oic.prod-aks.azure.com/33333333-3333-3333-3333-333333333333/" + name + "/"
		out["oidcIssuerProfile"] = d
	}
	return out
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// cosmosAccountOutputs: the account's properties as Azure returns them, with its
// SQL (NoSQL) endpoint, which the stack exports for game backends.
func cosmosAccountOutputs(name string, in map[string]any) map[string]any {
	props := map[string]any{}
	if p, ok := in["properties"].(map[string]any); ok {
		props = copyMap(p)
	}
	acct := name
	if n, ok := in["resourceName"].(string); ok {
		acct = n
	}
	props["documentEndpoint"] = "https://" + acct + ".documents.azure.com:443/"
	props["provisioningState"] = "Succeeded"
	return map[string]any{"properties": props}
}

// Invoke is how the offline plan's mock monitor answers one provider function
// (an invoke, e.g. listing a cluster's credentials): a fixed placeholder of the
// right shape, computed from the arguments only, so plans are deterministic.
type Invoke func(args map[string]any) map[string]any

// invokes are the provider functions the program calls, by token.
var invokes = map[string]Invoke{
	"azure-native:containerservice:listManagedClusterUserCredentials": clusterUserCredentials,
}

// LookupInvoke returns the mock of a provider function.
func LookupInvoke(token string) (Invoke, bool) {
	f, ok := invokes[token]
	return f, ok
}

// clusterUserCredentials answers listManagedClusterUserCredentials as AKS does for a
// cluster with Entra ID and local accounts off: one kubeconfig, "clusterUser",
// base64-encoded, whose user authenticates through kubelogin (format "exec"). It
// holds no secret: the token comes from kubelogin at run time.
func clusterUserCredentials(args map[string]any) map[string]any {
	name, _ := args["resourceName"].(string)
	rg, _ := args["resourceGroupName"].(string)
	server := "https://" + name + ".hcp.offline.azmk8s.io:443"
	user := "clusterUser_" + rg + "_" + name
	kubeconfig := `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: T0ZGTElORQ==
    server: ` + server + `
  name: ` + name + `
contexts:
- context:
    cluster: ` + name + `
    user: ` + user + `
  name: ` + name + `
current-context: ` + name + `
users:
- name: ` + user + `
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args: [get-token, --login, azurecli, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
      interactiveMode: IfAvailable
      provideClusterInfo: false
`
	return map[string]any{"kubeconfigs": []any{map[string]any{
		"name":  "clusterUser",
		"value": base64.StdEncoding.EncodeToString([]byte(kubeconfig)),
	}}}
}
