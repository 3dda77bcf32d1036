package engine

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/requests"
	"github.com/gameplatform/platform/policies/rules"
)

// requestDoc is a request of the tier for the regions on vmSize.
func requestDoc(name string, tier spec.Tier, regions []string, vmSize string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "environment: %s\nstudio: nebula-forge\ngame: starfall\ntier: %s\nowners: [qa@nebulaforge.example]\ncostCenter: CC-1\n", name, tier)
	b.WriteString("regions:\n")
	for _, r := range regions {
		fmt.Fprintf(&b, "  - {name: %s, peakPlayers: 500}\n", r)
	}
	fmt.Fprintf(&b, "playersPerServer: 16\nvcpuPerServer: 1\nvmSize: %s\nbudgetMonthlyUSD: 10000000\n", vmSize)
	if tier != spec.TierProd {
		b.WriteString("expiresOn: 2026-11-30\n")
	}
	return b.String()
}

// generate checks and generates a request into dir and loads the environment.
func generate(t *testing.T, dir, name string, tier spec.Tier, regions []string, vmSize string) (*spec.Spec, string) {
	t.Helper()
	src := requests.RequestsDir + "/" + name + ".yaml"
	c, err := requests.Check(src, []byte(requestDoc(name, tier, regions, vmSize)), requests.Context{Now: testNow, EnvDir: dir})
	if err != nil {
		t.Fatalf("%s %v on %s: the request is refused: %v", tier, regions, vmSize, err)
	}
	env, err := requests.Generate(c, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(env.Path, env.File, 0o644); err != nil {
		t.Fatal(err)
	}
	s, _, err := spec.LoadFile(env.Path, name, testNow)
	if err != nil {
		t.Fatalf("generated environment does not load: %v", err)
	}
	return s, env.Path
}

// Every tier × region and tier × VM size a request accepts passes the policy pack's
// allowed-regions and allowed-vm-sizes: the request could not have been refused by
// the pack for a reason it could check itself. Each combination is generated as the
// request would be and judged by the two policies on what the program registers
// (locations, node pools); a few combinations are planned in full and pass every
// policy of the pack (the SKUs, retention and protection of the tier's profile).
func TestEveryRequestableTierRegionAndVMSizePassesThePack(t *testing.T) {
	regionPolicy, vmPolicy := rules.Lookup("allowed-regions"), rules.Lookup("allowed-vm-sizes")
	dir := t.TempDir()
	n := 0
	for _, tier := range spec.Tiers {
		regions, sizes := requests.AllowedRegions(tier), requests.AllowedVMSizes(tier)
		if len(regions) == 0 || len(sizes) == 0 {
			t.Fatalf("%s: no regions or VM sizes open", tier)
		}
		for i, region := range regions {
			vm := sizes[i%len(sizes)]
			n++
			s, path := generate(t, dir, fmt.Sprintf("walk%d", n), tier, []string{region}, vm)
			os.Remove(path) // each combination on its own; blocks are not kept
			env := rules.EnvFromSpec(s)
			res := &rules.Resource{Resource: plan.Resource{URN: "urn:" + region, Type: rules.TypeVirtualNetwork, Custom: true, Inputs: map[string]any{"location": s.Regions[0].Name}}}
			for _, f := range rules.CheckResource(regionPolicy, env, res) {
				t.Errorf("%s request in %s passes, the pack refuses it: %s", tier, region, f.Message)
			}
		}
		for _, vm := range sizes {
			n++
			s, path := generate(t, dir, fmt.Sprintf("walk%d", n), tier, regions[:1], vm)
			os.Remove(path)
			env := rules.EnvFromSpec(s)
			sizing, err := s.Sizing()
			if err != nil {
				t.Fatal(err)
			}
			var profiles []any
			for _, p := range sizing[0].Pools() {
				profiles = append(profiles, map[string]any{"name": p.Name, "vmSize": p.VMSize, "count": float64(p.MinNodes), "maxCount": float64(p.MaxNodes)})
			}
			res := &rules.Resource{Resource: plan.Resource{URN: "urn:" + vm, Type: rules.TypeManagedCluster, Custom: true, Inputs: map[string]any{"agentPoolProfiles": profiles}}}
			for _, f := range rules.CheckResource(vmPolicy, env, res) {
				t.Errorf("%s request on %s passes, the pack refuses it: %s", tier, vm, f.Message)
			}
		}
	}
	// A few full plans: each tier with several of its regions on a non-default size.
	for _, tier := range spec.Tiers {
		regions, sizes := requests.AllowedRegions(tier), requests.AllowedVMSizes(tier)
		take := min(3, len(regions))
		name := "full-" + string(tier)
		_, path := generate(t, dir, name, tier, regions[len(regions)-take:], sizes[len(sizes)-1])
		res, err := PlanFile(path, name, dir, testNow)
		if err != nil {
			t.Fatalf("%s: %v", tier, err)
		}
		// Every policy, not only the two above: the SKUs, retention, zones and
		// protection the tier profile gives the components pass the pack too.
		for _, r := range res.Plan.PolicyResults {
			if r.EnforcementLevel == "mandatory" {
				t.Errorf("%s: %s: %s", tier, r.Policy, r.Message)
			}
		}
	}
}

// A prod environment with a long name (and a long game) plans without a
// naming-convention finding: the names the program gives it follow the convention
// the pack checks (the property test in policies/rules covers the names at large).
func TestLongProdNamesPassTheNamingPolicy(t *testing.T) {
	sc := genStackConfig(t, spec.TierProd, 1)
	sc.Values[spec.Namespace+":game"] = "starfall-legends-x9"
	const stack = "season3-launch-eu"
	s, err := spec.FromConfig(stack, "generated", sc.Values, testNow)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Evaluate(stack, sc, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := analyze(p, s); err != nil {
		t.Fatal(err)
	}
	for _, r := range p.PolicyResults {
		if r.Policy == "naming-convention" {
			t.Errorf("%s: %s", r.EnforcementLevel, r.Message)
		}
	}
	vaults := 0
	for _, r := range p.Resources {
		if r.Custom && catalog.BaseType(r.Type) == rules.TypeKeyVault {
			vaults++
			if name, _ := r.Inputs["vaultName"].(string); !strings.HasPrefix(name, "kv-starfall-season3-") {
				t.Errorf("vault name %q", name)
			}
		}
	}
	if vaults == 0 {
		t.Error("the plan has no Key Vault: the test checks nothing")
	}
}
