package playerdata

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// APIVersion is the Microsoft.DocumentDB API version every resource of the component
// is declared, read and deleted with (see doc.go, "Generic-resource pitfalls").
const APIVersion = "2024-11-15"

// Namespace is the resource provider of Cosmos DB.
const Namespace = "Microsoft.DocumentDB"

// Resource types below the namespace.
const (
	TypeAccount        = "databaseAccounts"
	TypeSQLDatabase    = "sqlDatabases"
	TypeContainer      = "containers"
	TypeRoleAssignment = "sqlRoleAssignments"
)

// Built-in Cosmos DB SQL (data-plane) role definitions, the same GUID in every
// account (https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#built-in-role-definitions).
const (
	// RoleDataReader reads items, queries and the change feed.
	RoleDataReader = "00000000-0000-0000-0000-000000000001"
	// RoleDataContributor also creates, replaces, upserts and deletes items.
	RoleDataContributor = "00000000-0000-0000-0000-000000000002"
)

// DataRoles are the roles a grant may give: data-plane only, no control plane.
var DataRoles = []string{RoleDataReader, RoleDataContributor}

// Defaults.
const (
	// DefaultDatabase is the game's database.
	DefaultDatabase = "game"
	// ConflictLastWriterWins settles concurrent writes of one document in two
	// regions by the highest value at ConflictPath.
	ConflictLastWriterWins = "LastWriterWins"
	// ConflictPath is the system's last-modified timestamp.
	ConflictPath = "/_ts"
	// BackupContinuous is the continuous (point-in-time restore) backup type.
	BackupContinuous = "Continuous"
)

// Container is one container of the game's database.
type Container struct {
	// Name is the container's name (its id).
	Name string
	// PartitionKey is the partition key path ("/playerId").
	PartitionKey string
	// Why says why the key was chosen; it documents the choice next to the value.
	Why string
	// DefaultTTLSeconds expires documents after that many seconds; 0 keeps them.
	DefaultTTLSeconds int
}

// DefaultContainers are the game's containers. Partition keys are the ids the game
// reads by, so every hot request is a single-partition point read or query and the
// write load spreads over millions of logical partitions:
var DefaultContainers = []Container{
	{Name: "players", PartitionKey: "/playerId",
		Why: "one document per player (profile, progression), read and written by the player's id; millions of players spread evenly"},
	{Name: "inventories", PartitionKey: "/playerId",
		Why: "a player's items live in the player's partition, so a trade or purchase touching several items is one transactional batch and an inventory read one single-partition query"},
	{Name: "matches", PartitionKey: "/matchId",
		Why: "a match's result is written once by the region that hosted it and read by match id; per-player history is derived from the change feed, not cross-partition queries"},
}

// Region is one of the account's locations.
type Region struct {
	// Name is the Azure region.
	Name string
	// Zones is whether the region has availability zones.
	Zones bool
}

// Settings are the tier-dependent choices of the account, from the tier profile.
type Settings struct {
	BackupTier          string
	ZoneRedundant       bool
	PublicNetworkAccess bool
}

// SettingsFor returns the account settings of a tier.
func SettingsFor(t spec.Tier) Settings {
	p := tier.Of(t).PlayerData
	return Settings{BackupTier: p.BackupPolicy, ZoneRedundant: p.ZoneRedundant, PublicNetworkAccess: p.PublicNetworkAccess}
}

// PrivateEndpointRequired reports whether regions reach the account only through
// their private endpoints.
func (s Settings) PrivateEndpointRequired() bool { return !s.PublicNetworkAccess }

// Locations returns the account's locations: every region, in order (the first is
// the account's home, failover priority 0), zone redundant where the region has
// zones and the tier asks for it.
func Locations(regions []Region, zoneRedundant bool) []Location {
	out := make([]Location, len(regions))
	for i, r := range regions {
		out[i] = Location{LocationName: r.Name, FailoverPriority: i, IsZoneRedundant: zoneRedundant && r.Zones}
	}
	return out
}

// AccountPropertiesFor returns the account's properties: a write region in every
// region, Entra ID only, continuous backup, TLS 1.2.
func AccountPropertiesFor(regions []Region, consistency string, set Settings) AccountProperties {
	public := "Enabled"
	if !set.PublicNetworkAccess {
		public = "Disabled"
	}
	return AccountProperties{
		DatabaseAccountOfferType:           "Standard",
		Locations:                          Locations(regions, set.ZoneRedundant),
		EnableMultipleWriteLocations:       true,
		EnableAutomaticFailover:            true,
		ConsistencyPolicy:                  ConsistencyPolicy{DefaultConsistencyLevel: consistency},
		DisableLocalAuth:                   true,
		DisableKeyBasedMetadataWriteAccess: true,
		PublicNetworkAccess:                public,
		NetworkACLBypass:                   "None",
		BackupPolicy:                       BackupPolicy{Type: BackupContinuous, ContinuousModeProperties: &ContinuousModeProperties{Tier: set.BackupTier}},
		MinimalTLSVersion:                  "Tls12",
	}
}

// DatabasePropertiesFor returns the database's properties: autoscale throughput
// shared by its containers.
func DatabasePropertiesFor(name string, maxThroughput int) SQLDatabaseProperties {
	return SQLDatabaseProperties{
		Resource: SQLDatabaseResource{ID: name},
		Options:  &Options{AutoscaleSettings: &AutoscaleSettings{MaxThroughput: maxThroughput}},
	}
}

