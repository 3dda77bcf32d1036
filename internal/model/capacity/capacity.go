// Package capacity is the platform's capacity model: from a region's player demand
// and the node VM size it derives game servers per node, nodes at peak, autoscaler
// bounds and the split into node pools, and the vCPU each VM family needs so quota
// can be checked before a deployment. It is pure (no Pulumi, no I/O) and does not
// depend on the environment model, which calls it during validation.
package capacity

import (
	"fmt"
	"math"
	"sort"

	"github.com/gameplatform/platform/internal/model/azurelimits"
)

// Documented model constants.
const (
	// UsableFraction is the share of a node's vCPU and memory left for game servers
	// after AKS's kube-reserved/eviction reservations and the platform's daemonsets.
	UsableFraction = 0.85
	// MemoryGiBPerServerVCPU is the memory a game server needs per vCPU it requests.
	MemoryGiBPerServerVCPU = 2.0
	// Headroom is the autoscaler's room above the nodes needed at peak.
	Headroom = 0.25
	// StandbyFraction is the share of peak nodes kept warm as the pool minimum.
	StandbyFraction = 0.2
	// GameSurgePercent is the game pools' max surge during upgrades: AKS adds this
	// share of a pool's nodes (rounded up) as temporary nodes, each with an address
	// in the game subnet. Game pools are large and full of matches, so they surge a
	// small share and drain slowly.
	GameSurgePercent = 10
	// MaxNodesPerPool is AKS's limit of nodes in one (VM scale set) node pool.
	MaxNodesPerPool = azurelimits.AKSNodesPerPool
	// MaxNodesPerCluster is AKS's limit of nodes in one cluster, all pools together.
	MaxNodesPerCluster = azurelimits.AKSNodesPerCluster
	// MaxPoolsPerCluster is AKS's limit of node pools in one cluster.
	MaxPoolsPerCluster = azurelimits.AKSPoolsPerCluster
	// MaxPodsPerNode is AKS's limit of pods on one node (Azure CNI overlay), so no
	// node runs more game servers than this however small they are.
	MaxPodsPerNode = azurelimits.AKSPodsPerNode
)

// VM is a node VM size as the model needs it.
type VM struct {
	Name      string
	VCPU      int
	MemoryGiB float64
	// Family is the quota family Azure counts the VM's vCPUs against.
	Family string
}

// Demand is a region's game-server demand.
type Demand struct {
	PeakPlayers      int
	PlayersPerServer int
	VCPUPerServer    float64
	VM               VM
}

// Pool is one node pool's sizing.
type Pool struct {
	Name     string
	VMSize   string
	Family   string
	VCPU     int // per node
	MinNodes int
	MaxNodes int
}

// Options are the environment-level inputs of the model.
type Options struct {
	// SystemPool is the system pool's autoscaler range (min, max nodes); zero means
	// DefaultSystemPool.
	SystemPool [2]int
	// MaxNodesPerPool caps one game pool's autoscaler max; the model splits demand
	// into more pools rather than exceed it. Zero or above MaxNodesPerPool means
	// AKS's own limit.
	MaxNodesPerPool int
}

// poolCap returns the effective per-pool cap.
func (o Options) poolCap() int {
	if o.MaxNodesPerPool <= 0 || o.MaxNodesPerPool > MaxNodesPerPool {
		return MaxNodesPerPool
	}
	return o.MaxNodesPerPool
}

// Plan is a region's sizing.
type Plan struct {
	Servers        int // game servers needed at peak
	ServersPerNode int
	NodesAtPeak    int
	MinNodes       int // all game pools together
	MaxNodes       int // all game pools together
	GamePools      []Pool
	SystemPool     Pool
}

// System pool sizing per tier (the system pool runs only critical add-ons).
var (
	SystemVM = VM{Name: "Standard_D4s_v5", VCPU: 4, MemoryGiB: 16, Family: "standardDSv5Family"}
	// DefaultSystemPool is the system pool's range when Options name none (the
	// tiers' ranges are their profiles', internal/model/tier).
	DefaultSystemPool = [2]int{1, 3}
)

