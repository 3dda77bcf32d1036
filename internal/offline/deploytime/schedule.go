package deploytime

import (
	"container/heap"
	"math"
	"runtime"
	"sort"
)

// DefaultParallelism is the Pulumi CLI's default --parallel: 4 x the CPUs of the
// machine running `pulumi up` (pulumi/pulumi#14989, #15016; PULUMI_PARALLEL also sets it).
func DefaultParallelism() int { return 4 * runtime.NumCPU() }

// Why a step started when it did.
const (
	WaitNone       = ""           // started at time 0
	WaitDependency = "dependency" // its last dependency finished
	WaitCluster    = "cluster"    // another operation on its AKS cluster (or other serializing owner) finished
	WaitSlot       = "slot"       // an engine slot (parallelism) became free
)

// Schedule is the simulated timeline of a fresh `pulumi up`.
type Schedule struct {
	// Parallelism is the engine's bound; 0 means unbounded.
	Parallelism int
	Start, End  []float64
	// WaitedFor and Blocker say what each operation's start waited for and which
	// operation's end released it (-1 for none).
	WaitedFor []string
	Blocker   []int
	Makespan  float64
	// Path is the critical path: from the first operation to the last one to finish,
	// each released by the one before.
	Path []int
}

// Schedule simulates the engine as a bounded list scheduler: an operation becomes
// ready when all its dependencies have finished; ready operations start in the
// order they became ready (ties in plan order) while fewer than parallelism are
// running (0 = unbounded); an AgentPool waits, without holding a slot, while another
// operation holds its cluster (see serializeOn). Durations are the graph's.
func (g *Graph) Schedule(parallelism int) *Schedule {
	n := len(g.Nodes)
	s := &Schedule{
		Parallelism: parallelism,
		Start:       make([]float64, n),
		End:         make([]float64, n),
		WaitedFor:   make([]string, n),
		Blocker:     make([]int, n),
	}
	slots := parallelism
	if slots <= 0 || slots > n {
		slots = n
	}
	pending := make([]int, n)
	readyAt := make([]float64, n)
	lockFreedBy := make([]int, n)
	for i := range g.Nodes {
		pending[i] = len(g.Nodes[i].Deps)
		s.Blocker[i] = -1
		lockFreedBy[i] = -1
	}
	ready := &taskHeap{key: readyAt}
	for i := range g.Nodes {
		if pending[i] == 0 {
			heap.Push(ready, i)
		}
	}
	running := &taskHeap{key: s.End}
	lockHolder := map[int]int{}
	lockWait := map[int][]int{}
	now, free, lastFreed := 0.0, slots, -1
	done := 0
	for done < n {
		for free > 0 && ready.Len() > 0 {
			t := heap.Pop(ready).(int)
			if l := g.Nodes[t].Lock; l >= 0 {
				if _, held := lockHolder[l]; held {
					lockWait[l] = append(lockWait[l], t)
					continue
				}
				lockHolder[l] = t
			}
			s.Start[t] = now
			s.End[t] = now + g.Nodes[t].Seconds
			s.WaitedFor[t], s.Blocker[t] = g.why(t, now, readyAt[t], s.End, lockFreedBy[t], lastFreed)
			heap.Push(running, t)
			free--
		}
		if running.Len() == 0 {
			break // unreachable for an acyclic graph; guards against a livelock
		}
		t := heap.Pop(running).(int)
		now = s.End[t]
		free++
		lastFreed = t
		done++
		if l := g.Nodes[t].Lock; l >= 0 {
			delete(lockHolder, l)
			if w := lockWait[l]; len(w) > 0 {
				next := w[0]
				lockWait[l] = w[1:]
				lockFreedBy[next] = t
				heap.Push(ready, next)
			}
		}
		for _, j := range g.succ[t] {
			pending[j]--
			if pending[j] == 0 {
				readyAt[j] = now
				heap.Push(ready, j)
			}
		}
	}
	last := -1
	for i := range g.Nodes {
		if last < 0 || s.End[i] > s.End[last] {
			last = i
		}
	}
	if last >= 0 {
		s.Makespan = s.End[last]
		for t := last; t >= 0; t = s.Blocker[t] {
			s.Path = append(s.Path, t)
			if len(s.Path) > n {
				break
			}
		}
		for i, j := 0, len(s.Path)-1; i < j; i, j = i+1, j-1 {
			s.Path[i], s.Path[j] = s.Path[j], s.Path[i]
		}
	}
	return s
}

const eps = 1e-9

// why explains the start of t at now: its last dependency, the operation that freed
// its cluster, or the operation whose end freed the slot.
func (g *Graph) why(t int, now, readyAt float64, end []float64, lockFreedBy, lastFreed int) (string, int) {
	if math.Abs(now-readyAt) < eps {
		dep, depEnd := -1, -1.0
		for _, d := range g.Nodes[t].Deps {
			if end[d] > depEnd {
				dep, depEnd = d, end[d]
			}
		}
		if dep < 0 {
			return WaitNone, -1
		}
		return WaitDependency, dep
	}
	if lockFreedBy >= 0 && math.Abs(end[lockFreedBy]-now) < eps {
		return WaitCluster, lockFreedBy
	}
	return WaitSlot, lastFreed
}

// taskHeap orders node indices by key (ready time or end time), then by index.
type taskHeap struct {
	items []int
	key   []float64
}

func (h *taskHeap) Len() int { return len(h.items) }
func (h *taskHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if h.key[a] != h.key[b] {
		return h.key[a] < h.key[b]
	}
	return a < b
}
func (h *taskHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *taskHeap) Push(x any)    { h.items = append(h.items, x.(int)) }
func (h *taskHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}

// SuggestTolerance is how close to the unbounded critical path the suggested
// parallelism must bring a deploy: the last few percent cost many more concurrent
// ARM writes for seconds of gain.
const SuggestTolerance = 0.05

// SuggestParallelism returns the smallest engine parallelism whose makespan is
// within SuggestTolerance of the unbounded critical path, found by bisection over
// 1..N. List schedules are not strictly monotonic in the bound, so the result is
// checked and raised if needed.
func (g *Graph) SuggestParallelism() int {
	n := len(g.Nodes)
	if n == 0 {
		return 1
	}
	floor := g.Schedule(0).Makespan
	limit := floor*(1+SuggestTolerance) + eps
	reaches := func(p int) bool { return g.Schedule(p).Makespan <= limit }
	lo, hi := 1, n
	for lo < hi {
		mid := (lo + hi) / 2
		if reaches(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	for lo < n && !reaches(lo) {
		lo++
	}
	return lo
}

// Dominant returns up to k operations of the path with the longest durations,
// longest first (ties in path order).
func (g *Graph) Dominant(path []int, k int) []int {
	out := append([]int{}, path...)
	sort.SliceStable(out, func(i, j int) bool { return g.Nodes[out[i]].Seconds > g.Nodes[out[j]].Seconds })
	if len(out) > k {
		out = out[:k]
	}
	return out
}
