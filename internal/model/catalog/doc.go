// Package catalog is the resource-type catalogue: one Entry per resource type the
// program registers, saying what the type is to the platform, so that knowledge
// lives in one place.
//
// An entry is keyed by its base type token; an explicit azure-native API version
// resolves to the same entry (BaseType, Lookup). azure-native's generic resource
// (azure-native:resources:Resource) is one Pulumi type for any ARM type, so it is
// keyed by the ARM type its inputs name: Resolve, the one function every model
// looks a registered resource up with, turns its resourceProviderNamespace,
// parentResourcePath and resourceType into GenericKey(ARM type), e.g.
// "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts"; the bare
// generic type has no entry, so an ARM type without one is caught like any other
// missing entry. It says:
//
//   - whether the type is stateful (protected in prod) and taggable;
//   - its placement: a regional stamp's resource in its region, an
//     environment-wide one in the environment's primary (first) region or in any
//     of its regions, a global service at "global", or no location at all;
//   - the Azure Monitor resource log categories it emits, if any;
//   - how the offline plan's mock monitor answers for it (name input, computed
//     outputs);
//   - its price: a named rule of the cost model, or free with the reason;
//   - its create (and, where they differ, update and delete) durations with basis;
//   - the input paths whose change forces a new resource;
//   - how the review describes its replacement or deletion, and its short display
//     name.
//
// The offline plan (internal/offline/plan, recorded by internal/offline/recorder),
// the cost and deploy-time models, the review and the policy rules read it. Non-Azure providers are first-class entries
// (Kubernetes objects, Helm releases, provider resources): they are priced, timed
// and shown, and Azure-only facts (placement, tags, diagnostics) do not apply to
// them.
//
// The package sits below stacks and imports nothing from Pulumi: mock outputs take
// and return plain values. README.md, "Adding a resource type", says how to add an
// entry and which test catches a missing one.
package catalog
