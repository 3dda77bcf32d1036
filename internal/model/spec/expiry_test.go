package spec

import (
	"strings"
	"testing"
	"time"
)

// TestExpiredEnvironmentStaysValid: an existing environment past its expiry is still a
// valid environment (it runs until its teardown, which must be able to plan and
// destroy it); only the expiry signal changes with the calendar.
func TestExpiredEnvironmentStaysValid(t *testing.T) {
	s := validSpec()
	s.ExpiresOn = "2026-11-30"
	for _, now := range []time.Time{
		time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
		time.Date(2036, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		if err := s.Validate(now); err != nil {
			t.Errorf("on %s: %v", now.Format(time.DateOnly), err)
		}
	}
}

func TestExpired(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(23 * time.Hour) // any time of the day
	}
	cases := []struct {
		tier    Tier
		expires string
		on      string
		want    bool
	}{
		{TierDev, "2026-11-30", "2026-11-29", false},
		{TierDev, "2026-11-30", "2026-11-30", false}, // its last day
		{TierDev, "2026-11-30", "2026-12-01", true},
		{TierStaging, "2026-12-06", "2027-12-06", true},
		{TierProd, "2026-01-01", "2030-01-01", false}, // prod never expires
		{TierDev, "", "2030-01-01", false},
		{TierDev, "soon", "2030-01-01", false}, // malformed: validation says so
	}
	for _, tc := range cases {
		if got := ExpiredOn(tc.tier, tc.expires, day(tc.on)); got != tc.want {
			t.Errorf("ExpiredOn(%s, %q, %s) = %v, want %v", tc.tier, tc.expires, tc.on, got, tc.want)
		}
	}
	s := validSpec()
	s.ExpiresOn = "2026-11-30"
	if n := s.ExpiryNotice(day("2026-11-30")); n != "" {
		t.Errorf("notice on the last day: %q", n)
	}
	n := s.ExpiryNotice(day("2026-12-02"))
	for _, want := range []string{s.Stack + " expired on 2026-11-30 (2 days ago)", "teardown", "platform env expired"} {
		if !strings.Contains(n, want) {
			t.Errorf("notice %q lacks %q", n, want)
		}
	}
}
