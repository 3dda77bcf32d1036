package catalog

import (
	"encoding/base64"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestBaseType(t *testing.T) {
	for in, want := range map[string]string{
		"azure-native:containerservice/v20240801:ManagedCluster":        "azure-native:containerservice:ManagedCluster",
		"azure-native:containerservice/v20240702preview:ManagedCluster": "azure-native:containerservice:ManagedCluster",
		"azure-native:storage/v20230101:StorageAccount":                 "azure-native:storage:StorageAccount",
		"azure-native:network:VirtualNetwork":                           "azure-native:network:VirtualNetwork",
		"gameplatform:network:Network":                                  "gameplatform:network:Network",
		"pulumi:providers:azure-native":                                 "pulumi:providers:azure-native",
		"azure-native:foo/bar:Baz":                                      "azure-native:foo/bar:Baz",
		"broken":                                                        "broken",
		// Kubernetes versions are part of the type: core/v1 is not core.
		"kubernetes:core/v1:Namespace":  "kubernetes:core/v1:Namespace",
		"kubernetes:helm.sh/v3:Release": "kubernetes:helm.sh/v3:Release",
	} {
		if got := BaseType(in); got != want {
			t.Errorf("BaseType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookupIsAPIVersionAware(t *testing.T) {
	a, ok1 := Lookup("azure-native:storage/v20230101:StorageAccount")
	b, ok2 := Lookup("azure-native:storage:StorageAccount")
	if !ok1 || !ok2 || a != b {
		t.Fatalf("versioned and base StorageAccount resolve to %p (%v) and %p (%v); want the same entry", a, ok1, b, ok2)
	}
	if _, ok := Lookup("kubernetes:core:Namespace"); ok {
		t.Error("kubernetes:core:Namespace resolves; only kubernetes:core/v1:Namespace is a type")
	}
	if _, ok := Lookup("azure-native:nosuch:Thing"); ok {
		t.Error("an unknown type resolves")
	}
}

func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"azure-native:storage:StorageAccount":                    "storage:StorageAccount",
		"azure-native:containerservice/v20240801:ManagedCluster": "containerservice:ManagedCluster",
		"kubernetes:helm.sh/v3:Release":                          "helm:Release",
		"kubernetes:core/v1:Namespace":                           "k8s:Namespace",
		"gameplatform:network:Network":                           "network",
		"azure-native:nosuch/v20200101:Thing":                    "nosuch:Thing",
		"random:index:RandomString":                              "random:index:RandomString",
	} {
		if got := Display(in); got != want {
			t.Errorf("Display(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEntriesAreComplete: every entry is priced and timed, keeps Azure-only facts
// to Azure types, and states each fact once.
func TestEntriesAreComplete(t *testing.T) {
	for _, e := range Entries() {
		if err := e.Check(); err != nil {
			t.Error(err)
		}
		if e.Price.Rule != "" && e.Price.FreeReason != "" {
			t.Errorf("%s: both a price rule and a free reason", e.Type)
		}
		if e.Diagnostics != nil && len(e.Diagnostics.Categories) == 0 {
			t.Errorf("%s: diagnostics without log categories", e.Type)
		}
		if e.Stateful && e.Danger == "" {
			t.Errorf("%s: stateful but the review does not call out its loss (Danger)", e.Type)
		}
		for _, p := range e.ReplaceOn {
			if p == "" || strings.ContainsAny(p, "[] ") {
				t.Errorf("%s: replace path %q is not a dotted input path without indexes", e.Type, p)
			}
		}
	}
}

func TestEntryCheckNamesWhatIsMissing(t *testing.T) {
	bad := &Entry{Type: "kubernetes:core/v1:ConfigMap", Taggable: true}
	err := bad.Check()
	if err == nil {
		t.Fatal("an entry without price or duration, taggable though not Azure, passes")
	}
	for _, want := range []string{"kubernetes:core/v1:ConfigMap", "price", "create duration", "Azure-only"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestImportsNoPulumi keeps the catalogue below stacks: plain Go only.
func TestImportsNoPulumi(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		for name, f := range pkg.Files {
			for _, imp := range f.Imports {
				if path := strings.Trim(imp.Path.Value, `"`); strings.Contains(path, "pulumi") || strings.Contains(path, "/internal/offline") {
					t.Errorf("%s imports %s; the catalogue must not import Pulumi or the layers above it", name, path)
				}
			}
		}
	}
}

func TestResolveGenericResources(t *testing.T) {
	for _, c := range []struct {
		typ    string
		inputs map[string]any
		want   string
	}{
		{"azure-native:resources:Resource", map[string]any{"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts"}, "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts"},
		{"azure-native:resources:Resource", map[string]any{"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "databaseAccounts/acct/sqlDatabases/game", "resourceType": "containers"}, "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"},
		{"azure-native:resources/v20240301:Resource", map[string]any{"resourceProviderNamespace": "Microsoft.Cdn", "parentResourcePath": "profiles/afd-x", "resourceType": "originGroups"}, "azure-native:resources:Resource#Microsoft.Cdn/profiles/originGroups"},
		// a parent path with a leading slash, a type with its own slash
		{"azure-native:resources:Resource", map[string]any{"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "/databaseAccounts/acct/", "resourceType": "sqlRoleAssignments"}, "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"},
		{"azure-native:resources:Resource", map[string]any{"resourceProviderNamespace": "Microsoft.DocumentDB", "resourceType": "databaseAccounts/sqlDatabases"}, "azure-native:resources:Resource#Microsoft.DocumentDB/databaseAccounts/sqlDatabases"},
		// what the inputs do not name resolves to the bare generic type, which has no entry
		{"azure-native:resources:Resource", map[string]any{"resourceProviderNamespace": "04da6b54-80e4-46f7-96ec-b56ff0331ba9"}, "azure-native:resources:Resource"},
		{"azure-native:resources:Resource", nil, "azure-native:resources:Resource"},
		// every other type is its base type, whatever its inputs
		{"azure-native:storage/v20230101:StorageAccount", map[string]any{"resourceType": "x"}, "azure-native:storage:StorageAccount"},
		{"kubernetes:core/v1:Namespace", nil, "kubernetes:core/v1:Namespace"},
	} {
		if got := Resolve(c.typ, c.inputs); got != c.want {
			t.Errorf("Resolve(%s, %v) = %q, want %q", c.typ, c.inputs, got, c.want)
		}
	}
	if _, ok := Lookup(GenericType); ok {
		t.Error("the bare generic type has an entry; a generic resource must resolve to its ARM type's entry")
	}
	e, ok := Lookup(Resolve(GenericType, map[string]any{"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts"}))
	if !ok || !e.Stateful || e.Placement != EnvironmentPrimary || !e.Azure() || e.Display != "cosmosdb:DatabaseAccount" {
		t.Errorf("Cosmos DB account entry = %+v, %v", e, ok)
	}
	if got := ARMTypeOf(GenericKey(ARMCosmosSQLContainer)); got != ARMCosmosSQLContainer {
		t.Errorf("ARMTypeOf = %q", got)
	}
	if !IsGeneric(GenericKey(ARMCosmosAccount)) || IsGeneric("azure-native:storage:StorageAccount") {
		t.Error("IsGeneric")
	}
}

// TestClusterCredentialsMock: the offline plan answers listManagedClusterUserCredentials
// as AKS does for an Entra ID cluster: one base64 kubeconfig in exec format that runs
// kubelogin, for the cluster named in the arguments, with no token in it.
func TestClusterCredentialsMock(t *testing.T) {
	f, ok := LookupInvoke("azure-native:containerservice:listManagedClusterUserCredentials")
	if !ok {
		t.Fatal("no mock for listManagedClusterUserCredentials")
	}
	out := f(map[string]any{"resourceGroupName": "rg-x", "resourceName": "aks-x", "format": "exec"})
	list, _ := out["kubeconfigs"].([]any)
	if len(list) != 1 {
		t.Fatalf("kubeconfigs = %v, want one", out["kubeconfigs"])
	}
	v, _ := list[0].(map[string]any)["value"].(string)
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		t.Fatalf("kubeconfig is not base64: %v", err)
	}
	for _, want := range []string{"server: https://aks-x.", "command: kubelogin", "current-context: aks-x"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("kubeconfig lacks %q:\n%s", want, raw)
		}
	}
	if strings.Contains(string(raw), "token:") || strings.Contains(string(raw), "client-key") {
		t.Errorf("the mock kubeconfig holds a credential:\n%s", raw)
	}
	if _, ok := LookupInvoke("azure-native:nosuch:listThings"); ok {
		t.Error("an unknown invoke has a mock")
	}
}

// Every type the naming convention covers says where its name is.
func TestNamedTypesHaveANameInput(t *testing.T) {
	n := 0
	for _, e := range Entries() {
		if e.Naming != NameUnchecked {
			n++
			if e.NameInput == "" {
				t.Errorf("%s follows a naming convention but names no NameInput", e.Type)
			}
		}
	}
	if n < 15 {
		t.Errorf("%d types follow the naming convention, want the 15 the platform names", n)
	}
}
