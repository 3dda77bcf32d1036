package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/quota"
)

// renderCapacity prints the capacity model's sizing of every region: game servers
// and nodes at peak, each node pool's autoscaler bounds, and the vCPU per VM family
// the region needs at maximum (the regional quota to request), plus the totals.
// The spec is validated, which already rejected demand the model cannot size.
func renderCapacity(w io.Writer, s *spec.Spec) {
	plans, err := s.Sizing()
	if err != nil {
		fmt.Fprintf(w, "\nCapacity: %v\n", err)
		return
	}
	fmt.Fprintf(w, "\nCapacity (%.0f%% of each node usable, %.0f%% autoscaler headroom, %.0f%% of peak kept warm):\n",
		capacity.UsableFraction*100, capacity.Headroom*100, capacity.StandbyFraction*100)
	id := naming.Identity{Studio: s.Studio, Game: s.Game, Env: s.Stack}
	image := id.ContainerRegistryLoginServer() + "/" + s.GameServer.Image
	total := map[string]int{}
	for i, r := range s.Regions {
		p := plans[i]
		fmt.Fprintf(w, "  %s: %d players peak -> %d servers, %d per node, %d game nodes at peak\n",
			r.Name, r.Capacity.PeakPlayers, p.Servers, p.ServersPerNode, p.NodesAtPeak)
		for _, pool := range p.Pools() {
			fmt.Fprintf(w, "    %-8s %-18s %5d..%-5d nodes\n", pool.Name, pool.VMSize, pool.MinNodes, pool.MaxNodes)
		}
		// What the region's Agones fleet runs and how its autoscaler is bounded
		// (components/gameservers registers the same values).
		f := p.Fleet()
		fmt.Fprintf(w, "    servers  Agones %s, fleet %s, standby %d, %d..%d servers\n",
			agones.Version, image, f.Standby, f.Min, f.Max)
		var quota []string
		for _, f := range p.Families() {
			v := p.VCPUByFamily()[f]
			total[f] += v
			quota = append(quota, fmt.Sprintf("%s %d", f, v))
		}
		fmt.Fprintf(w, "    vCPU at max: %s\n", strings.Join(quota, ", "))
	}
	families := make([]string, 0, len(total))
	for f := range total {
		families = append(families, f)
	}
	sort.Strings(families)
	var parts []string
	for _, f := range families {
		parts = append(parts, fmt.Sprintf("%s %d", f, total[f]))
	}
	fmt.Fprintf(w, "  all regions, vCPU at max: %s\n", strings.Join(parts, ", "))
}

// renderQuota prints the plan's quota report: per region, the vCPU per VM family
// and in total and the Standard public IPs at every pool's maximum, then the quota
// requests to file before `pulumi up`.
func renderQuota(w io.Writer, q *plan.Quota) {
	if q == nil {
		return
	}
	fmt.Fprintln(w, "\nQuota to request before `pulumi up` (per region, every pool at its maximum):")
	for _, r := range q.Regions {
		var fams []string
		for _, f := range quota.Families(r) {
			fams = append(fams, fmt.Sprintf("%s %s", f, thousandsInt(r.VCPUByFamily[f])))
		}
		line := fmt.Sprintf("  %-14s vCPU %s (%s); Standard public IPs %s", r.Region, thousandsInt(r.TotalVCPU), strings.Join(fams, ", "), thousandsInt(r.StandardPublicIPs))
		if r.PublicIPPrefixes > 0 {
			line += fmt.Sprintf("; public IP prefixes %d", r.PublicIPPrefixes)
		}
		fmt.Fprintln(w, line)
	}
	for _, n := range q.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
}
