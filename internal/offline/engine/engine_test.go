package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

var update = flag.Bool("update", false, "rewrite the golden resource graphs in testdata/")

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

const envDir = "../../../environments"

// shipped are the environments the repository ships; each is planned once per test
// binary and shared by every test.
var shipped = []string{"dev", "staging", "prod"}

var (
	plansOnce sync.Once
	plans     map[plan.Mode]map[string]*Result
	plansErr  error
)

// shippedPlans are the shipped environments planned as deployed stacks
// (plan.ModeApplied): the wiring tests read values Azure computes (IDs, host names,
// principal IDs), placeholders of the right shape in that mode.
func shippedPlans(t *testing.T) map[string]*Result {
	t.Helper()
	return shippedPlansIn(t, plan.ModeApplied)
}

// shippedPreviews are the shipped environments as a preview of a fresh stack sees
// them (plan.ModePreview, the default): computed values unknown.
func shippedPreviews(t *testing.T) map[string]*Result {
	t.Helper()
	return shippedPlansIn(t, plan.ModePreview)
}

func shippedPlansIn(t *testing.T, mode plan.Mode) map[string]*Result {
	t.Helper()
	plansOnce.Do(func() {
		plans = map[plan.Mode]map[string]*Result{}
		for _, m := range plan.Modes {
			plans[m] = map[string]*Result{}
			for _, env := range shipped {
				r, err := Plan(Options{Dir: envDir, Stack: env, Now: testNow, Mode: m})
				if err != nil {
					plansErr = fmt.Errorf("%s in %s mode: %w", env, m, err)
					return
				}
				plans[m][env] = r
			}
		}
	})
	if plansErr != nil {
		t.Fatalf("planning shipped environments: %v", plansErr)
	}
	return plans[mode]
}

func TestShippedEnvironmentsPlan(t *testing.T) {
	ps := shippedPlans(t)
	wantRegions := map[string]int{"dev": 1, "staging": 2}
	for env, r := range ps {
		if r.Plan.Summary.Resources == 0 {
			t.Errorf("%s: empty plan", env)
		}
		if n, ok := wantRegions[env]; ok && len(r.Spec.Regions) != n {
			t.Errorf("%s: %d regions, want %d", env, len(r.Spec.Regions), n)
		}
		// every region has its own subtree
		for _, region := range r.Spec.RegionNames() {
			if r.Plan.Summary.ByRegion[region] == 0 {
				t.Errorf("%s: region %s has no resources", env, region)
			}
		}
	}
}

func TestProdSpread(t *testing.T) {
	s := shippedPlans(t)["prod"].Spec
	continents := map[spec.Continent]bool{}
	names := map[string]bool{}
	for _, r := range s.Regions {
		continents[spec.Regions[r.Name].Continent] = true
		names[r.Name] = true
	}
	if len(s.Regions) < 6 || len(continents) < 3 || !names["japaneast"] || !names["japanwest"] {
		t.Errorf("prod must have >= 6 regions on >= 3 continents incl. japaneast/japanwest; got %v on %d continents", s.RegionNames(), len(continents))
	}
}

func TestTagsOnEveryTaggableResource(t *testing.T) {
	for env, r := range shippedPlans(t) {
		for _, res := range r.Plan.Resources {
			tags, ok := res.Inputs["tags"].(map[string]any)
			if !ok {
				continue
			}
			for _, k := range spec.RequiredTagKeys {
				if _, ok := tags[k]; !ok {
					t.Errorf("%s: %s lacks tag %q", env, res.URN, k)
				}
			}
			if tags["environment"] != env {
				t.Errorf("%s: %s environment tag = %v", env, res.URN, tags["environment"])
			}
		}
	}
}

