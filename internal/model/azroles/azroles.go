// Package azroles names Azure's built-in role definitions, so what a role assignment
// grants is shown by name (a reviewer approves "Storage Blob Data Contributor", not a
// GUID).
//
// Source: https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles
// (the role definition IDs are the same in every Azure cloud and tenant).
package azroles

import "strings"

// Built-in roles by definition ID (the GUID at the end of a roleDefinitionId).
var builtIn = map[string]string{
	// General
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
	"acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
	"a8889054-8d42-49c9-bc1c-52486c10e7cd": "Reservations Administrator",
	"92b92042-07d9-4307-87f7-36a593fc5850": "Azure File Sync Administrator",
	// Storage
	"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
	"ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
	"b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
	// Key Vault
	"4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
	"b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
	"00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
	// Containers
	"7f951dda-4ed3-4680-a7ca-43fe172d538d": "AcrPull",
	"8311e382-0749-4cb8-b61a-304f252e45ec": "AcrPush",
	"b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b": "Azure Kubernetes Service RBAC Cluster Admin",
	"3498e952-d568-435e-9b2c-8d77e338d7f7": "Azure Kubernetes Service RBAC Admin",
	// Networking and identity
	"4d97b98b-1d4f-4787-a291-c67834d212e7": "Network Contributor",
	"f1a07417-d97a-45cb-824c-7a7467783830": "Managed Identity Operator",
	"e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": "Managed Identity Contributor",
	// Monitoring
	"3913510d-42f4-4e42-8a64-420c390055eb": "Monitoring Metrics Publisher",
	"749f88d5-cbae-40b8-bcfc-e573ddc772fa": "Monitoring Contributor",
	"92aaf0da-9dab-42b6-94a3-d43ce8d16293": "Log Analytics Contributor",
}

// privileged are the built-in roles of Azure's "Privileged" category: each can manage
// every resource in its scope or decide who has access to it.
// Source: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged
var privileged = []string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
	"b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168", // Role Based Access Control Administrator
	"a8889054-8d42-49c9-bc1c-52486c10e7cd", // Reservations Administrator
	"92b92042-07d9-4307-87f7-36a593fc5850", // Azure File Sync Administrator
}

// Privileged returns the privileged built-in roles, definition GUID → name (a fresh
// map the caller may keep).
func Privileged() map[string]string {
	out := make(map[string]string, len(privileged))
	for _, id := range privileged {
		out[id] = builtIn[id]
	}
	return out
}

// ID returns the role definition GUID of a roleDefinitionId, which is either the
// GUID itself or an ARM ID ending in /roleDefinitions/<guid>.
func ID(roleDefinitionID string) string {
	if i := strings.LastIndex(roleDefinitionID, "/"); i >= 0 {
		return roleDefinitionID[i+1:]
	}
	return roleDefinitionID
}

// Name returns a built-in role's name for a role definition ID (GUID or ARM ID), and
// false when the role is not a known built-in one (a custom role, or an unknown value).
func Name(roleDefinitionID string) (string, bool) {
	n, ok := builtIn[strings.ToLower(ID(roleDefinitionID))]
	return n, ok
}

// Describe names a role for people: "AcrPull", or the GUID marked as not built in.
func Describe(roleDefinitionID string) string {
	if n, ok := Name(roleDefinitionID); ok {
		return n
	}
	return ID(roleDefinitionID) + " (not a known built-in role)"
}
