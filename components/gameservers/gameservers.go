package gameservers

import (
	"encoding/base64"
	"errors"
	"fmt"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/gamecluster"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:gameservers:GameServers"

// Kubernetes type tokens the component registers (their version is part of the type).
const (
	TypeNamespace       = "kubernetes:core/v1:Namespace"
	TypeServiceAccount  = "kubernetes:core/v1:ServiceAccount"
	TypeRelease         = "kubernetes:helm.sh/v3:Release"
	TypeFleet           = "kubernetes:agones.dev/v1:Fleet"
	TypeFleetAutoscaler = "kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler"
)

// Built-in Azure role definition IDs the component grants.
const (
	// RoleAKSRBACClusterAdmin gives the deploying identity Kubernetes cluster-admin
	// through Azure RBAC (the clusters have local accounts off): it installs CRDs,
	// cluster roles and webhooks (Agones) and the game's objects.
	RoleAKSRBACClusterAdmin = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"
	// RoleNetworkContributor lets the cluster's control plane place the allocator's
	// internal load balancer in the services subnet (it already holds it on the node
	// subnets).
	RoleNetworkContributor = gamecluster.RoleNetworkContributor
)

// CredentialFormat is the kubeconfig format of the cluster's user credentials:
// "exec" runs kubelogin, which signs in with Entra ID (workload identity in CI,
// the Azure CLI locally); local accounts are off, so there is no static token.
const CredentialFormat = "exec"

// Args configure the component.
type Args struct {
	Identity   naming.Identity
	Region     string
	RegionCode string
	// ResourceGroupName, ClusterName and ClusterID identify the region's cluster.
	ResourceGroupName pulumi.StringInput
	ClusterName       pulumi.StringInput
	ClusterID         pulumi.StringInput
	// ControlPlanePrincipalID is the cluster's control-plane identity, granted the
	// services subnet for the allocator's internal load balancer.
	ControlPlanePrincipalID pulumi.StringInput
	ServicesSubnetID        pulumi.StringInput
	// ServicesSubnet is the services subnet's name in the region's VNet.
	ServicesSubnet string
	// AddressSpace is the region's block; only it may reach the allocator.
	AddressSpace      string
	KubernetesVersion string
	// Pools are the cluster's pools (gamecluster.Pools): their labels and taints
	// place Agones on the system pool and game servers on the game pools.
	Pools []gamecluster.Pool
	// Capacity is the region's sizing; the fleet autoscaler's bounds come from it.
	Capacity capacity.Plan
	Ports    Ports
	// FleetName names the fleet and its autoscaler (the game).
	FleetName string
	Server    Server
	// ClientIDs are the workload identities' client IDs by service account
	// (ServiceAccountGameServer, ServiceAccountGameAPI).
	ClientIDs map[string]pulumi.StringInput
}

// GameServers is a region's in-cluster game-server platform.
type GameServers struct {
	pulumi.ResourceState

	// Provider is the region's Kubernetes provider.
	Provider *kubernetes.Provider
	// Fleet is the fleet autoscaler's sizing; AgonesVersion and Image what runs.
	Fleet         capacity.FleetSize
	AgonesVersion string
	Image         string
}

func (a *Args) validate() error {
	var errs field.ErrorList
	if a.Region == "" || a.RegionCode == "" {
		errs.Add("region", "is required")
	}
	if a.ResourceGroupName == nil || a.ClusterName == nil || a.ClusterID == nil || a.ControlPlanePrincipalID == nil || a.ServicesSubnetID == nil {
		errs.Add("cluster", "resourceGroupName, clusterName, clusterID, controlPlanePrincipalID and servicesSubnetID are required")
	}
	if a.ServicesSubnet == "" {
		errs.Add("servicesSubnet", "is required")
	}
	if _, err := AllocatorSources(a.AddressSpace); err != nil {
		errs.Add("addressSpace", "%v", err)
	}
	if err := agones.CheckKubernetes(agones.Version, a.KubernetesVersion); err != nil {
		errs.Add("kubernetesVersion", "%v", err)
	}
	if _, _, err := Placements(a.Pools); err != nil {
		errs.Add("pools", "%v", err)
	}
	if a.Ports.Start < 1 || a.Ports.End < a.Ports.Start || a.Ports.End > 65535 {
		errs.Add("ports", "%d-%d is not a port range", a.Ports.Start, a.Ports.End)
	}
	if a.FleetName == "" {
		errs.Add("fleetName", "is required")
	}
	if a.Server.Image == "" || a.Server.Port < 1 || !(a.Server.CPU > 0) || !(a.Server.MemoryGiB > 0) {
		errs.Add("server", "image, port, cpu and memoryGiB are required")
	}
	if f := a.Capacity.Fleet(); f.Max < 1 || f.Standby > f.Max {
		errs.Add("capacity", "the plan holds %d servers at most with a standby of %d", f.Max, f.Standby)
	}
	for _, sa := range ServiceAccounts {
		if a.ClientIDs[sa] == nil {
			errs.Add("clientIDs["+sa+"]", "is required")
		}
	}
	return errs.Join()
}

// NewGameServers registers a region's Kubernetes provider, the deploying identity's
// cluster role, Agones, the game namespace and service accounts, the fleet and its
// autoscaler.
func NewGameServers(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*GameServers, error) {
	if args == nil {
		return nil, errors.New("internal error: gameservers args are nil")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("gameservers %q: %w", name, err)
	}
	system, game, _ := Placements(args.Pools)
	sources, _ := AllocatorSources(args.AddressSpace)
	c := &GameServers{Fleet: args.Capacity.Fleet(), AgonesVersion: agones.Version, Image: args.Server.Image}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	id, code := args.Identity, args.RegionCode

	// The deploying identity's Kubernetes rights: Azure RBAC cluster-admin on this
	// cluster only. Its name includes the principal, so a new deploying identity
	// gets a new assignment (created before the old one is deleted).
	client := azauth.GetClientConfigOutput(ctx)
	roleID := func(role string) pulumi.StringOutput {
		return pulumi.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", client.SubscriptionId(), role)
	}
	deployer, err := azauth.NewRoleAssignment(ctx, name+"-deployer-cluster-admin", &azauth.RoleAssignmentArgs{
		RoleAssignmentName: client.ObjectId().ApplyT(func(oid string) string {
			return naming.ClusterGrants.GUID(id.Studio, id.Game, id.Env, code, "deployer-cluster-admin", oid)
		}).(pulumi.StringOutput),
		RoleDefinitionId: roleID(RoleAKSRBACClusterAdmin),
		PrincipalId:      client.ObjectId(),
		Scope:            args.ClusterID,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating role assignment %q: %w", name+"-deployer-cluster-admin", err)
	}
	ilb, err := azauth.NewRoleAssignment(ctx, name+"-cp-network-services", &azauth.RoleAssignmentArgs{
		RoleAssignmentName: pulumi.String(naming.ClusterGrants.GUID(id.Studio, id.Game, id.Env, code, "cp-network-services")),
		RoleDefinitionId:   roleID(RoleNetworkContributor),
		PrincipalId:        args.ControlPlanePrincipalID,
		PrincipalType:      pulumi.String("ServicePrincipal"),
		Scope:              args.ServicesSubnetID,
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating role assignment %q: %w", name+"-cp-network-services", err)
	}

	// NOTE: the kubeconfig comes from the cluster's user credentials in exec format:
	// it names kubelogin and holds no token, yet it is kept secret (it names the API
	// server and its CA). The provider's clusterIdentifier is the cluster's resource
	// ID, so a new kubeconfig (rotated credentials, another kubelogin mode) does not
	// replace every Kubernetes resource; only a new cluster does.
	creds := azcs.ListManagedClusterUserCredentialsOutput(ctx, azcs.ListManagedClusterUserCredentialsOutputArgs{
		ResourceGroupName: args.ResourceGroupName,
		ResourceName:      args.ClusterName,
		Format:            pulumi.String(CredentialFormat),
	})
	// NOTE: the value is made secret inside the apply, once known: a secret whose
	// value is unknown (a fresh stack's preview) is what the SDK's mock monitor
	// cannot read, and an unknown value reveals nothing anyway.
	kubeconfig := creds.Kubeconfigs().Index(pulumi.Int(0)).Value().ApplyT(func(v string) (pulumi.StringOutput, error) {
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return pulumi.StringOutput{}, fmt.Errorf("decoding the kubeconfig of cluster %s: %w", args.Region, err)
		}
		return pulumi.ToSecret(pulumi.String(string(b))).(pulumi.StringOutput), nil
	}).(pulumi.StringOutput)
	prov, err := kubernetes.NewProvider(ctx, name+"-k8s", &kubernetes.ProviderArgs{
		Kubeconfig:        kubeconfig,
		ClusterIdentifier: args.ClusterID.ToStringOutput().ToStringPtrOutput(),
	}, parent, pulumi.DependsOn([]pulumi.Resource{deployer}))
	if err != nil {
		return nil, fmt.Errorf("creating Kubernetes provider %q: %w", name+"-k8s", err)
	}
	c.Provider = prov
	k8s := func(extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
		return append([]pulumi.ResourceOption{parent, pulumi.Provider(prov)}, extra...)
	}

	ns, err := registerObject(ctx, TypeNamespace, name+"-ns", "v1", "Namespace",
		ObjectMeta{Name: Namespace}, nil, nil, k8s()...)
	if err != nil {
		return nil, err
	}
	accounts := map[string]*object{}
	for _, sa := range ServiceAccounts {
		o, err := registerObject(ctx, TypeServiceAccount, name+"-sa-"+sa, "v1", "ServiceAccount",
			ObjectMeta{Name: sa, Namespace: Namespace},
			pulumi.StringMap{WorkloadIdentityClientID: args.ClientIDs[sa]}, nil,
			k8s(pulumi.DependsOn([]pulumi.Resource{ns}))...)
		if err != nil {
			return nil, err
		}
		accounts[sa] = o
	}

	// Agones: its chart creates the game namespace's SDK service account and role
	// binding, so the release waits for the namespace; its allocator's internal
	// load balancer needs the control plane's grant on the services subnet.
	rel := Release(ReleaseArgs{Ports: args.Ports, System: system, ServicesSubnet: args.ServicesSubnet, AllocatorSources: sources})
	relInputs, err := plainMap(rel)
	if err != nil {
		return nil, err
	}
	release := &object{}
	if err := ctx.RegisterResource(TypeRelease, name+"-agones", relInputs, release,
		k8s(pulumi.DependsOn([]pulumi.Resource{ns, ilb}))...); err != nil {
		return nil, fmt.Errorf("creating Helm release %q: %w", name+"-agones", err)
	}

	labels := map[string]string{agones.RegionLabel: args.Region}
	if _, err := registerObject(ctx, TypeFleet, name+"-fleet", "agones.dev/v1", "Fleet",
		ObjectMeta{Name: args.FleetName, Namespace: Namespace, Labels: labels}, nil,
		Fleet(args.Server, game),
		k8s(pulumi.DependsOn([]pulumi.Resource{release, accounts[ServiceAccountGameServer]}))...); err != nil {
		return nil, err
	}
	if _, err := registerObject(ctx, TypeFleetAutoscaler, name+"-autoscaler", "autoscaling.agones.dev/v1", "FleetAutoscaler",
		ObjectMeta{Name: args.FleetName, Namespace: Namespace, Labels: labels}, nil,
		Autoscaler(args.FleetName, c.Fleet),
		k8s(pulumi.DependsOn([]pulumi.Resource{release}))...); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"agonesVersion": pulumi.String(c.AgonesVersion),
		"fleetImage":    pulumi.String(c.Image),
		"standby":       pulumi.Int(c.Fleet.Standby),
		"minReplicas":   pulumi.Int(c.Fleet.Min),
		"maxReplicas":   pulumi.Int(c.Fleet.Max),
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// object is a Kubernetes object registered through the project's typed wrappers
// (the SDK's typed packages compile every Kubernetes API group; these are a few
// structs).
type object struct {
	pulumi.CustomResourceState
}

// registerObject registers a Kubernetes object: apiVersion, kind, metadata (with
// annotations that may be outputs) and, when set, its spec.
func registerObject(ctx *pulumi.Context, typ, name, apiVersion, kind string, meta ObjectMeta, annotations pulumi.StringMap, spec any, opts ...pulumi.ResourceOption) (*object, error) {
	metaIn, err := plainMap(meta)
	if err != nil {
		return nil, err
	}
	if len(annotations) > 0 {
		all := pulumi.StringMap{}
		for k, v := range meta.Annotations {
			all[k] = pulumi.String(v)
		}
		for k, v := range annotations {
			all[k] = v
		}
		metaIn["annotations"] = all
	}
	in := pulumi.Map{
		"apiVersion": pulumi.String(apiVersion),
		"kind":       pulumi.String(kind),
		"metadata":   metaIn,
	}
	if spec != nil {
		specIn, err := plainMap(spec)
		if err != nil {
			return nil, err
		}
		in["spec"] = specIn
	}
	o := &object{}
	if err := ctx.RegisterResource(typ, name, in, o, opts...); err != nil {
		return nil, fmt.Errorf("creating %s %q: %w", kind, name, err)
	}
	return o, nil
}

// plainMap is a typed value as a Pulumi map: shared.PropertiesInput, the one
// converter of the project's typed structs (json tags, omitempty) to Pulumi inputs.
func plainMap(v any) (pulumi.Map, error) {
	in, err := shared.PropertiesInput(v)
	if err != nil {
		return nil, fmt.Errorf("internal error: encoding %T: %w", v, err)
	}
	m, ok := in.(pulumi.Map)
	if !ok {
		return nil, fmt.Errorf("internal error: %T is not an object", v)
	}
	return m, nil
}
