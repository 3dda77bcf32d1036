package registry

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/recorder"
)

func TestSKUAndReplicas(t *testing.T) {
	regions := []string{"japaneast", "japanwest", "westeurope"}
	cases := []struct {
		tier     spec.Tier
		sku      string
		replicas []string
	}{
		{spec.TierDev, SKUBasic, nil},
		{spec.TierStaging, SKUStandard, nil},
		{spec.TierProd, SKUPremium, []string{"japanwest", "westeurope"}},
	}
	for _, tc := range cases {
		sku := SKU(tc.tier)
		if sku != tc.sku {
			t.Errorf("SKU(%s) = %s, want %s", tc.tier, sku, tc.sku)
		}
		if diff := cmp.Diff(tc.replicas, ReplicaLocations(sku, "japaneast", regions)); diff != "" {
			t.Errorf("%s replicas (-want +got):\n%s", tc.tier, diff)
		}
	}
}

func run(t *testing.T, tier spec.Tier) map[string]plan.Resource {
	t.Helper()
	rec := recorder.New()
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		r, err := NewRegistry(ctx, "global-registry", &Args{
			Interface: shared.Interface{Tags: map[string]string{"environment": "test"}, Tier: tier, Protect: tier == spec.TierProd,
				WorkspaceID: pulumi.String("/subscriptions/x/workspaces/log")},
			Identity:          naming.Identity{Studio: "nebula", Game: "starfall", Env: "test"},
			ResourceGroupName: pulumi.String("rg-starfall-test-global"),
			Location:          "japaneast",
			Regions:           []string{"japaneast", "japanwest", "westeurope"},
		})
		if err != nil {
			return err
		}
		r.LoginServer.ApplyT(func(s string) error {
			if s == "" {
				t.Error("empty login server")
			}
			return nil
		})
		return nil
	}, pulumi.WithMocks("game-platform", "test", rec))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]plan.Resource{}
	for _, r := range rec.Resources("game-platform", "test") {
		out[r.Type+" "+r.Name] = r
	}
	return out
}

func TestRegistryProd(t *testing.T) {
	res := run(t, spec.TierProd)
	acr := res["azure-native:containerregistry:Registry global-registry-acr"]
	in := acr.Inputs
	if in["sku"].(map[string]any)["name"] != "Premium" || in["adminUserEnabled"] != false || in["zoneRedundancy"] != "Enabled" {
		t.Errorf("prod registry inputs = %v", in)
	}
	if _, set := in["anonymousPullEnabled"]; set {
		t.Errorf("anonymous pull set: %v", in["anonymousPullEnabled"])
	}
	if !acr.Protect || !acr.RetainOnDelete {
		t.Error("prod registry is not protected")
	}
	for _, loc := range []string{"japanwest", "westeurope"} {
		rep, ok := res["azure-native:containerregistry:Replication global-registry-replica-"+loc]
		if !ok {
			t.Errorf("no replica in %s", loc)
			continue
		}
		if rep.Inputs["location"] != loc {
			t.Errorf("replica location = %v", rep.Inputs["location"])
		}
	}
	if _, ok := res["azure-native:containerregistry:Replication global-registry-replica-japaneast"]; ok {
		t.Error("replica in the home region")
	}
	if _, ok := res["azure-native:insights:DiagnosticSetting global-registry-acr-diag"]; !ok {
		t.Error("no diagnostic setting")
	}
}

func TestRegistryDev(t *testing.T) {
	res := run(t, spec.TierDev)
	acr := res["azure-native:containerregistry:Registry global-registry-acr"]
	if acr.Inputs["sku"].(map[string]any)["name"] != "Basic" || acr.Inputs["adminUserEnabled"] != false || acr.Protect {
		t.Errorf("dev registry: inputs %v protect %v", acr.Inputs, acr.Protect)
	}
	if acr.Inputs["zoneRedundancy"] == "Enabled" {
		t.Error("dev registry is zone-redundant")
	}
	for k := range res {
		if strings.HasPrefix(k, "azure-native:containerregistry:Replication ") {
			t.Errorf("dev registry has a replica: %s", k)
		}
	}
	if _, err := NewRegistry(nil, "x", nil); err == nil {
		t.Error("nil args accepted")
	}
}
