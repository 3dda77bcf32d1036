package workflows

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// The properties below make the workflows work on a real GitHub repository: tests run
// on every pull request and push, stacks exist before they are used, approvals follow
// the tier, request-only pull requests are reviewed, one job can be required, the
// team backend's storage account is set, and expired environments are left to the
// teardown.

func parseWorkflow(t *testing.T, name string) *actionlint.Workflow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	w, errs := actionlint.Parse(data)
	if len(errs) > 0 {
		t.Fatalf("%s: %v", name, errs[0])
	}
	return w
}

func allWorkflows(t *testing.T) map[string]*actionlint.Workflow {
	t.Helper()
	out := map[string]*actionlint.Workflow{}
	for _, f := range workflowFiles(t) {
		out[filepath.Base(f)] = parseWorkflow(t, filepath.Base(f))
	}
	return out
}

func str(s *actionlint.String) string {
	if s == nil {
		return ""
	}
	return s.Value
}

// runOf is a step's shell script ("" for an action step).
func runOf(st *actionlint.Step) string {
	if r, ok := st.Exec.(*actionlint.ExecRun); ok {
		return str(r.Run)
	}
	return ""
}

func envVar(e *actionlint.Env, name string) (string, bool) {
	if e == nil {
		return "", false
	}
	for _, v := range e.Vars {
		if v.Name != nil && v.Name.Value == name {
			return str(v.Value), true
		}
	}
	return "", false
}

func triggers(w *actionlint.Workflow) map[string]bool {
	out := map[string]bool{}
	for _, ev := range w.On {
		if we, ok := ev.(*actionlint.WebhookEvent); ok {
			out[str(we.Hook)] = true
		}
	}
	return out
}

func matrixExpression(j *actionlint.Job) string {
	if j.Strategy == nil || j.Strategy.Matrix == nil {
		return ""
	}
	m := j.Strategy.Matrix
	if m.Include != nil && m.Include.Expression != nil {
		return m.Include.Expression.Value
	}
	if r := m.Rows["env"]; r != nil && r.Expression != nil {
		return r.Expression.Value
	}
	return ""
}

// runsTests reports whether a job runs the test suite (.ci/run, or make test).
func runsTests(j *actionlint.Job) bool {
	for _, st := range j.Steps {
		r := runOf(st)
		if strings.Contains(r, ".ci/run") || regexp.MustCompile(`\bmake test\b`).MatchString(r) {
			return true
		}
	}
	return false
}

// needsClosure is every job id j needs, directly or not.
func needsClosure(w *actionlint.Workflow, id string) map[string]bool {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(id string) {
		j := w.Jobs[id]
		if j == nil {
			return
		}
		for _, n := range j.Needs {
			if !seen[n.Value] {
				seen[n.Value] = true
				walk(n.Value)
			}
		}
	}
	walk(id)
	return seen
}

// TestTestSuiteRunsOnPullRequestsAndPushes: the suite runs on every pull request and
// on every push to main, and nothing deploys unless it passed.
func TestTestSuiteRunsOnPullRequestsAndPushes(t *testing.T) {
	onPR, onPush := false, false
	for name, w := range allWorkflows(t) {
		on := triggers(w)
		for id, j := range w.Jobs {
			if !runsTests(j) {
				continue
			}
			if str(j.If) != "" {
				t.Errorf("%s: job %s runs the tests only if %s", name, id, str(j.If))
				continue
			}
			onPR = onPR || on["pull_request"]
			onPush = onPush || on["push"]
		}
	}
	if !onPR || !onPush {
		t.Errorf("the test suite runs on pull requests: %v, on pushes: %v; want both", onPR, onPush)
	}
	deploy := parseWorkflow(t, "deploy.yml")
	for _, id := range []string{"up", "up-prod"} {
		tested := false
		for n := range needsClosure(deploy, id) {
			if runsTests(deploy.Jobs[n]) {
				tested = true
			}
		}
		if !tested {
			t.Errorf("deploy.yml: %s does not wait for the test suite", id)
		}
	}
}

var pulumiStackCmd = regexp.MustCompile(`pulumi (preview|up|destroy)\b[^\n]*--stack[^\n]*`)

