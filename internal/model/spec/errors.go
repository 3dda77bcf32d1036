package spec

import "github.com/gameplatform/platform/internal/model/field"

// FieldError is one problem with one field of a spec.
type FieldError = field.Error

// ConfigError is a spec that cannot be used: it names the file (or source) and
// holds every problem found, one per line. Callers map it to exit status 2.
type ConfigError = field.SourceError
