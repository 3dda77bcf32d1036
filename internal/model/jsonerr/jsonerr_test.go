package jsonerr

import (
	"encoding/json"
	"strings"
	"testing"
)

type resource struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	Protect bool           `json:"protect"`
	Inputs  map[string]any `json:"inputs"`
	Deps    []string       `json:"dependencies"`
}

type doc struct {
	SchemaVersion int        `json:"schemaVersion"`
	Resources     []resource `json:"resources"`
}

func TestDescribe(t *testing.T) {
	ok := `{"urn": "a", "type": "t", "inputs": {"x": [1, {"y": 2}]}}`
	for _, tc := range []struct{ name, in, want string }{
		{"index of a wrong-typed object", `{"schemaVersion": 1, "resources": [` + ok + `, ` + ok + `, {"urn": "c", "inputs": [1, 2]}]}`, "line 1: resources[2].inputs: must be an object, got an array"},
		{"index of a wrong-typed string", `{"resources": [` + ok + `,` + "\n" + `{"type": 5}]}`, "line 2: resources[1].type: must be a string, got a number"},
		{"boolean", `{"resources": [{"protect": "yes"}]}`, "resources[0].protect: must be true or false, got a string"},
		{"list element", `{"resources": [` + ok + `, {"dependencies": ["a", 3]}]}`, "resources[1].dependencies[1]: must be a string, got a number"},
		{"top-level field", `{"schemaVersion": "1"}`, "line 1: schemaVersion: must be a whole number in range, got a string"},
		{"overflowing int", `{"schemaVersion": 99999999999999999999}`, "schemaVersion: must be a whole number in range, got the number 99999999999999999999"},
		{"not an object", `[]`, "the document: must be an object, got an array"},
		{"syntax", "{\n\"resources\": [}", "line 2: invalid character '}'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := json.Unmarshal([]byte(tc.in), &d)
			if err == nil {
				t.Fatal("decoded without error")
			}
			if got := Describe([]byte(tc.in), err); !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want it to contain %q", got, tc.want)
			}
		})
	}
}

func TestPathAtValidDocument(t *testing.T) {
	in := []byte(`{"a": [1, {"b": true}], "c": "x"}`)
	for off, want := range map[int64]string{int64(strings.Index(string(in), "true") + 4): "a[1].b", int64(len(in) - 1): "c"} {
		if got := PathAt(in, off); got != want {
			t.Errorf("PathAt(%d) = %q, want %q", off, got, want)
		}
	}
}
