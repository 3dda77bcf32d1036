package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

func init() {
	register(
		&Policy{
			Name:        "required-tags",
			Description: "Every taggable resource carries the platform's required tags (tier profile: RequiredTags) with non-empty values; environment, game and tier name the environment's own.",
			Category:    Governance,
			Resource:    checkTags,
		},
		&Policy{
			Name:        "allowed-regions",
			Description: "Resources are deployed only to the tier's allowed regions (tier profile: AllowedRegions); global services use \"global\".",
			Category:    Governance,
			Resource:    checkRegion,
		},
		&Policy{
			Name:        "allowed-vm-sizes",
			Description: "AKS node pools use VM sizes from the tier's allow-list (tier profile: VMSizes).",
			Category:    Governance,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkVMSizes,
		},
		&Policy{
			Name:        "node-count-cap",
			Description: "No AKS node pool may grow past the tier's cap (tier profile: MaxNodesPerPool).",
			Category:    Governance,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkNodeCap,
		},
		&Policy{
			Name:        "naming-convention",
			Description: "Named Azure resources follow the platform convention: lowercase, and carrying the game and environment (<abbr>-<game>-<env>[-<region>], or the compact form for alphanumeric-only kinds).",
			Category:    Governance,
			Types:       namedTypes(),
			Resource:    checkNaming,
		},
	)
}

// taggable reports whether a type takes tags (its catalogue entry says Taggable): a
// resource of such a type without a tags input is a violation. Any other Azure
// resource with a tags input is checked too; tags are an Azure notion, so
// resources of other providers (Kubernetes, Helm, providers) are not judged.
func taggable(typ string) bool {
	e, ok := catalog.Lookup(typ)
	return ok && e.Taggable
}

func checkTags(e *Env, r *Resource, rep *Reporter) {
	if !r.Custom || !catalog.IsAzure(r.Type) {
		return
	}
	required := e.Profile(r).RequiredTags
	tags, st := r.tags()
	switch st {
	case unknown:
		rep.Undecided("%s: tags are unknown at preview, so the required tags %v cannot be confirmed", r.label(), required)
		return
	case missing:
		if _, has := r.Inputs["tags"]; !has && !taggable(r.Type) {
			return
		}
		rep.Report("%s: has no tags; expected the required tags %v", r.label(), required)
		return
	}
	var absent, opaque []string
	for _, k := range required {
		v, ok := tags[k]
		switch {
		case !ok || v == nil:
			absent = append(absent, k)
		case isOpaque(v):
			opaque = append(opaque, k)
		default:
			if s, _ := v.(string); strings.TrimSpace(s) == "" {
				absent = append(absent, k)
			}
		}
	}
	if len(absent) > 0 {
		rep.Report("%s: missing required tag(s) %v; expected every one of %v with a non-empty value", r.label(), absent, required)
	}
	// The tags that name the environment must name this one: a prod resource tagged
	// environment=dev or tier=dev is billed and reported as something it is not. The
	// tier a resource is judged in is the stack's (TierOf), never its tag, so a tag
	// claiming another tier is reported here rather than believed.
	for _, k := range []struct{ key, want string }{{"environment", e.Stack}, {"game", e.Game}, {"tier", string(e.EnforcementTier())}} {
		v, ok := tags[k.key]
		s, isStr := v.(string)
		if k.want == "" || !ok || !isStr || isOpaque(s) || strings.TrimSpace(s) == "" || !contains(required, k.key) {
			continue
		}
		if s != k.want {
			rep.Report("%s: tag %s is %q; expected %q (the environment's own)", r.label(), k.key, s, k.want)
		}
	}
	if len(opaque) > 0 {
		rep.Undecided("%s: tag(s) %v are unknown at preview, so they cannot be confirmed non-empty", r.label(), opaque)
	}
}

func checkRegion(e *Env, r *Resource, rep *Reporter) {
	v, st := r.get("location")
	if st == missing || !catalog.IsAzure(r.Type) {
		return
	}
	tier := e.TierOf(r)
	allowed := e.Profile(r).AllowedRegions
	if st == unknown {
		rep.Undecided("%s: location is unknown at preview; expected one of the %s regions %v", r.label(), tier, allowed)
		return
	}
	s, _ := asString(v)
	loc := spec.NormalizeRegion(s)
	if loc == "global" || contains(allowed, loc) {
		return
	}
	rep.Report("%s: location %q is not allowed for %s; expected one of %v", r.label(), s, tier, allowed)
}

