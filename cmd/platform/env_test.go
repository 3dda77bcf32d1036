package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/engine"
	"github.com/gameplatform/platform/internal/offline/requests"
)

// envTestNow is the day the example requests were written.
var envTestNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

const requestsDir = "../../environments/requests"

// shippedDir copies the shipped dev/staging/prod environments into a temp dir.
func shippedDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, env := range []string{"dev", "staging", "prod"} {
		copyFile(t, spec.StackFile(envDir, env), spec.StackFile(dir, env))
	}
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeRequest writes a request named name into a fresh requests directory, with an
// expiry a week after envTestNow, and pins the CLI's day (PLATFORM_TODAY) to
// envTestNow so it also passes through run() on any date.
func writeRequest(t *testing.T, name, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".yaml")
	doc := fmt.Sprintf(`environment: %s
studio: nebula-forge
game: starfall
tier: dev
owners: [qa@nebulaforge.example]
costCenter: CC-1001
regions:
  - {name: westeurope, peakPlayers: 3000}
  - {name: japaneast, peakPlayers: 1000}
playersPerServer: 16
spot: true
budgetMonthlyUSD: 40000
expiresOn: %s
%s`, name, envTestNow.AddDate(0, 0, 7).Format(time.DateOnly), extra)
	t.Setenv(envToday, envTestNow.Format(time.DateOnly))
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func assertNoStaged(t *testing.T, dir string) {
	t.Helper()
	if left := requests.StagedFiles(dir); len(left) > 0 {
		t.Errorf("staged files left behind: %v", left)
	}
}

