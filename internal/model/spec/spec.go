package spec

import (
	"fmt"
	"time"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Namespace is the Pulumi config namespace of the project (the project name).
const Namespace = "game-platform"

// Tier is an environment's service tier; what differs between the tiers is its
// profile, tier.Of(t).
type Tier = tier.Tier

// The tiers.
const (
	TierDev     = tier.Dev
	TierStaging = tier.Staging
	TierProd    = tier.Prod
)

// Tiers lists the valid tiers in order of increasing strictness.
var Tiers = tier.All

// Documented defaults, applied by Spec.Default before validation.
const (
	DefaultPlayersPerServer = 16
	DefaultVCPUPerServer    = 2.0
	DefaultVMSize           = "Standard_F16s_v2"
	DefaultGamePortStart    = 7000
	DefaultGamePortEnd      = 7999
	DefaultQoSPort          = 3075
	// DefaultHeadroom is the autoscaler headroom above the nodes needed at peak.
	DefaultHeadroom = 0.25
	// DefaultStandbyFraction is the share of peak nodes kept warm as the pool minimum.
	DefaultStandbyFraction = 0.2
	// DefaultGameServerPort is the container port of the game server (Agones'
	// examples and most engines' dedicated servers listen on 7777).
	DefaultGameServerPort = 7777
	// DefaultGameServerTag is the image tag used when gameServer.image is unset: the
	// repository is "<game>/gameserver".
	DefaultGameServerTag = "1.0.0"
)

// Spec is the desired state of one environment.
type Spec struct {
	// Stack is the Pulumi stack name; it is also the environment name.
	Stack string `json:"-"`
	// Source is where the spec was read from (a file path or "stack config").
	Source string `json:"-"`

	Studio           string            `json:"studio"`
	Game             string            `json:"game"`
	Tier             Tier              `json:"tier"`
	Owners           []string          `json:"owners"`
	CostCenter       string            `json:"costCenter"`
	ExpiresOn        string            `json:"expiresOn,omitempty"` // YYYY-MM-DD, ephemeral environments
	BudgetMonthlyUSD float64           `json:"budgetMonthlyUSD"`
	Domain           string            `json:"domain"` // the game's DNS zone, e.g. play.starfall.example
	Tags             map[string]string `json:"tags,omitempty"`
	GamePorts        PortRange         `json:"gamePorts"`
	Regions          []Region          `json:"regions"`
	Cluster          ClusterSettings   `json:"cluster"`
	CDN              CDNSettings       `json:"cdn"`
	GameServer       GameServer        `json:"gameServer"`
	Network          NetworkSettings   `json:"network"`
	PlayerData       PlayerData        `json:"playerData"`
}

// GameServer is the game's dedicated server as every region's Agones fleet runs it.
type GameServer struct {
	// Image is the server image as a repository path in the environment's registry
	// with a tag or digest ("starfall/gameserver:1.4.2"); the registry's login server
	// is prepended, so an image from anywhere else cannot be named.
	Image string `json:"image"`
	// Port is the UDP port the server listens on inside its container; Agones maps
	// it to a host port from gamePorts.
	Port int `json:"port"`
	// CPU is the vCPU each server requests (and is limited to). Default: the smallest
	// regions[*].capacity.vcpuPerServer, the slot the capacity model sizes nodes for.
	CPU float64 `json:"cpu"`
	// MemoryGiB is the memory each server requests (and is limited to). Default: CPU ×
	// the capacity model's memory per server vCPU (2 GiB).
	MemoryGiB float64 `json:"memoryGiB"`
}

// PortRange is the UDP port range game servers listen on, plus the QoS beacon port
// clients ping to choose a region.
type PortRange struct {
	Start   int `json:"start"`
	End     int `json:"end"`
	QoSPort int `json:"qosPort"`
}

// Region is one regional stamp: network and game-server cluster.
type Region struct {
	Name         string   `json:"name"`
	AddressSpace string   `json:"addressSpace"` // a block from the platform address plan, /16../20
	Capacity     Capacity `json:"capacity"`
	// CustomIPPrefixID is the publisher's custom (BYOIP) IPv4 prefix in the region,
	// optional: the game nodes' public IPs then come from a prefix derived from it.
	// Without it, every game node gets its own Standard public IP from Azure.
	CustomIPPrefixID string `json:"customIpPrefixId,omitempty"`
}

// Capacity is the game-server demand of a region, from which node counts derive.
type Capacity struct {
	PeakPlayers      int     `json:"peakPlayers"`
	PlayersPerServer int     `json:"playersPerServer"`
	VCPUPerServer    float64 `json:"vcpuPerServer"`
	VMSize           string  `json:"vmSize"`
	// Spot runs the game pools on spot VMs (not allowed in prod).
	Spot bool `json:"spot,omitempty"`
}

// ClusterSettings are environment-wide AKS settings.
type ClusterSettings struct {
	KubernetesVersion string `json:"kubernetesVersion,omitempty"`
	// APIServerAuthorizedRanges restricts the public API server to these CIDRs.
	APIServerAuthorizedRanges []string `json:"apiServerAuthorizedRanges,omitempty"`
	// PrivateAPIServer makes the API server reachable only inside the VNet.
	PrivateAPIServer bool `json:"privateApiServer,omitempty"`
	// AdminGroupObjectIDs are the Entra ID groups granted cluster admin.
	AdminGroupObjectIDs []string `json:"adminGroupObjectIds,omitempty"`
}

// CDNSettings tune the Front Door profile.
type CDNSettings struct {
	// PatchCacheSeconds is the edge cache duration of patch and asset files.
	PatchCacheSeconds int `json:"patchCacheSeconds,omitempty"`
	// RateLimitPerMinute is the WAF rate-limit threshold per client IP.
	RateLimitPerMinute int `json:"rateLimitPerMinute,omitempty"`
}

// NetworkSettings are environment-wide network choices.
type NetworkSettings struct {
	// Peering connects the regions' VNets: PeeringNone (the default) or PeeringMesh.
	Peering string `json:"peering,omitempty"`
}

// Peering modes of NetworkSettings.Peering.
//
// Regions are independent stamps: each reaches the environment's services (storage,
// Key Vault, registry) through its own private endpoints, so no region needs another
// region's network and none is peered by default. A peering would make a region's
// reachability depend on another region's VNet and add n·(n−1) resources, each
// chained behind the previous peering of its VNet. PeeringMesh is for a game whose
// own services talk across regions privately; the address plan keeps every block
// unique, so switching it on later never needs renumbering.
const (
	PeeringNone = "none"
	PeeringMesh = "mesh"
)

// PeeringModes lists the accepted values of network.peering.
var PeeringModes = []string{PeeringNone, PeeringMesh}

// Default CDN settings.
const (
	DefaultPatchCacheSeconds  = 86400
	DefaultRateLimitPerMinute = 1000
)

// Default fills in documented defaults where a field holds its zero value; it never
// overrides a set value. Specs read from config use applyDefaults instead, which
// tells an explicit zero (an error) from an unset field.
func (s *Spec) Default() { s.applyDefaults(nil) }

// applyDefaults fills in the documented default of every field that is unset:
// absent from present (the paths the config set, see checkJSON) and still zero. An
// explicit 0 stays 0 for validation to reject by name; an empty string counts as
// unset for the optional string fields.
func (s *Spec) applyDefaults(present map[string]bool) {
	set := func(path string) bool { return present[path] }
	defInt := func(path string, v *int, def int) {
		if *v == 0 && !set(path) {
			*v = def
		}
	}
	defInt("gamePorts.start", &s.GamePorts.Start, DefaultGamePortStart)
	defInt("gamePorts.end", &s.GamePorts.End, DefaultGamePortEnd)
	defInt("gamePorts.qosPort", &s.GamePorts.QoSPort, DefaultQoSPort)
	for i := range s.Regions {
		c := &s.Regions[i].Capacity
		path := fmt.Sprintf("regions[%d].capacity.", i)
		defInt(path+"playersPerServer", &c.PlayersPerServer, DefaultPlayersPerServer)
		if c.VCPUPerServer == 0 && !set(path+"vcpuPerServer") {
			c.VCPUPerServer = DefaultVCPUPerServer
		}
		if c.VMSize == "" {
			c.VMSize = DefaultVMSize
		}
	}
	if s.GameServer.Image == "" && s.Game != "" {
		s.GameServer.Image = s.Game + "/gameserver:" + DefaultGameServerTag
	}
	defInt("gameServer.port", &s.GameServer.Port, DefaultGameServerPort)
	if s.GameServer.CPU == 0 && !set("gameServer.cpu") {
		for i, r := range s.Regions {
			if i == 0 || r.Capacity.VCPUPerServer < s.GameServer.CPU {
				s.GameServer.CPU = r.Capacity.VCPUPerServer
			}
		}
	}
	if s.GameServer.MemoryGiB == 0 && !set("gameServer.memoryGiB") {
		s.GameServer.MemoryGiB = s.GameServer.CPU * capacity.MemoryGiBPerServerVCPU
	}
	defInt("cdn.patchCacheSeconds", &s.CDN.PatchCacheSeconds, DefaultPatchCacheSeconds)
	defInt("cdn.rateLimitPerMinute", &s.CDN.RateLimitPerMinute, DefaultRateLimitPerMinute)
	if s.Network.Peering == "" {
		s.Network.Peering = PeeringNone
	}
	s.applyPlayerDataDefaults(set)
}

// Peered reports whether the regions' VNets are peered (network.peering: mesh).
func (s *Spec) Peered() bool { return s.Network.Peering == PeeringMesh }

// Expiry returns the parsed expiry date, or the zero time when there is none.
func (s *Spec) Expiry() time.Time {
	t, err := time.Parse(time.DateOnly, s.ExpiresOn)
	if err != nil {
		return time.Time{}
	}
	return t
}

// RegionNames returns the spec's regions in declaration order.
func (s *Spec) RegionNames() []string {
	out := make([]string, len(s.Regions))
	for i, r := range s.Regions {
		out[i] = r.Name
	}
	return out
}

// StandardTags are the tags every taggable resource of the environment carries.
func (s *Spec) StandardTags() map[string]string {
	t := map[string]string{}
	for k, v := range s.Tags {
		t[k] = v
	}
	t["environment"] = s.Stack
	t["studio"] = s.Studio
	t["game"] = s.Game
	t["tier"] = string(s.Tier)
	t["cost-center"] = s.CostCenter
	t["managed-by"] = "pulumi"
	if s.ExpiresOn != "" {
		t["expires-on"] = s.ExpiresOn
	}
	return t
}

// RequiredTagKeys are the tag keys the governance policy demands on every taggable
// resource, in every tier (tier.RequiredTags).
var RequiredTagKeys = tier.RequiredTags
