package naming

import (
	"fmt"
	"regexp"
	"strings"
)

// AKS name limits (MaxAKSName, MaxDNSPrefix above), plus the node resource group.
const (
	MinDNSPrefix = 1
)

var (
	aksNameRE   = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*[a-zA-Z0-9]$`)
	dnsPrefixRE = regexp.MustCompile(`^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$`)
)

// AKSCluster names a region's managed cluster, e.g. "aks-starfall-prod-jpe".
func (id Identity) AKSCluster(code string) string {
	return truncate(id.Regional("aks", code), MaxAKSName)
}

// AKSDNSPrefix is the cluster's API server DNS prefix: 1-54 letters, digits and
// '-', starting and ending with a letter or digit, e.g. "starfall-prod-jpe".
func (id Identity) AKSDNSPrefix(code string) string {
	n := nonAlnumDash.ReplaceAllString(strings.ToLower(id.Game+"-"+id.Env+"-"+code), "")
	return truncate(n, MaxDNSPrefix)
}

// AKSNodeResourceGroup names the resource group AKS manages for a cluster's nodes.
func (id Identity) AKSNodeResourceGroup(code string) string {
	return truncate(id.Regional("rg", code+"-aks-nodes"), MaxResourceGroup)
}

var nonAlnumDash = regexp.MustCompile(`[^a-z0-9-]`)

// ValidAKSCluster checks Azure's managed cluster name rule.
func ValidAKSCluster(n string) error {
	if len(n) < 1 || len(n) > MaxAKSName || (len(n) > 1 && !aksNameRE.MatchString(n)) {
		return fmt.Errorf("cluster name %q must be 1-%d letters, digits, '-' or '_', starting and ending with a letter or digit", n, MaxAKSName)
	}
	return nil
}

// ValidAKSDNSPrefix checks Azure's DNS prefix rule.
func ValidAKSDNSPrefix(n string) error {
	if len(n) < MinDNSPrefix || len(n) > MaxDNSPrefix || !dnsPrefixRE.MatchString(n) {
		return fmt.Errorf("DNS prefix %q must be %d-%d letters, digits and '-', starting and ending with a letter or digit", n, MinDNSPrefix, MaxDNSPrefix)
	}
	return nil
}
