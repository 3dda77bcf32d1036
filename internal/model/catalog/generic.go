package catalog

import "strings"

// GenericType is azure-native's generic resource: one Pulumi type for any ARM
// resource type, named by its inputs resourceProviderNamespace, parentResourcePath
// and resourceType. The platform declares types the typed SDK does not serve with it
// (Cosmos DB, see components/playerdata; components/shared.NewGenericResource).
const GenericType = "azure-native:resources:Resource"

// GenericSep separates the generic type from the ARM type in a catalogue key.
const GenericSep = "#"

// Inputs of the generic resource that name its ARM type.
const (
	InputNamespace  = "resourceProviderNamespace"
	InputParentPath = "parentResourcePath"
	InputType       = "resourceType"
)

// GenericKey is the catalogue key of an ARM type declared through the generic
// resource: "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts".
func GenericKey(armType string) string { return GenericType + GenericSep + armType }

// ARMType returns the ARM resource type a generic resource's inputs name:
// namespace "Microsoft.DocumentDB", parent path "databaseAccounts/acct/sqlDatabases/db"
// and type "containers" give "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"
// (the parent path alternates type and name segments; the names are dropped). A
// resourceType with slashes is taken as the full type below the namespace. It
// returns "" when a part is missing or not a string (unknown).
func ARMType(namespace, parentPath, resourceType string) string {
	if namespace == "" || resourceType == "" {
		return ""
	}
	parts := []string{namespace}
	if p := strings.Trim(parentPath, "/"); p != "" {
		segs := strings.Split(p, "/")
		for i := 0; i < len(segs); i += 2 {
			parts = append(parts, segs[i])
		}
	}
	parts = append(parts, strings.Trim(resourceType, "/"))
	return strings.Join(parts, "/")
}

// Resolve returns the catalogue key of a registered resource: for the generic
// resource, GenericKey of the ARM type its inputs name (GenericType alone when they
// do not name one, which has no entry, so a test catches it); for any other type,
// its base type token (BaseType). Every model that looks a resource up in the
// catalogue (the mock monitor, cost, deploy time, review, policies) goes through it.
func Resolve(pulumiType string, inputs map[string]any) string {
	base := BaseType(pulumiType)
	if base != GenericType {
		return base
	}
	ns, _ := inputs[InputNamespace].(string)
	parent, _ := inputs[InputParentPath].(string)
	typ, _ := inputs[InputType].(string)
	arm := ARMType(ns, parent, typ)
	if arm == "" {
		return GenericType
	}
	return GenericKey(arm)
}

// IsGeneric reports whether a catalogue key (or type token) is the generic resource.
func IsGeneric(key string) bool {
	return key == GenericType || strings.HasPrefix(key, GenericType+GenericSep) || BaseType(key) == GenericType
}

// ARMTypeOf returns the ARM type of a generic catalogue key ("" for other keys).
func ARMTypeOf(key string) string {
	_, arm, ok := strings.Cut(key, GenericSep)
	if !ok || !strings.HasPrefix(key, GenericType) {
		return ""
	}
	return arm
}