// ServersPerNode returns how many game servers fit one node of vm, limited by both
// vCPU and memory after the usable fraction, and by the pods a node may run.
func ServersPerNode(vm VM, vcpuPerServer float64) int {
	if !(vcpuPerServer > 0) || vm.VCPU <= 0 || !(vm.MemoryGiB > 0) {
		return 0 // also NaN
	}
	byCPU := math.Floor(float64(vm.VCPU)*UsableFraction/vcpuPerServer + 1e-9)
	byMem := math.Floor(vm.MemoryGiB*UsableFraction/(vcpuPerServer*MemoryGiBPerServerVCPU) + 1e-9)
	// Compare as floats before converting: a tiny server size gives a quotient far
	// beyond int's range.
	return int(math.Min(math.Min(byCPU, byMem), MaxPodsPerNode))
}

// Size derives a region's node pools from its demand. It returns an error, worded
// for the user, when the demand cannot be met by one cluster.
func Size(d Demand, o Options) (Plan, error) {
	switch {
	case d.PeakPlayers <= 0:
		return Plan{}, fmt.Errorf("must be greater than 0, got %d", d.PeakPlayers)
	case d.PlayersPerServer <= 0:
		return Plan{}, fmt.Errorf("players per server must be greater than 0, got %d", d.PlayersPerServer)
	case !(d.VCPUPerServer > 0): // also NaN
		return Plan{}, fmt.Errorf("vCPU per server must be greater than 0, got %v", d.VCPUPerServer)
	}
	per := ServersPerNode(d.VM, d.VCPUPerServer)
	if per < 1 {
		return Plan{}, fmt.Errorf("a %v-vCPU game server does not fit a %s (%d vCPU, %.0f GiB, %.0f%% usable); pick a larger VM size or smaller servers",
			d.VCPUPerServer, d.VM.Name, d.VM.VCPU, d.VM.MemoryGiB, UsableFraction*100)
	}
	p := Plan{ServersPerNode: per}
	// ceilDiv cannot overflow and both quotients are at most PeakPlayers; the float
	// arithmetic below only runs once the node count is known to fit a cluster.
	p.Servers = ceilDiv(d.PeakPlayers, d.PlayersPerServer)
	p.NodesAtPeak = ceilDiv(p.Servers, per)
	sys := o.SystemPool
	if sys == ([2]int{}) {
		sys = DefaultSystemPool
	}
	p.SystemPool = Pool{Name: "system", VMSize: SystemVM.Name, Family: SystemVM.Family, VCPU: SystemVM.VCPU, MinNodes: sys[0], MaxNodes: sys[1]}
	limit := MaxNodesPerCluster - p.SystemPool.MaxNodes
	if p.NodesAtPeak <= limit {
		p.MaxNodes = int(math.Ceil(float64(p.NodesAtPeak)*(1+Headroom) - 1e-9))
		p.MinNodes = max(1, int(math.Ceil(float64(p.NodesAtPeak)*StandbyFraction-1e-9)))
	}
	if p.NodesAtPeak > limit || p.MaxNodes > limit {
		// Report the node count with headroom where it is representable.
		need := p.MaxNodes
		if p.NodesAtPeak > limit {
			need = satAdd(p.NodesAtPeak, ceilDiv(p.NodesAtPeak, 4)) // ⌈n × (1 + Headroom)⌉
		}
		perCluster := int(math.Min(math.Floor(float64(limit)/(1+Headroom))*float64(per)*float64(d.PlayersPerServer), math.MaxInt32))
		return Plan{}, fmt.Errorf("%d peak players need %d game nodes of %s with headroom (%d servers, %d per node), above the %d game nodes one cluster holds (AKS allows %d nodes, %d are system nodes; %s); one cluster serves about %d players at this density: split the demand across regions or use a larger VM size",
			d.PeakPlayers, need, d.VM.Name, p.Servers, per, limit, MaxNodesPerCluster, p.SystemPool.MaxNodes, azurelimits.SourceAKS, perCluster)
	}
	poolCap := o.poolCap()
	n := ceilDiv(p.MaxNodes, poolCap)
	if n+1 > MaxPoolsPerCluster {
		return Plan{}, fmt.Errorf("%d peak players need %d game nodes of %s with headroom; in pools of at most %d nodes that is %d game pools, above AKS's %d pools per cluster (with the system pool; %s): use a larger VM size or split the demand across regions",
			d.PeakPlayers, p.MaxNodes, d.VM.Name, poolCap, n, MaxPoolsPerCluster, azurelimits.SourceAKS)
	}
	p.MinNodes = max(p.MinNodes, n) // every pool keeps at least one node
	maxes, mins := spread(p.MaxNodes, n), spread(p.MinNodes, n)
	for i := 0; i < n; i++ {
		p.GamePools = append(p.GamePools, Pool{
			Name:     GamePoolName(i),
			VMSize:   d.VM.Name,
			Family:   d.VM.Family,
			VCPU:     d.VM.VCPU,
			MinNodes: mins[i],
			MaxNodes: maxes[i],
		})
	}
	return p, nil
}