// TestEnvRequestRoundTrip: the command writes a stack config that the stack's own
// loader accepts and the engine plans cleanly — through `platform plan` as well.
func TestEnvRequestRoundTrip(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "roundtrip", "")
	code, stdout, stderr := runCapture(t, "env", "request", req, "--dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	path := spec.StackFile(dir, "roundtrip")
	for _, want := range []string{"Wrote " + path, "westeurope", "japaneast", "10.0.0.0/20", "10.0.16.0/20", "standardFSv2Family", "Expires:", "Monthly cost:", "estimated vs budget $40,000.00"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	s, _, err := spec.LoadFile(path, "roundtrip", envTestNow)
	if err != nil {
		t.Fatalf("written file does not load: %v", err)
	}
	if len(s.Regions) != 2 || s.Regions[0].AddressSpace != "10.0.0.0/20" || !s.Regions[1].Capacity.Spot {
		t.Errorf("loaded spec regions = %+v", s.Regions)
	}
	res, err := engine.Plan(engine.Options{Dir: dir, Stack: "roundtrip", Now: envTestNow})
	if err != nil {
		t.Fatalf("written environment does not plan: %v", err)
	}
	for _, region := range s.RegionNames() {
		if res.Plan.Summary.ByRegion[region] == 0 {
			t.Errorf("region %s has no resources", region)
		}
	}
	if code, _, stderr := runCapture(t, "plan", "--env", "roundtrip", "--dir", dir); code != exitOK {
		t.Errorf("platform plan exit %d:\n%s", code, stderr)
	}
	assertNoStaged(t, dir)
	// Requesting it again collides with the environment just written.
	code, _, stderr = runCapture(t, "env", "request", req, "--dir", dir)
	if code != exitBadInput || !strings.Contains(stderr, req+`: environment: an environment named "roundtrip" already exists`) {
		t.Errorf("second request: exit %d\n%s", code, stderr)
	}
}

func TestEnvRequestDryRunWritesNothing(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "dry", "")
	code, stdout, stderr := runCapture(t, "env", "request", req, "--dir", dir, "--dry-run")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(spec.StackFile(dir, "dry")); !os.IsNotExist(err) {
		t.Errorf("dry run wrote the environment (%v)", err)
	}
	assertNoStaged(t, dir)
	if !strings.Contains(stderr, "Dry run: would write") {
		t.Errorf("no summary on stderr:\n%s", stderr)
	}
	// What a dry run prints is exactly what the real run writes.
	if code, _, stderr := runCapture(t, "env", "request", req, "--dir", dir); code != exitOK {
		t.Fatalf("real run exit %d\n%s", code, stderr)
	}
	written, err := os.ReadFile(spec.StackFile(dir, "dry"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(written) {
		t.Errorf("dry run printed:\n%s\nreal run wrote:\n%s", stdout, written)
	}
}

func TestEnvRequestBadInputWritesNothing(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "weekend", "colour: blue\n")
	if err := os.WriteFile(req, bytes.Replace(mustRead(t, req), []byte("name: japaneast"), []byte("name: japaneest"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCapture(t, "env", "request", req, "--dir", dir)
	if code != exitBadInput {
		t.Errorf("exit %d, want %d", code, exitBadInput)
	}
	for _, want := range []string{
		req + ": 2 problems",
		req + `: regions[1].name: unknown Azure region "japaneest" (did you mean "japaneast"?)`,
		req + `: colour: unknown key`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout = %q", stdout)
	}
	if _, err := os.Stat(spec.StackFile(dir, "weekend")); !os.IsNotExist(err) {
		t.Error("an invalid request wrote its environment")
	}
	assertNoStaged(t, dir)
	if code, _, stderr := runCapture(t, "env", "request", filepath.Join(dir, "absent.yaml"), "--dir", dir); code != exitBadInput || !strings.Contains(stderr, "absent.yaml: request file does not exist") {
		t.Errorf("missing file: exit %d %s", code, stderr)
	}
	if code, _, stderr := runCapture(t, "env", "request", req, "--dir", filepath.Join(dir, "nope")); code != exitBadInput || !strings.Contains(stderr, "--dir: ") {
		t.Errorf("missing --dir: exit %d %s", code, stderr)
	}
	if code, _, _ := runCapture(t, "env", "request"); code != exitBadInput {
		t.Errorf("no FILE: exit %d", code)
	}
}

// TestEnvRequestBudgetBelowCost: the generated environment is planned and priced by
// the cost model; a budget below the estimate is refused, naming the field.
func TestEnvRequestBudgetBelowCost(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "stingy", "")
	if err := os.WriteFile(req, bytes.Replace(mustRead(t, req), []byte("budgetMonthlyUSD: 40000"), []byte("budgetMonthlyUSD: 0.5"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCapture(t, "env", "request", req, "--dir", dir)
	if code != exitBadInput || !strings.Contains(stderr, req+": budgetMonthlyUSD: $0.50 is below the estimated monthly cost of $") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(spec.StackFile(dir, "stingy")); !os.IsNotExist(err) {
		t.Error("an over-budget request wrote its environment")
	}
	assertNoStaged(t, dir)
}

// TestEnvRequestInterrupted: an interrupt (cancelled context) before the final link
// leaves neither the environment nor a staged file.
func TestEnvRequestInterrupted(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "interrupted", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	err := runEnvRequest(ctx, &out, &errOut, req, &envRequestFlags{dir: dir}, envTestNow)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitInterrupted {
		t.Fatalf("err = %v, want exit %d", err, exitInterrupted)
	}
	if _, err := os.Stat(spec.StackFile(dir, "interrupted")); !os.IsNotExist(err) {
		t.Error("an interrupted request wrote its environment")
	}
	assertNoStaged(t, dir)
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestShippedRequestsGenerateTheirEnvironments: each committed environment generated
// from an example request is exactly what the command generates from it (with every
// other environment in place), so nobody edited it by hand, and it plans cleanly.
func TestShippedRequestsGenerateTheirEnvironments(t *testing.T) {
	reqs, _ := filepath.Glob(filepath.Join(requestsDir, "*.yaml"))
	if len(reqs) < 2 {
		t.Fatalf("example requests: %v", reqs)
	}
	for _, req := range reqs {
		name := strings.TrimSuffix(filepath.Base(req), ".yaml")
		t.Run(name, func(t *testing.T) {
			committed := spec.StackFile(envDir, name)
			want := mustRead(t, committed)
			dir := t.TempDir()
			others, _ := filepath.Glob(filepath.Join(envDir, "Pulumi.*.yaml"))
			for _, o := range others {
				if o != committed {
					copyFile(t, o, filepath.Join(dir, filepath.Base(o)))
				}
			}
			var out, errOut bytes.Buffer
			if err := runEnvRequest(context.Background(), &out, &errOut, req, &envRequestFlags{dir: dir, dryRun: true}, envTestNow); err != nil {
				t.Fatalf("%v\n%s", err, errOut.String())
			}
			if out.String() != string(want) {
				t.Errorf("%s differs from what `platform env request %s` generates; regenerate it:\n%s", committed, req, out.String())
			}
			if _, err := engine.Plan(engine.Options{Dir: envDir, Stack: name, Now: envTestNow}); err != nil {
				t.Errorf("%s does not plan: %v", committed, err)
			}
		})
	}
}

// expiredFixture is a directory with the shipped environments, one expired dev
// environment and one prod environment carrying an (invalid) past expiry.
func expiredFixture(t *testing.T) string {
	dir := shippedDir(t)
	dev := string(mustRead(t, spec.StackFile(envDir, "dev")))
	old := strings.Replace(strings.Replace(dev, "10.10.0.0/20", "10.11.0.0/20", 1),
		"game-platform:tier: dev\n", "game-platform:tier: dev\n  game-platform:expiresOn: \"2026-11-01\"\n", 1)
	if err := os.WriteFile(spec.StackFile(dir, "old-playtest"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	prod := string(mustRead(t, spec.StackFile(dir, "prod")))
	prod = strings.Replace(prod, "game-platform:tier: prod\n", "game-platform:tier: prod\n  game-platform:expiresOn: \"2026-01-01\"\n", 1)
	if err := os.WriteFile(spec.StackFile(dir, "prod"), []byte(prod), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEnvExpired(t *testing.T) {
	dir := expiredFixture(t)
	cases := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // substrings of stdout
		notWant  []string
	}{
		{"one expired", []string{"--on", "2026-11-22"}, exitExpired, []string{"old-playtest", "2026-11-01", "  21  "}, []string{"prod", "staging"}},
		{"the last day is not expired", []string{"--on", "2026-11-01"}, exitOK, []string{"No environment is past its expiry."}, []string{"old-playtest"}},
		{"json", []string{"--on", "2026-11-22", "--format", "json"}, exitExpired, []string{`"name": "old-playtest"`, `"expired": true`}, []string{`"prod"`}},
		{"bad date", []string{"--on", "tomorrow"}, exitBadInput, nil, nil},
		{"bad format", []string{"--format", "yaml"}, exitBadInput, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCapture(t, append([]string{"env", "expired", "--dir", dir}, tc.args...)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d\n%s", code, tc.wantCode, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(stdout, w) {
					t.Errorf("stdout has %q:\n%s", w, stdout)
				}
			}
		})
	}
	// An unreadable environment makes the answer unknown: exit 2.
	if err := os.WriteFile(spec.StackFile(dir, "broken"), []byte("config: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCapture(t, "env", "expired", "--dir", dir); code != exitBadInput || !strings.Contains(stderr, "Pulumi.broken.yaml") {
		t.Errorf("broken file: exit %d\n%s", code, stderr)
	}
}

func TestEnvList(t *testing.T) {
	t.Setenv(envToday, envTestNow.Format(time.DateOnly))
	dir := expiredFixture(t)
	// The prod file with an expiry is invalid on purpose in the fixture; restore it.
	copyFile(t, spec.StackFile(envDir, "prod"), spec.StackFile(dir, "prod"))
	code, stdout, stderr := runCapture(t, "env", "list", "--dir", dir, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var rows []envRow
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Name)
	}
	if strings.Join(names, ",") != "dev,old-playtest,prod,staging" {
		t.Fatalf("environments = %v", names)
	}
	byName := map[string]envRow{}
	for _, r := range rows {
		byName[r.Name] = r
	}
	if p := byName["prod"]; p.Tier != spec.TierProd || p.Studio != "nebula-forge" || p.Game != "starfall" || len(p.Regions) != 7 || len(p.Owners) != 2 || p.Expired || p.Error != "" {
		t.Errorf("prod row = %+v", p)
	}
	if o := byName["old-playtest"]; !o.Expired || o.ExpiresOn != "2026-11-01" || o.Error != "" {
		t.Errorf("an expired environment must still be listed and planned: %+v", o)
	}
	for _, r := range rows {
		if r.MonthlyUSD == nil || *r.MonthlyUSD <= 0 {
			t.Errorf("%s: monthly cost %v, want the cost model's estimate", r.Name, r.MonthlyUSD)
		}
	}
	if *byName["prod"].MonthlyUSD <= *byName["dev"].MonthlyUSD {
		t.Errorf("prod (%v) costs no more than dev (%v)", *byName["prod"].MonthlyUSD, *byName["dev"].MonthlyUSD)
	}
	code, text, stderr := runCapture(t, "env", "list", "--dir", dir)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"ENVIRONMENT", "MONTHLY COST", "old-playtest", "2026-11-01 (EXPIRED)", "never", "japaneast +6", "4 environments"} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	assertWidth(t, "env list", text, 120)
	// A broken environment is reported (exit 2) without hiding the others.
	if err := os.WriteFile(spec.StackFile(dir, "broken"), []byte("config: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, text, stderr = runCapture(t, "env", "list", "--dir", dir)
	if code != exitBadInput || !strings.Contains(stderr, "Pulumi.broken.yaml") || !strings.Contains(text, "prod") {
		t.Errorf("broken file: exit %d\nstdout %s\nstderr %s", code, text, stderr)
	}
}
