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

// Config is the pack's configuration: enforcement per category and tier, per-policy
// overrides and the settings some rules read (allow-lists, caps).
type Config struct {
	Categories map[Category]TierLevels `yaml:"categories"`
	Policies   map[string]TierLevels   `yaml:"policies"`
	Settings   Settings                `yaml:"settings"`
}

// Settings are the per-tier values rules compare against.
type Settings struct {
	RequiredTags              []string               `yaml:"requiredTags"`
	AllowedRegions            map[spec.Tier][]string `yaml:"allowedRegions"`
	VMSizes                   map[spec.Tier][]string `yaml:"vmSizes"`
	MaxNodesPerPool           map[spec.Tier]int      `yaml:"maxNodesPerPool"`
	SharedKeyDisabledTiers    []spec.Tier            `yaml:"sharedKeyDisabledTiers"`
	BlobSoftDeleteMinDays     map[spec.Tier]int      `yaml:"blobSoftDeleteMinDays"`
	KeyVaultSoftDeleteMinDays map[spec.Tier]int      `yaml:"keyVaultSoftDeleteMinDays"`
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
			if !validTier(t) {
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
	s := c.Settings
	if len(s.RequiredTags) == 0 {
		add("settings.requiredTags", "at least one tag key is required")
	}
	settings := field.NewPath("settings")
	perTierList := func(name string, m map[spec.Tier][]string, catalogue func(string) bool, what string) {
		path := settings.Child(name)
		for _, t := range spec.Tiers {
			if len(m[t]) == 0 {
				add(path.Child(string(t)).String(), "missing or empty")
			}
		}
		for t, vs := range m {
			if !validTier(t) {
				add(path.String(), "unknown tier %q", t)
			}
			for i, v := range vs {
				if !catalogue(v) {
					add(path.Child(string(t)).Index(i).String(), "%q is not in the platform's %s catalogue", v, what)
				}
			}
		}
	}
	perTierList("allowedRegions", s.AllowedRegions, func(v string) bool { _, ok := spec.Regions[v]; return ok }, "region")
	perTierList("vmSizes", s.VMSizes, func(v string) bool { _, ok := spec.VMSizes[v]; return ok }, "VM size")
	perTierInt := func(name string, m map[spec.Tier]int, lo, hi int) {
		path := settings.Child(name)
		for _, t := range spec.Tiers {
			v, ok := m[t]
			if !ok {
				add(path.Child(string(t)).String(), "missing")
				continue
			}
			if v < lo || v > hi {
				add(path.Child(string(t)).String(), "%d is out of range %d-%d", v, lo, hi)
			}
		}
		for t := range m {
			if !validTier(t) {
				add(path.String(), "unknown tier %q", t)
			}
		}
	}
	perTierInt("maxNodesPerPool", s.MaxNodesPerPool, 1, 5000)
	perTierInt("blobSoftDeleteMinDays", s.BlobSoftDeleteMinDays, 1, 365)
	perTierInt("keyVaultSoftDeleteMinDays", s.KeyVaultSoftDeleteMinDays, 7, 90)
	for i, t := range s.SharedKeyDisabledTiers {
		if !validTier(t) {
			add(settings.Child("sharedKeyDisabledTiers").Index(i).String(), "unknown tier %q", t)
		}
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errs
}

func validTier(t spec.Tier) bool {
	for _, v := range spec.Tiers {
		if v == t {
			return true
		}
	}
	return false
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
