package rules

import "github.com/gameplatform/platform/internal/model/spec"

// The game workloads' fixtures: the real ones components/gameservers registers in
// the prod plan (testdata/resources.json; realTypes requires them); the hand-built
// shapes below only stand in if the file lacks them.

func fleet() Resource { return real(TypeFleet, handFleet) }

func handFleet() Resource {
	return res(TypeFleet, "japaneast-gameservers-fleet", "japaneast", obj(`{
		"apiVersion": "agones.dev/v1", "kind": "Fleet",
		"metadata": {"name": "gameserver", "namespace": "game", "labels": {"gameplatform.io/region": "japaneast"}},
		"spec": {"replicas": 2502, "scheduling": "Packed",
			"template": {"metadata": {"labels": {"app": "gameserver"}}, "spec": {
				"ports": [{"name": "game", "portPolicy": "Dynamic", "containerPort": 7777, "protocol": "UDP"}],
				"template": {"spec": {"serviceAccountName": "gameserver", "nodeSelector": {"gameplatform.io/pool": "game"},
					"containers": [{"name": "gameserver", "image": "acrstarfallprod.azurecr.io/starfall/gameserver:1.0.0",
						"resources": {"requests": {"cpu": "2000m", "memory": "4096Mi"}, "limits": {"cpu": "2000m", "memory": "4096Mi"}},
						"securityContext": {"privileged": false, "allowPrivilegeEscalation": false, "runAsNonRoot": true}}]}}}}}}`))
}

func fleetAutoscaler() Resource { return real(TypeFleetAutoscaler, handFleetAutoscaler) }

func handFleetAutoscaler() Resource {
	return res(TypeFleetAutoscaler, "japaneast-gameservers-fleet-autoscaler", "japaneast", obj(`{
		"apiVersion": "autoscaling.agones.dev/v1", "kind": "FleetAutoscaler",
		"metadata": {"name": "gameserver", "namespace": "game", "labels": {"gameplatform.io/region": "japaneast"}},
		"spec": {"fleetName": "gameserver", "policy": {"type": "Buffer", "buffer": {"bufferSize": 2502, "minReplicas": 2502, "maxReplicas": 11724}}}}`))
}

func agonesRelease() Resource { return real(TypeHelmRelease, handAgonesRelease) }

func handAgonesRelease() Resource {
	return res(TypeHelmRelease, "japaneast-gameservers-agones", "japaneast", obj(`{
		"name": "agones", "chart": "agones", "version": "1.57.0", "namespace": "agones-system",
		"repositoryOpts": {"repo": "https://agones.dev/chart/stable"},
		"values": {"gameservers": {"namespaces": ["game"], "minPort": 7000, "maxPort": 7999}}}`))
}

// fleetRegion is the region of the fleet fixture (and of its autoscaler: the real
// ones are the same region's, the first by URN).
func fleetRegion() string { return fleet().Region }

// container returns the fleet's first container (a copy inside r's inputs).
func container(r Resource) map[string]any {
	v, _ := r.get(fleetContainers)
	list, _ := asList(v)
	return list[0].(map[string]any)
}

func fleetWith(mutate func(c map[string]any)) Resource {
	r := fleet()
	mutate(container(r))
	return r
}

func fleetPort(port map[string]any) Resource {
	r := fleet()
	spec := r.Inputs["spec"].(map[string]any)["template"].(map[string]any)["spec"].(map[string]any)
	spec["ports"] = []any{port}
	return r
}

