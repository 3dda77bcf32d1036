package cost

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// notPricedError says why a resource cannot be priced (unknown SKU, missing input…);
// unknown marks an input that is unknown until apply.
type notPricedError struct {
	reason  string
	unknown bool
}

func (e *notPricedError) Error() string { return e.reason }

func notPricedf(format string, args ...any) error {
	return &notPricedError{reason: fmt.Sprintf(format, args...)}
}

// isNotPriced reports whether err says "not priced" (as opposed to an internal
// error), and whether only because an input is unknown until apply.
func isNotPriced(err error) (reason string, unknown, ok bool) {
	var np *notPricedError
	if errors.As(err, &np) {
		return np.reason, np.unknown, true
	}
	return "", false, false
}

// lookup walks a path of object keys through registered inputs.
func lookup(m map[string]any, path ...string) (any, bool) {
	var cur any = m
	for _, k := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = obj[k]
		if !ok || cur == nil {
			return nil, false
		}
	}
	return cur, true
}

// known rejects values that are not known at plan time.
func known(v any, path []string) error {
	if plan.IsUnknown(v) {
		return &notPricedError{reason: fmt.Sprintf("input %s is unknown until apply", strings.Join(path, ".")), unknown: true}
	}
	if s, ok := v.(string); ok && s == plan.SecretMask {
		return notPricedf("input %s is secret", strings.Join(path, "."))
	}
	return nil
}

// refSet reports whether a reference input (a resource ID) is set. An ID unknown
// at preview still names the resource it will hold, so it counts as set: prices
// never depend on values Azure computes.
func refSet(m map[string]any, path ...string) bool {
	v, ok := lookup(m, path...)
	if !ok {
		return false
	}
	s, isString := v.(string)
	return !isString || s != ""
}

// optString returns a string input, "" when absent.
func optString(m map[string]any, path ...string) (string, error) {
	v, ok := lookup(m, path...)
	if !ok {
		return "", nil
	}
	if err := known(v, path); err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return "", notPricedf("input %s is %T, want a string", strings.Join(path, "."), v)
	}
	return s, nil
}

// reqString returns a string input that pricing needs.
func reqString(m map[string]any, path ...string) (string, error) {
	s, err := optString(m, path...)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", notPricedf("input %s is not set", strings.Join(path, "."))
	}
	return s, nil
}

// optNumber returns a numeric input and whether it was set.
func optNumber(m map[string]any, path ...string) (float64, bool, error) {
	v, ok := lookup(m, path...)
	if !ok {
		return 0, false, nil
	}
	if err := known(v, path); err != nil {
		return 0, false, err
	}
	switch n := v.(type) {
	case float64:
		return n, true, nil
	case int:
		return float64(n), true, nil
	case int64:
		return float64(n), true, nil
	}
	return 0, false, notPricedf("input %s is %T, want a number", strings.Join(path, "."), v)
}

// optBool returns a boolean input, false when absent.
func optBool(m map[string]any, path ...string) (bool, error) {
	v, ok := lookup(m, path...)
	if !ok {
		return false, nil
	}
	if err := known(v, path); err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if !ok {
		return false, notPricedf("input %s is %T, want true or false", strings.Join(path, "."), v)
	}
	return b, nil
}

// dependencyURNs returns every URN a resource depends on: explicit dependencies and
// property dependencies, deduplicated.
func dependencyURNs(r *plan.Resource) []string {
	seen := map[string]bool{}
	var out []string
	add := func(u string) {
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, u := range r.Dependencies {
		add(u)
	}
	for _, us := range r.PropertyDependencies {
		for _, u := range us {
			add(u)
		}
	}
	return out
}
