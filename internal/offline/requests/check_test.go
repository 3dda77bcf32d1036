package requests

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
)

// testNow is a Sunday; the base request expires the Monday after next.
var testNow = time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC)

const baseSource = "environments/requests/playtest.yaml"

const base = `# yaml-language-server: $schema=./schema.json
environment: playtest
studio: nebula-forge
game: starfall
tier: dev
owners:
  - qa@nebulaforge.example
costCenter: CC-1001
regions:
  - name: westeurope
    peakPlayers: 6000
  - name: japaneast
    peakPlayers: 4000
playersPerServer: 16
budgetMonthlyUSD: 30000
expiresOn: 2026-11-30
`

// testEnvDir holds one existing environment, "dev".
func testEnvDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile("../../../environments/Pulumi.dev.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func problemsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ce *spec.ConfigError
	if !errors.As(err, &ce) {
		t.Fatalf("error is %T, want *spec.ConfigError: %v", err, err)
	}
	return ce.Problems()
}

func TestBaseRequestPasses(t *testing.T) {
	c, err := Check(baseSource, []byte(base), Context{Now: testNow, EnvDir: testEnvDir(t)})
	if err != nil {
		t.Fatalf("valid request rejected: %v", err)
	}
	if len(c.Regions) != 2 || c.Regions[0].Name != "westeurope" || c.Regions[0].Capacity.MaxNodes == 0 || c.Regions[0].BlockBits != 20 {
		t.Errorf("sizing = %+v", c.Regions)
	}
	if c.VM() != DefaultVMSize || c.VCPU() != DefaultVCPUPerServer {
		t.Errorf("defaults: vm %s vcpu %v", c.VM(), c.VCPU())
	}
}