// ContainerPropertiesFor returns a container's properties. Conflicts are settled by
// last writer wins on the system timestamp: a player plays in one region at a time,
// so two regions rarely write one document at once, and when they do (a reconnect
// to another region mid-write) the later write is the player's latest state. Items
// are documents of their own, so concurrent grants of different items never
// conflict.
func ContainerPropertiesFor(c Container) SQLContainerProperties {
	return SQLContainerProperties{Resource: SQLContainerResource{
		ID:                       c.Name,
		PartitionKey:             PartitionKey{Paths: []string{c.PartitionKey}, Kind: "Hash", Version: 2},
		ConflictResolutionPolicy: ConflictResolutionPolicy{Mode: ConflictLastWriterWins, ConflictResolutionPath: ConflictPath},
		DefaultTTL:               c.DefaultTTLSeconds,
	}}
}

// AccountPath is the account's parent path for its children: "databaseAccounts/<name>".
func AccountPath(account string) string { return TypeAccount + "/" + account }

// DatabasePath is the database's parent path for its containers.
func DatabasePath(account, database string) string {
	return AccountPath(account) + "/" + TypeSQLDatabase + "/" + database
}

// AccountID is the account's ARM ID.
func AccountID(subscription, resourceGroup, account string) string {
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/%s", subscription, resourceGroup, Namespace, AccountPath(account))
}

// RoleDefinitionID is a SQL role definition's ID in the account.
func RoleDefinitionID(accountID, role string) string {
	return accountID + "/sqlRoleDefinitions/" + role
}

// DatabaseScope is the data-plane scope of one database in the account.
func DatabaseScope(accountID, database string) string { return accountID + "/dbs/" + database }

// Endpoint is the account's NoSQL endpoint, the one its mock and Azure report.
func Endpoint(account string) string { return "https://" + account + ".documents.azure.com:443/" }

var (
	containerRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$`)
	pathRE      = regexp.MustCompile(`^/[A-Za-z_][A-Za-z0-9_]*$`)
)

// problems reports every invalid argument, before anything is registered.
func (a *Args) problems() field.ErrorList {
	var errs field.ErrorList
	if a.ResourceGroupName == nil {
		errs.Append(field.Required(field.NewPath("ResourceGroupName")))
	}
	if a.ResourceGroup == "" {
		errs.Append(field.Required(field.NewPath("ResourceGroup"), "the plain name of the resource group ResourceGroupName creates (ARM IDs known at preview)"))
	}
	if err := naming.ValidCosmosAccount(a.AccountName); err != nil {
		errs.Add("AccountName", "%v", err)
	}
	if len(a.Regions) == 0 {
		errs.Add("Regions", "at least one region is required")
	}
	seen := map[string]bool{}
	for i, r := range a.Regions {
		if r.Name == "" || seen[r.Name] {
			errs.Add(field.NewPath("Regions").Index(i).Child("Name").String(), "%q is empty or listed twice", r.Name)
		}
		seen[r.Name] = true
	}
	switch {
	case strings.EqualFold(a.Consistency, spec.ConsistencyStrong):
		errs.Add("Consistency", "Strong is not available with multi-region writes; use one of %s", strings.Join(spec.ConsistencyLevels, ", "))
	case !slices.Contains(spec.ConsistencyLevels, a.Consistency):
		errs.Add("Consistency", "%q must be one of %s", a.Consistency, strings.Join(spec.ConsistencyLevels, ", "))
	}
	if a.MaxThroughput < spec.MinPlayerDataThroughput || a.MaxThroughput > spec.MaxPlayerDataThroughput || a.MaxThroughput%spec.PlayerDataThroughputStep != 0 {
		errs.Add("MaxThroughput", "%d must be %d-%d RU/s in steps of %d", a.MaxThroughput, spec.MinPlayerDataThroughput, spec.MaxPlayerDataThroughput, spec.PlayerDataThroughputStep)
	}
	if a.StorageGiB < 1 || a.StorageGiB > spec.MaxPlayerDataStorageGiB {
		errs.Add("StorageGiB", "%d must be 1-%d", a.StorageGiB, spec.MaxPlayerDataStorageGiB)
	}
	if !containerRE.MatchString(a.Database) {
		errs.Add("Database", "%q is not a valid database id", a.Database)
	}
	if len(a.Containers) == 0 {
		errs.Add("Containers", "at least one container is required")
	}
	cseen := map[string]bool{}
	for i, c := range a.Containers {
		at := field.NewPath("Containers").Index(i)
		if !containerRE.MatchString(c.Name) || cseen[c.Name] {
			errs.Add(at.Child("Name").String(), "%q is not a valid container id or is listed twice", c.Name)
		}
		cseen[c.Name] = true
		if !pathRE.MatchString(c.PartitionKey) {
			errs.Add(at.Child("PartitionKey").String(), "%q must be one top-level path such as \"/playerId\"", c.PartitionKey)
		}
		if c.DefaultTTLSeconds < 0 {
			errs.Add(at.Child("DefaultTTLSeconds").String(), "%d must not be negative (0 keeps documents)", c.DefaultTTLSeconds)
		}
	}
	if s := SettingsFor(a.Tier); s.BackupTier != tier.Continuous7Days && s.BackupTier != tier.Continuous30Days {
		errs.Add("Tier", "the tier profile's player-data backup %q is not a continuous-backup tier", s.BackupTier)
	}
	return errs
}

var grantRE = regexp.MustCompile(`^[a-z][a-z0-9-]{0,39}$`)
