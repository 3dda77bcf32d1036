package rules

import "fmt"

// pool is one AKS node pool: an inline agentPoolProfiles entry of a managed cluster
// or a separate AgentPool resource.
type pool struct {
	name   string
	inputs map[string]any // the pool's own inputs (opaque when unknown)
	opaque bool           // the pool (or the profiles list) is unknown at preview
	path   string         // where the pool sits, for messages
}

// pools returns the node pools a resource defines.
func pools(r *Resource) []pool {
	switch r.Type {
	case TypeAgentPool:
		name := r.Name
		if v, st := r.get("agentPoolName"); st == present {
			if s, ok := asString(v); ok {
				name = s
			}
		}
		return []pool{{name: name, inputs: r.Inputs, path: "agent pool " + fmt.Sprintf("%q", name)}}
	case TypeManagedCluster:
		v, st := r.get("agentPoolProfiles")
		if st == unknown {
			return []pool{{name: "agentPoolProfiles", opaque: true, path: "agentPoolProfiles"}}
		}
		list, _ := asList(v)
		out := make([]pool, 0, len(list))
		for i, e := range list {
			path := fmt.Sprintf("agentPoolProfiles[%d]", i)
			m, ok := asMap(e)
			if !ok {
				out = append(out, pool{name: path, opaque: isOpaque(e), path: path})
				continue
			}
			name := path
			if s, ok := m["name"].(string); ok && !isOpaque(s) {
				name = s
				path = fmt.Sprintf("agentPoolProfiles[%d] (%q)", i, s)
			}
			out = append(out, pool{name: name, inputs: m, path: path})
		}
		return out
	}
	return nil
}

// get looks a path up in the pool's inputs.
func (p pool) get(path string) (any, state) {
	if p.opaque {
		return nil, unknown
	}
	return lookup(p.inputs, path)
}

// isSystem reports whether the pool runs system pods (mode System).
func (p pool) isSystem() (bool, state) {
	v, st := p.get("mode")
	if st != present {
		return false, st
	}
	s, _ := asString(v)
	return s == "System", present
}

// nodeCounts returns the pool's minimum and maximum node counts: minCount/maxCount
// when autoscaling, count otherwise. st is unknown when any of them is unknown.
func (p pool) nodeCounts() (lo, hi float64, st state) {
	auto := false
	if v, s := p.get("enableAutoScaling"); s == unknown {
		return 0, 0, unknown
	} else if s == present {
		auto, _ = asBool(v)
	}
	num := func(key string) (float64, state) {
		v, s := p.get(key)
		if s != present {
			return 0, s
		}
		n, ok := asNumber(v)
		if !ok {
			return 0, missing
		}
		return n, present
	}
	if auto {
		mn, s1 := num("minCount")
		mx, s2 := num("maxCount")
		if s1 == unknown || s2 == unknown {
			return 0, 0, unknown
		}
		if s1 != present || s2 != present {
			return 0, 0, missing
		}
		return mn, mx, present
	}
	c, s := num("count")
	if s != present {
		return 0, 0, s
	}
	return c, c, present
}
