package rules

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/azroles"
	"github.com/gameplatform/platform/internal/model/catalog"
)

// TypeRoleAssignment is an Azure RBAC role assignment.
const TypeRoleAssignment = "azure-native:authorization:RoleAssignment"

func init() {
	register(
		&Policy{
			Name:         "role-assignments-no-privileged-roles",
			Description:  "No workload identity is granted a privileged built-in role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, …) at any scope; workloads get data-plane roles on what they use.",
			Category:     Security,
			Types:        []string{TypeRoleAssignment},
			Resource:     checkPrivilegedRole,
			Dependencies: true,
		},
		&Policy{
			Name:         "role-assignments-resource-scope",
			Description:  "Role assignments are scoped to a resource (a container, a vault, a subnet), never to a resource group, subscription, management group or the tenant root.",
			Category:     Security,
			Types:        []string{TypeRoleAssignment},
			Resource:     checkRoleScope,
			Dependencies: true,
		},
	)
}

// privilegedRoles are the built-in roles of Azure's "Privileged" category (the
// catalogue of role IDs and names is internal/model/azroles).
var privilegedRoles = azroles.Privileged()

// PrivilegedRoleNames lists the privileged built-in roles the pack refuses, by name.
func PrivilegedRoleNames() []string {
	out := make([]string, 0, len(privilegedRoles))
	for _, n := range privilegedRoles {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// workloadPrincipal reports whether a role assignment's principal is (or may be) a
// workload identity: a service principal (managed identities are), a principal whose
// ID comes from a managed identity, or one whose type is not stated.
func workloadPrincipal(r *Resource) bool {
	for _, urn := range r.PropertyDependencies["principalId"] {
		switch catalog.BaseType(urnType(urn)) {
		case TypeIdentity, TypeManagedCluster:
			return true
		}
	}
	v, st := r.get("principalType")
	if st != present {
		return true // not stated (or unknown): Azure accepts any principal
	}
	s, _ := asString(v)
	return strings.EqualFold(s, "ServicePrincipal")
}

// principalTypeUnknown reports whether the principal's type is unknown at preview
// (and not told by where the principal ID comes from).
func principalTypeUnknown(r *Resource) bool {
	for _, urn := range r.PropertyDependencies["principalId"] {
		switch catalog.BaseType(urnType(urn)) {
		case TypeIdentity, TypeManagedCluster:
			return false
		}
	}
	_, st := r.get("principalType")
	return st == unknown
}

func checkPrivilegedRole(e *Env, r *Resource, rep *Reporter) {
	if !workloadPrincipal(r) {
		return
	}
	v, st := r.get("roleDefinitionId")
	switch st {
	case unknown:
		rep.Undecided("%s: roleDefinitionId is unknown at preview, so it cannot be confirmed not to grant a privileged role (%s) to a workload identity", r.label(), strings.Join(PrivilegedRoleNames(), ", "))
		return
	case missing:
		rep.Report("%s: roleDefinitionId is not set; expected a least-privilege built-in role", r.label())
		return
	}
	id, _ := asString(v)
	guid := strings.ToLower(strings.TrimSpace(id[strings.LastIndex(id, "/")+1:]))
	if name, ok := privilegedRoles[guid]; ok && principalTypeUnknown(r) {
		rep.Undecided("%s: grants %s (%s) to a principal whose type is unknown at preview, so it cannot be confirmed not to be a workload identity", r.label(), name, guid)
	} else if ok {
		rep.Report("%s: grants %s (%s) to a workload identity at %s; expected a data-plane role on the resource it uses (e.g. Storage Blob Data Reader on a container), never a privileged role", r.label(), name, guid, scopeText(r))
	}
}

// scopeKind is how broad a role assignment's scope is.
type scopeKind int

const (
	scopeMalformed scopeKind = iota
	scopeResource
	scopeResourceGroup
	scopeSubscription
	scopeManagementGroup
	scopeRoot
)

var scopeNames = map[scopeKind]string{
	scopeMalformed:       "a scope that is not a resource ID",
	scopeResource:        "resource scope",
	scopeResourceGroup:   "resource-group scope",
	scopeSubscription:    "subscription scope",
	scopeManagementGroup: "management-group scope",
	scopeRoot:            "the tenant root scope",
}

// classifyScope tells an Azure scope's breadth from its ID:
// "/", "/providers/Microsoft.Management/managementGroups/<mg>", "/subscriptions/<id>",
// "/subscriptions/<id>/resourceGroups/<rg>", or a resource ID below them.
func classifyScope(s string) scopeKind {
	segs := strings.Split(strings.Trim(strings.ToLower(strings.TrimSpace(s)), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		return scopeRoot
	}
	switch {
	case segs[0] == "providers" && len(segs) == 4 && segs[1] == "microsoft.management" && segs[2] == "managementgroups":
		return scopeManagementGroup
	case segs[0] != "subscriptions" || len(segs) < 2 || segs[1] == "":
		return scopeMalformed
	case len(segs) == 2:
		return scopeSubscription
	case segs[2] == "resourcegroups" && len(segs) == 4:
		return scopeResourceGroup
	case segs[2] == "resourcegroups" && len(segs) >= 8 && segs[4] == "providers":
		return scopeResource
	case segs[2] == "providers" && len(segs) >= 6:
		return scopeResource // a subscription-level resource
	}
	return scopeMalformed
}

// roleScope returns the breadth of a role assignment's scope; st is unknown when
// neither its value nor what it was computed from tells.
func roleScope(r *Resource) (scopeKind, state) {
	v, st := r.get("scope")
	switch st {
	case missing:
		return scopeMalformed, missing
	case present:
		s, _ := asString(v)
		return classifyScope(s), present
	}
	// Unknown at preview: the engine records which resources the scope came from. A
	// scope computed from a resource's ID is that resource (or a child of it); one
	// computed only from resource groups is a resource group.
	deps := r.PropertyDependencies["scope"]
	if len(deps) == 0 {
		return scopeMalformed, unknown
	}
	for _, urn := range deps {
		if catalog.BaseType(urnType(urn)) != TypeResourceGroup {
			return scopeResource, present
		}
	}
	return scopeResourceGroup, present
}

func scopeText(r *Resource) string {
	k, st := roleScope(r)
	if st != present {
		return "a scope unknown at preview"
	}
	if v, vst := r.get("scope"); vst == present {
		return scopeNames[k] + " " + fmtValue(v)
	}
	return scopeNames[k]
}

func checkRoleScope(e *Env, r *Resource, rep *Reporter) {
	k, st := roleScope(r)
	switch {
	case st == unknown:
		rep.Undecided("%s: scope is unknown at preview and not computed from a resource, so it cannot be confirmed to be a single resource", r.label())
	case st == missing:
		rep.Report("%s: scope is not set; expected the ID of the one resource the role is needed on", r.label())
	case k != scopeResource:
		rep.Report("%s: is at %s; expected the ID of the one resource the role is needed on (a container, a vault, a subnet), never a resource group, subscription, management group or the root", r.label(), scopeText(r))
	}
}
