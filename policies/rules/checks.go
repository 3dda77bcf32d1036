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

// requirement is what a check wants of one input: want, as the messages say it;
// whether an input left unset satisfies it (Azure's documented default does) and
// how that default reads in the message ("" says nothing of it); and wrong, which
// describes a present value that does not satisfy it ("" when it does).
type requirement struct {
	want      string
	missingOK bool
	defaultIs string
	wrong     func(v any) string
}

// require judges the input at path against q: a value unknown at preview is
// undecided (decided at apply), an unset one is judged by Azure's default, a present
// one by q.wrong.
func require(rep *Reporter, r *Resource, path string, q requirement, why string) {
	v, st := r.get(path)
	switch st {
	case unknown:
		rep.Undecided("%s: %s is unknown at preview, so it cannot be confirmed to be %s (%s)", r.label(), path, q.want, why)
	case missing:
		if !q.missingOK {
			notSet := "is not set"
			if q.defaultIs != "" {
				notSet += " (" + q.defaultIs + ")"
			}
			rep.Report("%s: %s %s; expected %s (%s)", r.label(), path, notSet, q.want, why)
		}
	case present:
		if got := q.wrong(v); got != "" {
			rep.Report("%s: %s is %s; expected %s (%s)", r.label(), path, got, q.want, why)
		}
	}
}

// requireBool checks a boolean input. When the input is not set, missingOK says
// whether Azure's documented default already is the wanted value.
func requireBool(rep *Reporter, r *Resource, path string, want, missingOK bool, why string) {
	require(rep, r, path, requirement{want: fmt.Sprint(want), missingOK: missingOK, wrong: func(v any) string {
		b, ok := asBool(v)
		if !ok {
			return fmtValue(v) + ", not a boolean"
		}
		if b != want {
			return fmt.Sprint(b)
		}
		return ""
	}}, why)
}

// requireOneOf checks a string input against allowed values (case-insensitive, as
// Azure treats enum values).
func requireOneOf(rep *Reporter, r *Resource, path string, allowed []string, missingOK bool, why string) {
	require(rep, r, path, requirement{want: quoteList(allowed), missingOK: missingOK, wrong: func(v any) string {
		if s, ok := asString(v); ok && containsFold(allowed, s) {
			return ""
		}
		return fmtValue(v)
	}}, why)
}

// requireMinNumber checks a numeric input is at least min; def is Azure's default
// when the input is not set.
func requireMinNumber(rep *Reporter, r *Resource, path string, min, def float64, what string) {
	require(rep, r, path, requirement{want: fmt.Sprintf("at least %g", min), missingOK: def >= min, defaultIs: fmt.Sprintf("Azure default %g", def), wrong: func(v any) string {
		if n, ok := asNumber(v); ok && n >= min {
			return ""
		}
		return fmtValue(v)
	}}, what)
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