// GamePoolName names the i-th game pool: "game1", "game2", … (AKS pool names are
// 1-12 lowercase alphanumerics; Linux pools at most 12).
func GamePoolName(i int) string { return fmt.Sprintf("game%d", i+1) }

// Pools returns the system pool followed by the game pools.
func (p Plan) Pools() []Pool { return append([]Pool{p.SystemPool}, p.GamePools...) }

// VCPUByFamily returns the vCPU each VM family needs when every pool runs at its
// maximum: the regional quota the subscription must grant.
func (p Plan) VCPUByFamily() map[string]int {
	out := map[string]int{}
	for _, pool := range p.Pools() {
		out[pool.Family] += pool.MaxNodes * pool.VCPU
	}
	return out
}

// GameSubnetAddresses is how many game-subnet addresses the region's game nodes
// need: every game pool at its maximum plus its upgrade surge (GameSurgePercent of
// the pool, rounded up, as AKS computes it per pool). Pods use the overlay and need
// none. The environment model checks a region's block against it, the network
// component its game subnet, and the address plan sizes new blocks by it.
func (p Plan) GameSubnetAddresses() int {
	n := 0
	for _, g := range p.GamePools {
		n += g.MaxNodes + ceilDiv(g.MaxNodes*GameSurgePercent, 100)
	}
	return n
}

// Families returns the families of VCPUByFamily, sorted.
func (p Plan) Families() []string {
	m := p.VCPUByFamily()
	out := make([]string, 0, len(m))
	for f := range m {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// spread splits total into n near-equal parts, larger parts first.
func spread(total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// ceilDiv is ⌈a/b⌉ for a ≥ 0, b > 0, without the overflow of (a+b-1)/b.
func ceilDiv(a, b int) int {
	q := a / b
	if a%b != 0 {
		q++
	}
	return q
}

// satAdd returns a+b for a, b ≥ 0, saturating at math.MaxInt instead of wrapping.
func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// FleetSize is a region's game-server fleet in servers, as its Agones fleet
// autoscaler keeps it (Buffer policy).
type FleetSize struct {
	// Standby is the buffer of ready, unallocated servers: what the warm minimum of
	// game nodes (StandbyFraction of peak) holds, so a match never waits for a server
	// to start and the warm nodes are never idle.
	Standby int
	// Min is the fewest servers the fleet runs: the standby (Agones requires
	// minReplicas ≥ bufferSize).
	Min int
	// Max is what the game pools hold at their autoscaler maximum, so the fleet never
	// asks for servers no node can take.
	Max int
}

// Fleet returns the fleet sizing of a region's plan, in servers of the slot the
// model sized the nodes for (vCPU per server); a server requesting less packs at
// least as densely, so Max never exceeds what the pools hold.
func (p Plan) Fleet() FleetSize {
	standby := p.MinNodes * p.ServersPerNode
	return FleetSize{Standby: standby, Min: standby, Max: p.MaxNodes * p.ServersPerNode}
}