func init() {
	ruleCases = append(ruleCases,
		ruleCase{policy: "gameserver-pod-security", name: "unprivileged with requests and limits", res: []Resource{fleet()}},
		ruleCase{policy: "gameserver-pod-security", name: "privileged", res: []Resource{fleetWith(func(c map[string]any) {
			c["securityContext"].(map[string]any)["privileged"] = true
		})}, want: []string{"runs privileged"}},
		ruleCase{policy: "gameserver-pod-security", name: "privilege escalation", res: []Resource{fleetWith(func(c map[string]any) {
			c["securityContext"].(map[string]any)["allowPrivilegeEscalation"] = true
		})}, want: []string{"allows privilege escalation"}},
		ruleCase{policy: "gameserver-pod-security", name: "no limits", res: []Resource{fleetWith(func(c map[string]any) {
			delete(c["resources"].(map[string]any), "limits")
		})}, want: []string{"sets no resources.limits.cpu", "sets no resources.limits.memory"}},
		ruleCase{policy: "gameserver-pod-security", name: "no containers", res: []Resource{with(fleet(), "spec.template.spec.template.spec.containers", []any{})},
			want: []string{"declares no containers"}},

		ruleCase{policy: "fleet-ports-in-game-range", name: "dynamic port and the release's range", res: []Resource{fleet(), agonesRelease()}},
		ruleCase{policy: "fleet-ports-in-game-range", name: "static port inside the range", res: []Resource{fleetPort(map[string]any{
			"name": "game", "portPolicy": "Static", "hostPort": 7500.0, "containerPort": 7777.0})}},
		ruleCase{policy: "fleet-ports-in-game-range", name: "static port outside the range", res: []Resource{fleetPort(map[string]any{
			"name": "game", "portPolicy": "Static", "hostPort": 9000.0, "containerPort": 7777.0})},
			want: []string{"static host port 9000 outside the game range 7000-7999"}},
		ruleCase{policy: "fleet-ports-in-game-range", name: "release range wider than the NSG's", res: []Resource{with(agonesRelease(), "values.gameservers.maxPort", 8000.0)},
			want: []string{"values.gameservers.maxPort is 8000, outside the game range 7000-7999"}},
		ruleCase{policy: "fleet-ports-in-game-range", name: "release range left to the chart", res: []Resource{with(agonesRelease(), "values.gameservers", map[string]any{})},
			want: []string{"values.gameservers.maxPort is not set, so the chart's 8000 applies"}},
		ruleCase{policy: "fleet-ports-in-game-range", name: "another chart", res: []Resource{with(with(agonesRelease(), "chart", "cert-manager"), "values.gameservers.maxPort", 9000.0)}},

		ruleCase{policy: "agones-chart-pinned", name: "exact version", res: []Resource{agonesRelease()}},
		ruleCase{policy: "agones-chart-pinned", name: "no version", res: []Resource{with(agonesRelease(), "version", nil)},
			want: []string{"version is not set, so Helm installs the latest chart"}},
		ruleCase{policy: "agones-chart-pinned", name: "a range", res: []Resource{with(agonesRelease(), "version", "^1.57.0")},
			want: []string{`version "^1.57.0" is not an exact release`}},

		ruleCase{policy: "fleet-standby", name: "buffer above zero", res: []Resource{fleetAutoscaler()}},
		ruleCase{policy: "fleet-standby", name: "percentage buffer", res: []Resource{with(fleetAutoscaler(), "spec.policy.buffer.bufferSize", "10%")}},
		ruleCase{policy: "fleet-standby", name: "no standby in prod", res: []Resource{with(fleetAutoscaler(), "spec.policy.buffer.bufferSize", 0.0)},
			want: []string{"bufferSize is 0; prod keeps a standby above zero"}},
		ruleCase{policy: "fleet-standby", name: "no standby in dev is allowed", tier: spec.TierDev, res: []Resource{with(fleetAutoscaler(), "spec.policy.buffer.bufferSize", 0.0)}},
		ruleCase{policy: "fleet-standby", name: "not a buffer policy", res: []Resource{with(fleetAutoscaler(), "spec.policy.type", "Webhook")},
			want: []string{`spec.policy.type is "Webhook"; expected "Buffer"`}},

		ruleCase{policy: "fleet-autoscaler-within-pools", name: "max within the game pools", res: append(poolsIn(fleetRegion()), clusterIn(fleetRegion()), fleet(), fleetAutoscaler())},
		ruleCase{policy: "fleet-autoscaler-within-pools", name: "max above the game pools", res: append(poolsIn(fleetRegion()), clusterIn(fleetRegion()), fleet(),
			with(fleetAutoscaler(), "spec.policy.buffer.maxReplicas", 1e6)), want: []string{"maxReplicas 1e+06 exceeds the"}},
		ruleCase{policy: "fleet-autoscaler-within-pools", name: "no fleet to size against", res: append(poolsIn(fleetRegion()), clusterIn(fleetRegion()),
			with(fleetAutoscaler(), "spec.fleetName", "other")), want: []string{`no fleet "other" in region "` + fleetRegion() + `"`}},
	)
}
