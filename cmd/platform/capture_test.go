package main

import (
	"os"
	"path/filepath"
	"testing"
)

// capture runs f with os.Stdout and os.Stderr redirected and returns what it wrote
// to each. Files, not pipes: a pipe nobody reads while f runs blocks f once a large
// output (a plan's JSON or tree) fills the pipe's buffer, and reading it concurrently
// would need a goroutine.
func capture(t *testing.T, f func()) (stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	outF, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	errF, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = outF, errF
	defer func() { os.Stdout, os.Stderr = oldOut, oldErr }()
	f()
	outF.Close()
	errF.Close()
	return string(mustRead(t, outF.Name())), string(mustRead(t, errF.Name()))
}

// captureStdout runs f and returns what it wrote to os.Stdout.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	out, _ := capture(t, f)
	return out
}

// captureStderr runs f and returns what it wrote to os.Stderr.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	_, errOut := capture(t, f)
	return errOut
}

// runCapture runs the CLI with args and returns its exit code and output.
func runCapture(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	stdout, stderr = capture(t, func() { code = run(args) })
	return code, stdout, stderr
}
