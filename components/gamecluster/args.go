package gamecluster

import (
	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azcs "github.com/pulumi/pulumi-azure-native-sdk/containerservice/v2/v20240801"
	azmsi "github.com/pulumi/pulumi-azure-native-sdk/managedidentity/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/naming"
)

// identityArgs is one of the cluster's user-assigned identities, named from
// prefix ("id-aks", "id-kubelet") and the region.
func identityArgs(args *Args, prefix string) *azmsi.UserAssignedIdentityArgs {
	return &azmsi.UserAssignedIdentityArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          pulumi.String(args.Location),
		ResourceName:      pulumi.String(args.Identity.Regional(prefix, args.RegionCode)),
		Tags:              args.TagMap(),
	}
}

// grant is one role assignment of the cluster's identities.
type grant struct {
	// Role names the assignment (the resource's name suffix and the seed of its GUID).
	Role string
	// RoleDefinitionID is the role's full definition ID in the subscription.
	RoleDefinitionID pulumi.StringInput
	// Principal is the identity's principal ID; Scope what it may act on.
	Principal, Scope pulumi.StringInput
}

// grantArgs is a role assignment's arguments. Its name is the GUID of the stack's
// identity, the region and the role in naming.ClusterGrants: the same every run,
// and never to change (Azure refuses a second name for the same assignment).
func grantArgs(args *Args, g grant) *azauth.RoleAssignmentArgs {
	id := args.Identity
	return &azauth.RoleAssignmentArgs{
		RoleAssignmentName: pulumi.String(naming.ClusterGrants.GUID(id.Studio, id.Game, id.Env, args.RegionCode, g.Role)),
		RoleDefinitionId:   g.RoleDefinitionID,
		PrincipalId:        g.Principal,
		// NOTE: PrincipalType ServicePrincipal lets ARM accept the assignment
		// before the new identity has replicated through Entra ID; without it
		// fresh identities fail with PrincipalNotFound for a minute or two.
		PrincipalType: pulumi.String("ServicePrincipal"),
		Scope:         g.Scope,
	}
}

// clusterIdentities are the outputs of the cluster's two user-assigned identities
// its arguments carry. The kubelet's are pointer inputs because the identity
// profile takes them so; pulumi.String and the identities' outputs both fit.
type clusterIdentities struct {
	// ControlPlaneID is the control-plane identity's resource ID.
	ControlPlaneID pulumi.StringInput
	// KubeletID, KubeletClientID and KubeletObjectID are the kubelet identity's
	// resource ID, client ID and principal (object) ID.
	KubeletID, KubeletClientID, KubeletObjectID pulumi.StringPtrInput
}

