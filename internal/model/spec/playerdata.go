package spec

import (
	"slices"
	"strings"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/tier"
)

// PlayerData tunes the environment's player-data store (Azure Cosmos DB for NoSQL,
// one account writing in every region; components/playerdata). Every field is
// optional; an unset one takes the tier profile's default (tier.PlayerData).
type PlayerData struct {
	// Consistency is the account's default consistency level. Every region writes,
	// so Strong is refused: Azure does not offer it with multi-region writes.
	Consistency string `json:"consistency,omitempty"`
	// MaxThroughput is the database's autoscale maximum in RU/s, in every region
	// (autoscale runs between a tenth of it and it); a multiple of 1000.
	MaxThroughput int `json:"maxThroughput,omitempty"`
	// StorageGiB is the planned data size (the cost model prices it in every region).
	StorageGiB int `json:"storageGiB,omitempty"`
}

// Consistency levels of Cosmos DB; ConsistencyLevels lists those multi-region
// writes allow (https://learn.microsoft.com/azure/cosmos-db/consistency-levels).
const (
	ConsistencySession          = "Session"
	ConsistencyEventual         = "Eventual"
	ConsistencyConsistentPrefix = "ConsistentPrefix"
	ConsistencyBoundedStaleness = "BoundedStaleness"
	ConsistencyStrong           = "Strong"
	// DefaultConsistency reads a player's own writes in the region they play in.
	DefaultConsistency = ConsistencySession
)

// ConsistencyLevels are the levels an account with multi-region writes accepts.
var ConsistencyLevels = []string{ConsistencySession, ConsistencyEventual, ConsistencyConsistentPrefix, ConsistencyBoundedStaleness}

// Bounds of playerData (autoscale maxima step by 1000 RU/s from 1000; above
// 1,000,000 RU/s Azure asks for a support request).
const (
	MinPlayerDataThroughput  = 1000
	MaxPlayerDataThroughput  = 1000000
	MaxPlayerDataStorageGiB  = 1000000
	PlayerDataThroughputStep = 1000
)

// applyPlayerDataDefaults fills unset playerData fields from the tier profile.
func (s *Spec) applyPlayerDataDefaults(set func(string) bool) {
	p := tier.Of(s.Tier).PlayerData
	if s.PlayerData.Consistency == "" {
		s.PlayerData.Consistency = DefaultConsistency
	}
	if s.PlayerData.MaxThroughput == 0 && !set("playerData.maxThroughput") {
		s.PlayerData.MaxThroughput = p.MaxThroughput
	}
	if s.PlayerData.StorageGiB == 0 && !set("playerData.storageGiB") {
		s.PlayerData.StorageGiB = p.StorageGiB
	}
}

// validatePlayerData reports every problem of the playerData block.
func validatePlayerData(c *field.ErrorList, pd PlayerData) {
	ValidatePlayerData(c, "playerData", pd.Consistency, pd.MaxThroughput, pd.StorageGiB)
}

// ValidatePlayerData checks player-data settings at a path prefix (the stack
// config's playerData, a request's data): the consistency level multi-region
// writes allow, autoscale throughput and storage within Azure's bounds.
func ValidatePlayerData(c *field.ErrorList, at, consistency string, maxThroughput, storageGiB int) {
	switch {
	case strings.EqualFold(consistency, ConsistencyStrong):
		c.Add(at+".consistency", "Strong is not available when every region writes (multi-region writes); use one of %s", strings.Join(ConsistencyLevels, ", "))
	case !slices.Contains(ConsistencyLevels, consistency):
		c.Add(at+".consistency", "must be one of %s (leave it unset for %s), got %q", strings.Join(ConsistencyLevels, ", "), DefaultConsistency, consistency)
	}
	if maxThroughput < MinPlayerDataThroughput || maxThroughput > MaxPlayerDataThroughput || maxThroughput%PlayerDataThroughputStep != 0 {
		c.Add(at+".maxThroughput", "must be %d-%d RU/s in steps of %d (autoscale maximum per region), got %d", MinPlayerDataThroughput, MaxPlayerDataThroughput, PlayerDataThroughputStep, maxThroughput)
	}
	if storageGiB < 1 || storageGiB > MaxPlayerDataStorageGiB {
		c.Add(at+".storageGiB", "must be 1-%d GiB, got %d", MaxPlayerDataStorageGiB, storageGiB)
	}
}
