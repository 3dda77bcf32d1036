package money

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestUSD(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{0, "$0.00"},
		{0.004, "$0.004"},
		{0.0052, "$0.0052"},
		{0.123456, "$0.1235"},
		{0.5, "$0.50"},
		{0.999, "$0.999"},
		{1, "$1.00"},
		{12.5, "$12.50"},
		{999.994, "$999.99"},
		{999.995, "$1,000.00"},
		{1234.5, "$1,234.50"},
		{25000, "$25,000.00"},
		{2752897.456, "$2,752,897.46"},
		{123456789012, "$123,456,789,012.00"},
		{-1234.5, "-$1,234.50"},
		{-0.001, "-$0.001"},
		{-0.0000001, "-$0.0000001"},
		{math.NaN(), "n/a"},
		{math.Inf(1), "n/a"},
	}
	for _, tc := range cases {
		if got := USD(tc.v); got != tc.want {
			t.Errorf("USD(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestWhole(t *testing.T) {
	for v, want := range map[float64]string{0: "$0", 0.4: "$0", 1750.5: "$1,751", 2752897.01: "$2,752,897", -80.5: "-$81", math.NaN(): "n/a"} {
		if got := Whole(v); got != want {
			t.Errorf("Whole(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestSigned(t *testing.T) {
	cases := map[float64]string{
		1234.5:   "+$1,234.50",
		-1234.5:  "-$1,234.50",
		0:        "±$0.00",
		0.001:    "+$0.001",
		-0.00001: "-$0.00001",
	}
	for v, want := range cases {
		if got := Signed(v); got != want {
			t.Errorf("Signed(%v) = %q, want %q", v, got, want)
		}
	}
}

// moneyFormat finds dollar amounts formatted by hand: "$%.2f", "$%.0f", "$%v", or a
// "$" glued to a number some other way.
var moneyFormat = regexp.MustCompile(`\$%[-+ 0-9.]*[fgevd]|"\$" *\+|func (usd|money|dollars|formatUSD|signedMoney)\(`)

// TestOneMoneyFormatter: every dollar amount the platform prints goes through USD, so
// no package formats money on its own (with or without thousands separators).
func TestOneMoneyFormatter(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == filepath.Join(root, "internal", "model", "money") {
				return filepath.SkipDir // the formatter itself
			}
			if name := d.Name(); strings.HasPrefix(name, ".") && p != root || name == "testdata" || name == "bin" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || filepath.Dir(p) == "." {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		for i, line := range strings.Split(string(data), "\n") {
			if m := moneyFormat.FindString(line); m != "" {
				t.Errorf("%s:%d: formats money itself (%s); use money.USD", p, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("scanned only %d Go files; the walk missed the repository", n)
	}
}
