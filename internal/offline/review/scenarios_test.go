package review

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/cost"
	"github.com/gameplatform/platform/internal/offline/deploytime"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/policies/rules"
)

// The scenarios below start from real offline plans (testdata/gen) and edit them the
// way a program change would, re-running the real policy pack where the edit is
// meant to trip it.

func findType(t *testing.T, p *plan.Plan, typ string) *plan.Resource {
	t.Helper()
	for i := range p.Resources {
		if p.Resources[i].Type == typ {
			return &p.Resources[i]
		}
	}
	t.Fatalf("plan %s has no %s (regenerate the fixtures with go run ./internal/offline/review/testdata/gen)", p.Stack, typ)
	return nil
}

// reanalyze re-runs the plan engine's analyses on an edited plan in the engine's
// order — the real cost model (tier from the plan), the deploy-time model and the
// real policy pack (in the scenario's tier, game from the plan's tags) — so the edited side carries
// figures the engine would give it. Both sides of a scenario are reanalysed alike.
func reanalyze(t *testing.T, p *plan.Plan, tier string) {
	t.Helper()
	table, err := cost.Default()
	if err != nil {
		t.Fatal(err)
	}
	est, err := cost.Compute(p, table, tier)
	if err != nil {
		t.Fatal(err)
	}
	budget := p.Cost.BudgetMonthlyUSD
	est.Fill(&p.Cost, table, 10)
	p.Cost.BudgetMonthlyUSD = budget
	durations, err := deploytime.DefaultDurations()
	if err != nil {
		t.Fatal(err)
	}
	d, err := deploytime.Estimate(p, durations, p.Deploy.Parallelism)
	if err != nil {
		t.Fatal(err)
	}
	d.Fill(&p.Deploy)
	cfg, err := rules.DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	env := rules.EnvFromPlan(p, spec.Tier(tier))
	p.PolicyResults = []plan.PolicyResult{}
	for _, r := range rules.Evaluate(cfg, env, rules.FromPlan(p)) {
		p.PolicyResults = append(p.PolicyResults, plan.PolicyResult{
			Pack: rules.PackName, Policy: r.Policy, EnforcementLevel: string(r.Level), URN: r.URN, Message: r.Message,
		})
	}
	p.Summary = plan.Summarize(p.Resources)
}

