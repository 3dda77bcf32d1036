package identity

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestRoleDefinitionID(t *testing.T) {
	if got := RoleDefinitionID("abc", RoleKeyVaultSecretsUser); got != "/subscriptions/abc/providers/Microsoft.Authorization/roleDefinitions/"+RoleKeyVaultSecretsUser {
		t.Errorf("RoleDefinitionID = %q", got)
	}
}

func TestWorkloadIdentityGrantsOnlyWhatItIsGiven(t *testing.T) {
	vault := "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
	builds := "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/blobServices/default/containers/builds"
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewWorkloadIdentity(ctx, "gs", &Args{
			Interface:         shared.Interface{Tags: map[string]string{"environment": "test"}},
			ResourceGroupName: pulumi.String("rg"),
			Location:          "japaneast",
			IdentityName:      "id-gameserver-test",
			Grants: []Grant{
				{Name: "secrets-read", Scope: pulumi.String(vault), Role: RoleKeyVaultSecretsUser},
				{Name: "builds-read", Scope: pulumi.String(builds), Role: RoleStorageBlobDataReader},
			},
		})
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	plantest.Expect(t, r.Get(t, "gs-id"), map[string]any{"resourceName": "id-gameserver-test", "location": "japaneast"})
	ras := r.OfType("azure-native:authorization:RoleAssignment")
	if len(ras) != 2 {
		t.Fatalf("%d role assignments, want 2", len(ras))
	}
	plantest.Expect(t, r.Get(t, "gs-secrets-read"), map[string]any{
		"scope":            vault,
		"roleDefinitionId": RoleDefinitionID(plan.FakeSubscription, RoleKeyVaultSecretsUser),
		"principalId":      "principal-id-gameserver-test",
		"principalType":    "ServicePrincipal",
	})
	plantest.Expect(t, r.Get(t, "gs-builds-read"), map[string]any{
		"scope":            builds,
		"roleDefinitionId": RoleDefinitionID(plan.FakeSubscription, RoleStorageBlobDataReader),
	})
	a, b := r.Get(t, "gs-secrets-read").Inputs["roleAssignmentName"], r.Get(t, "gs-builds-read").Inputs["roleAssignmentName"]
	if a == b || a == nil {
		t.Errorf("role assignment names %v and %v must be distinct GUIDs", a, b)
	}
}

func TestWorkloadIdentityValidation(t *testing.T) {
	if _, err := NewWorkloadIdentity(nil, "x", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewWorkloadIdentity(ctx, "x", &Args{
			ResourceGroupName: pulumi.String("rg"),
			Location:          "japaneast",
			IdentityName:      "id-x",
			Grants: []Grant{
				{Name: "a", Scope: pulumi.String("/subscriptions/s/x"), Role: "Owner"},
				{Name: "a", Role: RoleKeyVaultSecretsUser},
			},
		})
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid grants accepted")
	}
	for _, want := range []string{`Grants[0].Role: "Owner"`, `Grants[1].Name: "a" is used twice`, "Grants[1].Scope is required"} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
}

func TestFederationsAreSequential(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewWorkloadIdentity(ctx, "gs", &Args{
			ResourceGroupName: pulumi.String("rg"),
			Location:          "japaneast",
			IdentityName:      "id-gameserver-test",
			Federations: []Federation{
				{Name: "japaneast", Issuer: pulumi.String("https://japaneast.oic.prod-aks.azure.com/t/c1/"), Subject: ServiceAccountSubject("game", "gameserver")},
				{Name: "westeurope", Issuer: pulumi.String("https://westeurope.oic.prod-aks.azure.com/t/c2/"), Subject: ServiceAccountSubject("game", "gameserver")},
			},
		})
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	je := r.Get(t, "gs-fed-japaneast")
	plantest.Expect(t, je, map[string]any{
		"resourceName": "id-gameserver-test",
		"issuer":       "https://japaneast.oic.prod-aks.azure.com/t/c1/",
		"subject":      "system:serviceaccount:game:gameserver",
		"audiences.0":  TokenExchangeAudience,
		"federatedIdentityCredentialResourceName": "japaneast",
	})
	we := r.Get(t, "gs-fed-westeurope")
	found := false
	for _, d := range we.Dependencies {
		found = found || d == je.URN
	}
	if !found {
		t.Errorf("the second federated credential must wait for the first (deps %v)", we.Dependencies)
	}
}

func TestFederationValidation(t *testing.T) {
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewWorkloadIdentity(ctx, "gs", &Args{
			ResourceGroupName: pulumi.String("rg"),
			Location:          "japaneast",
			IdentityName:      "id-x",
			Federations:       []Federation{{Name: "je"}, {Name: "je", Issuer: pulumi.String("https://x"), Subject: "s"}},
		})
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid federations accepted")
	}
	for _, want := range []string{"Federations[0].Issuer is required", "Federations[0].Subject is required", `Federations[1].Name: "je" is used twice`} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
}
