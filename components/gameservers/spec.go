package gameservers

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/components/gamecluster"
	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
)

// Documented defaults of the component.
const (
	// Namespace is where the game's workloads run; the workload identities trust the
	// service accounts of this namespace (stacks.GameNamespace is this value).
	Namespace = "game"
	// ReleaseName is the Agones Helm release's name.
	ReleaseName = "agones"
	// ReleaseTimeoutSeconds bounds Helm's wait for Agones' workloads to be ready
	// (the chart's pods are scheduled on a system pool that may still be scaling).
	ReleaseTimeoutSeconds = 600
	// ReleaseMaxHistory keeps Helm's release history (one secret per revision) short.
	ReleaseMaxHistory = 10
	// ContainerName is the game server's container in the fleet's pod template.
	ContainerName = "gameserver"
	// PortName is the game port's name in the fleet's game-server template.
	PortName = "game"
	// AutoscalerSyncSeconds is how often the fleet autoscaler re-evaluates the buffer.
	AutoscalerSyncSeconds = 30
	// AllocatorGRPCPort and AllocatorRESTPort are the allocator's ports on its
	// internal load balancer: gRPC on 443 and REST on 8443, each to its own
	// listener (AllocatorGRPCTargetPort, AllocatorRESTTargetPort) in the pods.
	AllocatorGRPCPort       = 443
	AllocatorRESTPort       = 8443
	AllocatorGRPCTargetPort = 8443
	AllocatorRESTTargetPort = 8444
)

// Workload service accounts: each is named after its workload and annotated with
// its workload identity's client ID (the identities' federations trust
// system:serviceaccount:game:<workload>).
const (
	ServiceAccountGameServer = "gameserver"
	ServiceAccountGameAPI    = "gameapi"
)

// ServiceAccounts lists the workload service accounts in registration order.
var ServiceAccounts = []string{ServiceAccountGameServer, ServiceAccountGameAPI}

// Annotations and labels Kubernetes and AKS read.
const (
	// WorkloadIdentityClientID tells AKS's workload identity webhook which identity
	// a service account's pods sign in as.
	WorkloadIdentityClientID = "azure.workload.identity/client-id"
	// WorkloadIdentityUse opts a pod into the webhook's token projection.
	WorkloadIdentityUse = "azure.workload.identity/use"
	// ILBAnnotation and ILBSubnetAnnotation make a LoadBalancer service an Azure
	// internal load balancer in a named subnet of the cluster's VNet:
	// https://learn.microsoft.com/azure/aks/internal-lb
	ILBAnnotation       = "service.beta.kubernetes.io/azure-load-balancer-internal"
	ILBSubnetAnnotation = "service.beta.kubernetes.io/azure-load-balancer-internal-subnet"
	// SpotTaint is the taint AKS puts on spot nodes:
	// https://learn.microsoft.com/azure/aks/spot-node-pool
	SpotTaint = "kubernetes.azure.com/scalesetpriority=spot:NoSchedule"
)

// Toleration is a Kubernetes pod toleration.
type Toleration struct {
	Key      string `json:"key"`
	Operator string `json:"operator"`
	Value    string `json:"value,omitempty"`
	Effect   string `json:"effect,omitempty"`
}

// ParseTaint reads an AKS node taint "key=value:Effect" (or "key:Effect") and
// returns the toleration that admits a pod on it.
func ParseTaint(taint string) (Toleration, error) {
	kv, effect, ok := strings.Cut(taint, ":")
	if !ok || effect == "" || kv == "" {
		return Toleration{}, fmt.Errorf("taint %q is not key=value:Effect", taint)
	}
	key, value, hasValue := strings.Cut(kv, "=")
	if !hasValue {
		return Toleration{Key: key, Operator: "Exists", Effect: effect}, nil
	}
	return Toleration{Key: key, Operator: "Equal", Value: value, Effect: effect}, nil
}

// Placement is where a workload runs: the node selector and tolerations of one
// pool role, read from the cluster's pools so the labels and taints are written once
// (components/gamecluster.Pools).
type Placement struct {
	NodeSelector map[string]string
	Tolerations  []Toleration
}

