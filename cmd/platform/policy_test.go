package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

var (
	devPlanOnce sync.Once
	devPlanData []byte
)

// devPlan writes the dev environment's plan JSON once per test binary.
func devPlan(t *testing.T) []byte {
	t.Helper()
	devPlanOnce.Do(func() {
		out := filepath.Join(os.TempDir(), "platform-policy-test-dev.plan.json")
		code, _, stderr := runCapture(t, "plan", "--env", "dev", "--dir", envDir, "--out", out)
		if code != exitOK {
			t.Logf("plan exit %d: %s", code, stderr)
			return
		}
		devPlanData, _ = os.ReadFile(out)
		os.Remove(out)
	})
	if devPlanData == nil {
		t.Fatal("no dev plan")
	}
	return devPlanData
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPolicyCheckCleanPlan(t *testing.T) {
	path := writeFile(t, "dev.plan.json", devPlan(t))
	code, stdout, stderr := runCapture(t, "policy", "check", "--plan", path, "--dir", envDir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "Policies: 0 mandatory violation(s)") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestPolicyCheckEditedPlan: a plan edited by hand (a required tag removed, a
// resource given a forbidden location) fails the check with exit 1 and names the
// policy, the resource and the expected value.
func TestPolicyCheckEditedPlan(t *testing.T) {
	var p plan.Plan
	if err := json.Unmarshal(devPlan(t), &p); err != nil {
		t.Fatal(err)
	}
	edited := ""
	for i := range p.Resources {
		r := &p.Resources[i]
		if r.Type == "azure-native:resources:ResourceGroup" {
			delete(r.Inputs["tags"].(map[string]any), "cost-center")
			r.Inputs["location"] = "brazilsouth"
			edited = r.URN
			break
		}
	}
	if edited == "" {
		t.Fatal("no resource group in the dev plan")
	}
	data, _ := json.Marshal(p)
	path := writeFile(t, "edited.json", data)
	code, stdout, _ := runCapture(t, "policy", "check", "--plan", path, "--dir", envDir)
	if code != exitViolation {
		t.Errorf("exit %d, want %d", code, exitViolation)
	}
	for _, want := range []string{"Mandatory (blocks the deployment)", "[required-tags]", "missing required tag(s) [cost-center]", "[allowed-regions]", `location "brazilsouth" is not allowed for dev`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	// JSON output carries the same verdicts.
	code, stdout, _ = runCapture(t, "policy", "check", "--plan", path, "--dir", envDir, "--format", "json")
	var results []plan.PolicyResult
	if err := json.Unmarshal([]byte(stdout), &results); err != nil || code != exitViolation {
		t.Fatalf("exit %d, json %v:\n%s", code, err, stdout)
	}
	found := false
	for _, r := range results {
		if r.Policy == "required-tags" && r.URN == edited && r.EnforcementLevel == "mandatory" && r.Pack == "game-platform-guardrails" {
			found = true
		}
	}
	if !found {
		t.Errorf("no mandatory required-tags result on %s: %+v", edited, results)
	}
	// Without the environment file the plan is judged in the tier --tier names.
	code, stdout, _ = runCapture(t, "policy", "check", "--plan", path, "--dir", t.TempDir(), "--tier", "dev")
	if code != exitViolation || !strings.Contains(stdout, "judged as dev (--tier)") || !strings.Contains(stdout, `location "brazilsouth" is not allowed for dev`) ||
		strings.Contains(stdout, "tag tier is") {
		t.Errorf("exit %d without environment file, --tier dev:\n%s", code, stdout)
	}
	// Contradicting the environment file, or naming no tier, is bad input.
	for _, args := range [][]string{{"--dir", envDir, "--tier", "prod"}, {"--dir", t.TempDir(), "--tier", "prd"}} {
		code, stdout, stderr := runCapture(t, append([]string{"policy", "check", "--plan", path}, args...)...)
		if code != exitBadInput || !strings.Contains(stderr, "--tier: ") || stdout != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q", args, code, stderr, stdout)
		}
	}
}

// TestPolicyCheckTierIsTheStacksNotTheTags: the tier a plan is judged in is the
// stack's — its environment file, else --tier, else prod — never what the
// resources' tier tags claim, which whoever writes a plan controls.
func TestPolicyCheckTierIsTheStacksNotTheTags(t *testing.T) {
	// Every tag of the dev plan says dev; without the environment file or --tier
	// the plan is judged as prod, and each tag claiming dev is reported.
	path := writeFile(t, "dev.json", devPlan(t))
	code, stdout, _ := runCapture(t, "policy", "check", "--plan", path, "--dir", t.TempDir())
	for _, want := range []string{"judged as prod (the strictest", `tag tier is "dev"; expected "prod"`, "[protect-stateful]", "[storage-redundancy]"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if code != exitViolation {
		t.Errorf("exit %d, want %d", code, exitViolation)
	}
	// With the environment file (dev) one resource claiming prod is reported, and
	// the rest of the plan is still judged as dev.
	var p plan.Plan
	if err := json.Unmarshal(devPlan(t), &p); err != nil {
		t.Fatal(err)
	}
	claimed := ""
	for i := range p.Resources {
		if tags, ok := p.Resources[i].Inputs["tags"].(map[string]any); ok && p.Resources[i].Type == "azure-native:storage:StorageAccount" {
			tags["tier"] = "prod"
			claimed = p.Resources[i].URN
			break
		}
	}
	if claimed == "" {
		t.Fatal("no storage account in the dev plan")
	}
	data, _ := json.Marshal(p)
	code, stdout, _ = runCapture(t, "policy", "check", "--plan", writeFile(t, "claims-prod.json", data), "--dir", envDir, "--format", "json")
	var results []plan.PolicyResult
	if err := json.Unmarshal([]byte(stdout), &results); err != nil || code != exitViolation {
		t.Fatalf("exit %d, json %v:\n%s", code, err, stdout)
	}
	for _, r := range results {
		switch {
		case r.Policy == "required-tags" && r.URN == claimed && strings.Contains(r.Message, `tag tier is "prod"; expected "dev"`):
			claimed = ""
		case r.Policy == "storage-redundancy" || r.Policy == "protect-stateful":
			t.Errorf("the resource claiming prod was judged as prod: %+v", r)
		}
	}
	if claimed != "" {
		t.Errorf("no required-tags result on the resource claiming prod: %+v", results)
	}
}

func TestPolicyCheckMalformedPlan(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"syntax", "{\n  \"schemaVersion\": 1,\n  \"resources\": [\n", "syntax.json: not a plan JSON document: line"},
		{"array", "[1, 2]", "array.json: not a plan JSON document"},
		{"version", `{"schemaVersion": 7, "stack": "dev", "resources": []}`, "version.json: schemaVersion: 7 is not supported (expected 1;"},
		{"fields", `{"schemaVersion": 1, "resources": [{"urn": "a"}, {"type": "t"}]}`, "stack: missing"},
		{"types", `{"schemaVersion": 1, "stack": "dev", "resources": [{"urn": 5}]}`, "types.json: line 1: resources[0].urn: must be a string, got a number"},
		{"index", `{"schemaVersion": 1, "stack": "dev", "resources": [{"urn": "a", "type": "t"},` + "\n" + `{"urn": "b", "type": "t", "inputs": [1]}]}`, "index.json: line 2: resources[1].inputs: must be an object, got an array"},
		{"preview", `{"steps": [], "changeSummary": {}}`, "preview.json: is `pulumi preview --json` output, not a plan"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, tc.name+".json", []byte(tc.body))
			code, _, stderr := runCapture(t, "policy", "check", "--plan", path)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
		})
	}
	fields := writeFile(t, "f.json", []byte(`{"schemaVersion": 1, "resources": [{"urn": "a"}, {"type": "t"}]}`))
	_, _, stderr := runCapture(t, "policy", "check", "--plan", fields)
	for _, want := range []string{"resources[0].type: missing", "resources[1].urn: missing"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	code, _, stderr := runCapture(t, "policy", "check", "--plan", filepath.Join(t.TempDir(), "nope.json"))
	if code != exitBadInput || !strings.Contains(stderr, "nope.json: no such plan file") {
		t.Errorf("missing file: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCapture(t, "policy", "check")
	if code != exitBadInput || !strings.Contains(stderr, "--plan: a plan JSON file is required") {
		t.Errorf("no --plan: exit %d, %s", code, stderr)
	}
}

func TestPolicyList(t *testing.T) {
	code, stdout, _ := runCapture(t, "policy", "list")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"POLICY", "DEV", "STAGING", "PROD", "storage-min-tls", "budget", "region-stamp-complete"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	lines := strings.Split(stdout, "\n")
	for i, line := range lines {
		if n := utf8.RuneCountInString(line); n > defaultWidth {
			t.Errorf("line %d is %d columns, more than %d: %q", i+1, n, defaultWidth, line)
		}
		f := strings.Fields(line)
		if len(f) > 5 && f[0] == "budget" && (f[3] != "advisory" || f[5] != "mandatory") {
			t.Errorf("budget line = %q, want advisory in dev and mandatory in prod", line)
		}
		if len(f) > 0 && f[0] == "storage-min-tls" && (i+1 >= len(lines) || !strings.Contains(lines[i+1], rules.Lookup("storage-min-tls").Description)) {
			t.Errorf("storage-min-tls: the next line is not its description: %q", lines[min(i+1, len(lines)-1)])
		}
	}
	if code, _, stderr := runCapture(t, "policy", "list", "--width", "-1"); code != exitBadInput || !strings.Contains(stderr, "--width") {
		t.Errorf("--width -1: exit %d, stderr %q; want 2 naming --width", code, stderr)
	}
}
