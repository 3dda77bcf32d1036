// Package cdn provides the environment's Azure Front Door: a patches/assets endpoint
// cached at the edge in front of the build store, an API endpoint load-balanced by
// latency over every region's entry point, and a WAF policy bound to both by a
// security policy. The SKU (Standard below prod, Premium in prod) decides managed WAF
// rules.
//
// Front Door reads the storage origin with its user-assigned managed identity
// (managed-identity origin authentication on the patches origin group): the account
// allows no anonymous access, so without it the patches endpoint would answer 403.
// The property exists only from Microsoft.Cdn API 2025-06-01, newer than any version
// of the pinned cdn SDK module (2023-05-01 … 2024-09-01), so the patches origin group
// is declared through the generic resource (shared.NewGenericResource) at
// OriginGroupAPIVersion with the project's typed properties (types.go). Azure does not
// support origin authentication for Private Link origins, so the origin is the
// account's public endpoint, Entra ID-only: no Private Link connection to approve.
//
// Each endpoint can carry a custom domain (patches.<domain>, api.<domain>) with a
// Front Door managed certificate and TLS 1.2 at least, attached to its route and
// covered by the WAF. Front Door validates a domain through a TXT record
// _dnsauth.<host> holding the domain's validation token (ValidationTokens; the
// stack writes it into the game's DNS zone) and then issues the certificate. Both
// happen in Azure after the domain resource is created, so they take minutes to hours
// without holding up `pulumi up`, and nothing but the routes and the WAF binding
// waits for the domain resources — never a cluster.
package cdn

import (
	"errors"
	"fmt"
	"regexp"

	azcdn "github.com/pulumi/pulumi-azure-native-sdk/cdn/v2"
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:cdn:FrontDoor"

// Front Door SKUs; the WAF policy's SKU must match the profile's.
const (
	SKUStandard = tier.FrontDoorStandard
	SKUPremium  = tier.FrontDoorPremium
)

// Documented defaults.
const (
	DefaultHealthProbePath = "/healthz"
	// DefaultRateLimitPerMinute is used when Args.RateLimitPerMinute is 0.
	DefaultRateLimitPerMinute = spec.DefaultRateLimitPerMinute
	// OriginResponseTimeoutSeconds bounds how long Front Door waits for an origin.
	OriginResponseTimeoutSeconds = 60
	// RateLimitRuleName is the WAF custom rule throttling each client IP.
	RateLimitRuleName = "RateLimitPerClientIP"
)

// ContentTypesToCompress are the types Front Door compresses at the edge. Patch
// archives are already compressed; manifests, scripts and text assets are not.
var ContentTypesToCompress = []string{
	"application/json", "application/javascript", "application/xml", "text/plain",
	"text/css", "text/html", "text/javascript", "text/xml", "image/svg+xml",
}

// ManagedRuleSet is one WAF managed rule set.
type ManagedRuleSet = tier.ManagedRuleSet

// Settings are the tier-dependent choices: the tier profile's FrontDoor (SKU, WAF
// mode and managed rule sets, Private Link to storage, API probe interval).
//
// NOTE: WAF managed rule sets (the default rule set and bot protection) exist only on
// Premium; a Standard policy carries custom rules (the rate limit) alone.
type Settings = tier.FrontDoor

// SettingsFor returns the Front Door settings of a tier.
func SettingsFor(t spec.Tier) Settings { return tier.Of(t).FrontDoor }

// CacheDuration renders seconds in Front Door's "[d.]hh:mm:ss" duration format.
func CacheDuration(seconds int) string {
	d, rem := seconds/86400, seconds%86400
	hms := fmt.Sprintf("%02d:%02d:%02d", rem/3600, rem%3600/60, rem%60)
	if d > 0 {
		return fmt.Sprintf("%d.%s", d, hms)
	}
	return hms
}

// Origin is one API origin: a region's entry point.
type Origin struct {
	// Name is the origin's name (the region).
	Name string
	// HostName is the origin's DNS name, also sent as the Host header.
	HostName pulumi.StringInput
}

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	// Names (naming.Identity.FrontDoorProfile, FrontDoorEndpoint, WAFPolicy).
	ProfileName, PatchesEndpointName, APIEndpointName, WAFPolicyName string

	// StorageHost is the blob endpoint host of the build store.
	StorageHost pulumi.StringInput
	// StoragePaths are the paths (containers) served from storage, e.g. "/patches/*".
	StoragePaths []string
	// IdentityID is the user-assigned identity Front Door reads storage with.
	IdentityID pulumi.StringInput

	// APIOrigins are the regional entry points behind the API endpoint.
	APIOrigins []Origin
	// HealthProbePath is probed on every API origin; DefaultHealthProbePath when empty.
	HealthProbePath string

	// PatchCacheSeconds is the edge cache duration of storage content when the origin
	// sends no Cache-Control; 0 keeps Front Door's default behaviour.
	PatchCacheSeconds int
	// RateLimitPerMinute is the WAF threshold per client IP; DefaultRateLimitPerMinute
	// when 0.
	RateLimitPerMinute int

	// PatchesHostName and APIHostName are the endpoints' custom domains
	// (patches.<domain>, api.<domain>); empty serves the azurefd.net host only.
	PatchesHostName, APIHostName string
}

