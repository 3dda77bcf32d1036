package tier

import (
	"fmt"
	"slices"
	"strings"
)

// Tier is an environment's service tier; it switches cost/availability trade-offs.
type Tier string

// The tiers.
const (
	Dev     Tier = "dev"
	Staging Tier = "staging"
	Prod    Tier = "prod"
)

// All lists the tiers in order of increasing strictness.
var All = []Tier{Dev, Staging, Prod}

// DeployRank orders tiers for rolling a change out: All's order (dev, staging,
// prod), an unknown tier between the last non-production tier and prod, so prod
// always comes last.
func DeployRank(name string) int {
	for i, t := range All {
		if string(t) == name {
			if t == Prod {
				return len(All)
			}
			return i
		}
	}
	return len(All) - 1
}

// Valid reports whether t is one of the tiers.
func (t Tier) Valid() bool {
	for _, v := range All {
		if v == t {
			return true
		}
	}
	return false
}

// RequiredTags are the tag keys every taggable resource carries with a non-empty
// value, in every tier (the governance policy required-tags checks them).
var RequiredTags = []string{"environment", "studio", "game", "tier", "cost-center", "managed-by"}

// Profile is everything that differs between the tiers. Read it with Of; never
// modify it.
type Profile struct {
	Tier Tier

	// Placement.

	// AllowedRegions are the Azure regions the tier may deploy to (a subset of the
	// platform's region catalogue, spec.Regions).
	AllowedRegions []string
	// MaxRegions is how many regions one environment of the tier may span.
	MaxRegions int
	// VMSizes are the VM sizes node pools of the tier may use (a subset of the
	// platform's VM catalogue, spec.VMSizes).
	VMSizes []string
	// MaxNodesPerPool caps one game pool's autoscaler max; the capacity model splits
	// demand into more pools rather than exceed it, and the node-count-cap policy
	// enforces it. Every tier uses AKS's own limit (1,000): AKS creates and changes
	// a cluster's pools one at a time (~6 min each), so smaller pools would only
	// lengthen every deployment without bounding spend (the region's total nodes,
	// which the budget policy prices, do not change with the split).
	MaxNodesPerPool int
	// SystemPool is the system pool's autoscaler range (min, max nodes); prod keeps
	// one node per zone.
	SystemPool [2]int
	// Zones spreads node pools, the entry IP and zone-redundant storage over the
	// region's availability zones (where the region has them).
	Zones bool
	// FleetStandbyRequired: every fleet autoscaler keeps standby servers (a Buffer
	// policy above zero), so a match never waits for a server to start (policy
	// fleet-standby).
	FleetStandbyRequired bool
	// FleetMaxWithinPools: a fleet autoscaler's maximum fits what the region's game
	// pools hold at their autoscaler maximum (policy fleet-autoscaler-within-pools).
	FleetMaxWithinPools bool
	// SpotAllowed lets game pools run on spot VMs. Spot VMs are evicted with 30
	// seconds' notice, which ends every match on the node, so prod never uses them.
	SpotAllowed bool
	// MinBlockBits is the smallest address block (prefix length) a region of the
	// tier gets from the address plan, whatever its capacity.
	MinBlockBits int

	// Lifetime and guard rails.

	// MaxLifetimeDays is how far ahead a new environment's expiresOn may be; 0 means
	// the tier never expires (expiresOn is refused).
	MaxLifetimeDays int
	// Protect marks stateful resources (storage, key vault, registry, DNS zone,
	// public IPs) with the protect option, and the protect-stateful policy requires it.
	Protect bool
	// RequiredTags are the tag keys every taggable resource must carry.
	RequiredTags []string
	// AdvisoryCategories are the policy categories that only advise in the tier
	// (policies/rules/enforcement.yaml `categories`); every other is mandatory.
	AdvisoryCategories []string
	// AdvisoryPolicies are single policies that only advise in the tier
	// (enforcement.yaml `policies`).
	AdvisoryPolicies []string

	// What the tier runs on.

	// AKSTier is the AKS pricing tier: Standard has the financially backed API-server
	// SLA and a control plane scaled for large clusters; Free is meant for clusters
	// of under ten nodes. https://learn.microsoft.com/azure/aks/free-standard-pricing-tiers
	AKSTier string
	// RegistrySKU is the container registry SKU (Premium: geo-replication and zone
	// redundancy). https://learn.microsoft.com/azure/container-registry/container-registry-skus
	RegistrySKU string
	Storage     Storage
	KeyVault    KeyVault
	FrontDoor   FrontDoor
	Logs        Logs
	Routing     Routing
	PlayerData  PlayerData
	// Usage are the cost model's usage assumptions for the tier.
	Usage Usage
}

