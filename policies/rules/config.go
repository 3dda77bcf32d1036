package rules

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/spec"
)

// Level is a policy's enforcement level.
type Level string

// The enforcement levels.
const (
	Mandatory Level = "mandatory"
	Advisory  Level = "advisory"
	Disabled  Level = "disabled"
)

// Levels lists the valid levels.
var Levels = []Level{Mandatory, Advisory, Disabled}

// TierLevels is a level per tier.
type TierLevels map[spec.Tier]Level

// Config is the pack's configuration: enforcement per category and tier and
// per-policy overrides. What the rules compare against per tier (allow-lists, caps,
// SKUs, retention) is the tier profile, internal/model/tier; the levels here are a
// copy of the profiles' advisory categories and policies in the pack's own format,
// which a test keeps equal.
type Config struct {
	Categories map[Category]TierLevels `yaml:"categories"`
	Policies   map[string]TierLevels   `yaml:"policies"`
}

// ConfigFile is the embedded configuration's path in the repository.
const ConfigFile = "policies/rules/enforcement.yaml"

//go:embed enforcement.yaml
var shippedConfig []byte

var (
	defaultOnce sync.Once
	defaultCfg  *Config
	defaultErr  error
)

// DefaultConfig returns the shipped configuration (enforcement.yaml). It is parsed
// and validated once; callers must not modify it.
func DefaultConfig() (*Config, error) {
	defaultOnce.Do(func() {
		defaultCfg, defaultErr = LoadConfig(shippedConfig, ConfigFile)
	})
	return defaultCfg, defaultErr
}

// LoadConfig parses and validates a configuration; every problem is reported at
// once, each naming the source and the field.
func LoadConfig(data []byte, source string) (*Config, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if errs := c.validate(); len(errs) > 0 {
		lines := make([]string, len(errs))
		for i, e := range errs {
			lines[i] = "  " + source + ": " + e
		}
		return nil, fmt.Errorf("%s: %d problem(s)\n%s", source, len(errs), strings.Join(lines, "\n"))
	}
	return &c, nil
}

func validLevel(l Level) bool {
	for _, v := range Levels {
		if v == l {
			return true
		}
	}
	return false
}

func (c *Config) validate() []string {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	checkLevels := func(path string, tl TierLevels, complete bool) {
		for t, l := range tl {
			if !validTier(t) {
				add("%s: unknown tier %q (dev, staging, prod)", path, t)
			}
			if !validLevel(l) {
				add("%s.%s: unknown level %q (mandatory, advisory, disabled)", path, t, l)
			}
		}
		if complete {
			for _, t := range spec.Tiers {
				if _, ok := tl[t]; !ok {
					add("%s.%s: missing (every tier needs a level)", path, t)
				}
			}
		}
	}
	for cat, tl := range c.Categories {
		if !validCategory(cat) {
			add("categories.%s: unknown category (%s)", cat, categoryNames())
		}
		checkLevels("categories."+string(cat), tl, true)
	}
	for _, cat := range Categories {
		if _, ok := c.Categories[cat]; !ok {
			add("categories.%s: missing", cat)
		}
	}
	known := map[string]bool{}
	for _, p := range All() {
		known[p.Name] = true
	}
	for name, tl := range c.Policies {
		if !known[name] {
			add("policies.%s: unknown policy (see `platform policy list`)", name)
		}
		checkLevels("policies."+name, tl, false)
	}
	sort.Strings(errs)
	return errs
}

func validTier(t spec.Tier) bool { return t.Valid() }

// Level returns a policy's enforcement level in a tier.
func (c *Config) Level(p *Policy, tier spec.Tier) Level {
	if tl, ok := c.Policies[p.Name]; ok {
		if l, ok := tl[tier]; ok {
			return l
		}
	}
	if l, ok := c.Categories[p.Category][tier]; ok {
		return l
	}
	return Mandatory
}

func contains[T comparable](list []T, v T) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}
