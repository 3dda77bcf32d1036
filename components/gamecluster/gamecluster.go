package gamecluster

import (
	"errors"
	"fmt"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240801"
	azmsi "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:gamecluster:GameCluster"

// APIServer says how the Kubernetes API server is reachable.
type APIServer struct {
	// AuthorizedRanges are the only CIDRs allowed to reach a public API server.
	AuthorizedRanges []string
	// Private puts the API server on a private endpoint in the VNet instead.
	Private bool
}

// Args configure a region's game cluster.
type Args struct {
	shared.Interface
	Identity          naming.Identity
	RegionCode        string
	Location          string
	RegionHasZones    bool
	ResourceGroupName pulumi.StringInput

	KubernetesVersion   string
	APIServer           APIServer
	AdminGroupObjectIDs []string
	// Capacity is the region's sizing from the capacity model.
	Capacity capacity.Plan
	// Spot runs the game pools on spot VMs (refused in prod).
	Spot  bool
	Ports spec.PortRange

	SystemSubnetID pulumi.StringInput
	GameSubnetID   pulumi.StringInput
	// GamePrefixID is the public IP prefix the game nodes' addresses come from, set
	// only when the region brings its own addresses (a prefix derived from a custom
	// BYOIP prefix). Nil: every game node gets its own Standard public IP, which
	// Azure allocates at any scale (see doc.go, "Node public IPs").
	GamePrefixID pulumi.StringInput
	// RegistryID is the container registry the kubelet pulls game-server images from.
	RegistryID pulumi.StringInput
}

// GameCluster is a region's AKS cluster and its identities.
type GameCluster struct {
	pulumi.ResourceState

	ClusterID               pulumi.IDOutput
	ClusterName             pulumi.StringOutput
	FQDN                    pulumi.StringOutput
	OIDCIssuerURL           pulumi.StringOutput
	ControlPlanePrincipalID pulumi.StringOutput
	KubeletIdentityID       pulumi.IDOutput
	KubeletPrincipalID      pulumi.StringOutput
	KubeletClientID         pulumi.StringOutput
	Pools                   []Pool
	// GamePoolNames are the game pools' AgentPool resource names, in creation order.
	GamePoolNames []string
}

func (a *Args) validate() ([]Pool, error) {
	var errs []error
	if a.ResourceGroupName == nil || a.SystemSubnetID == nil || a.GameSubnetID == nil || a.RegistryID == nil {
		errs = append(errs, errors.New("ResourceGroupName, SystemSubnetID, GameSubnetID and RegistryID are required"))
	}
	if a.Location == "" || a.RegionCode == "" {
		errs = append(errs, errors.New("Location and RegionCode are required"))
	}
	if !a.APIServer.Private && len(a.APIServer.AuthorizedRanges) == 0 {
		errs = append(errs, errors.New("a public API server needs authorized ranges"))
	}
	if err := a.Ports.Problems("Ports"); err != nil {
		errs = append(errs, err)
	}
	if err := naming.ValidAKSCluster(a.Identity.AKSCluster(a.RegionCode)); err != nil {
		errs = append(errs, err)
	}
	if err := naming.ValidAKSDNSPrefix(a.Identity.AKSDNSPrefix(a.RegionCode)); err != nil {
		errs = append(errs, err)
	}
	pools, err := Pools(a.Capacity, a.Tier, a.RegionHasZones, a.Spot)
	if err != nil {
		errs = append(errs, err)
	}
	for _, p := range pools {
		if p.Subnet != SubnetSystem && p.Subnet != SubnetGame {
			errs = append(errs, fmt.Errorf("pool %s: subnet %q is neither %q nor %q", p.Name, p.Subnet, SubnetSystem, SubnetGame))
		}
	}
	return pools, errors.Join(errs...)
}

// NewGameCluster registers the cluster, its identities and their role assignments.
func NewGameCluster(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*GameCluster, error) {
	if args == nil {
		return nil, errors.New("internal error: game cluster args are nil")
	}
	pools, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("internal error: game cluster %q: %w", name, err)
	}
	c := &GameCluster{Pools: pools}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	cp, err := azmsi.NewUserAssignedIdentity(ctx, name+"-cp-identity", identityArgs(args, "id-aks"), parent)
	if err != nil {
		return nil, fmt.Errorf("creating control plane identity %q: %w", name+"-cp-identity", err)
	}
	kubelet, err := azmsi.NewUserAssignedIdentity(ctx, name+"-kubelet-identity", identityArgs(args, "id-kubelet"), parent)
	if err != nil {
		return nil, fmt.Errorf("creating kubelet identity %q: %w", name+"-kubelet-identity", err)
	}

	sub := azauth.GetClientConfigOutput(ctx).SubscriptionId()
	roleDefinition := func(roleID string) pulumi.StringOutput {
		return pulumi.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", sub, roleID)
	}
	assign := func(g grant) (*azauth.RoleAssignment, error) {
		n := name + "-" + g.Role
		ra, err := azauth.NewRoleAssignment(ctx, n, grantArgs(args, g), parent)
		if err != nil {
			return nil, fmt.Errorf("creating role assignment %q: %w", n, err)
		}
		return ra, nil
	}
	// AKS checks at creation that the control plane identity may assign the
	// kubelet identity and join nodes to the subnets: the cluster waits for these.
	var before []pulumi.Resource
	for _, g := range []grant{
		{"cp-mi-operator", roleDefinition(RoleManagedIdentityOperator), cp.PrincipalId, kubelet.ID().ToStringOutput()},
		{"cp-network-system", roleDefinition(RoleNetworkContributor), cp.PrincipalId, args.SystemSubnetID},
		{"cp-network-game", roleDefinition(RoleNetworkContributor), cp.PrincipalId, args.GameSubnetID},
	} {
		ra, err := assign(g)
		if err != nil {
			return nil, err
		}
		before = append(before, ra)
	}

	ids := clusterIdentities{
		ControlPlaneID:  cp.ID().ToStringOutput(),
		KubeletID:       kubelet.ID().ToStringOutput(),
		KubeletClientID: kubelet.ClientId,
		KubeletObjectID: kubelet.PrincipalId,
	}
	// NOTE: agentPoolProfiles is ignored after creation. Azure reads every pool of
	// the cluster back into it, the AgentPool resources' pools included, and refuses
	// pool changes made through the managed cluster ("Adding agent pools to an
	// existing cluster is not allowed through managed cluster operations",
	// pulumi/pulumi-azure-native#579, #2719); the autoscaler owns the system pool's
	// count. Pool changes are per-pool operations: the AgentPool resources.
	cluster, err := azcs.NewManagedCluster(ctx, name+"-aks", clusterArgs(args, pools[0], ids), parent, pulumi.DependsOn(before), pulumi.IgnoreChanges([]string{"agentPoolProfiles"}))
	if err != nil {
		return nil, fmt.Errorf("creating managed cluster %q: %w", name+"-aks", err)
	}
	// AKS runs one agent-pool operation at a time per cluster, so the game pools
	// are created one after the other (each waits for the previous one), never
	// racing into "OperationNotAllowed: another operation is in progress".
	var prev pulumi.Resource = cluster
	for _, p := range pools[1:] {
		n := name + "-" + p.Name
		ap, err := azcs.NewAgentPool(ctx, n, poolArgs(p, args, cluster.Name), parent,
			pulumi.DependsOn([]pulumi.Resource{prev}),
			// The autoscaler owns the node count; a diff on it is noise, not drift.
			pulumi.IgnoreChanges([]string{"count"}),
			// A replaced pool keeps its name (game1, …), so AKS must delete the old
			// pool before it can create the new one.
			pulumi.DeleteBeforeReplace(true))
		if err != nil {
			return nil, fmt.Errorf("creating game node pool %q: %w", n, err)
		}
		c.GamePoolNames = append(c.GamePoolNames, n)
		prev = ap
	}
	if _, err := assign(grant{"kubelet-acrpull", roleDefinition(RoleAcrPull), kubelet.PrincipalId, args.RegistryID}); err != nil {
		return nil, err
	}
	// Every control-plane log category, kube-audit included: it is the only record of
	// who read which secret or exec'd into which pod.
	if _, err := args.NewDiagnosticSetting(ctx, name+"-aks", cluster.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}

	c.ClusterID = cluster.ID()
	c.ClusterName = cluster.Name
	c.FQDN = cluster.Fqdn
	c.OIDCIssuerURL = cluster.OidcIssuerProfile.IssuerURL().Elem()
	c.ControlPlanePrincipalID = cp.PrincipalId
	c.KubeletIdentityID = kubelet.ID()
	c.KubeletPrincipalID = kubelet.PrincipalId
	c.KubeletClientID = kubelet.ClientId
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"clusterId":          cluster.ID(),
		"clusterName":        cluster.Name,
		"oidcIssuerUrl":      c.OIDCIssuerURL,
		"kubeletPrincipalId": kubelet.PrincipalId,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
