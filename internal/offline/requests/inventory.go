package requests

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gameplatform/platform/internal/model/spec"
)

// EnvInfo is what the inventory shows of an environment, read from its stack config
// without validating it, so an expired (or otherwise invalid) environment is still
// listed — it still runs, and costs, until it is torn down.
type EnvInfo struct {
	Name             string    `json:"name"`
	File             string    `json:"file"`
	Tier             spec.Tier `json:"tier"`
	Studio           string    `json:"studio"`
	Game             string    `json:"game"`
	Regions          []string  `json:"regions"`
	Owners           []string  `json:"owners"`
	CostCenter       string    `json:"costCenter"`
	BudgetMonthlyUSD float64   `json:"budgetMonthlyUSD"`
	ExpiresOn        string    `json:"expiresOn,omitempty"`
}

// Inventory reads every environment (Pulumi.<name>.yaml) in dir, sorted by name.
// Files that cannot be read are returned as errors alongside the others.
func Inventory(dir string) ([]EnvInfo, []error) {
	files, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	sort.Strings(files)
	var out []EnvInfo
	var errs []error
	for _, f := range files {
		sc, err := spec.ReadStackFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, envInfo(f, sc))
	}
	return out, errs
}

func envInfo(file string, sc *spec.StackConfig) EnvInfo {
	get := func(key string) string { return sc.Values[spec.Namespace+":"+key] }
	e := EnvInfo{
		Name:       strings.TrimSuffix(strings.TrimPrefix(filepath.Base(file), "Pulumi."), ".yaml"),
		File:       file,
		Tier:       spec.Tier(get("tier")),
		Studio:     get("studio"),
		Game:       get("game"),
		CostCenter: get("costCenter"),
		ExpiresOn:  get("expiresOn"),
		Regions:    []string{},
		Owners:     []string{},
	}
	_ = json.Unmarshal([]byte(get("owners")), &e.Owners)
	_ = json.Unmarshal([]byte(get("budgetMonthlyUSD")), &e.BudgetMonthlyUSD)
	var regions []struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal([]byte(get("regions")), &regions)
	for _, r := range regions {
		e.Regions = append(e.Regions, r.Name)
	}
	if e.Owners == nil {
		e.Owners = []string{}
	}
	return e
}

// Expiry returns the environment's last day, and false when it has none (or it is
// not a date).
func (e EnvInfo) Expiry() (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, e.ExpiresOn)
	return t, err == nil
}

// Expired reports whether an ephemeral environment is past its last day on day now
// (spec.ExpiredOn: prod environments never expire).
func (e EnvInfo) Expired(now time.Time) bool {
	return spec.ExpiredOn(e.Tier, e.ExpiresOn, now)
}
