// Package routing steers players: a Traffic Manager profile with performance routing
// over every region's game entry point (matchmaking / QoS), health-monitored, and the
// game's public DNS zone with the records that point players at Front Door and
// Traffic Manager.
package routing

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:routing:Routing"

// Traffic Manager endpoint type of an Azure resource target (a public IP with a DNS
// name): the resource type, and the name used in the endpoint's resource path.
const (
	EndpointType     = "Microsoft.Network/trafficManagerProfiles/azureEndpoints"
	EndpointTypeName = "AzureEndpoints"
)

// Documented monitor defaults.
//
// NOTE: Traffic Manager can probe only HTTP, HTTPS or TCP, not UDP: a region's game
// endpoint is judged by its entry point's HTTPS health path, which the matchmaking
// service answers only while the region can take players.
const (
	DefaultMonitorProtocol = "HTTPS"
	DefaultMonitorPort     = 443
	DefaultMonitorPath     = "/healthz"
	// TXTRecordTTL is the TTL of TXT records (validation tokens change rarely).
	TXTRecordTTL = 3600
	// DefaultMatchRecord is the zone's record pointing at Traffic Manager.
	DefaultMatchRecord = "match"
)

// Settings are the tier-dependent health-monitoring and DNS choices: the tier
// profile's Routing (DNS TTL; probe interval, timeout and tolerated failures, where
// an interval of 10 s is Traffic Manager's "fast probing", billed extra).
type Settings = tier.Routing

// SettingsFor returns the routing settings of a tier: prod detects a failed region
// in ~30 s and lets resolvers forget it within 30 s.
func SettingsFor(t spec.Tier) Settings { return tier.Of(t).Routing }

// Endpoint is one region's game entry point.
type Endpoint struct {
	// Name is the endpoint's name (the region).
	Name string
	// Location is the Azure region, used by performance routing.
	Location string
	// TargetResourceID is the entry point's public IP resource ID.
	TargetResourceID pulumi.StringInput
}

// Record is a CNAME in the game's zone.
type Record struct {
	// Name is relative to the zone ("api", "patches").
	Name   string
	Target pulumi.StringInput
}

// TXTRecord is a TXT record in the game's zone, e.g. a Front Door custom domain's
// validation record ("_dnsauth.api").
type TXTRecord struct {
	// Name is relative to the zone.
	Name  string
	Value pulumi.StringInput
}

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	// ProfileName is the Traffic Manager resource name; RelativeDNSName its globally
	// unique label under trafficmanager.net (naming.Identity.TrafficManagerDNS).
	ProfileName, RelativeDNSName string
	Endpoints                    []Endpoint
	// Monitor; defaults DefaultMonitorProtocol/Port/Path.
	MonitorProtocol string
	MonitorPort     int
	MonitorPath     string

	// ZoneName is the game's DNS zone (spec.Spec.Domain).
	ZoneName string
	// MatchRecord is the CNAME to Traffic Manager; DefaultMatchRecord when empty.
	MatchRecord string
	// Records are further CNAMEs (Front Door endpoints).
	Records []Record
	// TXTRecords are TXT records (custom-domain validation tokens).
	TXTRecords []TXTRecord
}

// Routing is the player-routing part of the environment.
type Routing struct {
	pulumi.ResourceState

	TrafficManagerID   pulumi.IDOutput
	TrafficManagerFQDN pulumi.StringOutput
	ZoneID             pulumi.IDOutput
	// NameServers are the zone's Azure DNS servers, to delegate the domain to.
	NameServers pulumi.StringArrayOutput
	Settings    Settings
}

var (
	labelRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	zoneRE  = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	pathRE  = regexp.MustCompile(`^/[A-Za-z0-9/_.-]*$`)
	// txtRE: a relative record name whose labels may start with "_" (_dnsauth.api).
	txtRE = regexp.MustCompile(`^_?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\._?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`)
)

func (a *Args) defaults() {
	if a.MonitorProtocol == "" {
		a.MonitorProtocol = DefaultMonitorProtocol
	}
	if a.MonitorPort == 0 {
		a.MonitorPort = DefaultMonitorPort
	}
	if a.MonitorPath == "" && a.MonitorProtocol != "TCP" {
		a.MonitorPath = DefaultMonitorPath
	}
	if a.MatchRecord == "" {
		a.MatchRecord = DefaultMatchRecord
	}
}

