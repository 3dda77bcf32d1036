package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/review"
)

const reviewData = "../../internal/offline/review/testdata"

func fixture(name string) string { return filepath.Join(reviewData, name) }

// planVariant writes a copy of a fixture plan with its policy results replaced.
func planVariant(t *testing.T, name string, results []plan.PolicyResult) string {
	t.Helper()
	data, err := os.ReadFile(fixture(name))
	if err != nil {
		t.Fatal(err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	p.PolicyResults = results
	out := filepath.Join(t.TempDir(), name)
	data, err = json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReviewExitStatuses(t *testing.T) {
	clean := planVariant(t, "staging.base.plan.json", []plan.PolicyResult{})
	violating := planVariant(t, "staging.base.plan.json", []plan.PolicyResult{{
		Pack: "game-platform", Policy: "storage-no-public-blobs", EnforcementLevel: "mandatory",
		URN: "urn:pulumi:staging::game-platform::x::y", Message: "public blob access is enabled",
	}})
	cases := []struct {
		name string
		args []string
		code int
		// stdout must contain want; stderr must contain wantErr.
		want, wantErr string
	}{
		{"tag-only update", []string{"--base", fixture("staging.base.plan.json"), "--head", fixture("staging.tags.plan.json")}, exitOK,
			"<!-- platform-review:env=staging -->", ""},
		{"new environment (no base)", []string{"--head", clean}, exitOK,
			"to create", ""},
		{"new mandatory violation", []string{"--base", clean, "--head", violating}, exitViolation,
			"storage-no-public-blobs", "1 new mandatory policy violation"},
		{"violation already present", []string{"--base", violating, "--head", violating}, exitOK,
			"1 already present", ""},
		{"preview with a storage replacement", []string{"--preview", fixture("preview.staging.json")}, exitViolation,
			"Danger", "1 stateful or player-facing resource replaced or deleted"},
		{"preview allowed", []string{"--preview", fixture("preview.staging.json"), "--allow-destructive"}, exitOK,
			"Explicitly allowed", ""},
		{"preview with plans for policy and cost", []string{"--preview", fixture("preview.staging.json"), "--base", clean, "--head", clean, "--allow-destructive"}, exitOK,
			"| Cost per month | $", ""},
		{"json", []string{"--preview", fixture("preview.staging.json"), "--format", "json", "--allow-destructive"}, exitOK,
			`"source": "pulumi-preview"`, ""},
		{"nothing to review", nil, exitBadInput, "", "nothing to review"},
		{"base without head", []string{"--base", fixture("staging.base.plan.json")}, exitBadInput, "", "--head: missing"},
		{"missing file", []string{"--base", "nope.json", "--head", fixture("staging.base.plan.json")}, exitBadInput, "", "nope.json"},
		{"preview passed as plan", []string{"--head", fixture("preview.staging.json")}, exitBadInput, "", "is `pulumi preview --json` output, not a plan; pass it with --preview"},
		{"plan passed as preview", []string{"--preview", fixture("staging.base.plan.json")}, exitBadInput, "", "is a plan JSON"},
		{"plans of two stacks", []string{"--base", fixture("prod.japaneast.plan.json"), "--head", fixture("staging.base.plan.json")}, exitBadInput, "", `base plan is of stack "prod" but head plan is of stack "staging"`},
		{"bad format", []string{"--head", fixture("staging.base.plan.json"), "--format", "html"}, exitBadInput, "", `--format: "html" is not a format`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCapture(t, append([]string{"review"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, stderr)
			}
			if !strings.Contains(stdout, tc.want) {
				t.Errorf("stdout lacks %q:\n%.600s", tc.want, stdout)
			}
			if !strings.Contains(stderr, tc.wantErr) {
				t.Errorf("stderr lacks %q: %s", tc.wantErr, stderr)
			}
		})
	}
}

func TestReviewBadPlanNamesFileAndField(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(fixture("staging.base.plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := map[string]string{
		write("v2.json", strings.Replace(string(good), `"schemaVersion": 1`, `"schemaVersion": 2`, 1)):                                                   "v2.json: schemaVersion: 2 is not supported",
		write("index.json", `{"schemaVersion": 1, "stack": "x", "resources": [{"urn": "a", "type": "t"}, {"urn": "b", "type": "t", "protect": "yes"}]}`): "index.json: line 1: resources[1].protect: must be true or false, got a string",
		write("nourn.json", strings.Replace(string(good), `"urn": "urn:pulumi:staging`, `"urn": "", "x": "`, 1)):                                         "nourn.json: resources[0].urn: missing",
		write("types.json", `{"schemaVersion": 1, "resources": [{"urn": 7}]}`):                                                                           "types.json: line 1: resources[0].urn: must be a string",
		write("trunc.json", string(good[:200])): "trunc.json: not a plan JSON",
	}
	for path, want := range cases {
		code, _, stderr := runCapture(t, "review", "--base", fixture("staging.base.plan.json"), "--head", path)
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", filepath.Base(path), code, stderr, want)
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
			t.Errorf("%s: stack trace:\n%s", path, stderr)
		}
	}
}

func TestReviewOutFileAndJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "review.json")
	var code int
	captureStderr(t, func() {
		code = run([]string{"review", "--base", fixture("staging.base.plan.json"), "--head", fixture("staging.tags.plan.json"), "--format", "json", "--out", out})
	})
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r review.Review
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("review JSON: %v", err)
	}
	if r.Env != "staging" || r.Counts.Update == 0 || r.Source != review.SourcePlans {
		t.Errorf("review = env %q, counts %+v, source %s", r.Env, r.Counts, r.Source)
	}
}

