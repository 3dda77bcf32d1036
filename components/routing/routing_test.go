package routing

import (
	"slices"
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
		spec.TierDev:     {DNSTTL: 60, ProbeIntervalSeconds: 30, ProbeTimeoutSeconds: 10, ToleratedFailures: 3},
		spec.TierStaging: {DNSTTL: 60, ProbeIntervalSeconds: 30, ProbeTimeoutSeconds: 10, ToleratedFailures: 3},
		spec.TierProd:    {DNSTTL: 30, ProbeIntervalSeconds: 10, ProbeTimeoutSeconds: 5, ToleratedFailures: 2},
	} {
		got := SettingsFor(tier)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("SettingsFor(%s) (-want +got):\n%s", tier, diff)
		}
		// Traffic Manager: the timeout must be below the interval (5-9 s at 10 s).
		if got.ProbeTimeoutSeconds >= got.ProbeIntervalSeconds {
			t.Errorf("%s: probe timeout %d >= interval %d", tier, got.ProbeTimeoutSeconds, got.ProbeIntervalSeconds)
		}
	}
}

var regions = []string{"japaneast", "japanwest", "westeurope"}

func ipID(r string) string {
	return "/subscriptions/s/resourceGroups/rg-" + r + "/providers/Microsoft.Network/publicIPAddresses/pip-entry-" + r
}

func args(tier spec.Tier) *Args {
	a := &Args{
		Interface: shared.Interface{
			Tags:        map[string]string{"environment": "test"},
			Tier:        tier,
			WorkspaceID: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log"),
			Protect:     tier == spec.TierProd,
		},
		ResourceGroupName: pulumi.String("rg"),
		ProfileName:       "tm-test",
		RelativeDNSName:   "tm-test-0001",
		ZoneName:          "play.test.example",
		Records: []Record{
			{Name: "api", Target: pulumi.String("fde-api.z01.azurefd.net")},
			{Name: "patches", Target: pulumi.String("fde-patches.z01.azurefd.net")},
		},
	}
	for _, r := range regions {
		a.Endpoints = append(a.Endpoints, Endpoint{Name: r, Location: r, TargetResourceID: pulumi.String(ipID(r))})
	}
	return a
}

func TestProdRouting(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewRouting(ctx, "rt", args(spec.TierProd))
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	tm := r.Get(t, "rt-tm")
	plantest.Expect(t, tm, map[string]any{
		"trafficRoutingMethod":            "Performance",
		"location":                        "global",
		"dnsConfig.relativeName":          "tm-test-0001",
		"dnsConfig.ttl":                   float64(30),
		"monitorConfig.protocol":          "HTTPS",
		"monitorConfig.port":              float64(443),
		"monitorConfig.path":              "/healthz",
		"monitorConfig.intervalInSeconds": float64(10),
		"monitorConfig.timeoutInSeconds":  float64(5),
	})
	if _, ok := tm.Inputs["endpoints"]; ok {
		t.Error("endpoints must be separate resources, not inline in the profile")
	}
	eps := r.OfType("azure-native:network:Endpoint")
	if len(eps) != len(regions) {
		t.Fatalf("%d endpoints, want one per region (%d)", len(eps), len(regions))
	}
	for _, reg := range regions {
		ep := r.Get(t, "rt-ep-"+reg)
		plantest.Expect(t, ep, map[string]any{
			"profileName":      "tm-test",
			"endpointName":     reg,
			"endpointType":     EndpointTypeName,
			"type":             EndpointType,
			"targetResourceId": ipID(reg),
			"endpointLocation": reg,
			"endpointStatus":   "Enabled",
		})
		if !contains(ep.Dependencies, tm.URN) {
			t.Errorf("endpoint %s does not depend on the profile", reg)
		}
	}
	plantest.Expect(t, r.Get(t, "rt-tm-diag"), map[string]any{"logs.0.categoryGroup": "allLogs"})

	zone := r.Get(t, "rt-zone")
	plantest.Expect(t, zone, map[string]any{"zoneName": "play.test.example", "location": "global", "zoneType": "Public"})
	if !zone.Protect || !zone.RetainOnDelete {
		t.Errorf("prod DNS zone protect=%v retainOnDelete=%v, want both", zone.Protect, zone.RetainOnDelete)
	}
	// The match record points at Traffic Manager's FQDN (from the provider).
	plantest.Expect(t, r.Get(t, "rt-match"), map[string]any{
		"recordType":            "CNAME",
		"relativeRecordSetName": "match",
		"cnameRecord.cname":     "tm-test-0001.trafficmanager.net",
		"zoneName":              "play.test.example",
		"ttl":                   float64(30),
	})
	plantest.Expect(t, r.Get(t, "rt-api"), map[string]any{"cnameRecord.cname": "fde-api.z01.azurefd.net"})
	plantest.Expect(t, r.Get(t, "rt-patches"), map[string]any{"cnameRecord.cname": "fde-patches.z01.azurefd.net"})
}

func TestDevRoutingZoneUnprotected(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewRouting(ctx, "rt", args(spec.TierDev))
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Get(t, "rt-zone").Protect {
		t.Error("dev DNS zone must not be protected")
	}
	plantest.Expect(t, r.Get(t, "rt-tm"), map[string]any{"monitorConfig.intervalInSeconds": float64(30), "dnsConfig.ttl": float64(60)})
}

func TestRoutingValidation(t *testing.T) {
	if _, err := NewRouting(nil, "rt", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	a := args(spec.TierDev)
	a.Endpoints = append(a.Endpoints, Endpoint{Name: "japaneast", Location: "marsnorth"})
	a.MonitorProtocol = "UDP"
	a.ZoneName = "Not A Zone"
	a.Records = append(a.Records, Record{Name: "match", Target: pulumi.String("x")})
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewRouting(ctx, "rt", a)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{`Endpoints[3].Name: "japaneast" is used twice`, `Endpoints[3].Location: unknown Azure region "marsnorth"`, "Endpoints[3].TargetResourceID is required", `MonitorProtocol: "UDP"`, "ZoneName", `Records[2].Name: "match" is used twice`} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered despite invalid args", len(r.Resources))
	}
}

func contains(xs []string, x string) bool { return slices.Contains(xs, x) }
