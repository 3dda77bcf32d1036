package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeCommands returns the README's example command lines (inside ```sh blocks) that
// run the platform CLI: `bin/platform …` as written, and the make targets that only
// wrap it (plan, policy, env-list, policy-list) as the commands they run.
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	inSh := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
			continue
		case strings.HasPrefix(line, "```"):
			inSh = false
			continue
		}
		if !inSh {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(strings.ReplaceAll(line, `"$(mktemp -d)"`, "MKTEMP"))
		if len(fields) == 0 {
			continue
		}
		switch {
		case fields[0] == "bin/platform":
			out = append(out, fields[1:])
		case fields[0] == "make" && len(fields) >= 2:
			env := "dev"
			for _, a := range fields[2:] {
				if v, ok := strings.CutPrefix(a, "ENV="); ok {
					env = v
				}
			}
			switch fields[1] {
			case "plan":
				out = append(out, []string{"plan", "--env", env})
			case "policy":
				out = append(out, []string{"plan", "--env", env, "--out", ".plans/" + env + ".plan.json"},
					[]string{"policy", "check", "--plan", ".plans/" + env + ".plan.json"})
			case "env-list":
				out = append(out, []string{"env", "list"})
			case "policy-list":
				out = append(out, []string{"policy", "list"})
			}
		}
	}
	if len(out) < 10 {
		t.Fatalf("found %d example commands in the README", len(out))
	}
	return out
}

// TestReadmeExamplesWorkOnAnyDate runs the README's example commands, as written, in
// a scratch copy of the repository's environments on several days — today's date
// and years later — and expects them to succeed (`env expired` reports exit 3 when
// something is past its expiry, as documented). Commands whose input files the
// examples do not create (a `pulumi preview --json` output) are skipped.
func TestReadmeExamplesWorkOnAnyDate(t *testing.T) {
	cmds := readmeCommands(t)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	envAbs, _ := filepath.Abs(envDir)
	for _, day := range []string{"2026-12-02", "2031-06-30"} {
		t.Run(day, func(t *testing.T) {
			scratch := t.TempDir()
			copyTree(t, envAbs, filepath.Join(scratch, "environments"))
			if err := os.MkdirAll(filepath.Join(scratch, ".plans"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Chdir(scratch); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			t.Setenv(envToday, day)
			ran := 0
			for _, c := range cmds {
				args, stdoutFile, skip := prepare(t, c)
				if skip != "" {
					t.Logf("skipped %v: %s", c, skip)
					continue
				}
				ran++
				code, stdout, stderr := runCapture(t, args...)
				if stdoutFile != "" {
					if err := os.WriteFile(stdoutFile, []byte(stdout), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want := exitOK
				if len(args) >= 2 && args[0] == "env" && args[1] == "expired" && day != "2026-11-22" {
					want = exitExpired
				}
				if code != want {
					t.Errorf("bin/platform %s on %s: exit %d, want %d\n%s", strings.Join(c, " "), day, code, want, stderr)
				}
			}
			if ran < 10 {
				t.Errorf("ran only %d README commands", ran)
			}
		})
	}
}

// prepare turns a README command into arguments: a "> file" redirect becomes the
// file stdout is written to, $(mktemp -d) a fresh directory; commands reading a file
// that no earlier example wrote are skipped.
func prepare(t *testing.T, c []string) (args []string, stdoutFile, skip string) {
	for i := 0; i < len(c); i++ {
		switch a := c[i]; {
		case a == ">" && i+1 < len(c):
			stdoutFile = c[i+1]
			i++
		case a == "MKTEMP":
			args = append(args, t.TempDir())
		default:
			args = append(args, a)
		}
	}
	for i, a := range args {
		if (a == "--preview" || a == "--base" || a == "--head" || a == "--plan") && i+1 < len(args) {
			if _, err := os.Stat(args[i+1]); err != nil {
				return nil, "", args[i+1] + " is not written by an earlier example"
			}
		}
	}
	return args, stdoutFile, ""
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