func TestReviewAffectedFromFiles(t *testing.T) {
	list := filepath.Join(t.TempDir(), "changed.txt")
	if err := os.WriteFile(list, []byte("README.md\nenvironments/Pulumi.staging.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var code int
	stdout := captureStdout(t, func() {
		code = run([]string{"review", "affected", "--files", list, "--dir", envDir})
	})
	if code != exitOK || stdout != "staging\n" {
		t.Errorf("exit %d, stdout %q, want staging", code, stdout)
	}
	if err := os.WriteFile(list, []byte("components/shared/shared.go\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout = captureStdout(t, func() {
		code = run([]string{"review", "affected", "--files", list, "--dir", envDir, "--format", "json"})
	})
	var names []string
	if err := json.Unmarshal([]byte(stdout), &names); err != nil || code != exitOK {
		t.Fatalf("exit %d, stdout %q: %v", code, stdout, err)
	}
	if len(names) < 3 || names[len(names)-1] != "prod" {
		t.Errorf("affected = %v, want every environment with prod last", names)
	}
}

// TestReviewAffectedFromGit runs the git path on a throwaway repository.
func TestReviewAffectedFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.email=ci@example.com", "-c", "user.name=ci", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.MkdirAll(filepath.Join(repo, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{"dev", "staging", "prod"} {
		data, err := os.ReadFile(filepath.Join(envDir, "Pulumi."+env+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, "environments", "Pulumi."+env+".yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun("init", "-q", "-b", "main")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "base")
	f := filepath.Join(repo, "environments", "Pulumi.dev.yaml")
	data, _ := os.ReadFile(f)
	if err := os.WriteFile(f, append(data, []byte("# a comment\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	gitRun("commit", "-q", "-am", "head")
	t.Chdir(repo)
	var code int
	stdout := captureStdout(t, func() {
		code = run([]string{"review", "affected", "--base", "HEAD~1"})
	})
	if code != exitOK || stdout != "dev\n" {
		t.Errorf("exit %d, stdout %q, want dev", code, stdout)
	}
	code, _, stderr := runCapture(t, "review", "affected", "--base", "no-such-ref")
	if code != exitBadInput || !strings.Contains(stderr, "--base no-such-ref: git diff") {
		t.Errorf("bad ref: exit %d, stderr %q", code, stderr)
	}
}
