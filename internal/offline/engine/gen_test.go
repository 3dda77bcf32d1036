package engine

import (
	"encoding/json"
	"fmt"
	"github.com/gameplatform/platform/internal/model/azurelimits"
	"github.com/gameplatform/platform/internal/model/tier"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
)

// shippedOrder lists the catalogue's regions with prod's regions first (in prod's
// order), then the others by name, so generated environments extend prod.
func shippedOrder(t testing.TB) []string {
	t.Helper()
	sc, err := spec.ReadStackFile(filepath.Join(envDir, "Pulumi.prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var regions []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(sc.Values[spec.Namespace+":regions"]), &regions); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, r := range regions {
		out = append(out, r.Name)
		seen[r.Name] = true
	}
	rest := spec.RegionNames()
	sort.Strings(rest)
	for _, r := range rest {
		if !seen[r] {
			out = append(out, r)
		}
	}
	return out
}

var syntheticOnce sync.Once

// syntheticRegions adds regions "synth01"… to the region catalogue of this test
// binary, so a generated environment can have more regions than Azure has in the
// catalogue (32 > 23). They are clones of eastus with their own short codes; the
// cost model lists their VMs as not priced (no region factor), which is fine for
// measuring plan time.
func syntheticRegions(n int) []string {
	syntheticOnce.Do(func() {
		for i := 1; i <= 64; i++ {
			name := fmt.Sprintf("synth%02d", i)
			info := spec.Regions["eastus"]
			info.Name, info.Display, info.Short = name, fmt.Sprintf("Synthetic %02d", i), fmt.Sprintf("s%02d", i)
			spec.Regions[name] = info
			// A synthetic region is a stand-in for a real one of the catalogue: it has
			// zones, offers every VM family and is open to every tier, so the
			// benchmarks measure planning, not validation refusals.
			azurelimits.ZonalRegions[name] = true
			for fam, regions := range azurelimits.VMFamilyRegions {
				azurelimits.VMFamilyRegions[fam] = append(regions, name)
			}
			for _, tr := range spec.Tiers {
				p := tier.Of(tr)
				p.AllowedRegions = append(p.AllowedRegions, name)
			}
		}
	})
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("synth%02d", i+1)
	}
	return out
}

// genStackConfig returns the shipped prod stack config with n regions (prod's own
// first, then further catalogue regions, then synthetic ones) and the given tier.
// Each region gets its own /16 and prod-like capacity.
func genStackConfig(t testing.TB, tr spec.Tier, n int) *spec.StackConfig {
	t.Helper()
	base, err := spec.ReadStackFile(filepath.Join(envDir, "Pulumi.prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	names := shippedOrder(t)
	if n > len(names) {
		names = append(names, syntheticRegions(n-len(names))...)
	}
	names = names[:n]
	// The benchmarks measure how planning grows with regions, beyond what a tier
	// allows (prod: 12); this test binary's profile admits them.
	if p := tier.Of(tr); n > p.MaxRegions {
		p.MaxRegions = n
	}
	type capacity struct {
		PeakPlayers      int     `json:"peakPlayers"`
		PlayersPerServer int     `json:"playersPerServer"`
		VCPUPerServer    float64 `json:"vcpuPerServer"`
		VMSize           string  `json:"vmSize"`
	}
	type region struct {
		Name         string   `json:"name"`
		AddressSpace string   `json:"addressSpace"`
		Capacity     capacity `json:"capacity"`
	}
	regions := make([]region, n)
	for i, name := range names {
		regions[i] = region{Name: name, AddressSpace: fmt.Sprintf("10.%d.0.0/16", 100+i),
			Capacity: capacity{PeakPlayers: 60000, PlayersPerServer: 16, VCPUPerServer: 2, VMSize: "Standard_F16s_v2"}}
	}
	js, err := json.Marshal(regions)
	if err != nil {
		t.Fatal(err)
	}
	sc := &spec.StackConfig{Values: map[string]string{}, Secrets: base.Secrets}
	for k, v := range base.Values {
		sc.Values[k] = v
	}
	sc.Values[spec.Namespace+":regions"] = string(js)
	sc.Values[spec.Namespace+":tier"] = string(tr)
	return sc
}
