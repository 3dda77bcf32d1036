package review

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Environment is a stack known to the repository, with the tier that orders
// deployments (prod last).
type Environment struct {
	Name string
	Tier string
	// ExpiresOn is the environment's last day (YYYY-MM-DD), empty when it has none.
	ExpiresOn string
	// Request is the request file of an environment that only a request describes
	// so far (not generated yet); empty for a configured stack.
	Request string
}

// programPaths are the paths whose change can alter every environment's plan: the
// program, its components and composition, the policy pack, the engine and models
// behind the plan, and the module's dependencies. Anything else (docs, the CLI's
// commands, workflows, the review renderer) changes no environment.
var programPaths = []string{
	"components/",
	"stacks/",
	"policies/",
	"internal/",
	"main.go",
	"go.mod",
	"go.sum",
	"Pulumi.yaml",
}

// notProgramPaths are exceptions to programPaths.
var notProgramPaths = []string{
	"internal/offline/review/",
}

// Affected returns the environments a set of changed files (repository-relative,
// slash-separated) touches, in deployment order: by tier (dev, staging, then prod
// last), then by name.
//
//   - environments/Pulumi.<env>.yaml → that environment;
//   - environments/requests/<env>.yaml → the environment the request produces;
//   - the program, components, policies, engine or dependencies → every environment.
//
// Environments that no longer exist (a deleted stack file) are not listed: there is
// nothing to plan on head.
func Affected(changed []string, envs []Environment) []string {
	hit := map[string]bool{}
	all := false
	for _, f := range changed {
		f = path.Clean(strings.TrimPrefix(filepath.ToSlash(strings.TrimSpace(f)), "./"))
		if f == "." || f == "" {
			continue
		}
		if env, ok := stackFileEnv(f); ok {
			hit[env] = true
			continue
		}
		if rest, ok := strings.CutPrefix(f, "environments/requests/"); ok && !strings.Contains(rest, "/") {
			hit[strings.TrimSuffix(strings.TrimSuffix(rest, ".yaml"), ".yml")] = true
			continue
		}
		if isProgramPath(f) {
			all = true
		}
	}
	var out []Environment
	for _, e := range envs {
		if all || hit[e.Name] {
			out = append(out, e)
		}
	}
	SortForDeploy(out)
	var names []string
	for _, e := range out {
		names = append(names, e.Name)
	}
	return names
}

func stackFileEnv(f string) (string, bool) {
	rest, ok := strings.CutPrefix(f, "environments/Pulumi.")
	if !ok || strings.Contains(rest, "/") {
		return "", false
	}
	env, ok := strings.CutSuffix(rest, ".yaml")
	return env, ok && env != ""
}

func isProgramPath(f string) bool {
	for _, p := range notProgramPaths {
		if strings.HasPrefix(f, p) {
			return false
		}
	}
	for _, p := range programPaths {
		if f == p || strings.HasSuffix(p, "/") && strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// SortForDeploy orders environments by tier (tier.DeployRank: unknown tiers between
// staging and prod, so prod is always last), then by name.
func SortForDeploy(envs []Environment) {
	rank := tier.DeployRank
	sort.SliceStable(envs, func(i, j int) bool {
		ri, rj := rank(envs[i].Tier), rank(envs[j].Tier)
		if ri != rj {
			return ri < rj
		}
		return envs[i].Name < envs[j].Name
	})
}

// EnvironmentsIn lists the stacks configured in a stack config directory with their
// tiers. A file that cannot be read is still listed (its plan will report why).
func EnvironmentsIn(dir string) []Environment {
	files, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	var out []Environment
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml")
		e := Environment{Name: name}
		if sc, err := spec.ReadStackFile(f); err == nil {
			e.Tier = sc.Values[spec.Namespace+":tier"]
			e.ExpiresOn = sc.Values[spec.Namespace+":expiresOn"]
		}
		out = append(out, e)
	}
	SortForDeploy(out)
	return out
}
