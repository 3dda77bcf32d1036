// Package field collects validation problems, each with the path of the field it
// is about, the way Kubernetes' field.ErrorList does: every problem at once, one
// line each, worded "path: message".
//
// Spec validation, studio requests, component arguments and the policy pack's
// configuration all report through it, so a problem reads the same wherever it is
// found.
package field

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Path is the path of a field: NewPath("regions").Index(2).Child("capacity",
// "peakPlayers") renders regions[2].capacity.peakPlayers. A nil *Path is the
// document itself and renders "". Paths are immutable; each step returns a new one.
type Path struct {
	parent *Path
	name   string // a field name, or "" for an index step
	index  string // the rendered index, e.g. "2", for an index step
}

// NewPath returns the path of a top-level field and, optionally, fields below it.
func NewPath(name string, more ...string) *Path {
	return (*Path)(nil).Child(name, more...)
}

// Child returns the path of a field below p (and optionally fields below that).
func (p *Path) Child(name string, more ...string) *Path {
	c := &Path{parent: p, name: name}
	for _, m := range more {
		c = &Path{parent: c, name: m}
	}
	return c
}

// Index returns the path of the i-th element of the list at p.
func (p *Path) Index(i int) *Path {
	return &Path{parent: p, index: strconv.Itoa(i)}
}

// String renders the path: names joined by dots, indexes in brackets.
func (p *Path) String() string {
	if p == nil {
		return ""
	}
	var steps []*Path
	for q := p; q != nil; q = q.parent {
		steps = append(steps, q)
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		switch {
		case s.name == "" && s.index != "":
			b.WriteString("[" + s.index + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// Error is one problem with one field.
type Error struct {
	Path string // e.g. "regions[1].addressSpace"; "" for the document as a whole
	Msg  string
	// Line is the 1-based line of the file the problem is on, when known (YAML
	// syntax errors); 0 otherwise.
	Line int
	// Bare renders the path and message with a space instead of ": "
	// ("Grants[1].Scope is required"), the wording of Go-argument checks.
	Bare bool
}

// Invalid returns the problem "path: message".
func Invalid(path *Path, format string, args ...any) *Error {
	return &Error{Path: path.String(), Msg: fmt.Sprintf(format, args...)}
}

// Duplicate returns the problem "path: "value" is used twice": an element of a list
// repeats a value (a name, a key) that must be unique in the list.
func Duplicate(path *Path, value string) *Error {
	return Invalid(path, "%q is used twice", value)
}

// Required returns the problem "path is required", the wording of a required
// argument of a Go API (component arguments); a why is added in parentheses:
// "SubnetID is required (the region's private-endpoint subnet)".
func Required(path *Path, why ...string) *Error {
	msg := "is required"
	if len(why) > 0 {
		msg += " (" + strings.Join(why, "; ") + ")"
	}
	return &Error{Path: path.String(), Msg: msg, Bare: true}
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.WithoutLine())
	return b.String()
}

// WithoutLine renders the problem without its line number.
func (e *Error) WithoutLine() string {
	switch {
	case e.Path == "":
		return e.Msg
	case e.Bare:
		return e.Path + " " + e.Msg
	default:
		return e.Path + ": " + e.Msg
	}
}

// ErrorList is every problem found, in the order found.
type ErrorList []*Error

// Add records the problem "path: message". path is a field path as
// Path.String renders it.
func (l *ErrorList) Add(path, format string, args ...any) {
	*l = append(*l, &Error{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// AddLine records a problem at a known line of the file.
func (l *ErrorList) AddLine(line int, path, format string, args ...any) {
	*l = append(*l, &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Append records problems already made.
func (l *ErrorList) Append(errs ...*Error) {
	*l = append(*l, errs...)
}

// Strings returns each problem rendered, in order.
func (l ErrorList) Strings() []string {
	out := make([]string, len(l))
	for i, e := range l {
		out[i] = e.Error()
	}
	return out
}

// Join returns the problems as one error, one per line (errors.Join), or nil when
// there are none: the form for Go-API checks (component arguments).
func (l ErrorList) Join() error {
	if len(l) == 0 {
		return nil
	}
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// In returns the problems as a *SourceError naming source, or nil when there are
// none: the form for files people edit.
func (l ErrorList) In(source string) error {
	if len(l) == 0 {
		return nil
	}
	return &SourceError{Source: source, Errs: l}
}

// SourceError is a file (or other named source) that cannot be used: it names the
// source and holds every problem found, one per line. Callers map it to exit
// status 2.
type SourceError struct {
	Source string
	Errs   ErrorList
}

func (e *SourceError) Error() string {
	var b strings.Builder
	n := len(e.Errs)
	fmt.Fprintf(&b, "%s: %d problem", e.Source, n)
	if n != 1 {
		b.WriteString("s")
	}
	for _, fe := range e.Errs {
		if fe.Line > 0 {
			// file:line: the form editors and terminals jump to.
			fmt.Fprintf(&b, "\n  %s:%d: %s", e.Source, fe.Line, fe.WithoutLine())
			continue
		}
		fmt.Fprintf(&b, "\n  %s: %s", e.Source, fe)
	}
	return b.String()
}

// Unwrap exposes the individual problems.
func (e *SourceError) Unwrap() []error {
	out := make([]error, len(e.Errs))
	for i, fe := range e.Errs {
		out[i] = fe
	}
	return out
}

// Problems returns each problem as "path: message", in the order found.
func (e *SourceError) Problems() []string { return e.Errs.Strings() }
