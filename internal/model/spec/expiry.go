package spec

import (
	"fmt"
	"time"

	"github.com/gameplatform/platform/internal/model/tier"
)

// Expiry semantics. An ephemeral (dev or staging) environment carries the last day it
// may run in expiresOn. Being past that day is not a configuration error: the
// environment still exists in Azure and must stay plannable and destroyable until the
// scheduled teardown removes it. It is a signal instead — the plan and the program
// warn, the review/deploy/drift workflows skip the environment with a notice, and
// `platform env expired` lists it for the teardown. Only a new request with a past
// expiry is refused (internal/offline/requests).

// Today is the UTC day of now, at midnight.
func Today(now time.Time) time.Time {
	now = now.UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}

// ExpiredOn reports whether an environment of tier t whose last day is expiresOn
// (YYYY-MM-DD) is past that day on day now. Prod environments never expire; an
// empty or malformed date is not expired (validation reports a malformed one).
func ExpiredOn(t Tier, expiresOn string, now time.Time) bool {
	if p, err := tier.Lookup(t); (err == nil && !p.ExpiryRequired()) || expiresOn == "" {
		return false
	}
	day, err := time.Parse(time.DateOnly, expiresOn)
	if err != nil {
		return false
	}
	return day.Before(Today(now))
}

// Expired reports whether the environment is past its last day on day now.
func (s *Spec) Expired(now time.Time) bool { return ExpiredOn(s.Tier, s.ExpiresOn, now) }

// ExpiryNotice is the one-line notice for an expired environment.
func (s *Spec) ExpiryNotice(now time.Time) string {
	if !s.Expired(now) {
		return ""
	}
	days := int(Today(now).Sub(s.Expiry()).Hours() / 24)
	return ExpiredNotice(s.Stack, s.ExpiresOn, days)
}

// ExpiredNotice words the notice for environment name, expired on day expiresOn and
// overdue by days: what it means and what happens next.
func ExpiredNotice(name, expiresOn string, days int) string {
	unit := "days"
	if days == 1 {
		unit = "day"
	}
	return fmt.Sprintf("%s expired on %s (%d %s ago): it still runs and costs until the scheduled teardown destroys it (`platform env expired` lists it); extend expiresOn to keep it", name, expiresOn, days, unit)
}
