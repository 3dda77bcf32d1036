package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

func TestShippedConfigEnforcement(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	advisoryInDev := 0
	for _, p := range All() {
		for _, tier := range spec.Tiers {
			l := cfg.Level(p, tier)
			if (p.Category == Security || p.Category == DataSafety) && l != Mandatory {
				t.Errorf("%s (%s) is %s in %s; security and data safety are mandatory everywhere", p.Name, p.Category, l, tier)
			}
			if tier == spec.TierProd && l != Mandatory {
				t.Errorf("%s is %s in prod; every shipped policy is mandatory in prod", p.Name, l)
			}
		}
		if (p.Category == Reliability || p.Category == Cost) && cfg.Level(p, spec.TierDev) == Advisory {
			advisoryInDev++
		}
	}
	if advisoryInDev == 0 {
		t.Error("no reliability or cost policy is advisory in dev")
	}
	if got := cfg.Level(Lookup("budget"), spec.TierDev); got != Advisory {
		t.Errorf("budget in dev = %s, want advisory", got)
	}
	if got := cfg.Level(Lookup("naming-convention"), spec.TierStaging); got != Advisory {
		t.Errorf("naming-convention override in staging = %s, want advisory", got)
	}
}

func TestLoadConfigReportsEveryProblem(t *testing.T) {
	bad := strings.NewReplacer(
		"security:    {dev: mandatory,", "security:    {dev: sometimes,",
		"naming-convention:", "naming-convnetion:",
		"cost:        {dev: advisory,  staging: mandatory, prod: mandatory}", "cost:        {dev: advisory,  staging: mandatory}",
	).Replace(string(shippedConfig))
	_, err := LoadConfig([]byte(bad), "enforcement.yaml")
	if err == nil {
		t.Fatal("no error for a broken configuration")
	}
	for _, want := range []string{
		`enforcement.yaml: categories.security.dev: unknown level "sometimes"`,
		"policies.naming-convnetion: unknown policy",
		"categories.cost.prod: missing (every tier needs a level)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := LoadConfig([]byte("categories: {}\nsurprise: 1\n"), "x.yaml"); err == nil || !strings.Contains(err.Error(), "surprise") {
		t.Errorf("unknown key not rejected: %v", err)
	}
}

func TestEvaluateAppliesTierLevels(t *testing.T) {
	cfg := testConfig()
	unprotectedLRS := func() Resource {
		r := with(storageAccount(), "sku.name", "Standard_LRS")
		r.Protect = false
		return r
	}
	// prod: redundancy and protection are both mandatory.
	res := Evaluate(cfg, envFor(spec.TierProd), []Resource{unprotectedLRS()})
	levels := map[string]Level{}
	for _, r := range res {
		levels[r.Policy] = r.Level
	}
	if levels["storage-redundancy"] != Mandatory || levels["protect-stateful"] != Mandatory {
		t.Errorf("prod levels = %v", levels)
	}
	if res[0].Level != Mandatory {
		t.Errorf("results not sorted mandatory first: %v", res)
	}
	// dev: the budget (cost) rule only advises.
	dev := envFor(spec.TierDev)
	over := 7000.0
	dev.BudgetMonthlyUSD, dev.CostMonthlyUSD = 6000, &over
	for _, r := range Evaluate(cfg, dev, nil) {
		if r.Policy == "budget" && r.Level != Advisory {
			t.Errorf("budget in dev is %s", r.Level)
		}
	}
	// Unknown tier: judged as prod (strictest), whatever a resource's tier tag says.
	e := envFor("")
	if e.EnforcementTier() != spec.TierProd {
		t.Errorf("enforcement tier with no tier = %s", e.EnforcementTier())
	}
	devTagged := with(storageAccount(), "tags.tier", "dev")
	if got := e.TierOf(&devTagged); got != spec.TierProd {
		t.Errorf("TierOf(dev-tagged) in a stack of unknown tier = %s, want prod (a tag is not believed)", got)
	}
}

// The pack's levels (enforcement.yaml, its own format) are the tier profiles': a
// category or policy is advisory in a tier exactly when the profile lists it, and
// mandatory otherwise; nothing is disabled.
func TestShippedConfigEqualsTheTierProfiles(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range spec.Tiers {
		p := tier.Of(tr)
		for _, cat := range Categories {
			want := Mandatory
			if slices.Contains(p.AdvisoryCategories, string(cat)) {
				want = Advisory
			}
			if got := cfg.Categories[cat][tr]; got != want {
				t.Errorf("categories.%s.%s is %s in %s; the tier profile makes it %s", cat, tr, got, ConfigFile, want)
			}
		}
		for _, name := range p.AdvisoryCategories {
			if !validCategory(Category(name)) {
				t.Errorf("tier profile %s: AdvisoryCategories names %q, not a category", tr, name)
			}
		}
		for _, pol := range All() {
			want := cfg.Categories[pol.Category][tr]
			if slices.Contains(p.AdvisoryPolicies, pol.Name) {
				want = Advisory
			}
			if got := cfg.Level(pol, tr); got != want {
				t.Errorf("policy %s is %s in %s; the tier profile makes it %s", pol.Name, got, tr, want)
			}
		}
		for _, name := range p.AdvisoryPolicies {
			if Lookup(name) == nil {
				t.Errorf("tier profile %s: AdvisoryPolicies names %q, not a policy", tr, name)
			}
		}
	}
	if got := cfg.Level(Lookup("budget"), spec.TierDev) == Mandatory; got != tier.Of(spec.TierDev).BudgetEnforced() {
		t.Errorf("budget enforced in dev = %v, the profile says %v", got, tier.Of(spec.TierDev).BudgetEnforced())
	}
}