func checkVMSizes(e *Env, r *Resource, rep *Reporter) {
	tier := e.TierOf(r)
	allowed := e.Profile(r).VMSizes
	for _, p := range pools(r) {
		v, st := p.get("vmSize")
		switch st {
		case unknown:
			rep.Undecided("%s: %s vmSize is unknown at preview; expected one of the %s sizes %v", r.label(), p.path, tier, allowed)
		case missing:
			rep.Report("%s: %s sets no vmSize (Azure would pick one); expected one of the %s sizes %v", r.label(), p.path, tier, allowed)
		default:
			s, _ := asString(v)
			if !contains(allowed, s) {
				rep.Report("%s: %s vmSize %q is not allowed for %s; expected one of %v", r.label(), p.path, s, tier, allowed)
			}
		}
	}
}

func checkNodeCap(e *Env, r *Resource, rep *Reporter) {
	tier := e.TierOf(r)
	limit := float64(e.Profile(r).MaxNodesPerPool)
	for _, p := range pools(r) {
		_, hi, st := p.nodeCounts()
		switch st {
		case unknown:
			rep.Undecided("%s: %s node count is unknown at preview; expected at most %g nodes in %s", r.label(), p.path, limit, tier)
		case present:
			if hi > limit {
				rep.Report("%s: %s can grow to %g nodes; expected at most %g in %s (split the pool or raise the tier profile's MaxNodesPerPool)", r.label(), p.path, hi, limit, tier)
			}
		}
	}
}

// namedKind is where a type's physical name is and which convention it follows:
// the resource-type catalogue's NameInput and Naming (the one place that knows a
// type's names).
type namedKind struct {
	key     string
	compact bool
}

// namedKinds are the types the naming convention covers, from the catalogue.
var namedKinds = func() map[string]namedKind {
	out := map[string]namedKind{}
	for _, e := range catalog.Entries() {
		if e.Naming != catalog.NameUnchecked {
			out[e.Type] = namedKind{key: e.NameInput, compact: e.Naming == catalog.NameCompact}
		}
	}
	return out
}()

func namedTypes() []string {
	out := make([]string, 0, len(namedKinds))
	for t := range namedKinds {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

var (
	hyphenatedName = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	compactName    = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	nonAlnum       = regexp.MustCompile(`[^a-z0-9]`)
)

func checkNaming(e *Env, r *Resource, rep *Reporter) {
	kind := namedKinds[r.Type]
	v, st := r.get(kind.key)
	switch st {
	case unknown:
		rep.Undecided("%s: %s is unknown at preview, so the naming convention cannot be checked", r.label(), kind.key)
		return
	case missing:
		rep.Report("%s: %s is not set (Azure would get an auto-generated name); expected an explicit name following the platform convention", r.label(), kind.key)
		return
	}
	name, _ := asString(v)
	game, env := e.Game, e.Stack
	if game == "" {
		game = r.tag("game")
	}
	if env == "" {
		env = r.tag("environment")
	}
	if kind.compact {
		if !compactName.MatchString(name) {
			rep.Report("%s: %s %q is not lowercase alphanumeric; expected the compact form <abbr><game><env><hash>", r.label(), kind.key, name)
			return
		}
		// Length-limited kinds may truncate: require the game's first 8 characters.
		g := nonAlnum.ReplaceAllString(strings.ToLower(game), "")
		if len(g) > 8 {
			g = g[:8]
		}
		if g != "" && !strings.Contains(name, g) {
			rep.Report("%s: %s %q does not carry the game %q; expected the compact form <abbr><game><env><hash>", r.label(), kind.key, name, game)
		}
		return
	}
	if !hyphenatedName.MatchString(name) {
		rep.Report("%s: %s %q is not lowercase letters, digits and hyphens; expected <abbr>-<game>-<env>[-<region>]", r.label(), kind.key, name)
		return
	}
	if r.Type == TypeKeyVault {
		// Vault names are 24 characters at most: the convention shortens the game
		// and environment the one way naming.KeyVaultParts does.
		game, env = naming.KeyVaultParts(strings.ToLower(game), strings.ToLower(env))
	}
	segs := "-" + name + "-"
	var lacks []string
	if game != "" && !strings.Contains(segs, "-"+strings.ToLower(game)+"-") {
		lacks = append(lacks, fmt.Sprintf("game %q", game))
	}
	if env != "" && !strings.Contains(segs, "-"+strings.ToLower(env)+"-") {
		lacks = append(lacks, fmt.Sprintf("environment %q", env))
	}
	if len(lacks) > 0 {
		rep.Report("%s: %s %q lacks the %s; expected <abbr>-<game>-<env>[-<region>]", r.label(), kind.key, name, strings.Join(lacks, " and "))
	}
}
