package gamecluster

import (
	"fmt"

	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Documented defaults of the cluster.
const (
	// NetworkPolicy and NetworkDataplane: Cilium (eBPF) enforces Kubernetes network
	// policies and replaces kube-proxy; it needs Azure CNI overlay or pod subnets.
	NetworkPolicy    = "cilium"
	NetworkDataplane = "cilium"
	// PodCIDR is the overlay range pods get addresses from (each node takes a /24,
	// so a /10 holds 16384 nodes). ServiceCIDR holds cluster-internal services. Both
	// lie outside the platform address plan (10.0.0.0/8), so they never collide with
	// a peered region's VNet.
	PodCIDR      = "100.64.0.0/10"
	ServiceCIDR  = "172.16.0.0/16"
	DNSServiceIP = "172.16.0.10"
	// UpgradeChannel "patch" applies patch releases automatically and leaves minor
	// upgrades to a reviewed change of cluster.kubernetesVersion.
	UpgradeChannel = "patch"
	// NodeOSUpgradeChannel "NodeImage" rolls tested node images weekly.
	NodeOSUpgradeChannel = "NodeImage"
	// SystemTaint keeps everything but critical add-ons off the system pool.
	SystemTaint = "CriticalAddonsOnly=true:NoSchedule"
	// PoolLabel names a node's pool role ("system" or "game"); workloads select
	// their pool by it (Agones' components the system pool, game servers the game
	// pools).
	PoolLabel = "gameplatform.io/pool"
	// GameTaint keeps everything but game servers (which tolerate it) off the game
	// pools, so nothing else takes the slots the capacity model sized for servers.
	GameTaint = PoolLabel + "=game:NoSchedule"
	// OSSKU of every pool: Azure Linux (small, fast to boot and patch).
	OSSKU = "AzureLinux"
	// Surge during upgrades: the system pool is small, game pools are large and
	// full of matches, so they surge a small share (capacity.GameSurgePercent, which
	// the game subnet is sized for) and drain slowly.
	SystemMaxSurge        = "33%"
	GameDrainTimeoutMins  = 60
	SystemDrainTimeoutMin = 30
)

// Built-in Azure role definition IDs the cluster's identities get.
const (
	RoleNetworkContributor      = "4d97b98b-1d4f-4787-a291-c67834d212e7"
	RoleAcrPull                 = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
	RoleManagedIdentityOperator = "f1a07417-d97a-45cb-824c-7a7467783830"
)

// SKUTier returns the AKS pricing tier of an environment tier (its profile's
// AKSTier): Standard in prod and staging, Free in dev.
func SKUTier(t spec.Tier) string { return tier.Of(t).AKSTier }

// Zones returns the availability zones node pools spread over: 1-3 in a zonal tier
// (prod) when the region has zones, none otherwise.
func Zones(t spec.Tier, regionHasZones bool) []string { return tier.Of(t).ZonesIn(regionHasZones) }

// Pool is one agent pool profile in plain values.
type Pool struct {
	Name           string
	Mode           string // System | User
	VMSize         string
	MinCount       int
	MaxCount       int
	Zones          []string
	Taints         []string
	Labels         map[string]string
	Subnet         string // SubnetSystem | SubnetGame
	NodePublicIP   bool
	Spot           bool
	MaxSurge       string
	DrainTimeout   int
	AllowHostPorts bool // open the game ports on the node-level NSG
}

// Pools turns a capacity plan into agent pool profiles. Spot is honoured only
// outside prod; asking for it in prod is an error (the environment model rejects
// it first).
func Pools(p capacity.Plan, t spec.Tier, regionHasZones, spot bool) ([]Pool, error) {
	if spot && !tier.Of(t).SpotAllowed {
		return nil, fmt.Errorf("spot game pools are not allowed in %s", t)
	}
	if len(p.GamePools) == 0 {
		return nil, fmt.Errorf("the capacity plan has no game pools")
	}
	zones := Zones(t, regionHasZones)
	out := []Pool{{
		Name: p.SystemPool.Name, Mode: "System", VMSize: p.SystemPool.VMSize,
		MinCount: p.SystemPool.MinNodes, MaxCount: p.SystemPool.MaxNodes, Zones: zones,
		Taints: []string{SystemTaint}, Labels: map[string]string{PoolLabel: "system"},
		Subnet: SubnetSystem, MaxSurge: SystemMaxSurge, DrainTimeout: SystemDrainTimeoutMin,
	}}
	for _, g := range p.GamePools {
		out = append(out, Pool{
			Name: g.Name, Mode: "User", VMSize: g.VMSize, MinCount: g.MinNodes, MaxCount: g.MaxNodes,
			Zones: zones, Taints: []string{GameTaint}, Labels: map[string]string{PoolLabel: "game"},
			Subnet: SubnetGame, NodePublicIP: true, Spot: spot, AllowHostPorts: true,
			MaxSurge: fmt.Sprintf("%d%%", capacity.GameSurgePercent), DrainTimeout: GameDrainTimeoutMins,
		})
	}
	return out, nil
}