func (a *Args) validate() error {
	var errs field.ErrorList
	if a.ResourceGroupName == nil {
		errs.Append(field.Required(field.NewPath("ResourceGroupName")))
	}
	if a.ProfileName == "" {
		errs.Append(field.Required(field.NewPath("ProfileName")))
	}
	if err := naming.ValidTrafficManagerDNS(a.RelativeDNSName); err != nil {
		errs.Add("RelativeDNSName", "%v", err)
	}
	if len(a.Endpoints) == 0 {
		errs.Add("Endpoints", "at least one regional entry point is required")
	}
	seen := map[string]bool{}
	for i, e := range a.Endpoints {
		if !labelRE.MatchString(e.Name) {
			errs.Add(field.NewPath("Endpoints").Index(i).Child("Name").String(), "%q must be lowercase letters, digits and '-'", e.Name)
		}
		if seen[e.Name] {
			errs.Append(field.Duplicate(field.NewPath("Endpoints").Index(i).Child("Name"), e.Name))
		}
		seen[e.Name] = true
		if _, ok := spec.Regions[e.Location]; !ok {
			errs.Add(field.NewPath("Endpoints").Index(i).Child("Location").String(), "unknown Azure region %q", e.Location)
		}
		if e.TargetResourceID == nil {
			errs.Append(field.Required(field.NewPath("Endpoints").Index(i).Child("TargetResourceID")))
		}
	}
	switch a.MonitorProtocol {
	case "HTTP", "HTTPS":
		if !pathRE.MatchString(a.MonitorPath) {
			errs.Add("MonitorPath", "%q must be an absolute path", a.MonitorPath)
		}
	case "TCP":
		if a.MonitorPath != "" {
			errs.Add("MonitorPath", "must be empty for TCP monitoring, got %q", a.MonitorPath)
		}
	default:
		errs.Add("MonitorProtocol", "%q is not HTTP, HTTPS or TCP", a.MonitorProtocol)
	}
	if a.MonitorPort < 1 || a.MonitorPort > 65535 {
		errs.Add("MonitorPort", "%d is not a port", a.MonitorPort)
	}
	if !zoneRE.MatchString(a.ZoneName) {
		errs.Add("ZoneName", "%q is not a DNS zone name", a.ZoneName)
	}
	names := map[string]bool{a.MatchRecord: true}
	if !labelRE.MatchString(a.MatchRecord) {
		errs.Add("MatchRecord", "%q is not a DNS label", a.MatchRecord)
	}
	for i, r := range a.Records {
		if !labelRE.MatchString(r.Name) {
			errs.Add(field.NewPath("Records").Index(i).Child("Name").String(), "%q is not a DNS label", r.Name)
		}
		if names[r.Name] {
			errs.Append(field.Duplicate(field.NewPath("Records").Index(i).Child("Name"), r.Name))
		}
		names[r.Name] = true
		if r.Target == nil {
			errs.Append(field.Required(field.NewPath("Records").Index(i).Child("Target")))
		}
	}
	txtSeen := map[string]bool{}
	for i, r := range a.TXTRecords {
		at := field.NewPath("TXTRecords").Index(i)
		if !txtRE.MatchString(r.Name) {
			errs.Add(at.Child("Name").String(), "%q is not a relative DNS name", r.Name)
		}
		if txtSeen[r.Name] {
			errs.Append(field.Duplicate(at.Child("Name"), r.Name))
		}
		txtSeen[r.Name] = true
		if r.Value == nil {
			errs.Append(field.Required(at.Child("Value")))
		}
	}
	return errs.Join()
}

