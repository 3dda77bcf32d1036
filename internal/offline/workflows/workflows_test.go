package workflows

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

const repoRoot = "../../.."

func workflowFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no workflows in .github/workflows")
	}
	return files
}

// lint runs actionlint on files (shellcheck and pyflakes are not required: the
// linter runs them only when their executables are configured).
func lint(t *testing.T, files []string) []*actionlint.Error {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return errs
}

func TestWorkflowsPassActionlint(t *testing.T) {
	files := workflowFiles(t)
	for _, e := range lint(t, files) {
		t.Errorf("%s", e)
	}
	want := []string{"deploy.yml", "pr-review.yml", "scheduled.yml"}
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("workflows = %v, want %v", got, want)
	}
}

// TestActionlintCatchesBrokenWorkflow proves the lint above can fail: a workflow
// with an unknown job dependency, a typo in an expression context and an
// unsupported key must be reported.
func TestActionlintCatchesBrokenWorkflow(t *testing.T) {
	dir := t.TempDir()
	wf := filepath.Join(dir, ".github", "workflows")
	if err := os.MkdirAll(wf, 0o755); err != nil {
		t.Fatal(err)
	}
	broken := `name: broken
on:
  pull_request:
permissions:
  contents: read
jobs:
  review:
    needs: plan-that-does-not-exist
    runs-on: ubuntu-24.04
    steps:
      - run: echo "${{ github.event.pull_request.nummber }}"
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with-typo:
          fetch-depth: 0
`
	path := filepath.Join(wf, "broken.yml")
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := lint(t, []string{path})
	kinds := map[string]bool{}
	for _, e := range errs {
		kinds[e.Kind] = true
	}
	if len(errs) < 2 || !kinds["job-needs"] {
		t.Errorf("actionlint found %d problems (kinds %v) in a broken workflow, want the unknown job dependency and more", len(errs), kinds)
	}
}

var usesLine = regexp.MustCompile(`^\s*(?:-\s*)?uses:\s*([^\s#]+)`)
var shaRef = regexp.MustCompile(`^[^@]+@[0-9a-f]{40}$`)

// TestActionsArePinned requires every third-party action, in workflows and local
// actions, to be pinned to a full commit SHA (a tag can be moved to other code).
func TestActionsArePinned(t *testing.T) {
	var files []string
	err := filepath.Walk(filepath.Join(repoRoot, ".github"), func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			m := usesLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			ref := m[1]
			if strings.HasPrefix(ref, "./") {
				continue // a local action of this repository
			}
			if !shaRef.MatchString(ref) {
				t.Errorf("%s:%d: %s is not pinned to a commit SHA", f, i+1, ref)
			}
		}
	}
	if n == 0 {
		t.Error("no `uses:` found: the check saw nothing")
	}
}

// TestPermissionsAndConcurrency requires read-only default permissions, job-level
// grants only where needed, and a concurrency group on every workflow.
func TestPermissionsAndConcurrency(t *testing.T) {
	allowedWrite := map[string]bool{
		"pull-requests": true, // the review comment
		"id-token":      true, // OIDC to Azure
		"contents":      true, // only the deploy tag job
	}
	for _, f := range workflowFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, errs := actionlint.Parse(data)
		if len(errs) > 0 {
			t.Errorf("%s: %v", f, errs[0])
			continue
		}
		name := filepath.Base(f)
		if w.Permissions == nil || w.Permissions.All != nil {
			t.Errorf("%s: top-level permissions must list scopes (no read-all/write-all)", name)
		} else {
			for scope, p := range w.Permissions.Scopes {
				if p.Value.Value != "read" && p.Value.Value != "none" {
					t.Errorf("%s: top-level permission %s: %s, want read or none (grant writes per job)", name, scope, p.Value.Value)
				}
			}
		}
		if w.Concurrency == nil || w.Concurrency.Group == nil || w.Concurrency.Group.Value == "" {
			t.Errorf("%s: no concurrency group", name)
		}
		for id, j := range w.Jobs {
			if j.TimeoutMinutes == nil {
				t.Errorf("%s: job %s has no timeout-minutes", name, id)
			}
			if j.Permissions == nil {
				continue
			}
			for scope, p := range j.Permissions.Scopes {
				if p.Value.Value == "write" && !allowedWrite[scope] {
					t.Errorf("%s: job %s: %s: write is not needed", name, id, scope)
				}
				if scope == "contents" && p.Value.Value == "write" && id != "mark-deployed" {
					t.Errorf("%s: job %s: contents: write is only for the deploy tag", name, id)
				}
			}
		}
	}
}

// TestDeployGatesProdLast checks the deploy workflow's shape: prod in its own job
// that needs the other environments' job, runs in the prod GitHub environment.
func TestDeployGatesProdLast(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", "deploy.yml"))
	if err != nil {
		t.Fatal(err)
	}
	w, errs := actionlint.Parse(data)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	prod := w.Jobs["up-prod"]
	if prod == nil {
		t.Fatal("no up-prod job")
	}
	needsUp := false
	for _, n := range prod.Needs {
		if n.Value == "up" {
			needsUp = true
		}
	}
	if !needsUp {
		t.Error("up-prod does not wait for the other environments (needs: up)")
	}
	if prod.Environment == nil || prod.Environment.Name == nil {
		t.Error("up-prod runs in no GitHub environment, so no approval can gate it")
	}
	if m := matrixExpression(prod); !strings.Contains(m, "outputs.prod") {
		t.Errorf("up-prod's matrix is %q, not the prod environments", m)
	}
}
