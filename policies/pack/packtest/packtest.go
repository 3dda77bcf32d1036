// Package packtest boots the policy pack the way `pulumi preview --policy-pack
// policies` does, for tests: plugin.NewPolicyAnalyzer reads policies/PulumiPolicy.yaml,
// asks the host for the pack's language runtime ("go") to run it, reads the port the
// pack prints, handshakes, and configures it with the stack's config
// (ConfigureStack). The Go language host would `go build` the pack and run it; the
// runtime here runs a binary built once by BuildPack instead. Analyze then sends a
// plan's resources over the analyzer gRPC protocol exactly as the engine does.
//
// The package runs the pack's process and waits for it on goroutines; its own tests
// run under the race detector (scripts/test-packages).
package packtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
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
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// PackImportPath is the policy pack's main package.
const PackImportPath = "github.com/gameplatform/platform/policies"

// BuildPack builds the policy pack binary and returns its path. The binary is kept
// between runs in the user's cache directory, one per calling package's directory,
// so `go build` relinks it only when the pack's code changed (its own up-to-date
// check against the binary's build ID); without a cache directory it goes to a
// temporary one.
func BuildPack(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if cache, err := os.UserCacheDir(); err == nil {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(wd))
		dir = filepath.Join(cache, "gameplatform-packtest", hex.EncodeToString(sum[:8]))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "game-platform-policies")
	cmd := exec.Command("go", "build", "-o", bin, PackImportPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the policy pack: %v\n%s", err, out)
	}
	return bin
}

// Pack is a booted policy pack.
type Pack struct {
	plugin.Analyzer
	// Runs are the plugin runs the engine asked the language runtime for.
	Runs []plugin.RunPluginInfo
	rt   *runtime
	seen map[string][]plugin.AnalyzeDiagnostic // Verdicts' Analyze answers by request
}

// Stderr is what the pack's process wrote to stderr so far.
func (p *Pack) Stderr() string { return p.rt.stderr.String() }