// Endpoint roles, the keys of FrontDoor.ValidationTokens.
const (
	RolePatches = "patches"
	RoleAPI     = "api"
)

// MinimumTLSVersion is the custom domains' minimum TLS version.
const MinimumTLSVersion = "TLS12"

// ValidationRecord is the TXT record name Front Door validates a custom domain with,
// relative to the domain's parent zone: "_dnsauth.<label>"
// (https://learn.microsoft.com/azure/frontdoor/standard-premium/how-to-add-custom-domain).
func ValidationRecord(label string) string { return "_dnsauth." + label }

// FrontDoor is the environment's edge.
type FrontDoor struct {
	pulumi.ResourceState

	ProfileID   pulumi.IDOutput
	WAFPolicyID pulumi.IDOutput
	// PatchesHost and APIHost are the endpoints' azurefd.net host names.
	PatchesHost pulumi.StringOutput
	APIHost     pulumi.StringOutput
	// ValidationTokens are the custom domains' validation tokens by role
	// (RolePatches, RoleAPI), for their ValidationRecord TXT records.
	ValidationTokens map[string]pulumi.StringOutput
	Settings         Settings
}

var (
	pathRE = regexp.MustCompile(`^/[a-z0-9/_.-]*\*?$`)
	nameRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,88}[a-zA-Z0-9]$`)
	hostRE = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
)

func (a *Args) defaults() {
	if a.HealthProbePath == "" {
		a.HealthProbePath = DefaultHealthProbePath
	}
	if a.RateLimitPerMinute == 0 {
		a.RateLimitPerMinute = DefaultRateLimitPerMinute
	}
	if len(a.StoragePaths) == 0 {
		a.StoragePaths = []string{"/*"}
	}
}

func (a *Args) validate(s Settings) error {
	var errs field.ErrorList
	if a.ResourceGroupName == nil {
		errs.Append(field.Required(field.NewPath("ResourceGroupName")))
	}
	if !nameRE.MatchString(a.ProfileName) {
		errs.Add("ProfileName", "%q must be 2-90 letters, digits and '-'", a.ProfileName)
	}
	if err := naming.ValidFrontDoorEndpoint(a.PatchesEndpointName); err != nil {
		errs.Add("PatchesEndpointName", "%v", err)
	}
	if err := naming.ValidFrontDoorEndpoint(a.APIEndpointName); err != nil {
		errs.Add("APIEndpointName", "%v", err)
	}
	if a.PatchesEndpointName == a.APIEndpointName {
		errs.Add("APIEndpointName", "must differ from PatchesEndpointName (%q)", a.PatchesEndpointName)
	}
	if err := naming.ValidWAFPolicy(a.WAFPolicyName); err != nil {
		errs.Add("WAFPolicyName", "%v", err)
	}
	if a.StorageHost == nil {
		errs.Append(field.Required(field.NewPath("StorageHost")))
	}
	if a.IdentityID == nil {
		errs.Append(field.Required(field.NewPath("IdentityID"), "Front Door reads storage with it"))
	}
	for i, p := range a.StoragePaths {
		if !pathRE.MatchString(p) {
			errs.Add(field.NewPath("StoragePaths").Index(i).String(), "%q must be a path pattern like /patches/*", p)
		}
	}
	if len(a.APIOrigins) == 0 {
		errs.Add("APIOrigins", "at least one regional entry point is required")
	}
	seen := map[string]bool{}
	for i, o := range a.APIOrigins {
		at := field.NewPath("APIOrigins").Index(i)
		if !nameRE.MatchString(o.Name) {
			errs.Add(at.Child("Name").String(), "%q must be 2-90 letters, digits and '-'", o.Name)
		}
		if seen[o.Name] {
			errs.Append(field.Duplicate(at.Child("Name"), o.Name))
		}
		seen[o.Name] = true
		if o.HostName == nil {
			errs.Append(field.Required(at.Child("HostName")))
		}
	}
	if !pathRE.MatchString(a.HealthProbePath) {
		errs.Add("HealthProbePath", "%q must be an absolute path", a.HealthProbePath)
	}
	if a.PatchCacheSeconds < 0 || a.PatchCacheSeconds > 366*86400 {
		errs.Add("PatchCacheSeconds", "%d must be between 0 and %d", a.PatchCacheSeconds, 366*86400)
	}
	if a.RateLimitPerMinute < 10 {
		errs.Add("RateLimitPerMinute", "%d must be at least 10", a.RateLimitPerMinute)
	}
	for _, h := range []struct{ field, host string }{{"PatchesHostName", a.PatchesHostName}, {"APIHostName", a.APIHostName}} {
		if h.host != "" && !hostRE.MatchString(h.host) {
			errs.Add(h.field, "%q is not a DNS host name", h.host)
		}
	}
	if a.PatchesHostName != "" && a.PatchesHostName == a.APIHostName {
		errs.Add("APIHostName", "must differ from PatchesHostName (%q)", a.PatchesHostName)
	}
	return errs.Join()
}

// NewFrontDoor registers the profile, WAF policy, endpoints, origin groups, origins,
// routes, security policy and diagnostics.
func NewFrontDoor(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*FrontDoor, error) {
	if args == nil {
		return nil, errors.New("internal error: front door args are nil")
	}
	a := *args
	a.defaults()
	set := SettingsFor(a.Tier)
	if err := a.validate(set); err != nil {
		return nil, fmt.Errorf("internal error: front door %q: %w", name, err)
	}
	c := &FrontDoor{Settings: set}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	profile, err := azcdn.NewProfile(ctx, name+"-profile", profileArgs(&a, set), parent)
	if err != nil {
		return nil, fmt.Errorf("creating front door profile %q: %w", name+"-profile", err)
	}
	if _, err := a.NewDiagnosticSetting(ctx, name+"-profile", profile.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	waf, err := newWAFPolicy(ctx, name, &a, set, parent)
	if err != nil {
		return nil, err
	}

	endpoint := func(role, epName string) (*azcdn.AFDEndpoint, error) {
		ep, err := azcdn.NewAFDEndpoint(ctx, name+"-"+role, endpointArgs(&a, profile.Name, epName), parent)
		if err != nil {
			return nil, fmt.Errorf("creating front door endpoint %q: %w", name+"-"+role, err)
		}
		return ep, nil
	}
	patchesEP, err := endpoint("patches", a.PatchesEndpointName)
	if err != nil {
		return nil, err
	}
	apiEP, err := endpoint("api", a.APIEndpointName)
	if err != nil {
		return nil, err
	}
	c.ValidationTokens = map[string]pulumi.StringOutput{}
	domainIDs := map[string]pulumi.StringInput{}
	for _, d := range customDomains(&a) {
		n := name + "-domain-" + d.role
		cd, err := azcdn.NewAFDCustomDomain(ctx, n, customDomainArgs(&a, profile.Name, d), parent)
		if err != nil {
			return nil, fmt.Errorf("creating custom domain %q: %w", n, err)
		}
		domainIDs[d.role] = cd.ID().ToStringOutput()
		c.ValidationTokens[d.role] = cd.ValidationProperties.ValidationToken()
	}

	// Patches and assets: one storage origin, read with Front Door's identity.
	patchesOG, err := shared.NewGenericResource(ctx, name+"-patches-og", patchesOriginGroup(a.ResourceGroupName, a.ProfileName, a.IdentityID), parent,
		pulumi.DependsOn([]pulumi.Resource{profile}),
		// The group was an azure-native:cdn:AFDOriginGroup before origin
		// authentication: the alias moves its state, so Azure sees one PUT of the same
		// group, never a delete.
		pulumi.Aliases([]pulumi.Alias{{Type: pulumi.String("azure-native:cdn:AFDOriginGroup")}}))
	if err != nil {
		return nil, err
	}
	so, err := azcdn.NewAFDOrigin(ctx, name+"-patches-storage", storageOriginArgs(&a, profile.Name), parent, pulumi.DependsOn([]pulumi.Resource{patchesOG}))
	if err != nil {
		return nil, fmt.Errorf("creating origin %q: %w", name+"-patches-storage", err)
	}

	apiOG, err := azcdn.NewAFDOriginGroup(ctx, name+"-api-og", apiOriginGroupArgs(&a, set, profile.Name), parent)
	if err != nil {
		return nil, fmt.Errorf("creating origin group %q: %w", name+"-api-og", err)
	}
	apiOrigins := []pulumi.Resource{}
	for _, o := range a.APIOrigins {
		ao, err := azcdn.NewAFDOrigin(ctx, name+"-api-"+o.Name, originArgs(&a, profile.Name, apiOG.Name, o), parent)
		if err != nil {
			return nil, fmt.Errorf("creating origin %q: %w", name+"-api-"+o.Name, err)
		}
		apiOrigins = append(apiOrigins, ao)
	}

	var ruleSetID pulumi.StringInput
	patchesDeps := []pulumi.Resource{so}
	if rsArgs := cacheRuleSetArgs(&a, profile.Name); rsArgs != nil {
		rs, err := azcdn.NewRuleSet(ctx, name+"-cache", rsArgs, parent)
		if err != nil {
			return nil, fmt.Errorf("creating rule set %q: %w", name+"-cache", err)
		}
		rule, err := azcdn.NewRule(ctx, name+"-cache-default", cacheRuleArgs(&a, profile.Name, rs.Name), parent)
		if err != nil {
			return nil, fmt.Errorf("creating rule %q: %w", name+"-cache-default", err)
		}
		ruleSetID = rs.ID().ToStringOutput()
		patchesDeps = append(patchesDeps, rule)
	}

	// NOTE: Azure rejects a route whose origin group has no origin yet, and the route
	// references only the group, so the routes wait on their origins explicitly.
	if _, err := azcdn.NewRoute(ctx, name+"-patches-route",
		patchesRouteArgs(&a, profile.Name, patchesEP.Name, patchesOG.ID().ToStringOutput(), domainIDs[RolePatches], ruleSetID),
		parent, pulumi.DependsOn(patchesDeps)); err != nil {
		return nil, fmt.Errorf("creating route %q: %w", name+"-patches-route", err)
	}
	if _, err := azcdn.NewRoute(ctx, name+"-api-route",
		apiRouteArgs(&a, profile.Name, apiEP.Name, apiOG.ID().ToStringOutput(), domainIDs[RoleAPI]),
		parent, pulumi.DependsOn(apiOrigins)); err != nil {
		return nil, fmt.Errorf("creating route %q: %w", name+"-api-route", err)
	}

	if _, err := azcdn.NewSecurityPolicy(ctx, name+"-waf-binding",
		securityPolicyArgs(&a, profile.Name, waf.ID().ToStringOutput(), patchesEP.ID().ToStringOutput(), apiEP.ID().ToStringOutput(), domainIDs),
		parent); err != nil {
		return nil, fmt.Errorf("creating security policy %q: %w", name+"-waf-binding", err)
	}

	c.ProfileID = profile.ID()
	c.WAFPolicyID = waf.ID()
	c.PatchesHost = patchesEP.HostName
	c.APIHost = apiEP.HostName
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"profileId":   profile.ID(),
		"patchesHost": patchesEP.HostName,
		"apiHost":     apiEP.HostName,
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// newWAFPolicy registers the WAF policy.
//
// NOTE: Front Door Standard/Premium takes its WAF policy from the Microsoft.Network
// provider (frontDoorWebApplicationFirewallPolicies, azure-native network:Policy);
// the similarly named cdn:Policy is the classic Azure CDN WAF (Standard_Microsoft SKU
// only) and cannot be bound to a Front Door security policy.
func newWAFPolicy(ctx *pulumi.Context, name string, a *Args, set Settings, parent pulumi.ResourceOption) (*aznetwork.Policy, error) {
	waf, err := aznetwork.NewPolicy(ctx, name+"-waf", wafPolicyArgs(a, set), parent)
	if err != nil {
		return nil, fmt.Errorf("creating WAF policy %q: %w", name+"-waf", err)
	}
	return waf, nil
}
