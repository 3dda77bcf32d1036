// Package azurelimits is the one table of Azure's limits the platform can reach,
// each with the Azure documentation page it comes from: public IP prefix sizes and
// the Standard public IP quota, AKS nodes, pools and pods, NSG rules, VNet peerings,
// Front Door Standard/Premium, Traffic Manager and DNS limits, which regions have
// availability zones, which VM families each region offers and the Kubernetes
// versions AKS supports. Resource-name lengths and character sets live in
// internal/model/naming (the one place that knows Azure's name rules); Names lists
// them here so the table is complete.
//
// The environment model (internal/model/spec) checks a spec against this table
// before anything is registered, in `platform plan` and in the program under
// `pulumi up` alike; a violation names the field, the limit and its source. The
// package is pure data and functions: no Pulumi, no I/O.
package azurelimits

import (
	"fmt"

	"github.com/gameplatform/platform/internal/model/naming"
)

// Sources: the Azure documentation pages the limits come from.
const (
	SourceNetworking     = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-resource-manager-virtual-networking-limits"
	SourcePublicIP       = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#publicip-address"
	SourcePrefix         = "https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-address-prefix"
	SourceCustomPrefix   = "https://learn.microsoft.com/azure/virtual-network/ip-services/custom-ip-address-prefix"
	SourceAKS            = "https://learn.microsoft.com/azure/aks/quotas-skus-regions#service-quotas-and-limits"
	SourceAKSPods        = "https://learn.microsoft.com/azure/aks/azure-cni-overlay#maximum-pods-per-node"
	SourceFrontDoor      = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-front-door-standard-and-premium-service-limits"
	SourceTrafficManager = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#traffic-manager-limits"
	SourceDNS            = "https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#public-dns-zones"
	SourceNames          = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules"
	SourceZones          = "https://learn.microsoft.com/azure/reliability/regions-list"
	SourceVMSizes        = "https://azure.microsoft.com/explore/global-infrastructure/products-by-region/"
	SourceAKSVersions    = "https://learn.microsoft.com/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar"
	SourceVCPUQuota      = "https://learn.microsoft.com/azure/virtual-machines/quotas"
)

// Public IP addresses and prefixes.
const (
	// PrefixLongest and PrefixShortest bound the public IP prefixes Azure
	// allocates from its own pool: /31 (2 addresses) to /28 (16). A longer
	// prefix does not exist; a shorter one must be derived from a custom (BYOIP)
	// prefix the subscription owns.
	PrefixShortest = 28
	PrefixLongest  = 31
	// CustomPrefixShortest is the largest custom (BYOIP) IPv4 prefix Azure
	// provisions (/21, 2,048 addresses); a public IP prefix derived from it can be
	// no larger.
	CustomPrefixShortest = 21
	// StandardPublicIPsDefault is the default quota of Standard public IP
	// addresses per region per subscription. It varies by offer (Enterprise
	// Agreement subscriptions start at 1,000); any increase is a quota request.
	StandardPublicIPsDefault = 10
	// StandardPublicIPsEA is the Enterprise Agreement default.
	StandardPublicIPsEA = 1000
)

// AKS.
const (
	AKSNodesPerCluster = 5000 // Virtual Machine Scale Sets + Standard Load Balancer, all pools
	AKSNodesPerPool    = 1000 // one Virtual Machine Scale Sets node pool
	AKSPoolsPerCluster = 100
	AKSPodsPerNode     = 250 // Azure CNI (overlay included)
)

// Virtual network.
const (
	NSGRulesPerNSG      = 1000
	VNetPeeringsPerVNet = 500
)

// Traffic Manager and DNS.
const (
	TrafficManagerEndpointsPerProfile = 200
	DNSRecordSetsPerZone              = 10000
)

// FrontDoorLimits are the per-profile limits of one Front Door SKU.
type FrontDoorLimits struct {
	Endpoints, OriginGroups, OriginsPerGroup, Origins, RoutesPerEndpoint, RuleSets, RulesPerRuleSet, WAFCustomRules int
}