// TestStacksAreSelectedBeforeUse: `pulumi preview/up --stack X` fails for a stack the
// backend does not have yet, so every job that previews or deploys selects the stack
// with --create first; drift checks and teardowns select it without creating one.
func TestStacksAreSelectedBeforeUse(t *testing.T) {
	n := 0
	for name, w := range allWorkflows(t) {
		for id, j := range w.Jobs {
			var before strings.Builder
			for _, st := range j.Steps {
				r := runOf(st)
				for _, m := range pulumiStackCmd.FindAllString(r, -1) {
					n++
					prior := before.String() + r[:strings.Index(r, m)]
					readOnly := strings.Contains(m, "--expect-no-changes") || strings.HasPrefix(m, "pulumi destroy")
					switch {
					case readOnly && !strings.Contains(prior, "pulumi stack select"):
						t.Errorf("%s: job %s runs %q without selecting the stack first", name, id, m)
					case !readOnly && !strings.Contains(prior, "pulumi stack select --create"):
						t.Errorf("%s: job %s runs %q without `pulumi stack select --create` first: a new environment has no stack", name, id, m)
					}
				}
				before.WriteString(r + "\n")
			}
		}
	}
	if n < 4 {
		t.Fatalf("found %d pulumi preview/up/destroy commands; the check saw nothing", n)
	}
}

// TestApprovalFollowsTheTier: a job's GitHub environment must not be named after the
// stack (a prod-tier environment created from a request would get a fresh GitHub
// environment without required reviewers): every `pulumi up` job runs in its tier's
// environment, and the prod job in `prod` itself.
func TestApprovalFollowsTheTier(t *testing.T) {
	deploy := parseWorkflow(t, "deploy.yml")
	for name, w := range allWorkflows(t) {
		for id, j := range w.Jobs {
			env := ""
			if j.Environment != nil {
				env = str(j.Environment.Name)
			}
			if strings.Contains(env, "matrix.env") {
				t.Errorf("%s: job %s runs in the GitHub environment %q, named after the stack", name, id, env)
			}
			deploys := false
			for _, st := range j.Steps {
				deploys = deploys || strings.Contains(runOf(st), "pulumi up")
			}
			if deploys && env != "prod" && !strings.Contains(env, "matrix.githubEnvironment") {
				t.Errorf("%s: job %s deploys in GitHub environment %q; want the tier's (matrix.githubEnvironment) or prod", name, id, env)
			}
		}
	}
	if j := deploy.Jobs["up-prod"]; j == nil || j.Environment == nil || str(j.Environment.Name) != "prod" {
		t.Error("deploy.yml: up-prod must run in the `prod` GitHub environment")
	}
	// The matrices carry the tier: `review affected --format matrix`.
	affected := ""
	for _, st := range deploy.Jobs["affected"].Steps {
		affected += runOf(st)
	}
	if !strings.Contains(affected, "--format matrix") {
		t.Error("deploy.yml: the affected environments are not listed with their tiers (--format matrix)")
	}
	for _, id := range []string{"up", "up-prod"} {
		if m := matrixExpression(deploy.Jobs[id]); !strings.Contains(m, "fromJSON") {
			t.Errorf("deploy.yml: %s's matrix %q does not include the affected entries", id, m)
		}
	}
}

// TestRequestOnlyPullRequestIsReviewed: a pull request that only adds a request file
// lists that environment, validates the request and reviews what it generates.
func TestRequestOnlyPullRequestIsReviewed(t *testing.T) {
	w := parseWorkflow(t, "pr-review.yml")
	affected := ""
	for _, st := range w.Jobs["affected"].Steps {
		affected += runOf(st)
	}
	if !strings.Contains(affected, "--include-requests") {
		t.Error("pr-review.yml: affected environments leave out request-only environments (--include-requests)")
	}
	validates, order := false, false
	sawRequest := false
	for _, st := range w.Jobs["review"].Steps {
		r := runOf(st)
		if strings.Contains(r, "env request") && strings.Contains(r, "--dry-run") {
			validates, sawRequest = true, true
		}
		if sawRequest && strings.Contains(r, "plan --env") {
			order = true
		}
	}
	if !validates || !order {
		t.Errorf("pr-review.yml: the review job validates requests: %v, then plans the generated environment: %v", validates, order)
	}
}

