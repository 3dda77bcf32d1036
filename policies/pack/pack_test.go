package pack

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/policies/rules"
)

func TestEnvFromConfig(t *testing.T) {
	values := map[string]string{
		"game-platform:studio":           "nebula-forge",
		"game-platform:game":             "starfall",
		"game-platform:tier":             "staging",
		"game-platform:owners":           `["a@nebulaforge.example"]`,
		"game-platform:costCenter":       "CC-1001",
		"game-platform:budgetMonthlyUSD": "25000",
		"game-platform:domain":           "staging.play.starfall.example",
		"game-platform:regions":          `[{"name":"westeurope","addressSpace":"10.20.0.0/18","capacity":{"peakPlayers":1000}}]`,
		"game-platform:cluster":          `{"apiServerAuthorizedRanges":["198.51.100.0/24"]}`,
	}
	e := EnvFromConfig("staging", values, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if e.Tier != spec.TierStaging || e.BudgetMonthlyUSD != 25000 || e.Game != "starfall" || !cmp.Equal(e.Regions, []string{"westeurope"}) || e.GamePorts.Start != spec.DefaultGamePortStart {
		t.Errorf("env from a valid config = %+v", e)
	}
	// A config that does not validate still gives its tier, game and budget.
	delete(values, "game-platform:owners")
	values["game-platform:tier"] = "dev"
	e = EnvFromConfig("x", values, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if e.Tier != spec.TierDev || e.Game != "starfall" || e.BudgetMonthlyUSD != 25000 || e.Regions != nil {
		t.Errorf("env from an invalid config = %+v", e)
	}
	// No config: tier unknown, so enforcement is prod's.
	if e := EnvFromConfig("x", nil, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)); e.Tier != "" || e.EnforcementTier() != spec.TierProd {
		t.Errorf("env from no config = %+v", e)
	}
}

type manager struct{ got []string }

func (m *manager) ReportViolation(message, urn string) { m.got = append(m.got, urn+" "+message) }

// TestNewPack drives the pack's policies directly: enforcement levels follow the
// tier, and a resource policy reports on the resource it judges.
func TestNewPack(t *testing.T) {
	cfg, _ := rules.DefaultConfig()
	levels := func(tier spec.Tier) map[string]policyx.EnforcementLevel {
		p, err := NewPack(cfg, &rules.Env{Tier: tier})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]policyx.EnforcementLevel{}
		for _, pol := range p.Policies() {
			out[pol.Name()] = pol.EnforcementLevel()
		}
		if len(out) != len(rules.All()) {
			t.Errorf("pack has %d policies, rules %d", len(out), len(rules.All()))
		}
		return out
	}
	if l := levels(spec.TierDev)["budget"]; l != policyx.EnforcementLevelAdvisory {
		t.Errorf("budget in dev = %v", l)
	}
	if l := levels(spec.TierProd)["budget"]; l != policyx.EnforcementLevelMandatory {
		t.Errorf("budget in prod = %v", l)
	}

	p, _ := NewPack(cfg, &rules.Env{Tier: spec.TierProd})
	var tls policyx.ResourceValidationPolicy
	for _, pol := range p.Policies() {
		if pol.Name() == "storage-min-tls" {
			tls = pol.(policyx.ResourceValidationPolicy)
		}
	}
	urn := "urn:pulumi:prod::game-platform::azure-native:storage:StorageAccount::st"
	m := &manager{}
	err := tls.Validate(context.Background(), policyx.ResourceValidationArgs{
		Manager: m,
		Resource: policyx.AnalyzerResource{
			Type: rules.TypeStorageAccount, URN: urn, Name: "st",
			Properties: property.NewMap(map[string]property.Value{"minimumTlsVersion": property.New(property.Computed)}),
			Options:    pulumi.ResourceOptions{Protect: true},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.got) != 1 || !strings.Contains(m.got[0], urn+" ") || !strings.Contains(m.got[0], "unknown at preview") {
		t.Errorf("violations = %q", m.got)
	}
}

// TestNewPackAtPreview: in a preview a check that needs a value unknown until apply
// is not a violation, it goes to the engine's log; a stack policy decides from the
// property dependencies the engine passes while the IDs are unknown.
func TestNewPackAtPreview(t *testing.T) {
	cfg, _ := rules.DefaultConfig()
	var notes []string
	p, err := NewPackAt(cfg, &rules.Env{Tier: spec.TierProd}, true, func(s string) { notes = append(notes, s) })
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]policyx.Policy{}
	for _, pol := range p.Policies() {
		byName[pol.Name()] = pol
	}
	// A resource policy that reads property dependencies runs over the stack, the
	// only call in which the engine passes them.
	for _, rp := range rules.All() {
		if _, isStack := byName[rp.Name].(policyx.StackValidationPolicy); rp.Resource != nil && rp.Dependencies != isStack {
			t.Errorf("%s: reads dependencies %t, served as a stack policy %t", rp.Name, rp.Dependencies, isStack)
		}
	}
	urn := "urn:pulumi:prod::game-platform::azure-native:storage:StorageAccount::st"
	m := &manager{}
	err = byName["storage-min-tls"].(policyx.ResourceValidationPolicy).Validate(context.Background(), policyx.ResourceValidationArgs{
		Manager: m, DryRun: true,
		Resource: policyx.AnalyzerResource{
			Type: rules.TypeStorageAccount, URN: urn, Name: "st",
			Properties: property.NewMap(map[string]property.Value{"minimumTlsVersion": property.New(property.Computed)}),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.got) != 0 || len(notes) != 1 || !strings.Contains(notes[0], "storage-min-tls") || !strings.Contains(notes[0], "decided at apply") {
		t.Errorf("violations %q, notes %q; want no violation and one note", m.got, notes)
	}

	// The WAF binding as a preview of a fresh stack sees it: every ID unknown.
	const prefix = "urn:pulumi:prod::game-platform::azure-native:cdn:"
	waf := "urn:pulumi:prod::game-platform::azure-native:network:Policy::waf"
	eps := []string{prefix + "AFDEndpoint::patches", prefix + "AFDEndpoint::api"}
	unknownID := property.New(property.NewMap(map[string]property.Value{"id": property.New(property.Computed)}))
	resources := []policyx.AnalyzerResource{
		{Type: rules.TypeFrontDoorWAF, URN: waf, Name: "waf"},
		{Type: rules.TypeAFDEndpoint, URN: eps[0], Name: "patches"},
		{Type: rules.TypeAFDEndpoint, URN: eps[1], Name: "api"},
		{Type: rules.TypeSecurityPolicy, URN: prefix + "SecurityPolicy::binding", Name: "binding",
			Properties: property.NewMap(map[string]property.Value{"parameters": property.New(property.NewMap(map[string]property.Value{
				"type":      property.New("WebApplicationFirewall"),
				"wafPolicy": unknownID,
				"associations": property.New(property.NewArray([]property.Value{property.New(property.NewMap(map[string]property.Value{
					"domains":         property.New(property.NewArray([]property.Value{unknownID, unknownID})),
					"patternsToMatch": property.New(property.NewArray([]property.Value{property.New("/*")})),
				}))})),
			}))}),
			PropertyDependencies: map[string][]string{"parameters": {waf, eps[0], eps[1]}}},
	}
	m = &manager{}
	if err := byName["frontdoor-waf-attached"].(policyx.StackValidationPolicy).Validate(context.Background(),
		policyx.StackValidationArgs{Manager: m, Resources: resources}); err != nil {
		t.Fatal(err)
	}
	if len(m.got) != 0 {
		t.Errorf("WAF attachment at preview: %q; want both endpoints covered", m.got)
	}
}

// In a preview, a resource whose provider is not configured yet (each region's
// Kubernetes provider before its cluster exists) reaches stack policies with no
// properties at all: its checks are deferred to `pulumi up`, never judged on nothing.
func TestPropertylessResourceIsDeferred(t *testing.T) {
	cfg, _ := rules.DefaultConfig()
	var notes []string
	p, err := NewPackAt(cfg, &rules.Env{Tier: spec.TierProd}, true, func(s string) { notes = append(notes, s) })
	if err != nil {
		t.Fatal(err)
	}
	var pol policyx.StackValidationPolicy
	for _, x := range p.Policies() {
		if x.Name() == "fleet-autoscaler-within-pools" {
			pol = x.(policyx.StackValidationPolicy)
		}
	}
	fas := policyx.AnalyzerResource{Type: rules.TypeFleetAutoscaler, Name: "japaneast-gameservers-autoscaler",
		URN: "urn:pulumi:prod::game-platform::kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler::japaneast-gameservers-autoscaler"}
	if r := FromAnalyzer(fas); !r.Opaque {
		t.Error("a custom resource without properties is not opaque")
	}
	m := &manager{}
	if err := pol.Validate(context.Background(), policyx.StackValidationArgs{Manager: m, Resources: []policyx.AnalyzerResource{fas}}); err != nil {
		t.Fatal(err)
	}
	if len(m.got) != 0 || len(notes) != 1 || !strings.Contains(notes[0], "decided at apply") {
		t.Errorf("violations %q, notes %q; want no violation and one deferred check", m.got, notes)
	}
}
