package rules

import (
	"fmt"
	"strings"
)

// Type tokens the rules inspect.
const (
	TypeResourceGroup     = "azure-native:resources:ResourceGroup"
	TypeStorageAccount    = "azure-native:storage:StorageAccount"
	TypeBlobService       = "azure-native:storage:BlobServiceProperties"
	TypeBlobContainer     = "azure-native:storage:BlobContainer"
	TypeManagedCluster    = "azure-native:containerservice:ManagedCluster"
	TypeAgentPool         = "azure-native:containerservice:AgentPool"
	TypeNSG               = "azure-native:network:NetworkSecurityGroup"
	TypeSecurityRule      = "azure-native:network:SecurityRule"
	TypeVirtualNetwork    = "azure-native:network:VirtualNetwork"
	TypeSubnet            = "azure-native:network:Subnet"
	TypeNatGateway        = "azure-native:network:NatGateway"
	TypePublicIP          = "azure-native:network:PublicIPAddress"
	TypePublicIPPrefix    = "azure-native:network:PublicIPPrefix"
	TypeKeyVault          = "azure-native:keyvault:Vault"
	TypeRegistry          = "azure-native:containerregistry:Registry"
	TypeFrontDoorProfile  = "azure-native:cdn:Profile"
	TypeAFDEndpoint       = "azure-native:cdn:AFDEndpoint"
	TypeAFDOrigin         = "azure-native:cdn:AFDOrigin"
	TypeAFDOriginGroup    = "azure-native:cdn:AFDOriginGroup"
	TypeAFDCustomDomain   = "azure-native:cdn:AFDCustomDomain"
	TypeRoute             = "azure-native:cdn:Route"
	TypeSecurityPolicy    = "azure-native:cdn:SecurityPolicy"
	TypeFrontDoorWAF      = "azure-native:network:Policy"
	TypeTrafficManager    = "azure-native:network:Profile"
	TypeTrafficEndpoint   = "azure-native:network:Endpoint"
	TypeDNSZone           = "azure-native:network:Zone"
	TypeWorkspace         = "azure-native:operationalinsights:Workspace"
	TypeIdentity          = "azure-native:managedidentity:UserAssignedIdentity"
	TypeDiagnosticSetting = "azure-native:insights:DiagnosticSetting"
)

// fmtValue renders a value for a message.
func fmtValue(v any) string {
	switch t := v.(type) {
	case string:
		return fmt.Sprintf("%q", t)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", v)
}

// requireBool checks a boolean input. When the input is not set, missingOK says
// whether Azure's documented default already is the wanted value.
func requireBool(rep *Reporter, r *Resource, path string, want, missingOK bool, why string) {
	v, st := r.get(path)
	switch st {
	case unknown:
		rep.Undecided("%s: %s is unknown at preview, so it cannot be confirmed to be %t (%s)", r.label(), path, want, why)
	case missing:
		if !missingOK {
			rep.Report("%s: %s is not set; expected %t (%s)", r.label(), path, want, why)
		}
	case present:
		b, ok := asBool(v)
		if !ok {
			rep.Report("%s: %s is %s, not a boolean; expected %t (%s)", r.label(), path, fmtValue(v), want, why)
		} else if b != want {
			rep.Report("%s: %s is %t; expected %t (%s)", r.label(), path, b, want, why)
		}
	}
}

// requireOneOf checks a string input against allowed values (case-insensitive, as
// Azure treats enum values).
func requireOneOf(rep *Reporter, r *Resource, path string, allowed []string, missingOK bool, why string) {
	v, st := r.get(path)
	want := quoteList(allowed)
	switch st {
	case unknown:
		rep.Undecided("%s: %s is unknown at preview, so it cannot be confirmed to be %s (%s)", r.label(), path, want, why)
	case missing:
		if !missingOK {
			rep.Report("%s: %s is not set; expected %s (%s)", r.label(), path, want, why)
		}
	case present:
		s, ok := asString(v)
		if !ok || !containsFold(allowed, s) {
			rep.Report("%s: %s is %s; expected %s (%s)", r.label(), path, fmtValue(v), want, why)
		}
	}
}

// quoteList renders `"a"` or `one of "a", "b"`.
func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}

func containsFold(list []string, v string) bool {
	for _, e := range list {
		if strings.EqualFold(e, v) {
			return true
		}
	}
	return false
}
