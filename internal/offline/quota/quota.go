// Package quota derives, from an offline plan, the per-region subscription quotas a
// deployment needs before `pulumi up`: vCPU per VM family and in total (every node
// pool at its autoscaler maximum) and Standard public IP addresses (standalone ones
// and one per game node without a prefix), so a platform engineer can file the
// quota requests first. The figures come from what the program registers, not from
// the spec: a test holds them equal to the capacity model's.
package quota

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/azurelimits"
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// FromPlan returns the plan's quota report. A pool whose VM size or maximum is not
// known (a value computed at apply, a size outside the catalogue) is counted as far
// as it can be and named in the notes.
func FromPlan(p *plan.Plan) *plan.Quota {
	by := map[string]*plan.RegionQuota{}
	region := func(name string) *plan.RegionQuota {
		if by[name] == nil {
			by[name] = &plan.RegionQuota{Region: name, VCPUByFamily: map[string]int{}}
		}
		return by[name]
	}
	var notes []string
	addPool := func(r *plan.Resource, in map[string]any, what string) {
		q := region(r.Region)
		size, _ := in["vmSize"].(string)
		vm, known := spec.VMSizes[size]
		max, ok := in["maxCount"].(float64)
		if !ok {
			max, ok = in["count"].(float64)
		}
		if !known || !ok {
			notes = append(notes, fmt.Sprintf("%s %s: VM size %v or node maximum %v unknown, not counted", r.Name, what, in["vmSize"], in["maxCount"]))
			return
		}
		q.VCPUByFamily[vm.Family] += int(max) * vm.VCPU
		q.TotalVCPU += int(max) * vm.VCPU
		if pip, _ := in["enableNodePublicIP"].(bool); pip {
			if _, fromPrefix := in["nodePublicIPPrefixID"]; !fromPrefix {
				q.StandardPublicIPs += int(max)
			}
		}
	}
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Region == "" {
			continue // environment-wide resources use no regional compute or addresses the report tracks
		}
		switch catalog.BaseType(r.Type) {
		case "azure-native:containerservice:ManagedCluster":
			profiles, _ := r.Inputs["agentPoolProfiles"].([]any)
			for j, e := range profiles {
				if m, ok := e.(map[string]any); ok {
					addPool(r, m, fmt.Sprintf("agentPoolProfiles[%d]", j))
				}
			}
		case "azure-native:containerservice:AgentPool":
			addPool(r, r.Inputs, "")
		case "azure-native:network:PublicIPAddress":
			if sku, _ := r.Inputs["sku"].(map[string]any); sku != nil && strings.EqualFold(fmt.Sprint(sku["name"]), "Standard") {
				region(r.Region).StandardPublicIPs++
			}
		case "azure-native:network:PublicIPPrefix":
			region(r.Region).PublicIPPrefixes++
		}
	}
	out := &plan.Quota{Regions: []plan.RegionQuota{}, Requests: []string{}}
	for _, q := range by {
		out.Regions = append(out.Regions, *q)
	}
	sort.Slice(out.Regions, func(i, j int) bool { return out.Regions[i].Region < out.Regions[j].Region })
	for _, q := range out.Regions {
		if q.StandardPublicIPs > azurelimits.StandardPublicIPsDefault {
			out.Requests = append(out.Requests, fmt.Sprintf("%s: %d Standard public IP addresses, above the default quota of %d per region (Enterprise Agreement subscriptions start at %d)",
				q.Region, q.StandardPublicIPs, azurelimits.StandardPublicIPsDefault, azurelimits.StandardPublicIPsEA))
		}
		for _, f := range Families(q) {
			out.Requests = append(out.Requests, fmt.Sprintf("%s: %d vCPU of %s", q.Region, q.VCPUByFamily[f], f))
		}
		if q.TotalVCPU > 0 {
			out.Requests = append(out.Requests, fmt.Sprintf("%s: %d Total Regional vCPUs", q.Region, q.TotalVCPU))
		}
	}
	out.Notes = append([]string{
		"vCPU counts every node pool at its autoscaler maximum; Azure's default vCPU quotas depend on the subscription's offer and are far below a game region's, so each family and the regional total are listed to request (" + azurelimits.SourceVCPUQuota + ").",
		fmt.Sprintf("Standard public IPs count the regional entry IP, the NAT gateway's IP and, without a custom prefix, one per game node at its pool's maximum; the default quota is %d per region per subscription (%s).", azurelimits.StandardPublicIPsDefault, azurelimits.SourcePublicIP),
		"Compare with the subscription's usage and limits: `az vm list-usage --location <region>` and `az network list-usages --location <region>`.",
	}, notes...)
	return out
}

// Families returns a region's VM families, sorted.
func Families(q plan.RegionQuota) []string {
	out := make([]string, 0, len(q.VCPUByFamily))
	for f := range q.VCPUByFamily {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
