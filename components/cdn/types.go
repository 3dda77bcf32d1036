package cdn

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
)

// The patches origin group, declared through the generic resource because origin
// authentication needs a newer Microsoft.Cdn API than the pinned SDK module has.
const (
	// OriginGroupAPIVersion is the first GA API of Microsoft.Cdn/profiles/originGroups
	// with the authentication property
	// (https://learn.microsoft.com/azure/frontdoor/origin-authentication-with-managed-identities).
	// The generic resource reads, updates and deletes the group with this version,
	// so it is pinned here and changed only deliberately.
	OriginGroupAPIVersion = "2025-06-01"
	// PatchesOriginGroup is the patches origin group's name.
	PatchesOriginGroup = "patches"
	// StorageTokenScope is the Entra ID scope of Azure Storage's data plane.
	StorageTokenScope = "https://storage.azure.com/.default"
	// OriginAuthUserAssigned is the user-assigned identity authentication type.
	OriginAuthUserAssigned = "UserAssignedIdentity"
)

// OriginGroupProperties are an origin group's ARM properties at OriginGroupAPIVersion
// (only what the platform sets).
type OriginGroupProperties struct {
	LoadBalancingSettings LoadBalancingSettings `json:"loadBalancingSettings"`
	SessionAffinityState  string                `json:"sessionAffinityState"`
	// Authentication makes Front Door request a token for Scope with the identity and
	// send it to every origin of the group.
	Authentication *OriginAuthentication `json:"authentication,omitempty"`
}

// LoadBalancingSettings are how Front Door picks among the group's origins.
type LoadBalancingSettings struct {
	SampleSize                      int `json:"sampleSize"`
	SuccessfulSamplesRequired       int `json:"successfulSamplesRequired"`
	AdditionalLatencyInMilliseconds int `json:"additionalLatencyInMilliseconds"`
}

// OriginAuthentication is managed-identity origin authentication.
type OriginAuthentication struct {
	Type                 string      `json:"type"`
	Scope                string      `json:"scope"`
	UserAssignedIdentity ResourceRef `json:"userAssignedIdentity"`
}

// ResourceRef references an Azure resource by ID.
type ResourceRef struct {
	ID pulumi.StringInput `json:"id"`
}

// patchesOriginGroup declares the patches origin group: one storage origin, read with
// the identity (its ID) and a storage-scoped token.
//
// NOTE: Microsoft advises against health probes in an origin group with a single
// origin (nothing to fail over to, and probes add billed storage transactions), so
// this group has none.
func patchesOriginGroup(rg pulumi.StringInput, profileName string, identityID pulumi.StringInput) shared.GenericArgs {
	return shared.GenericArgs{
		ResourceGroupName: rg,
		Namespace:         "Microsoft.Cdn",
		ParentPath:        "profiles/" + profileName,
		Type:              "originGroups",
		Name:              PatchesOriginGroup,
		APIVersion:        OriginGroupAPIVersion,
		Properties: OriginGroupProperties{
			LoadBalancingSettings: LoadBalancingSettings{SampleSize: 4, SuccessfulSamplesRequired: 3, AdditionalLatencyInMilliseconds: 50},
			SessionAffinityState:  "Disabled",
			Authentication: &OriginAuthentication{
				Type:                 OriginAuthUserAssigned,
				Scope:                StorageTokenScope,
				UserAssignedIdentity: ResourceRef{ID: identityID},
			},
		},
	}
}
