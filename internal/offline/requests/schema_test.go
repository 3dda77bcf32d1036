package requests

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gameplatform/platform/internal/model/spec"
)

// TestShippedSchemaIsTheEmbeddedOne: editors validate against
// environments/requests/schema.json, the command against the embedded copy.
func TestShippedSchemaIsTheEmbeddedOne(t *testing.T) {
	shipped, err := os.ReadFile("../../../" + SchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shipped, SchemaJSON) {
		t.Errorf("%s differs from internal/offline/requests/schema.json; copy it: cp internal/offline/requests/schema.json %s", SchemaFile, SchemaFile)
	}
	if _, err := compiledSchema(); err != nil {
		t.Fatal(err)
	}
}

func schemaDoc(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(SchemaJSON, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func jsonNames(v any) []string {
	var out []string
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		tag := rt.Field(i).Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// TestSchemaMatchesModel keeps the schema's keys and catalogue enums in step with the
// Go model and the platform catalogues.
func TestSchemaMatchesModel(t *testing.T) {
	doc := schemaDoc(t)
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", doc["$schema"])
	}
	props := doc["properties"].(map[string]any)
	if diff := cmp.Diff(jsonNames(Request{}), keysOf(props)); diff != "" {
		t.Errorf("schema properties vs Request fields (-go +schema):\n%s", diff)
	}
	region := doc["$defs"].(map[string]any)["region"].(map[string]any)
	if diff := cmp.Diff(jsonNames(Region{}), keysOf(region["properties"].(map[string]any))); diff != "" {
		t.Errorf("schema region properties vs Region fields (-go +schema):\n%s", diff)
	}
	enum := func(v any) []string {
		var out []string
		for _, e := range v.(map[string]any)["enum"].([]any) {
			out = append(out, e.(string))
		}
		sort.Strings(out)
		return out
	}
	if diff := cmp.Diff(spec.RegionNames(), enum(region["properties"].(map[string]any)["name"])); diff != "" {
		t.Errorf("schema region names vs spec.Regions (-catalogue +schema):\n%s", diff)
	}
	if diff := cmp.Diff(spec.VMSizeNames(), enum(props["vmSize"])); diff != "" {
		t.Errorf("schema VM sizes vs spec.VMSizes (-catalogue +schema):\n%s", diff)
	}
	var tiers []string
	for _, tr := range spec.Tiers {
		tiers = append(tiers, string(tr))
	}
	sort.Strings(tiers)
	if diff := cmp.Diff(tiers, enum(props["tier"])); diff != "" {
		t.Errorf("schema tiers vs spec.Tiers (-spec +schema):\n%s", diff)
	}
	if max := props["playersPerServer"].(map[string]any)["maximum"].(float64); int(max) != spec.MaxPlayersPerServer {
		t.Errorf("playersPerServer maximum %v, spec allows %d", max, spec.MaxPlayersPerServer)
	}
}

// TestSchemaAloneRejectsBadShapes checks the schema (as an editor would apply it)
// catches the structural problems by itself.
func TestSchemaAloneRejectsBadShapes(t *testing.T) {
	cases := map[string]string{
		"unknown key":       base + "colour: blue\n",
		"wrong type":        strings.Replace(base, "peakPlayers: 4000", "peakPlayers: lots", 1),
		"missing expiry":    strings.Replace(base, "expiresOn: 2026-11-30\n", "", 1),
		"expiry in prod":    strings.Replace(base, "tier: dev", "tier: prod", 1),
		"unknown region":    strings.Replace(base, "name: japaneast", "name: japaneest", 1),
		"players below one": strings.Replace(base, "peakPlayers: 4000", "peakPlayers: 0", 1),
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			_, p, err := parse("x.yaml", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.schema) == 0 {
				t.Error("schema accepted it")
			}
		})
	}
	_, p, err := parse("x.yaml", []byte(base))
	if err != nil || len(p.schema) != 0 {
		t.Errorf("schema rejected the base request: %v %v", err, p.schema)
	}
}

func TestSchemaBoundsMatchConstants(t *testing.T) {
	doc := schemaDoc(t)
	props := doc["properties"].(map[string]any)
	region := doc["$defs"].(map[string]any)["region"].(map[string]any)["properties"].(map[string]any)
	if got := props["vcpuPerServer"].(map[string]any)["minimum"].(float64); got != MinVCPUPerServer {
		t.Errorf("vcpuPerServer minimum %v, MinVCPUPerServer %v", got, MinVCPUPerServer)
	}
	if got := props["vcpuPerServer"].(map[string]any)["maximum"].(float64); got != spec.MaxVCPUPerServer {
		t.Errorf("vcpuPerServer maximum %v, spec.MaxVCPUPerServer %v", got, spec.MaxVCPUPerServer)
	}
	if got := region["peakPlayers"].(map[string]any)["maximum"].(float64); int(got) != MaxPeakPlayers {
		t.Errorf("peakPlayers maximum %v, MaxPeakPlayers %v", got, MaxPeakPlayers)
	}
}
