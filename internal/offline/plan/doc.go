// Package plan holds the offline plan: the JSON contract types, the modes the plan
// is made in, the strict plan reader and the preview-like text rendering. It links
// no Pulumi SDK; the mock resource monitor that records a plan is
// internal/offline/recorder.
package plan
