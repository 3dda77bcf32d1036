package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/field"
)

// ConfigKeys are the project config keys the spec reads (under Namespace), each with
// its JSON kind. Any other key in the project namespace is rejected as unknown, so a
// typo never silently falls back to a default.
var ConfigKeys = map[string]string{
	"studio":           "string",
	"game":             "string",
	"tier":             "string",
	"owners":           "array",
	"costCenter":       "string",
	"expiresOn":        "string",
	"budgetMonthlyUSD": "number",
	"domain":           "string",
	"tags":             "object",
	"gamePorts":        "object",
	"regions":          "array",
	"cluster":          "object",
	"cdn":              "object",
	"gameServer":       "object",
	"network":          "object",
	"playerData":       "object",
}

// StackFile returns the path of a stack's config file under dir.
func StackFile(dir, stack string) string {
	return filepath.Join(dir, "Pulumi."+stack+".yaml")
}

// StackConfig is a stack's config as the Pulumi engine hands it to a program:
// namespaced keys ("game-platform:regions") to strings, objects and arrays as JSON.
type StackConfig struct {
	Values map[string]string
	// Secrets are the keys whose values are secret (`secure:` in the file).
	Secrets []string
}

// ReadStackFile reads a Pulumi.<stack>.yaml file into the engine's config shape.
// Secure values cannot be decrypted offline; they are replaced by a placeholder and
// their keys listed as secret, so they are masked wherever they flow.
func ReadStackFile(path string) (*StackConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &ConfigError{Source: path, Errs: single("", "stack config file does not exist (create it, or request an environment with `platform env request`)")}
		}
		return nil, &ConfigError{Source: path, Errs: single("", "reading stack config: %v", err)}
	}
	return ParseStackFile(path, data)
}

// ParseStackFile is ReadStackFile on the content of a stack config file; path names
// it in errors.
func ParseStackFile(path string, data []byte) (*StackConfig, error) {
	var doc struct {
		Config map[string]yaml.Node `yaml:"config"`
	}
	parse := func(b []byte) error { return yaml.NewDecoder(bytes.NewReader(b)).Decode(&yaml.Node{}) }
	if err := parse(data); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{Source: path, Errs: field.ErrorList{YAMLSyntaxError(data, err, parse)}}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, &ConfigError{Source: path, Errs: single("", "%s", yamlDecodeMessage(err))}
	}
	sc := &StackConfig{Values: map[string]string{}}
	keys := make([]string, 0, len(doc.Config))
	for k := range doc.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var c field.ErrorList
	for _, k := range keys {
		node := doc.Config[k]
		full := k
		if !strings.Contains(k, ":") {
			full = Namespace + ":" + k
		}
		field := strings.TrimPrefix(full, Namespace+":")
		if node.Kind == yaml.MappingNode && len(node.Content) == 2 && node.Content[0].Value == "secure" {
			sc.Values[full] = "offline-secret-placeholder"
			sc.Secrets = append(sc.Secrets, full)
			continue
		}
		var v any
		if err := node.Decode(&v); err != nil {
			c.Add(field, "%s", yamlDecodeMessage(err))
			continue
		}
		v, bad := engineValue(v, field)
		if bad != "" {
			c.AddLine(node.Line, bad, "is not a finite number; JSON (and so Pulumi config) cannot hold it")
			continue
		}
		if v == nil {
			continue // `key:` with no value: unset
		}
		text, isText := v.(string)
		if !isText {
			js, err := json.Marshal(v)
			if err != nil {
				c.Add(field, "encoding value: %v", err)
				continue
			}
			text = string(js)
		}
		// A scalar of a text key that the engine passes as other text than the file
		// holds: `costCenter: 0100` is the number 64 to YAML, and "64" to the program.
		if strings.HasPrefix(full, Namespace+":") && ConfigKeys[field] == "string" && node.Kind == yaml.ScalarNode &&
			text != node.Value && node.ShortTag() != "!!str" && node.ShortTag() != "!!timestamp" && node.ShortTag() != "!!null" {
			c.AddLine(node.Line, field, "YAML reads %s as the %s %s, so Pulumi passes %q; quote it (\"%s\") if the text is meant",
				node.Value, strings.TrimPrefix(node.ShortTag(), "!!"), text, text, node.Value)
			continue
		}
		sc.Values[full] = text
	}
	if err := c.In(path); err != nil {
		return nil, err
	}
	return sc, nil
}

