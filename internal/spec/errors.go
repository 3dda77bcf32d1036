package spec

import (
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
)

// FieldError is one problem with one field of a spec.
type FieldError struct {
	Path string // e.g. "regions[1].addressSpace"
	Msg  string
}

func (e *FieldError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// ConfigError is a spec that cannot be used: it names the file (or source) and
// holds every problem found, one per line. Callers map it to exit status 2.
type ConfigError struct {
	Source string
	Errs   *multierror.Error
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	n := len(e.Errs.Errors)
	fmt.Fprintf(&b, "%s: %d problem", e.Source, n)
	if n != 1 {
		b.WriteString("s")
	}
	for _, err := range e.Errs.Errors {
		fmt.Fprintf(&b, "\n  %s: %s", e.Source, err)
	}
	return b.String()
}

// Unwrap exposes the individual field errors.
func (e *ConfigError) Unwrap() []error { return e.Errs.Errors }

// Problems returns each problem as "path: message", in the order found.
func (e *ConfigError) Problems() []string {
	out := make([]string, len(e.Errs.Errors))
	for i, err := range e.Errs.Errors {
		out[i] = err.Error()
	}
	return out
}

// collector accumulates field errors.
type collector struct{ errs *multierror.Error }

func (c *collector) add(path, format string, args ...any) {
	c.errs = multierror.Append(c.errs, &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) err(source string) error {
	if c.errs == nil || len(c.errs.Errors) == 0 {
		return nil
	}
	return &ConfigError{Source: source, Errs: c.errs}
}
