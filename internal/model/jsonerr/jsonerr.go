// Package jsonerr words JSON decoding errors for people: the line, the full path of
// the offending value with its list indexes (resources[3].inputs, not
// resources.inputs) and the JSON type expected, never a Go type name.
package jsonerr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
)

// Describe words err, returned while decoding data, as "line N: path: problem".
// Errors other than syntax and type errors are returned as they are.
func Describe(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("line %d: %s", lineAt(data, se.Offset), se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		path := PathAt(data, te.Offset)
		if path == "" {
			path = te.Field
		}
		where := "the document"
		if path != "" {
			where = path
		}
		return fmt.Sprintf("line %d: %s: must be %s, got %s", lineAt(data, te.Offset), where, jsonKind(te.Type), article(te.Value))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Sprintf("line %d: unexpected end of JSON input", lineAt(data, int64(len(data))))
	}
	return err.Error()
}

func lineAt(data []byte, off int64) int {
	return 1 + bytes.Count(data[:min(max(int(off), 0), len(data))], []byte("\n"))
}

// PathAt returns the path (a.b[2].c) of the innermost value of data whose bytes
// span offset off: where encoding/json reports a type error. "" is the document
// itself, or a document that is not valid JSON up to off.
func PathAt(data []byte, off int64) string {
	type frame struct {
		path     string
		start    int64
		array    bool
		index    int
		key      string
		wantsKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []*frame
	best, bestDepth := "", -1
	consider := func(path string, start, end int64, depth int) {
		if start < off && off <= end && depth > bestDepth {
			best, bestDepth = path, depth
		}
	}
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.array {
			p := f.path + "[" + strconv.Itoa(f.index) + "]"
			f.index++
			return p
		}
		f.wantsKey = true
		if f.path == "" {
			return f.key
		}
		return f.path + "." + f.key
	}
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return best
		}
		if len(stack) > 0 {
			if f := stack[len(stack)-1]; !f.array && f.wantsKey {
				if d, ok := tok.(json.Delim); !ok || d != '}' {
					f.key, _ = tok.(string)
					f.wantsKey = false
					continue
				}
			}
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, &frame{path: child(), start: before, array: tok == json.Delim('['), wantsKey: tok == json.Delim('{')})
		case json.Delim('}'), json.Delim(']'):
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			consider(f.path, f.start, dec.InputOffset(), len(stack))
		default:
			consider(child(), before, dec.InputOffset(), len(stack))
		}
		if len(stack) == 0 && dec.InputOffset() >= off {
			return best
		}
	}
}

// jsonKind names the JSON value a Go type decodes from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a different type"
	}
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number in range"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "a different type"
}

// article turns encoding/json's value description ("array", "number -5") into
// "an array", "the number -5".
func article(v string) string {
	switch v {
	case "array", "object":
		return "an " + v
	case "string", "number":
		return "a " + v
	case "bool":
		return "a boolean"
	}
	if len(v) > 7 && v[:7] == "number " {
		return "the " + v
	}
	return v
}
