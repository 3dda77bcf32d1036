package naming

import (
	"crypto/sha1"
	"fmt"
	"regexp"
	"strings"
)

// GUIDNamespace is the namespace of a family of name-based GUIDs: the same parts in
// the same namespace always give the same GUID.
type GUIDNamespace []byte

// The platform's GUID namespaces. Each names role assignments that already exist
// in Azure, so neither may change: a role assignment's name is its identity, and a
// new name for the same principal, role and scope is refused by Azure
// (RoleAssignmentExists, https://github.com/Azure/bicep/discussions/19690) while
// the old one is still there — a rename cannot be replaced in place.
var (
	// WorkloadGrants names the role assignments of workload identities
	// (components/identity): an RFC 4122 namespace UUID.
	WorkloadGrants = GUIDNamespace{0x6f, 0x1c, 0x2e, 0x4a, 0x93, 0x5d, 0x4b, 0x11, 0x8a, 0x07, 0x3e, 0x52, 0xc0, 0xd8, 0x19, 0x64}
	// ClusterGrants names the role assignments of the regional clusters
	// (components/gamecluster: kubelet AcrPull, network roles).
	ClusterGrants = GUIDNamespace("gameplatform/")
)

// GUID returns the name-based (RFC 4122 version 5, SHA-1) GUID of parts joined by
// "/" in namespace ns, for resources Azure names with a GUID (role assignments).
// The same parts always give the same GUID, so a re-run never renames (replaces)
// the resource.
func (ns GUIDNamespace) GUID(parts ...string) string {
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(strings.Join(parts, "/")))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = (u[6] & 0x0f) | 0x50 // version 5
	u[8] = (u[8] & 0x3f) | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsGUID reports whether s is a GUID in its canonical text form
// (8-4-4-4-12 hexadecimal digits, either case): Entra ID tenant and object IDs,
// role definition IDs.
func IsGUID(s string) bool { return guidRE.MatchString(s) }
