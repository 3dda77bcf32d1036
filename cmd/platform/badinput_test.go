package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
)

// Bad stack config through the CLI: exit 2, the message names the file and the
// precise field (with list indices, or the line of a YAML syntax error), no panic.
func TestBadStackConfigExitsTwoNamingFileAndField(t *testing.T) {
	dir := t.TempDir()
	data := string(mustRead(t, filepath.Join(envDir, "Pulumi.dev.yaml")))
	dev := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(data) }
	write := func(name, body string) {
		if body == data {
			t.Fatalf("%s: replacement did not apply", name)
		}
		if err := os.WriteFile(spec.StackFile(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Every other environment's blocks are checked too: "dev" is in dir.
	copyFile(t, filepath.Join(envDir, "Pulumi.dev.yaml"), spec.StackFile(dir, "dev"))
	write("overflow", dev("peakPlayers: 2000", "peakPlayers: 9223372036854775807"))
	write("zero", dev("playersPerServer: 16", "playersPerServer: 0"))
	write("hyphens", dev("game-platform:game: starfall", "game-platform:game: star--fall"))
	write("costcenter", dev("game-platform:costCenter: CC-1001", "game-platform:costCenter: "+strings.Repeat("c", 300)))
	write("nested", dev("peakPlayers: 2000", "peakPlayers: 2000\n        peakPlayer: 3"))
	write("syntax", dev("game-platform:tier: dev", "game-platform:tier: [dev"))
	// Takes dev's block and has a bad owner: both problems at once.
	write("overlap", dev("@", "at"))
	for _, tc := range []struct{ env, want string }{
		{"overflow", `Pulumi.overflow.yaml: regions[0].capacity.peakPlayers: must be at most 10000000`},
		{"zero", `Pulumi.zero.yaml: regions[0].capacity.playersPerServer: must be 1-256, got 0`},
		{"hyphens", `Pulumi.hyphens.yaml: game: "star--fall" must not contain consecutive hyphens`},
		{"costcenter", `Pulumi.costcenter.yaml: costCenter: is 300 characters; it becomes the cost-center tag and Azure allows 256`},
		{"nested", `Pulumi.nested.yaml: regions[0].capacity.peakPlayer: unknown key (did you mean "peakPlayers"?)`},
		{"syntax", `Pulumi.syntax.yaml:` + lineOf(t, data, "game-platform:tier: dev") + `: parsing YAML: did not find expected ',' or ']'`},
		{"overlap", `Pulumi.overlap.yaml: regions[0].addressSpace: 10.10.0.0/20 overlaps environment "dev" region westeurope`},
		{"overlap", `Pulumi.overlap.yaml: owners[0]: `},
	} {
		t.Run(tc.env, func(t *testing.T) {
			code, stdout, stderr := runCapture(t, "plan", "--env", tc.env, "--dir", dir)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d", code, exitBadInput)
			}
			if !strings.Contains(stderr, filepath.Join(dir, "")+string(filepath.Separator)+tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, stderr)
			}
			if strings.Contains(stderr+stdout, "goroutine ") || strings.Contains(stderr+stdout, "panic") {
				t.Errorf("stack trace in output:\n%s", stderr)
			}
		})
	}
}

// lineOf returns the 1-based line of the first line of body holding s.
func lineOf(t *testing.T, body, s string) string {
	t.Helper()
	for i, l := range strings.Split(body, "\n") {
		if strings.Contains(l, s) {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatalf("%q not in body", s)
	return ""
}

// A request the pack would refuse for a region or VM size of its tier is refused by
// `env request` itself: exit 2 naming the field, nothing written.
func TestEnvRequestClosedRegionAndVMSize(t *testing.T) {
	dir := shippedDir(t)
	req := writeRequest(t, "weekend", "vmSize: Standard_F32s_v2\n")
	if err := os.WriteFile(req, bytes.Replace(mustRead(t, req), []byte("name: japaneast"), []byte("name: southeastasia"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCapture(t, "env", "request", req, "--dir", dir)
	if code != exitBadInput {
		t.Errorf("exit %d, want %d", code, exitBadInput)
	}
	for _, want := range []string{
		req + `: regions[1].name: region "southeastasia" is not open to dev environments`,
		req + `: vmSize: VM size "Standard_F32s_v2" is not open to dev environments`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(spec.StackFile(dir, "weekend")); !os.IsNotExist(err) {
		t.Error("a refused request wrote its environment")
	}
	assertNoStaged(t, dir)
}
