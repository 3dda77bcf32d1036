package spec

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// checkJSON walks a decoded JSON value (map[string]any, []any, string, json.Number,
// bool, nil) alongside the Go type it is about to be decoded into and reports every
// unknown key and every value of the wrong type, each at its precise path
// ("regions[2].capacity.peakPlayers"). It records the path of every value that is
// present (not null), so defaulting can tell an explicit zero from an unset field.
func checkJSON(c *collector, present map[string]bool, path string, v any, t reflect.Type) {
	if v == nil {
		return // null: unset
	}
	if present != nil {
		present[path] = true
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			c.add(path, "must be a mapping of keys, got %s", describeJSON(v))
			return
		}
		fields := jsonFields(t)
		for _, k := range sortedKeys(m) {
			f, ok := fields[k]
			if !ok {
				c.add(joinField(path, k), "unknown key%s", suggestKey(k, sortedKeys(fields)))
				continue
			}
			checkJSON(c, present, joinField(path, k), m[k], f.Type)
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			c.add(path, "must be a mapping of keys, got %s", describeJSON(v))
			return
		}
		for _, k := range sortedKeys(m) {
			checkJSON(c, present, joinField(path, k), m[k], t.Elem())
		}
	case reflect.Slice:
		a, ok := v.([]any)
		if !ok {
			c.add(path, "must be a list, got %s", describeJSON(v))
			return
		}
		for i, e := range a {
			checkJSON(c, present, fmt.Sprintf("%s[%d]", path, i), e, t.Elem())
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			c.add(path, "must be a string, got %s (quote it in YAML: \"%v\")", describeJSON(v), v)
		}
	case reflect.Bool:
		switch b := v.(type) {
		case bool:
		case string:
			hint := ""
			switch strings.ToLower(b) {
			case "yes", "y", "on", "no", "n", "off":
				hint = " (YAML 1.2 reads yes/no/on/off as text; write true or false)"
			}
			c.add(path, "must be true or false, got %s%s", describeJSON(v), hint)
		default:
			c.add(path, "must be true or false, got %s", describeJSON(v))
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			c.add(path, "must be a whole number, got %s", describeJSON(v))
			return
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err != nil {
			if strings.ContainsAny(string(n), ".eE") {
				c.add(path, "must be a whole number, got %s", n)
			} else {
				c.add(path, "%s is too large", n)
			}
		}
	case reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			c.add(path, "must be a number, got %s", describeJSON(v))
			return
		}
		if f, err := strconv.ParseFloat(string(n), 64); err != nil || math.IsInf(f, 0) {
			c.add(path, "must be a finite number, got %s", n)
		}
	}
}

// describeJSON names a JSON value's kind with the value, for messages.
func describeJSON(v any) string {
	switch t := v.(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return fmt.Sprintf("the string %q", truncateText(t, 40))
	case json.Number:
		return "the number " + string(t)
	case bool:
		return fmt.Sprintf("%t", t)
	}
	return fmt.Sprintf("%v", v)
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func joinField(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps a struct's JSON names to its fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

// JSONFieldType returns the Go type a JSON path segment of t decodes into: the field
// of a struct by its JSON name, the element of a slice (any segment) or of a map.
// ok is false when t has no such field.
func JSONFieldType(t reflect.Type, seg string) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		f, ok := jsonFields(t)[seg]
		return f.Type, ok
	case reflect.Slice, reflect.Array, reflect.Map:
		return t.Elem(), true
	}
	return nil, false
}

func suggestKey(got string, known []string) string {
	if len(known) == 0 {
		return ""
	}
	return suggest(got, known)
}

// goTimeString is time.Time.String()'s layout, the form the Pulumi engine passes a
// YAML timestamp in.
const goTimeString = "2006-01-02 15:04:05.999999999 -0700 MST"

// NormalizeDate returns a date as YYYY-MM-DD when v is one, however YAML and the
// Pulumi engine hand it over: the text itself, an RFC 3339 timestamp at midnight, or
// Go's time.Time.String() form the Pulumi CLI passes for an unquoted YAML date
// (`expiresOn: 2026-12-16` becomes "2026-12-16 00:00:00 +0000 UTC"). Anything else is
// returned unchanged, for validation to reject.
func NormalizeDate(v string) string {
	v = strings.TrimSpace(v)
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return v
	}
	for _, layout := range []string{time.RFC3339Nano, goTimeString, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
				return t.Format(time.DateOnly)
			}
			if layout == goTimeString {
				// An unquoted YAML timestamp: show it as it was written, not in Go's form.
				return t.Format(time.RFC3339Nano)
			}
			return v
		}
	}
	return v
}
