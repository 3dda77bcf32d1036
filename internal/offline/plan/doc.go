// Package plan holds the offline plan: the JSON contract types, the recording mock
// resource monitor that captures every registration of the real Pulumi program, and
// the preview-like text rendering.
package plan
