package shared

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestStatefulOptionsProtectOnlyWhenAsked(t *testing.T) {
	for _, protect := range []bool{false, true} {
		res := plantest.Run(func(ctx *pulumi.Context) error {
			i := Interface{Protect: protect}
			_, err := Interface{}.NewDiagnosticSetting(ctx, "none", pulumi.String("/x"), AllLogs)
			if err != nil {
				return err
			}
			var c pulumi.ResourceState
			return ctx.RegisterResource("test:index:Thing", "thing", nil, &c, i.StatefulOptions()...)
		})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		r := res.Get(t, "thing")
		if r.Protect != protect || r.RetainOnDelete != protect {
			t.Errorf("Protect=%v: got protect=%v retainOnDelete=%v", protect, r.Protect, r.RetainOnDelete)
		}
		if res.Has("none-diag") {
			t.Error("a diagnostic setting was registered without a workspace")
		}
	}
}

func TestDiagnosticSettingSendsLogsAndMetrics(t *testing.T) {
	res := plantest.Run(func(ctx *pulumi.Context) error {
		i := Interface{Tier: spec.TierProd, WorkspaceID: pulumi.String("/ws")}
		_, err := i.NewDiagnosticSetting(ctx, "vault", pulumi.String("/vault"), Diagnostics{CategoryGroups: []string{"audit"}, Categories: []string{"AuditEvent"}, Metrics: true})
		return err
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	d := res.Get(t, "vault-diag")
	if d.Inputs["workspaceId"] != "/ws" || d.Inputs["resourceUri"] != "/vault" {
		t.Errorf("targets = %v / %v", d.Inputs["workspaceId"], d.Inputs["resourceUri"])
	}
	logs, _ := d.Inputs["logs"].([]any)
	if len(logs) != 2 || logs[0].(map[string]any)["categoryGroup"] != "audit" || logs[1].(map[string]any)["category"] != "AuditEvent" {
		t.Errorf("logs = %v", d.Inputs["logs"])
	}
	metrics, _ := d.Inputs["metrics"].([]any)
	if len(metrics) != 1 || metrics[0].(map[string]any)["category"] != "AllMetrics" {
		t.Errorf("metrics = %v", d.Inputs["metrics"])
	}
}

func TestNewResourceGroup(t *testing.T) {
	i := Interface{Tags: map[string]string{"environment": "test"}}
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := i.NewResourceGroup(ctx, "jpe-rg", "rg-starfall-test-jpe", "japaneast")
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	plantest.Expect(t, r.Get(t, "jpe-rg"), map[string]any{"resourceGroupName": "rg-starfall-test-jpe", "location": "japaneast", "tags.environment": "test"})
	r = plantest.Run(func(ctx *pulumi.Context) error {
		_, err := i.NewResourceGroup(ctx, "jpe-rg", strings.Repeat("x", 91), "")
		return err
	})
	if r.Err == nil || !strings.Contains(r.Err.Error(), "must be 1-90 characters") || !strings.Contains(r.Err.Error(), "Location") || len(r.Resources) != 0 {
		t.Errorf("bad resource group: err %v, %d resources", r.Err, len(r.Resources))
	}
}
