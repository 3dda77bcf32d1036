package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/pack/packtest"
	"github.com/gameplatform/platform/policies/rules"
)

// TestPolicyPackOverAnalyzerProtocol boots the pack as the engine does for a
// `pulumi preview` (DryRun) of the prod plan as a preview sees it — values Azure
// computes unknown, the property dependencies the SDK reports — and for a
// `pulumi up` of the plan as applied, and checks that the pack gives the verdicts
// the in-process run gives, for the real plan and for every break.
func TestPolicyPackOverAnalyzerProtocol(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and boots the policy pack")
	}
	bin := packtest.BuildPack(t)
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
	a := packtest.Boot(t, bin, "../../../policies", plugin.PolicyAnalyzerOptions{Project: Project, Stack: "prod", Config: cfg, DryRun: dryRun})
	if len(a.Runs) != 1 || a.Runs[0].Kind != "analyzer" {
		t.Fatalf("pack runs = %+v", a.Runs)
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
		// At up (not a dry run) the pack differs from a preview only where a value
		// is unknown, so the applied run sends the breaks that make one unknown;
		// the preview run sends every break.
		if !dryRun && !strings.Contains(b.name, "unknown") {
			continue
		}
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
			want := packtest.VerdictsOf(inProcess)
			got := a.Verdicts(t, tc.plan.Resources)
			t.Logf("%d verdicts in-process, %d over gRPC", len(want), len(got))
			if strings.Join(packtest.Strings(got), "\n") != strings.Join(packtest.Strings(want), "\n") {
				t.Errorf("verdicts over gRPC differ from in-process:\n--- in-process\n%s\n--- plugin\n%s",
					strings.Join(packtest.Strings(want), "\n"), strings.Join(packtest.Strings(got), "\n"))
			}
			if tc.catch == "" {
				return
			}
			// A value unknown at preview defers the check in a preview and fails
			// it at apply; every other break is a violation either way.
			atPreview := tc.name == "location unknown at preview" && dryRun
			caught := false
			for _, v := range got {
				if v.Policy == tc.catch && v.Level == "mandatory" {
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
			if atPreview && len(got) > len(packtest.VerdictsOf(res.Plan.PolicyResults)) {
				t.Errorf("a value unknown at preview made a violation: %v", got)
			}
		})
	}
}