// Usage are the cost model's usage figures for the tier (internal/offline/cost): what
// a price list alone cannot give — how full the autoscaled pools run on average, how
// much is stored, sent and logged per month. UsageNotes explains each.
type Usage struct {
	NodePoolUtilisation             float64 `json:"nodePoolUtilisation"`
	StorageGBStored                 float64 `json:"storageGBStored"`
	StorageEgressGB                 float64 `json:"storageEgressGB"`
	FrontDoorEgressGB               float64 `json:"frontDoorEgressGB"`
	FrontDoorRequestsMillions       float64 `json:"frontDoorRequestsMillions"`
	TrafficManagerQueriesMillions   float64 `json:"trafficManagerQueriesMillions"`
	DNSQueriesMillions              float64 `json:"dnsQueriesMillions"`
	KeyVaultOperations10k           float64 `json:"keyVaultOperations10k"`
	LogGBPerDayPerCluster           float64 `json:"logGBPerDayPerCluster"`
	LogGBPerDayPerDiagnosticSetting float64 `json:"logGBPerDayPerDiagnosticSetting"`
	NATGBProcessedPerGateway        float64 `json:"natGBProcessedPerGateway"`
	PeeringGBPerLink                float64 `json:"peeringGBPerLink"`
	RegistryGBStored                float64 `json:"registryGBStored"`
	PrivateEndpointGB               float64 `json:"privateEndpointGB"`
	CosmosAutoscaleUtilisation      float64 `json:"cosmosAutoscaleUtilisation"`
	CosmosStorageGBDefault          float64 `json:"cosmosStorageGBDefault"`
}

// UsageNotes explain each Usage figure, by its JSON name (the plan's --explain
// listing shows them).
var UsageNotes = map[string]string{
	"nodePoolUtilisation":             "Autoscaled pools run on average at min + utilisation x (max - min) nodes. Game traffic follows a daily cycle: prod averages about 55% of its peak player count, which with the platform's 20% warm standby and 25% headroom is 0.35 of the autoscaling range; playtest and staging pools sit near their minimum most of the month.",
	"storageGBStored":                 "Builds, patches and assets kept in the storage account (hot tier).",
	"storageEgressGB":                 "Internet egress served directly from storage (not through Front Door).",
	"frontDoorEgressGB":               "Patch and asset downloads delivered by Front Door per month.",
	"frontDoorRequestsMillions":       "HTTP requests to Front Door per month (patch chunks, API calls).",
	"trafficManagerQueriesMillions":   "DNS queries answered by Traffic Manager per month (clients cache for the profile TTL).",
	"dnsQueriesMillions":              "Queries to the public DNS zone per month.",
	"keyVaultOperations10k":           "Key Vault operations per month, in units of 10,000.",
	"logGBPerDayPerCluster":           "Container insights and control-plane logs each AKS cluster sends to Log Analytics per day.",
	"logGBPerDayPerDiagnosticSetting": "Platform logs and metrics each other diagnostic setting sends to Log Analytics per day.",
	"natGBProcessedPerGateway":        "Outbound data processed by each NAT gateway per month.",
	"peeringGBPerLink":                "Data the local VNet sends through each peering per month.",
	"registryGBStored":                "Container images kept in the registry.",
	"privateEndpointGB":               "Data through each private endpoint per month (in + out).",
	"cosmosAutoscaleUtilisation":      "Player-data autoscale runs on average at this fraction of its maximum RU/s (never billed below a tenth): prod follows the daily player cycle, playtests idle at the floor.",
	"cosmosStorageGBDefault":          "Player data stored when the account does not state its planned size (its planned-storage-gib tag, from playerData.storageGiB).",
}

