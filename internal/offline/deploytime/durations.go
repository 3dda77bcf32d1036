package deploytime

import (
	"sort"
	"sync"

	"github.com/gameplatform/platform/internal/model/catalog"
)

// Durations is the table of typical create durations per resource type the model
// schedules with. The shipped one (DefaultDurations) is read from the resource-type
// catalogue (internal/model/catalog), each figure with its basis; tests build their
// own.
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
)

// DefaultDurations returns the catalogue's create durations (built once). The error
// is always nil; it stays in the signature for tables that can fail to load.
func DefaultDurations() (*Durations, error) {
	defaultOnce.Do(func() {
		d := catalog.DefaultDuration
		defaultDur = &Durations{
			Source:  catalog.DurationsSource,
			AsOf:    catalog.DurationsAsOf,
			Default: Entry{Seconds: d.Seconds, Range: d.Range, Basis: d.Basis},
			Types:   map[string]Entry{},
		}
		for _, e := range catalog.Entries() {
			if c := e.Create; c.Seconds > 0 {
				defaultDur.Types[e.Type] = Entry{Seconds: c.Seconds, Range: c.Range, Basis: c.Basis}
			}
		}
	})
	return defaultDur, nil
}

// For returns the duration of a type and whether the table has it (else the default).
func (d *Durations) For(typ string) (float64, bool) {
	if e, ok := d.Types[catalog.BaseType(typ)]; ok {
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
