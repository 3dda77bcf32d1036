package keyvault

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestSettingsFor(t *testing.T) {
	for tier, want := range map[spec.Tier]Settings{
		spec.TierDev:     {SKU: "standard", SoftDeleteDays: 7, PublicNetworkAccess: "Enabled", DefaultAction: "Allow"},
		spec.TierStaging: {SKU: "standard", SoftDeleteDays: 30, PublicNetworkAccess: "Enabled", DefaultAction: "Allow"},
		spec.TierProd:    {SKU: "premium", SoftDeleteDays: 90, PublicNetworkAccess: "Disabled", DefaultAction: "Deny", PrivateEndpointRequired: true},
	} {
		if diff := cmp.Diff(want, SettingsFor(tier)); diff != "" {
			t.Errorf("SettingsFor(%s) (-want +got):\n%s", tier, diff)
		}
	}
}

func args(tier spec.Tier) *Args {
	return &Args{
		Interface: shared.Interface{
			Tags:        map[string]string{"environment": "test"},
			Tier:        tier,
			WorkspaceID: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
			Protect:     tier == spec.TierProd,
		},
		ResourceGroupName: pulumi.String("rg-test"),
		Location:          "japaneast",
		VaultName:         "kv-test-0001",
	}
}

func TestProdVault(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewKeyVault(ctx, "kv", args(spec.TierProd))
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	v := r.Get(t, "kv-vault")
	plantest.Expect(t, v, map[string]any{
		"vaultName":                            "kv-test-0001",
		"properties.enableRbacAuthorization":   true,
		"properties.enablePurgeProtection":     true,
		"properties.enableSoftDelete":          true,
		"properties.softDeleteRetentionInDays": float64(90),
		"properties.publicNetworkAccess":       "Disabled",
		"properties.networkAcls.defaultAction": "Deny",
		"properties.sku.name":                  "premium",
		// from the mocked authorization:getClientConfig invoke
		"properties.tenantId": "33333333-3333-3333-3333-333333333333",
	})
	if _, ok := v.Inputs["properties"].(map[string]any)["accessPolicies"]; ok {
		t.Error("an RBAC vault must not carry access policies")
	}
	if !v.Protect || !v.RetainOnDelete {
		t.Errorf("prod vault protect=%v retainOnDelete=%v, want both", v.Protect, v.RetainOnDelete)
	}
	plantest.Expect(t, r.Get(t, "kv-vault-diag"), map[string]any{
		"logs.0.categoryGroup": "allLogs",
		"metrics.0.category":   "AllMetrics",
		"workspaceId":          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log",
	})
	if r.Has("kv-vault-pe") {
		t.Error("the vault registered a private endpoint; each region places its own (components/privatelink)")
	}
}

func TestDevVaultWithExplicitTenant(t *testing.T) {
	a := args(spec.TierDev)
	a.TenantID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewKeyVault(ctx, "kv", a)
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	v := r.Get(t, "kv-vault")
	plantest.Expect(t, v, map[string]any{
		"properties.tenantId":                  a.TenantID,
		"properties.sku.name":                  "standard",
		"properties.softDeleteRetentionInDays": float64(7),
		"properties.enablePurgeProtection":     true,
		"properties.publicNetworkAccess":       "Enabled",
	})
	if v.Protect {
		t.Error("dev vault must not be protected")
	}
	if r.Has("kv-vault-pe") {
		t.Error("unexpected private endpoint")
	}
}

func TestVaultValidation(t *testing.T) {
	if _, err := NewKeyVault(nil, "kv", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	a := args(spec.TierDev)
	a.VaultName = "kv--bad"
	a.TenantID = "not-a-guid"
	a.Location = ""
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewKeyVault(ctx, "kv", a)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{"VaultName", "TenantID", "Location is required"} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
}