// golden renders the sorted (type, name, parent name) list of a plan.
func golden(p *plan.Plan) string {
	idx := p.Index()
	var lines []string
	for _, r := range p.Resources {
		parent := "-"
		if pr, ok := idx[r.Parent]; ok {
			parent = pr.Name
		}
		lines = append(lines, r.Type+" "+r.Name+" "+parent+" "+registrationDigest(r))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// registrationDigest condenses what a resource is registered with — its inputs,
// dependencies (explicit and per property) and resource options — so a golden line
// changes when any of them does and a refactor that must not change the program can
// prove it did not.
func registrationDigest(r plan.Resource) string {
	b, err := json.Marshal(struct {
		Inputs               map[string]any
		Dependencies         []string
		PropertyDependencies map[string][]string
		Protect, Retain, DBR bool
		IgnoreChanges        []string
	}{r.Inputs, r.Dependencies, r.PropertyDependencies, r.Protect, r.RetainOnDelete, r.DeleteBeforeReplace, r.IgnoreChanges})
	if err != nil {
		return "unencodable:" + err.Error()
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// TestGoldenResourceGraph fails when a resource is renamed, added or removed, or
// registered with other inputs, dependencies or options, without the golden file
// being updated on purpose: a rename is a replacement in a real stack, and an input
// change is an update (or a replacement) of what is deployed.
// Update with: go test ./internal/offline/engine -run Golden -update
func TestGoldenResourceGraph(t *testing.T) {
	for env, r := range shippedPlans(t) {
		path := filepath.Join("testdata", env+".golden")
		got := golden(r.Plan)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run with -update to create)", env, err)
		}
		if got != string(want) {
			t.Errorf("%s: resource graph or registrations differ from %s; if intended, run `go test ./internal/offline/engine -run Golden -update` (and add aliases for renames)\n%s", env, path, lineDiff(string(want), got))
		}
	}
}

func lineDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for l := range w {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for l := range g {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// TestPlanJSONContract checks the plan JSON has the fields DESIGN.md promises, with
// their JSON types, and that inputs are carried as registered.
func TestPlanJSONContract(t *testing.T) {
	p := shippedPlans(t)["prod"].Plan
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schemaVersion"] != float64(1) || doc["project"] != "game-platform" || doc["stack"] != "prod" {
		t.Errorf("header = %v %v %v", doc["schemaVersion"], doc["project"], doc["stack"])
	}
	for _, k := range []string{"resources", "policyResults"} {
		if _, ok := doc[k].([]any); !ok {
			t.Errorf("%s is %T, want an array", k, doc[k])
		}
	}
	cost, _ := doc["cost"].(map[string]any)
	if _, ok := cost["monthlyUSD"].(float64); !ok {
		t.Errorf("cost.monthlyUSD missing: %v", doc["cost"])
	}
	if _, ok := cost["byResource"].(map[string]any); !ok {
		t.Errorf("cost.byResource missing: %v", doc["cost"])
	}
	deploy, _ := doc["deploy"].(map[string]any)
	if _, ok := deploy["criticalPathSeconds"].(float64); !ok {
		t.Errorf("deploy.criticalPathSeconds missing: %v", doc["deploy"])
	}
	if _, ok := deploy["criticalPath"].([]any); !ok {
		t.Errorf("deploy.criticalPath missing: %v", doc["deploy"])
	}
	summary, _ := doc["summary"].(map[string]any)
	if summary["resources"] != float64(p.Summary.Resources) {
		t.Errorf("summary.resources = %v", summary["resources"])
	}
	fields := []string{"urn", "type", "name", "parent", "region", "custom", "inputs", "dependencies", "protect", "retainOnDelete"}
	sawRegional := false
	for _, r := range doc["resources"].([]any) {
		m := r.(map[string]any)
		for _, f := range fields {
			if _, ok := m[f]; !ok {
				t.Fatalf("resource %v lacks %q", m["urn"], f)
			}
		}
		if m["type"] == "azure-native:resources:ResourceGroup" && m["region"] == "japaneast" {
			sawRegional = true
			in := m["inputs"].(map[string]any)
			if in["location"] != "japaneast" || in["resourceGroupName"] != "rg-starfall-prod-jpe" {
				t.Errorf("japaneast resource group inputs = %v", in)
			}
		}
	}
	if !sawRegional {
		t.Error("no japaneast resource group in the prod plan")
	}
}

func TestDependenciesFollowInputs(t *testing.T) {
	p := shippedPlans(t)["dev"].Plan
	idx := p.Index()
	for _, r := range p.Resources {
		if r.Type != "azure-native:operationalinsights:Workspace" {
			continue
		}
		if len(r.Dependencies) != 1 || idx[r.Dependencies[0]].Type != "azure-native:resources:ResourceGroup" {
			t.Errorf("workspace dependencies = %v, want its resource group only", r.Dependencies)
		}
		return
	}
	t.Fatal("no workspace in the dev plan")
}

func TestBadConfigIsAConfigError(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(envDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "name: westeurope", "name: westeurop", 1)
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Plan(Options{Dir: dir, Stack: "dev", Now: testNow})
	ce, ok := err.(*spec.ConfigError)
	if !ok {
		t.Fatalf("err = %T %v, want *spec.ConfigError", err, err)
	}
	if !strings.Contains(ce.Error(), "Pulumi.dev.yaml") || !strings.Contains(ce.Error(), `regions[0].name: unknown Azure region "westeurop"`) {
		t.Errorf("message = %v", ce)
	}
}

func TestShippedEnvironmentsDoNotOverlap(t *testing.T) {
	blocks, errs := spec.BlocksInDir(envDir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for i := range blocks {
		for j := i + 1; j < len(blocks); j++ {
			if blocks[i].Prefix.Overlaps(blocks[j].Prefix) {
				t.Errorf("%s/%s %s overlaps %s/%s %s", blocks[i].Env, blocks[i].Region, blocks[i].Prefix, blocks[j].Env, blocks[j].Region, blocks[j].Prefix)
			}
		}
	}
}

// The address plan across environments is checked with every other problem, and by
// the program itself as it runs under the Pulumi CLI (stacks.Run reading the
// stackConfigDir), not only by the offline loader: both reject the same input with
// the same problems.
func TestAddressOverlapReportedWithEveryProblemOnBothPaths(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(envDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	blocks, _ := spec.BlocksInDir(envDir)
	var devBlock string
	for _, b := range blocks {
		if b.Env == "dev" {
			devBlock = b.Prefix.String()
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// "copy" takes dev's block and also has a bad owner.
	bad := strings.Replace(string(data), "@", "at", 1)
	if bad == string(data) {
		t.Fatal("no owner to break")
	}
	path := filepath.Join(dir, "Pulumi.copy.yaml")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	wantOverlap := fmt.Sprintf(`regions[0].addressSpace: %s overlaps environment "dev" region`, devBlock)
	check := func(name string, err error) {
		t.Helper()
		var ce *spec.ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("%s: err = %T %v, want *spec.ConfigError", name, err, err)
		}
		var overlap, owner bool
		for _, p := range ce.Problems() {
			overlap = overlap || strings.HasPrefix(p, wantOverlap)
			owner = owner || strings.HasPrefix(p, "owners[0]: ")
		}
		if !overlap || !owner || !strings.Contains(ce.Error(), "Pulumi.copy.yaml") {
			t.Errorf("%s: want the overlap and the owner problem together, got\n%v", name, ce)
		}
	}
	_, _, err = Load(Options{Dir: dir, Stack: "copy", Now: testNow})
	check("offline loader", err)

	// The program under the engine: config values only, blocks read from EnvDir.
	sc, err := spec.ReadStackFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = evaluate("copy", sc, testNow, dir, DefaultMode)
	check("program", err)
	// With a valid owner, the overlap alone refuses it; without the other
	// environments the program accepts it, so the directory made the difference.
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if sc, err = spec.ReadStackFile(path); err != nil {
		t.Fatal(err)
	}
	if _, err := evaluate("copy", sc, testNow, dir, DefaultMode); err == nil || !strings.Contains(err.Error(), wantOverlap) {
		t.Errorf("program with other environments: %v", err)
	}
	if _, err := evaluate("copy", sc, testNow, "", DefaultMode); err != nil {
		t.Errorf("program without other environments: %v", err)
	}
}
