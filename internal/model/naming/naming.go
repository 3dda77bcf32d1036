// Package naming is the one place that knows Azure's name rules and the platform's
// naming convention: <abbreviation>-<game>-<environment>[-<region code>], with the
// alphanumeric-only, globally unique kinds (storage, registry, key vault) shortened
// and suffixed with a stable hash of the environment identity.
package naming

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// Identity is what makes an environment's names unique.
type Identity struct {
	Studio, Game, Env string
}

// Azure name limits, each with a boundary test.
const (
	MaxResourceGroup     = 90
	MaxStorageAccount    = 24
	MinStorageAccount    = 3
	MaxKeyVault          = 24
	MinKeyVault          = 3
	MaxContainerRegistry = 50
	MinContainerRegistry = 5
	MaxAKSName           = 63
	MaxDNSPrefix         = 54
)

var nonAlnum = regexp.MustCompile(`[^a-z0-9]`)

// hash4 is a short stable suffix derived from the whole identity.
func (id Identity) hash4() string {
	sum := sha256.Sum256([]byte(id.Studio + "/" + id.Game + "/" + id.Env))
	return hex.EncodeToString(sum[:])[:4]
}

// Regional returns "<abbr>-<game>-<env>-<region code>" (or without the region code
// when code is empty), e.g. "rg-starfall-prod-jpe".
func (id Identity) Regional(abbr, code string) string {
	parts := []string{abbr, id.Game, id.Env}
	if code != "" {
		parts = append(parts, code)
	}
	return strings.Join(parts, "-")
}

// ResourceGroup names a resource group; code "" is the environment's global group.
func (id Identity) ResourceGroup(code string) string {
	if code == "" {
		code = "global"
	}
	return truncate(id.Regional("rg", code), MaxResourceGroup)
}

// compact builds an alphanumeric-only name of at most max characters:
// prefix + game + env, shortened as needed, + a 4-character hash.
func (id Identity) compact(prefix string, max int) string {
	body := nonAlnum.ReplaceAllString(strings.ToLower(id.Game+id.Env), "")
	room := max - len(prefix) - 4
	if len(body) > room {
		body = body[:room]
	}
	return prefix + body + id.hash4()
}

// StorageAccount returns a globally unique storage account name: 3-24 lowercase
// letters and digits.
func (id Identity) StorageAccount(purpose string) string {
	return id.compact("st"+purpose, MaxStorageAccount)
}

// ContainerRegistry returns a registry name: 5-50 alphanumerics.
func (id Identity) ContainerRegistry() string {
	return id.compact("acr", MaxContainerRegistry)
}

// ContainerRegistryLoginServer returns the registry's login server in Azure's public
// cloud: its name under azurecr.io (Azure lowercases it; names are lowercase
// already). Known before the registry exists, so images can name it at preview.
func (id Identity) ContainerRegistryLoginServer() string {
	return id.ContainerRegistry() + ".azurecr.io"
}

// KeyVault returns a vault name: 3-24 letters, digits and single hyphens, starting
// with a letter: "kv-<game>-<env>-<hash>", with game and env shortened by
// KeyVaultParts when they do not fit. The hash of the whole identity keeps shortened
// names unique.
func (id Identity) KeyVault() string {
	g, e := KeyVaultParts(id.Game, id.Env)
	return "kv-" + g + "-" + e + "-" + id.hash4()
}

// keyVaultRoom is what a vault name leaves for the game and environment parts:
// MaxKeyVault less "kv-", the two separators and the 4-character hash.
const keyVaultRoom = MaxKeyVault - len("kv-") - 2 - 4

// KeyVaultParts returns the game and environment as a vault name carries them: whole
// when both fit, else shortened deterministically — the environment keeps at least
// half the room (it tells a game's vaults apart), the game the rest — and never
// ending in '-'. The naming policy expects exactly these parts.
func KeyVaultParts(game, env string) (string, string) {
	if len(game)+len(env) <= keyVaultRoom {
		return game, env
	}
	el := min(len(env), max(keyVaultRoom-len(game), keyVaultRoom/2))
	gl := min(len(game), keyVaultRoom-el)
	return strings.TrimRight(game[:gl], "-"), strings.TrimRight(env[:el], "-")
}

// ValidStorageAccount checks Azure's storage account name rule.
func ValidStorageAccount(n string) error {
	if len(n) < MinStorageAccount || len(n) > MaxStorageAccount || nonAlnum.MatchString(n) {
		return fmt.Errorf("storage account name %q must be %d-%d lowercase letters and digits", n, MinStorageAccount, MaxStorageAccount)
	}
	return nil
}

var kvRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$`)

// ValidKeyVault checks Azure's key vault name rule.
func ValidKeyVault(n string) error {
	if len(n) < MinKeyVault || len(n) > MaxKeyVault || !kvRE.MatchString(n) || strings.Contains(n, "--") {
		return fmt.Errorf("key vault name %q must be %d-%d letters, digits and single hyphens, starting with a letter", n, MinKeyVault, MaxKeyVault)
	}
	return nil
}

// ValidContainerRegistry checks Azure's container registry name rule.
func ValidContainerRegistry(n string) error {
	if len(n) < MinContainerRegistry || len(n) > MaxContainerRegistry || nonAlnum.MatchString(n) {
		return fmt.Errorf("registry name %q must be %d-%d lowercase letters and digits", n, MinContainerRegistry, MaxContainerRegistry)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(s[:n], "-")
}
