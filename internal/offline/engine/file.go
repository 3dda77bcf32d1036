package engine

import (
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
)

// PlanFile plans the stack config file at path as stack `stack` of the stack config
// directory dir, with the same checks and analyses as Plan (cost, deploy time,
// policies) — for a file that is not (yet) at its stack's place, such as a generated
// environment staged for review. Its address blocks are checked against every
// environment in dir.
func PlanFile(path, stack, dir string, now time.Time) (*Result, error) {
	if now.IsZero() {
		now = time.Now()
	}
	blocks, _ := spec.BlocksInDir(dir)
	s, sc, err := spec.LoadFile(path, stack, now, blocks...)
	if err != nil {
		return nil, err
	}
	p, err := evaluate(stack, sc, now, dir, DefaultMode)
	if err != nil {
		return nil, err
	}
	if err := analyze(p, s); err != nil {
		return nil, err
	}
	return &Result{Plan: p, Spec: s}, nil
}
