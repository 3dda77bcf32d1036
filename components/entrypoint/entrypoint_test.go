package entrypoint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func args(zones []string) *Args {
	return &Args{
		Interface: shared.Interface{
			Tags:        map[string]string{"environment": "test"},
			WorkspaceID: pulumi.String("/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
		},
		ResourceGroupName: pulumi.String("rg-starfall-test-jpe"),
		Location:          "japaneast",
		IPName:            "pip-entry-starfall-test-jpe",
		DNSLabel:          "starfall-test-jpe",
		Zones:             zones,
	}
}

func TestEntryPoint(t *testing.T) {
	for _, zones := range [][]string{{"1", "2", "3"}, nil} {
		r := plantest.Run(func(ctx *pulumi.Context) error {
			_, err := New(ctx, "jpe-entry-ip", args(zones))
			return err
		})
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		ip := r.Get(t, "jpe-entry-ip")
		plantest.Expect(t, ip, map[string]any{
			"publicIpAddressName":         "pip-entry-starfall-test-jpe",
			"location":                    "japaneast",
			"publicIPAllocationMethod":    "Static",
			"sku.name":                    "Standard",
			"sku.tier":                    "Regional",
			"dnsSettings.domainNameLabel": "starfall-test-jpe",
			"tags.environment":            "test",
		})
		var want any
		if zones != nil {
			want = []any{"1", "2", "3"}
		}
		if diff := cmp.Diff(want, ip.Inputs["zones"]); diff != "" {
			t.Errorf("zones (-want +got):\n%s", diff)
		}
		d := r.Get(t, "jpe-entry-ip-diag")
		if logs, _ := d.Inputs["logs"].([]any); len(logs) != 1 || logs[0].(map[string]any)["categoryGroup"] != "allLogs" {
			t.Errorf("entry IP diagnostic logs = %v", d.Inputs["logs"])
		}
	}
}

func TestEntryPointArgsErrors(t *testing.T) {
	if _, err := New(nil, "x", nil); err == nil {
		t.Error("nil args accepted")
	}
	a := args(nil)
	a.ResourceGroupName, a.IPName, a.DNSLabel = nil, "", "x"
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := New(ctx, "jpe-entry-ip", a)
		return err
	})
	for _, want := range []string{"ResourceGroupName", "IPName", `DNSLabel: "x" must be 3-63 characters`} {
		if r.Err == nil || !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %v does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered despite invalid args", len(r.Resources))
	}
}