func TestGoldenStorageReplacement(t *testing.T) {
	base, head := loadPlan(t, "staging.base"), loadPlan(t, "staging.base")
	// Premium block-blob storage for faster patch downloads: a new kind and a
	// Standard → Premium SKU, neither of which Azure changes in place.
	sa := findType(t, head, "azure-native:storage:StorageAccount")
	sa.Inputs["kind"] = "BlockBlobStorage"
	sa.Inputs["sku"] = map[string]any{"name": "Premium_ZRS"}
	reanalyze(t, base, "staging")
	reanalyze(t, head, "staging")
	r := fromPlans(t, base, head, Options{BaseName: "staging.base.plan.json", HeadName: "head.plan.json"})
	if len(r.Changes) != 1 {
		t.Fatalf("changes = %+v, want the storage account only", r.Changes)
	}
	c := r.Changes[0]
	if c.Op != OpReplace || !c.ReplaceInferred || !c.Danger || len(c.ReplaceReasons) != 2 {
		t.Errorf("change = %+v, want an inferred, dangerous replacement forced by kind and sku.name", c)
	}
	if len(r.Blocked) != 1 || !strings.Contains(r.Blocked[0], "allow-destructive") {
		t.Errorf("blocked = %v, want the replacement (non-zero exit)", r.Blocked)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	danger := strings.Index(md, "Danger")
	changes := strings.Index(md, "Changes by region and component")
	if danger < 0 || changes < 0 || danger > changes {
		t.Error("the danger section is not above the changes")
	}
	golden(t, "storage-replacement", md)

	allowed := fromPlans(t, base, head, Options{AllowDestructive: true})
	if len(allowed.Blocked) != 0 {
		t.Errorf("allowed: still blocked %v", allowed.Blocked)
	}
}

func TestGoldenProtectedDeletion(t *testing.T) {
	base, head := loadPlan(t, "prod.japaneast"), loadPlan(t, "prod.japaneast")
	// Dropping the routing DNS zone from the program deletes the zone and its records.
	zone := findType(t, head, "azure-native:network:Zone")
	if !zone.Protect {
		t.Fatalf("prod's DNS zone is not protected in the plan")
	}
	name := zone.Inputs["zoneName"]
	var kept []plan.Resource
	deleted := 0
	for _, r := range head.Resources {
		if r.URN == zone.URN || (r.Custom && r.Inputs["zoneName"] == name) {
			deleted++
			continue
		}
		kept = append(kept, r)
	}
	head.Resources = kept
	reanalyze(t, base, "prod")
	reanalyze(t, head, "prod")
	r := fromPlans(t, base, head, Options{BaseName: "prod.plan.json", HeadName: "head.plan.json"})
	if r.Counts.Delete != deleted || r.Counts.Total() != deleted {
		t.Errorf("counts = %+v, want %d deletions only", r.Counts, deleted)
	}
	d := r.Dangerous()
	if len(d) != 1 || d[0].Type != "azure-native:network:Zone" || !strings.Contains(d[0].DangerReason, "protected") {
		t.Errorf("dangerous = %+v, want the protected DNS zone", d)
	}
	if len(r.Blocked) == 0 {
		t.Error("deleting a protected DNS zone does not block")
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	golden(t, "protected-deletion", md)
}

func TestGoldenPolicyRegression(t *testing.T) {
	base, head := loadPlan(t, "staging.base"), loadPlan(t, "staging.base")
	sa := findType(t, head, "azure-native:storage:StorageAccount")
	// Public blobs and an old TLS version "to let the launcher download patches".
	sa.Inputs["allowBlobPublicAccess"] = true
	sa.Inputs["minimumTlsVersion"] = "TLS1_0"
	reanalyze(t, base, "staging")
	reanalyze(t, head, "staging")
	r := fromPlans(t, base, head, Options{BaseName: "staging.base.plan.json", HeadName: "head.plan.json"})
	if r.Counts.Update != 1 || r.Counts.Replace != 0 {
		t.Errorf("counts = %+v, want one in-place update", r.Counts)
	}
	if r.Policy.NewMandatory() == 0 {
		t.Fatalf("no new mandatory violation: new %+v", r.Policy.New)
	}
	for _, p := range r.Policy.New {
		if p.URN != sa.URN {
			t.Errorf("new violation on %s, want only the storage account: %s", p.URN, p.Message)
		}
	}
	if len(r.Policy.Existing) != len(base.PolicyResults) {
		t.Errorf("%d already present, want base's %d", len(r.Policy.Existing), len(base.PolicyResults))
	}
	if len(r.Blocked) != 1 || !strings.Contains(r.Blocked[0], "new mandatory policy violation") {
		t.Errorf("blocked = %v", r.Blocked)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	golden(t, "policy-regression", md)
}

func TestGoldenCostIncrease(t *testing.T) {
	base, head := loadPlan(t, "staging.base"), loadPlan(t, "staging.capacity")
	r := fromPlans(t, base, head, Options{BaseName: "staging.base.plan.json", HeadName: "staging.capacity.plan.json"})
	if r.Cost == nil || r.Cost.DeltaUSD <= 0 {
		t.Fatalf("cost = %+v, want an increase", r.Cost)
	}
	if len(r.Cost.Movers) == 0 || r.Cost.Movers[0].AfterUSD <= r.Cost.Movers[0].BeforeUSD {
		t.Errorf("largest mover = %+v, want an increase", r.Cost.Movers)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	if !strings.Contains(md, "(**+$") {
		t.Error("the headline does not show the cost increase")
	}
	golden(t, "cost-increase", md)
}

// TestRenameWithoutAlias renames the key vault's logical name: offline plans carry
// no aliases, so the review shows a dangerous delete and a create of the same vault
// and says it is a rename.
func TestRenameWithoutAlias(t *testing.T) {
	base, head := loadPlan(t, "staging.base"), loadPlan(t, "staging.base")
	kv := findType(t, head, "azure-native:keyvault:Vault")
	kv.URN = strings.Replace(kv.URN, "::"+kv.Name, "::global-keyvault-main", 1)
	kv.Name = "global-keyvault-main"
	r := fromPlans(t, base, head, Options{})
	var del, cre *Change
	for i := range r.Changes {
		switch r.Changes[i].Op {
		case OpDelete:
			del = &r.Changes[i]
		case OpCreate:
			cre = &r.Changes[i]
		}
	}
	if del == nil || cre == nil || r.Counts.Total() != 2 {
		t.Fatalf("changes = %+v, want a delete and a create", r.Changes)
	}
	if del.RenamedTo != "global-keyvault-main" || cre.RenamedFrom != "global-keyvault-vault" || !del.Danger {
		t.Errorf("delete %+v / create %+v, want a dangerous delete paired as a rename", del, cre)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	checkComment(t, r, md)
	if !strings.Contains(md, "logical rename to <code>global-keyvault-main</code>") {
		t.Error("the danger table does not call out the rename")
	}
}
