package requests

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestAtomicWrites(t *testing.T) {
	errDisk := errors.New("disk full")
	cases := []struct {
		name     string
		existing string // content of the target before, "" for none
		write    func(io.Writer) error
		commit   bool
		wantErr  string
		want     string // content of the target after, "" for none
	}{
		{"writes the whole file", "", writeString("config: {}\n"), true, "", "config: {}\n"},
		{"failure mid-way leaves nothing", "", func(w io.Writer) error {
			_, _ = io.WriteString(w, "config:\n  half")
			return errDisk
		}, true, "disk full", ""},
		{"never replaces an existing environment", "original\n", writeString("new\n"), true, "file already exists", "original\n"},
		{"discarded (error or interrupt before commit) leaves nothing", "", writeString("config: {}\n"), false, "", ""},
		{"discarded leaves an existing file alone", "original\n", writeString("new\n"), false, "", "original\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "Pulumi.x.yaml")
			if tc.existing != "" {
				if err := os.WriteFile(target, []byte(tc.existing), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			st, err := Stage(target, tc.write)
			if err == nil {
				if _, serr := os.Stat(target); tc.existing == "" && serr == nil {
					t.Error("the target is visible before Commit")
				}
				if tc.commit {
					err = st.Commit()
				}
				st.Discard() // always safe; a no-op after Commit
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			got, rerr := os.ReadFile(target)
			switch {
			case tc.want == "" && rerr == nil:
				t.Errorf("target exists with %q, want no file", got)
			case tc.want != "" && string(got) != tc.want:
				t.Errorf("target = %q (%v), want %q", got, rerr, tc.want)
			}
			if left := StagedFiles(dir); len(left) != 0 {
				t.Errorf("staged files left behind: %v (dir: %v)", left, dirEntries(t, dir))
			}
			want := 0
			if tc.want != "" {
				want = 1
			}
			if n := len(dirEntries(t, dir)); n != want {
				t.Errorf("%d files in the directory, want %d: %v", n, want, dirEntries(t, dir))
			}
		})
	}
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestStagedFileIsCompleteAndReadable(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "Pulumi.x.yaml")
	st, err := Stage(target, writeString("config: {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Discard()
	if filepath.Dir(st.Path()) != dir || !strings.HasPrefix(filepath.Base(st.Path()), TempPrefix) {
		t.Errorf("staged at %s, want a hidden file in %s", st.Path(), dir)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml")); len(m) != 0 {
		t.Errorf("staged file looks like an environment: %v", m)
	}
	data, err := os.ReadFile(st.Path())
	if err != nil || string(data) != "config: {}\n" {
		t.Errorf("staged content = %q, %v", data, err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err == nil {
		t.Error("second Commit succeeded")
	}
	fi, err := os.Stat(target)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("committed file: %v, %v", fi, err)
	}
}

func TestStageInMissingDirectory(t *testing.T) {
	_, err := Stage(filepath.Join(t.TempDir(), "nope", "Pulumi.x.yaml"), writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "staging ") {
		t.Errorf("err = %v", err)
	}
}