// clusterArgs is the managed cluster's arguments: a pure function of the
// component's arguments, its system pool and its identities' outputs.
func clusterArgs(args *Args, system Pool, ids clusterIdentities) *azcs.ManagedClusterArgs {
	id, code := args.Identity, args.RegionCode
	a := &azcs.ManagedClusterArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          pulumi.String(args.Location),
		ResourceName:      pulumi.String(id.AKSCluster(code)),
		DnsPrefix:         pulumi.String(id.AKSDNSPrefix(code)),
		NodeResourceGroup: pulumi.String(id.AKSNodeResourceGroup(code)),
		Sku: &azcs.ManagedClusterSKUArgs{
			Name: pulumi.String("Base"),
			Tier: pulumi.String(SKUTier(args.Tier)),
		},
		Identity: &azcs.ManagedClusterIdentityArgs{
			Type:                   azcs.ResourceIdentityTypeUserAssigned,
			UserAssignedIdentities: pulumi.StringArray{ids.ControlPlaneID},
		},
		IdentityProfile: azcs.UserAssignedIdentityMap{
			"kubeletidentity": azcs.UserAssignedIdentityArgs{
				ResourceId: ids.KubeletID,
				ClientId:   ids.KubeletClientID,
				ObjectId:   ids.KubeletObjectID,
			},
		},
		EnableRBAC:           pulumi.Bool(true),
		DisableLocalAccounts: pulumi.Bool(true),
		AadProfile: &azcs.ManagedClusterAADProfileArgs{
			Managed:             pulumi.Bool(true),
			EnableAzureRBAC:     pulumi.Bool(true),
			AdminGroupObjectIDs: pulumi.ToStringArray(args.AdminGroupObjectIDs),
		},
		OidcIssuerProfile: &azcs.ManagedClusterOIDCIssuerProfileArgs{Enabled: pulumi.Bool(true)},
		SecurityProfile: &azcs.ManagedClusterSecurityProfileArgs{
			WorkloadIdentity: &azcs.ManagedClusterSecurityProfileWorkloadIdentityArgs{Enabled: pulumi.Bool(true)},
			ImageCleaner:     &azcs.ManagedClusterSecurityProfileImageCleanerArgs{Enabled: pulumi.Bool(true), IntervalHours: pulumi.Int(48)},
		},
		NetworkProfile: &azcs.ContainerServiceNetworkProfileArgs{
			NetworkPlugin:     pulumi.String("azure"),
			NetworkPluginMode: pulumi.String("overlay"),
			NetworkPolicy:     pulumi.String(NetworkPolicy),
			NetworkDataplane:  pulumi.String(NetworkDataplane),
			PodCidr:           pulumi.String(PodCIDR),
			ServiceCidr:       pulumi.String(ServiceCIDR),
			DnsServiceIP:      pulumi.String(DNSServiceIP),
			LoadBalancerSku:   pulumi.String("standard"),
			// NOTE: outbound type loadBalancer is the one AKS supports with node
			// public IPs. The system subnet's NAT gateway takes precedence over the
			// load balancer's outbound rules for egress; game nodes egress through
			// their own public IPs.
			OutboundType: pulumi.String("loadBalancer"),
		},
		AutoUpgradeProfile: &azcs.ManagedClusterAutoUpgradeProfileArgs{
			UpgradeChannel:       pulumi.String(UpgradeChannel),
			NodeOSUpgradeChannel: pulumi.String(NodeOSUpgradeChannel),
		},
		ApiServerAccessProfile: apiServerAccess(args.APIServer),
		// Only the system pool is inline: AKS requires one at creation, and it is the
		// one pool the cluster's own operations manage. Game pools are AgentPool
		// resources (NewGameCluster, see doc.go), and the cluster ignores changes to
		// this list after creation (the NOTE at its registration).
		AgentPoolProfiles: azcs.ManagedClusterAgentPoolProfileArray{systemProfile(system, args)},
		Tags:              args.TagMap(),
	}
	if args.KubernetesVersion != "" {
		a.KubernetesVersion = pulumi.String(args.KubernetesVersion)
	}
	if args.WorkspaceID != nil {
		a.AddonProfiles = azcs.ManagedClusterAddonProfileMap{
			"omsagent": azcs.ManagedClusterAddonProfileArgs{
				Enabled: pulumi.Bool(true),
				Config: pulumi.StringMap{
					"logAnalyticsWorkspaceResourceID": args.WorkspaceID,
					"useAADAuth":                      pulumi.String("true"),
				},
			},
		}
	}
	return a
}

// apiServerAccess is how the API server is reached: a private endpoint, or a
// public one open to the authorized ranges only.
func apiServerAccess(a APIServer) *azcs.ManagedClusterAPIServerAccessProfileArgs {
	if a.Private {
		return &azcs.ManagedClusterAPIServerAccessProfileArgs{
			EnablePrivateCluster:           pulumi.Bool(true),
			EnablePrivateClusterPublicFQDN: pulumi.Bool(false),
			PrivateDNSZone:                 pulumi.String("system"),
			DisableRunCommand:              pulumi.Bool(true),
		}
	}
	return &azcs.ManagedClusterAPIServerAccessProfileArgs{
		EnablePrivateCluster: pulumi.Bool(false),
		AuthorizedIPRanges:   pulumi.ToStringArray(a.AuthorizedRanges),
		DisableRunCommand:    pulumi.Bool(true),
	}
}
