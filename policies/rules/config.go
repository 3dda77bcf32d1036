package rules

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/field"
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
	if err := c.validate().In(source); err != nil {
		return nil, err
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

func (c *Config) validate() field.ErrorList {
	var errs field.ErrorList
	add := errs.Add
	checkLevels := func(path *field.Path, tl TierLevels, complete bool) {
		for t, l := range tl {
			if !t.Valid() {
				add(path.String(), "unknown tier %q (dev, staging, prod)", t)
			}
			if !validLevel(l) {
				add(path.Child(string(t)).String(), "unknown level %q (mandatory, advisory, disabled)", l)
			}
		}
		if complete {
			for _, t := range spec.Tiers {
				if _, ok := tl[t]; !ok {
					add(path.Child(string(t)).String(), "missing (every tier needs a level)")
				}
			}
		}
	}
	for cat, tl := range c.Categories {
		if !validCategory(cat) {
			add(field.NewPath("categories", string(cat)).String(), "unknown category (%s)", categoryNames())
		}
		checkLevels(field.NewPath("categories", string(cat)), tl, true)
	}
	for _, cat := range Categories {
		if _, ok := c.Categories[cat]; !ok {
			add(field.NewPath("categories", string(cat)).String(), "missing")
		}
	}
	known := map[string]bool{}
	for _, p := range All() {
		known[p.Name] = true
	}
	for name, tl := range c.Policies {
		if !known[name] {
			add(field.NewPath("policies", name).String(), "unknown policy (see `platform policy list`)")
		}
		checkLevels(field.NewPath("policies", name), tl, false)
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errs
}

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
