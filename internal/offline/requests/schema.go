package requests

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/gameplatform/platform/internal/model/spec"
)

// SchemaJSON is the JSON Schema (draft 2020-12) of a request. The same bytes ship as
// environments/requests/schema.json, which the example requests reference for editor
// validation; a test keeps the two identical.
//
//go:embed schema.json
var SchemaJSON []byte

// SchemaFile is the schema's path in the repository.
const SchemaFile = RequestsDir + "/schema.json"

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func compiledSchema() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
		if err != nil {
			schemaErr = fmt.Errorf("internal error: request schema is not JSON: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("schema.json", doc); err != nil {
			schemaErr = fmt.Errorf("internal error: request schema: %w", err)
			return
		}
		schema, schemaErr = c.Compile("schema.json")
		if schemaErr != nil {
			schemaErr = fmt.Errorf("internal error: compiling request schema: %w", schemaErr)
		}
	})
	return schema, schemaErr
}

var printer = message.NewPrinter(language.English)

// schemaProblems validates a request document against the schema and returns one
// problem per failing leaf, with the field path and a message worded for the user.
func schemaProblems(doc any) []problem {
	sch, err := compiledSchema()
	if err != nil {
		return []problem{{msg: err.Error()}}
	}
	err = sch.Validate(doc)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []problem{{msg: "validating against the schema: " + err.Error()}}
	}
	var out []problem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		out = append(out, describe(e, doc)...)
	}
	walk(ve)
	return out
}

func describe(e *jsonschema.ValidationError, doc any) []problem {
	at := joinPath(e.InstanceLocation)
	child := func(name string) string {
		if at == "" {
			return name
		}
		return at + "." + name
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		known := knownKeys(e.InstanceLocation)
		var out []problem
		for _, p := range k.Properties {
			out = append(out, problem{path: child(p), msg: "unknown key" + suggestKey(p, known)})
		}
		return out
	case *kind.Required:
		var out []problem
		for _, m := range k.Missing {
			// Check words a missing expiry with the tier's limit; any other missing
			// field leaves a zero value Check must not judge.
			out = append(out, problem{path: child(m), msg: "is required", typeErr: m != "expiresOn", overridable: m == "expiresOn"})
		}
		return out
	case *kind.Type:
		return []problem{{path: at, msg: fmt.Sprintf("must be %s, got %s", jsonTypes(k.Want), gotValue(doc, e.InstanceLocation, k.Got)), typeErr: true}}
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		return []problem{{path: at, msg: fmt.Sprintf("%q is not allowed (allowed: %s)", fmt.Sprint(k.Got), strings.Join(want, ", ")), overridable: true}}
	case *kind.FalseSchema:
		return []problem{{path: at, msg: "is not allowed here", overridable: true}}
	case *kind.Pattern:
		return []problem{{path: at, msg: patternMessage(e.InstanceLocation, fmt.Sprint(k.Got)), overridable: at == "expiresOn", pattern: true}}
	case *kind.Minimum:
		return []problem{{path: at, msg: fmt.Sprintf("must be at least %s, got %s", ratString(k.Want), ratString(k.Got)), overridable: true}}
	case *kind.Maximum:
		return []problem{{path: at, msg: fmt.Sprintf("must be at most %s, got %s", ratString(k.Want), ratString(k.Got)), overridable: true}}
	case *kind.ExclusiveMinimum:
		return []problem{{path: at, msg: fmt.Sprintf("must be greater than %s, got %s", ratString(k.Want), ratString(k.Got)), overridable: true}}
	case *kind.MinItems:
		return []problem{{path: at, msg: fmt.Sprintf("needs at least %d item(s), got %d", k.Want, k.Got), overridable: true}}
	case *kind.MinLength:
		if k.Want <= 1 {
			return []problem{{path: at, msg: "must not be empty"}}
		}
		return []problem{{path: at, msg: fmt.Sprintf("is %d characters; at least %d required", k.Got, k.Want), length: true}}
	case *kind.MaxLength:
		return []problem{{path: at, msg: fmt.Sprintf("is %d characters; at most %d allowed", k.Got, k.Want), length: true}}
	}
	return []problem{{path: at, msg: e.ErrorKind.LocalizedString(printer)}}
}

// gotValue shows what a field holds: a scalar as written (`6000.5`, `"many"`,
// `true`), a list or mapping by its kind.
func gotValue(doc any, loc []string, kind string) string {
	v := doc
	for _, key := range loc {
		switch c := v.(type) {
		case map[string]any:
			v = c[key]
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) {
				return article(kind)
			}
			v = c[i]
		default:
			return article(kind)
		}
	}
	switch v.(type) {
	case string, bool, float64, int, int64, json.Number:
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	return article(kind)
}

func ratString(r interface{ FloatString(int) string }) string {
	s := r.FloatString(6)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func jsonTypes(want []string) string {
	out := make([]string, len(want))
	for i, w := range want {
		out[i] = article(w)
	}
	return strings.Join(out, " or ")
}

func article(t string) string {
	switch t {
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "string":
		return "a string"
	case "boolean":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "a mapping"
	case "null":
		return "nothing"
	}
	return t
}

func patternMessage(loc []string, got string) string {
	field := ""
	if len(loc) > 0 {
		field = loc[len(loc)-1]
	}
	switch field {
	case "environment":
		return fmt.Sprintf("%q must be 2-20 lowercase letters, digits or single '-' (no \"--\"), starting with a letter and ending with a letter or digit", got)
	case "studio", "game":
		return fmt.Sprintf("%q must be 3-20 lowercase letters, digits or single '-' (no \"--\"), starting with a letter and ending with a letter or digit", got)
	case "expiresOn":
		return fmt.Sprintf("%q is not a date (YYYY-MM-DD)", got)
	}
	return fmt.Sprintf("%q does not match the expected form", got)
}

// knownKeys returns the keys allowed in the object at loc, from the schema itself.
func knownKeys(loc []string) []string {
	var doc map[string]any
	sch, _ := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	doc, _ = sch.(map[string]any)
	obj := doc
	if len(loc) >= 2 && loc[0] == "regions" {
		defs, _ := doc["$defs"].(map[string]any)
		obj, _ = defs["region"].(map[string]any)
	} else if len(loc) != 0 {
		return nil
	}
	props, _ := obj["properties"].(map[string]any)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func suggestKey(got string, known []string) string {
	if len(known) == 0 {
		return ""
	}
	return spec.Suggest(got, known)
}