// FrontDoor holds the Standard and Premium limits, keyed by SKU name.
var FrontDoor = map[string]FrontDoorLimits{
	"Standard_AzureFrontDoor": {Endpoints: 10, OriginGroups: 100, OriginsPerGroup: 50, Origins: 100, RoutesPerEndpoint: 100, RuleSets: 100, RulesPerRuleSet: 100, WAFCustomRules: 100},
	"Premium_AzureFrontDoor":  {Endpoints: 25, OriginGroups: 200, OriginsPerGroup: 50, Origins: 200, RoutesPerEndpoint: 200, RuleSets: 200, RulesPerRuleSet: 100, WAFCustomRules: 100},
}

// Limit is one row of the table: what is limited, the maximum and the source.
type Limit struct {
	What   string
	Max    int
	Source string
}

func (l Limit) String() string { return fmt.Sprintf("%s: %d (%s)", l.What, l.Max, l.Source) }

// Table lists every numeric limit, for documentation and the plan's --explain.
func Table() []Limit {
	t := []Limit{
		{"longest public IP prefix Azure allocates (/31)", PrefixLongest, SourcePrefix},
		{"shortest public IP prefix Azure allocates without a custom (BYOIP) prefix (/28, 16 addresses)", PrefixShortest, SourcePublicIP},
		{"largest custom (BYOIP) IPv4 prefix, and so the largest prefix derived from one (/21, 2,048 addresses)", CustomPrefixShortest, SourceCustomPrefix},
		{"Standard public IP addresses per region per subscription (default quota)", StandardPublicIPsDefault, SourcePublicIP},
		{"AKS nodes per cluster", AKSNodesPerCluster, SourceAKS},
		{"AKS nodes per node pool", AKSNodesPerPool, SourceAKS},
		{"AKS node pools per cluster", AKSPoolsPerCluster, SourceAKS},
		{"AKS pods per node", AKSPodsPerNode, SourceAKSPods},
		{"NSG rules per network security group", NSGRulesPerNSG, SourceNetworking},
		{"VNet peerings per virtual network", VNetPeeringsPerVNet, SourceNetworking},
		{"Traffic Manager endpoints per profile", TrafficManagerEndpointsPerProfile, SourceTrafficManager},
		{"record sets per public DNS zone", DNSRecordSetsPerZone, SourceDNS},
	}
	for _, sku := range []string{"Standard_AzureFrontDoor", "Premium_AzureFrontDoor"} {
		f := FrontDoor[sku]
		for _, r := range []struct {
			what string
			n    int
		}{
			{"endpoints per profile", f.Endpoints}, {"origin groups per profile", f.OriginGroups},
			{"origins per origin group", f.OriginsPerGroup}, {"origins per profile", f.Origins},
			{"routes per endpoint", f.RoutesPerEndpoint}, {"rule sets per profile", f.RuleSets},
			{"rules per rule set", f.RulesPerRuleSet}, {"WAF custom rules per policy", f.WAFCustomRules},
		} {
			t = append(t, Limit{"Front Door " + sku + " " + r.what, r.n, SourceFrontDoor})
		}
	}
	for _, n := range Names() {
		t = append(t, n)
	}
	return t
}

// Names lists the resource-name length limits the platform relies on; the rules
// themselves (lengths and character sets, each with a boundary test) are in
// internal/model/naming.
func Names() []Limit {
	return []Limit{
		{"resource group name length", naming.MaxResourceGroup, SourceNames},
		{"storage account name length (lowercase letters and digits)", naming.MaxStorageAccount, SourceNames},
		{"key vault name length (letters, digits, single hyphens)", naming.MaxKeyVault, SourceNames},
		{"container registry name length (letters and digits)", naming.MaxContainerRegistry, SourceNames},
		{"AKS cluster name length", naming.MaxAKSName, SourceNames},
		{"AKS DNS prefix length", naming.MaxDNSPrefix, SourceNames},
		{"Front Door endpoint name length", naming.MaxFrontDoorEndpoint, SourceNames},
		{"Traffic Manager relative DNS name length", naming.MaxTrafficManagerDNS, SourceNames},
	}
}

