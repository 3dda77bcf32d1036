package review

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

func TestReplaceReasonOffline(t *testing.T) {
	const (
		sa   = "azure-native:storage:StorageAccount"
		aks  = "azure-native:containerservice:ManagedCluster"
		pool = "azure-native:containerservice:AgentPool"
		sub  = "azure-native:network:Subnet"
		orig = "azure-native:cdn:AFDOrigin"
	)
	cases := []struct {
		typ, path string
		old, new  any
		forces    bool
	}{
		{sa, "location", "westeurope", "northeurope", true},
		{sa, "accountName", "stold", "stnew", true},
		{sa, "resourceGroupName", "rg-a", "rg-b", true},
		{sa, "kind", "StorageV2", "BlockBlobStorage", true},
		{sa, "sku.name", "Standard_LRS", "Standard_GRS", false},   // converted in place
		{sa, "sku.name", "Standard_GRS", "Standard_RAGRS", false}, // converted in place
		{sa, "sku.name", "Standard_LRS", "Standard_ZRS", true},    // into the zone-redundant family
		{sa, "sku.name", "Standard_GZRS", "Standard_GRS", true},   // out of it
		{sa, "sku.name", "Standard_LRS", "Premium_LRS", true},     // Standard ↔ Premium
		{sa, `tags["cost-center"]`, "CC-1", "CC-2", false},
		{sa, "minimumTlsVersion", "TLS1_0", "TLS1_2", false},
		{aks, "dnsPrefix", "a", "b", true},
		{aks, "networkProfile.networkPlugin", "kubenet", "azure", true},
		{aks, "networkProfile.loadBalancerSku", "basic", "standard", false},
		{aks, "kubernetesVersion", "1.32", "1.33", false},
		{aks, "agentPoolProfiles[0].count", 3, 4, false},
		{pool, "vmSize", "Standard_F8s_v2", "Standard_F16s_v2", true},
		{pool, "availabilityZones", []any{"1"}, []any{"1", "2"}, true},
		{pool, "count", 3, 5, false},
		{sub, "addressPrefix", "10.0.0.0/24", "10.0.1.0/24", true},
		{orig, "hostName", "a.example", "b.example", false}, // a Front Door origin's host name is updatable
		{"azure-native:cdn:AFDCustomDomain", "hostName", "a.example", "b.example", true},
		{"azure-native:insights:DiagnosticSetting", "name", "diag-a", "diag-b", true},
		{"azure-native:network:PublicIPAddress", "dnsSettings.domainNameLabel", "a", "b", false},
	}
	for _, tc := range cases {
		got := replaceReason(tc.typ, tc.path, tc.old, tc.new)
		if (got != "") != tc.forces {
			t.Errorf("%s %s %v → %v: reason %q, want forces=%v", catalog.Display(tc.typ), tc.path, tc.old, tc.new, got, tc.forces)
		}
	}
}

