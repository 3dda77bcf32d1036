// Package playerdata is the environment's player-data store: one Azure Cosmos DB for
// NoSQL account per environment with a write region in every region of the
// environment (multi-region writes), so every region's game backend reads and writes
// player state locally.
//
// What the account is:
//
//   - a location per region, in the environment's order (the first is the account's
//     home, failover priority 0), every one a write region; zone redundant where the
//     region has availability zones and the tier profile asks for it (prod);
//   - continuous backup at the tier profile's tier (Continuous7Days in dev and
//     staging, Continuous30Days in prod) for point-in-time restore after a bad release;
//   - a consistency level multi-region writes support: Session by default (a player
//     reads their own writes in the region they play in); Strong is refused, as Azure
//     does not offer it with multi-region writes;
//   - key-based auth off (disableLocalAuth) and metadata writes only through ARM:
//     data-plane access is Entra ID with Cosmos DB SQL RBAC only;
//   - public network access off where the tier profile says so (prod): each region
//     then reaches the account through its own private endpoint (group "Sql", zone
//     privatelink.documents.azure.com) from components/privatelink, so no region
//     depends on another region's endpoint;
//   - one database (DefaultDatabase) with autoscale throughput shared by its
//     containers, and the containers of DefaultContainers, whose partition keys are
//     explained there. Conflicts between regions are settled by last writer wins on
//     the system timestamp /_ts (see ContainerPropertiesFor).
//
// Access is granted per workload with Grant: a built-in data-plane role
// (RoleDataContributor, RoleDataReader) scoped to the game's database, never the
// account and never a control-plane role.
//
// # Typed, without a typed SDK module
//
// The azure-native documentdb Go module is not served here, so every resource is
// azure-native's generic resource (azure-native:resources:Resource) declared through
// shared.NewGenericResource. Its properties are this package's own Go types
// (types.go), so callers and tests get compile-time checking, and the arguments are
// validated (every problem at once, with its field) before anything is registered.
// The resource-type catalogue resolves a generic resource to the ARM type its inputs
// name (catalog.Resolve), so the mock monitor, cost, deploy time, review and policy
// pack treat "Microsoft.DocumentDB/databaseAccounts" like any typed resource.
//
// # Generic-resource pitfalls and how the component avoids them
//
//   - Read and delete used the wrong API version. The provider read and deleted a
//     generic resource with the resources module's own API version instead of the
//     one the program gave, so `pulumi destroy` failed with NoRegisteredProviderFound
//     (pulumi/pulumi-azure-native#4033, fixed by #3985 and #4043), and the read right
//     after a create did the same (#4337, fixed by #4692); `pulumi import` of a
//     generic resource ignores the given version (#4109). The component pins one
//     API version, APIVersion (2024-11-15, a GA version of Microsoft.DocumentDB), for
//     every resource it declares and never leaves it to a default; before relying on
//     refresh or destroy with an older provider than those fixes, run `pulumi
//     refresh` on a dev stack and check the version in the provider's requests. A
//     change of APIVersion is an update that the review shows; it must stay a
//     version the service still serves for existing resources.
//   - Properties drift. The generic resource diffs the whole properties object it
//     was given against what Azure returns, and Azure adds defaults (and, for an
//     account, read-only fields). The component therefore sets every property it
//     cares about explicitly (types.go), sets nothing Azure rewrites, and treats a
//     refresh diff on a field it does not set as noise, not as a change to apply.
//   - Names and types. resourceType must be the type below the parent only, without
//     the namespace (Azure answers InvalidResourceType, #3524), and
//     parentResourcePath alternates type and name segments; shared.GenericArgs
//     validates both. Namespace, parent path, type, name and API version are plain
//     strings, never outputs, so the ARM type and ID are known at preview: the
//     catalogue can resolve the type, the policy pack can judge the resource, and
//     the review can tell an update from a replacement. Because a plain parent path
//     carries no dependency, every child depends on its parent resource explicitly
//     (DependsOn the account or the database, never the component).
//   - Replacement. Changing the namespace, parent path or type of a generic resource
//     is a different resource; so is a container's partition key, which Azure never
//     changes in place. The catalogue lists those inputs (ReplaceOn), so the review
//     shows such a change as a dangerous replacement, while adding a region to the
//     account's locations is an update.
//   - Protection. The account, the database and the containers are stateful: in
//     prod they are protected and retained on delete like every other store.
package playerdata
