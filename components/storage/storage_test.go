package storage

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
	for _, tc := range []struct {
		tier  spec.Tier
		zones bool
		want  Settings
	}{
		{spec.TierDev, true, Settings{SKU: "Standard_LRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: 7}},
		{spec.TierStaging, true, Settings{SKU: "Standard_ZRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: 14}},
		{spec.TierStaging, false, Settings{SKU: "Standard_LRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: 14}},
		{spec.TierProd, true, Settings{SKU: "Standard_GZRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: 30, PrivateEndpointRequired: true}},
		{spec.TierProd, false, Settings{SKU: "Standard_GRS", PublicNetworkAccess: "Enabled", DefaultAction: "Allow", SoftDeleteDays: 30, PrivateEndpointRequired: true}},
	} {
		if diff := cmp.Diff(tc.want, SettingsFor(tc.tier, tc.zones)); diff != "" {
			t.Errorf("SettingsFor(%s, zones=%v) (-want +got):\n%s", tc.tier, tc.zones, diff)
		}
	}
}

func TestHostOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://st1.blob.core.windows.net/": "st1.blob.core.windows.net",
		"https://st1.blob.core.windows.net":  "st1.blob.core.windows.net",
		"http://h/x/y":                       "h",
	} {
		if got := HostOf(in); got != want {
			t.Errorf("HostOf(%q) = %q, want %q", in, got, want)
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
		Zones:             true,
		AccountName:       "stpatchtest0001",
	}
}

func TestProdStorageInputs(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewStorage(ctx, "st", args(spec.TierProd))
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	acct := r.Get(t, "st-account")
	plantest.Expect(t, acct, map[string]any{
		"accountName":                  "stpatchtest0001",
		"kind":                         "StorageV2",
		"sku.name":                     "Standard_GZRS",
		"allowBlobPublicAccess":        false,
		"allowSharedKeyAccess":         false,
		"defaultToOAuthAuthentication": true,
		"enableHttpsTrafficOnly":       true,
		"minimumTlsVersion":            "TLS1_2",
		// The public endpoint stays for Front Door's identity; Entra ID only.
		"publicNetworkAccess":          "Enabled",
		"networkRuleSet.defaultAction": "Allow",
	})
	if !acct.Protect || !acct.RetainOnDelete {
		t.Errorf("prod account protect=%v retainOnDelete=%v, want both", acct.Protect, acct.RetainOnDelete)
	}
	plantest.Expect(t, r.Get(t, "st-blob"), map[string]any{
		"isVersioningEnabled":                    true,
		"deleteRetentionPolicy.enabled":          true,
		"deleteRetentionPolicy.days":             float64(30),
		"containerDeleteRetentionPolicy.enabled": true,
		"containerDeleteRetentionPolicy.days":    float64(30),
	})
	for _, c := range DefaultContainers {
		ct := r.Get(t, "st-"+c)
		plantest.Expect(t, ct, map[string]any{"containerName": c, "publicAccess": "None"})
		if !ct.Protect {
			t.Errorf("prod container %s is not protected", c)
		}
	}
	diag := r.Get(t, "st-blob-diag")
	if uri, _ := diag.Inputs["resourceUri"].(string); !strings.HasSuffix(uri, "/storageAccounts/stpatchtest0001/blobServices/default") {
		t.Errorf("diagnostic setting resourceUri = %q, want the blob service", uri)
	}
	plantest.Expect(t, diag, map[string]any{"logs.0.categoryGroup": "allLogs"})
	if r.Has("st-blob-pe") {
		t.Error("the account registered a private endpoint; each region places its own (components/privatelink)")
	}
}

func TestDevStorageIsCheaperAndUnprotected(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewStorage(ctx, "st", args(spec.TierDev))
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	acct := r.Get(t, "st-account")
	plantest.Expect(t, acct, map[string]any{
		"sku.name":              "Standard_LRS",
		"allowBlobPublicAccess": false,
		"minimumTlsVersion":     "TLS1_2",
		"publicNetworkAccess":   "Enabled",
	})
	if acct.Protect || acct.RetainOnDelete {
		t.Error("dev account must not be protected")
	}
	plantest.Expect(t, r.Get(t, "st-blob"), map[string]any{"deleteRetentionPolicy.days": float64(7)})
	if r.Has("st-blob-pe") {
		t.Error("a private endpoint was created without one being asked for")
	}
}

func TestStorageValidation(t *testing.T) {
	if _, err := NewStorage(nil, "st", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	bad := args(spec.TierDev)
	bad.AccountName = "Bad-Name"
	bad.Containers = []string{"builds", "builds", "X"}
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewStorage(ctx, "st", bad)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{"AccountName", `Containers[1]: "builds" is used twice`, `Containers[2]: "X"`} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered despite invalid args", len(r.Resources))
	}
}
