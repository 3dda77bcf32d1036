package spec

import (
	"fmt"
	"net/mail"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gameplatform/platform/internal/model/agones"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Limits of the environment model, each enforced with a named validator.
const (
	MinAddressPrefix    = 16 // a region block is at most a /16 …
	MaxAddressPrefix    = 20 // … and at least a /20 (room for node subnets)
	MinGamePort         = 1024
	MaxGamePort         = 65535
	MaxPlayersPerServer = 256
	MaxVCPUPerServer    = 64
	// MinVCPUPerServer is the smallest game server the platform sizes for.
	MinVCPUPerServer = 0.25
	// MaxPeakPlayers bounds a region's demand far above what one cluster holds (5000
	// nodes) at any density the VM catalogue allows; it keeps the sizing arithmetic
	// in range before the capacity model says how much fits.
	MaxPeakPlayers = 10_000_000
	// MaxBudgetMonthlyUSD bounds the budget (far above any environment's cost) so it
	// stays exact in money arithmetic and formatting.
	MaxBudgetMonthlyUSD = 1e9
	// MaxPatchCacheSeconds is Front Door's longest cache duration (366 days).
	MaxPatchCacheSeconds = 366 * 86400
	// MinRateLimitPerMinute and MaxRateLimitPerMinute bound the WAF's per-IP
	// threshold: below 10 blocks ordinary clients; the API field is an int32.
	MinRateLimitPerMinute = 10
	MaxRateLimitPerMinute = 1<<31 - 1
)

// Azure's tag limits, https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations:
// at most 50 tag name/value pairs per resource, names of at most 512 characters
// (128 on storage accounts, which carry the environment's tags too) without
// < > % & \ ? /, not starting with azure, windows or microsoft (reserved), names
// case-insensitive; values of at most 256 characters.
const (
	MaxTags        = 50
	MaxTagNameLen  = 128
	MaxTagValueLen = 256
)

// PlatformAddressPlan is the private range every environment's region blocks come
// from. Blocks never overlap across regions or environments, so any two can peer.
var PlatformAddressPlan = netip.MustParsePrefix("10.0.0.0/8")

var (
	identRE  = regexp.MustCompile(`^[a-z][a-z0-9-]{1,18}[a-z0-9]$`)
	stackRE  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,18}[a-z0-9]$`)
	domainRE = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	k8sVerRE = regexp.MustCompile(`^1\.\d{2}(\.\d+)?$`)
	tagBadRE = regexp.MustCompile(`[<>%&\\?/]`)
)

// Validate checks the spec and returns a *ConfigError listing every problem, or nil.
// now is the day of the check; a past expiry is not an error (see expiry.go).
func (s *Spec) Validate(now time.Time) error { return s.validate(now, nil) }

// validate is Validate plus the address plan across environments: others are the
// blocks of every environment (those of s.Stack itself are skipped).
func (s *Spec) validate(now time.Time, others []Block) error {
	var c field.ErrorList
	if !stackRE.MatchString(s.Stack) {
		c.Add("stack", "stack name %q must be 2-20 lowercase letters, digits or '-', starting with a letter", s.Stack)
	} else if strings.Contains(s.Stack, "--") {
		c.Add("stack", "stack name %q must not contain consecutive hyphens (%s)", s.Stack, doubleHyphenReason)
	}
	validateIdent(&c, "studio", s.Studio)
	validateIdent(&c, "game", s.Game)
	validateTier(&c, s.Tier)
	validateOwners(&c, s.Owners)
	if strings.TrimSpace(s.CostCenter) == "" {
		c.Add("costCenter", "is required (the finance cost centre billed for this environment)")
	}
	validateExpiry(&c, s)
	if !(s.BudgetMonthlyUSD > 0) {
		c.Add("budgetMonthlyUSD", "must be greater than 0, got %v", s.BudgetMonthlyUSD)
	} else if s.BudgetMonthlyUSD > MaxBudgetMonthlyUSD {
		c.Add("budgetMonthlyUSD", "must be at most %.0f, got %v", MaxBudgetMonthlyUSD, s.BudgetMonthlyUSD)
	}
	if !domainRE.MatchString(s.Domain) {
		c.Add("domain", "%q is not a valid DNS zone name (lowercase, e.g. play.starfall.example)", s.Domain)
	}
	validateTags(&c, s)
	validatePorts(&c, s.GamePorts)
	validateRegions(&c, s)
	checkAddressPlan(&c, s, others)
	validateCluster(&c, s.Cluster)
	validateAzureLimits(&c, s, now)
	validateGameServer(&c, s)
	if s.CDN.PatchCacheSeconds < 1 || s.CDN.PatchCacheSeconds > MaxPatchCacheSeconds {
		c.Add("cdn.patchCacheSeconds", "must be 1-%d seconds (366 days; leave it unset for the default %d), got %d",
			MaxPatchCacheSeconds, DefaultPatchCacheSeconds, s.CDN.PatchCacheSeconds)
	}
	if s.CDN.RateLimitPerMinute < MinRateLimitPerMinute || s.CDN.RateLimitPerMinute > MaxRateLimitPerMinute {
		c.Add("cdn.rateLimitPerMinute", "must be %d-%d requests per minute, got %d", MinRateLimitPerMinute, MaxRateLimitPerMinute, s.CDN.RateLimitPerMinute)
	}
	validatePlayerData(&c, s.PlayerData)
	if !slices.Contains(PeeringModes, s.Network.Peering) {
		c.Add("network.peering", "must be one of %s (leave it unset for %q), got %q", strings.Join(PeeringModes, ", "), PeeringNone, s.Network.Peering)
	}
	return c.In(s.Source)
}

func validateIdent(c *field.ErrorList, path, v string) {
	if v == "" {
		c.Add(path, "is required")
		return
	}
	if !identRE.MatchString(v) {
		c.Add(path, "%q must be 3-20 lowercase letters, digits or '-', starting with a letter", v)
	} else if strings.Contains(v, "--") {
		c.Add(path, "%q must not contain consecutive hyphens (%s)", v, doubleHyphenReason)
	}
}

// doubleHyphenReason is why names exclude "--": they become segments of Azure
// names, and Key Vault names (kv-<game>-<env>-…) may not hold consecutive hyphens.
// Every name these rules accept yields valid Azure names that pass the naming
// convention (a property test in policies/rules walks them).
const doubleHyphenReason = "Key Vault names, which carry the game and environment, cannot"

func validateTier(c *field.ErrorList, t Tier) {
	if t.Valid() {
		return
	}
	c.Add("tier", "%q is not a tier (allowed: dev, staging, prod)", t)
}

func validateOwners(c *field.ErrorList, owners []string) {
	if len(owners) == 0 {
		c.Add("owners", "at least one owner email is required")
	}
	for i, o := range owners {
		if err := ValidateEmail(o); err != nil {
			c.Add(fmt.Sprintf("owners[%d]", i), "%v", err)
		}
	}
}

// ValidateEmail checks that s is a bare email address (user@domain.tld).
func ValidateEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return fmt.Errorf("%q is not a valid email address", s)
	}
	at := strings.LastIndex(s, "@")
	if !strings.Contains(s[at+1:], ".") {
		return fmt.Errorf("%q is not a valid email address (domain has no dot)", s)
	}
	return nil
}

// validateExpiry checks expiresOn's form and tier. A past expiry is not an error: the
// environment exists and must stay plannable and destroyable until its teardown
// (expiry semantics: expiry.go); a new request with a past expiry is refused by
// internal/offline/requests.
func validateExpiry(c *field.ErrorList, s *Spec) {
	if s.ExpiresOn == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, s.ExpiresOn); err != nil {
		c.Add("expiresOn", "%q is not a date (YYYY-MM-DD)", s.ExpiresOn)
		return
	}
	if p, err := tier.Lookup(s.Tier); err == nil && !p.ExpiryRequired() {
		c.Add("expiresOn", "%s environments do not expire; remove expiresOn", s.Tier)
	}
}

func validateTags(c *field.ErrorList, s *Spec) {
	reserved := map[string]bool{}
	for _, k := range RequiredTagKeys {
		reserved[k] = true
	}
	reserved["expires-on"] = true
	seen := map[string]string{}
	for _, k := range sortedKeys(s.Tags) {
		v := s.Tags[k]
		path := "tags." + k
		lower := strings.ToLower(k)
		switch {
		case k == "" || len(k) > MaxTagNameLen || tagBadRE.MatchString(k):
			c.Add(path, "tag name must be 1-%d characters without < > %% & \\ ? /", MaxTagNameLen)
		case strings.HasPrefix(lower, "azure") || strings.HasPrefix(lower, "windows") || strings.HasPrefix(lower, "microsoft"):
			c.Add(path, "tag names starting with azure, windows or microsoft are reserved by Azure")
		case reserved[lower]:
			c.Add(path, "%q is set by the platform from the environment identity; remove it from tags", k)
		case seen[lower] != "":
			c.Add(path, "Azure tag names are case-insensitive: %q is the same tag as %q", k, seen[lower])
		}
		seen[lower] = k
		if len(v) > MaxTagValueLen {
			c.Add(path, "tag value is %d characters; Azure allows %d", len(v), MaxTagValueLen)
		}
	}
	// Identity fields become tag values (StandardTags).
	if len(s.CostCenter) > MaxTagValueLen {
		c.Add("costCenter", "is %d characters; it becomes the cost-center tag and Azure allows %d", len(s.CostCenter), MaxTagValueLen)
	}
	if n := len(s.StandardTags()); n > MaxTags {
		c.Add("tags", "%d tags with the platform's own %d; Azure allows %d per resource", n, n-len(s.Tags), MaxTags)
	}
}

func validatePorts(c *field.ErrorList, p PortRange) { p.check(c, "gamePorts") }

// check reports the range's problems under the field path at.
func (p PortRange) check(c *field.ErrorList, at string) {
	if p.Start < MinGamePort || p.Start > MaxGamePort {
		c.Add(at+".start", "%d is outside %d-%d", p.Start, MinGamePort, MaxGamePort)
	}
	if p.End < MinGamePort || p.End > MaxGamePort {
		c.Add(at+".end", "%d is outside %d-%d", p.End, MinGamePort, MaxGamePort)
	}
	if p.End < p.Start {
		c.Add(at, "end %d is below start %d", p.End, p.Start)
	}
	if p.QoSPort < MinGamePort || p.QoSPort > MaxGamePort {
		c.Add(at+".qosPort", "%d is outside %d-%d", p.QoSPort, MinGamePort, MaxGamePort)
	} else if p.QoSPort >= p.Start && p.QoSPort <= p.End {
		c.Add(at+".qosPort", "%d lies inside the game range %d-%d; pick a port outside it", p.QoSPort, p.Start, p.End)
	}
}

// Problems returns the range's problems, each under the field path at: the one
// rule of a valid game port range, which the environment validation and the
// components that take the range (network, gamecluster) share.
func (p PortRange) Problems(at string) error {
	var c field.ErrorList
	p.check(&c, at)
	return c.Join()
}

func validateRegions(c *field.ErrorList, s *Spec) {
	if len(s.Regions) == 0 {
		c.Add("regions", "at least one region is required")
		return
	}
	// The tier's allow-lists are judged only for a known tier (validateTier reports
	// an unknown one).
	profile, tierErr := tier.Lookup(s.Tier)
	if tierErr == nil && len(s.Regions) > profile.MaxRegions {
		c.Add("regions", "%d regions; %s environments span at most %d", len(s.Regions), s.Tier, profile.MaxRegions)
	}
	seen := map[string]int{}
	blocks := make([]netip.Prefix, len(s.Regions))
	for i, r := range s.Regions {
		path := fmt.Sprintf("regions[%d]", i)
		if _, ok := Regions[r.Name]; !ok {
			c.Add(path+".name", "unknown Azure region %q%s", r.Name, suggest(r.Name, RegionNames()))
		} else if tierErr == nil && profile.CheckRegion(r.Name) != nil {
			c.Add(path+".name", "%v", profile.CheckRegion(r.Name))
		} else if j, dup := seen[r.Name]; dup {
			c.Add(path+".name", "region %q is already listed as regions[%d]", r.Name, j)
		} else {
			seen[r.Name] = i
		}
		if p, err := ValidateAddressBlock(r.AddressSpace); err != nil {
			c.Add(path+".addressSpace", "%v", err)
		} else {
			blocks[i] = p
			for j := 0; j < i; j++ {
				if blocks[j].IsValid() && blocks[j].Overlaps(p) {
					c.Add(path+".addressSpace", "%s overlaps regions[%d] (%s)", p, j, blocks[j])
				}
			}
		}
		validateCapacity(c, path+".capacity", r.Capacity, s.Tier)
		if r.CustomIPPrefixID != "" {
			if err := ValidCustomIPPrefixID(r.CustomIPPrefixID); err != nil {
				c.Add(path+".customIpPrefixId", "%v", err)
			}
		}
		validateGameSubnet(c, path, blocks[i], r.Capacity, r.CustomIPPrefixID, s.Tier)
	}
}

// ValidateAddressBlock checks a region's address block: an aligned IPv4 CIDR inside
// the platform address plan, between /MinAddressPrefix and /MaxAddressPrefix.
func ValidateAddressBlock(cidr string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a valid CIDR block (e.g. 10.20.0.0/16)", cidr)
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%s is not IPv4", p)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%s is not aligned to its prefix length (did you mean %s?)", p, p.Masked())
	}
	if p.Bits() < MinAddressPrefix || p.Bits() > MaxAddressPrefix {
		return netip.Prefix{}, fmt.Errorf("%s must be between /%d and /%d", p, MinAddressPrefix, MaxAddressPrefix)
	}
	if !PlatformAddressPlan.Contains(p.Addr()) {
		return netip.Prefix{}, fmt.Errorf("%s is outside the platform address plan %s", p, PlatformAddressPlan)
	}
	return p, nil
}

func validateCapacity(c *field.ErrorList, path string, cp Capacity, t Tier) {
	if cp.PeakPlayers <= 0 {
		c.Add(path+".peakPlayers", "must be greater than 0, got %d", cp.PeakPlayers)
	} else if cp.PeakPlayers > MaxPeakPlayers {
		c.Add(path+".peakPlayers", "must be at most %d (far more than one cluster holds: split the demand across regions), got %d", MaxPeakPlayers, cp.PeakPlayers)
	}
	if cp.PlayersPerServer <= 0 || cp.PlayersPerServer > MaxPlayersPerServer {
		c.Add(path+".playersPerServer", "must be 1-%d, got %d", MaxPlayersPerServer, cp.PlayersPerServer)
	}
	if !(cp.VCPUPerServer >= MinVCPUPerServer) || cp.VCPUPerServer > MaxVCPUPerServer {
		c.Add(path+".vcpuPerServer", "must be %v-%d, got %v", MinVCPUPerServer, MaxVCPUPerServer, cp.VCPUPerServer)
	}
	vm, ok := VMSizes[cp.VMSize]
	if !ok {
		c.Add(path+".vmSize", "VM size %q is not in the platform catalogue%s", cp.VMSize, suggest(cp.VMSize, VMSizeNames()))
	} else if p, err := tier.Lookup(t); err == nil && p.CheckVMSize(cp.VMSize) != nil {
		c.Add(path+".vmSize", "%v", p.CheckVMSize(cp.VMSize))
		ok = false
	} else if cp.VCPUPerServer > float64(vm.VCPU) {
		c.Add(path+".vcpuPerServer", "%v vCPU per server does not fit a %s (%d vCPU)", cp.VCPUPerServer, vm.Name, vm.VCPU)
	}
	if ok && cp.PeakPlayers > 0 && cp.PeakPlayers <= MaxPeakPlayers && cp.PlayersPerServer > 0 && cp.PlayersPerServer <= MaxPlayersPerServer &&
		cp.VCPUPerServer >= MinVCPUPerServer && cp.VCPUPerServer <= float64(vm.VCPU) {
		if _, err := capacity.Size(cp.Demand(), CapacityOptions(t)); err != nil {
			c.Add(path+".peakPlayers", "%v", err)
		}
	}
	if cp.Spot && !tier.Of(t).SpotAllowed {
		c.Add(path+".spot", "spot VMs can be evicted mid-match and are not allowed in %s", t)
	}
}

func validateCluster(c *field.ErrorList, cl ClusterSettings) {
	if cl.KubernetesVersion != "" && !k8sVerRE.MatchString(cl.KubernetesVersion) {
		c.Add("cluster.kubernetesVersion", "%q is not a Kubernetes version (e.g. 1.36)", cl.KubernetesVersion)
	}
	if cl.KubernetesVersion != "" && k8sVerRE.MatchString(cl.KubernetesVersion) {
		if err := agones.CheckKubernetes(agones.Version, cl.KubernetesVersion); err != nil {
			c.Add("cluster.kubernetesVersion", "%v", err)
		}
	}
	if !cl.PrivateAPIServer && len(cl.APIServerAuthorizedRanges) == 0 {
		c.Add("cluster.apiServerAuthorizedRanges", "a public API server needs authorized ranges; list your operator CIDRs or set cluster.privateApiServer: true")
	}
	for _, f := range JudgeAuthorizedRanges(cl.APIServerAuthorizedRanges) {
		c.Add(fmt.Sprintf("cluster.apiServerAuthorizedRanges[%d]", f.Index), "%s", f.Message)
	}
	for i, g := range cl.AdminGroupObjectIDs {
		if !naming.IsGUID(g) {
			c.Add(fmt.Sprintf("cluster.adminGroupObjectIds[%d]", i), "%q is not an Entra ID object ID (a UUID)", g)
		}
	}
}

// suggest returns ` (did you mean "x"?)` for the closest candidate within a small
// edit distance, or a list of what is allowed.
func suggest(got string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, cand := range candidates {
		if d := levenshtein(strings.ToLower(got), strings.ToLower(cand)); d < bestD {
			best, bestD = cand, d
		}
	}
	if best != "" && bestD <= 3 {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return fmt.Sprintf(" (allowed: %s)", strings.Join(candidates, ", "))
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