// Placements returns where Agones' system components run (the system pool) and
// where game servers run (the game pools): each role's labels as node selector and
// its taints as tolerations, in the order the pools declare them.
func Placements(pools []gamecluster.Pool) (system, game Placement, err error) {
	add := func(p *Placement, pool gamecluster.Pool) error {
		if p.NodeSelector == nil {
			p.NodeSelector = map[string]string{}
		}
		for k, v := range pool.Labels {
			p.NodeSelector[k] = v
		}
		for _, t := range pool.Taints {
			tol, err := ParseTaint(t)
			if err != nil {
				return fmt.Errorf("pool %s: %w", pool.Name, err)
			}
			if !containsToleration(p.Tolerations, tol) {
				p.Tolerations = append(p.Tolerations, tol)
			}
		}
		if pool.Spot {
			tol, _ := ParseTaint(SpotTaint)
			if !containsToleration(p.Tolerations, tol) {
				p.Tolerations = append(p.Tolerations, tol)
			}
		}
		return nil
	}
	for _, pool := range pools {
		target := &game
		if pool.Mode == "System" {
			target = &system
		}
		if err := add(target, pool); err != nil {
			return Placement{}, Placement{}, err
		}
	}
	if system.NodeSelector == nil || game.NodeSelector == nil {
		return Placement{}, Placement{}, fmt.Errorf("the cluster needs a system pool and a game pool, got %d pools", len(pools))
	}
	return system, game, nil
}

func containsToleration(ts []Toleration, t Toleration) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// Ports is the game UDP range: the same value the game subnet's NSG and the game
// pools' node-level NSG open (spec gamePorts), never typed twice.
type Ports struct{ Start, End int }

// ReleaseSpec is the Agones Helm release's inputs (kubernetes:helm.sh/v3:Release),
// under the provider's input names.
type ReleaseSpec struct {
	Name            string            `json:"name"`
	Chart           string            `json:"chart"`
	Version         string            `json:"version"`
	RepositoryOpts  map[string]string `json:"repositoryOpts"`
	Namespace       string            `json:"namespace"`
	CreateNamespace bool              `json:"createNamespace"`
	CleanupOnFail   bool              `json:"cleanupOnFail"`
	Timeout         int               `json:"timeout"`
	MaxHistory      int               `json:"maxHistory"`
	Values          AgonesValues      `json:"values"`
}

// AgonesValues are the chart values the platform sets; everything else is the
// chart's default for the pinned version.
type AgonesValues struct {
	Agones      AgonesSettings      `json:"agones"`
	GameServers GameServersSettings `json:"gameservers"`
}

// AgonesSettings is the chart's "agones" block.
type AgonesSettings struct {
	Ping       Install          `json:"ping"`
	Controller SystemComponent  `json:"controller"`
	Extensions SystemComponent  `json:"extensions"`
	Allocator  AllocatorSetting `json:"allocator"`
}

// Install switches an optional Agones component.
type Install struct {
	Install bool `json:"install"`
}

// SystemComponent places an Agones system component on the system pool.
type SystemComponent struct {
	NodeSelector map[string]string `json:"nodeSelector"`
	Tolerations  []Toleration      `json:"tolerations"`
}

// AllocatorSetting is the allocator's block: placement, service and TLS.
type AllocatorSetting struct {
	Install      bool              `json:"install"`
	NodeSelector map[string]string `json:"nodeSelector"`
	Tolerations  []Toleration      `json:"tolerations"`
	Service      AllocatorService  `json:"service"`
	// TLS: see doc.go ("Certificates").
	GenerateTLS       bool `json:"generateTLS"`
	GenerateClientTLS bool `json:"generateClientTLS"`
	DisableMTLS       bool `json:"disableMTLS"`
	DisableTLS        bool `json:"disableTLS"`
}

// AllocatorService is the allocator's Kubernetes service.
type AllocatorService struct {
	ServiceType              string            `json:"serviceType"`
	Annotations              map[string]string `json:"annotations"`
	LoadBalancerSourceRanges []string          `json:"loadBalancerSourceRanges"`
	HTTP                     ServicePort       `json:"http"`
	GRPC                     ServicePort       `json:"grpc"`
}

// ServicePort is one of the allocator service's ports.
type ServicePort struct {
	Enabled    bool `json:"enabled"`
	Port       int  `json:"port"`
	TargetPort int  `json:"targetPort"`
}

// GameServersSettings is the chart's "gameservers" block: the namespaces Agones
// manages game servers in and the host port range it allocates from.
type GameServersSettings struct {
	Namespaces []string `json:"namespaces"`
	MinPort    int      `json:"minPort"`
	MaxPort    int      `json:"maxPort"`
}