// Violation is one limit a footprint exceeds.
type Violation struct {
	Field string // the spec field whose value drives the count, e.g. "regions"
	Msg   string
}

// Exceeds words a violation: what, how many, the limit and its source.
func Exceeds(what string, n, max int, source string) string {
	return fmt.Sprintf("%d %s, above Azure's limit of %d (%s)", n, what, max, source)
}

// Footprint is how much of each per-resource limit an environment uses: counts
// that grow with its regions (Traffic Manager endpoints, Front Door origins of the
// API origin group, peerings of a VNet) and the fixed shape of the global services.
// internal/model/spec derives it from a spec; a test of the offline engine holds it
// equal to what the program registers for every shipped environment.
type Footprint struct {
	Regions                    int // regional stamps
	TrafficManagerEndpoints    int // one per region
	FrontDoorEndpoints         int
	FrontDoorOriginGroups      int
	FrontDoorOrigins           int // all origin groups
	FrontDoorLargestGroup      int // origins of the largest origin group (API: one per region)
	FrontDoorRoutesPerEndpoint int
	FrontDoorRuleSets          int
	FrontDoorRulesPerRuleSet   int
	WAFCustomRules             int
	DNSRecordSets              int // record sets the program writes in the game's zone
	NSGRules                   int // rules of the largest NSG
	PeeringsPerVNet            int
}

// Check returns every limit the footprint exceeds. Front Door is judged against
// the Standard SKU, whose limits are the lower of the two, so the check does not
// depend on which SKU a tier uses.
func (f Footprint) Check() []Violation {
	fd := FrontDoor["Standard_AzureFrontDoor"]
	var out []Violation
	add := func(field, what string, n, max int, src string) {
		if n > max {
			out = append(out, Violation{Field: field, Msg: Exceeds(what, n, max, src)})
		}
	}
	add("regions", "Traffic Manager endpoints in the profile (one per region)", f.TrafficManagerEndpoints, TrafficManagerEndpointsPerProfile, SourceTrafficManager)
	add("regions", "Front Door origins in the API origin group (one per region)", f.FrontDoorLargestGroup, fd.OriginsPerGroup, SourceFrontDoor)
	add("regions", "Front Door origins in the profile", f.FrontDoorOrigins, fd.Origins, SourceFrontDoor)
	add("regions", "VNet peerings per VNet", f.PeeringsPerVNet, VNetPeeringsPerVNet, SourceNetworking)
	add("cdn", "Front Door endpoints in the profile", f.FrontDoorEndpoints, fd.Endpoints, SourceFrontDoor)
	add("cdn", "Front Door origin groups in the profile", f.FrontDoorOriginGroups, fd.OriginGroups, SourceFrontDoor)
	add("cdn", "Front Door routes on one endpoint", f.FrontDoorRoutesPerEndpoint, fd.RoutesPerEndpoint, SourceFrontDoor)
	add("cdn", "Front Door rule sets in the profile", f.FrontDoorRuleSets, fd.RuleSets, SourceFrontDoor)
	add("cdn", "Front Door rules in one rule set", f.FrontDoorRulesPerRuleSet, fd.RulesPerRuleSet, SourceFrontDoor)
	add("cdn.rateLimitPerMinute", "WAF custom rules in the policy", f.WAFCustomRules, fd.WAFCustomRules, SourceFrontDoor)
	add("domain", "record sets in the DNS zone", f.DNSRecordSets, DNSRecordSetsPerZone, SourceDNS)
	add("gamePorts", "rules in one network security group", f.NSGRules, NSGRulesPerNSG, SourceNetworking)
	return out
}
