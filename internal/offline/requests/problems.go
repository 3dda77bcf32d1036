package requests

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/field"
)

// problem is one finding about one field.
type problem struct {
	path string
	msg  string
	// typeErr marks a schema finding that the value has the wrong type (or is not
	// there at all where an object was expected): the decoded value is then
	// meaningless, so findings about it from Check are dropped.
	typeErr bool
	// overridable marks a schema finding that Check words better (an enum of the
	// catalogue, a bound, a missing expiry): dropped when Check speaks of the field.
	overridable bool
	// length marks a length finding, dropped when the same field breaks its pattern
	// (whose message states the length too).
	length bool
	// pattern marks a finding that the field breaks its pattern.
	pattern bool
}

// problems merges the schema's findings with Check's. Where both speak of the same
// field, Check's message replaces the schema's overridable ones (it knows the
// catalogue and says what to change); where the schema found a value of the wrong
// type, Check's findings about that value are dropped.
type problems struct {
	schema   []problem
	semantic []problem
}

func (p *problems) add(path, format string, args ...any) {
	p.semantic = append(p.semantic, problem{path: path, msg: fmt.Sprintf(format, args...)})
}

func (p *problems) list() []problem {
	wrongType := map[string]bool{}
	semantic := map[string]bool{}
	patterned := map[string]bool{}
	for _, s := range p.schema {
		if s.typeErr {
			wrongType[s.path] = true
		}
		if s.pattern {
			patterned[s.path] = true
		}
	}
	for _, s := range p.semantic {
		semantic[s.path] = true
	}
	var out []problem
	for _, s := range p.schema {
		if s.overridable && semantic[s.path] || s.length && patterned[s.path] {
			continue
		}
		out = append(out, s)
	}
	for _, s := range p.semantic {
		if underWrongType(s.path, wrongType) {
			continue
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return pathLess(out[i].path, out[j].path) })
	// Drop exact duplicates (the same message at the same path).
	dedup := out[:0]
	for i, q := range out {
		if i > 0 && q == out[i-1] {
			continue
		}
		dedup = append(dedup, q)
	}
	return dedup
}

func underWrongType(path string, wrong map[string]bool) bool {
	for w := range wrong {
		if path == w || strings.HasPrefix(path, w+".") || strings.HasPrefix(path, w+"[") {
			return true
		}
	}
	return false
}

// fieldOrder ranks the request's top-level keys as the schema lists them, so problems
// come out in the order a reader meets the fields.
var fieldOrder = map[string]int{}

func init() {
	for i, k := range []string{"", "environment", "description", "studio", "game", "tier", "owners", "costCenter",
		"regions", "playersPerServer", "vcpuPerServer", "vmSize", "spot", "budgetMonthlyUSD", "expiresOn"} {
		fieldOrder[k] = i
	}
}

func pathLess(a, b string) bool {
	ra, rb := rank(a), rank(b)
	if ra != rb {
		return ra < rb
	}
	return naturalLess(a, b)
}

func rank(path string) int {
	head := path
	if i := strings.IndexAny(path, ".["); i >= 0 {
		head = path[:i]
	}
	if r, ok := fieldOrder[head]; ok {
		return r
	}
	return len(fieldOrder) // unknown keys last
}

// naturalLess compares paths so that regions[2] sorts before regions[10].
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			na, _ := strconv.Atoi(da)
			nb, _ := strconv.Atoi(db)
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func (p *problems) err(source string) error {
	var errs field.ErrorList
	for _, q := range p.list() {
		errs.Add(q.path, "%s", q.msg)
	}
	return errs.In(source)
}

func configError(source string, fes ...*field.Error) error {
	return field.ErrorList(fes).In(source)
}
