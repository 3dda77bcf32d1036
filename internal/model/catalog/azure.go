package catalog

// azureEntries are the azure-native types. Durations: see DurationsSource. Prices:
// the rule names are functions of internal/offline/cost. Diagnostic log categories:
// "Supported Resource log categories for Azure Monitor"
// (https://learn.microsoft.com/azure/azure-monitor/reference/logs-index) and each
// type's page (…/reference/supported-logs/<provider>-<type>-logs); types Azure
// documents with metrics only (NAT gateways, private endpoints, DNS and private DNS
// zones, the storage account itself) or with neither (resource groups, identities,
// role assignments, Front Door child resources, the Front Door WAF policy, whose logs
// the profile emits) have none. The category lists are a snapshot (Azure adds
// categories); an explicit list in a diagnostic setting must cover them all, and
// the allLogs category group always does.
var azureEntries = []Entry{
	{
		Type:   "azure-native:authorization:ManagementLockAtResourceGroupLevel",
		Price:  Free("management locks are not billed"),
		Create: Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:   "azure-native:authorization:ManagementLockByScope",
		Price:  Free("management locks are not billed"),
		Create: Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:      "azure-native:authorization:RoleAssignment",
		NameInput: "roleAssignmentName",
		Price:     Free("role assignments are not billed"),
		Create:    Duration{Seconds: 10, Range: "5-30 s", Basis: "PUT plus the provider's retries while a new principal replicates in Entra ID"},
		// Role assignments are immutable: principal, role and scope identify them.
		ReplaceOn: []string{"principalId", "principalType", "roleDefinitionId", "scope"},
	},
	{
		Type:      "azure-native:cdn:AFDCustomDomain",
		NameInput: "customDomainName",
		Mock:      Mock{Outputs: afdCustomDomainOutputs},
		Price:     Free("Front Door custom domains and managed certificates are included in the profile's base fee"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "the domain resource only; TXT validation and managed-certificate issuance continue in Azure afterwards (minutes to hours) and nothing in the program waits on them"},
		ReplaceOn: []string{"hostName"},
	},
	{
		Type:      "azure-native:cdn:AFDEndpoint",
		Placement: Global,
		Taggable:  true,
		NameInput: "endpointName",
		Mock:      Mock{Outputs: afdEndpointOutputs},
		Price:     Free("Front Door endpoints are included in the profile's base fee (traffic is priced on the profile)"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "Front Door endpoint, global propagation"},
	},
	{
		Type:      "azure-native:cdn:AFDOrigin",
		NameInput: "originName",
		Price:     Free("Front Door origins are included in the profile's base fee"),
		Create:    Duration{Seconds: 45, Range: "30 s - 2 min", Basis: "Front Door configuration change"},
	},
	{
		Type:      "azure-native:cdn:AFDOriginGroup",
		NameInput: "originGroupName",
		Price:     Free("Front Door origin groups are included in the profile's base fee"),
		Create:    Duration{Seconds: 30, Range: "15-60 s", Basis: "Front Door configuration change"},
	},
	{
		// The patches origin group, declared through the generic resource at
		// Microsoft.Cdn 2025-06-01 for managed-identity origin authentication
		// (components/cdn).
		Type:      GenericKey("Microsoft.Cdn/profiles/originGroups"),
		Display:   "cdn:AFDOriginGroup",
		Price:     Free("Front Door origin groups are included in the profile's base fee"),
		Create:    Duration{Seconds: 30, Range: "15-60 s", Basis: "Front Door configuration change"},
		ReplaceOn: genericReplaceOn,
	},
	{
		Type:        "azure-native:cdn:Profile",
		NameInput:   "profileName",
		Naming:      NameHyphenated,
		Placement:   Global,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"AzureCdnAccessLog", "FrontDoorAccessLog", "FrontDoorHealthProbeLog", "FrontDoorWebApplicationFirewallLog"}},
		Price:       PriceRule("frontDoor"),
		Create:      Duration{Seconds: 90, Range: "1-3 min", Basis: "Front Door Standard/Premium profile"},
		// Front Door: a Premium profile cannot be downgraded to Standard in place (and the
		// classic → Standard/Premium move is a migration), so any SKU change is flagged.
		ReplaceOn: []string{"sku.name"},
		Danger:    "Front Door profile (player-facing CDN and APIs)",
	},
	{
		Type:      "azure-native:cdn:Route",
		NameInput: "routeName",
		Price:     Free("Front Door routes are included in the profile's base fee"),
		Create:    Duration{Seconds: 90, Range: "1-5 min", Basis: "Front Door route, deployed to every edge"},
	},
	{
		Type:      "azure-native:cdn:Rule",
		NameInput: "ruleName",
		Price:     Free("Front Door rules are included in the profile's base fee"),
		Create:    Duration{Seconds: 30, Range: "15-60 s", Basis: "Front Door configuration change"},
	},
	{
		Type:      "azure-native:cdn:RuleSet",
		NameInput: "ruleSetName",
		Price:     Free("Front Door rule sets are included in the profile's base fee"),
		Create:    Duration{Seconds: 20, Range: "10-40 s", Basis: "Front Door configuration change"},
	},
	{
		Type:   "azure-native:cdn:Secret",
		Price:  Free("Front Door secrets are not billed"),
		Create: Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:      "azure-native:cdn:SecurityPolicy",
		NameInput: "securityPolicyName",
		Price:     Free("Front Door security policies are included in the profile's base fee"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "binds the WAF policy to endpoints, global propagation"},
	},
	{
		Type:        "azure-native:containerregistry:Registry",
		NameInput:   "registryName",
		Naming:      NameCompact,
		Placement:   EnvironmentPrimary,
		Stateful:    true,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"ContainerRegistryLoginEvents", "ContainerRegistryRepositoryEvents"}},
		Mock:        Mock{Outputs: registryOutputs},
		Price:       PriceRule("registry"),
		Create:      Duration{Seconds: 45, Range: "30 s - 1 min", Basis: "long-running operation"},
		Danger:      "container registry (game-server images)",
	},
	{
		Type:      "azure-native:containerregistry:Replication",
		Placement: AnyRegion,
		Price:     PriceRule("replication"),
		Create:    Duration{Seconds: 180, Range: "2-5 min", Basis: "geo-replica provisioning in the target region"},
	},
	{
		Type:      "azure-native:containerservice:AgentPool",
		Display:   "AKS node pool",
		Placement: NoLocation, // a child of its cluster: it takes no location input
		Taggable:  true,
		Price:     PriceRule("agentPool"),
		Create:    Duration{Seconds: 360, Range: "5-7 min", Basis: "each separately declared node pool; AKS runs one operation per cluster at a time, so pools of a cluster serialize"},
		// AKS node pools: the VM size, OS disk, zones, subnet, max pods, node public IP
		// settings and priority (spot vs regular) of a pool cannot change; AKS needs a new pool.
		ReplaceOn: []string{"vmSize", "osDiskSizeGB", "osDiskType", "osType", "availabilityZones", "vnetSubnetID", "podSubnetID", "maxPods", "enableNodePublicIP", "nodePublicIPPrefixID", "scaleSetPriority", "kubeletConfig"},
		// The platform's pools keep their names (game1, …), so a replacement deletes
		// the old pool first (deleteBeforeReplace).
		Danger: "game node pool: AKS deletes the old pool before creating the new one; its nodes drain for up to the drain timeout (60 min) and matches still running on them end, so the region runs on its other pools meanwhile",
	},
	{
		Type:   "azure-native:containerservice:MaintenanceConfiguration",
		Price:  Free("maintenance configurations are not billed"),
		Create: Duration{Seconds: 5, Range: "3-10 s", Basis: "synchronous PUT"},
	},
	{
		Type:      "azure-native:containerservice:ManagedCluster",
		NameInput: "resourceName",
		Naming:    NameHyphenated,
		Placement: Regional,
		Taggable:  true,
		Diagnostics: &Diagnostics{Categories: []string{
			"cloud-controller-manager", "cluster-autoscaler", "csi-azuredisk-controller", "csi-azurefile-controller",
			"csi-snapshot-controller", "fleet-mcs-controller-manager", "fleet-member-agent", "fleet-member-net-controller-manager",
			"guard", "karpenter-events", "kube-apiserver", "kube-audit", "kube-audit-admin", "kube-controller-manager", "kube-scheduler",
		}},
		Mock:   Mock{Outputs: managedClusterOutputs},
		Price:  PriceRule("managedCluster"),
		Create: Duration{Seconds: 360, Range: "4-7 min", Basis: "AKS cluster with its inline pools; the Azure quickstart says 'a few minutes'"},
		// AKS: the API server's DNS prefix / FQDN subdomain, the node resource group and
		// the network model (plugin, plugin mode, pod/service CIDRs, DNS service IP) are
		// fixed at creation; so are private-cluster mode and the Linux admin user.
		ReplaceOn: []string{"dnsPrefix", "fqdnSubdomain", "nodeResourceGroup", "networkProfile.networkPlugin", "networkProfile.networkPluginMode", "networkProfile.podCidr", "networkProfile.serviceCidr", "networkProfile.dnsServiceIP", "apiServerAccessProfile.enablePrivateCluster", "linuxProfile.adminUsername"},
		Danger:    "AKS cluster (running game servers)",
	},
	{
		Type:   "azure-native:insights:DiagnosticSetting",
		Price:  Free("diagnostic settings are not billed; the logs they send are priced as Log Analytics ingestion on the workspace"),
		Create: Duration{Seconds: 5, Range: "2-10 s", Basis: "synchronous PUT"},
		// A diagnostic setting belongs to the resource it is attached to.
		ReplaceOn: []string{"resourceUri"},
	},
	{
		Type:   "azure-native:keyvault:Secret",
		Price:  Free("secrets are not billed; operations are priced on the vault"),
		Create: Duration{Seconds: 5, Range: "2-10 s", Basis: "synchronous PUT"},
	},
	{
		Type:        "azure-native:keyvault:Vault",
		NameInput:   "vaultName",
		Naming:      NameHyphenated,
		Placement:   EnvironmentPrimary,
		Stateful:    true,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"AuditEvent", "AzurePolicyEvaluationDetails"}},
		Mock:        Mock{Outputs: vaultOutputs},
		Price:       PriceRule("keyVault"),
		Create:      Duration{Seconds: 120, Range: "1-3 min", Basis: "long-running operation plus DNS registration of the vault URI"},
		// Key Vault: the tenant of a vault can only be changed by a tenant move, not an
		// ARM update of the vault.
		ReplaceOn: []string{"properties.tenantId"},
		Danger:    "key vault (secrets, keys, certificates)",
	},
	{
		Type:   "azure-native:managedidentity:FederatedIdentityCredential",
		Price:  Free("federated identity credentials are not billed"),
		Create: Duration{Seconds: 5, Range: "2-10 s", Basis: "synchronous PUT; Azure allows one write per identity at a time"},
	},
	{
		Type:      "azure-native:managedidentity:UserAssignedIdentity",
		NameInput: "resourceName",
		Naming:    NameHyphenated,
		Placement: AnyRegion,
		Taggable:  true,
		Mock:      Mock{Outputs: identityOutputs},
		Price:     Free("managed identities are not billed"),
		Create:    Duration{Seconds: 5, Range: "2-10 s", Basis: "synchronous PUT"},
	},
	{
		Type:   "azure-native:network:Endpoint",
		Price:  PriceRule("trafficManagerEndpoint"),
		Create: Duration{Seconds: 10, Range: "5-20 s", Basis: "Traffic Manager endpoint"},
	},
	{
		Type:      "azure-native:network:NatGateway",
		NameInput: "natGatewayName",
		Naming:    NameHyphenated,
		Placement: Regional,
		Taggable:  true,
		Price:     PriceRule("natGateway"),
		Create:    Duration{Seconds: 20, Range: "10-40 s", Basis: "long-running operation"},
		ReplaceOn: []string{"zones"},
	},
	{
		Type:        "azure-native:network:NetworkSecurityGroup",
		NameInput:   "networkSecurityGroupName",
		Naming:      NameHyphenated,
		Placement:   Regional,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"NetworkSecurityGroupEvent", "NetworkSecurityGroupRuleCounter"}},
		Price:       Free("network security groups are not billed"),
		Create:      Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
	},
	{
		Type:      "azure-native:network:Policy",
		Naming:    NameCompact,
		Placement: Global,
		Taggable:  true,
		NameInput: "policyName",
		Price:     Free("Front Door Standard/Premium WAF policies are included in the profile's base fee"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "Front Door WAF policy, global propagation"},
	},
	{
		Type:   "azure-native:network:PrivateDnsZoneGroup",
		Price:  Free("private DNS zone groups are not billed"),
		Create: Duration{Seconds: 10, Range: "5-20 s", Basis: "short long-running operation"},
	},
	{
		Type:      "azure-native:network:PrivateEndpoint",
		Placement: EnvironmentPrimary,
		Price:     PriceRule("privateEndpoint"),
		Create:    Duration{Seconds: 60, Range: "30 s - 2 min", Basis: "creates a NIC and the private link connection"},
		// Private endpoints cannot move subnets or change their target.
		ReplaceOn: []string{"subnet.id", "privateLinkServiceConnections"},
	},
	{
		Type:   "azure-native:network:PrivateRecordSet",
		Price:  Free("private DNS record sets are included in the zone price"),
		Create: Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:      "azure-native:network:PrivateZone",
		Placement: Global,
		Price:     PriceRule("privateDNSZone"),
		Create:    Duration{Seconds: 30, Range: "20-60 s", Basis: "global resource, long-running operation"},
		Danger:    "private DNS zone",
	},
	{
		Type:        "azure-native:network:Profile",
		NameInput:   "profileName",
		Naming:      NameHyphenated,
		Placement:   Global,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"ProbeHealthStatusEvents"}},
		Mock:        Mock{Outputs: trafficManagerOutputs},
		Price:       PriceRule("trafficManager"),
		Create:      Duration{Seconds: 30, Range: "15-60 s", Basis: "Traffic Manager profile (global)"},
	},
	{
		Type:        "azure-native:network:PublicIPAddress",
		Naming:      NameHyphenated,
		Placement:   Regional,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"DDoSMitigationFlowLogs", "DDoSMitigationReports", "DDoSProtectionNotifications"}},
		NameInput:   "publicIpAddressName",
		Mock:        Mock{Outputs: publicIPOutputs},
		Price:       PriceRule("publicIP"),
		Create:      Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
		// Public IPs and prefixes: SKU, IP version, zones and the prefix length are fixed
		// at creation (a different value is a different address — player-facing).
		ReplaceOn: []string{"sku.name", "sku.tier", "publicIPAddressVersion", "zones", "publicIPPrefix.id"},
	},
	{
		Type:        "azure-native:network:PublicIPPrefix",
		Naming:      NameHyphenated,
		Placement:   Regional,
		Stateful:    true,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"DDoSMitigationFlowLogs", "DDoSMitigationReports", "DDoSProtectionNotifications"}},
		NameInput:   "publicIpPrefixName",
		Price:       PriceRule("publicIPPrefix"),
		Create:      Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
		ReplaceOn:   []string{"sku.name", "sku.tier", "prefixLength", "publicIPAddressVersion", "zones"},
		Danger:      "public IP prefix (player-facing game-server addresses)",
	},
	{
		Type:      "azure-native:network:RecordSet",
		NameInput: "relativeRecordSetName",
		Price:     Free("DNS record sets are included in the zone price (queries are priced on the zone)"),
		Create:    Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:   "azure-native:network:Route",
		Price:  Free("routes are not billed"),
		Create: Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
	},
	{
		Type:      "azure-native:network:RouteTable",
		Placement: Regional,
		Price:     Free("route tables are not billed"),
		Create:    Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
	},
	{
		Type:   "azure-native:network:SecurityRule",
		Price:  Free("security rules are not billed"),
		Create: Duration{Seconds: 5, Range: "3-10 s", Basis: "short long-running operation"},
	},
	{
		Type:   "azure-native:network:Subnet",
		Price:  Free("subnets are not billed"),
		Create: Duration{Seconds: 10, Range: "5-20 s", Basis: "short long-running operation; subnets of one VNet are updated one at a time by Azure (the provider retries on conflict)"},
		// Subnet address prefixes cannot be changed while anything is attached to the
		// subnet (always the case for the platform's node and endpoint subnets), so a new
		// prefix means emptying and re-creating the subnet.
		ReplaceOn: []string{"addressPrefix", "addressPrefixes"},
	},
	{
		Type:        "azure-native:network:VirtualNetwork",
		NameInput:   "virtualNetworkName",
		Naming:      NameHyphenated,
		Placement:   Regional,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"VMProtectionAlerts"}},
		Price:       Free("virtual networks are not billed (peering traffic is priced on the peering)"),
		Create:      Duration{Seconds: 10, Range: "5-20 s", Basis: "short long-running operation"},
	},
	{
		Type:      "azure-native:network:VirtualNetworkLink",
		Placement: Global,
		Price:     Free("private DNS virtual network links are not billed"),
		Create:    Duration{Seconds: 30, Range: "20-60 s", Basis: "long-running operation"},
	},
	{
		Type:   "azure-native:network:VirtualNetworkPeering",
		Price:  PriceRule("peering"),
		Create: Duration{Seconds: 15, Range: "10-30 s", Basis: "long-running operation on both VNets"},
	},
	{
		Type:      "azure-native:network:Zone",
		Placement: Global,
		Stateful:  true,
		Taggable:  true,
		Mock:      Mock{Outputs: dnsZoneOutputs},
		Price:     PriceRule("dnsZone"),
		Create:    Duration{Seconds: 10, Range: "5-30 s", Basis: "DNS zone PUT (synchronous)"},
		// DNS zones: public vs private is fixed at creation.
		ReplaceOn: []string{"zoneType"},
		Danger:    "DNS zone (player-facing names)",
	},
	{
		Type:        "azure-native:operationalinsights:Workspace",
		NameInput:   "workspaceName",
		Naming:      NameHyphenated,
		Placement:   EnvironmentPrimary,
		Taggable:    true,
		Diagnostics: &Diagnostics{Categories: []string{"Audit", "Jobs", "SummaryLogs"}},
		Mock:        Mock{Outputs: workspaceOutputs},
		Price:       PriceRule("workspace"),
		Create:      Duration{Seconds: 45, Range: "30 s - 1 min", Basis: "long-running operation"},
	},
	{
		Type:      "azure-native:resources:ResourceGroup",
		NameInput: "resourceGroupName",
		Naming:    NameHyphenated,
		Placement: EnvironmentPrimary,
		Taggable:  true,
		Price:     Free("resource groups are not billed"),
		Create:    Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous ARM PUT"},
	},
	{
		Type:      "azure-native:storage:BlobContainer",
		NameInput: "containerName",
		Price:     Free("containers are not billed; data stored is priced on the storage account"),
		Create:    Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:      "azure-native:storage:BlobServiceProperties",
		NameInput: "blobServicesName",
		Price:     Free("blob service properties are not billed"),
		Create:    Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:   "azure-native:storage:ManagementPolicy",
		Price:  Free("lifecycle management policies are not billed (their tiering lowers the storage bill)"),
		Create: Duration{Seconds: 3, Range: "1-5 s", Basis: "synchronous PUT"},
	},
	{
		Type:        "azure-native:storage:StorageAccount",
		NameInput:   "accountName",
		Naming:      NameCompact,
		Placement:   EnvironmentPrimary,
		Stateful:    true,
		Taggable:    true,
		Diagnostics: &Diagnostics{Sub: "/blobServices/default", Categories: []string{"StorageDelete", "StorageRead", "StorageWrite"}},
		Mock:        Mock{Outputs: storageAccountOutputs},
		Price:       PriceRule("storageAccount"),
		Create:      Duration{Seconds: 30, Range: "20-60 s", Basis: "long-running operation"},
		// Storage: the account kind (other than the Storage → StorageV2 upgrade, which this
		// platform never needs), hierarchical namespace, infrastructure encryption and
		// the NFSv3/SFTP-relevant flags are fixed at creation.
		ReplaceOn: []string{"kind", "isHnsEnabled", "encryption.requireInfrastructureEncryption", "enableNfsV3"},
		Danger:    "storage account (builds, patches, assets)",
	},
}
