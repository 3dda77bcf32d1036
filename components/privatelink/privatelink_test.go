package privatelink

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

const (
	vnet   = "/subscriptions/s/resourceGroups/rg-jpe/providers/Microsoft.Network/virtualNetworks/vnet-jpe"
	subnet = vnet + "/subnets/privateendpoints"
)

func args() *Args {
	return &Args{
		Interface:         shared.Interface{Tags: map[string]string{"environment": "test"}, Tier: spec.TierProd, Protect: true},
		ResourceGroupName: pulumi.String("rg-jpe"),
		Location:          "japaneast",
		VNetID:            pulumi.String(vnet),
		SubnetID:          pulumi.String(subnet),
		Services: []Service{
			{Name: "blob", TargetID: pulumi.String("/st"), GroupID: GroupBlob, Zone: ZoneBlob},
			{Name: "vault", TargetID: pulumi.String("/kv"), GroupID: GroupVault, Zone: ZoneVault},
			{Name: "registry", TargetID: pulumi.String("/acr"), GroupID: GroupRegistry, Zone: ZoneRegistry},
		},
	}
}

// TestRegionOwnsItsEndpointsAndZones checks each service gets an endpoint in the
// region's subnet, registered in a zone of the region's resource group that is
// linked to the region's VNet only.
func TestRegionOwnsItsEndpointsAndZones(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewPrivateAccess(ctx, "japaneast-privatelink", args())
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	for _, tc := range []struct{ svc, group, zone, role string }{
		{"blob", GroupBlob, ZoneBlob, "blob"},
		{"vault", GroupVault, ZoneVault, "vaultcore"},
		{"registry", GroupRegistry, ZoneRegistry, "azurecr"},
	} {
		zone := r.Get(t, "japaneast-privatelink-dns-"+tc.role)
		plantest.Expect(t, zone, map[string]any{"privateZoneName": tc.zone, "resourceGroupName": "rg-jpe", "location": "global"})
		plantest.Expect(t, r.Get(t, "japaneast-privatelink-dns-"+tc.role+"-link"), map[string]any{
			"virtualNetwork.id":      vnet,
			"resourceGroupName":      "rg-jpe",
			"registrationEnabled":    false,
			"virtualNetworkLinkName": "japaneast",
		})
		pe := r.Get(t, "japaneast-privatelink-"+tc.svc+"-pe")
		plantest.Expect(t, pe, map[string]any{
			"subnet.id":         subnet,
			"location":          "japaneast",
			"resourceGroupName": "rg-jpe",
			"privateLinkServiceConnections.0.groupIds.0": tc.group,
		})
		dns := r.Get(t, "japaneast-privatelink-"+tc.svc+"-pe-dns")
		if !slices.Contains(dns.Dependencies, zone.URN) {
			t.Errorf("%s: zone group does not register in %s (deps %v)", tc.svc, tc.zone, dns.Dependencies)
		}
	}
	if n := len(r.OfType("azure-native:network:PrivateZone")); n != 3 {
		t.Errorf("%d zones, want 3", n)
	}
}

// TestServicesSharingAZoneShareIt checks one zone (and link) per distinct zone.
func TestServicesSharingAZoneShareIt(t *testing.T) {
	a := args()
	a.Services = []Service{
		{Name: "builds", TargetID: pulumi.String("/st1"), GroupID: GroupBlob, Zone: ZoneBlob},
		{Name: "logs", TargetID: pulumi.String("/st2"), GroupID: GroupBlob, Zone: ZoneBlob},
	}
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewPrivateAccess(ctx, "pa", a)
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if z, l := len(r.OfType("azure-native:network:PrivateZone")), len(r.OfType("azure-native:network:VirtualNetworkLink")); z != 1 || l != 1 {
		t.Errorf("%d zones and %d links, want 1 each", z, l)
	}
	if n := len(r.OfType("azure-native:network:PrivateEndpoint")); n != 2 {
		t.Errorf("%d endpoints, want 2", n)
	}
}

func TestPrivateAccessValidation(t *testing.T) {
	if _, err := NewPrivateAccess(nil, "pa", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	bad := &Args{Services: []Service{{Name: "Blob", Zone: "blob.core.windows.net"}, {Name: "Blob"}}}
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewPrivateAccess(ctx, "pa", bad)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{
		"ResourceGroupName is required", "Location is required", "VNetID is required", "SubnetID is required",
		`Services[0].Name: "Blob" must be`, `Services[1].Name: "Blob" is used twice`, "Services[0].TargetID is required",
		"Services[1].GroupID is required", `Services[0].Zone: "blob.core.windows.net" must be a privatelink.* zone`,
	} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered despite invalid args", len(r.Resources))
	}
	if _, err := NewPrivateAccess(nil, "pa", &Args{ResourceGroupName: pulumi.String("rg"), Location: "x", VNetID: pulumi.String("v"), SubnetID: pulumi.String("s")}); err == nil ||
		!strings.Contains(err.Error(), "at least one service") {
		t.Errorf("no services: %v", err)
	}
}

func TestZoneRole(t *testing.T) {
	for zone, want := range map[string]string{ZoneBlob: "blob", ZoneVault: "vaultcore", ZoneRegistry: "azurecr"} {
		if got := ZoneRole(zone); got != want {
			t.Errorf("ZoneRole(%q) = %q, want %q", zone, got, want)
		}
	}
}
