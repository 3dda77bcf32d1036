package review

import (
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
)

// The game workloads' types (base tokens) and the inputs a reviewer must always see
// of them: which Agones the cluster runs, which server image the fleet runs, how
// many servers it keeps standing by and may scale to, and which nodes a game pool
// has and how far it scales.
var workloadKeys = map[string][]string{
	"azure-native:containerservice:AgentPool":              {"vmSize", "minCount", "maxCount", "availabilityZones", "scaleSetPriority"},
	"kubernetes:helm.sh/v3:Release":                        {"chart", "version"},
	"kubernetes:agones.dev/v1:Fleet":                       {"spec.template.spec.template.spec.containers[0].image"},
	"kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler": {"spec.policy.buffer.bufferSize", "spec.policy.buffer.minReplicas", "spec.policy.buffer.maxReplicas"},
}

// workloadFacts lists a created workload's key inputs, always shown.
func workloadFacts(typ string, in map[string]any) []PropertyChange {
	var out []PropertyChange
	for _, path := range workloadKeys[catalog.BaseType(typ)] {
		if v := lookupIndexed(in, path); v != nil {
			out = append(out, PropertyChange{Path: path, Kind: "add", New: factString(v), Key: true})
		}
	}
	return out
}

// markWorkload marks a workload's changed key inputs as always shown and puts them
// first.
func markWorkload(typ string, props []PropertyChange) {
	keys := workloadKeys[catalog.BaseType(typ)]
	if len(keys) == 0 {
		return
	}
	for i := range props {
		for _, k := range keys {
			if props[i].Path == k || strings.HasPrefix(props[i].Path, k+".") {
				props[i].Key = true
			}
		}
	}
	sort.SliceStable(props, func(i, j int) bool { return props[i].Key && !props[j].Key })
}

// lookupIndexed is lookup with list indexes ("containers[0].image").
func lookupIndexed(in map[string]any, path string) any {
	var cur any = in
	for _, part := range strings.Split(path, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			n := 0
			for _, ch := range part[i+1 : len(part)-1] {
				if ch < '0' || ch > '9' {
					return nil
				}
				n = n*10 + int(ch-'0')
			}
			idx = n
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[name]
		if idx >= 0 {
			a, ok := cur.([]any)
			if !ok || idx >= len(a) {
				return nil
			}
			cur = a[idx]
		}
	}
	return cur
}
