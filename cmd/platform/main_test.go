package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

const envDir = "../../environments"

func TestPlanJSONToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dev.plan.json")
	var code int
	captureStderr(t, func() { code = run([]string{"plan", "--env", "dev", "--dir", envDir, "--out", out}) })
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("plan file is not JSON: %v", err)
	}
	if p.SchemaVersion != 1 || p.Stack != "dev" || len(p.Resources) == 0 {
		t.Errorf("plan = v%d %s with %d resources", p.SchemaVersion, p.Stack, len(p.Resources))
	}
}

func TestBadInputExitsTwoNamingFileAndField(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(envDir, "Pulumi.dev.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Pulumi.typo.yaml", strings.Replace(string(data), "name: westeurope", "name: westeurpe", 1))
	write("Pulumi.overlap.yaml", strings.Replace(strings.Replace(string(data), "10.10.0.0/20", "10.20.0.0/20", 1),
		"  game-platform:regions:\n", "  game-platform:regions:\n    - name: northeurope\n      addressSpace: 10.20.0.0/16\n      capacity: {peakPlayers: 10}\n", 1))
	write("Pulumi.missing.yaml", strings.Replace(string(data), "  game-platform:costCenter: CC-1001\n", "", 1))
	write("Pulumi.broken.yaml", "config:\n  game-platform:studio: [\n")
	cases := []struct{ env, want string }{
		{"typo", `Pulumi.typo.yaml: regions[0].name: unknown Azure region "westeurpe" (did you mean "westeurope"?)`},
		{"overlap", `Pulumi.overlap.yaml: regions[1].addressSpace: 10.20.0.0/20 overlaps regions[0] (10.20.0.0/16)`},
		{"missing", `Pulumi.missing.yaml: costCenter: is required`},
		{"broken", `Pulumi.broken.yaml:2: parsing YAML: did not find expected node content`},
		{"absent", `Pulumi.absent.yaml: stack config file does not exist`},
	}
	for _, tc := range cases {
		t.Run(tc.env, func(t *testing.T) {
			var code int
			stderr := captureStderr(t, func() { code = run([]string{"plan", "--env", tc.env, "--dir", dir}) })
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
			if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace in output:\n%s", stderr)
			}
		})
	}
}

func TestBadFormatFlag(t *testing.T) {
	var code int
	stderr := captureStderr(t, func() { code = run([]string{"plan", "--env", "dev", "--dir", envDir, "--format", "yaml"}) })
	if code != exitBadInput || !strings.Contains(stderr, `--format: "yaml" is not a format`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestPlanTextShowsCostAndDeployTime(t *testing.T) {
	var out bytes.Buffer
	cmd := newRootCmd()
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"plan", "--env", "staging", "--dir", envDir, "--explain", "--parallel", "3"})
	// A mandatory policy violation (exit 1) still prints the whole report.
	if err := cmd.Execute(); err != nil {
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitViolation {
			t.Fatal(err)
		}
	}
	text := out.String()
	for _, want := range []string{
		"Estimated monthly cost: $", "Budget: $60,000.00/month", "Top cost items", "Not priced",
		"Estimated deploy time of a fresh `pulumi up`: ", "at --parallel 3", "Critical path (", "Dominated by: ",
		"Usage assumptions of the staging tier", "nodePoolUtilisation", "as of ", "Durations (internal/model/catalog",
		"azure-native:containerservice:ManagedCluster", // listed by its base type even when the program pins an API version
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q", want)
		}
	}
}

func TestDeployParallelismPrintsANumber(t *testing.T) {
	var out bytes.Buffer
	cmd := newRootCmd()
	cmd.SetOut(&out)
	cmd.SetArgs([]string{"deploy-parallelism", "--env", "dev", "--dir", envDir})
	captureStderr(t, func() {
		if err := cmd.Execute(); err != nil {
			t.Error(err)
		}
	})
	var n int
	if _, err := fmt.Sscanf(out.String(), "%d\n", &n); err != nil || n < 1 {
		t.Errorf("output %q is not a positive number", out.String())
	}
}

func TestNegativeParallelIsBadInput(t *testing.T) {
	var code int
	stderr := captureStderr(t, func() { code = run([]string{"plan", "--env", "dev", "--dir", envDir, "--parallel", "-2"}) })
	if code != exitBadInput || !strings.Contains(stderr, "--parallel: -2") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestDuration(t *testing.T) {
	for in, want := range map[float64]string{7: "7s", 65: "1m05s", 3725: "1h02m05s"} {
		if got := duration(in); got != want {
			t.Errorf("duration(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestParallelFromEnvironment(t *testing.T) {
	t.Setenv("PULUMI_PARALLEL", "5")
	out := filepath.Join(t.TempDir(), "dev.plan.json")
	captureStderr(t, func() { run([]string{"plan", "--env", "dev", "--dir", envDir, "--out", out}) })
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if p.Deploy.Parallelism != 5 {
		t.Errorf("deploy parallelism = %d, want 5 from PULUMI_PARALLEL", p.Deploy.Parallelism)
	}
	t.Setenv("PULUMI_PARALLEL", "lots")
	var code int
	stderr := captureStderr(t, func() { code = run([]string{"plan", "--env", "dev", "--dir", envDir}) })
	if code != exitBadInput || !strings.Contains(stderr, `PULUMI_PARALLEL: "lots"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
