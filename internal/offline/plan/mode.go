package plan

import "fmt"

// FakeSubscription is the subscription ID used in offline resource IDs.
const FakeSubscription = "00000000-0000-0000-0000-000000000000"

// RegionComponentType is the type token of the per-region component; every resource
// below one belongs to that region (the component's name is the region).
const RegionComponentType = "gameplatform:stacks:Region"

// Mode is how the mock monitor answers registrations.
type Mode string

// The modes of the offline plan.
const (
	// ModePreview answers as the engine does in `pulumi preview` of a fresh stack:
	// a resource being created has no ID and the provider echoes its inputs back, so
	// every output Azure computes (IDs, host names, principal IDs) is unknown and
	// inputs built from them are unknown too. The program runs with DryRun set.
	ModePreview Mode = "preview"
	// ModeApplied answers as a stack after `pulumi up`: every resource has an ID and
	// the outputs Azure computes (placeholders of the right shape, see Computed).
	ModeApplied Mode = "applied"
)

// Modes lists the modes, the default first.
var Modes = []Mode{ModePreview, ModeApplied}

// ParseMode reads a mode name.
func ParseMode(s string) (Mode, error) {
	for _, m := range Modes {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("%q is not a plan mode (preview, applied)", s)
}
