// Package money formats US dollar amounts the one way the platform shows them: in the
// plan, the cost model's bases, the review comment, `env` summaries and policy
// messages alike.
package money

import (
	"math"
	"strconv"
	"strings"
)

// USD formats v dollars with thousands separators and cents: $1,234,567.89,
// -$12.50. Amounts under a dollar keep four significant digits ($0.0052), so unit
// prices are not rounded away. NaN and infinities are "n/a".
func USD(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	sign := ""
	if v < 0 {
		sign = "-"
		v = -v
	}
	decimals := 2
	if v > 0 && v < 1 {
		// 4 significant digits: 0.0052 → 6 decimals, trailing zeros trimmed below.
		decimals = max(2, 3-int(math.Floor(math.Log10(v))))
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	if decimals > 2 {
		frac = strings.TrimRight(frac, "0")
		for len(frac) < 2 {
			frac += "0"
		}
	}
	if whole == "0" && strings.Trim(frac, "0") == "" {
		sign = "" // no "-$0.00"
	}
	return sign + "$" + Group(whole) + "." + frac
}

// Whole formats v rounded to whole dollars, for tables where cents are noise:
// $2,752,897, -$80.
func Whole(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return strings.TrimSuffix(USD(math.Round(v)), ".00")
}

// Signed formats a change of v dollars with its sign: +$1,234.00, -$12.50, ±$0.00.
func Signed(v float64) string {
	s := USD(v)
	switch {
	case s == "$0.00":
		return "±$0.00"
	case strings.HasPrefix(s, "$"):
		return "+" + s
	}
	return s
}

// Group inserts thousands separators into a string of digits (counts, addresses,
// dollars alike), so every figure the platform prints groups its digits one way.
func Group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	for i, ch := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(ch)
	}
	return b.String()
}
