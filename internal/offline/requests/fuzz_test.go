package requests

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/gameplatform/platform/internal/model/spec"
)

// FuzzParseRequest feeds arbitrary documents to the request parser and checker: they
// must never panic, and every rejection must be a *spec.ConfigError naming the file,
// made of field errors.
func FuzzParseRequest(f *testing.F) {
	files, _ := filepath.Glob("../../../environments/requests/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(base))
	f.Add([]byte("environment: x\nregions: [{name: japaneest, peakPlayers: -1}, 3, null]\nowners: {a: b}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("? [a, b]\n: c\n"))
	f.Add([]byte("peakPlayers: 1e400\nplayersPerServer: 0x10\nexpiresOn: 2026-02-30\n"))
	f.Add([]byte("--- 1\n--- 2\n"))
	f.Add([]byte("regions:\n  - name: westeurope\n    peakPlayers: 9223372036854775807\nplayersPerServer: 1\nvcpuPerServer: 1e-300\n"))
	const source = "environments/requests/fuzz.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, check := range []func() error{
			func() error { _, err := ParseRequest(source, data); return err },
			func() error { _, err := Check(source, data, Context{Now: testNow}); return err },
		} {
			err := check()
			if err == nil {
				continue
			}
			var ce *spec.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error is %T, want *spec.ConfigError: %v", err, err)
			}
			if ce.Source != source || len(ce.Errs) == 0 {
				t.Fatalf("ConfigError source %q with %d problems", ce.Source, len(ce.Errs))
			}
			for _, e := range ce.Errs {
				var fe *spec.FieldError
				if !errors.As(e, &fe) || fe.Msg == "" {
					t.Fatalf("problem %T %q is not a field error with a message", e, e)
				}
			}
		}
	})
}