// TestCheckEachProblem covers every validation rule: each case edits the valid base
// request and expects one problem, by field path and message.
func TestCheckEachProblem(t *testing.T) {
	cases := []struct {
		name   string
		source string // default baseSource
		edit   func(string) string
		want   string // "path: message prefix"
	}{
		// shape (JSON Schema)
		{"unknown key", "", add("regoins: []"), `regoins: unknown key (did you mean "regions"?)`},
		{"unknown region key", "", repl("    peakPlayers: 6000", "    peakPlayers: 6000\n    players: 10"), `regions[0].players: unknown key (allowed: name, peakPlayers)`},
		{"wrong type number", "", repl("peakPlayers: 4000", "peakPlayers: lots"), `regions[1].peakPlayers: must be a whole number, got "lots"`},
		{"fractional players", "", repl("peakPlayers: 4000", "peakPlayers: 4000.5"), `regions[1].peakPlayers: must be a whole number, got 4000.5`},
		{"wrong type budget", "", repl("budgetMonthlyUSD: 30000", "budgetMonthlyUSD: plenty"), `budgetMonthlyUSD: must be a number, got "plenty"`},
		{"wrong type list", "", repl("owners:\n  - qa@nebulaforge.example", "owners: qa@nebulaforge.example"), `owners: must be a list, got "qa@nebulaforge.example"`},
		{"wrong type bool", "", add("spot: sometimes"), `spot: must be true or false, got "sometimes"`},
		{"missing field", "", repl("costCenter: CC-1001\n", ""), `costCenter: is required`},
		{"missing region players", "", repl("    peakPlayers: 6000\n", ""), `regions[0].peakPlayers: is required`},
		{"empty cost centre", "", repl("costCenter: CC-1001", `costCenter: ""`), `costCenter: must not be empty`},
		{"bad tier", "", repl("tier: dev", "tier: qa"), `tier: "qa" is not allowed (allowed: dev, staging, prod)`},
		{"bad studio", "", repl("studio: nebula-forge", "studio: Nebula Forge"), `studio: "Nebula Forge" must be 3-20 lowercase letters`},
		{"no regions", "", repl("regions:\n  - name: westeurope\n    peakPlayers: 6000\n  - name: japaneast\n    peakPlayers: 4000\n", "regions: []\n"), `regions: needs at least 1 item(s), got 0`},
		{"players per server zero", "", repl("playersPerServer: 16", "playersPerServer: 0"), `playersPerServer: must be at least 1, got 0`},
		{"players per server too many", "", repl("playersPerServer: 16", "playersPerServer: 300"), `playersPerServer: must be at most 256, got 300`},
		{"description too long", "", add("description: " + strings.Repeat("x", 201)), `description: is 201 characters; at most 200 allowed`},
		// identity
		{"bad environment name", "environments/requests/Play_Test.yaml", repl("environment: playtest", "environment: Play_Test"), `environment: "Play_Test" must be 2-20 lowercase letters`},
		{"name does not match file", "environments/requests/other.yaml", nil, `environment: "playtest" does not match the file name other.yaml`},
		{"name collision", "environments/requests/dev.yaml", repl("environment: playtest", "environment: dev"), `environment: an environment named "dev" already exists (`},
		{"invalid email", "", repl("  - qa@nebulaforge.example", "  - qa@nebulaforge.example\n  - not-an-email"), `owners[1]: "not-an-email" is not a valid email address`},
		{"email without dot", "", repl("  - qa@nebulaforge.example", "  - qa@localhost"), `owners[0]: "qa@localhost" is not a valid email address (domain has no dot)`},
		{"duplicate owner", "", repl("  - qa@nebulaforge.example", "  - qa@nebulaforge.example\n  - qa@nebulaforge.example"), `owners[1]: "qa@nebulaforge.example" is already listed as owners[0]`},
		{"blank cost centre", "", repl("costCenter: CC-1001", `costCenter: "  "`), `costCenter: must not be blank`},
		// regions
		{"unknown region", "", repl("name: japaneast", "name: japaneest"), `regions[1].name: unknown Azure region "japaneest" (did you mean "japaneast"?)`},
		{"region closed to tier", "", repl("name: japaneast", "name: uaenorth"), `regions[1].name: region "uaenorth" is not open to dev environments (allowed: eastus2, japaneast, northeurope, westeurope, westus2)`},
		// The tier's regions and VM sizes are the policy pack's (enforcement.yaml).
		{"dev in southeastasia", "", repl("name: japaneast", "name: southeastasia"), `regions[1].name: region "southeastasia" is not open to dev environments (allowed: eastus2, japaneast, northeurope, westeurope, westus2)`},
		{"staging in uksouth", "", func(s string) string {
			return strings.Replace(strings.Replace(strings.Replace(s, "tier: dev", "tier: staging", 1), "expiresOn: 2026-11-30", "expiresOn: 2027-01-21", 1), "name: japaneast", "name: uksouth", 1)
		}, `regions[1].name: region "uksouth" is not open to staging environments (allowed: eastus2, japaneast, japanwest, koreacentral, northeurope, westeurope, westus2)`},
		// An explicit zero is an error, never the default.
		{"zero vcpu per server", "", add("vcpuPerServer: 0"), `vcpuPerServer: must be at least 0.25, got 0`},
		{"zero players per server", "", repl("playersPerServer: 16", "playersPerServer: 0"), `playersPerServer: must be at least 1, got 0`},
		{"vm size closed to tier", "", add("vmSize: Standard_F32s_v2"), `vmSize: VM size "Standard_F32s_v2" is not open to dev environments (allowed: Standard_D2s_v5, Standard_D4s_v5, Standard_D8s_v5, Standard_F16s_v2, Standard_F8s_v2)`},
		{"region open to staging only", "", repl("name: japaneast", "name: koreacentral"), `regions[1].name: region "koreacentral" is not open to dev environments`},
		{"duplicate region", "", repl("name: japaneast", "name: westeurope"), `regions[1].name: region "westeurope" is already listed as regions[0]`},
		{"too many regions", "", repl("regions:\n", "regions:\n  - {name: eastus2, peakPlayers: 10}\n  - {name: westus2, peakPlayers: 10}\n"), `regions: 4 regions requested; dev environments span at most 3`},
		// players
		{"zero players", "", repl("peakPlayers: 4000", "peakPlayers: 0"), `regions[1].peakPlayers: must be greater than 0, got 0`},
		{"negative players", "", repl("peakPlayers: 4000", "peakPlayers: -5"), `regions[1].peakPlayers: must be greater than 0, got -5`},
		{"more players than a cluster holds", "", repl("peakPlayers: 4000", "peakPlayers: 2000000"), `regions[1].peakPlayers: 2000000 peak players need`},
		{"server does not fit the vm", "", add("vmSize: Standard_D2s_v5\nvcpuPerServer: 4"), `vcpuPerServer: a 4-vCPU game server does not fit a Standard_D2s_v5`},
		{"vcpu per server zero", "", add("vcpuPerServer: 0"), `vcpuPerServer: must be at least 0.25, got 0`},
		{"vcpu per server too large", "", add("vcpuPerServer: 65"), `vcpuPerServer: must be at most 64, got 65`},
		{"players beyond any bound", "", repl("peakPlayers: 4000", "peakPlayers: 9223372036854775807"), `regions[1].peakPlayers: must be at most 10000000, got 9223372036854775807`},
		{"unknown vm size", "", add("vmSize: Standard_F16s_v3"), `vmSize: VM size "Standard_F16s_v3" is not in the platform catalogue (did you mean "Standard_F16s_v2"?)`},
		{"spot in prod", "", func(s string) string {
			return add("spot: true")(strings.Replace(strings.Replace(s, "tier: dev", "tier: prod", 1), "expiresOn: 2026-11-30\n", "", 1))
		}, `spot: spot VMs can be evicted mid-match and are not allowed in prod`},
		// player data
		{"data unknown key", "", add("data: {peakRUs: 5000}"), `data.peakRUs: unknown key`},
		{"data zero request units", "", add("data: {peakRequestUnits: 0}"), `data.peakRequestUnits: must be at least 1, got 0`},
		{"data too many request units", "", add("data: {peakRequestUnits: 1000001}"), `data.peakRequestUnits: must be 1-1000000 RU/s (autoscale's maximum per region without a support request), got 1000001`},
		{"data storage not a number", "", add("data: {storageGiB: lots}"), `data.storageGiB: must be a whole number, got "lots"`},
		{"data negative storage", "", add("data: {storageGiB: -1}"), `data.storageGiB: must be 1-1000000 GiB, got -1`},
		// budget
		{"zero budget", "", repl("budgetMonthlyUSD: 30000", "budgetMonthlyUSD: 0"), `budgetMonthlyUSD: must be greater than 0, got 0`},
		// expiry
		{"expiry missing", "", repl("expiresOn: 2026-11-30\n", ""), `expiresOn: is required for dev environments: the last day it may run, at most 30 days ahead (by 2026-12-22)`},
		{"expiry past", "", repl("expiresOn: 2026-11-30", "expiresOn: 2026-11-21"), `expiresOn: 2026-11-21 is in the past (today is 2026-11-22)`},
		{"expiry too far for dev", "", repl("expiresOn: 2026-11-30", "expiresOn: 2026-12-23"), `expiresOn: 2026-12-23 is 31 days away; dev environments live at most 30 days (by 2026-12-22)`},
		{"expiry too far for staging", "", func(s string) string {
			return strings.Replace(strings.Replace(s, "tier: dev", "tier: staging", 1), "expiresOn: 2026-11-30", "expiresOn: 2027-02-21", 1)
		}, `expiresOn: 2027-02-21 is 91 days away; staging environments live at most 90 days (by 2027-02-20)`},
		{"expiry not a date", "", repl("expiresOn: 2026-11-30", "expiresOn: next monday"), `expiresOn: "next monday" is not a date (YYYY-MM-DD)`},
		{"expiry impossible date", "", repl("expiresOn: 2026-11-30", "expiresOn: 2026-11-31"), `expiresOn: "2026-11-31" is not a date (YYYY-MM-DD)`},
		{"expiry in prod", "", repl("tier: dev", "tier: prod"), `expiresOn: prod environments do not expire; remove expiresOn`},
		// document
		{"not yaml", "", func(string) string { return "environment: [unclosed\n" }, `line 1: parsing YAML`},
		{"empty", "", func(string) string { return "" }, `request is empty`},
		{"not a mapping", "", func(string) string { return "- a\n- b\n" }, `request must be a YAML mapping of keys (environment, studio, game, …), got list`},
		{"two documents", "", func(s string) string { return s + "---\nenvironment: x\n" }, `request holds more than one YAML document`},
		{"alias", "", func(s string) string {
			return strings.Replace(s, "costCenter: CC-1001", "costCenter: &cc CC-1001\nbudgetCentre: *cc", 1)
		}, `budgetCentre: YAML aliases (*name) are not allowed in requests`},
		{"duplicate key", "", add("tier: staging"), `tier: key is set twice`},
		{"too large", "", func(s string) string { return s + "#" + strings.Repeat("x", MaxRequestBytes) }, `request is 65`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, doc := baseSource, base
			if tc.source != "" {
				src = tc.source
			}
			if tc.edit != nil {
				doc = tc.edit(doc)
				if doc == base {
					t.Fatal("edit did not change the request")
				}
			}
			_, err := Check(src, []byte(doc), Context{Now: testNow, EnvDir: testEnvDir(t)})
			got := problemsOf(t, err)
			if len(got) == 0 {
				t.Fatalf("want a problem %q, got none", tc.want)
			}
			if !strings.HasPrefix(err.Error(), src+": ") {
				t.Errorf("error does not start with the file name %s: %v", src, err)
			}
			for _, p := range got {
				if strings.HasPrefix(p, tc.want) {
					return
				}
			}
			t.Errorf("want a problem starting with\n  %s\ngot %q", tc.want, got)
		})
	}
}

