package shared

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plantest"
)

type props struct {
	Name     string             `json:"name"`
	Count    int                `json:"count,omitempty"`
	Enabled  bool               `json:"enabled"`
	Skip     string             `json:"-"`
	Nested   *nested            `json:"nested,omitempty"`
	List     []nested           `json:"list"`
	Labels   map[string]string  `json:"labels,omitempty"`
	FromElse pulumi.StringInput `json:"fromElse,omitempty"`
}

type nested struct {
	Path string `json:"path"`
}

func TestGenericResourceTypedProperties(t *testing.T) {
	res := plantest.Run(func(ctx *pulumi.Context) error {
		_, err := NewGenericResource(ctx, "acct", GenericArgs{
			ResourceGroupName: pulumi.String("rg"),
			Namespace:         "Microsoft.DocumentDB",
			Type:              "databaseAccounts",
			Name:              "cosmos-x",
			APIVersion:        "2024-11-15",
			Location:          "japaneast",
			Properties: props{Name: "n", Enabled: true, Skip: "no", List: []nested{{Path: "/a"}},
				Labels: map[string]string{"k": "v"}, FromElse: pulumi.String("computed")},
		})
		return err
	})
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	r := res.Get(t, "acct")
	plantest.Expect(t, r, map[string]any{
		"resourceProviderNamespace": "Microsoft.DocumentDB", "parentResourcePath": "", "resourceType": "databaseAccounts",
		"resourceName": "cosmos-x", "apiVersion": "2024-11-15", "location": "japaneast",
		"properties.name": "n", "properties.enabled": true, "properties.list.0.path": "/a",
		"properties.labels.k": "v", "properties.fromElse": "computed",
	})
	for _, k := range []string{"count", "Skip", "nested"} {
		if _, ok := r.Inputs["properties"].(map[string]any)[k]; ok {
			t.Errorf("properties.%s is set; omitempty and json:\"-\" fields stay out", k)
		}
	}
	if got := r.CatalogType(); got != catalog.GenericKey(catalog.ARMCosmosAccount) {
		t.Errorf("catalogue type %q", got)
	}
	if !strings.HasSuffix(r.Inputs["resourceName"].(string), "cosmos-x") {
		t.Error("name")
	}
}

func TestGenericArgsProblems(t *testing.T) {
	ok := GenericArgs{ResourceGroupName: pulumi.String("rg"), Namespace: "Microsoft.DocumentDB", ParentPath: "databaseAccounts/x",
		Type: "sqlDatabases", Name: "game", APIVersion: "2024-11-15", Properties: props{}}
	if errs := ok.Problems(); len(errs) > 0 {
		t.Fatalf("valid args: %v", errs.Join())
	}
	if got := ok.ARMType(); got != catalog.ARMCosmosSQLDatabase {
		t.Errorf("ARMType = %q", got)
	}
	if got := ok.Path(); got != "Microsoft.DocumentDB/databaseAccounts/x/sqlDatabases/game" {
		t.Errorf("Path = %q", got)
	}
	for name, c := range map[string]struct {
		mut  func(*GenericArgs)
		want string
	}{
		"namespace in the type": {func(a *GenericArgs) { a.Type = "Microsoft.DocumentDB/databaseAccounts" }, "Type: \"Microsoft.DocumentDB/databaseAccounts\" must be one type segment"},
		"odd parent path":       {func(a *GenericArgs) { a.ParentPath = "databaseAccounts" }, "ParentPath: \"databaseAccounts\" must alternate type and name segments"},
		"no API version":        {func(a *GenericArgs) { a.APIVersion = "" }, "APIVersion: \"\" must pin an ARM API version"},
		"latest":                {func(a *GenericArgs) { a.APIVersion = "latest" }, "must pin an ARM API version"},
		"bad namespace":         {func(a *GenericArgs) { a.Namespace = "documentdb" }, "Namespace: \"documentdb\" is not a resource provider namespace"},
		"no properties":         {func(a *GenericArgs) { a.Properties = nil }, "Properties is required"},
	} {
		a := ok
		c.mut(&a)
		if err := a.Problems().Join(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	// A type without a catalogue entry is refused before anything is registered.
	res := plantest.Run(func(ctx *pulumi.Context) error {
		a := ok
		a.Namespace, a.ParentPath, a.Type = "Microsoft.Example", "", "widgets"
		_, err := NewGenericResource(ctx, "w", a)
		return err
	})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "no entry in internal/model/catalog") || len(res.Resources) != 0 {
		t.Errorf("uncatalogued type: %v (%d registered)", res.Err, len(res.Resources))
	}
}
