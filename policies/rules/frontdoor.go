package rules

import (
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
)

func init() {
	register(&Policy{
		Name:        "frontdoor-origin-cert-check",
		Description: "Front Door origins keep the certificate subject name check on, so Front Door only talks HTTPS to the origin it names.",
		Category:    Security,
		Types:       []string{TypeAFDOrigin},
		Resource: func(e *Env, r *Resource, rep *Reporter) {
			// NOTE: Azure's default for enforceCertificateNameCheck is true.
			requireBool(rep, r, "enforceCertificateNameCheck", true, true, "an origin presenting another host's certificate is refused")
		},
	})
}

// TypeAFDOriginGroupAuth is a Front Door origin group declared through the generic
// resource at a Microsoft.Cdn API version with origin authentication (components/cdn).
var TypeAFDOriginGroupAuth = catalog.GenericKey("Microsoft.Cdn/profiles/originGroups")

// Origin authentication of the storage origin: a managed identity asking Entra ID for
// a token of Azure Storage's data plane.
const (
	storageTokenScope = "https://storage.azure.com/.default"
	blobHostSuffix    = ".blob.core.windows.net"
)

func init() {
	register(&Policy{
		Name:        "frontdoor-storage-origin-identity",
		Description: "A Front Door origin group with a storage (blob) origin authenticates to it with a managed identity and the storage scope: the accounts allow no anonymous access, so without it the patches endpoint answers 403.",
		Category:    Security,
		Stack:       checkStorageOriginIdentity,
	})
}

func checkStorageOriginIdentity(_ *Env, rs []Resource, rep *Reporter) {
	groups := map[string]*Resource{} // origin group name → group
	opaqueGroup := false             // a group whose name is unknown at preview
	byURN := map[string]*Resource{}
	for i := range rs {
		r := &rs[i]
		byURN[r.URN] = r
		key := ""
		switch r.Type {
		case TypeAFDOriginGroup:
			key = "originGroupName"
		case TypeAFDOriginGroupAuth:
			key = "resourceName"
		default:
			continue
		}
		v, st := r.get(key)
		if st == unknown {
			opaqueGroup = true
		} else if s, ok := asString(v); st == present && ok {
			groups[s] = r
		}
	}
	for i := range rs {
		o := &rs[i]
		if o.Type != TypeAFDOrigin {
			continue
		}
		host, hst := o.get("hostName")
		if hst == unknown {
			// At preview the host of a new account is unknown; the property
			// dependency the engine records says it comes from a storage account.
			if !fromStorageAccount(o, byURN) {
				rep.UndecidedOn(o.URN, "%s: hostName is unknown at preview, so whether it is a storage origin needing identity authentication cannot be judged", o.label())
				continue
			}
			host = "(a storage account's blob endpoint)"
		} else if h, _ := asString(host); !strings.HasSuffix(strings.ToLower(h), blobHostSuffix) {
			continue
		}
		gv, gst := o.get("originGroupName")
		if gst == unknown {
			rep.UndecidedOn(o.URN, "%s: originGroupName is unknown at preview, so its group's origin authentication cannot be checked", o.label())
			continue
		}
		name, _ := asString(gv)
		g := groups[name]
		switch {
		case g == nil && opaqueGroup:
			rep.UndecidedOn(o.URN, "%s: an origin group's name is unknown at preview, so group %q of storage origin %s cannot be found to check its origin authentication", o.label(), name, fmtValue(host))
			continue
		case g == nil:
			rep.ReportOn(o.URN, "%s: storage origin %s is in origin group %q, which is not declared with origin authentication; expected an origin group (Microsoft.Cdn 2025-06-01 or later) with managed-identity authentication", o.label(), fmtValue(host), name)
			continue
		case g.Type == TypeAFDOriginGroup:
			rep.ReportOn(g.URN, "%s serves storage origin %s but is declared at an API version without origin authentication, so Front Door reads the account anonymously and gets 403; expected the group at Microsoft.Cdn 2025-06-01 or later with a managed identity (components/cdn)", g.label(), fmtValue(host))
			continue
		}
		typ, tst := g.get("properties.authentication.type")
		scope, sst := g.get("properties.authentication.scope")
		_, ist := g.get("properties.authentication.userAssignedIdentity.id")
		if tst == unknown || sst == unknown {
			rep.UndecidedOn(g.URN, "%s: its origin authentication is unknown at preview; expected a managed identity with scope %s", g.label(), storageTokenScope)
			continue
		}
		t, _ := asString(typ)
		s, _ := asString(scope)
		switch {
		case tst != present:
			rep.ReportOn(g.URN, "%s serves storage origin %s without origin authentication, so Front Door gets 403 from the account; expected properties.authentication with a managed identity and scope %s", g.label(), fmtValue(host), storageTokenScope)
		case t != "UserAssignedIdentity" && t != "SystemAssignedIdentity":
			rep.ReportOn(g.URN, "%s: properties.authentication.type is %s; expected UserAssignedIdentity or SystemAssignedIdentity", g.label(), fmtValue(typ))
		case s != storageTokenScope:
			rep.ReportOn(g.URN, "%s: properties.authentication.scope is %s; expected %s (Azure Storage's data plane)", g.label(), fmtValue(scope), storageTokenScope)
		case t == "UserAssignedIdentity" && ist == missing:
			rep.ReportOn(g.URN, "%s: user-assigned origin authentication names no identity (properties.authentication.userAssignedIdentity.id)", g.label())
		}
	}
}

// fromStorageAccount reports whether an origin's hostName input comes from a storage
// account (its recorded property dependency).
func fromStorageAccount(o *Resource, byURN map[string]*Resource) bool {
	for _, u := range o.PropertyDependencies["hostName"] {
		if d := byURN[u]; d != nil && d.Type == TypeStorageAccount {
			return true
		}
	}
	return false
}
