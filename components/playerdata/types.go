package playerdata

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// The ARM properties of the Cosmos DB types the component declares, as the project's
// own Go types (the typed documentdb SDK module is not served here). Field names and
// json tags follow the Microsoft.DocumentDB REST API at APIVersion; only what the
// platform sets is modelled. shared.PropertiesInput turns them into the generic
// resource's properties input.

// AccountProperties are a database account's properties (Microsoft.DocumentDB/databaseAccounts).
type AccountProperties struct {
	// DatabaseAccountOfferType is always "Standard".
	DatabaseAccountOfferType string `json:"databaseAccountOfferType"`
	// Locations are the account's regions, failover priority 0 first (the account's
	// home region). With multiple write locations every one is a write region.
	Locations []Location `json:"locations"`
	// EnableMultipleWriteLocations makes every location a write region.
	EnableMultipleWriteLocations bool `json:"enableMultipleWriteLocations"`
	// EnableAutomaticFailover lets the service fail over on a regional outage.
	EnableAutomaticFailover bool              `json:"enableAutomaticFailover"`
	ConsistencyPolicy       ConsistencyPolicy `json:"consistencyPolicy"`
	// DisableLocalAuth turns key (primary/secondary key, resource token) auth off:
	// data-plane access is by Entra ID and Cosmos DB SQL RBAC only.
	DisableLocalAuth bool `json:"disableLocalAuth"`
	// DisableKeyBasedMetadataWriteAccess keeps databases and containers from being
	// changed through the data plane: only ARM (this program) changes them.
	DisableKeyBasedMetadataWriteAccess bool `json:"disableKeyBasedMetadataWriteAccess"`
	// PublicNetworkAccess is "Enabled" or "Disabled" (private endpoints only).
	PublicNetworkAccess string `json:"publicNetworkAccess"`
	// NetworkACLBypass "None": no Azure service is let past the network rules.
	NetworkACLBypass string       `json:"networkAclBypass,omitempty"`
	BackupPolicy     BackupPolicy `json:"backupPolicy"`
	// MinimalTLSVersion is "Tls12".
	MinimalTLSVersion string `json:"minimalTlsVersion"`
}

// Location is one region of an account.
type Location struct {
	LocationName     string `json:"locationName"`
	FailoverPriority int    `json:"failoverPriority"`
	IsZoneRedundant  bool   `json:"isZoneRedundant"`
}

// ConsistencyPolicy is the account's default consistency.
type ConsistencyPolicy struct {
	DefaultConsistencyLevel string `json:"defaultConsistencyLevel"`
}

// BackupPolicy is the account's backup: "Continuous" with a tier, for point-in-time
// restore.
type BackupPolicy struct {
	Type                     string                    `json:"type"`
	ContinuousModeProperties *ContinuousModeProperties `json:"continuousModeProperties,omitempty"`
}

// ContinuousModeProperties is the continuous-backup tier.
type ContinuousModeProperties struct {
	Tier string `json:"tier"`
}

// SQLDatabaseProperties are a NoSQL database's properties
// (Microsoft.DocumentDB/databaseAccounts/sqlDatabases).
type SQLDatabaseProperties struct {
	Resource SQLDatabaseResource `json:"resource"`
	Options  *Options            `json:"options,omitempty"`
}

// SQLDatabaseResource names the database.
type SQLDatabaseResource struct {
	ID string `json:"id"`
}

// Options set a database's (shared) throughput.
type Options struct {
	AutoscaleSettings *AutoscaleSettings `json:"autoscaleSettings,omitempty"`
}

// AutoscaleSettings scale between a tenth of MaxThroughput and MaxThroughput RU/s,
// in every region.
type AutoscaleSettings struct {
	MaxThroughput int `json:"maxThroughput"`
}

// SQLContainerProperties are a container's properties
// (Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers).
type SQLContainerProperties struct {
	Resource SQLContainerResource `json:"resource"`
}

// SQLContainerResource describes a container.
type SQLContainerResource struct {
	ID           string       `json:"id"`
	PartitionKey PartitionKey `json:"partitionKey"`
	// ConflictResolutionPolicy decides concurrent writes in two regions.
	ConflictResolutionPolicy ConflictResolutionPolicy `json:"conflictResolutionPolicy"`
	// DefaultTTL expires documents after that many seconds; 0 keeps them.
	DefaultTTL int `json:"defaultTtl,omitempty"`
}

// PartitionKey is a container's partition key: one path, hash-partitioned (kind
// "Hash", version 2 for keys longer than 100 bytes).
type PartitionKey struct {
	Paths   []string `json:"paths"`
	Kind    string   `json:"kind"`
	Version int      `json:"version"`
}

// ConflictResolutionPolicy is how a multi-region-write account settles two writes of
// one document in different regions: LastWriterWins on a numeric path (the
// system's /_ts by default), or Custom.
type ConflictResolutionPolicy struct {
	Mode                   string `json:"mode"`
	ConflictResolutionPath string `json:"conflictResolutionPath,omitempty"`
}

// SQLRoleAssignmentProperties grant a principal a Cosmos DB SQL (data-plane) role at
// a scope inside the account (Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments).
// The principal is an output of its identity, so the fields are inputs.
type SQLRoleAssignmentProperties struct {
	PrincipalID      pulumi.StringInput `json:"principalId"`
	RoleDefinitionID pulumi.StringInput `json:"roleDefinitionId"`
	Scope            pulumi.StringInput `json:"scope"`
}
