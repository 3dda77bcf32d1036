// Package plantest runs Pulumi code under the plan recorder in unit tests and reads
// back what was registered, so component tests assert the inputs that matter.
package plantest

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/recorder"
)

// Project and Stack of the test runs.
const (
	Project = "game-platform"
	Stack   = "test"
)

// Result is what one run registered.
type Result struct {
	Resources []plan.Resource
	Err       error
}

// Run evaluates fn under the recording mock monitor.
func Run(fn pulumi.RunFunc) Result {
	rec := recorder.New()
	err := pulumi.RunErr(fn, pulumi.WithMocks(Project, Stack, rec))
	return Result{Resources: rec.Resources(Project, Stack), Err: err}
}

// Get returns the resource with the logical name, failing the test when absent.
func (r Result) Get(t *testing.T, name string) plan.Resource {
	t.Helper()
	for _, res := range r.Resources {
		if res.Name == name {
			return res
		}
	}
	t.Fatalf("no resource named %q was registered", name)
	return plan.Resource{}
}

// ByName returns the registered resources keyed by logical name.
func (r Result) ByName() map[string]plan.Resource {
	out := make(map[string]plan.Resource, len(r.Resources))
	for _, res := range r.Resources {
		out[res.Name] = res
	}
	return out
}

// Has reports whether a resource with the logical name was registered.
func (r Result) Has(name string) bool {
	for _, res := range r.Resources {
		if res.Name == name {
			return true
		}
	}
	return false
}

// OfType returns the resources of a type token.
func (r Result) OfType(token string) []plan.Resource {
	var out []plan.Resource
	for _, res := range r.Resources {
		if res.Type == token {
			out = append(out, res)
		}
	}
	return out
}

// Input returns the input at a dotted path ("properties.sku.name"; array elements by
// index, "endpoints.0.name"), or nil when absent.
func Input(res plan.Resource, path string) any {
	var cur any = res.Inputs
	for _, part := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[part]
		case []any:
			i := 0
			for _, ch := range part {
				if ch < '0' || ch > '9' {
					return nil
				}
				i = i*10 + int(ch-'0')
			}
			if i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	return cur
}

// Expect checks inputs at dotted paths against wanted values (numbers as float64).
func Expect(t *testing.T, res plan.Resource, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := Input(res, path); got != w {
			t.Errorf("%s: %s = %v (%T), want %v (%T)", res.Name, path, got, got, w, w)
		}
	}
}
