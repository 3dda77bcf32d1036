package spec

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
)

// FieldError is one problem with one field of a spec.
type FieldError struct {
	Path string // e.g. "regions[1].addressSpace"
	Msg  string
	// Line is the 1-based line of the file the problem is on, when known (YAML
	// syntax errors); 0 otherwise.
	Line int
}

func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
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
		var fe *FieldError
		if errors.As(err, &fe) && fe.Line > 0 {
			// file:line: the form editors and terminals jump to.
			fmt.Fprintf(&b, "\n  %s:%d: %s", e.Source, fe.Line, (&FieldError{Path: fe.Path, Msg: fe.Msg}).Error())
			continue
		}
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

// addLine records a problem at a known line of the file.
func (c *collector) addLine(line int, path, format string, args ...any) {
	c.errs = multierror.Append(c.errs, &FieldError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) err(source string) error {
	if c.errs == nil || len(c.errs.Errors) == 0 {
		return nil
	}
	return &ConfigError{Source: source, Errs: c.errs}
}
