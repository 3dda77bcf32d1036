package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/review"
	"github.com/gameplatform/platform/policies/rules"
)

// planVariant plans the shipped environment env with edit applied to its stack
// file, in a directory of its own, in preview mode unless applied.
func planVariant(t *testing.T, env string, mode plan.Mode, edit func(string) string) *Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(envDir, "Pulumi."+env+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	changed := edit(string(data))
	if changed == string(data) {
		t.Fatal("the edit changed nothing")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Pulumi."+env+".yaml"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Plan(Options{Dir: dir, Stack: env, Now: testNow, Mode: mode})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The shipped environments ask Azure for no public IP prefix: Azure allocates /28
// (16 addresses) at most from its own pool, far fewer than a region's game nodes,
// so every game node gets its own Standard public IP.
func TestShippedEnvironmentsNeedNoPrefix(t *testing.T) {
	for env, r := range shippedPlans(t) {
		for _, res := range r.Plan.Resources {
			if res.Type == rules.TypePublicIPPrefix {
				t.Errorf("%s: %s is a public IP prefix; the shipped environments bring no custom prefix", env, res.Name)
			}
			if strings.HasSuffix(res.Type, ":AgentPool") && (res.Inputs["enableNodePublicIP"] != true || res.Inputs["nodePublicIPPrefixID"] != nil) {
				t.Errorf("%s: game pool %s: enableNodePublicIP %v nodePublicIPPrefixID %v; want node public IPs without a prefix", env, res.Name, res.Inputs["enableNodePublicIP"], res.Inputs["nodePublicIPPrefixID"])
			}
		}
	}
}

// A region with a custom (BYOIP) prefix derives its game prefix from it; the prefix
// is protected in prod (it holds the addresses partners allow-list), the region's
// game pools draw from it, no other region changes, and every policy passes — and
// the protect-stateful policy catches the prefix unprotected.
func TestCustomPrefixRegion(t *testing.T) {
	const cip = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ip/providers/Microsoft.Network/customIpPrefixes/cip-starfall-jpw"
	for _, mode := range plan.Modes {
		r := planVariant(t, "prod", mode, func(s string) string {
			return strings.Replace(s, "addressSpace: 10.101.0.0/16\n", "addressSpace: 10.101.0.0/16\n      customIpPrefixId: "+cip+"\n", 1)
		})
		var prefix *plan.Resource
		for i, res := range r.Plan.Resources {
			if res.Type == rules.TypePublicIPPrefix {
				if prefix != nil {
					t.Fatalf("%s: a second prefix %s", mode, res.Name)
				}
				prefix = &r.Plan.Resources[i]
			}
		}
		if prefix == nil {
			t.Fatalf("%s: no game prefix for the custom prefix", mode)
		}
		if prefix.Region != "japanwest" || !prefix.Protect || prefix.Inputs["prefixLength"] != float64(21) ||
			cmp.Diff(map[string]any{"id": cip}, prefix.Inputs["customIPPrefix"]) != "" {
			t.Errorf("%s: prefix region %s protect %v inputs %v; want japanwest, protected, a /21 derived from the custom prefix for its 1,042 nodes", mode, prefix.Region, prefix.Protect, prefix.Inputs)
		}
		for _, res := range r.Plan.Resources {
			if strings.HasSuffix(res.Type, ":AgentPool") {
				_, set := res.Inputs["nodePublicIPPrefixID"]
				if set != (res.Region == "japanwest") {
					t.Errorf("%s: %s nodePublicIPPrefixID set %v; want only japanwest's pools on the prefix", mode, res.Name, set)
				}
			}
		}
		if n := mandatory(r.Plan.PolicyResults); n > 0 {
			t.Errorf("%s: %d mandatory violations: %v", mode, n, r.Plan.PolicyResults)
		}
		b := planBreak{name: "prefix unprotected", catch: "protect-stateful", match: ofType(rules.TypePublicIPPrefix), apply: func(_ *testing.T, _ *plan.Plan, r *plan.Resource) { r.Protect = false }}
		p, s, urn := applyBreak(t, r, b)
		results, err := CheckPolicies(p, s)
		if err != nil {
			t.Fatal(err)
		}
		caught := false
		for _, pr := range results {
			caught = caught || (pr.Policy == "protect-stateful" && pr.URN == urn && pr.EnforcementLevel == "mandatory")
		}
		if !caught {
			t.Errorf("%s: an unprotected prod prefix is not caught: %v", mode, results)
		}
	}
}

func mandatory(rs []plan.PolicyResult) int {
	n := 0
	for _, r := range rs {
		if r.EnforcementLevel == "mandatory" {
			n++
		}
	}
	return n
}

// Day 2: a region's demand grows past its game pools. The change Azure must accept
// on the running cluster is one new AgentPool (a per-pool operation) — the cluster
// itself does not change — and the review says so: a created node pool, the
// region's fleet autoscaler raised to what the pools hold, nothing replaced or
// dangerous.
func TestMorePlayersAddAGamePoolNotAClusterChange(t *testing.T) {
	base := shippedPlansIn(t, plan.ModePreview)["prod"].Plan
	// japanwest: 80,000 players fit two pools of at most 1,000 nodes; 200,000 need three.
	head := planVariant(t, "prod", plan.ModePreview, func(s string) string {
		return strings.Replace(s, "capacity: {peakPlayers: 80000,", "capacity: {peakPlayers: 200000,", 1)
	}).Plan
	rv, err := review.FromPlans(base, head, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var created, other []string
	for _, c := range rv.Changes {
		switch {
		case c.Op == review.OpCreate && strings.HasSuffix(c.Type, ":AgentPool"):
			created = append(created, c.Name)
		case c.Op == review.OpUpdate && (strings.HasSuffix(c.Type, ":AgentPool") || strings.HasSuffix(c.Type, ":FleetAutoscaler")) && c.Region == "japanwest":
			// the other pools' ranges are re-split (an in-place update of each pool),
			// and the fleet may scale to what the pools now hold
		default:
			other = append(other, string(c.Op)+" "+c.Type+" "+c.Name)
		}
	}
	if diff := cmp.Diff([]string{"japanwest-cluster-game3"}, created); diff != "" {
		t.Errorf("created pools (-want +got):\n%s", diff)
	}
	if len(other) > 0 || rv.Counts.Replace > 0 || len(rv.Dangerous()) > 0 || len(rv.Warnings) > 0 {
		t.Errorf("growing demand changes more than the region's pools: %v (replace %d, dangerous %d, warnings %v)", other, rv.Counts.Replace, len(rv.Dangerous()), rv.Warnings)
	}
	// The new pool waits for the previous one (one pool operation per cluster at a time).
	hi := head.Index()
	pool := hi["urn:pulumi:prod::game-platform::gameplatform:stacks:Region$gameplatform:gamecluster:GameCluster$azure-native:containerservice/v20240801:AgentPool::japanwest-cluster-game3"]
	if pool == nil {
		t.Fatal("no game3 pool by URN")
	}
	waits := false
	for _, d := range pool.Dependencies {
		waits = waits || strings.HasSuffix(d, "::japanwest-cluster-game2")
	}
	if !waits {
		t.Errorf("game3 does not wait for game2: %v", pool.Dependencies)
	}
}

// Changing a game pool's VM size replaces the pool: the review shows it as a
// dangerous replacement that ends the matches on its nodes.
func TestNewVMSizeReplacesTheGamePools(t *testing.T) {
	base := shippedPlansIn(t, plan.ModePreview)["dev"].Plan
	head := planVariant(t, "dev", plan.ModePreview, func(s string) string {
		return strings.Replace(s, "vmSize: Standard_F8s_v2", "vmSize: Standard_F16s_v2", 1)
	}).Plan
	rv, err := review.FromPlans(base, head, review.Options{})
	if err != nil {
		t.Fatal(err)
	}
	replaced := 0
	for _, c := range rv.Changes {
		if strings.HasSuffix(c.Type, ":AgentPool") && c.Op == review.OpReplace {
			replaced++
			if !c.Danger || !strings.Contains(c.DangerReason, "matches still running on them end") {
				t.Errorf("%s replacement: danger %v %q", c.Name, c.Danger, c.DangerReason)
			}
		}
		if strings.HasSuffix(c.Type, ":ManagedCluster") {
			t.Errorf("the cluster changes: %+v", c)
		}
	}
	if replaced == 0 || len(rv.Blocked) == 0 {
		t.Errorf("%d pools replaced, blocked %v; want the game pools replaced and the review blocked until allowed", replaced, rv.Blocked)
	}
}

// The quota report, read from what the program registers, agrees with the capacity
// model: per region, every family's vCPU at the pools' maximum, and one Standard
// public IP per game node plus the entry and NAT gateway IPs; above the default
// public IP quota it asks for a request.
func TestQuotaReportMatchesTheCapacityModel(t *testing.T) {
	for env, r := range shippedPlans(t) {
		sizing, err := r.Spec.Sizing()
		if err != nil {
			t.Fatal(err)
		}
		q := r.Plan.Quota
		if q == nil || len(q.Regions) != len(r.Spec.Regions) {
			t.Fatalf("%s: quota report %+v, want one entry per region", env, q)
		}
		byRegion := map[string]plan.RegionQuota{}
		for _, rq := range q.Regions {
			byRegion[rq.Region] = rq
		}
		for i, reg := range r.Spec.Regions {
			got, want := byRegion[reg.Name], sizing[i]
			if diff := cmp.Diff(want.VCPUByFamily(), got.VCPUByFamily); diff != "" {
				t.Errorf("%s %s vCPU by family (-capacity model +quota report):\n%s", env, reg.Name, diff)
			}
			if ips := want.MaxNodes + 2; got.StandardPublicIPs != ips {
				t.Errorf("%s %s: %d Standard public IPs, want %d (game nodes at max + entry + NAT)", env, reg.Name, got.StandardPublicIPs, ips)
			}
			request := false
			for _, s := range q.Requests {
				request = request || strings.HasPrefix(s, reg.Name+": ") && strings.Contains(s, "Standard public IP addresses, above the default quota of 10")
			}
			if request != (got.StandardPublicIPs > 10) {
				t.Errorf("%s %s: public IP quota request listed %v for %d addresses", env, reg.Name, request, got.StandardPublicIPs)
			}
		}
	}
}
