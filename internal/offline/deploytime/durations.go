package deploytime

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

//go:embed durations.json
var durationsJSON []byte

// Durations is the table of typical create durations per resource type, shipped as
// data in durations.json with the basis of each figure.
type Durations struct {
	Source  string           `json:"source"`
	AsOf    string           `json:"asOf"`
	Default Entry            `json:"default"`
	Types   map[string]Entry `json:"types"`
}

// Entry is the typical create duration of one resource type.
type Entry struct {
	Seconds float64 `json:"seconds"`
	Range   string  `json:"range"`
	Basis   string  `json:"basis"`
}

var (
	defaultOnce sync.Once
	defaultDur  *Durations
	defaultErr  error
)

// DefaultDurations returns the shipped duration table (parsed once).
func DefaultDurations() (*Durations, error) {
	defaultOnce.Do(func() {
		defaultDur, defaultErr = ParseDurations(durationsJSON)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("internal error: internal/offline/deploytime/durations.json: %w", defaultErr)
		}
	})
	return defaultDur, defaultErr
}

// ParseDurations reads a duration table strictly and validates it.
func ParseDurations(data []byte) (*Durations, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d Durations
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("decoding duration table: %w", err)
	}
	if d.Source == "" || d.AsOf == "" {
		return nil, fmt.Errorf("duration table: source and asOf are required")
	}
	if d.Default.Seconds <= 0 {
		return nil, fmt.Errorf("duration table: default.seconds must be positive")
	}
	for t, e := range d.Types {
		if e.Seconds <= 0 || e.Basis == "" {
			return nil, fmt.Errorf("duration table: types[%q] needs positive seconds and a basis", t)
		}
	}
	return &d, nil
}

// For returns the duration of a type and whether the table has it (else the default).
func (d *Durations) For(typ string) (float64, bool) {
	if e, ok := d.Types[typ]; ok {
		return e.Seconds, true
	}
	return d.Default.Seconds, false
}

// TypeNames returns the table's types, sorted.
func (d *Durations) TypeNames() []string {
	out := make([]string, 0, len(d.Types))
	for t := range d.Types {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
