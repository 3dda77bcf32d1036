package naming

import (
	"strings"
	"testing"
)

func TestCompactNamesRespectAzureRules(t *testing.T) {
	ids := []Identity{
		{"nebula", "starfall", "dev"},
		{"a-very-long-studio", "an-extremely-long-game", "playtest-weekend-01"},
	}
	for _, id := range ids {
		if err := ValidStorageAccount(id.StorageAccount("patch")); err != nil {
			t.Error(err)
		}
		if err := ValidKeyVault(id.KeyVault()); err != nil {
			t.Error(err)
		}
		if err := ValidContainerRegistry(id.ContainerRegistry()); err != nil {
			t.Error(err)
		}
	}
}

func TestNamesAreStableAndDistinct(t *testing.T) {
	a := Identity{"nebula", "starfall", "dev"}
	b := Identity{"nebula", "starfall", "staging"}
	if a.StorageAccount("p") != a.StorageAccount("p") {
		t.Fatal("storage name not deterministic")
	}
	if a.StorageAccount("p") == b.StorageAccount("p") || a.KeyVault() == b.KeyVault() {
		t.Fatal("different environments must get different global names")
	}
	if got := a.ResourceGroup("jpe"); got != "rg-starfall-dev-jpe" {
		t.Fatalf("ResourceGroup = %q", got)
	}
	if got := a.ResourceGroup(""); got != "rg-starfall-dev-global" {
		t.Fatalf("global ResourceGroup = %q", got)
	}
}

func TestStorageAccountBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"ab", false}, {"abc", true},
		{strings.Repeat("a", 24), true}, {strings.Repeat("a", 25), false},
		{"has-dash", false}, {"UPPER", false},
	} {
		if err := ValidStorageAccount(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidStorageAccount(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestKeyVaultBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"kv", false}, {"kvx", true},
		{"k" + strings.Repeat("a", 23), true}, {"k" + strings.Repeat("a", 24), false},
		{"1kv", false}, {"kv-", false}, {"kv--x", false},
	} {
		if err := ValidKeyVault(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidKeyVault(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestContainerRegistryBoundary(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"abcd", false}, {"abcde", true},
		{strings.Repeat("a", 50), true}, {strings.Repeat("a", 51), false},
	} {
		if err := ValidContainerRegistry(tc.name); (err == nil) != tc.ok {
			t.Errorf("ValidContainerRegistry(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestKeyVaultShortensGameAndEnvironmentDeterministically(t *testing.T) {
	for _, tc := range []struct {
		game, env, wantG, wantE string
	}{
		{"starfall", "prod", "starfall", "prod"},
		{"starfall", "season3", "starfall", "season3"},        // 15: fits whole
		{"starfall", "season3-launch", "starfall", "season3"}, // env keeps half the room, '-' trimmed
		{"abc", "a-very-long-env-name", "abc", "a-very-long"}, // the game is short: env gets the rest
		{strings.Repeat("g", 20), "dev", "gggggggggggg", "dev"},
	} {
		g, e := KeyVaultParts(tc.game, tc.env)
		if g != tc.wantG || e != tc.wantE {
			t.Errorf("KeyVaultParts(%q, %q) = %q, %q; want %q, %q", tc.game, tc.env, g, e, tc.wantG, tc.wantE)
		}
		n := Identity{"s", tc.game, tc.env}.KeyVault()
		if err := ValidKeyVault(n); err != nil || !strings.HasPrefix(n, "kv-"+g+"-"+e+"-") {
			t.Errorf("KeyVault = %q (%v)", n, err)
		}
	}
}
