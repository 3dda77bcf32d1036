package gameservers

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/gamecluster"
	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

func TestParseTaint(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Toleration
		wantErr bool
	}{
		{gamecluster.SystemTaint, Toleration{Key: "CriticalAddonsOnly", Operator: "Equal", Value: "true", Effect: "NoSchedule"}, false},
		{gamecluster.GameTaint, Toleration{Key: gamecluster.PoolLabel, Operator: "Equal", Value: "game", Effect: "NoSchedule"}, false},
		{"dedicated:NoExecute", Toleration{Key: "dedicated", Operator: "Exists", Effect: "NoExecute"}, false},
		{"novalue", Toleration{}, true},
		{"k=v:", Toleration{}, true},
	} {
		got, err := ParseTaint(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseTaint(%q) = %+v, %v; want %+v (error %v)", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func testPlan(t *testing.T) capacity.Plan {
	t.Helper()
	p, err := capacity.Size(capacity.Demand{PeakPlayers: 20000, PlayersPerServer: 16, VCPUPerServer: 2,
		VM: capacity.VM{Name: "Standard_F16s_v2", VCPU: 16, MemoryGiB: 32, Family: "standardFSv2Family"}}, capacity.Options{MaxNodesPerPool: 100})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlacementsComeFromThePools(t *testing.T) {
	pools, err := gamecluster.Pools(testPlan(t), spec.TierDev, false, true)
	if err != nil {
		t.Fatal(err)
	}
	sys, game, err := Placements(pools)
	if err != nil {
		t.Fatal(err)
	}
	want := Placement{NodeSelector: map[string]string{gamecluster.PoolLabel: "system"},
		Tolerations: []Toleration{{Key: "CriticalAddonsOnly", Operator: "Equal", Value: "true", Effect: "NoSchedule"}}}
	if d := cmp.Diff(want, sys); d != "" {
		t.Errorf("system placement (-want +got):\n%s", d)
	}
	want = Placement{NodeSelector: map[string]string{gamecluster.PoolLabel: "game"}, Tolerations: []Toleration{
		{Key: gamecluster.PoolLabel, Operator: "Equal", Value: "game", Effect: "NoSchedule"},
		{Key: "kubernetes.azure.com/scalesetpriority", Operator: "Equal", Value: "spot", Effect: "NoSchedule"},
	}}
	if d := cmp.Diff(want, game); d != "" {
		t.Errorf("game placement on spot pools (-want +got):\n%s", d)
	}
	if _, _, err := Placements(pools[:1]); err == nil {
		t.Error("a cluster without game pools was accepted")
	}
}

func TestFleetSizingFitsThePools(t *testing.T) {
	p := testPlan(t)
	f := p.Fleet()
	if f.Max != p.MaxNodes*p.ServersPerNode || f.Standby != p.MinNodes*p.ServersPerNode || f.Min != f.Standby {
		t.Errorf("Fleet() = %+v for %d..%d nodes × %d servers", f, p.MinNodes, p.MaxNodes, p.ServersPerNode)
	}
	held := 0
	for _, g := range p.GamePools {
		held += g.MaxNodes * capacity.ServersPerNode(capacity.VM{VCPU: g.VCPU, MemoryGiB: 32}, 2)
	}
	if f.Max > held || f.Standby <= 0 {
		t.Errorf("fleet max %d exceeds the %d servers the pools hold, or no standby (%d)", f.Max, held, f.Standby)
	}
	a := Autoscaler("starfall", f)
	if a.Policy.Type != "Buffer" || a.Policy.Buffer.BufferSize != f.Standby || a.Policy.Buffer.MaxReplicas != f.Max || a.Policy.Buffer.MinReplicas < a.Policy.Buffer.BufferSize {
		t.Errorf("autoscaler %+v from %+v", a, f)
	}
}

func TestQuantities(t *testing.T) {
	for _, tc := range []struct {
		cpu, mem       float64
		wantC, wantMem string
	}{{2, 4, "2000m", "4096Mi"}, {0.25, 0.5, "250m", "512Mi"}, {1.5, 3, "1500m", "3072Mi"}} {
		if c, m := CPUQuantity(tc.cpu), MemoryQuantity(tc.mem); c != tc.wantC || m != tc.wantMem {
			t.Errorf("quantities of %v vCPU, %v GiB = %s, %s; want %s, %s", tc.cpu, tc.mem, c, m, tc.wantC, tc.wantMem)
		}
	}
}

func testArgs(t *testing.T) *Args {
	pools, err := gamecluster.Pools(testPlan(t), spec.TierProd, true, false)
	if err != nil {
		t.Fatal(err)
	}
	return &Args{
		Identity:                naming.Identity{Studio: "nebula", Game: "starfall", Env: "prod"},
		Region:                  "japaneast",
		RegionCode:              "jpe",
		ResourceGroupName:       pulumi.String("rg-jpe"),
		ClusterName:             pulumi.String("aks-jpe"),
		ClusterID:               pulumi.String("/subscriptions/x/resourceGroups/rg-jpe/providers/Microsoft.ContainerService/managedClusters/aks-jpe"),
		ControlPlanePrincipalID: pulumi.String("cp-principal"),
		ServicesSubnetID:        pulumi.String("/subscriptions/x/resourceGroups/rg-jpe/providers/Microsoft.Network/virtualNetworks/v/subnets/services"),
		ServicesSubnet:          "services",
		AddressSpace:            "10.20.0.0/16",
		KubernetesVersion:       "1.35",
		Pools:                   pools,
		Capacity:                testPlan(t),
		Ports:                   Ports{Start: 7000, End: 7999},
		FleetName:               "starfall",
		Server:                  Server{Image: Image("acrstarfallprod.azurecr.io", "starfall/gameserver:1.4.2"), Port: 7777, CPU: 2, MemoryGiB: 4},
		ClientIDs: map[string]pulumi.StringInput{
			ServiceAccountGameServer: pulumi.String("client-gs"),
			ServiceAccountGameAPI:    pulumi.String("client-api"),
		},
	}
}

func TestGameServersWiring(t *testing.T) {
	args := testArgs(t)
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewGameServers(ctx, "jpe-gs", args)
		return err
	})
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	prov := r.Get(t, "jpe-gs-k8s")
	if prov.Type != "pulumi:providers:kubernetes" {
		t.Fatalf("provider type %s", prov.Type)
	}
	plantest.Expect(t, prov, map[string]any{
		"clusterIdentifier": "/subscriptions/x/resourceGroups/rg-jpe/providers/Microsoft.ContainerService/managedClusters/aks-jpe",
		"kubeconfig":        plan.SecretMask,
	})
	// The provider waits for the deploying identity's cluster role.
	deployer := r.Get(t, "jpe-gs-deployer-cluster-admin")
	plantest.Expect(t, deployer, map[string]any{
		"scope":            "/subscriptions/x/resourceGroups/rg-jpe/providers/Microsoft.ContainerService/managedClusters/aks-jpe",
		"roleDefinitionId": "/subscriptions/" + plan.FakeSubscription + "/providers/Microsoft.Authorization/roleDefinitions/" + RoleAKSRBACClusterAdmin,
		"principalId":      "22222222-2222-2222-2222-222222222222",
	})
	if !contains(prov.Dependencies, deployer.URN) {
		t.Errorf("provider dependencies %v lack the deployer's role assignment", prov.Dependencies)
	}
	plantest.Expect(t, r.Get(t, "jpe-gs-cp-network-services"), map[string]any{
		"scope":       "/subscriptions/x/resourceGroups/rg-jpe/providers/Microsoft.Network/virtualNetworks/v/subnets/services",
		"principalId": "cp-principal",
	})

	plantest.Expect(t, r.Get(t, "jpe-gs-ns"), map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata.name": Namespace})
	for sa, client := range map[string]string{ServiceAccountGameServer: "client-gs", ServiceAccountGameAPI: "client-api"} {
		res := r.Get(t, "jpe-gs-sa-"+sa)
		plantest.Expect(t, res, map[string]any{"kind": "ServiceAccount", "metadata.name": sa, "metadata.namespace": Namespace})
		if got := res.Inputs["metadata"].(map[string]any)["annotations"].(map[string]any)[WorkloadIdentityClientID]; got != client {
			t.Errorf("%s annotation %s = %v, want %s", sa, WorkloadIdentityClientID, got, client)
		}
	}

	rel := r.Get(t, "jpe-gs-agones")
	plantest.Expect(t, rel, map[string]any{
		"chart": agones.Chart, "version": agones.Version, "repositoryOpts.repo": agones.ChartRepo, "namespace": agones.Namespace,
		"values.gameservers.minPort":                                 7000.0,
		"values.gameservers.maxPort":                                 7999.0,
		"values.gameservers.namespaces.0":                            Namespace,
		"values.agones.extensions.tolerations.0.key":                 "CriticalAddonsOnly",
		"values.agones.allocator.service.grpc.port":                  443.0,
		"values.agones.allocator.service.http.port":                  8443.0,
		"values.agones.allocator.service.loadBalancerSourceRanges.0": "10.20.0.0/16",
		"values.agones.ping.install":                                 false,
	})
	for _, comp := range []string{"controller", "extensions", "allocator"} {
		if sel := plantest.Input(rel, "values.agones."+comp+".nodeSelector").(map[string]any); sel[gamecluster.PoolLabel] != "system" {
			t.Errorf("Agones %s node selector %v: want the system pool", comp, sel)
		}
	}
	if ann := plantest.Input(rel, "values.agones.allocator.service.annotations").(map[string]any); ann[ILBAnnotation] != "true" || ann[ILBSubnetAnnotation] != "services" {
		t.Errorf("allocator service annotations %v: want an internal load balancer in the services subnet", ann)
	}
	if g, h := plantest.Input(rel, "values.agones.allocator.service.grpc.targetPort"), plantest.Input(rel, "values.agones.allocator.service.http.targetPort"); g == h {
		t.Errorf("gRPC and REST share target port %v", g)
	}
	if !contains(rel.Dependencies, prov.URN) || !contains(rel.Dependencies, r.Get(t, "jpe-gs-ns").URN) {
		t.Errorf("release dependencies %v: want the provider and the namespace", rel.Dependencies)
	}

	fleet := r.Get(t, "jpe-gs-fleet")
	c := "spec.template.spec.template.spec.containers.0."
	plantest.Expect(t, fleet, map[string]any{
		"apiVersion": "agones.dev/v1", "kind": "Fleet", "metadata.name": "starfall", "metadata.namespace": Namespace,
		c + "image":                                            "acrstarfallprod.azurecr.io/starfall/gameserver:1.4.2",
		c + "resources.requests.cpu":                           "2000m",
		c + "resources.limits.memory":                          "4096Mi",
		c + "securityContext.privileged":                       false,
		c + "securityContext.allowPrivilegeEscalation":         false,
		"spec.template.spec.ports.0.containerPort":             7777.0,
		"spec.template.spec.ports.0.portPolicy":                "Dynamic",
		"spec.template.spec.template.spec.serviceAccountName":  ServiceAccountGameServer,
		"spec.template.spec.template.spec.tolerations.0.value": "game",
	})
	if sel := plantest.Input(fleet, "spec.template.spec.template.spec.nodeSelector").(map[string]any); sel[gamecluster.PoolLabel] != "game" {
		t.Errorf("fleet node selector %v: want the game pools", sel)
	}
	if l := plantest.Input(fleet, "metadata.labels").(map[string]any); l[agones.RegionLabel] != "japaneast" {
		t.Errorf("fleet labels %v: want its region", l)
	}
	if _, ok := plantest.Input(fleet, "spec").(map[string]any)["replicas"]; ok {
		t.Error("the fleet sets replicas, which its autoscaler owns: every refresh would show drift")
	}
	if !contains(fleet.Dependencies, rel.URN) {
		t.Errorf("fleet dependencies %v lack the release", fleet.Dependencies)
	}
	f := args.Capacity.Fleet()
	plantest.Expect(t, r.Get(t, "jpe-gs-autoscaler"), map[string]any{
		"kind": "FleetAutoscaler", "spec.fleetName": "starfall", "spec.policy.type": "Buffer",
		"spec.policy.buffer.bufferSize":  float64(f.Standby),
		"spec.policy.buffer.minReplicas": float64(f.Min),
		"spec.policy.buffer.maxReplicas": float64(f.Max),
	})
	for _, res := range r.Resources {
		if strings.HasPrefix(res.Type, "kubernetes:") && !contains(res.Dependencies, prov.URN) {
			t.Errorf("%s does not use the region's provider", res.Name)
		}
	}
}

func TestGameServersValidation(t *testing.T) {
	if _, err := NewGameServers(nil, "x", nil); err == nil {
		t.Fatal("nil args accepted")
	}
	args := testArgs(t)
	args.KubernetesVersion = "1.30"
	args.Ports = Ports{Start: 8000, End: 7000}
	delete(args.ClientIDs, ServiceAccountGameAPI)
	r := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewGameServers(ctx, "x", args)
		return err
	})
	if r.Err == nil {
		t.Fatal("invalid args accepted")
	}
	for _, want := range []string{"kubernetesVersion: Agones " + agones.Version, "ports: 8000-7000", "clientIDs[gameapi]"} {
		if !strings.Contains(r.Err.Error(), want) {
			t.Errorf("error %q does not mention %q", r.Err, want)
		}
	}
	if len(r.Resources) != 0 {
		t.Errorf("%d resources registered before validation failed", len(r.Resources))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestReleaseValuesComeFromTheirSources: the release's host port range is the game
// range given (the NSG's), its components sit where the system placement says, the
// allocator is internal, limited to the sources given, and nothing in it varies.
func TestReleaseValuesComeFromTheirSources(t *testing.T) {
	sys := Placement{NodeSelector: map[string]string{"role": "system"}, Tolerations: []Toleration{{Key: "k", Operator: "Exists", Effect: "NoSchedule"}}}
	args := ReleaseArgs{Ports: Ports{Start: 7100, End: 7300}, System: sys, ServicesSubnet: "svc", AllocatorSources: []string{"10.1.0.0/16"}}
	got := Release(args)
	want := GameServersSettings{Namespaces: []string{Namespace}, MinPort: 7100, MaxPort: 7300}
	if d := cmp.Diff(want, got.Values.GameServers); d != "" {
		t.Errorf("gameservers values (-want +got):\n%s", d)
	}
	for name, c := range map[string]SystemComponent{"controller": got.Values.Agones.Controller, "extensions": got.Values.Agones.Extensions} {
		if d := cmp.Diff(SystemComponent{NodeSelector: sys.NodeSelector, Tolerations: sys.Tolerations}, c); d != "" {
			t.Errorf("%s placement (-want +got):\n%s", name, d)
		}
	}
	a := got.Values.Agones.Allocator
	if a.Service.Annotations[ILBAnnotation] != "true" || a.Service.Annotations[ILBSubnetAnnotation] != "svc" ||
		!cmp.Equal(a.Service.LoadBalancerSourceRanges, []string{"10.1.0.0/16"}) || a.DisableMTLS || a.DisableTLS {
		t.Errorf("allocator %+v: want mTLS on an internal load balancer in svc, reachable from 10.1.0.0/16 only", a)
	}
	if got.Version != agones.Version || !agones.Pinned(got.Version) || got.Values.Agones.Ping.Install {
		t.Errorf("release %s %s (ping %v): want the pinned Agones without the ping service", got.Chart, got.Version, got.Values.Agones.Ping.Install)
	}
	if d := cmp.Diff(got, Release(args)); d != "" {
		t.Errorf("two renders differ:\n%s", d)
	}
	if _, err := AllocatorSources("10.1.0.1/16"); err == nil {
		t.Error("a misaligned block was accepted as the allocator's sources")
	}
}
