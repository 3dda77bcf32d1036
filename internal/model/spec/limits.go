package spec

import (
	"fmt"
	"github.com/gameplatform/platform/internal/model/tier"
	"time"

	"github.com/gameplatform/platform/internal/model/azurelimits"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/field"
)

// Footprint counts what the program registers against Azure's per-resource limits
// (azurelimits.Footprint). The counts that grow with the spec come from it; the
// fixed shape mirrors components/cdn (two endpoints, the patches and API origin
// groups, one route per endpoint, the patch-cache rule set with one rule, the WAF
// rate-limit rule), components/routing (the match, api and patches records beside
// the zone's own NS and SOA, and the _dnsauth TXT records validating
// the api and patches custom domains) and components/network (the game subnet's four NSG
// rules; peerings only with network.peering: mesh); internal/offline/engine's tests hold it equal to every shipped plan.
func (s *Spec) Footprint() azurelimits.Footprint {
	n := len(s.Regions)
	peerings := 0
	if s.Network.Peering == PeeringMesh {
		peerings = max(0, n-1) // each VNet peers with every other
	}
	return azurelimits.Footprint{
		Regions:                    n,
		TrafficManagerEndpoints:    n,
		FrontDoorEndpoints:         2,
		FrontDoorOriginGroups:      2,
		FrontDoorOrigins:           1 + n,
		FrontDoorLargestGroup:      max(1, n),
		FrontDoorRoutesPerEndpoint: 1,
		FrontDoorRuleSets:          1,
		FrontDoorRulesPerRuleSet:   1,
		WAFCustomRules:             1,
		DNSRecordSets:              7,
		NSGRules:                   4,
		PeeringsPerVNet:            peerings,
	}
}

// KubernetesNotice is the warning for a kubernetesVersion past AKS's end of life
// on day now, or "". Like a past expiry it is not a configuration error: the
// environment's clusters exist and must stay plannable and destroyable; the plan's
// summary and the program under the Pulumi CLI show it.
func (s *Spec) KubernetesNotice(now time.Time) string {
	if v := s.Cluster.KubernetesVersion; v != "" && k8sVerRE.MatchString(v) {
		_, notice := azurelimits.CheckKubernetesVersion(v, now)
		return notice
	}
	return ""
}

// validateAzureLimits checks the spec against Azure's limits that the other
// validators do not already judge (the capacity model refuses nodes and pools
// beyond AKS's limits): the Kubernetes version AKS supports on day now, the VM
// families each region offers, availability zones for prod and the per-resource
// limits of the environment's footprint.
func validateAzureLimits(c *field.ErrorList, s *Spec, now time.Time) {
	if v := s.Cluster.KubernetesVersion; v != "" && k8sVerRE.MatchString(v) {
		if refusal, _ := azurelimits.CheckKubernetesVersion(v, now); refusal != "" {
			c.Add("cluster.kubernetesVersion", "%s", refusal)
		}
	}
	for i, r := range s.Regions {
		path := fmt.Sprintf("regions[%d]", i)
		if _, ok := Regions[r.Name]; !ok {
			continue // reported as an unknown region
		}
		if p, err := tier.Lookup(s.Tier); err == nil && p.Zones && !azurelimits.HasZones(r.Name) {
			c.Add(path+".name", "%s has no availability zones and prod spreads every pool over three (%s); pick a region with zones", r.Name, azurelimits.SourceZones)
		}
		if vm, ok := VMSizes[r.Capacity.VMSize]; ok && !azurelimits.VMFamilyOffered(vm.Family, r.Name) {
			c.Add(path+".capacity.vmSize", "%s (%s) is not offered in %s (%s)", vm.Name, vm.Family, r.Name, azurelimits.SourceVMSizes)
		}
		if sys := capacity.SystemVM; !azurelimits.VMFamilyOffered(sys.Family, r.Name) {
			c.Add(path+".name", "the system pool's %s (%s) is not offered in %s (%s)", sys.Name, sys.Family, r.Name, azurelimits.SourceVMSizes)
		}
	}
	for _, v := range s.Footprint().Check() {
		c.Add(v.Field, "%s", v.Msg)
	}
}
