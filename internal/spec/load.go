package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-multierror"
	"gopkg.in/yaml.v3"
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
	var doc struct {
		Config map[string]yaml.Node `yaml:"config"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &ConfigError{Source: path, Errs: single("", "parsing YAML: %v", err)}
	}
	sc := &StackConfig{Values: map[string]string{}}
	keys := make([]string, 0, len(doc.Config))
	for k := range doc.Config {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var c collector
	for _, k := range keys {
		node := doc.Config[k]
		full := k
		if !strings.Contains(k, ":") {
			full = Namespace + ":" + k
		}
		if node.Kind == yaml.MappingNode && len(node.Content) == 2 && node.Content[0].Value == "secure" {
			sc.Values[full] = "offline-secret-placeholder"
			sc.Secrets = append(sc.Secrets, full)
			continue
		}
		var v any
		if err := node.Decode(&v); err != nil {
			c.add("config."+k, "decoding value: %v", err)
			continue
		}
		if s, ok := v.(string); ok {
			sc.Values[full] = s
			continue
		}
		js, err := json.Marshal(normalizeYAML(v))
		if err != nil {
			c.add("config."+k, "encoding value: %v", err)
			continue
		}
		sc.Values[full] = string(js)
	}
	if err := c.err(path); err != nil {
		return nil, err
	}
	return sc, nil
}

// normalizeYAML turns yaml.v3's map[string]any / []any trees into JSON-encodable values.
func normalizeYAML(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalizeYAML(e)
		}
		return t
	case []any:
		for i, e := range t {
			t[i] = normalizeYAML(e)
		}
		return t
	default:
		return v
	}
}

func single(path, format string, args ...any) *multierror.Error {
	var c collector
	c.add(path, format, args...)
	return c.errs
}

// LoadFile reads, defaults and validates the spec of a stack from its config file.
func LoadFile(path, stack string, now time.Time) (*Spec, *StackConfig, error) {
	sc, err := ReadStackFile(path)
	if err != nil {
		return nil, nil, err
	}
	s, err := FromConfig(stack, path, sc.Values, now)
	if err != nil {
		return nil, nil, err
	}
	return s, sc, nil
}

// FromConfig builds, defaults and validates a spec from namespaced config values, as
// the Pulumi engine supplies them. Every problem is reported at once.
func FromConfig(stack, source string, cfg map[string]string, now time.Time) (*Spec, error) {
	var c collector
	s := &Spec{Stack: stack, Source: source}
	raw := map[string]json.RawMessage{}
	for full, v := range cfg {
		ns, key, ok := strings.Cut(full, ":")
		if !ok || ns != Namespace {
			continue // other namespaces (azure-native:location, …) are not ours
		}
		kind, known := ConfigKeys[key]
		if !known {
			c.add(key, "unknown config key %q (known keys: %s)", full, strings.Join(sortedKeys(ConfigKeys), ", "))
			continue
		}
		switch kind {
		case "string":
			js, _ := json.Marshal(v)
			raw[key] = js
		case "number":
			if _, err := strconv.ParseFloat(v, 64); err != nil {
				c.add(key, "must be a number, got %q", v)
				continue
			}
			raw[key] = json.RawMessage(v)
		default:
			raw[key] = json.RawMessage(v)
		}
	}
	whole, _ := json.Marshal(raw)
	// Decode key by key so one malformed key does not hide problems in the others.
	for key, msg := range raw {
		one, _ := json.Marshal(map[string]json.RawMessage{key: msg})
		dec := json.NewDecoder(bytes.NewReader(one))
		dec.DisallowUnknownFields()
		var probe Spec
		if err := dec.Decode(&probe); err != nil {
			c.add(key, "%s", describeJSONError(err))
		}
	}
	if c.errs != nil {
		return nil, c.err(source)
	}
	if err := json.Unmarshal(whole, s); err != nil {
		return nil, &ConfigError{Source: source, Errs: single("", "internal error: decoding config: %v", err)}
	}
	s.Default()
	if err := s.Validate(now); err != nil {
		return nil, err
	}
	return s, nil
}

func describeJSONError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		return fmt.Sprintf("field %q must be %s, got %s", field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return msg
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "slice":
		return "a list"
	case "map", "struct":
		return "an object"
	case "bool":
		return "true or false"
	}
	return goKind
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
