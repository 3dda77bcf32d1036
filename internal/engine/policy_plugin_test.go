package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/promise"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/gameplatform/platform/internal/plan"
	"github.com/gameplatform/platform/internal/spec"
	"github.com/gameplatform/platform/policies/rules"
)

// The plugin test boots the policy pack the way `pulumi preview --policy-pack
// policies` does: plugin.NewPolicyAnalyzer reads policies/PulumiPolicy.yaml, asks
// the host for the pack's language runtime ("go") to run it, reads the port the pack
// prints, handshakes, and configures it with the stack's config (ConfigureStack).
// The Go language host would `go build` the pack and run it; packRuntime runs the
// binary built once for this test instead. Analyze and AnalyzeStack then go over
// the analyzer gRPC protocol, exactly as the engine sends them.

// packHost is the engine host as the analyzer plugin sees it.
type packHost struct {
	plugin.Host
	runtime *packRuntime
}

func (h *packHost) ServerAddr() string                                   { return "127.0.0.1:1" }
func (h *packHost) AttachDebugger(plugin.DebugSpec) bool                 { return false }
func (h *packHost) ReleaseContext(*plugin.Context) error                 { return nil }
func (h *packHost) SignalCancellation() error                            { return nil }
func (h *packHost) Close() error                                         { return nil }
func (h *packHost) Loader(*plugin.Context) (*plugin.GrpcServer, error)   { return nil, nil }
func (h *packHost) Mapper(*plugin.Context) (*plugin.GrpcServer, error)   { return nil, nil }
func (h *packHost) Resolver(*plugin.Context) (*plugin.GrpcServer, error) { return nil, nil }
func (h *packHost) LanguageRuntime(_ *plugin.Context, name string) (plugin.LanguageRuntime, error) {
	if name != "go" {
		return nil, fmt.Errorf("PulumiPolicy.yaml asks for runtime %q, want go", name)
	}
	return h.runtime, nil
}

// packRuntime runs the prebuilt pack binary as the Go language host's RunPlugin would.
type packRuntime struct {
	plugin.LanguageRuntime
	bin    string
	stderr lockedBuffer
	ran    []plugin.RunPluginInfo
}

// lockedBuffer collects the pack's stderr from the process's copying goroutine.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (r *packRuntime) RunPlugin(ctx context.Context, info plugin.RunPluginInfo) (io.Reader, io.Reader, *promise.Promise[int32], error) {
	r.ran = append(r.ran, info)
	cmd := exec.CommandContext(ctx, r.bin, info.Args...)
	cmd.Env = info.Env
	cmd.Dir = info.WorkingDirectory
	outR, outW := io.Pipe()
	errR, errW := io.Pipe()
	cmd.Stdout = outW
	cmd.Stderr = io.MultiWriter(errW, &r.stderr)
	if err := cmd.Start(); err != nil {
		return nil, nil, nil, err
	}
	done := &promise.CompletionSource[int32]{}
	go func() {
		err := cmd.Wait()
		outW.Close()
		errW.Close()
		if cmd.ProcessState != nil {
			done.Fulfill(int32(cmd.ProcessState.ExitCode()))
			return
		}
		done.Reject(err)
	}()
	return outR, errR, done.Promise(), nil
}

// buildPack builds the policy pack binary once (this is the test's only build).
func buildPack(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "game-platform-policies")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/gameplatform/platform/policies")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the policy pack: %v\n%s", err, out)
	}
	return bin
}

// toProperties converts plan inputs to engine property values: an unknown value
// becomes a computed value and "[secret]" a secret, as the engine holds them at
// preview.
func toProperties(m map[string]any) resource.PropertyMap {
	out := resource.PropertyMap{}
	for k, v := range m {
		out[resource.PropertyKey(k)] = toProperty(v)
	}
	return out
}

func toProperty(v any) resource.PropertyValue {
	switch t := v.(type) {
	case string:
		switch {
		case plan.IsUnknown(t):
			return resource.MakeComputed(resource.NewProperty(""))
		case t == plan.SecretMask:
			return resource.MakeSecret(resource.NewProperty("secret"))
		}
		return resource.NewProperty(t)
	case bool:
		return resource.NewProperty(t)
	case float64:
		return resource.NewProperty(t)
	case []any:
		arr := make([]resource.PropertyValue, len(t))
		for i, e := range t {
			arr[i] = toProperty(e)
		}
		return resource.NewProperty(arr)
	case map[string]any:
		return resource.NewProperty(toProperties(t))
	case nil:
		return resource.NewNullProperty()
	}
	panic(fmt.Sprintf("plan input of type %T", v))
}

