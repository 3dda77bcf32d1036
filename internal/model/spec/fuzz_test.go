package spec

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzStackFile feeds arbitrary documents to the stack-config loader, the way both
// the offline plan (ParseStackFile, FromConfig) and the program under `pulumi up`
// (FromConfig on the engine's values) read them: it must never panic, every
// rejection must be a *ConfigError naming the file made of field errors, and a spec
// it accepts must size without error.
func FuzzStackFile(f *testing.F) {
	files, _ := filepath.Glob("../../../environments/Pulumi.*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(goodFile))
	f.Add([]byte(threeRegions))
	f.Add([]byte(threeRegions + "  game-platform:cdn: {patchCacheSeconds: 0, rateLimitPerMinute: 9223372036854775807}\n"))
	f.Add([]byte(region(1, "peakPlayers: 100", "peakPlayers: 9223372036854775807, playersPerServer: 1, vcpuPerServer: 1e-300")))
	f.Add([]byte(threeRegions + "  game-platform:expiresOn: 2026-12-16\n  game-platform:tags: {a: .inf, 1: [x]}\n"))
	f.Add([]byte("config:\n  a: &x [*x]\n  game-platform:regions: [1, null, {name: 3}]\n"))
	f.Add([]byte("config:\n  game-platform:owners: [a\n\t- b\n"))
	const source = "environments/Pulumi.fuzz.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseStackFile(source, data)
		if err == nil {
			var s *Spec
			s, err = FromConfig("fuzz", source, sc.Values, testNow)
			if err == nil {
				if _, serr := s.Sizing(); serr != nil {
					t.Fatalf("accepted spec does not size: %v", serr)
				}
				return
			}
		}
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("error is %T, want *ConfigError: %v", err, err)
		}
		if ce.Source != source || len(ce.Errs) == 0 {
			t.Fatalf("ConfigError source %q with %d problems", ce.Source, len(ce.Errs))
		}
		for _, e := range ce.Errs {
			var fe *FieldError
			if !errors.As(e, &fe) || fe.Msg == "" {
				t.Fatalf("problem %T %q is not a field error with a message", e, e)
			}
		}
	})
}