func add(line string) func(string) string { return func(s string) string { return s + line + "\n" } }

func repl(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("test edit: " + old + " not in the request")
		}
		return strings.Replace(s, old, new, 1)
	}
}

// TestCheckReportsEveryProblemAtOnce: one report lists every problem, in field order,
// each once, with the schema's and the platform's findings merged.
func TestCheckReportsEveryProblemAtOnce(t *testing.T) {
	doc := `environment: weekend
studio: [12]
tier: dev
owners: [qa@nebulaforge.example, not-an-email]
costCenter: CC-1
regions:
  - {name: japaneest, peakPlayers: 10}
  - {name: westeurope, peakPlayers: -1}
  - {name: westeurope, peakPlayers: lots}
playersPerServer: 16
budgetMonthlyUSD: 100
expiresOn: 2027-06-01
colour: blue
`
	_, err := Check("environments/requests/weekend.yaml", []byte(doc), Context{Now: testNow, EnvDir: testEnvDir(t)})
	want := []string{
		`studio: must be a string, got a list`,
		`game: is required`,
		`owners[1]: "not-an-email" is not a valid email address`,
		`regions[0].name: unknown Azure region "japaneest" (did you mean "japaneast"?)`,
		`regions[1].peakPlayers: must be greater than 0, got -1`,
		`regions[2].name: region "westeurope" is already listed as regions[1]`,
		`regions[2].peakPlayers: must be a whole number, got "lots"`,
		`expiresOn: 2027-06-01 is 191 days away; dev environments live at most 30 days (by 2026-12-22)`,
		`colour: unknown key (allowed: `,
	}
	got := problemsOf(t, err)
	if len(got) != len(want) {
		t.Fatalf("want %d problems, got %d:\n%s", len(want), len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d:\n  got  %s\n  want %s…", i, got[i], want[i])
		}
	}
	if !strings.HasPrefix(err.Error(), "environments/requests/weekend.yaml: 9 problems\n  environments/requests/weekend.yaml: studio: ") {
		t.Errorf("report header:\n%v", err)
	}
}

