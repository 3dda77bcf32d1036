package capacity

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	f8  = VM{Name: "Standard_F8s_v2", VCPU: 8, MemoryGiB: 16, Family: "standardFSv2Family"}
	f16 = VM{Name: "Standard_F16s_v2", VCPU: 16, MemoryGiB: 32, Family: "standardFSv2Family"}
	d4  = VM{Name: "Standard_D4s_v5", VCPU: 4, MemoryGiB: 16, Family: "standardDSv5Family"}
	e8  = VM{Name: "memory-poor", VCPU: 8, MemoryGiB: 4, Family: "x"}
)

func TestServersPerNode(t *testing.T) {
	cases := []struct {
		name string
		vm   VM
		vcpu float64
		want int
	}{
		{"F16 2 vCPU: 13.6 vCPU and 27.2 GiB usable", f16, 2, 6},
		{"F8 2 vCPU", f8, 2, 3},
		{"F8 half-vCPU servers limited by memory", f8, 0.5, 13},
		{"memory-poor VM limited by memory", e8, 1, 1},
		{"server larger than usable vCPU", d4, 4, 0},
		{"exactly the usable vCPU", VM{VCPU: 20, MemoryGiB: 100}, 17, 1},
		{"zero vCPU per server", f16, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ServersPerNode(tc.vm, tc.vcpu); got != tc.want {
				t.Errorf("ServersPerNode(%s, %v) = %d, want %d", tc.vm.Name, tc.vcpu, got, tc.want)
			}
		})
	}
}