// ReleaseArgs are what the Agones release is derived from.
type ReleaseArgs struct {
	Ports Ports
	// System is where Agones' components run.
	System Placement
	// ServicesSubnet is the name of the subnet the allocator's internal load
	// balancer takes its address from.
	ServicesSubnet string
	// AllocatorSources are the CIDRs allowed to reach the allocator.
	AllocatorSources []string
}

// Release returns the Agones release's inputs.
func Release(a ReleaseArgs) ReleaseSpec {
	sys := SystemComponent{NodeSelector: a.System.NodeSelector, Tolerations: a.System.Tolerations}
	return ReleaseSpec{
		Name:            ReleaseName,
		Chart:           agones.Chart,
		Version:         agones.Version,
		RepositoryOpts:  map[string]string{"repo": agones.ChartRepo},
		Namespace:       agones.Namespace,
		CreateNamespace: true,
		CleanupOnFail:   true,
		Timeout:         ReleaseTimeoutSeconds,
		MaxHistory:      ReleaseMaxHistory,
		Values: AgonesValues{
			Agones: AgonesSettings{
				// The ping service would open public load balancers (HTTP 80, UDP
				// 50000) the NSGs refuse anyway; the platform's QoS beacon is the
				// region's entry point (gamePorts.qosPort).
				Ping:       Install{Install: false},
				Controller: sys,
				Extensions: sys,
				Allocator: AllocatorSetting{
					Install:      true,
					NodeSelector: a.System.NodeSelector,
					Tolerations:  a.System.Tolerations,
					Service: AllocatorService{
						ServiceType: "LoadBalancer",
						Annotations: map[string]string{
							ILBAnnotation:       "true",
							ILBSubnetAnnotation: a.ServicesSubnet,
						},
						LoadBalancerSourceRanges: a.AllocatorSources,
						GRPC:                     ServicePort{Enabled: true, Port: AllocatorGRPCPort, TargetPort: AllocatorGRPCTargetPort},
						HTTP:                     ServicePort{Enabled: true, Port: AllocatorRESTPort, TargetPort: AllocatorRESTTargetPort},
					},
					GenerateTLS:       true,
					GenerateClientTLS: true,
				},
			},
			GameServers: GameServersSettings{
				Namespaces: []string{Namespace},
				MinPort:    a.Ports.Start,
				MaxPort:    a.Ports.End,
			},
		},
	}
}

// AllocatorSources returns the allocator's allowed sources: the region's own
// address block (its VNet: the matchmaker runs in the cluster, whose pods leave
// through the node subnets, or in the services subnet), nothing from outside.
func AllocatorSources(addressSpace string) ([]string, error) {
	p, err := netip.ParsePrefix(addressSpace)
	if err != nil || p.Masked() != p {
		return nil, fmt.Errorf("address space %q is not an aligned CIDR block", addressSpace)
	}
	return []string{p.String()}, nil
}

