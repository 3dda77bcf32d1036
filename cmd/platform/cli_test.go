package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/requests"
)

// Days the tests judge expiry on: the day the example requests were written, the day
// weekend-playtest expired, and years later. Nothing shipped may depend on which.
var testDays = []string{"2026-11-22", "2026-12-02", "2027-12-02", "2031-06-30"}

func assertWidth(t *testing.T, what, text string, width int) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if n := utf8.RuneCountInString(line); n > width {
			t.Errorf("%s: line %d is %d columns (> %d): %s", what, i+1, n, width, line)
		}
	}
}

func shippedEnvironments(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(envDir, "Pulumi.*.yaml"))
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml"))
	}
	if len(names) < 5 {
		t.Fatalf("shipped environments: %v", names)
	}
	return names
}

// TestShippedEnvironmentsPlanOnAnyDate: every shipped environment plans cleanly on
// any day — an expired one says so in its summary — and the report starts with the
// summary, keeps the tree for --tree, and fits 120 columns.
func TestShippedEnvironmentsPlanOnAnyDate(t *testing.T) {
	for _, env := range shippedEnvironments(t) {
		for _, day := range []string{testDays[0], testDays[3]} {
			code, out, stderr := runCapture(t, "plan", "--env", env, "--dir", envDir, "--today", day)
			if code != exitOK {
				t.Errorf("plan --env %s --today %s: exit %d\n%s", env, day, code, stderr)
				continue
			}
			lines := strings.Split(out, "\n")
			if len(lines) < 6 || !strings.HasPrefix(lines[4], "  Verdict:      OK") {
				t.Errorf("%s: the verdict is not the summary's first line:\n%s", env, strings.Join(lines[:min(8, len(lines))], "\n"))
			}
			for _, label := range []string{"  Resources:    ", "  Monthly cost: ", "  Deploy time:  ", "  Capacity:     "} {
				if i := strings.Index(out, label); i < 0 || i > strings.Index(out, "Policies:") {
					t.Errorf("%s: summary lacks %q before the details", env, label)
				}
			}
			if strings.Contains(out, "pulumi:pulumi:Stack") {
				t.Errorf("%s: the resource tree is printed without --tree", env)
			}
			info := envInfo(t, env)
			today, _ := time.Parse(time.DateOnly, day)
			expired := spec.ExpiredOn(info.Tier, info.ExpiresOn, today)
			if got := strings.Contains(out, "  EXPIRED:      "+env+" expired on "); got != expired {
				t.Errorf("%s on %s: EXPIRED notice %v, want %v", env, day, got, expired)
			}
			// A Kubernetes version past AKS's end of life is a warning in the
			// summary, never a refusal: the environment stays plannable.
			if got, want := strings.Contains(out, "  UPGRADE AKS:  AKS 1.35 reached end of life in March 2027"), day > "2027-03"; got != want {
				t.Errorf("%s on %s: UPGRADE AKS notice %v, want %v", env, day, got, want)
			}
			assertWidth(t, "plan --env "+env, out, 120)
		}
	}
	code, out, _ := runCapture(t, "plan", "--env", "prod", "--dir", envDir, "--tree", "--today", testDays[0])
	if code != exitOK || !strings.Contains(out, "pulumi:pulumi:Stack") {
		t.Errorf("--tree: exit %d, no tree", code)
	}
	assertWidth(t, "plan --tree", out, 120)
}

// TestExpiredEnvironmentCanBeDestroyed: `make destroy` runs deploy-parallelism first;
// it must work for an environment past its expiry (the teardown's whole point).
func TestExpiredEnvironmentCanBeDestroyed(t *testing.T) {
	for _, day := range testDays {
		code, out, stderr := runCapture(t, "deploy-parallelism", "--env", "weekend-playtest", "--dir", envDir, "--today", day)
		if code != exitOK || strings.TrimSpace(out) == "" {
			t.Errorf("on %s: exit %d, out %q\n%s", day, code, out, stderr)
		}
	}
}