// NewRouting registers the Traffic Manager profile, its diagnostics, the DNS zone and
// its records.
func NewRouting(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Routing, error) {
	if args == nil {
		return nil, errors.New("internal error: routing args are nil")
	}
	a := *args
	a.defaults()
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("internal error: routing %q: %w", name, err)
	}
	set := SettingsFor(a.Tier)
	c := &Routing{Settings: set}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	monitor := &aznetwork.MonitorConfigArgs{
		Protocol:                  pulumi.String(a.MonitorProtocol),
		Port:                      pulumi.Float64(float64(a.MonitorPort)),
		IntervalInSeconds:         pulumi.Float64(float64(set.ProbeIntervalSeconds)),
		TimeoutInSeconds:          pulumi.Float64(float64(set.ProbeTimeoutSeconds)),
		ToleratedNumberOfFailures: pulumi.Float64(float64(set.ToleratedFailures)),
	}
	if a.MonitorPath != "" {
		monitor.Path = pulumi.String(a.MonitorPath)
	}
	tm, err := aznetwork.NewProfile(ctx, name+"-tm", &aznetwork.ProfileArgs{
		ResourceGroupName:           a.ResourceGroupName,
		ProfileName:                 pulumi.String(a.ProfileName),
		Location:                    pulumi.String("global"),
		ProfileStatus:               pulumi.String("Enabled"),
		TrafficRoutingMethod:        pulumi.String("Performance"),
		TrafficViewEnrollmentStatus: pulumi.String("Disabled"),
		DnsConfig: &aznetwork.DnsConfigArgs{
			RelativeName: pulumi.String(a.RelativeDNSName),
			Ttl:          pulumi.Float64(float64(set.DNSTTL)),
		},
		MonitorConfig: monitor,
		Tags:          a.TagMap(),
	}, parent)
	if err != nil {
		return nil, fmt.Errorf("creating traffic manager profile %q: %w", name+"-tm", err)
	}
	// One endpoint resource per region, so adding or removing a region touches only
	// its own endpoint. NOTE: Azure's PUT of a profile replaces its endpoint list, so
	// a change to the profile's own settings drops the endpoints in Azure; run that
	// update with `pulumi up --refresh` (README "Global services") so they are put back.
	for _, e := range a.Endpoints {
		_, err := aznetwork.NewEndpoint(ctx, name+"-ep-"+e.Name, &aznetwork.EndpointArgs{
			ResourceGroupName: a.ResourceGroupName,
			ProfileName:       tm.Name.Elem(),
			EndpointType:      pulumi.String(EndpointTypeName),
			EndpointName:      pulumi.String(e.Name),
			Type:              pulumi.String(EndpointType),
			TargetResourceId:  e.TargetResourceID,
			EndpointLocation:  pulumi.String(e.Location),
			EndpointStatus:    pulumi.String("Enabled"),
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating traffic manager endpoint %q: %w", name+"-ep-"+e.Name, err)
		}
	}
	if _, err := a.NewDiagnosticSetting(ctx, name+"-tm", tm.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	fqdn := tm.DnsConfig.Fqdn().Elem()

	zone, err := aznetwork.NewZone(ctx, name+"-zone", &aznetwork.ZoneArgs{
		ResourceGroupName: a.ResourceGroupName,
		ZoneName:          pulumi.String(a.ZoneName),
		Location:          pulumi.String("global"),
		ZoneType:          aznetwork.ZoneTypePublic,
		Tags:              a.TagMap(),
	}, a.StatefulOptions(parent)...)
	if err != nil {
		return nil, fmt.Errorf("creating DNS zone %q: %w", name+"-zone", err)
	}
	records := append([]Record{{Name: a.MatchRecord, Target: fqdn}}, a.Records...)
	for _, r := range records {
		_, err := aznetwork.NewRecordSet(ctx, name+"-"+r.Name, &aznetwork.RecordSetArgs{
			ResourceGroupName:     a.ResourceGroupName,
			ZoneName:              zone.Name,
			RelativeRecordSetName: pulumi.String(r.Name),
			RecordType:            pulumi.String("CNAME"),
			Ttl:                   pulumi.Float64(float64(set.DNSTTL)),
			CnameRecord:           &aznetwork.CnameRecordArgs{Cname: r.Target},
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating DNS record %q: %w", name+"-"+r.Name, err)
		}
	}
	for _, r := range a.TXTRecords {
		n := name + "-txt-" + strings.TrimPrefix(r.Name, "_")
		_, err := aznetwork.NewRecordSet(ctx, n, &aznetwork.RecordSetArgs{
			ResourceGroupName:     a.ResourceGroupName,
			ZoneName:              zone.Name,
			RelativeRecordSetName: pulumi.String(r.Name),
			RecordType:            pulumi.String("TXT"),
			// NOTE: Front Door re-checks the token when it renews a managed
			// certificate; the record stays for the domain's lifetime.
			Ttl:        pulumi.Float64(float64(TXTRecordTTL)),
			TxtRecords: aznetwork.TxtRecordArray{aznetwork.TxtRecordArgs{Value: pulumi.StringArray{r.Value}}},
		}, parent)
		if err != nil {
			return nil, fmt.Errorf("creating DNS record %q: %w", n, err)
		}
	}
	c.TrafficManagerID = tm.ID()
	c.TrafficManagerFQDN = fqdn
	c.ZoneID = zone.ID()
	c.NameServers = zone.NameServers
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"trafficManagerFqdn": fqdn,
		"zoneId":             zone.ID(),
		"nameServers":        zone.NameServers,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
