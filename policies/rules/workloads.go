package rules

import (
	"fmt"
	"github.com/gameplatform/platform/internal/model/tier"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Kubernetes types of the game workloads (their version is part of the type).
const (
	TypeHelmRelease     = "kubernetes:helm.sh/v3:Release"
	TypeFleet           = "kubernetes:agones.dev/v1:Fleet"
	TypeFleetAutoscaler = "kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler"
)

// Where the fleet's pod template keeps its containers and ports.
const (
	fleetContainers = "spec.template.spec.template.spec.containers"
	fleetPorts      = "spec.template.spec.ports"
)

func init() {
	register(
		&Policy{
			Name:        "gameserver-pod-security",
			Description: "Game-server pods (Agones fleets) run unprivileged and request and limit CPU and memory.",
			Category:    Security,
			Types:       []string{TypeFleet},
			Resource:    checkGameServerPods,
		},
		&Policy{
			Name:        "fleet-ports-in-game-range",
			Description: "Game-server host ports lie in the game UDP range the game subnet's NSG opens (gamePorts): the Agones release's port range and every static fleet port.",
			Category:    Security,
			Types:       []string{TypeFleet, TypeHelmRelease},
			Resource:    checkFleetPorts,
		},
		&Policy{
			Name:        "agones-chart-pinned",
			Description: "The Agones Helm release pins an exact chart version (x.y.z), so Agones never upgrades under running matches unreviewed.",
			Category:    Governance,
			Types:       []string{TypeHelmRelease},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if !isAgones(r, rep, "its version pin") {
					return
				}
				v, st := r.get("version")
				switch st {
				case unknown:
					rep.Undecided("%s: version is unknown at preview, so the chart cannot be confirmed pinned", r.label())
				case missing:
					rep.Report("%s: version is not set, so Helm installs the latest chart; pin an exact version (the platform's is %s)", r.label(), agones.Version)
				default:
					if s, _ := asString(v); !agones.Pinned(s) {
						rep.Report("%s: version %s is not an exact release; pin x.y.z (the platform's is %s)", r.label(), fmtValue(v), agones.Version)
					}
				}
			},
		},
		&Policy{
			Name:        "fleet-standby",
			Description: "In the tiers that require it (prod; tier profile: FleetStandbyRequired) every fleet autoscaler keeps standby servers: a Buffer policy with a buffer above zero, so a match never waits for a server to start.",
			Category:    Reliability,
			Types:       []string{TypeFleetAutoscaler},
			Resource:    checkFleetStandby,
		},
		&Policy{
			Name:        "fleet-autoscaler-within-pools",
			Description: "In the tiers that require it (prod; tier profile: FleetMaxWithinPools) a fleet autoscaler's maximum replicas fit the region's game pools at their autoscaler maximum (servers per node from the fleet's CPU request).",
			Category:    Reliability,
			Stack:       checkAutoscalerWithinPools,
		},
	)
}

// isAgones reports whether a Helm release installs Agones; when its chart is
// unknown at preview it reports that (undecided) and false.
func isAgones(r *Resource, rep *Reporter, what string) bool {
	v, st := r.get("chart")
	if st == unknown {
		rep.Undecided("%s: chart is unknown at preview, so %s cannot be checked", r.label(), what)
		return false
	}
	s, _ := asString(v)
	return s == agones.Chart || strings.HasSuffix(s, "/"+agones.Chart)
}

func checkGameServerPods(e *Env, r *Resource, rep *Reporter) {
	v, st := r.get(fleetContainers)
	if st == unknown {
		rep.Undecided("%s: the containers are unknown at preview, so privilege and resources cannot be checked", r.label())
		return
	}
	list, _ := asList(v)
	if len(list) == 0 {
		rep.Report("%s: the game-server pod template declares no containers", r.label())
		return
	}
	for i, c := range list {
		path := fmt.Sprintf("%s[%d]", fleetContainers, i)
		m, ok := asMap(c)
		if !ok {
			if isOpaque(c) {
				rep.Undecided("%s: %s is unknown at preview, so its privilege and resources cannot be checked", r.label(), path)
			}
			continue
		}
		switch pv, pst := lookup(m, "securityContext.privileged"); pst {
		case unknown:
			rep.Undecided("%s: %s.securityContext.privileged is unknown at preview; a game server must not run privileged", r.label(), path)
		case present:
			if b, _ := asBool(pv); b {
				rep.Report("%s: %s runs privileged; a game server faces the Internet and must not own its node", r.label(), path)
			}
		}
		if esc, est := lookup(m, "securityContext.allowPrivilegeEscalation"); est == present {
			if b, _ := asBool(esc); b {
				rep.Report("%s: %s allows privilege escalation; set securityContext.allowPrivilegeEscalation false", r.label(), path)
			}
		} else if est == unknown {
			rep.Undecided("%s: %s.securityContext.allowPrivilegeEscalation is unknown at preview", r.label(), path)
		}
		for _, kind := range []string{"requests", "limits"} {
			for _, res := range []string{"cpu", "memory"} {
				key := "resources." + kind + "." + res
				switch _, rst := lookup(m, key); rst {
				case unknown:
					rep.Undecided("%s: %s.%s is unknown at preview; every game server needs CPU and memory requests and limits", r.label(), path, key)
				case missing:
					rep.Report("%s: %s sets no %s; every game server needs CPU and memory requests and limits (the node's capacity is sized per server)", r.label(), path, key)
				}
			}
		}
	}
}

