package requests

import (
	"fmt"
	"sort"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/policies/rules"
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
	DefaultKubernetesVersion = "1.36"
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

// Lifetime limits: a non-prod environment must expire, at most this many days from
// the day it is requested. Prod environments never expire.
const (
	MaxLifetimeDaysDev     = 30
	MaxLifetimeDaysStaging = 90
)

// MaxLifetimeDays returns the tier's lifetime limit in days, 0 for prod (no expiry).
func MaxLifetimeDays(t spec.Tier) int {
	switch t {
	case spec.TierDev:
		return MaxLifetimeDaysDev
	case spec.TierStaging:
		return MaxLifetimeDaysStaging
	}
	return 0
}

// Region limits per tier: how many regions one environment may span.
const (
	MaxRegionsDev     = 3
	MaxRegionsStaging = 6
	MaxRegionsProd    = 12
)

// MaxRegions returns the tier's region limit.
func MaxRegions(t spec.Tier) int {
	switch t {
	case spec.TierDev:
		return MaxRegionsDev
	case spec.TierStaging:
		return MaxRegionsStaging
	}
	return MaxRegionsProd
}

// AllowedRegions returns the regions open to the tier, sorted: the policy pack's
// settings.allowedRegions (policies/rules/enforcement.yaml), so a request that passes
// never fails the pack's allowed-regions policy.
func AllowedRegions(t spec.Tier) []string {
	return tierList(t, func(s rules.Settings) map[spec.Tier][]string { return s.AllowedRegions })
}

// AllowedVMSizes returns the game-node VM sizes open to the tier, sorted: the policy
// pack's settings.vmSizes, which the allowed-vm-sizes policy enforces.
func AllowedVMSizes(t spec.Tier) []string {
	return tierList(t, func(s rules.Settings) map[spec.Tier][]string { return s.VMSizes })
}

func tierList(t spec.Tier, pick func(rules.Settings) map[spec.Tier][]string) []string {
	cfg, err := rules.DefaultConfig()
	if err != nil {
		// The shipped configuration is validated by its own tests; an unreadable one
		// opens nothing.
		return nil
	}
	out := append([]string(nil), pick(cfg.Settings)[t]...)
	sort.Strings(out)
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
