package naming

import (
	"fmt"
	"regexp"
	"strings"
)

// Limits of the environment-wide (global) services' names.
const (
	// MaxFrontDoorEndpoint is the AFD endpoint name limit (the host name is the name
	// plus a hash suffix under azurefd.net).
	MaxFrontDoorEndpoint = 46
	MinFrontDoorEndpoint = 2
	// MaxWAFPolicy is the Front Door WAF policy name limit (letters and digits only).
	MaxWAFPolicy = 128
	// MaxTrafficManagerDNS is the Traffic Manager relative DNS name limit (a DNS label).
	MaxTrafficManagerDNS = 63
)

var (
	afdEndpointRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$`)
	wafPolicyRE   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)
	dnsLabelRE    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)
)

// FrontDoorProfile names the environment's Front Door profile.
func (id Identity) FrontDoorProfile() string { return id.Regional("afd", "") }

// FrontDoorEndpoint names a Front Door endpoint for a purpose ("patches", "api").
// Azure appends a hash to make the host name globally unique.
func (id Identity) FrontDoorEndpoint(purpose string) string {
	return truncate(id.Regional("fde-"+purpose, ""), MaxFrontDoorEndpoint)
}

// WAFPolicy names the Front Door WAF policy: letters and digits only, starting with a
// letter.
func (id Identity) WAFPolicy() string {
	n := "waf" + nonAlnum.ReplaceAllString(strings.ToLower(id.Game+id.Env), "")
	if len(n) > MaxWAFPolicy {
		n = n[:MaxWAFPolicy]
	}
	return n
}

// TrafficManagerDNS is the profile's relative DNS name under trafficmanager.net,
// which is globally unique, hence the identity hash.
func (id Identity) TrafficManagerDNS() string {
	body := nonAlnum.ReplaceAllString(strings.ToLower(id.Game+"-"+id.Env), "-")
	room := MaxTrafficManagerDNS - len("tm--") - 4
	if len(body) > room {
		body = strings.Trim(body[:room], "-")
	}
	return "tm-" + body + "-" + id.hash4()
}

// UserAssignedIdentity names a workload identity; code is the region code of a
// regional identity, "" for an environment-wide one.
func (id Identity) UserAssignedIdentity(workload, code string) string {
	return id.Regional("id-"+workload, code)
}

// ValidFrontDoorEndpoint checks Azure's Front Door endpoint name rule.
func ValidFrontDoorEndpoint(n string) error {
	if len(n) < MinFrontDoorEndpoint || len(n) > MaxFrontDoorEndpoint || !afdEndpointRE.MatchString(n) {
		return fmt.Errorf("front door endpoint name %q must be %d-%d letters, digits and '-', starting and ending with a letter or digit", n, MinFrontDoorEndpoint, MaxFrontDoorEndpoint)
	}
	return nil
}

// ValidWAFPolicy checks Azure's Front Door WAF policy name rule.
func ValidWAFPolicy(n string) error {
	if len(n) == 0 || len(n) > MaxWAFPolicy || !wafPolicyRE.MatchString(n) {
		return fmt.Errorf("WAF policy name %q must be 1-%d letters and digits, starting with a letter", n, MaxWAFPolicy)
	}
	return nil
}

// ValidTrafficManagerDNS checks that n is a usable relative DNS name (one DNS label).
func ValidTrafficManagerDNS(n string) error {
	if len(n) == 0 || len(n) > MaxTrafficManagerDNS || !dnsLabelRE.MatchString(n) {
		return fmt.Errorf("traffic manager DNS name %q must be a DNS label of 1-%d lowercase letters, digits and '-'", n, MaxTrafficManagerDNS)
	}
	return nil
}

// Cosmos DB account names: 3-44 lowercase letters, digits and hyphens, starting and
// ending with a letter or digit, globally unique (the endpoint is
// <name>.documents.azure.com).
// https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftdocumentdb
const (
	MaxCosmosAccount = 44
	MinCosmosAccount = 3
)

var cosmosAccountRE = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

// CosmosAccount names the environment's Cosmos DB account: "cosmos-<game>-<env>", or
// when that is too long, shortened with the identity's hash so it stays unique.
func (id Identity) CosmosAccount() string {
	n := id.Regional("cosmos", "")
	if len(n) <= MaxCosmosAccount {
		return n
	}
	return strings.TrimRight(n[:MaxCosmosAccount-5], "-") + "-" + id.hash4()
}

// ValidCosmosAccount checks Azure's Cosmos DB account name rule.
func ValidCosmosAccount(n string) error {
	if len(n) < MinCosmosAccount || len(n) > MaxCosmosAccount || !cosmosAccountRE.MatchString(n) {
		return fmt.Errorf("cosmos DB account name %q must be %d-%d lowercase letters, digits and hyphens, starting and ending with a letter or digit", n, MinCosmosAccount, MaxCosmosAccount)
	}
	return nil
}