// TestShippedRequestsPass checks the example requests as of the day they were written.
func TestShippedRequestsPass(t *testing.T) {
	files, _ := filepath.Glob("../../../environments/requests/*.yaml")
	if len(files) < 2 {
		t.Fatalf("want at least two example requests, found %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=./schema.json\n") {
			t.Errorf("%s: does not start with the yaml-language-server schema comment", f)
		}
		// EnvDir is left empty: the examples' own environments exist (generated from them).
		if _, err := Check(f, data, Context{Now: testNow}); err != nil {
			t.Errorf("%v", err)
		}
	}
}

// A text field holds the text as written, whatever YAML would read it as: a cost
// centre of digits, an unquoted date, a studio named like a YAML 1.1 boolean.
func TestTextFieldsKeepTheirText(t *testing.T) {
	doc := strings.NewReplacer("costCenter: CC-1001", "costCenter: 0100", "studio: nebula-forge", "studio: off").Replace(base)
	c, err := Check(baseSource, []byte(doc), Context{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if c.CostCenter != "0100" || c.Studio != "off" || c.ExpiresOn != "2026-11-30" {
		t.Errorf("costCenter %q, studio %q, expiresOn %q", c.CostCenter, c.Studio, c.ExpiresOn)
	}
	doc = strings.Replace(base, "costCenter: CC-1001", "costCenter: 1001\nspot: yes", 1)
	_, err = Check(baseSource, []byte(doc), Context{Now: testNow})
	if err == nil || !strings.Contains(err.Error(), "spot: must be true or false, got \"yes\"") {
		t.Errorf("spot: yes = %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "costCenter") {
		t.Errorf("costCenter: 1001 rejected: %v", err)
	}
	long := strings.Replace(base, "costCenter: CC-1001", "costCenter: "+strings.Repeat("c", 300), 1)
	if _, err := Check(baseSource, []byte(long), Context{Now: testNow}); err == nil || !strings.Contains(err.Error(), "costCenter: is 300 characters; at most 256 allowed") {
		t.Errorf("300-character cost centre = %v", err)
	}
}

func TestYAMLSyntaxErrorsNameTheirLine(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"tier: dev", "tier: dev: staging", ":5: parsing YAML: mapping values are not allowed in this context"},
		{"owners:\n  - qa@nebulaforge.example", "owners: [qa@nebulaforge.example", ":6: parsing YAML: did not find expected ',' or ']'"},
		{"costCenter: CC-1001", "\tcostCenter: CC-1001", ":8: parsing YAML: found a tab character"},
	} {
		doc := strings.Replace(base, tc.from, tc.to, 1)
		_, err := Check(baseSource, []byte(doc), Context{Now: testNow})
		if err == nil || !strings.Contains(err.Error(), "\n  "+baseSource+tc.want) {
			t.Errorf("%q: error = %v, want %s%s", tc.to, err, baseSource, tc.want)
		}
	}
}

func TestPlayerDataSizing(t *testing.T) {
	for _, tc := range []struct {
		data        string
		ru, gb      int
		stated      bool
		writesBlock bool
	}{
		{"", 1000, 10, false, false}, // the dev profile's defaults
		{"data: {peakRequestUnits: 4200, storageGiB: 75}", 5000, 75, true, true},
		{"data: {peakRequestUnits: 300}", 1000, 10, true, true}, // autoscale's smallest maximum
		{"data: {storageGiB: 2}", 1000, 2, true, true},
	} {
		body := base
		if tc.data != "" {
			body = add(tc.data)(base)
		}
		c, err := Check(baseSource, []byte(body), Context{Now: testNow, EnvDir: testEnvDir(t)})
		if err != nil {
			t.Fatalf("%q: %v", tc.data, err)
		}
		ru, gb, stated := c.PlayerData()
		if ru != tc.ru || gb != tc.gb || stated != tc.stated {
			t.Errorf("%q: sized %d RU/s, %d GiB, stated %v; want %d, %d, %v", tc.data, ru, gb, stated, tc.ru, tc.gb, tc.stated)
		}
		env, err := Generate(c, testEnvDir(t))
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf("game-platform:playerData:\n    maxThroughput: %d\n    storageGiB: %d\n", tc.ru, tc.gb)
		if got := strings.Contains(string(env.File), want); got != tc.writesBlock {
			t.Errorf("%q: generated file has the playerData block %v, want %v:\n%s", tc.data, got, tc.writesBlock, env.File)
		}
		if tc.writesBlock {
			// The block loads as the spec reads it.
			p := filepath.Join(t.TempDir(), "Pulumi.playtest.yaml")
			if err := os.WriteFile(p, env.File, 0o644); err != nil {
				t.Fatal(err)
			}
			s, _, err := spec.LoadFile(p, "playtest", testNow)
			if err != nil {
				t.Fatal(err)
			}
			if s.PlayerData.MaxThroughput != tc.ru || s.PlayerData.StorageGiB != tc.gb {
				t.Errorf("%q: loaded %+v", tc.data, s.PlayerData)
			}
		}
	}
}
