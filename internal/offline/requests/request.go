package requests

import (
	"fmt"
	"slices"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Request is a studio's environment request, as written in
// environments/requests/<environment>.yaml. JSON names are the file's keys.
type Request struct {
	// Source is the file the request was read from.
	Source string `json:"-"`

	Environment string    `json:"environment"`
	Description string    `json:"description,omitempty"`
	Studio      string    `json:"studio"`
	Game        string    `json:"game"`
	Tier        spec.Tier `json:"tier"`
	Owners      []string  `json:"owners"`
	CostCenter  string    `json:"costCenter"`
	Regions     []Region  `json:"regions"`
	// PlayersPerServer is the match size: players one game server hosts.
	PlayersPerServer int `json:"playersPerServer"`
	// VCPUPerServer is what one game server requests; DefaultVCPUPerServer when 0.
	VCPUPerServer float64 `json:"vcpuPerServer,omitempty"`
	// VMSize is the preferred game-node VM size; DefaultVMSize when empty.
	VMSize string `json:"vmSize,omitempty"`
	// Spot runs the game pools on spot VMs (cheaper, evictable; not in prod).
	Spot             bool    `json:"spot,omitempty"`
	BudgetMonthlyUSD float64 `json:"budgetMonthlyUSD"`
	// ExpiresOn (YYYY-MM-DD) is required outside prod, at most MaxLifetimeDays ahead.
	ExpiresOn string `json:"expiresOn,omitempty"`
	// Data is what the game stores in the player-data store (optional).
	Data *Data `json:"data,omitempty"`
}

// Data is a request's player-data needs; an unset field takes the tier's default.
type Data struct {
	// PeakRequestUnits is the expected peak RU/s in the busiest region.
	PeakRequestUnits int `json:"peakRequestUnits,omitempty"`
	// StorageGiB is the expected player data in GiB.
	StorageGiB int `json:"storageGiB,omitempty"`
}

// PlayerData sizes the player-data store: the autoscale maximum (the peak rounded
// up to autoscale's 1000 RU/s steps) and the storage, each from the request or the
// tier profile's default; stated reports whether the request said anything.
func (r *Request) PlayerData() (maxThroughput, storageGiB int, stated bool) {
	p := tier.Of(r.Tier).PlayerData
	maxThroughput, storageGiB = p.MaxThroughput, p.StorageGiB
	if r.Data == nil {
		return maxThroughput, storageGiB, false
	}
	if ru := r.Data.PeakRequestUnits; ru > 0 {
		step := spec.PlayerDataThroughputStep
		maxThroughput = max((ru+step-1)/step*step, spec.MinPlayerDataThroughput)
	}
	if r.Data.StorageGiB > 0 {
		storageGiB = r.Data.StorageGiB
	}
	return maxThroughput, storageGiB, true
}

// Region is one region of a request with its expected peak concurrent players.
type Region struct {
	Name        string `json:"name"`
	PeakPlayers int    `json:"peakPlayers"`
}

// Platform defaults for what a request does not say. A generated stack config
// spells every one of them out, so the environment file is complete on its own.
const (
	DefaultVCPUPerServer = spec.DefaultVCPUPerServer
	DefaultVMSize        = spec.DefaultVMSize
	// DefaultKubernetesVersion is the AKS minor version new environments start on.
	DefaultKubernetesVersion = "1.35"
	// DomainFormat makes an environment's DNS zone from its name and game,
	// e.g. "weekend-playtest.play.starfall.example".
	DomainFormat = "%s.play.%s.example"
	// RequestsDir is where requests live, relative to the repository root.
	RequestsDir = "environments/requests"
)

// DefaultAPIServerAuthorizedRanges are the platform operators' egress ranges, the
// only sources allowed to reach a new environment's (public) AKS API servers.
var DefaultAPIServerAuthorizedRanges = []string{"198.51.100.0/24"}

// Input bounds of the schema, far beyond what the platform serves; they keep the
// sizing arithmetic in range.
const (
	MinVCPUPerServer = spec.MinVCPUPerServer
	MaxPeakPlayers   = spec.MaxPeakPlayers
)

// MaxLifetimeDays returns how far ahead (in days) a new environment of the tier may
// expire; 0 for a tier that never expires (prod). From the tier profile.
func MaxLifetimeDays(t spec.Tier) int { return tier.Of(t).MaxLifetimeDays }

// MaxRegions returns how many regions one environment of the tier may span.
func MaxRegions(t spec.Tier) int { return tier.Of(t).MaxRegions }

// AllowedRegions returns the regions open to the tier, sorted: the tier profile's,
// which the policy pack's allowed-regions policy enforces too, so a request that
// passes never fails that policy.
func AllowedRegions(t spec.Tier) []string { return sorted(tier.Of(t).AllowedRegions) }

// AllowedVMSizes returns the game-node VM sizes open to the tier, sorted: the tier
// profile's, which the allowed-vm-sizes policy enforces.
func AllowedVMSizes(t spec.Tier) []string { return sorted(tier.Of(t).VMSizes) }

func sorted(list []string) []string {
	out := slices.Clone(list)
	slices.Sort(out)
	return out
}

// VCPU returns the request's vCPU per server, defaulted.
func (r *Request) VCPU() float64 {
	if r.VCPUPerServer == 0 {
		return DefaultVCPUPerServer
	}
	return r.VCPUPerServer
}

// VM returns the request's game-node VM size, defaulted.
func (r *Request) VM() string {
	if r.VMSize == "" {
		return DefaultVMSize
	}
	return r.VMSize
}

// Domain returns the environment's DNS zone (DomainFormat).
func (r *Request) Domain() string { return fmt.Sprintf(DomainFormat, r.Environment, r.Game) }