// Boot starts the pack in packDir (the folder of PulumiPolicy.yaml) from the binary
// bin, configured as opts says, and stops it when the test ends.
func Boot(t testing.TB, bin, packDir string, opts plugin.PolicyAnalyzerOptions) *Pack {
	t.Helper()
	rt := &runtime{bin: bin}
	h := &host{runtime: rt}
	var diagOut bytes.Buffer
	sink := diag.DefaultSink(&diagOut, &diagOut, diag.FormatOptions{Color: colors.Never})
	pctx, err := plugin.NewContext(context.Background(), sink, sink, h, nil, t.TempDir(), nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs(packDir)
	if err != nil {
		t.Fatal(err)
	}
	a, err := plugin.NewPolicyAnalyzer(h, pctx, tokens.QName(rules.PackName), dir, &opts,
		func(workspace.PluginDescriptor) bool { return true })
	if err != nil {
		t.Fatalf("booting the policy pack: %v\nstderr: %s\n%s", err, rt.stderr.String(), diagOut.String())
	}
	t.Cleanup(func() {
		closed := make(chan error, 1)
		go func() { closed <- a.Close() }()
		select {
		case <-closed:
		case <-time.After(30 * time.Second):
			t.Error("the pack did not stop")
		}
	})
	return &Pack{Analyzer: a, Runs: rt.ran, rt: rt}
}

// host is the engine host as the analyzer plugin sees it.
type host struct {
	plugin.Host
	runtime *runtime
}

func (h *host) ServerAddr() string                                   { return "127.0.0.1:1" }
func (h *host) AttachDebugger(plugin.DebugSpec) bool                 { return false }
func (h *host) ReleaseContext(*plugin.Context) error                 { return nil }
func (h *host) SignalCancellation() error                            { return nil }
func (h *host) Close() error                                         { return nil }
func (h *host) Loader(*plugin.Context) (*plugin.GrpcServer, error)   { return nil, nil }
func (h *host) Mapper(*plugin.Context) (*plugin.GrpcServer, error)   { return nil, nil }
func (h *host) Resolver(*plugin.Context) (*plugin.GrpcServer, error) { return nil, nil }
func (h *host) LanguageRuntime(_ *plugin.Context, name string) (plugin.LanguageRuntime, error) {
	if name != "go" {
		return nil, fmt.Errorf("PulumiPolicy.yaml asks for runtime %q, want go", name)
	}
	return h.runtime, nil
}

// runtime runs the prebuilt pack binary as the Go language host's RunPlugin would.
type runtime struct {
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

func (r *runtime) RunPlugin(ctx context.Context, info plugin.RunPluginInfo) (io.Reader, io.Reader, *promise.Promise[int32], error) {
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

// ToProperties converts plan inputs to engine property values: an unknown value
// becomes a computed value and "[secret]" a secret, as the engine holds them at
// preview.
func ToProperties(m map[string]any) resource.PropertyMap {
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
		return resource.NewProperty(ToProperties(t))
	case nil:
		return resource.NewNullProperty()
	}
	panic(fmt.Sprintf("plan input of type %T", v))
}

// AnalyzerResource is a plan resource as the engine sends it to Analyze.
func AnalyzerResource(r plan.Resource) plugin.AnalyzerResource {
	return plugin.AnalyzerResource{
		URN:        resource.URN(r.URN),
		Type:       tokens.Type(r.Type),
		Name:       r.Name,
		Properties: ToProperties(r.Inputs),
		Options:    plugin.AnalyzerResourceOptions{Protect: r.Protect, Parent: resource.URN(r.Parent)},
	}
}

// StackResource is a plan resource as the engine sends it to AnalyzeStack.
func StackResource(r plan.Resource) plugin.AnalyzerStackResource {
	sr := plugin.AnalyzerStackResource{AnalyzerResource: AnalyzerResource(r), Parent: resource.URN(r.Parent)}
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

// Verdict is one violation, comparable between the pack over gRPC and in-process.
type Verdict struct{ Policy, URN, Level, Message string }

func (v Verdict) String() string {
	return fmt.Sprintf("[%s %s] %s: %s", v.Level, v.Policy, v.URN, v.Message)
}

// VerdictsOf turns in-process policy results into sorted verdicts.
func VerdictsOf(rs []plan.PolicyResult) []Verdict {
	out := make([]Verdict, 0, len(rs))
	for _, r := range rs {
		out = append(out, Verdict{r.Policy, r.URN, r.EnforcementLevel, r.Message})
	}
	sortVerdicts(out)
	return out
}

// Strings formats verdicts one per line, for comparison and messages.
func Strings(vs []Verdict) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

func sortVerdicts(vs []Verdict) {
	sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
}

// Analyze runs every resource through Analyze and all of them through AnalyzeStack,
// as the engine does during a preview or an update, and returns the sorted verdicts.
func Analyze(t testing.TB, a plugin.Analyzer, resources []plan.Resource) []Verdict {
	t.Helper()
	return analyze(t, a, resources, nil)
}

// Verdicts is Analyze through p, remembering each resource's Analyze
// diagnostics by its request: a resource sent again unchanged (the same URN, type,
// name, inputs and options; the pack's config is fixed for its life) gets the
// answer the pack gave it before instead of another round trip. A resource policy
// sees only its one resource, so the answer is the same; tests that send many
// variants of one plan (one broken resource each) then cost one plan's round trips
// plus one per changed resource. AnalyzeStack, which sees every resource, always runs.
func (p *Pack) Verdicts(t testing.TB, resources []plan.Resource) []Verdict {
	t.Helper()
	if p.seen == nil {
		p.seen = map[string][]plugin.AnalyzeDiagnostic{}
	}
	return analyze(t, p.Analyzer, resources, p.seen)
}

// requestKey identifies what Analyze is sent for r (AnalyzerResource).
func requestKey(t testing.TB, r plan.Resource) string {
	inputs, err := json.Marshal(r.Inputs)
	if err != nil {
		t.Fatalf("%s: inputs: %v", r.URN, err)
	}
	return fmt.Sprintf("%s\x00%s\x00%s\x00%t\x00%s\x00%s", r.URN, r.Type, r.Name, r.Protect, r.Parent, inputs)
}

func analyze(t testing.TB, a plugin.Analyzer, resources []plan.Resource, seen map[string][]plugin.AnalyzeDiagnostic) []Verdict {
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
	for _, r := range resources {
		stack = append(stack, StackResource(r))
		var key string
		if seen != nil {
			key = requestKey(t, r)
			if ds, ok := seen[key]; ok {
				diags = append(diags, ds...)
				continue
			}
		}
		resp, err := a.Analyze(ctx, AnalyzerResource(r))
		if err != nil {
			t.Fatalf("Analyze(%s): %v", r.URN, err)
		}
		diags = append(diags, resp.Diagnostics...)
		if seen != nil {
			seen[key] = resp.Diagnostics
		}
	}
	resp, err := a.AnalyzeStack(ctx, stack)
	if err != nil {
		t.Fatalf("AnalyzeStack: %v", err)
	}
	diags = append(diags, resp.Diagnostics...)
	out := make([]Verdict, 0, len(diags))
	for _, d := range diags {
		if d.PolicyPackName != rules.PackName {
			t.Errorf("diagnostic from pack %q", d.PolicyPackName)
		}
		// policyx prefixes the policy's description to every message.
		msg := strings.TrimPrefix(d.Message, descriptions[d.PolicyName]+"\n")
		out = append(out, Verdict{d.PolicyName, string(d.URN), string(d.EnforcementLevel), msg})
	}
	sortVerdicts(out)
	return out
}