// yamlDecodeMessage words a yaml.v3 decode (not syntax) error: its lines are right.
func yamlDecodeMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	return "parsing YAML: " + msg
}

// engineValue turns a yaml.v3 value into what the Pulumi engine hands the program
// (sdk/go/common/resource/config: object.unmarshalObject): maps with any keys become
// string-keyed, a timestamp becomes its time.Time.String() text, scalars stay as they
// are (top-level ones are rendered as JSON text by the caller). NaN and infinities
// cannot be passed as JSON: for one, bad is its path.
func engineValue(v any, path string) (_ any, bad string) {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			ev, bad := engineValue(e, joinField(path, k))
			if bad != "" {
				return nil, bad
			}
			t[k] = ev
		}
		return t, ""
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = e
		}
		return engineValue(m, path)
	case []any:
		for i, e := range t {
			ev, bad := engineValue(e, fmt.Sprintf("%s[%d]", path, i))
			if bad != "" {
				return nil, bad
			}
			t[i] = ev
		}
		return t, ""
	case time.Time:
		return t.String(), ""
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, path
		}
	}
	return v, ""
}

func single(path, format string, args ...any) field.ErrorList {
	var c field.ErrorList
	c.Add(path, format, args...)
	return c
}

// LoadFile reads, defaults and validates the spec of a stack from its config file;
// others are the address blocks of the other environments (BlocksInDir), checked
// together with everything else.
func LoadFile(path, stack string, now time.Time, others ...Block) (*Spec, *StackConfig, error) {
	sc, err := ReadStackFile(path)
	if err != nil {
		return nil, nil, err
	}
	s, err := FromConfig(stack, path, sc.Values, now, others...)
	if err != nil {
		return nil, nil, err
	}
	return s, sc, nil
}

// FromConfig builds, defaults and validates a spec from namespaced config values, as
// the Pulumi engine supplies them. others are the address blocks of the other
// environments (BlocksInDir); an overlap with one is reported with every other
// problem, at once.
func FromConfig(stack, source string, cfg map[string]string, now time.Time, others ...Block) (*Spec, error) {
	var c field.ErrorList
	s := &Spec{Stack: stack, Source: source}
	raw := map[string]json.RawMessage{}
	for full, v := range cfg {
		ns, key, ok := strings.Cut(full, ":")
		if !ok || ns != Namespace {
			continue // other namespaces (azure-native:location, …) are not ours
		}
		kind, known := ConfigKeys[key]
		if !known {
			c.Add(key, "unknown config key %q (known keys: %s)", full, strings.Join(sortedKeys(ConfigKeys), ", "))
			continue
		}
		switch kind {
		case "string":
			js, _ := json.Marshal(v)
			raw[key] = js
		case "number":
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				c.Add(key, "must be a number, got %q", v)
				continue
			}
			// Re-encoded: ParseFloat also reads forms JSON does not (+5, .5).
			raw[key] = json.RawMessage(strconv.FormatFloat(f, 'g', -1, 64))
		default:
			raw[key] = json.RawMessage(v)
		}
	}
	if v, ok := raw["expiresOn"]; ok {
		var d string
		if json.Unmarshal(v, &d) == nil {
			raw["expiresOn"], _ = json.Marshal(NormalizeDate(d))
		}
	}
	// Check every key against the model first, so one malformed key does not hide
	// problems in the others and each problem names its precise path.
	present := map[string]bool{}
	fields := jsonFields(reflect.TypeOf(Spec{}))
	for _, key := range sortedKeys(raw) {
		dec := json.NewDecoder(bytes.NewReader(raw[key]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			c.Add(key, "is not valid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
			continue
		}
		if dec.More() {
			c.Add(key, "is not valid JSON: more than one value")
			continue
		}
		checkJSON(&c, present, key, v, fields[key].Type)
	}
	if len(c) > 0 {
		return nil, c.In(source)
	}
	whole, _ := json.Marshal(raw)
	if err := json.Unmarshal(whole, s); err != nil {
		return nil, &ConfigError{Source: source, Errs: single("", "internal error: decoding config: %v", err)}
	}
	s.applyDefaults(present)
	if err := s.validate(now, others); err != nil {
		return nil, err
	}
	return s, nil
}

// sortedKeys returns a map's keys in order, for messages that list them.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
