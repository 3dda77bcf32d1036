package catalog

// ARM types of Azure Cosmos DB for NoSQL (Microsoft.DocumentDB), declared through the
// generic resource (the typed documentdb module is not served here; see
// components/playerdata).
const (
	ARMCosmosAccount        = "Microsoft.DocumentDB/databaseAccounts"
	ARMCosmosSQLDatabase    = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases"
	ARMCosmosSQLContainer   = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"
	ARMCosmosSQLRoleAssign  = "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"
	genericIdentifyingInput = "resourceProviderNamespace"
)

// CosmosPlannedStorageTag is the Cosmos DB account tag stating the planned data size
// in GiB (the spec's playerData.storageGiB), which the cost model prices: nothing
// else in a plan says how much a database will hold.
const CosmosPlannedStorageTag = "planned-storage-gib"

// genericReplaceOn are the generic resource's inputs that name its ARM type and
// parent: a different value is a different resource (its ID). resourceName and
// resourceGroupName are covered by the "…Name" rule of the review.
var genericReplaceOn = []string{genericIdentifyingInput, "parentResourcePath", "resourceType"}

// cosmosEntries are the Cosmos DB types. Durations: Azure documents account creation
// as taking "several minutes" per region and adding a region as an online operation
// (https://learn.microsoft.com/azure/cosmos-db/how-to-manage-database-account);
// ARM deployment logs of multi-region accounts show 10-25 minutes.
var cosmosEntries = []Entry{
	{
		Type:      GenericKey(ARMCosmosAccount),
		Display:   "cosmosdb:DatabaseAccount",
		Placement: EnvironmentPrimary,
		Stateful:  true,
		Taggable:  true,
		Diagnostics: &Diagnostics{Categories: []string{
			"DataPlaneRequests", "QueryRuntimeStatistics", "PartitionKeyStatistics",
			"PartitionKeyRUConsumption", "ControlPlaneRequests",
		}},
		Mock:   Mock{Outputs: cosmosAccountOutputs},
		Price:  PriceRule("cosmosAccount"),
		Create: Duration{Seconds: 600, Range: "3-20 min", Basis: "Azure documents a few minutes for a new account; a multi-region, zone-redundant account takes longer (its regions are provisioned in the same operation); only the account's children, grants and private endpoints wait on it, never a cluster"},
		Update: Duration{Seconds: 600, Range: "5-15 min", Basis: "adding or removing a region is an online update of minutes per region"},
		Delete: Duration{Seconds: 600, Range: "5-15 min", Basis: "account deletion removes every region"},
		// kind (the account's API) is fixed at creation; locations are not: adding or
		// removing a region is an update.
		ReplaceOn: append([]string{"kind"}, genericReplaceOn...),
		Danger:    "Cosmos DB account (every player's data)",
	},
	{
		Type:      GenericKey(ARMCosmosSQLDatabase),
		Display:   "cosmosdb:SqlDatabase",
		Stateful:  true,
		Price:     Free("the database's throughput is priced on the account (cosmosAccount), which reads the database's autoscale settings"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "database creation, replicated to every region"},
		ReplaceOn: append([]string{"properties.resource.id"}, genericReplaceOn...),
		Danger:    "Cosmos DB database (player data)",
	},
	{
		Type:     GenericKey(ARMCosmosSQLContainer),
		Display:  "cosmosdb:SqlContainer",
		Stateful: true,
		Price:    Free("containers share the database's throughput, priced on the account"),
		Create:   Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "container creation, replicated to every region"},
		// The partition key of a container cannot be changed: a new key means a new
		// container and a copy of every document
		// (https://learn.microsoft.com/azure/cosmos-db/change-partition-key).
		ReplaceOn: append([]string{"properties.resource.id", "properties.resource.partitionKey", "properties.resource.conflictResolutionPolicy"}, genericReplaceOn...),
		Danger:    "Cosmos DB container (player data; a new partition key copies every document)",
	},
	{
		Type:    GenericKey(ARMCosmosSQLRoleAssign),
		Display: "cosmosdb:SqlRoleAssignment",
		Price:   Free("data-plane role assignments are not billed"),
		Create:  Duration{Seconds: 30, Range: "10 s - 1 min", Basis: "PUT on the account's RBAC store"},
		// Like Azure role assignments, they are immutable.
		ReplaceOn: append([]string{"properties.principalId", "properties.roleDefinitionId", "properties.scope"}, genericReplaceOn...),
	},
}
