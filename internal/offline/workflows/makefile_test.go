package workflows

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Makefile is the user's entry point; these tests run its targets (on a copy of it
// in a scratch directory) with a fake
// platform binary (BIN=…, GO=true: nothing is built) that records its arguments and
// exits with $FAKE_RC, so they check what make passes and how it reports failures.

func fakePlatform(t *testing.T) (bin, argsFile string) {
	t.Helper()
	dir := t.TempDir()
	argsFile = filepath.Join(dir, "args")
	bin = filepath.Join(dir, "platform")
	script := `#!/bin/sh
echo "$*" >> "` + argsFile + `"
case "$1" in
  plan|policy) if [ "${FAKE_RC:-0}" = 1 ]; then echo "error: 2 mandatory policy violation(s)" >&2; fi ;;
esac
exit "${FAKE_RC:-0}"
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, argsFile
}

func runMake(t *testing.T, rc string, args ...string) (code int, calls, stderr string) {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	bin, argsFile := fakePlatform(t)
	// A copy of the Makefile in a scratch directory: what the targets write (.plans/)
	// stays out of the repository.
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Makefile"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("make", append([]string{"-s", "--no-print-directory", "BIN=" + bin, "GO=true"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "FAKE_RC="+rc)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.Stdout = &bytes.Buffer{}
	err = cmd.Run()
	code = 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(argsFile)
	return code, string(data), errb.String()
}

// TestMakeSwitchesMeanWhatTheySay: ALLOW, DRY_RUN and TREE are on for 1/true/yes, off
// for 0/false/no/empty, and anything else is an error naming the switch.
func TestMakeSwitchesMeanWhatTheySay(t *testing.T) {
	targets := []struct {
		sw, flag string
		args     []string
	}{
		{"ALLOW", "--allow-destructive", []string{"review", "HEAD=head.plan.json"}},
		{"DRY_RUN", "--dry-run", []string{"env-request", "FILE=environments/requests/x.yaml"}},
		{"TREE", "--tree", []string{"plan"}},
	}
	for _, tg := range targets {
		for value, on := range map[string]bool{"1": true, "true": true, "yes": true, "YES": true, "0": false, "false": false, "no": false, "": false} {
			code, calls, stderr := runMake(t, "0", append(tg.args, tg.sw+"="+value)...)
			if code != 0 {
				t.Errorf("%s=%q: make exited %d: %s", tg.sw, value, code, stderr)
				continue
			}
			if got := strings.Contains(calls, tg.flag); got != on {
				t.Errorf("%s=%q: platform called with %q; %s passed: %v, want %v", tg.sw, value, strings.TrimSpace(calls), tg.flag, got, on)
			}
		}
		code, calls, stderr := runMake(t, "0", append(tg.args, tg.sw+"=maybe")...)
		if code == 0 || calls != "" || !strings.Contains(stderr, tg.sw+"=maybe is not a switch") {
			t.Errorf("%s=maybe: exit %d, calls %q, stderr %q; want an error naming the switch and no call", tg.sw, code, calls, stderr)
		}
	}
}

// TestMakeExitStatusIsDocumented: make turns any failing command into its own exit
// status 2 but prints the command's; the README says so and points CI at bin/platform.
func TestMakeExitStatusIsDocumented(t *testing.T) {
	code, _, stderr := runMake(t, "1", "plan")
	if code != 2 || !strings.Contains(stderr, "Error 1") {
		t.Errorf("make plan with a violation: exit %d, stderr %q; want make's 2 with the program's status 1 printed", code, stderr)
	}
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	for _, want := range []string{"`make` itself exits `2` whenever a command fails", "run `bin/platform` directly"} {
		if !strings.Contains(text, want) {
			t.Errorf("README does not say %q", want)
		}
	}
}

// TestMakePolicyReportsOnce: `make policy` of a plan with violations prints the verdict
// once (from policy check), not once more from the plan it runs first.
func TestMakePolicyReportsOnce(t *testing.T) {
	code, calls, stderr := runMake(t, "1", "policy", "ENV=dev")
	if code != 2 || !strings.Contains(calls, "policy check") {
		t.Fatalf("exit %d, calls %q", code, calls)
	}
	if n := strings.Count(stderr, "mandatory policy violation"); n != 1 {
		t.Errorf("the verdict is printed %d times:\n%s", n, stderr)
	}
	// A real error (exit 2) of the plan step is still shown.
	code, _, stderr = runMake(t, "2", "policy", "ENV=dev")
	if code != 2 {
		t.Errorf("plan failing with 2: make exited %d, %q", code, stderr)
	}
}

var phonyLine = regexp.MustCompile(`(?m)^\.PHONY:(.*)$`)
var targetLine = regexp.MustCompile(`(?m)^([a-zA-Z][a-zA-Z0-9_-]*):`)
var helpTarget = regexp.MustCompile(`(?m)^([a-zA-Z][a-zA-Z0-9_-]*):.*## `)

// TestPhonyTargetsExist: .PHONY names only targets that exist, and every documented
// target is phony (none is a file).
func TestPhonyTargetsExist(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	phony := map[string]bool{}
	for _, m := range phonyLine.FindAllStringSubmatch(string(data), -1) {
		for _, n := range strings.Fields(m[1]) {
			phony[n] = true
		}
	}
	targets := map[string]bool{}
	for _, m := range targetLine.FindAllStringSubmatch(string(data), -1) {
		targets[m[1]] = true
	}
	for n := range phony {
		if !targets[n] {
			t.Errorf(".PHONY names %q, which is not a target", n)
		}
	}
	for _, m := range helpTarget.FindAllStringSubmatch(string(data), -1) {
		if !phony[m[1]] {
			t.Errorf("target %q is not in .PHONY", m[1])
		}
	}
	if len(phony) < 10 {
		t.Fatalf("found %d phony targets; the parse saw nothing", len(phony))
	}
}