// PlayerData are the tier's choices for the player-data store (Azure Cosmos DB for
// NoSQL, components/playerdata): one account per environment with a write region in
// every region of the environment.
type PlayerData struct {
	// BackupPolicy is the continuous-backup tier: Continuous7Days or Continuous30Days
	// (point-in-time restore within that window;
	// https://learn.microsoft.com/azure/cosmos-db/continuous-backup-restore-introduction).
	BackupPolicy string
	// ZoneRedundant makes every location of the account zone redundant where the
	// region has availability zones, so a zone's loss costs no write region
	// (https://learn.microsoft.com/azure/cosmos-db/high-availability; no surcharge
	// with multi-region writes, see the cost model's cosmosDB prices).
	ZoneRedundant bool
	// PublicNetworkAccess: false reaches the account only through each region's
	// private endpoint (group "Sql").
	PublicNetworkAccess bool
	// MaxThroughput is the default autoscale maximum RU/s of the database (shared by
	// its containers), per region; the autoscale floor is a tenth of it.
	MaxThroughput int
	// StorageGiB is the default planned data size (cost model and request sizing).
	StorageGiB int
}

// Player-data backup policies (Microsoft.DocumentDB continuousModeProperties.tier).
const (
	Continuous7Days  = "Continuous7Days"
	Continuous30Days = "Continuous30Days"
)

// Storage are the tier's storage-account choices.
// Redundancy: https://learn.microsoft.com/azure/storage/common/storage-redundancy
type Storage struct {
	// SKU is the account SKU in a region without availability zones; ZonalSKU in a
	// region with them (ZRS and GZRS need zones).
	SKU, ZonalSKU string
	// RedundancyRequired: the storage-redundancy policy requires a zone- or
	// geo-redundant SKU.
	RedundancyRequired bool
	// SoftDeleteDays is the retention of deleted blobs and containers, and the
	// minimum the blob-soft-delete-versioning policy accepts.
	SoftDeleteDays int
	// NOTE: every tier keeps the account's public endpoint: Front Door reads patches
	// from it with its managed identity (origin authentication does not support
	// Private Link origins). Every request needs Entra ID authorization: no
	// anonymous access and, where SharedKeyDisabled, no account keys or SAS.

	// RegionalPrivateEndpoints gives every region its own private endpoint to the
	// account, so the clusters' traffic to builds stays in the region's network.
	RegionalPrivateEndpoints bool
	// SharedKeyDisabled requires Entra ID authorization only (no account keys, no
	// SAS) from the policy pack.
	SharedKeyDisabled bool
	// InfrastructureEncryption adds a second layer of encryption at rest.
	InfrastructureEncryption bool
}

// KeyVault are the tier's Key Vault choices.
type KeyVault struct {
	// SKU: premium keeps keys in HSMs. https://learn.microsoft.com/azure/key-vault/general/overview
	SKU string
	// SoftDeleteDays is the vault's soft-delete retention (Azure allows 7-90,
	// https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview), and
	// the minimum the keyvault-soft-delete policy accepts.
	SoftDeleteDays int
	// PublicNetworkAccess: false reaches the vault only through private endpoints.
	PublicNetworkAccess bool
}

// FrontDoor are the tier's Front Door choices.
type FrontDoor struct {
	// SKU is the profile SKU. WAF managed rule sets and Private Link origins exist
	// only on Premium: https://learn.microsoft.com/azure/frontdoor/standard-premium/tier-comparison
	SKU string
	// WAFMode is Prevention (block) or Detection (log only).
	WAFMode string
	// ManagedRuleSets are the WAF managed rule sets (Premium only).
	ManagedRuleSets []ManagedRuleSet
	// ProbeIntervalSeconds is the API origins' health probe interval.
	ProbeIntervalSeconds int
}

