package recorder

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// thing is a custom resource of a made-up provider: the recorder must not depend on
// any provider SDK, and this package's tests stay cheap to build under -race.
type thing struct {
	pulumi.CustomResourceState
	Name pulumi.StringOutput `pulumi:"name"`
}

// TestRecorderUnderConcurrentRegistration drives the recorder the way the Pulumi SDK
// does in every offline plan: registrations arrive from the SDK's goroutines while
// earlier resources' outputs resolve. Run with -race (make test does), it checks the
// recorder's locking; without, it still checks that nothing is lost or mixed up.
func TestRecorderUnderConcurrentRegistration(t *testing.T) {
	const n = 200
	rec := New()
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		comp := &struct{ pulumi.ResourceState }{}
		if err := ctx.RegisterComponentResource("test:index:Group", "group", comp); err != nil {
			return err
		}
		var prev *thing
		for i := 0; i < n; i++ {
			args := map[string]pulumi.Input{
				"name":  pulumi.String(fmt.Sprintf("thing-%03d", i)),
				"index": pulumi.Int(i),
			}
			if prev != nil {
				args["peer"] = prev.Name
			}
			var r thing
			if err := ctx.RegisterResource("test:index:Thing", fmt.Sprintf("thing-%03d", i), pulumi.Map(args), &r, pulumi.Parent(comp)); err != nil {
				return err
			}
			prev = &r
		}
		return nil
	}, pulumi.WithMocks("proj", "stack", rec))
	if err != nil {
		t.Fatal(err)
	}
	rs := rec.Resources("proj", "stack")
	if len(rs) != n+1 {
		t.Fatalf("recorded %d resources, want %d", len(rs), n+1)
	}
	byName := map[string]plan.Resource{}
	for _, r := range rs {
		if _, dup := byName[r.Name]; dup {
			t.Errorf("resource %q recorded twice", r.Name)
		}
		byName[r.Name] = r
	}
	group := byName["group"]
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("thing-%03d", i)
		r, ok := byName[name]
		if !ok {
			t.Fatalf("%s was not recorded", name)
		}
		if r.Parent != group.URN {
			t.Errorf("%s: parent %q, want %q", name, r.Parent, group.URN)
		}
		if got := r.Inputs["index"]; got != float64(i) {
			t.Errorf("%s: index input %v, want %d", name, got, i)
		}
		if i == 0 {
			continue
		}
		peer := byName[fmt.Sprintf("thing-%03d", i-1)]
		if got := r.Inputs["peer"]; got != peer.Name {
			t.Errorf("%s: peer input %v, want %q", name, got, peer.Name)
		}
		if deps := r.PropertyDependencies["peer"]; len(deps) != 1 || deps[0] != peer.URN {
			t.Errorf("%s: peer property dependencies %v, want [%s]", name, deps, peer.URN)
		}
	}
}