func checkFleetPorts(e *Env, r *Resource, rep *Reporter) {
	g := e.gamePorts()
	inRange := func(p float64) bool { return p >= float64(g.Start) && p <= float64(g.End) }
	if r.Type == TypeHelmRelease {
		if !isAgones(r, rep, "its game-server port range") {
			return
		}
		// The chart's defaults when unset: https://github.com/agones-dev/agones/blob/main/install/helm/agones/values.yaml
		defaults := map[string]float64{"minPort": 7000, "maxPort": 8000}
		for _, k := range []string{"minPort", "maxPort"} {
			path := "values.gameservers." + k
			v, st := r.get(path)
			n, ok := asNumber(v)
			switch {
			case st == unknown:
				rep.Undecided("%s: %s is unknown at preview; Agones' host ports must lie in the game range %d-%d", r.label(), path, g.Start, g.End)
			case st == missing:
				if !inRange(defaults[k]) {
					rep.Report("%s: %s is not set, so the chart's %v applies, outside the game range %d-%d the NSG opens", r.label(), path, defaults[k], g.Start, g.End)
				}
			case !ok || !inRange(n):
				rep.Report("%s: %s is %s, outside the game range %d-%d the NSG opens", r.label(), path, fmtValue(v), g.Start, g.End)
			}
		}
		return
	}
	v, st := r.get(fleetPorts)
	if st == unknown {
		rep.Undecided("%s: the ports are unknown at preview; host ports must lie in the game range %d-%d", r.label(), g.Start, g.End)
		return
	}
	list, _ := asList(v)
	for i, p := range list {
		path := fmt.Sprintf("%s[%d]", fleetPorts, i)
		m, ok := asMap(p)
		if !ok {
			if isOpaque(p) {
				rep.Undecided("%s: %s is unknown at preview; host ports must lie in the game range %d-%d", r.label(), path, g.Start, g.End)
			}
			continue
		}
		policy := "Dynamic" // Agones' default
		if pv, pst := lookup(m, "portPolicy"); pst == unknown {
			rep.Undecided("%s: %s.portPolicy is unknown at preview; host ports must lie in the game range %d-%d", r.label(), path, g.Start, g.End)
			continue
		} else if pst == present {
			policy, _ = asString(pv)
		}
		if policy != "Static" {
			continue // Dynamic and Passthrough take host ports from the release's range; None has none
		}
		hv, hst := lookup(m, "hostPort")
		hp, ok := asNumber(hv)
		switch {
		case hst == unknown:
			rep.Undecided("%s: %s.hostPort is unknown at preview; it must lie in the game range %d-%d", r.label(), path, g.Start, g.End)
		case hst == missing || !ok || !inRange(hp):
			rep.Report("%s: %s is a static host port %s outside the game range %d-%d the NSG opens", r.label(), path, fmtValue(hv), g.Start, g.End)
		}
	}
}

func checkFleetStandby(e *Env, r *Resource, rep *Reporter) {
	if !e.Profile(r).FleetStandbyRequired {
		return
	}
	requireOneOf(rep, r, "spec.policy.type", []string{"Buffer"}, false, "standby servers are kept ready for new matches")
	v, st := r.get("spec.policy.buffer.bufferSize")
	switch st {
	case unknown:
		rep.Undecided("%s: spec.policy.buffer.bufferSize is unknown at preview; prod keeps a standby above zero", r.label())
	case missing:
		rep.Report("%s: spec.policy.buffer.bufferSize is not set; prod keeps a standby above zero", r.label())
	default:
		if n, ok := bufferSize(v); !ok || n <= 0 {
			rep.Report("%s: spec.policy.buffer.bufferSize is %s; prod keeps a standby above zero", r.label(), fmtValue(v))
		}
	}
}

// bufferSize reads an Agones buffer size: a count, or a percentage ("10%").
func bufferSize(v any) (float64, bool) {
	if n, ok := asNumber(v); ok {
		return n, true
	}
	s, ok := asString(v)
	if !ok || !strings.HasSuffix(s, "%") {
		return 0, false
	}
	n, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return n, err == nil
}

// k8sRegion is a Kubernetes object's region: its region subtree (offline), else the
// platform's region label (under the Pulumi CLI a resource's region is its location,
// which Kubernetes objects do not have).
func k8sRegion(r *Resource) (string, state) {
	if r.Region != "" {
		return r.Region, present
	}
	v, st := r.get("metadata.labels")
	if st == unknown {
		return "", unknown
	}
	m, _ := asMap(v)
	s, _ := asString(m[agones.RegionLabel])
	if isOpaque(m[agones.RegionLabel]) {
		return "", unknown
	}
	return s, present
}