// ObjectMeta is the Kubernetes metadata the platform sets.
type ObjectMeta struct {
	Name        string            `json:"name"`
	Namespace   string            `json:"namespace,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Annotations map[string]string `json:"annotations,omitempty"`
}

// FleetSpec is an Agones Fleet's spec (agones.dev/v1).
type FleetSpec struct {
	Scheduling string             `json:"scheduling"`
	Template   GameServerTemplate `json:"template"`
}

// GameServerTemplate is the fleet's game-server template.
type GameServerTemplate struct {
	Metadata ObjectMeta     `json:"metadata"`
	Spec     GameServerSpec `json:"spec"`
}

// GameServerSpec is a game server's spec: its ports and its pod template.
type GameServerSpec struct {
	Ports    []GameServerPort `json:"ports"`
	Template PodTemplate      `json:"template"`
}

// GameServerPort is one game-server port; Dynamic takes a host port from the
// release's range (values.gameservers.minPort..maxPort).
type GameServerPort struct {
	Name          string `json:"name"`
	PortPolicy    string `json:"portPolicy"`
	ContainerPort int    `json:"containerPort"`
	Protocol      string `json:"protocol"`
}

// PodTemplate is the game server's pod template.
type PodTemplate struct {
	Metadata ObjectMeta `json:"metadata"`
	Spec     PodSpec    `json:"spec"`
}

// PodSpec is the game server's pod spec.
type PodSpec struct {
	ServiceAccountName string            `json:"serviceAccountName"`
	NodeSelector       map[string]string `json:"nodeSelector"`
	Tolerations        []Toleration      `json:"tolerations"`
	Containers         []Container       `json:"containers"`
}

// Container is the game server's container.
type Container struct {
	Name            string          `json:"name"`
	Image           string          `json:"image"`
	Resources       Resources       `json:"resources"`
	SecurityContext SecurityContext `json:"securityContext"`
}

// Resources are a container's requests and limits (equal: a game server gets a
// guaranteed slot, the one the capacity model sized).
type Resources struct {
	Requests map[string]string `json:"requests"`
	Limits   map[string]string `json:"limits"`
}

// SecurityContext is the container's: unprivileged, no escalation, not root.
type SecurityContext struct {
	Privileged               bool `json:"privileged"`
	AllowPrivilegeEscalation bool `json:"allowPrivilegeEscalation"`
	RunAsNonRoot             bool `json:"runAsNonRoot"`
}

// Server is the game server as the spec describes it (spec.GameServer).
type Server struct {
	// Image is the full image reference, registry login server included.
	Image     string
	Port      int
	CPU       float64
	MemoryGiB float64
}

// Image returns the full reference of a repository path in the registry whose
// login server is given (naming.Identity.ContainerRegistryLoginServer).
func Image(loginServer, path string) string {
	return loginServer + "/" + path
}

// CPUQuantity writes vCPU as a Kubernetes quantity in millicores ("2" → "2000m").
func CPUQuantity(vcpu float64) string {
	return strconv.FormatInt(int64(vcpu*1000+0.5), 10) + "m"
}

// MemoryQuantity writes GiB as a Kubernetes quantity in MiB ("4" → "4096Mi").
func MemoryQuantity(gib float64) string {
	return strconv.FormatInt(int64(gib*1024+0.5), 10) + "Mi"
}

// Fleet returns the fleet's spec: one game-server container with equal requests
// and limits, unprivileged, on the game pools, its UDP port mapped to a host port
// from the release's range.
func Fleet(s Server, game Placement) FleetSpec {
	res := map[string]string{"cpu": CPUQuantity(s.CPU), "memory": MemoryQuantity(s.MemoryGiB)}
	return FleetSpec{
		// Packed fills nodes before using new ones, so the cluster autoscaler can
		// remove the empty ones.
		Scheduling: "Packed",
		Template: GameServerTemplate{
			Spec: GameServerSpec{
				Ports: []GameServerPort{{Name: PortName, PortPolicy: "Dynamic", ContainerPort: s.Port, Protocol: "UDP"}},
				Template: PodTemplate{
					Metadata: ObjectMeta{Labels: map[string]string{WorkloadIdentityUse: "true"}},
					Spec: PodSpec{
						ServiceAccountName: ServiceAccountGameServer,
						NodeSelector:       game.NodeSelector,
						Tolerations:        game.Tolerations,
						Containers: []Container{{
							Name:            ContainerName,
							Image:           s.Image,
							Resources:       Resources{Requests: res, Limits: res},
							SecurityContext: SecurityContext{RunAsNonRoot: true},
						}},
					},
				},
			},
		},
	}
}

// AutoscalerSpec is an Agones FleetAutoscaler's spec (autoscaling.agones.dev/v1).
type AutoscalerSpec struct {
	FleetName string           `json:"fleetName"`
	Policy    AutoscalerPolicy `json:"policy"`
	Sync      AutoscalerSync   `json:"sync"`
}

// AutoscalerPolicy is a Buffer policy.
type AutoscalerPolicy struct {
	Type   string       `json:"type"`
	Buffer BufferPolicy `json:"buffer"`
}

// BufferPolicy keeps BufferSize ready servers between MinReplicas and MaxReplicas.
type BufferPolicy struct {
	BufferSize  int `json:"bufferSize"`
	MinReplicas int `json:"minReplicas"`
	MaxReplicas int `json:"maxReplicas"`
}

// AutoscalerSync is how often the autoscaler runs.
type AutoscalerSync struct {
	Type          string         `json:"type"`
	FixedInterval map[string]int `json:"fixedInterval"`
}

// Autoscaler returns the fleet autoscaler's spec from the capacity model's fleet
// sizing: the standby as buffer and minimum, the game pools' capacity at their
// autoscaler maximum as the maximum.
func Autoscaler(fleetName string, f capacity.FleetSize) AutoscalerSpec {
	return AutoscalerSpec{
		FleetName: fleetName,
		Policy:    AutoscalerPolicy{Type: "Buffer", Buffer: BufferPolicy{BufferSize: f.Standby, MinReplicas: f.Min, MaxReplicas: f.Max}},
		Sync:      AutoscalerSync{Type: "FixedInterval", FixedInterval: map[string]int{"seconds": AutoscalerSyncSeconds}},
	}
}
