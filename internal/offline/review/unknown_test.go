package review

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// previewWithUnknowns is `pulumi preview --json` output for a change whose new values
// Azure computes: the DNS record's target follows a Front Door endpoint being
// replaced (so the new target is unknown), a new region's entry IP is created in a
// resource group being created (its name unknown), and an identity's role
// assignment gets a principal ID unknown until its identity exists, as an output
// value without a value.
const previewWithUnknowns = `{
  "steps": [
    {"op": "same", "urn": "urn:pulumi:staging::game-platform::pulumi:pulumi:Stack::game-platform-staging"},
    {"op": "update",
     "urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:routing:Routing$azure-native:network:RecordSet::global-routing-api",
     "oldState": {"urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:routing:Routing$azure-native:network:RecordSet::global-routing-api",
                  "custom": true, "type": "azure-native:network:RecordSet",
                  "inputs": {"relativeRecordSetName": "api", "recordType": "CNAME", "ttl": 60, "cnameRecord": {"cname": "global-cdn-api-1a2b3c.z01.azurefd.net"}}},
     "newState": {"urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:routing:Routing$azure-native:network:RecordSet::global-routing-api",
                  "custom": true, "type": "azure-native:network:RecordSet",
                  "inputs": {"relativeRecordSetName": "api", "recordType": "CNAME", "ttl": 60, "cnameRecord": {"cname": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}}},
     "diffReasons": ["cnameRecord"],
     "detailedDiff": {"cnameRecord.cname": {"kind": "update", "inputDiff": true}}},
    {"op": "create",
     "urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Region$azure-native:network:PublicIPAddress::eastus2-entry-ip",
     "newState": {"urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Region$azure-native:network:PublicIPAddress::eastus2-entry-ip",
                  "custom": true, "type": "azure-native:network:PublicIPAddress",
                  "inputs": {"location": "eastus2", "publicIpAddressName": "pip-entry-starfall-staging-eus2",
                             "resourceGroupName": "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "sku": {"name": "Standard"}}},
     "detailedDiff": null},
    {"op": "update",
     "urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:identity:Identities$azure-native:authorization:RoleAssignment::global-identity-publisher-patches",
     "oldState": {"urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:identity:Identities$azure-native:authorization:RoleAssignment::global-identity-publisher-patches",
                  "custom": true, "type": "azure-native:authorization:RoleAssignment",
                  "inputs": {"principalId": "1f0e7a52-0000-0000-0000-000000000001", "principalType": "ServicePrincipal"}},
     "newState": {"urn": "urn:pulumi:staging::game-platform::gameplatform:stacks:Global$gameplatform:identity:Identities$azure-native:authorization:RoleAssignment::global-identity-publisher-patches",
                  "custom": true, "type": "azure-native:authorization:RoleAssignment",
                  "inputs": {"principalId": {"4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4", "dependencies": ["urn:pulumi:staging::game-platform::azure-native:managedidentity:UserAssignedIdentity::global-identity-publisher"]},
                             "principalType": "ServicePrincipal"}},
     "diffReasons": ["principalId"],
     "replaceReasons": ["principalId"],
     "detailedDiff": {"principalId": {"kind": "update-replace", "inputDiff": true}}}
  ],
  "changeSummary": {"create": 1, "same": 1, "update": 2}
}`

// TestPreviewWithUnknownValues: real preview output with values unknown until apply
// is reviewed like any other: the changes are counted and attributed, an unknown new
// value reads "[unknown]" as in the Pulumi CLI (never the sentinel), and a property
// that only becomes unknown is still listed as changed.
func TestPreviewWithUnknownValues(t *testing.T) {
	d, err := ParsePreview([]byte(previewWithUnknowns), "preview.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := FromPreview(d, Context{}, Options{HeadName: "preview.json", Parallelism: 8})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Counts{Create: 1, Update: 2}); r.Counts != want { // the stack itself is not counted
		t.Errorf("counts = %+v, want %+v", r.Counts, want)
	}
	byName := map[string]Change{}
	for _, c := range r.Changes {
		byName[c.Name] = c
	}
	cname := byName["global-routing-api"]
	if len(cname.Properties) != 1 || cname.Properties[0].Path != "cnameRecord.cname" ||
		cname.Properties[0].Old != "global-cdn-api-1a2b3c.z01.azurefd.net" || cname.Properties[0].New != plan.UnknownLabel {
		t.Errorf("CNAME change = %+v, want cnameRecord.cname → %s", cname.Properties, plan.UnknownLabel)
	}
	if ip := byName["eastus2-entry-ip"]; ip.Op != OpCreate || ip.Region != "eastus2" {
		t.Errorf("entry IP = %s in %q, want a create in eastus2", ip.Op, ip.Region)
	}
	ra := byName["global-identity-publisher-patches"]
	if len(ra.Properties) != 1 || ra.Properties[0].New != plan.UnknownLabel || !ra.Properties[0].ForcesReplacement {
		t.Errorf("role assignment change = %+v, want principalId → %s forcing replacement", ra.Properties, plan.UnknownLabel)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	if strings.Contains(md, plan.UnknownValue) || strings.Contains(md, "4dabf18193072939515e22adb298388d") {
		t.Errorf("the comment shows a raw unknown sentinel:\n%s", md)
	}
	if !strings.Contains(md, plan.UnknownLabel) {
		t.Errorf("the comment does not show unknown values as %s:\n%s", plan.UnknownLabel, md)
	}
}
