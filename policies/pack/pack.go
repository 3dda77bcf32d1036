// Package pack serves the platform's rules (policies/rules) as a Pulumi policy pack
// through policyx: it converts the analyzer's resources (property.Map) to the rules'
// neutral view and reports the rules' findings as policy violations.
//
// The environment comes from the stack's config, which the engine passes when it
// configures the analyzer (ConfigureStack): the tier, regions, game ports, game and
// budget are read with the same loader the program uses (spec.FromConfig). When the
// config is not there (e.g. a pack run outside a stack, or a config that does not
// validate), the tier falls back to each resource's `tier` tag and then to prod, the
// strictest; the enforcement levels are those of that tier. A --policy-pack-config
// file can still override any policy's level, as with every Pulumi policy pack.
package pack

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
	"github.com/gameplatform/platform/internal/offline/recorder"
	"github.com/gameplatform/platform/policies/rules"
)

// New builds the pack for the stack the engine configured (see the package doc).
func New(ctx *pulumi.Context) (policyx.PolicyPack, error) {
	cfg, err := rules.DefaultConfig()
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for key := range spec.ConfigKeys {
		full := spec.Namespace + ":" + key
		if v, ok := ctx.GetConfig(full); ok {
			values[full] = v
		}
	}
	return NewPackAt(cfg, EnvFromConfig(ctx.Stack(), values, time.Now()), ctx.DryRun(), func(msg string) {
		_ = ctx.Log.Warn(msg, nil)
	})
}

// EnvFromConfig builds the rules' environment from a stack's config values
// ("game-platform:tier" → "prod", structured values as JSON). A config that does
// not validate still yields what can be read from it.
func EnvFromConfig(stack string, values map[string]string, now time.Time) *rules.Env {
	if len(values) > 0 {
		if s, err := spec.FromConfig(stack, "stack config", values, now); err == nil {
			return rules.EnvFromSpec(s)
		}
	}
	e := &rules.Env{Stack: stack}
	if t := spec.Tier(values[spec.Namespace+":tier"]); t.Valid() {
		e.Tier = t
	}
	e.Game = values[spec.Namespace+":game"]
	if b, err := strconv.ParseFloat(values[spec.Namespace+":budgetMonthlyUSD"], 64); err == nil {
		e.BudgetMonthlyUSD = b
	}
	return e
}

// NewPack builds the policyx pack of every rule, at the environment's enforcement
// levels from cfg, judging resources as applied (see NewPackAt).
func NewPack(cfg *rules.Config, env *rules.Env) (policyx.PolicyPack, error) {
	return NewPackAt(cfg, env, false, nil)
}

// NewPackAt is NewPack at preview (`pulumi preview`) or at apply. At preview a check
// a rule cannot decide because a value is unknown until apply is not a violation: it
// goes to note (the engine's log, as a warning) and the rule decides at `pulumi up`,
// where such a check is a violation (rules.Decide).
func NewPackAt(cfg *rules.Config, env *rules.Env, preview bool, note func(string)) (policyx.PolicyPack, error) {
	tier := env.EnforcementTier()
	report := func(p *rules.Policy, m policyx.PolicyManager, fs []rules.Finding, preview bool) {
		if !preview {
			fs = rules.Decide(fs)
		}
		for _, f := range fs {
			if !f.Undecided {
				m.ReportViolation(f.Message, f.URN)
				continue
			}
			if note != nil {
				where := f.URN
				if where == "" {
					where = "stack"
				}
				note(fmt.Sprintf("policy %s (%s): %s: %s", p.Name, rules.PackName, where, f.Message))
			}
		}
	}
	var ps []policyx.Policy
	for _, p := range rules.All() {
		p := p
		level := toPolicyx(cfg.Level(p, tier))
		if p.IsStack() {
			ps = append(ps, policyx.NewStackValidationPolicy(p.Name, policyx.StackValidationPolicyArgs{
				Description:      p.Description,
				EnforcementLevel: level,
				ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
					rs := make([]rules.Resource, len(args.Resources))
					for i, ar := range args.Resources {
						rs[i] = FromAnalyzer(ar)
					}
					rules.AttributeRegions(rs)
					e := *env
					if p.Category == rules.Cost && e.CostMonthlyUSD == nil {
						if err := estimateCost(&e, rs); err != nil {
							return err
						}
					}
					report(p, args.Manager, rules.CheckStack(p, &e, rs), preview)
					return nil
				},
			}))
			continue
		}
		if p.Dependencies {
			// The engine's Analyze gives no dependencies; AnalyzeStack does.
			ps = append(ps, policyx.NewStackValidationPolicy(p.Name, policyx.StackValidationPolicyArgs{
				Description:      p.Description,
				EnforcementLevel: level,
				ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
					for _, ar := range args.Resources {
						if !p.AppliesTo(ar.Type) {
							continue
						}
						r := FromAnalyzer(ar)
						report(p, args.Manager, rules.CheckResource(p, env, &r), preview)
					}
					return nil
				},
			}))
			continue
		}
		ps = append(ps, policyx.NewResourceValidationPolicy(p.Name, policyx.ResourceValidationPolicyArgs{
			Description:      p.Description,
			EnforcementLevel: level,
			ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
				if !p.AppliesTo(args.Resource.Type) {
					return nil
				}
				r := FromAnalyzer(args.Resource)
				report(p, args.Manager, rules.CheckResource(p, env, &r), preview || args.DryRun)
				return nil
			},
		}))
	}
	return policyx.NewPolicyPack(rules.PackName, semver.MustParse(rules.PackVersion), policyx.EnforcementLevelMandatory, ps)
}

func toPolicyx(l rules.Level) policyx.EnforcementLevel {
	switch l {
	case rules.Advisory:
		return policyx.EnforcementLevelAdvisory
	case rules.Disabled:
		return policyx.EnforcementLevelDisabled
	}
	return policyx.EnforcementLevelMandatory
}

// FromAnalyzer converts an analyzer resource to the rules' view. Its region is its
// location input (one resource alone says nothing of the program's region
// subtrees; stack policies then attribute regions from the parent chain with
// rules.AttributeRegions).
func FromAnalyzer(ar policyx.AnalyzerResource) rules.Resource {
	inputs := recorder.Plain(ar.Properties)
	r := rules.Resource{Resource: plan.Resource{
		URN:                  ar.URN,
		Type:                 catalog.Resolve(ar.Type, inputs),
		Name:                 ar.Name,
		Parent:               ar.Parent,
		Custom:               !strings.HasPrefix(ar.Type, "gameplatform:") && !strings.HasPrefix(ar.Type, "pulumi:"),
		Inputs:               inputs,
		Protect:              ar.Options.Protect,
		Dependencies:         ar.Dependencies,
		PropertyDependencies: ar.PropertyDependencies,
	}}
	// A custom resource always has inputs (at least its names); none at all means the
	// engine could not evaluate it: in a preview, a resource whose provider's
	// configuration is still unknown (each region's Kubernetes provider before its
	// cluster exists) reaches stack policies without properties.
	r.Opaque = r.Custom && ar.Properties.Len() == 0
	if loc, ok := r.Inputs["location"].(string); ok && loc != rules.Unknown && loc != rules.Secret {
		r.Region = spec.NormalizeRegion(loc)
	}
	return r
}