func TestDiffInputsMasksSecrets(t *testing.T) {
	old := map[string]any{
		"adminPassword":     "hunter2",
		"properties":        map[string]any{"value": plan.SecretMask, "contentType": "text/plain"},
		"linuxProfile":      map[string]any{"ssh": map[string]any{"publicKeys": []any{map[string]any{"keyData": "ssh-rsa AAA"}}}},
		"connectionStrings": []any{"Server=a;Password=x"},
		"tags":              map[string]any{"env": "a"},
	}
	new := map[string]any{
		"adminPassword":     "correct horse",
		"properties":        map[string]any{"value": plan.SecretMask, "contentType": "application/json"},
		"linuxProfile":      map[string]any{"ssh": map[string]any{"publicKeys": []any{map[string]any{"keyData": "ssh-rsa BBB"}}}},
		"connectionStrings": []any{"Server=b;Password=y"},
		"tags":              map[string]any{"env": "b"},
	}
	got := diffInputs("azure-native:web:WebApp", old, new)
	want := []PropertyChange{
		{Path: "adminPassword", Kind: "update", Old: "[secret]", New: "[secret]"},
		{Path: "connectionStrings", Kind: "update", Old: "[secret]", New: "[secret]"},
		{Path: "linuxProfile.ssh.publicKeys[0].keyData", Kind: "update", Old: "ssh-rsa AAA", New: "ssh-rsa BBB"},
		{Path: "properties.contentType", Kind: "update", Old: "text/plain", New: "application/json"},
		{Path: "tags.env", Kind: "update", Old: "a", New: "b"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diffInputs (-want +got):\n%s", diff)
	}
	for _, p := range got {
		for _, leak := range []string{"hunter2", "horse", "Password=x", "Password=y"} {
			if strings.Contains(p.Old+p.New, leak) {
				t.Errorf("%s leaks %q", p.Path, leak)
			}
		}
	}
	// Whole objects rendered for an added key are masked inside too.
	if s := render(map[string]any{"clientSecret": "s3cr3t", "clientId": "abc"}, false); strings.Contains(s, "s3cr3t") || !strings.Contains(s, "abc") {
		t.Errorf("render = %s", s)
	}
}

func TestPathsRoundTrip(t *testing.T) {
	v := map[string]any{"tags": map[string]any{"cost-center": "x", "a.b": "y"}, "list": []any{map[string]any{"k": 1.0}}}
	for path, want := range map[string]any{
		`tags["cost-center"]`: "x",
		`tags["a.b"]`:         "y",
		"list[0].k":           1.0,
		"list[3].k":           nil,
		"missing.x":           nil,
	} {
		if got := lookup(v, path); !cmp.Equal(got, want) {
			t.Errorf("lookup(%s) = %v, want %v", path, got, want)
		}
	}
	if got := joinPath("tags", "cost-center"); got != `tags["cost-center"]` {
		t.Errorf("joinPath = %s", got)
	}
}

func TestAffected(t *testing.T) {
	envs := []Environment{{Name: "prod", Tier: "prod"}, {Name: "dev", Tier: "dev"}, {Name: "staging", Tier: "staging"}, {Name: "playtest-a", Tier: "dev"}}
	cases := []struct {
		name    string
		changed []string
		want    []string
	}{
		{"one stack file", []string{"environments/Pulumi.staging.yaml"}, []string{"staging"}},
		{"a request", []string{"environments/requests/playtest-a.yaml"}, []string{"playtest-a"}},
		{"a component: all, prod last", []string{"components/network/network.go"}, []string{"dev", "playtest-a", "staging", "prod"}},
		{"the policy pack", []string{"policies/rules/storage.go"}, []string{"dev", "playtest-a", "staging", "prod"}},
		{"go.sum", []string{"go.sum"}, []string{"dev", "playtest-a", "staging", "prod"}},
		{"docs and CLI only", []string{"README.md", "cmd/platform/review.go", ".github/workflows/pr.yml", "internal/offline/review/markdown.go"}, nil},
		{"a deleted stack", []string{"environments/Pulumi.gone.yaml"}, nil},
		{"two stacks", []string{"environments/Pulumi.prod.yaml", "environments/Pulumi.dev.yaml", ""}, []string{"dev", "prod"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Affected(tc.changed, envs)); diff != "" {
				t.Errorf("Affected (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEnvironmentsInShippedDir(t *testing.T) {
	got := EnvironmentsIn("../../../environments")
	var names []string
	for _, e := range got {
		names = append(names, e.Name+":"+e.Tier)
	}
	if len(names) < 3 || names[len(names)-1] != "prod:prod" {
		t.Errorf("environments = %v, want dev/staging/prod with prod last", names)
	}
}

func TestPolicyDiff(t *testing.T) {
	a := plan.PolicyResult{Pack: "p", Policy: "tls", EnforcementLevel: "mandatory", URN: "u1", Message: "old wording"}
	b := plan.PolicyResult{Pack: "p", Policy: "tags", EnforcementLevel: "advisory", URN: "u2"}
	c := plan.PolicyResult{Pack: "p", Policy: "public", EnforcementLevel: "mandatory", URN: "u3"}
	a2 := a
	a2.Message = "new wording" // the same violation, reworded: still already present
	d := diffPolicies([]plan.PolicyResult{a, b}, []plan.PolicyResult{a2, c})
	if len(d.New) != 1 || d.New[0].Policy != "public" || len(d.Existing) != 1 || len(d.Resolved) != 1 || d.Resolved[0].Policy != "tags" {
		t.Errorf("diff = %+v", d)
	}
	if d.NewMandatory() != 1 {
		t.Errorf("new mandatory = %d", d.NewMandatory())
	}
}

func TestParsePreviewErrors(t *testing.T) {
	cases := map[string]string{
		`not json`:                           "x.json: not `pulumi preview --json` output",
		`{"schemaVersion":1,"resources":[]}`: "is a plan JSON",
		`{"config":{}}`:                      "steps: missing",
		`{"steps":[{"urn":"urn:pulumi:a::b::t::n"}]}`: "steps[0].op: missing",
		`{"steps":[{"op":"create","urn":"nope"}]}`:    `steps[0].urn: "nope" is not a Pulumi URN`,
		`{"steps":[{"op":"create","urn":5}]}`:         "steps[0].urn: must be a string",
	}
	for in, want := range cases {
		_, err := ParsePreview([]byte(in), "x.json")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePreview(%s) = %v, want error containing %q", in, err, want)
		}
	}
}

func TestPreviewErrorsBlock(t *testing.T) {
	d := &PreviewDigest{
		Steps: []PreviewStep{{Op: "same", URN: "urn:pulumi:dev::game-platform::pulumi:pulumi:Stack::game-platform-dev"}},
		Diagnostics: []PreviewDiagnostic{
			{Message: "error: preview failed: 1 mandatory policy violation\n", Severity: "error"},
			{Message: "connection password=hunter2 refused\n", Severity: "warning"},
		},
	}
	r, err := FromPreview(d, Context{}, Options{Parallelism: 4})
	if err != nil {
		t.Fatal(err)
	}
	if r.Env != "dev" || len(r.Blocked) != 1 || !strings.Contains(r.Blocked[0], "1 error") {
		t.Errorf("env %q, blocked %v", r.Env, r.Blocked)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	if !strings.Contains(md, "No infrastructure changes.") || strings.Contains(md, "hunter2") || !strings.Contains(md, "password=[secret]") {
		t.Errorf("comment:\n%s", md)
	}
	if r.Changes == nil {
		t.Error("changes is null in JSON for machines; want []")
	}
}

func TestPolicyDiffStackLevel(t *testing.T) {
	msg := func(region, list string) plan.PolicyResult {
		return plan.PolicyResult{Pack: "p", Policy: "region-stamp-complete", EnforcementLevel: "mandatory",
			Message: `stack "staging": region ` + region + ` has no AKS cluster; expected one per region ([` + list + `])`}
	}
	budget := func(v string) plan.PolicyResult {
		return plan.PolicyResult{Pack: "p", Policy: "budget", EnforcementLevel: "advisory", Message: "estimated $" + v + " exceeds the budget $25,000"}
	}
	base := []plan.PolicyResult{msg("westeurope", "westeurope japaneast"), msg("japaneast", "westeurope japaneast"), budget("26,000.50")}
	head := []plan.PolicyResult{msg("westeurope", "westeurope japaneast eastus2"), msg("japaneast", "westeurope japaneast eastus2"), msg("eastus2", "westeurope japaneast eastus2"), budget("31,200.00")}
	d := diffPolicies(base, head)
	if len(d.New) != 1 || !strings.Contains(d.New[0].Message, "region eastus2") || len(d.Existing) != 3 || len(d.Resolved) != 0 {
		t.Errorf("new %v\nexisting %d, resolved %d", d.New, len(d.Existing), len(d.Resolved))
	}
}

func TestDiffArrays(t *testing.T) {
	ep := func(name, loc string) map[string]any { return map[string]any{"name": name, "endpointLocation": loc} }
	cases := []struct {
		name     string
		old, new any
		want     []PropertyChange
	}{
		{"element added, matched by name", []any{ep("we", "westeurope"), ep("je", "japaneast")}, []any{ep("we", "westeurope"), ep("eu", "eastus2"), ep("je", "japaneast")},
			[]PropertyChange{{Path: "endpoints[1]", Kind: "add", New: `{"endpointLocation":"eastus2","name":"eu"}`}}},
		{"element removed and one changed", []any{ep("we", "westeurope"), ep("je", "japaneast")}, []any{ep("je", "japanwest")},
			[]PropertyChange{{Path: "endpoints[0].endpointLocation", Kind: "update", Old: "japaneast", New: "japanwest"},
				{Path: "endpoints[0]", Kind: "delete", Old: `{"endpointLocation":"westeurope","name":"we"}`}}},
		{"appended without keys", []any{map[string]any{"x": 1.0}}, []any{map[string]any{"x": 1.0}, map[string]any{"x": 2.0}},
			[]PropertyChange{{Path: "endpoints[1]", Kind: "add", New: `{"x":2}`}}},
		{"a long element added among others", []any{map[string]any{"name": "game0"}}, []any{map[string]any{"name": "game0"}, map[string]any{"name": "game3", "vmSize": "Standard_F16s_v2", "count": 14.0, "mode": "User", "osSKU": "AzureLinux", "nodeLabels": map[string]any{"gameplatform.io/pool": "game"}, "orchestratorVersion": "1.33"}},
			[]PropertyChange{{Path: "endpoints[1]", Kind: "add", New: `name=game3 vmSize=Standard_F16s_v2 count=14`}}},
		{"scalars stay whole", []any{"1"}, []any{"1", "2"},
			[]PropertyChange{{Path: "endpoints", Kind: "update", Old: `["1"]`, New: `["1","2"]`}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := diffInputs("azure-native:network:Profile", map[string]any{"endpoints": tc.old}, map[string]any{"endpoints": tc.new})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestPreviewOddShapesDoNotPanic feeds steps the engine can emit with missing
// states, every prefix of the fixture, and a replacement seen only as its parts.
func TestPreviewOddShapesDoNotPanic(t *testing.T) {
	const urn = "urn:pulumi:dev::game-platform::gameplatform:stacks:Region$azure-native:storage:StorageAccount::westeurope-st"
	odd := []string{
		`{"steps":[{"op":"create","urn":"` + urn + `"}]}`,
		`{"steps":[{"op":"delete-replaced","urn":"` + urn + `","oldState":{"urn":"` + urn + `","type":"azure-native:storage:StorageAccount","custom":true}}]}`,
		`{"steps":[{"op":"update","urn":"` + urn + `","detailedDiff":{"sku.name":{"kind":"update-replace"}},"oldState":{"custom":true},"newState":{"custom":true,"inputs":{"sku":{"name":"x"}}}}]}`,
		`{"steps":[{"op":"refresh","urn":"` + urn + `"}],"changeSummary":{}}`,
		`{"changeSummary":{"same":3}}`,
	}
	for _, in := range odd {
		d, err := ParsePreview([]byte(in), "odd.json")
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		r, err := FromPreview(d, Context{}, Options{Parallelism: 4})
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		_ = RenderMarkdown(r, MarkdownOptions{})
	}
	data, err := os.ReadFile("testdata/preview.staging.json")
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n += 97 {
		if d, err := ParsePreview(data[:n], "prefix.json"); err == nil {
			if _, err := FromPreview(d, Context{}, Options{Parallelism: 4}); err != nil {
				t.Errorf("prefix %d: %v", n, err)
			}
		}
	}
}

func TestVersionedTypeTokens(t *testing.T) {
	const aks = "azure-native:containerservice/v20240801:ManagedCluster"
	if replaceReason(aks, "dnsPrefix", "a", "b") == "" {
		t.Error("a versioned AKS token does not get the AKS force-new rules")
	}
	c := Change{Op: OpReplace, Type: aks}
	classifyDanger(&c)
	if !c.Danger {
		t.Error("replacing a versioned AKS cluster is not dangerous")
	}
	if got := catalog.Display(aks); got != "containerservice:ManagedCluster" {
		t.Errorf("catalog.Display = %s", got)
	}
}
