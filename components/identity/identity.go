// Package identity provides workload identities: a user-assigned managed identity per
// workload with role assignments that give it only what it reads or writes, each at
// the narrowest scope (a container, a vault), never the resource group.
package identity

import (
	"errors"
	"fmt"
	"regexp"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azmsi "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:identity:WorkloadIdentity"

// Built-in Azure role definition IDs (the same GUID in every tenant).
const (
	// RoleKeyVaultSecretsUser reads secret contents.
	RoleKeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6"
	// RoleStorageBlobDataReader reads blobs.
	RoleStorageBlobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
	// RoleStorageBlobDataContributor reads, writes and deletes blobs.
	RoleStorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
)

// Grant is one role assignment of the identity.
type Grant struct {
	// Name tells grants apart in resource names ("kv-secrets", "builds-read").
	Name string
	// Scope is the resource ID the role applies to.
	Scope pulumi.StringInput
	// Role is a built-in role definition GUID (Role* constants).
	Role string
}

// Federation trusts tokens of an external issuer (a region's AKS OIDC issuer) for one
// subject (a Kubernetes service account), so the workload signs in as the identity
// without any secret.
type Federation struct {
	// Name tells federations apart (the region).
	Name string
	// Issuer is the OIDC issuer URL.
	Issuer pulumi.StringInput
	// Subject is the token subject, e.g. "system:serviceaccount:game:gameserver".
	Subject string
}

// TokenExchangeAudience is the audience Entra ID expects on federated tokens.
const TokenExchangeAudience = "api://AzureADTokenExchange"

// ServiceAccountSubject is the token subject of a Kubernetes service account.
func ServiceAccountSubject(namespace, serviceAccount string) string {
	return "system:serviceaccount:" + namespace + ":" + serviceAccount
}

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	Location          string
	// IdentityName is the identity's Azure name (naming.Identity.UserAssignedIdentity).
	IdentityName string
	Grants       []Grant
	// Federations are the external workloads allowed to sign in as the identity.
	Federations []Federation
}

// WorkloadIdentity is one workload's identity and its grants.
type WorkloadIdentity struct {
	pulumi.ResourceState

	ID          pulumi.IDOutput
	PrincipalID pulumi.StringOutput
	ClientID    pulumi.StringOutput
}

var grantNameRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,30}$`)

func (a *Args) validate() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if a.IdentityName == "" {
		errs.Append(field.Required(field.NewPath("IdentityName")))
	}
	seen := map[string]bool{}
	for i, g := range a.Grants {
		if !grantNameRE.MatchString(g.Name) {
			errs.Add(field.NewPath("Grants").Index(i).Child("Name").String(), "%q must be 1-31 lowercase letters, digits or '-'", g.Name)
		}
		if seen[g.Name] {
			errs.Append(field.Duplicate(field.NewPath("Grants").Index(i).Child("Name"), g.Name))
		}
		seen[g.Name] = true
		if g.Scope == nil {
			errs.Append(field.Required(field.NewPath("Grants").Index(i).Child("Scope")))
		}
		if !naming.IsGUID(g.Role) {
			errs.Add(field.NewPath("Grants").Index(i).Child("Role").String(), "%q is not a role definition GUID", g.Role)
		}
	}
	fseen := map[string]bool{}
	for i, f := range a.Federations {
		if !grantNameRE.MatchString(f.Name) {
			errs.Add(field.NewPath("Federations").Index(i).Child("Name").String(), "%q must be 1-31 lowercase letters, digits or '-'", f.Name)
		}
		if fseen[f.Name] {
			errs.Append(field.Duplicate(field.NewPath("Federations").Index(i).Child("Name"), f.Name))
		}
		fseen[f.Name] = true
		if f.Issuer == nil {
			errs.Append(field.Required(field.NewPath("Federations").Index(i).Child("Issuer")))
		}
		if f.Subject == "" {
			errs.Append(field.Required(field.NewPath("Federations").Index(i).Child("Subject")))
		}
	}
	if len(a.Federations) > MaxFederations {
		errs.Add("Federations", "%d exceed Azure's limit of %d per identity", len(a.Federations), MaxFederations)
	}
	return errs.Join()
}

// MaxFederations is Azure's limit of federated credentials per identity.
const MaxFederations = 20

// RoleDefinitionID returns the subscription-qualified ID of a built-in role.
func RoleDefinitionID(subscription, role string) string {
	return "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/roleDefinitions/" + role
}

// NewRoleAssignment assigns role to a service principal at scope, as a resource named
// name. The assignment's GUID derives from the project, stack and name, so it is
// stable across runs.
//
// NOTE: the role definition ID is built from the deploying subscription (known at
// preview, as the client configuration is read then), not from the scope's ID
// (unknown until the scope exists), so a preview already shows which role is
// granted and the policy pack can judge it. Every scope lives in that subscription.
func NewRoleAssignment(ctx *pulumi.Context, name string, principalID pulumi.StringInput, g Grant, opts ...pulumi.ResourceOption) (*azauth.RoleAssignment, error) {
	roleID := azauth.GetClientConfigOutput(ctx).SubscriptionId().ApplyT(func(sub string) string {
		return RoleDefinitionID(sub, g.Role)
	}).(pulumi.StringOutput)
	ra, err := azauth.NewRoleAssignment(ctx, name, &azauth.RoleAssignmentArgs{
		RoleAssignmentName: pulumi.String(naming.WorkloadGrants.GUID(ctx.Project(), ctx.Stack(), name)),
		PrincipalId:        principalID,
		PrincipalType:      pulumi.String("ServicePrincipal"),
		RoleDefinitionId:   roleID,
		Scope:              g.Scope,
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating role assignment %q: %w", name, err)
	}
	return ra, nil
}

// NewWorkloadIdentity registers the identity, one role assignment per grant (named
// name+"-"+grant.Name) and one federated credential per federation (name+"-fed-"+…).
func NewWorkloadIdentity(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*WorkloadIdentity, error) {
	if args == nil {
		return nil, errors.New("internal error: workload identity args are nil")
	}
	a := args
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("internal error: workload identity %q: %w", name, err)
	}
	c := &WorkloadIdentity{}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	id, err := azmsi.NewUserAssignedIdentity(ctx, name+"-id", &azmsi.UserAssignedIdentityArgs{
		ResourceGroupName: a.ResourceGroupName,
		Location:          pulumi.String(a.Location),
		ResourceName:      pulumi.String(a.IdentityName),
		Tags:              a.TagMap(),
	}, pulumi.Parent(c))
	if err != nil {
		return nil, fmt.Errorf("creating user-assigned identity %q: %w", name+"-id", err)
	}
	for _, g := range a.Grants {
		if _, err := NewRoleAssignment(ctx, name+"-"+g.Name, id.PrincipalId, g, pulumi.Parent(c)); err != nil {
			return nil, err
		}
	}
	// NOTE: Azure rejects concurrent writes of federated credentials under one
	// identity, so each waits for the previous one.
	var prev pulumi.Resource
	for _, f := range a.Federations {
		fopts := []pulumi.ResourceOption{pulumi.Parent(c)}
		if prev != nil {
			fopts = append(fopts, pulumi.DependsOn([]pulumi.Resource{prev}))
		}
		fic, err := azmsi.NewFederatedIdentityCredential(ctx, name+"-fed-"+f.Name, &azmsi.FederatedIdentityCredentialArgs{
			ResourceGroupName:                       a.ResourceGroupName,
			ResourceName:                            id.Name,
			FederatedIdentityCredentialResourceName: pulumi.String(f.Name),
			Issuer:                                  f.Issuer,
			Subject:                                 pulumi.String(f.Subject),
			Audiences:                               pulumi.ToStringArray([]string{TokenExchangeAudience}),
		}, fopts...)
		if err != nil {
			return nil, fmt.Errorf("creating federated identity credential %q: %w", name+"-fed-"+f.Name, err)
		}
		prev = fic
	}
	c.ID = id.ID()
	c.PrincipalID = id.PrincipalId
	c.ClientID = id.ClientId
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"id":          id.ID(),
		"principalId": id.PrincipalId,
		"clientId":    id.ClientId,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
