package observability

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestWorkspacePerTier(t *testing.T) {
	for _, tc := range []struct {
		tier      spec.Tier
		retention float64
		capped    bool
	}{
		{spec.TierDev, RetentionDev, true},
		{spec.TierStaging, RetentionDev, true},
		{spec.TierProd, RetentionProd, false},
	} {
		t.Run(string(tc.tier), func(t *testing.T) {
			res := plantest.Run(func(ctx *pulumi.Context) error {
				_, err := NewObservability(ctx, "obs", &Args{
					Interface:         shared.Interface{Tier: tc.tier, Tags: map[string]string{"tier": string(tc.tier)}},
					ResourceGroupName: pulumi.String("rg"),
					Location:          "westeurope",
					WorkspaceName:     "log-x",
				})
				return err
			})
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			ws := res.Get(t, "obs-logs")
			if ws.Inputs["retentionInDays"] != tc.retention {
				t.Errorf("retentionInDays = %v, want %v", ws.Inputs["retentionInDays"], tc.retention)
			}
			if sku, _ := ws.Inputs["sku"].(map[string]any); sku["name"] != "PerGB2018" {
				t.Errorf("sku = %v", ws.Inputs["sku"])
			}
			_, capped := ws.Inputs["workspaceCapping"]
			if capped != tc.capped {
				t.Errorf("daily cap present = %v, want %v", capped, tc.capped)
			}
			if tags, _ := ws.Inputs["tags"].(map[string]any); tags["tier"] != string(tc.tier) {
				t.Errorf("tags = %v", ws.Inputs["tags"])
			}
			// The workspace's own logs go to itself.
			d := res.Get(t, "obs-logs-diag")
			if d.Inputs["workspaceId"] != d.Inputs["resourceUri"] || d.Inputs["resourceUri"] == nil {
				t.Errorf("workspace diagnostics: resourceUri %v, workspaceId %v; want the workspace for both", d.Inputs["resourceUri"], d.Inputs["workspaceId"])
			}
			if logs, _ := d.Inputs["logs"].([]any); len(logs) != 1 || logs[0].(map[string]any)["categoryGroup"] != "allLogs" {
				t.Errorf("workspace diagnostic logs = %v", d.Inputs["logs"])
			}
		})
	}
}

func TestArgsAreValidated(t *testing.T) {
	res := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewObservability(ctx, "obs", &Args{})
		return err
	})
	if res.Err == nil || len(res.Resources) != 0 {
		t.Fatalf("empty args: err=%v, %d resources registered", res.Err, len(res.Resources))
	}
	res = plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewObservability(ctx, "obs", nil)
		return err
	})
	if res.Err == nil {
		t.Fatal("nil args accepted")
	}
}