// envInfo reads a shipped environment's tier and expiry.
func envInfo(t *testing.T, name string) requests.EnvInfo {
	t.Helper()
	infos, errs := requests.Inventory(envDir)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	for _, e := range infos {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no environment %s", name)
	return requests.EnvInfo{}
}

func writeList(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "changed.txt")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAffectedSkipsExpiredWithNotice: review, deploy and drift list environments with
// --exclude-expired; an expired one is dropped with a notice, on its day and after.
func TestAffectedSkipsExpiredWithNotice(t *testing.T) {
	files := writeList(t, "components/network/network.go")
	code, out, stderr := runCapture(t, "review", "affected", "--files", files, "--dir", envDir, "--exclude-expired", "--today", "2026-11-30")
	if code != exitOK || !strings.Contains(out, "weekend-playtest") || stderr != "" {
		t.Errorf("on its last day: exit %d, %q, %q", code, out, stderr)
	}
	code, out, stderr = runCapture(t, "review", "affected", "--files", files, "--dir", envDir, "--exclude-expired", "--today", "2026-12-02")
	if code != exitOK || strings.Contains(out, "weekend-playtest") || !strings.Contains(out, "loadtest-200k") {
		t.Errorf("after it: exit %d, %q", code, out)
	}
	if !strings.Contains(stderr, "notice: skipped weekend-playtest expired on 2026-11-30 (2 days ago)") {
		t.Errorf("no notice: %q", stderr)
	}
	code, out, _ = runCapture(t, "review", "affected", "--all", "--dir", envDir, "--exclude-expired", "--today", "2031-06-30")
	if code != exitOK || strings.TrimSpace(out) != "dev\nstaging\nprod" {
		t.Errorf("years later: exit %d, %q; want the environments that never expire", code, out)
	}
}

// TestAffectedMatrixGatesByTier: the matrix names each environment's GitHub
// environment after its tier (prod when unknown), and lists request-only
// environments with their request file.
func TestAffectedMatrixGatesByTier(t *testing.T) {
	dir := t.TempDir()
	for _, env := range []string{"dev", "prod"} {
		copyFile(t, spec.StackFile(envDir, env), spec.StackFile(dir, env))
	}
	if err := os.MkdirAll(filepath.Join(dir, "requests"), 0o755); err != nil {
		t.Fatal(err)
	}
	newProd := strings.Replace(strings.Replace(string(mustRead(t, filepath.Join(requestsDir, "weekend-playtest.yaml"))),
		"environment: weekend-playtest", "environment: launch-eu", 1), "tier: dev", "tier: prod", 1)
	if err := os.WriteFile(filepath.Join(dir, "requests", "launch-eu.yaml"), []byte(newProd), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "requests", "garbled.yaml"), []byte("tier: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := writeList(t, "environments/requests/launch-eu.yaml", "environments/requests/garbled.yaml", "environments/Pulumi.dev.yaml")
	code, out, stderr := runCapture(t, "review", "affected", "--files", files, "--dir", dir, "--include-requests", "--format", "matrix")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var m []matrixEntry
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	got := map[string]matrixEntry{}
	for _, e := range m {
		got[e.Env] = e
	}
	if e := got["dev"]; e.GitHubEnvironment != "dev" || e.Request != "" {
		t.Errorf("dev = %+v", e)
	}
	if e := got["launch-eu"]; e.Tier != "prod" || e.GitHubEnvironment != "prod" || !strings.HasSuffix(e.Request, "requests/launch-eu.yaml") {
		t.Errorf("a prod request = %+v; want the prod GitHub environment and its request file", e)
	}
	if e, ok := got["garbled"]; !ok || e.GitHubEnvironment != "prod" {
		t.Errorf("a request of unknown tier = %+v; want it listed, gated as prod", e)
	}
	if len(m) != 3 || m[len(m)-1].Tier == "dev" {
		t.Errorf("matrix = %+v; want 3 entries in deployment order", m)
	}
	// Without --include-requests a request-only environment has nothing to plan.
	_, out, _ = runCapture(t, "review", "affected", "--files", files, "--dir", dir)
	if strings.TrimSpace(out) != "dev" {
		t.Errorf("without --include-requests: %q", out)
	}
}

// TestEnumFlagsRejectUnknownValues: a value a flag does not know is an error naming
// the valid ones (exit 2), never an empty result.
func TestEnumFlagsRejectUnknownValues(t *testing.T) {
	cases := [][]string{
		{"review", "affected", "--all", "--dir", envDir, "--tier", "prd"},
		{"review", "affected", "--all", "--dir", envDir, "--exclude-tier", "production"},
		{"review", "affected", "--all", "--dir", envDir, "--format", "yaml"},
		{"plan", "--env", "dev", "--dir", envDir, "--format", "yaml"},
		{"plan", "--env", "dev", "--dir", envDir, "--width", "-1"},
		{"review", "--head", "x.json", "--format", "html"},
		{"env", "list", "--dir", envDir, "--format", "csv"},
		{"env", "expired", "--dir", envDir, "--format", "csv"},
		{"policy", "check", "--plan", "x.json", "--format", "csv"},
		{"plan", "--env", "dev", "--dir", envDir, "--today", "tomorrow"},
	}
	for _, args := range cases {
		code, out, stderr := runCapture(t, args...)
		bad := args[len(args)-1]
		if code != exitBadInput || !strings.Contains(stderr, bad) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 naming %q", args, code, out, stderr, bad)
		}
	}
	_, _, stderr := runCapture(t, "review", "affected", "--all", "--dir", envDir, "--tier", "prd")
	if !strings.Contains(stderr, `--tier: "prd" is not a tier (dev, staging, prod)`) {
		t.Errorf("stderr %q does not name the valid tiers", stderr)
	}
	t.Setenv(envToday, "2026-13-01")
	code, _, stderr := runCapture(t, "env", "expired", "--dir", envDir)
	if code != exitBadInput || !strings.Contains(stderr, "PLATFORM_TODAY") {
		t.Errorf("bad PLATFORM_TODAY: exit %d, %q", code, stderr)
	}
}

// TestEnvCommandsOutsideTheRepository: with no environments to read (run outside the
// repository, or a wrong --dir), env list and env expired fail instead of reporting
// "nothing".
func TestEnvCommandsOutsideTheRepository(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{{"env", "list", "--dir", empty}, {"env", "expired", "--dir", empty}, {"env", "list", "--dir", filepath.Join(empty, "nope")}} {
		code, out, stderr := runCapture(t, args...)
		if code != exitBadInput || !strings.Contains(stderr, "no environments") || strings.Contains(out, "No environment") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
}

// TestOutFilesAreReadable: files written with --out are 0644 like any other output.
func TestOutFilesAreReadable(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "dev.plan.json")
	if code, _, stderr := runCapture(t, "plan", "--env", "dev", "--dir", envDir, "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("%s is %v, want -rw-r--r--", out, fi.Mode().Perm())
	}
	// The plan and policy check count the same resources.
	_, planText, _ := runCapture(t, "plan", "--env", "dev", "--dir", envDir)
	_, checkText, _ := runCapture(t, "policy", "check", "--plan", out, "--dir", envDir)
	var n int
	for _, line := range strings.Split(planText, "\n") {
		if strings.HasPrefix(line, "  Resources:    ") {
			n = atoiPrefix(strings.TrimPrefix(line, "  Resources:    "))
		}
	}
	if n == 0 || !strings.Contains(checkText, "(stack dev, "+strconv.Itoa(n)+" resources to create)") {
		t.Errorf("plan counts %d resources; policy check says:\n%s", n, checkText)
	}
}

func atoiPrefix(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// TestFlagHelpHasNoBackquotes: pflag turns a `quoted` word of a flag's usage into
// the flag's type in --help (`--preview pulumi preview --json`); no usage may do that.
func TestFlagHelpHasNoBackquotes(t *testing.T) {
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			n++
			if strings.Contains(f.Usage, "`") {
				t.Errorf("%s --%s: usage %q has a backquote", c.CommandPath(), f.Name, f.Usage)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
	if n < 20 {
		t.Fatalf("saw %d flags", n)
	}
	_, out, _ := runCapture(t, "review", "--help")
	if strings.Contains(out, "--preview pulumi") {
		t.Errorf("review --help:\n%s", out)
	}
}

func TestWrapLines(t *testing.T) {
	long := "  Monthly cost: " + strings.Repeat("word ", 40)
	got := wrapLines(long+"\n"+strings.Repeat("x", 250)+"\nshort\n", 60)
	lines := strings.Split(got, "\n")
	assertWidth(t, "wrapLines", got, 60)
	if !strings.HasPrefix(lines[1], strings.Repeat(" ", len("  Monthly cost: "))+"word") {
		t.Errorf("a labelled line does not hang under its value:\n%s", got)
	}
	if !strings.Contains(got, "\nshort\n") || strings.Count(got, "x") != 250 {
		t.Errorf("text lost or changed:\n%s", got)
	}
	if wrapLines(long, 0) != long {
		t.Error("width 0 changed the text")
	}
}