func analyzerResource(r plan.Resource) plugin.AnalyzerResource {
	return plugin.AnalyzerResource{
		URN:        resource.URN(r.URN),
		Type:       tokens.Type(r.Type),
		Name:       r.Name,
		Properties: toProperties(r.Inputs),
		Options:    plugin.AnalyzerResourceOptions{Protect: r.Protect, Parent: resource.URN(r.Parent)},
	}
}

func stackResource(r plan.Resource) plugin.AnalyzerStackResource {
	sr := plugin.AnalyzerStackResource{AnalyzerResource: analyzerResource(r), Parent: resource.URN(r.Parent)}
	for _, d := range r.Dependencies {
		sr.Dependencies = append(sr.Dependencies, resource.URN(d))
	}
	if len(r.PropertyDependencies) > 0 {
		sr.PropertyDependencies = map[resource.PropertyKey][]resource.URN{}
		for k, urns := range r.PropertyDependencies {
			for _, u := range urns {
				sr.PropertyDependencies[resource.PropertyKey(k)] = append(sr.PropertyDependencies[resource.PropertyKey(k)], resource.URN(u))
			}
		}
	}
	return sr
}

// verdict is one violation, comparable across the two paths.
type verdict struct{ policy, urn, level, message string }

func (v verdict) String() string {
	return fmt.Sprintf("[%s %s] %s: %s", v.level, v.policy, v.urn, v.message)
}

func verdictsOf(rs []plan.PolicyResult) []verdict {
	out := make([]verdict, 0, len(rs))
	for _, r := range rs {
		out = append(out, verdict{r.Policy, r.URN, r.EnforcementLevel, r.Message})
	}
	sortVerdicts(out)
	return out
}

func sortVerdicts(vs []verdict) {
	sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
}

// analyzeOverGRPC runs every resource through Analyze and the stack through
// AnalyzeStack, as the engine does during a preview.
func analyzeOverGRPC(t *testing.T, a plugin.Analyzer, p *plan.Plan) []verdict {
	t.Helper()
	ctx := context.Background()
	descriptions := map[string]string{}
	info, err := a.GetAnalyzerInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, pi := range info.Policies {
		descriptions[pi.Name] = pi.Description
	}
	var diags []plugin.AnalyzeDiagnostic
	var stack []plugin.AnalyzerStackResource
	for _, r := range p.Resources {
		resp, err := a.Analyze(ctx, analyzerResource(r))
		if err != nil {
			t.Fatalf("Analyze(%s): %v", r.URN, err)
		}
		diags = append(diags, resp.Diagnostics...)
		stack = append(stack, stackResource(r))
	}
	resp, err := a.AnalyzeStack(ctx, stack)
	if err != nil {
		t.Fatalf("AnalyzeStack: %v", err)
	}
	diags = append(diags, resp.Diagnostics...)
	out := make([]verdict, 0, len(diags))
	for _, d := range diags {
		if d.PolicyPackName != rules.PackName {
			t.Errorf("diagnostic from pack %q", d.PolicyPackName)
		}
		// policyx prefixes the policy's description to every message.
		msg := strings.TrimPrefix(d.Message, descriptions[d.PolicyName]+"\n")
		out = append(out, verdict{d.PolicyName, string(d.URN), string(d.EnforcementLevel), msg})
	}
	sortVerdicts(out)
	return out
}

