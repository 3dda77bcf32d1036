package requests

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Parser limits: a request is a short hand-written file.
const (
	MaxRequestBytes = 64 << 10
	maxDepth        = 16
)

// ReadRequest reads and parses the request file at path. Errors are *spec.ConfigError
// naming the file.
func ReadRequest(path string) (*Request, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return ParseRequest(path, data)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, configError(path, fieldErr("", "request file does not exist"))
		}
		return nil, configError(path, fieldErr("", "reading request: %v", err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxRequestBytes+1))
	if err != nil {
		return nil, configError(path, fieldErr("", "reading request: %v", err))
	}
	return data, nil
}

// ParseRequest parses a request document and checks its shape against the JSON
// Schema. source names the file in errors. On error it returns a *spec.ConfigError with
// one *spec.FieldError per problem, and the request as far as it could be decoded
// (nil when the document is not a YAML mapping at all), so Check can add the problems
// of its meaning to the same report.
func ParseRequest(source string, data []byte) (*Request, error) {
	req, p, fatal := parse(source, data)
	if fatal != nil {
		return nil, fatal
	}
	return req, p.err(source)
}

// parse returns the request as far as it decodes and the schema's problems, or a
// fatal error when the document cannot be read as a request at all.
func parse(source string, data []byte) (*Request, *problems, error) {
	if len(data) > MaxRequestBytes {
		return nil, nil, configError(source, fieldErr("", "request is %d bytes; a request is at most %d", len(data), MaxRequestBytes))
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, configError(source, fieldErr("", "request is empty"))
		}
		return nil, nil, configError(source, yamlSyntaxError(data, err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, nil, configError(source, fieldErr("", "request holds more than one YAML document; keep one per file"))
	} else if !errors.Is(err, io.EOF) {
		return nil, nil, configError(source, yamlSyntaxError(data, err))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, nil, configError(source, fieldErr("", "request must be a YAML mapping of keys (environment, studio, game, …), got %s", nodeKind(root)))
	}
	p := &problems{}
	value, err := toJSON(root, nil, 0, reflect.TypeOf(Request{}))
	if err != nil {
		return nil, nil, configError(source, fieldErr(err.path, "%s", err.msg))
	}
	p.schema = schemaProblems(value)
	// Decode what can be decoded: a field of the wrong type stays zero, and the
	// schema problem about it hides any problem Check would find in the zero value.
	js, jerr := json.Marshal(value)
	if jerr != nil {
		return nil, nil, configError(source, fieldErr("", "internal error: encoding request: %v", jerr))
	}
	req := &Request{Source: source}
	decodeLenient(js, req)
	return req, p, nil
}

// decodeLenient decodes field by field so one field of the wrong type does not keep
// the others from being decoded; errors are the schema's to report.
func decodeLenient(js []byte, req *Request) {
	var fields map[string]json.RawMessage
	if json.Unmarshal(js, &fields) != nil {
		return
	}
	for k, v := range fields {
		one, _ := json.Marshal(map[string]json.RawMessage{k: v})
		_ = json.Unmarshal(one, req)
		if k == "regions" {
			var items []json.RawMessage
			if json.Unmarshal(v, &items) != nil {
				continue
			}
			req.Regions = make([]Region, len(items))
			for i, it := range items {
				var fs map[string]json.RawMessage
				if json.Unmarshal(it, &fs) != nil {
					continue
				}
				for fk, fv := range fs {
					one, _ := json.Marshal(map[string]json.RawMessage{fk: fv})
					_ = json.Unmarshal(one, &req.Regions[i])
				}
			}
		}
	}
}

type nodeError struct{ path, msg string }

// toJSON converts a YAML node tree into JSON values (map[string]any, []any, string,
// json.Number, bool, nil). Anchors and aliases are refused: a request has no use for
// them and they would let a small file expand into a huge one. t is the Go type the
// node decodes into (nil when unknown): a plain scalar of a text field stays the text
// as written, so `costCenter: 1001` or `costCenter: 0100` is that text, not a number.
func toJSON(n *yaml.Node, path []string, depth int, t reflect.Type) (any, *nodeError) {
	at := joinPath(path)
	if depth > maxDepth {
		return nil, &nodeError{at, fmt.Sprintf("nested deeper than %d levels", maxDepth)}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nil, &nodeError{at, "YAML aliases (*name) are not allowed in requests; write the value out"}
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return nil, &nodeError{at, fmt.Sprintf("keys must be plain names, got a %s", nodeKind(k))}
			}
			if _, dup := m[k.Value]; dup {
				return nil, &nodeError{joinPath(append(path, k.Value)), "key is set twice"}
			}
			cv, err := toJSON(v, append(path, k.Value), depth+1, fieldType(t, k.Value))
			if err != nil {
				return nil, err
			}
			m[k.Value] = cv
		}
		return m, nil
	case yaml.SequenceNode:
		a := make([]any, len(n.Content))
		for i, c := range n.Content {
			cv, err := toJSON(c, append(path, strconv.Itoa(i)), depth+1, fieldType(t, strconv.Itoa(i)))
			if err != nil {
				return nil, err
			}
			a[i] = cv
		}
		return a, nil
	case yaml.ScalarNode:
		if t != nil && t.Kind() == reflect.String && n.Style&(yaml.TaggedStyle) == 0 {
			switch n.ShortTag() {
			case "!!int", "!!float", "!!bool":
				return n.Value, nil
			}
		}
		return scalar(n, at)
	}
	return nil, &nodeError{at, fmt.Sprintf("unsupported YAML node (%s)", nodeKind(n))}
}

// fieldType is the Go type below t at one path segment, nil when unknown.
func fieldType(t reflect.Type, seg string) reflect.Type {
	if t == nil {
		return nil
	}
	ft, ok := spec.JSONFieldType(t, seg)
	if !ok {
		return nil
	}
	return ft
}

func scalar(n *yaml.Node, at string) (any, *nodeError) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return n.Value, nil
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return nil, &nodeError{at, fmt.Sprintf("%s is not a number this file can hold", n.Value)}
		}
		return json.Number(strconv.FormatInt(i, 10)), nil
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, &nodeError{at, fmt.Sprintf("%s is not a finite number", n.Value)}
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	case "!!str", "!!timestamp", "!!binary":
		// Dates stay strings: expiresOn is checked as YYYY-MM-DD text.
		return n.Value, nil
	}
	return nil, &nodeError{at, fmt.Sprintf("unsupported YAML tag %s", n.Tag)}
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("the scalar %q", truncate(n.Value, 40))
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	return "an unknown node"
}

// yamlSyntaxError reports a YAML syntax error at the line the problem is on
// (spec.YAMLSyntaxError), re-parsing prefixes of data the way parse reads it.
func yamlSyntaxError(data []byte, err error) *spec.FieldError {
	return spec.YAMLSyntaxError(data, err, func(b []byte) error {
		dec := yaml.NewDecoder(bytes.NewReader(b))
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			return err
		}
		return dec.Decode(&n)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// joinPath renders ["regions","1","name"] as "regions[1].name".
func joinPath(path []string) string {
	var p *field.Path
	for _, seg := range path {
		if i, err := strconv.Atoi(seg); err == nil && strconv.Itoa(i) == seg && p != nil {
			p = p.Index(i)
			continue
		}
		p = p.Child(seg)
	}
	return p.String()
}

func fieldErr(path, format string, args ...any) *field.Error {
	return &field.Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}
