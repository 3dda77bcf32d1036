package rules

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
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
		"dev: [westeurope,", "dev: [westeurop,",
		"maxNodesPerPool: {dev: 20,", "maxNodesPerPool: {dev: 0,",
	).Replace(string(shippedConfig))
	_, err := LoadConfig([]byte(bad), "enforcement.yaml")
	if err == nil {
		t.Fatal("no error for a broken configuration")
	}
	for _, want := range []string{
		`enforcement.yaml: categories.security.dev: unknown level "sometimes"`,
		"policies.naming-convnetion: unknown policy",
		`settings.allowedRegions.dev[0]: "westeurop" is not in the platform's region catalogue`,
		"settings.maxNodesPerPool.dev: 0 is out of range",
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
	// Unknown tier: judged as prod (strictest), tier tag first.
	e := envFor("")
	if e.EnforcementTier() != spec.TierProd {
		t.Errorf("enforcement tier with no tier = %s", e.EnforcementTier())
	}
	devTagged := with(storageAccount(), "tags.tier", "dev")
	if got := e.TierOf(&devTagged); got != spec.TierDev {
		t.Errorf("TierOf(dev-tagged) = %s", got)
	}
}
