package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/azroles"
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Types whose creation grants access or opens the network: a reviewer must see every
// grant (role, scope, principal) and every rule (direction, access, protocol, ports,
// addresses) of them, never "—" and never shortened.
const (
	typeRoleAssignment      = "azure-native:authorization:RoleAssignment"
	typeNSG                 = "azure-native:network:NetworkSecurityGroup"
	typeSecurityRule        = "azure-native:network:SecurityRule"
	typeFederatedCredential = "azure-native:managedidentity:FederatedIdentityCredential"
)

// grantFacts returns what a new resource grants, as additions, and the top-level
// inputs they cover (so the generic array summary does not repeat them).
func grantFacts(typ string, in map[string]any) ([]PropertyChange, map[string]bool) {
	add := func(path, v string) PropertyChange {
		return PropertyChange{Path: path, Kind: "add", New: v, Grant: true}
	}
	switch catalog.BaseType(typ) {
	case typeRoleAssignment:
		principal := factString(in["principalId"])
		if t := factString(in["principalType"]); t != "" && t != "—" {
			principal += " (" + t + ")"
		}
		return []PropertyChange{
			add("role", azroles.Describe(factString(in["roleDefinitionId"]))),
			add("scope", factString(in["scope"])),
			add("principal", principal),
		}, nil
	case typeNSG:
		rules, _ := in["securityRules"].([]any)
		if len(rules) == 0 {
			return []PropertyChange{add("securityRules", "none (Azure's default rules only)")}, map[string]bool{"securityRules": true}
		}
		out := make([]PropertyChange, 0, len(rules))
		for i, r := range rules {
			m, _ := r.(map[string]any)
			out = append(out, add("securityRules["+strconv.Itoa(i)+"]", nsgRule(m)))
		}
		return out, map[string]bool{"securityRules": true}
	case typeSecurityRule:
		in2 := in
		if p, ok := in["properties"].(map[string]any); ok {
			in2 = p
		}
		return []PropertyChange{add("rule", nsgRule(in2))}, nil
	case typeFederatedCredential:
		return []PropertyChange{
			add("subject", factString(in["subject"])),
			add("issuer", factString(in["issuer"])),
			add("audiences", factString(in["audiences"])),
		}, nil
	}
	return nil, nil
}

// nsgRule words one security rule: "deny-ssh: Inbound Deny * ports 22,3389 from
// Internet to * (priority 100)".
func nsgRule(r map[string]any) string {
	either := func(one, many string) string {
		if v := factString(r[many]); v != "—" && v != "" {
			return v
		}
		return factString(r[one])
	}
	s := fmt.Sprintf("%s %s %s ports %s from %s to %s (priority %s)",
		factString(r["direction"]), factString(r["access"]), factString(r["protocol"]),
		either("destinationPortRange", "destinationPortRanges"),
		either("sourceAddressPrefix", "sourceAddressPrefixes"),
		either("destinationAddressPrefix", "destinationAddressPrefixes"),
		factString(r["priority"]))
	if sp := either("sourcePortRange", "sourcePortRanges"); sp != "*" && sp != "—" {
		s += ", source ports " + sp
	}
	if n := factString(r["name"]); n != "—" {
		s = n + ": " + s
	}
	return s
}

// factString renders a grant fact in full (never shortened, unlike render): strings
// bare, lists comma-separated, a value unknown until apply said so, a missing one "—".
func factString(v any) string {
	switch t := v.(type) {
	case nil:
		return "—"
	case string:
		if t == plan.UnknownValue {
			return "(known after apply)"
		}
		return t
	case []any:
		parts := make([]string, len(t))
		for i, e := range t {
			parts[i] = factString(e)
		}
		return strings.Join(parts, ",")
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	}
	return render(v, false)
}