// ManagedRuleSet is one WAF managed rule set.
type ManagedRuleSet struct {
	Type, Version string
	// Action is the rule set action (DRS 2.x uses anomaly scoring and blocks); empty
	// keeps each rule's own action.
	Action string
}

// Logs are the tier's Log Analytics choices.
type Logs struct {
	// RetentionDays is the workspace's retention (31 days are free).
	RetentionDays int
	// DailyQuotaGB caps ingestion so a noisy playtest cannot run up a bill; 0 means
	// no cap.
	DailyQuotaGB float64
}

// Routing are the tier's Traffic Manager health-monitoring and DNS choices
// (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring:
// a probing interval of 30 s, or 10 s "fast probing" billed extra; the timeout is
// 5-10 s at 30 s and 5-9 s at 10 s; 0-9 tolerated failures).
type Routing struct {
	// DNSTTL is the TTL of Traffic Manager's answers and of the zone's records.
	DNSTTL               int
	ProbeIntervalSeconds int
	ProbeTimeoutSeconds  int
	ToleratedFailures    int
}

// Names of SKUs and modes the profiles use.
const (
	RegistryBasic    = "Basic"
	RegistryStandard = "Standard"
	RegistryPremium  = "Premium"

	AKSFree     = "Free"
	AKSStandard = "Standard"

	FrontDoorStandard = "Standard_AzureFrontDoor"
	FrontDoorPremium  = "Premium_AzureFrontDoor"

	WAFPrevention = "Prevention"
	WAFDetection  = "Detection"

	KeyVaultStandard = "standard"
	KeyVaultPremium  = "premium"
)

// Of returns the profile of a tier. An unknown tier gets prod's profile, the
// strictest: what cannot be placed in a tier is judged by the strictest rules.
func Of(t Tier) *Profile {
	if p, ok := profiles[t]; ok {
		return p
	}
	return profiles[Prod]
}

// Lookup returns the profile of a known tier, or an error naming the tiers.
func Lookup(t Tier) (*Profile, error) {
	if p, ok := profiles[t]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown tier %q (dev, staging, prod)", t)
}

// StorageSKU returns the storage SKU in a region with or without zones.
func (p *Profile) StorageSKU(regionHasZones bool) string {
	if regionHasZones {
		return p.Storage.ZonalSKU
	}
	return p.Storage.SKU
}

// ZonesIn returns the availability zones resources spread over in a region with or
// without zones: 1-3 where the tier is zonal and the region has zones, else none.
func (p *Profile) ZonesIn(regionHasZones bool) []string {
	if p.Zones && regionHasZones {
		return []string{"1", "2", "3"}
	}
	return nil
}

// BudgetEnforced reports whether an estimate over the environment's budget blocks
// (the cost category is mandatory) rather than only advises.
func (p *Profile) BudgetEnforced() bool { return !slices.Contains(p.AdvisoryCategories, "cost") }

// ExpiryRequired reports whether environments of the tier must carry expiresOn.
func (p *Profile) ExpiryRequired() bool { return p.MaxLifetimeDays > 0 }

// CheckRegion reports a region the tier may not deploy to, naming the ones it may.
func (p *Profile) CheckRegion(name string) error {
	if slices.Contains(p.AllowedRegions, name) {
		return nil
	}
	return fmt.Errorf("region %q is not open to %s environments (allowed: %s)", name, p.Tier, strings.Join(slices.Sorted(slices.Values(p.AllowedRegions)), ", "))
}

// CheckVMSize reports a VM size the tier's node pools may not use, naming the ones
// they may.
func (p *Profile) CheckVMSize(name string) error {
	if slices.Contains(p.VMSizes, name) {
		return nil
	}
	return fmt.Errorf("VM size %q is not open to %s environments (allowed: %s)", name, p.Tier, strings.Join(slices.Sorted(slices.Values(p.VMSizes)), ", "))
}