func TestSize(t *testing.T) {
	sysDev := Pool{Name: "system", VMSize: "Standard_D4s_v5", Family: "standardDSv5Family", VCPU: 4, MinNodes: 1, MaxNodes: 3}
	sysProd := sysDev
	sysProd.MinNodes, sysProd.MaxNodes = 3, 6
	game := func(name string, vm VM, min, max int) Pool {
		return Pool{Name: name, VMSize: vm.Name, Family: vm.Family, VCPU: vm.VCPU, MinNodes: min, MaxNodes: max}
	}
	cases := []struct {
		name    string
		d       Demand
		prod    bool
		poolCap int
		want    Plan
	}{
		{
			name: "dev: 2000 players on F8",
			d:    Demand{PeakPlayers: 2000, PlayersPerServer: 16, VCPUPerServer: 2, VM: f8},
			// 125 servers, 3 per node -> 42 nodes; max ceil(52.5)=53; min ceil(8.4)=9
			want: Plan{Servers: 125, ServersPerNode: 3, NodesAtPeak: 42, MinNodes: 9, MaxNodes: 53,
				GamePools: []Pool{game("game1", f8, 9, 53)}, SystemPool: sysDev},
		},
		{
			name: "tiny demand keeps one warm node",
			d:    Demand{PeakPlayers: 1, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
			want: Plan{Servers: 1, ServersPerNode: 6, NodesAtPeak: 1, MinNodes: 1, MaxNodes: 2,
				GamePools: []Pool{game("game1", f16, 1, 2)}, SystemPool: sysDev},
		},
		{
			name: "exactly one full pool (800 peak nodes -> 1000 max)",
			d:    Demand{PeakPlayers: 800 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
			prod: true,
			want: Plan{Servers: 4800, ServersPerNode: 6, NodesAtPeak: 800, MinNodes: 160, MaxNodes: 1000,
				GamePools: []Pool{game("game1", f16, 160, 1000)}, SystemPool: sysProd},
		},
		{
			name: "one node over the pool limit splits in two",
			d:    Demand{PeakPlayers: 801 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
			prod: true,
			// 801 peak -> max ceil(1001.25)=1002, min ceil(160.2)=161
			want: Plan{Servers: 4806, ServersPerNode: 6, NodesAtPeak: 801, MinNodes: 161, MaxNodes: 1002,
				GamePools: []Pool{game("game1", f16, 81, 501), game("game2", f16, 80, 501)}, SystemPool: sysProd},
		},
		{
			name:    "dev cap of 20 nodes per pool: 53 nodes in three pools",
			d:       Demand{PeakPlayers: 2000, PlayersPerServer: 16, VCPUPerServer: 2, VM: f8},
			poolCap: 20,
			want: Plan{Servers: 125, ServersPerNode: 3, NodesAtPeak: 42, MinNodes: 9, MaxNodes: 53,
				GamePools: []Pool{game("game1", f8, 3, 18), game("game2", f8, 3, 18), game("game3", f8, 3, 17)}, SystemPool: sysDev},
		},
		{
			name:    "cap above AKS's limit falls back to 1000",
			d:       Demand{PeakPlayers: 801 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
			prod:    true,
			poolCap: 5000,
			want: Plan{Servers: 4806, ServersPerNode: 6, NodesAtPeak: 801, MinNodes: 161, MaxNodes: 1002,
				GamePools: []Pool{game("game1", f16, 81, 501), game("game2", f16, 80, 501)}, SystemPool: sysProd},
		},
		{
			name: "prod japaneast: 200k players -> three pools",
			d:    Demand{PeakPlayers: 200000, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
			prod: true,
			// 12500 servers / 6 = 2084 nodes; max 2605; min 417
			want: Plan{Servers: 12500, ServersPerNode: 6, NodesAtPeak: 2084, MinNodes: 417, MaxNodes: 2605,
				GamePools: []Pool{game("game1", f16, 139, 869), game("game2", f16, 139, 868), game("game3", f16, 139, 868)}, SystemPool: sysProd},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Size(tc.d, Options{SystemPool: systemPool(tc.prod), MaxNodesPerPool: tc.poolCap})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Size (-want +got):\n%s", diff)
			}
			sumMin, sumMax := 0, 0
			for _, p := range got.GamePools {
				if p.MaxNodes > MaxNodesPerPool || p.MinNodes > p.MaxNodes || p.MinNodes < 1 {
					t.Errorf("pool %s bounds %d..%d break the AKS limits", p.Name, p.MinNodes, p.MaxNodes)
				}
				sumMin += p.MinNodes
				sumMax += p.MaxNodes
			}
			if sumMin != got.MinNodes || sumMax != got.MaxNodes {
				t.Errorf("pools sum to %d..%d, plan says %d..%d", sumMin, sumMax, got.MinNodes, got.MaxNodes)
			}
		})
	}
}

func TestSizeErrors(t *testing.T) {
	cases := []struct {
		name    string
		d       Demand
		poolCap int
		want    string
	}{
		{"no players", Demand{PeakPlayers: 0, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, 0, "must be greater than 0, got 0"},
		{"no players per server", Demand{PeakPlayers: 10, VCPUPerServer: 2, VM: f16}, 0, "players per server must be greater than 0"},
		{"no vCPU per server", Demand{PeakPlayers: 10, PlayersPerServer: 16, VM: f16}, 0, "vCPU per server must be greater than 0"},
		{"server does not fit the VM", Demand{PeakPlayers: 10, PlayersPerServer: 16, VCPUPerServer: 4, VM: d4}, 0, "a 4-vCPU game server does not fit a Standard_D4s_v5 (4 vCPU, 16 GiB, 85% usable)"},
		// 4994 max nodes allowed in prod (5000 - 6 system): 3995 peak -> 4994 max fits, 3996 -> 4995 does not.
		// a cap of 10 nodes per pool: 99 game pools (990 nodes) fit with the system pool, 100 do not
		{"too many pools under a small cap", Demand{PeakPlayers: 793 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, 10, "need 992 game nodes of Standard_F16s_v2 with headroom; in pools of at most 10 nodes that is 100 game pools, above AKS's 100 pools per cluster"},
		{"one node above the cluster limit", Demand{PeakPlayers: 3996 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, 0, "4995 game nodes of Standard_F16s_v2 with headroom (23976 servers, 6 per node), above the 4994 game nodes one cluster holds (AKS allows 5000 nodes, 6 are system nodes; https://learn.microsoft.com/azure/aks/quotas-skus-regions#service-quotas-and-limits); one cluster serves about 383520 players"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Size(tc.d, Options{SystemPool: prodSystemPool, MaxNodesPerPool: tc.poolCap})
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := Size(Demand{PeakPlayers: 3995 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, Options{SystemPool: prodSystemPool}); err != nil {
		t.Errorf("demand at the cluster limit rejected: %v", err)
	}
	if _, err := Size(Demand{PeakPlayers: 792 * 6 * 16, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, Options{MaxNodesPerPool: 10}); err != nil {
		t.Errorf("99 pools of 10 rejected: %v", err)
	}
}

func TestVCPUByFamily(t *testing.T) {
	p, err := Size(Demand{PeakPlayers: 200000, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16}, Options{SystemPool: prodSystemPool})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"standardFSv2Family": 2605 * 16, "standardDSv5Family": 6 * 4}
	if diff := cmp.Diff(want, p.VCPUByFamily()); diff != "" {
		t.Errorf("VCPUByFamily (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"standardDSv5Family", "standardFSv2Family"}, p.Families()); diff != "" {
		t.Errorf("Families (-want +got):\n%s", diff)
	}
}

func TestSpread(t *testing.T) {
	if diff := cmp.Diff([]int{4, 3, 3}, spread(10, 3)); diff != "" {
		t.Error(diff)
	}
	if diff := cmp.Diff([]int{5}, spread(5, 1)); diff != "" {
		t.Error(diff)
	}
}

func TestSizeNeverOverflows(t *testing.T) {
	const maxInt = int(^uint(0) >> 1)
	for _, d := range []Demand{
		{PeakPlayers: maxInt, PlayersPerServer: 16, VCPUPerServer: 2, VM: f16},
		{PeakPlayers: maxInt, PlayersPerServer: 1, VCPUPerServer: 0.25, VM: f16},
		{PeakPlayers: maxInt - 1, PlayersPerServer: maxInt, VCPUPerServer: 1e-300, VM: f16},
		{PeakPlayers: 1000, PlayersPerServer: maxInt, VCPUPerServer: 2, VM: f16},
	} {
		p, err := Size(d, Options{SystemPool: prodSystemPool})
		if d.PlayersPerServer == maxInt {
			// One server holds everyone: one node, a valid plan.
			if err != nil || p.NodesAtPeak != 1 || p.MaxNodes < 1 {
				t.Errorf("Size(%+v) = %+v, %v", d, p, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "above the 4994 game nodes one cluster holds") {
			t.Errorf("Size(%+v) = %+v, %v; want the one-cluster limit", d, p, err)
		}
		if regexp.MustCompile(`-\d`).MatchString(err.Error()) {
			t.Errorf("negative figure (overflow) in %v", err)
		}
	}
}

func TestServersPerNodeIsBoundedByPods(t *testing.T) {
	if got := ServersPerNode(f16, 1e-300); got != MaxPodsPerNode {
		t.Errorf("ServersPerNode(F16, 1e-300) = %d, want the %d pods a node may run", got, MaxPodsPerNode)
	}
}

// FuzzSize feeds the capacity model arbitrary demands: it must never panic, and a
// plan it returns must be one AKS can run.
func FuzzSize(f *testing.F) {
	f.Add(2000, 16, 2.0, 8, 16.0, false, 20)
	f.Add(int(^uint(0)>>1), 1, 0.25, 64, 128.0, true, 1000)
	f.Add(1, 256, 1e-300, 2, 8.0, false, 0)
	f.Add(150000, 16, 2.0, 16, 32.0, true, -5)
	f.Fuzz(func(t *testing.T, players, perServer int, vcpu float64, vmVCPU int, vmMem float64, prod bool, poolCap int) {
		d := Demand{PeakPlayers: players, PlayersPerServer: perServer, VCPUPerServer: vcpu,
			VM: VM{Name: "fuzz", VCPU: vmVCPU, MemoryGiB: vmMem, Family: "f"}}
		o := Options{SystemPool: systemPool(prod), MaxNodesPerPool: poolCap}
		p, err := Size(d, o)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		total, lo := 0, 0
		for _, pool := range p.GamePools {
			if pool.MaxNodes < 1 || pool.MinNodes < 1 || pool.MinNodes > pool.MaxNodes || pool.MaxNodes > o.poolCap() {
				t.Fatalf("pool %+v out of bounds (cap %d)", pool, o.poolCap())
			}
			total += pool.MaxNodes
			lo += pool.MinNodes
		}
		if total != p.MaxNodes || lo != p.MinNodes || p.MaxNodes+p.SystemPool.MaxNodes > MaxNodesPerCluster ||
			len(p.GamePools)+1 > MaxPoolsPerCluster || p.ServersPerNode < 1 || p.ServersPerNode > MaxPodsPerNode {
			t.Fatalf("plan %+v breaks an AKS limit", p)
		}
	})
}

// prodSystemPool is a zonal tier's system pool range (one node per zone), as the
// prod tier profile sets it.
var prodSystemPool = [2]int{3, 6}

func systemPool(prod bool) [2]int {
	if prod {
		return prodSystemPool
	}
	return DefaultSystemPool
}