// cpuQuantity reads a Kubernetes CPU quantity ("2", "1.5", "500m") in vCPU.
func cpuQuantity(v any) (float64, bool) {
	if n, ok := asNumber(v); ok {
		return n, true
	}
	s, ok := asString(v)
	if !ok {
		return 0, false
	}
	div := 1.0
	if strings.HasSuffix(s, "m") {
		s, div = strings.TrimSuffix(s, "m"), 1000
	}
	n, err := strconv.ParseFloat(s, 64)
	return n / div, err == nil
}

func checkAutoscalerWithinPools(e *Env, rs []Resource, rep *Reporter) {
	if !tier.Of(e.EnforcementTier()).FleetMaxWithinPools {
		return
	}
	clusters := map[string][]*Resource{} // region → clusters and agent pools
	fleets := map[string]*Resource{}     // region/name → fleet
	opaqueFleet := false                 // a fleet whose region or name is unknown at preview
	for i := range rs {
		r := &rs[i]
		switch r.Type {
		case TypeManagedCluster, TypeAgentPool:
			clusters[regionOf(r)] = append(clusters[regionOf(r)], r)
		case TypeFleet:
			reg, rst := k8sRegion(r)
			name, nst := r.get("metadata.name")
			if rst == unknown || nst == unknown {
				opaqueFleet = true
				continue
			}
			n, _ := asString(name)
			fleets[reg+"/"+n] = r
		}
	}
	for i := range rs {
		fas := &rs[i]
		if fas.Type != TypeFleetAutoscaler || !e.Profile(fas).FleetMaxWithinPools {
			continue
		}
		reg, rst := k8sRegion(fas)
		mx, mst := fas.get("spec.policy.buffer.maxReplicas")
		fn, fst := fas.get("spec.fleetName")
		if rst == unknown || mst == unknown || fst == unknown {
			rep.UndecidedOn(fas.URN, "%s: its region, fleet or maxReplicas is unknown at preview, so it cannot be compared with the game pools", fas.label())
			continue
		}
		maxReplicas, ok := asNumber(mx)
		if !ok {
			rep.ReportOn(fas.URN, "%s: spec.policy.buffer.maxReplicas is %s; a bounded maximum within the game pools is required in prod", fas.label(), fmtValue(mx))
			continue
		}
		fleetName, _ := asString(fn)
		fleet := fleets[reg+"/"+fleetName]
		if fleet == nil && opaqueFleet {
			rep.UndecidedOn(fas.URN, "%s: a fleet's name or region is unknown at preview, so fleet %q cannot be found to size against", fas.label(), fleetName)
			continue
		}
		if fleet == nil {
			rep.ReportOn(fas.URN, "%s: no fleet %q in region %q to size against", fas.label(), fleetName, reg)
			continue
		}
		cpuV, cst := fleet.get(fleetContainers)
		var cpu float64
		if cst == present {
			list, _ := asList(cpuV)
			for _, c := range list {
				m, _ := asMap(c)
				v, vst := lookup(m, "resources.requests.cpu")
				if vst == unknown || isOpaque(c) {
					cst = unknown
					break
				}
				n, _ := cpuQuantity(v)
				cpu += n
			}
		}
		if cst == unknown {
			rep.UndecidedOn(fas.URN, "%s: the fleet's CPU request is unknown at preview, so servers per node cannot be computed", fas.label())
			continue
		}
		if !(cpu > 0) {
			rep.ReportOn(fas.URN, "%s: fleet %q requests no CPU, so the servers its pools hold cannot be bounded", fas.label(), fleetName)
			continue
		}
		held, undecided := 0, false
		for _, c := range clusters[reg] {
			for _, p := range pools(c) {
				sys, st := p.isSystem()
				if st == unknown {
					undecided = true
					continue
				}
				if sys {
					continue
				}
				size, sst := p.get("vmSize")
				_, hi, nst := p.nodeCounts()
				if sst == unknown || nst == unknown {
					undecided = true
					continue
				}
				name, _ := asString(size)
				vm, ok := spec.VMSizes[name]
				if !ok || nst != present {
					continue
				}
				held += int(hi) * capacity.ServersPerNode(capacity.VM{Name: vm.Name, VCPU: vm.VCPU, MemoryGiB: vm.MemoryGiB}, cpu)
			}
		}
		switch {
		case maxReplicas <= float64(held):
		case undecided:
			rep.UndecidedOn(fas.URN, "%s: a game pool's size is unknown at preview, so maxReplicas %v cannot be compared with what the pools hold", fas.label(), maxReplicas)
		default:
			rep.ReportOn(fas.URN, "%s: maxReplicas %v exceeds the %d servers the game pools of %s hold at their autoscaler maximum (%v vCPU per server)",
				fas.label(), maxReplicas, held, reg, cpu)
		}
	}
}
