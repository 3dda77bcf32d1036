package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

const testURNPrefix = "urn:pulumi:dev::game-platform::"

// TestNewGrantsAreShownInFull: a reviewer sees every new access grant (role by name,
// scope, principal) and every rule of a new network security group (direction,
// access, protocol, ports, source), however many there are — never "—".
func TestNewGrantsAreShownInFull(t *testing.T) {
	scope := "/subscriptions/0000/resourceGroups/rg-starfall-dev-global/providers/Microsoft.Storage/storageAccounts/ststarfalldev/blobServices/default/containers/patches"
	var rules []any
	for i := 0; i < maxPropsPerRes+5; i++ {
		rules = append(rules, map[string]any{
			"name": fmt.Sprintf("rule-%02d", i), "direction": "Inbound", "access": "Allow", "protocol": "Udp",
			"destinationPortRange": fmt.Sprintf("%d", 7000+i), "sourceAddressPrefixes": []any{"203.0.113.0/24", "Internet"},
			"destinationAddressPrefix": "*", "sourcePortRange": "*", "priority": float64(100 + i),
		})
	}
	head := &plan.Plan{SchemaVersion: plan.SchemaVersion, Stack: "dev", Resources: []plan.Resource{
		{URN: testURNPrefix + "azure-native:authorization:RoleAssignment::global-id-publisher-patches-write", Type: "azure-native:authorization:RoleAssignment",
			Name: "global-id-publisher-patches-write", Custom: true, Inputs: map[string]any{
				"roleDefinitionId": "/subscriptions/0000/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
				"scope":            scope, "principalId": plan.UnknownValue, "principalType": "ServicePrincipal",
			}},
		{URN: testURNPrefix + "azure-native:authorization:RoleAssignment::custom-grant", Type: "azure-native:authorization:RoleAssignment",
			Name: "custom-grant", Custom: true, Inputs: map[string]any{
				"roleDefinitionId": "11111111-2222-3333-4444-555555555555", "scope": "/subscriptions/0000", "principalId": "abc",
			}},
		{URN: testURNPrefix + "azure-native:network:NetworkSecurityGroup::westeurope-network-nsg-game", Type: "azure-native:network:NetworkSecurityGroup",
			Name: "westeurope-network-nsg-game", Custom: true, Inputs: map[string]any{"location": "westeurope", "securityRules": rules}},
		{URN: testURNPrefix + "azure-native:network:SecurityRule::extra-rule", Type: "azure-native:network:SecurityRule",
			Name: "extra-rule", Custom: true, Inputs: map[string]any{"direction": "Outbound", "access": "Deny", "protocol": "*",
				"destinationPortRanges": []any{"22", "3389"}, "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "Internet", "priority": float64(4000)}},
	}}
	r, err := FromPlans(nil, head, Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	for _, want := range []string{
		"<code>role</code>: + <code>Storage Blob Data Contributor</code>",
		"<code>scope</code>: + <code>" + cell(scope) + "</code>",
		"<code>principal</code>: + <code>(known after apply) (ServicePrincipal)</code>",
		"<code>role</code>: + <code>11111111-2222-3333-4444-555555555555 (not a known built-in role)</code>",
		"<code>rule</code>: + <code>Outbound Deny &#42; ports 22,3389 from VirtualNetwork to Internet (priority 4000)</code>",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("comment lacks %s", want)
		}
	}
	for i := range rules {
		want := fmt.Sprintf("rule-%02d: Inbound Allow Udp ports %d from 203.0.113.0/24,Internet to &#42; (priority %d)", i, 7000+i, 100+i)
		if !strings.Contains(md, want) {
			t.Errorf("comment lacks rule %d: %s", i, want)
		}
	}
	if strings.Contains(md, "more</") || strings.Contains(md, "… ") && strings.Contains(md, "more |") {
		t.Error("security rules were folded away")
	}
	for _, c := range r.Changes {
		if len(c.Properties) == 0 {
			t.Errorf("%s shows no inputs (—)", c.Name)
		}
	}
}

// TestPreviewWithPlansOfAnotherChangeWarns: --preview with --base/--head plans that
// describe a different change (or another stack) warns, in the comment and the JSON;
// plans that match the preview do not.
func TestPreviewWithPlansOfAnotherChangeWarns(t *testing.T) {
	d := loadPreview(t, "preview.staging.json")
	matching := &plan.Plan{SchemaVersion: plan.SchemaVersion, Stack: "staging", Resources: previewResources(d)}
	r, err := FromPreview(d, Context{Head: matching}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 0 {
		t.Errorf("plans of the same change warn: %v", r.Warnings)
	}

	other := loadPlan(t, "staging.region")
	r, err = FromPreview(d, Context{Head: other}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "The --head plan does not match the preview") {
		t.Fatalf("warnings = %q", r.Warnings)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	if !strings.Contains(md, "> [!WARNING]\n> The --head plan does not match the preview") {
		t.Error("the comment does not show the warning")
	}

	prod := loadPlan(t, "prod.japaneast")
	r, err = FromPreview(d, Context{Base: prod, Head: matching}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "The --base plan is of stack `prod` but the preview is of stack `staging`") {
		t.Errorf("warnings = %q", r.Warnings)
	}
}
