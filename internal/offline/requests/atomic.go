package requests

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the name of every staged file: hidden, and never matching the
// Pulumi.<stack>.yaml pattern, so no tool mistakes a staged file for an environment.
const TempPrefix = ".staged-"

// Staged is a file written in full next to its final path but not yet visible under
// it. Commit makes it appear atomically; Discard removes it. Either way, a reader of
// the final path sees the whole file or nothing.
type Staged struct {
	tmp, final string
	done       bool
}

// Stage writes a new file for final in final's directory with write, flushed to disk.
// On any error nothing is left behind.
func Stage(final string, write func(io.Writer) error) (*Staged, error) {
	dir := filepath.Dir(final)
	f, err := os.CreateTemp(dir, TempPrefix+filepath.Base(final)+"-*")
	if err != nil {
		return nil, fmt.Errorf("staging %s: %w", final, err)
	}
	s := &Staged{tmp: f.Name(), final: final}
	werr := write(f)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr != nil {
		s.Discard()
		return nil, fmt.Errorf("staging %s: %w", final, werr)
	}
	return s, nil
}

// Path is the staged file's (temporary) path: readable, for checks before Commit.
func (s *Staged) Path() string { return s.tmp }

// ErrExists is returned by Commit when the final path already exists.
var ErrExists = errors.New("file already exists")

// Commit publishes the staged file under its final path, refusing to replace an
// existing file (a hard link is created atomically or not at all), and removes the
// temporary name.
func (s *Staged) Commit() error {
	if s.done {
		return fmt.Errorf("internal error: %s committed or discarded twice", s.final)
	}
	s.done = true
	defer os.Remove(s.tmp)
	if err := os.Link(s.tmp, s.final); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("writing %s: %w", s.final, ErrExists)
		}
		// Filesystems without hard links: check, then rename (atomic, but a file
		// created in between would be replaced).
		if _, serr := os.Lstat(s.final); serr == nil {
			return fmt.Errorf("writing %s: %w", s.final, ErrExists)
		}
		if rerr := os.Rename(s.tmp, s.final); rerr != nil {
			return fmt.Errorf("writing %s: %w", s.final, rerr)
		}
	}
	syncDir(filepath.Dir(s.final))
	return nil
}

// Discard removes the staged file; the final path is untouched. It is safe to call
// after Commit (it does nothing) and more than once.
func (s *Staged) Discard() {
	if s.done {
		return
	}
	s.done = true
	_ = os.Remove(s.tmp)
}

// WriteNewFile writes data to path atomically, refusing to replace an existing file.
func WriteNewFile(path string, data []byte) error {
	s, err := Stage(path, func(w io.Writer) error { _, err := w.Write(data); return err })
	if err != nil {
		return err
	}
	return s.Commit()
}

// StagedFiles lists leftover staged files in dir (from a process killed outright,
// which no handler can catch); they are safe to delete.
func StagedFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// syncDir flushes a directory entry change to disk; best effort (not every platform
// can fsync a directory).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