// TestPolicyPackOverAnalyzerProtocol boots the pack as the engine does for a
// `pulumi preview` (DryRun) of the prod plan as a preview sees it — values Azure
// computes unknown, the property dependencies the SDK reports — and for a
// `pulumi up` of the plan as applied, and checks that the pack gives the verdicts
// the in-process run gives, for the real plan and for every break.
func TestPolicyPackOverAnalyzerProtocol(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and boots the policy pack")
	}
	bin := buildPack(t)
	_, sc, err := Load(Options{Dir: envDir, Stack: "prod", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	cfg := map[config.Key]string{}
	for k, v := range sc.Values {
		key, err := config.ParseKey(k)
		if err != nil {
			t.Fatal(err)
		}
		cfg[key] = v
	}
	for _, run := range []struct {
		mode   plan.Mode
		dryRun bool
	}{{plan.ModePreview, true}, {plan.ModeApplied, false}} {
		t.Run(string(run.mode), func(t *testing.T) {
			testPackOverAnalyzerProtocol(t, bin, cfg, shippedPlansIn(t, run.mode)["prod"], run.dryRun)
		})
	}
}

func testPackOverAnalyzerProtocol(t *testing.T, bin string, cfg map[config.Key]string, res *Result, dryRun bool) {
	rt := &packRuntime{bin: bin}
	host := &packHost{runtime: rt}
	var diagOut bytes.Buffer
	sink := diag.DefaultSink(&diagOut, &diagOut, diag.FormatOptions{Color: colors.Never})
	pctx, err := plugin.NewContext(context.Background(), sink, sink, host, nil, t.TempDir(), nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	packDir, err := filepath.Abs("../../policies")
	if err != nil {
		t.Fatal(err)
	}
	a, err := plugin.NewPolicyAnalyzer(host, pctx, tokens.QName(rules.PackName), packDir,
		&plugin.PolicyAnalyzerOptions{Project: Project, Stack: "prod", Config: cfg, DryRun: dryRun},
		func(workspace.PluginDescriptor) bool { return true })
	if err != nil {
		t.Fatalf("booting the policy pack: %v\nstderr: %s\n%s", err, rt.stderr.String(), diagOut.String())
	}
	defer func() {
		closed := make(chan error, 1)
		go func() { closed <- a.Close() }()
		select {
		case <-closed:
		case <-time.After(30 * time.Second):
			t.Error("the pack did not stop")
		}
	}()
	if len(rt.ran) != 1 || rt.ran[0].Kind != "analyzer" {
		t.Fatalf("pack runs = %+v", rt.ran)
	}

	// The pack announces every rule with prod's enforcement levels (from the
	// stack config it was configured with).
	info, err := a.GetAnalyzerInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ruleCfg, _ := rules.DefaultConfig()
	if info.Name != rules.PackName || len(info.Policies) != len(rules.All()) {
		t.Fatalf("analyzer info: %s with %d policies, want %d", info.Name, len(info.Policies), len(rules.All()))
	}
	for _, pi := range info.Policies {
		p := rules.Lookup(pi.Name)
		if p == nil {
			t.Errorf("unknown policy %q", pi.Name)
			continue
		}
		if want := ruleCfg.Level(p, spec.TierProd); string(pi.EnforcementLevel) != string(want) {
			t.Errorf("%s: level %s, want %s", pi.Name, pi.EnforcementLevel, want)
		}
	}

	cases := []struct {
		name  string
		plan  *plan.Plan
		catch string // a policy the break must trip ("" = the real plan)
	}{{name: "real prod plan", plan: res.Plan}}
	for _, b := range pluginBreaks(t, res.Plan) {
		cases = append(cases, b)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// The broken plan is re-priced, as a fresh plan of it would be.
			if err := estimateCost(tc.plan, res.Spec); err != nil {
				t.Fatal(err)
			}
			inProcess, deferred, err := CheckPoliciesDeferred(tc.plan, res.Spec)
			if err != nil {
				t.Fatal(err)
			}
			want := verdictsOf(inProcess)
			got := analyzeOverGRPC(t, a, tc.plan)
			t.Logf("%d verdicts in-process, %d over gRPC", len(want), len(got))
			if strings.Join(fmtVerdicts(got), "\n") != strings.Join(fmtVerdicts(want), "\n") {
				t.Errorf("verdicts over gRPC differ from in-process:\n--- in-process\n%s\n--- plugin\n%s",
					strings.Join(fmtVerdicts(want), "\n"), strings.Join(fmtVerdicts(got), "\n"))
			}
			if tc.catch == "" {
				return
			}
			// A value unknown at preview defers the check in a preview and fails
			// it at apply; every other break is a violation either way.
			atPreview := tc.name == "location unknown at preview" && dryRun
			caught := false
			for _, v := range got {
				if v.policy == tc.catch && v.level == "mandatory" {
					caught = true
				}
			}
			for _, d := range deferred {
				if atPreview && d.Policy == tc.catch && strings.Contains(d.Message, "unknown at preview") {
					caught = true
				}
			}
			if !caught {
				t.Errorf("%s was neither reported (mandatory) nor, for an unknown value at preview, deferred", tc.catch)
			}
			if atPreview && len(got) > len(verdictsOf(res.Plan.PolicyResults)) {
				t.Errorf("a value unknown at preview made a violation: %v", got)
			}
		})
	}
}

func fmtVerdicts(vs []verdict) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}