// TestOneRequiredSummaryJob: branch protection needs one job whose name does not
// depend on the matrix and that fails when any other job failed.
func TestOneRequiredSummaryJob(t *testing.T) {
	w := parseWorkflow(t, "pr-review.yml")
	var summaries []string
	for id, j := range w.Jobs {
		needs := map[string]bool{}
		for _, n := range j.Needs {
			needs[n.Value] = true
		}
		all := len(needs) == len(w.Jobs)-1
		for other := range w.Jobs {
			if other != id && !needs[other] {
				all = false
			}
		}
		if all && strings.Contains(str(j.If), "always()") {
			summaries = append(summaries, id)
			if name := str(j.Name); name == "" || strings.Contains(name, "${{") {
				t.Errorf("summary job %s has no stable name (%q)", id, name)
			}
			script := ""
			for _, st := range j.Steps {
				script += runOf(st)
			}
			if !strings.Contains(script, "exit 1") {
				t.Errorf("summary job %s never fails", id)
			}
		}
	}
	if len(summaries) != 1 {
		t.Errorf("pr-review.yml has %d summary jobs (%v) that need every other job and always run; want one", len(summaries), summaries)
	}
}

// TestBackendStorageAccount: the team backend (azblob://) needs its storage account;
// wherever the workflows set the backend URL they set AZURE_STORAGE_ACCOUNT too, and
// the README documents the variable.
func TestBackendStorageAccount(t *testing.T) {
	n := 0
	for name, w := range allWorkflows(t) {
		for id, j := range w.Jobs {
			_, jobAccount := envVar(j.Env, "AZURE_STORAGE_ACCOUNT")
			for _, st := range j.Steps {
				if _, ok := envVar(st.Env, "PULUMI_BACKEND_URL"); !ok {
					continue
				}
				n++
				v, ok := envVar(st.Env, "AZURE_STORAGE_ACCOUNT")
				if !ok && !jobAccount || ok && !strings.Contains(v, "vars.AZURE_STORAGE_ACCOUNT") {
					t.Errorf("%s: job %s step %q sets PULUMI_BACKEND_URL without AZURE_STORAGE_ACCOUNT from vars", name, id, str(st.Name))
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no step sets PULUMI_BACKEND_URL: the check saw nothing")
	}
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "AZURE_STORAGE_ACCOUNT") {
		t.Error("README does not document AZURE_STORAGE_ACCOUNT")
	}
}

// TestExpiredEnvironmentsAreSkipped: review, deploy and drift leave expired
// environments to the teardown (with a notice), so an expiry never turns them red.
func TestExpiredEnvironmentsAreSkipped(t *testing.T) {
	n := 0
	for name, w := range allWorkflows(t) {
		for id, j := range w.Jobs {
			for _, st := range j.Steps {
				for _, line := range strings.Split(strings.ReplaceAll(runOf(st), "\\\n", " "), "\n") {
					if !strings.Contains(line, "review affected") {
						continue
					}
					n++
					if !strings.Contains(line, "--exclude-expired") {
						t.Errorf("%s: job %s lists environments without --exclude-expired: %s", name, id, strings.TrimSpace(line))
					}
				}
			}
		}
	}
	if n < 3 {
		t.Fatalf("found %d `review affected` calls; want the review's, deploy's and drift's", n)
	}
}

// TestPulumiJobsHaveKubelogin: every job that runs the Pulumi CLI against Azure
// (deploy, review previews, drift, teardown) signs in through the pulumi-azure
// action, and that action installs kubelogin and points it at the Azure CLI session:
// the clusters' kubeconfigs (exec format, local accounts off) run it, so without it
// the Kubernetes provider cannot reach a cluster.
func TestPulumiJobsHaveKubelogin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".github", "actions", "pulumi-azure", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	action := string(data)
	for _, want := range []string{"--kubelogin-version", "AAD_LOGIN_METHOD=azurecli"} {
		if !strings.Contains(action, want) {
			t.Errorf("pulumi-azure action lacks %q", want)
		}
	}
	pulumiJobs := 0
	for name, w := range allWorkflows(t) {
		for id, j := range w.Jobs {
			runsPulumi, signsIn := false, false
			for _, st := range j.Steps {
				if strings.Contains(runOf(st), "pulumi ") {
					runsPulumi = true
				}
				if a, ok := st.Exec.(*actionlint.ExecAction); ok && strings.HasSuffix(str(a.Uses), "actions/pulumi-azure") {
					signsIn = true
				}
			}
			if runsPulumi {
				pulumiJobs++
			}
			if runsPulumi && !signsIn {
				t.Errorf("%s: job %s runs the Pulumi CLI without the pulumi-azure action (kubelogin, Azure sign-in)", name, id)
			}
		}
	}
	if pulumiJobs < 3 {
		t.Errorf("%d jobs run the Pulumi CLI; expected deploy, drift and teardown at least", pulumiJobs)
	}
}
