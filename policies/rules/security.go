package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

func init() {
	register(
		&Policy{
			Name:        "storage-no-public-blob-access",
			Description: "Storage accounts refuse anonymous blob access and no container is public.",
			Category:    Security,
			Types:       []string{TypeStorageAccount, TypeBlobContainer},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if r.Type == TypeBlobContainer {
					requireOneOf(rep, r, "publicAccess", []string{"None"}, true, "containers are never anonymously readable")
					return
				}
				requireBool(rep, r, "allowBlobPublicAccess", false, false, "no anonymous blob access")
			},
		},
		&Policy{
			Name:        "storage-https-only",
			Description: "Storage accounts accept HTTPS traffic only.",
			Category:    Security,
			Types:       []string{TypeStorageAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "enableHttpsTrafficOnly", true, false, "plain HTTP is refused")
			},
		},
		&Policy{
			Name:        "storage-min-tls",
			Description: "Storage accounts require TLS 1.2 or later.",
			Category:    Security,
			Types:       []string{TypeStorageAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "minimumTlsVersion", []string{"TLS1_2", "TLS1_3"}, false, "TLS 1.0 and 1.1 are refused")
			},
		},
		&Policy{
			Name:        "storage-shared-key-disabled",
			Description: "Storage accounts disable shared-key (account key) access in the tiers that require Entra ID only (tier profile: Storage.SharedKeyDisabled).",
			Category:    Security,
			Types:       []string{TypeStorageAccount},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if !e.Profile(r).Storage.SharedKeyDisabled {
					return
				}
				requireBool(rep, r, "allowSharedKeyAccess", false, false, fmt.Sprintf("Entra ID authorization only in %s", e.TierOf(r)))
			},
		},
		&Policy{
			Name:        "storage-network-rules",
			Description: "Storage accounts set network rules (explicit default action, Azure services bypass). The public endpoint stays in every tier: Front Door reads patches from it with its identity (frontdoor-storage-origin-identity), and every request needs Entra ID (storage-shared-key-off, storage-no-public-blob-access).",
			Category:    Security,
			Types:       []string{TypeStorageAccount},
			Resource:    checkStorageNetwork,
		},
		&Policy{
			Name:        "aks-entra-rbac",
			Description: "AKS clusters use Entra ID integration with Azure RBAC for Kubernetes authorization.",
			Category:    Security,
			Types:       []string{TypeManagedCluster},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "aadProfile.managed", true, false, "managed Entra ID integration")
				requireBool(rep, r, "aadProfile.enableAzureRBAC", true, false, "Azure RBAC for Kubernetes authorization")
				requireBool(rep, r, "enableRBAC", true, true, "Kubernetes RBAC stays on")
			},
		},
		&Policy{
			Name:        "aks-local-accounts-disabled",
			Description: "AKS clusters disable local accounts, so every access goes through Entra ID.",
			Category:    Security,
			Types:       []string{TypeManagedCluster},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "disableLocalAccounts", true, false, "no static admin kubeconfig")
			},
		},
		&Policy{
			Name:        "aks-network-policy",
			Description: "AKS clusters enforce Kubernetes network policy (azure, calico or cilium).",
			Category:    Security,
			Types:       []string{TypeManagedCluster},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "networkProfile.networkPolicy", []string{"azure", "calico", "cilium"}, false, "pod traffic is filtered")
			},
		},
		&Policy{
			Name:        "aks-api-server-restricted",
			Description: "AKS API servers are private or restricted to authorized IP ranges, never open to the whole Internet.",
			Category:    Security,
			Types:       []string{TypeManagedCluster},
			Resource:    checkAPIServer,
		},
		&Policy{
			Name:        "aks-workload-identity",
			Description: "AKS clusters enable workload identity and the OIDC issuer, so pods use federated identities instead of secrets.",
			Category:    Security,
			Types:       []string{TypeManagedCluster},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "securityProfile.workloadIdentity.enabled", true, false, "pods authenticate with workload identity")
				requireBool(rep, r, "oidcIssuerProfile.enabled", true, false, "the OIDC issuer backs workload identity")
			},
		},
		&Policy{
			Name:        "aks-no-ssh-from-internet",
			Description: "AKS node pools with public IPs run in a platform subnet (whose NSG refuses SSH/RDP from the Internet), and clusters with such pools carry no SSH key.",
			Category:    Security,
			Types:       []string{TypeManagedCluster, TypeAgentPool},
			Resource:    checkAKSSSH,
		},
		&Policy{
			Name:         "nsg-internet-inbound",
			Description:  "NSGs allow inbound traffic from the Internet only to the game UDP port range (and QoS port) on game subnets.",
			Category:     Security,
			Types:        []string{TypeNSG, TypeSecurityRule},
			Resource:     checkNSGInternet,
			Dependencies: true,
		},
		&Policy{
			Name:        "nsg-no-ssh-rdp-from-internet",
			Description: "NSGs never allow SSH (22) or RDP (3389) from the Internet.",
			Category:    Security,
			Types:       []string{TypeNSG, TypeSecurityRule},
			Resource:    checkNSGAdminPorts,
		},
		&Policy{
			Name:        "keyvault-rbac",
			Description: "Key Vaults use Azure RBAC authorization, not access policies.",
			Category:    Security,
			Types:       []string{TypeKeyVault},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "properties.enableRbacAuthorization", true, false, "Azure RBAC data-plane authorization")
			},
		},
		&Policy{
			Name:        "keyvault-purge-protection",
			Description: "Key Vaults enable purge protection, so deleted secrets cannot be purged before retention ends.",
			Category:    Security,
			Types:       []string{TypeKeyVault},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "properties.enablePurgeProtection", true, false, "deleted vaults and secrets cannot be purged early")
			},
		},
		&Policy{
			Name:        "keyvault-soft-delete",
			Description: "Key Vaults keep soft delete on with at least the tier's retention (tier profile: KeyVault.SoftDeleteDays).",
			Category:    Security,
			Types:       []string{TypeKeyVault},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireBool(rep, r, "properties.enableSoftDelete", true, true, "soft delete stays on")
				min := e.Profile(r).KeyVault.SoftDeleteDays
				// NOTE: Azure's default retention is 90 days when the input is not set.
				requireMinNumber(rep, r, "properties.softDeleteRetentionInDays", float64(min), 90, "soft-delete retention in days")
			},
		},
		&Policy{
			Name:        "keyvault-public-access",
			Description: "Key Vaults in the tiers without public vault access (prod; tier profile: KeyVault.PublicNetworkAccess) disable public network access (a default action of Deny alone is not enough).",
			Category:    Security,
			Types:       []string{TypeKeyVault},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				if e.Profile(r).KeyVault.PublicNetworkAccess {
					return
				}
				denyPublic(rep, r, "properties.publicNetworkAccess", "properties.networkAcls.defaultAction", fmt.Sprintf("the vault is reachable only through private endpoints or trusted services in %s", e.TierOf(r)))
			},
		},
		&Policy{
			Name:        "registry-admin-user-disabled",
			Description: "Container registries keep the admin user off; pulls use Entra ID identities.",
			Category:    Security,
			Types:       []string{TypeRegistry},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				// NOTE: Azure's default for adminUserEnabled is false.
				requireBool(rep, r, "adminUserEnabled", false, true, "no shared admin credentials")
			},
		},
		&Policy{
			Name:        "registry-anonymous-pull-disabled",
			Description: "Container registries refuse anonymous (unauthenticated) pulls.",
			Category:    Security,
			Types:       []string{TypeRegistry},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				// NOTE: Azure's default for anonymousPullEnabled is false.
				requireBool(rep, r, "anonymousPullEnabled", false, true, "every pull is authenticated")
			},
		},
		&Policy{
			Name:        "frontdoor-https-only",
			Description: "Front Door routes serve HTTPS only (HTTP is redirected to HTTPS) and never forward to origins over plain HTTP.",
			Category:    Security,
			Types:       []string{TypeRoute},
			Resource:    checkRouteHTTPS,
		},
		&Policy{
			Name:        "frontdoor-min-tls",
			Description: "Front Door custom domains require TLS 1.2 or later.",
			Category:    Security,
			Types:       []string{TypeAFDCustomDomain},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "tlsSettings.minimumTlsVersion", []string{"TLS12", "TLS13"}, false, "TLS 1.0 and 1.1 are refused")
			},
		},
		&Policy{
			Name:        "frontdoor-waf-mode",
			Description: "Front Door WAF policies are enabled, in Prevention mode in the tiers that block (staging, prod; tier profile: FrontDoor.WAFMode).",
			Category:    Security,
			Types:       []string{TypeFrontDoorWAF},
			Resource: func(e *Env, r *Resource, rep *Reporter) {
				requireOneOf(rep, r, "policySettings.enabledState", []string{"Enabled"}, false, "the WAF inspects traffic")
				if mode := e.Profile(r).FrontDoor.WAFMode; mode == tier.WAFPrevention {
					requireOneOf(rep, r, "policySettings.mode", []string{mode}, false, fmt.Sprintf("the WAF blocks attacks in %s, not only logs them", e.TierOf(r)))
				}
			},
		},
		&Policy{
			Name:        "frontdoor-waf-attached",
			Description: "Every Front Door endpoint is covered by a security policy that attaches a WAF policy.",
			Category:    Security,
			Stack:       checkWAFAttached,
		},
	)
}

// denyPublic checks that a resource's public endpoint is disabled. A default action
// of "Deny" does not close it: the endpoint still answers every address its IP and
// virtual-network rules allow (and any rule added later), while "Disabled" refuses
// all public traffic whatever the rules say — what Azure's built-in policies "Azure
// Key Vault should disable public network access" and "Storage accounts should
// disable public network access" require
// (https://learn.microsoft.com/azure/key-vault/general/network-security,
// https://learn.microsoft.com/azure/storage/common/storage-network-security).
// Azure's default when the input is not set is "Enabled".
func denyPublic(rep *Reporter, r *Resource, accessPath, defaultActionPath, why string) {
	access, ast := r.get(accessPath)
	if ast == present {
		if s, _ := asString(access); strings.EqualFold(s, "Disabled") {
			return
		}
	}
	if ast == unknown {
		rep.Undecided("%s: %s is unknown at preview, so public access cannot be confirmed off; expected %s \"Disabled\" (%s)", r.label(), accessPath, accessPath, why)
		return
	}
	action, dst := r.get(defaultActionPath)
	rep.Report("%s: public access is open (%s %s, %s %s); expected %s \"Disabled\" (%s)", r.label(), accessPath, describe(access, ast), defaultActionPath, describe(action, dst), accessPath, why)
}

func describe(v any, st state) string {
	if st == missing {
		return "not set"
	}
	return "= " + fmtValue(v)
}

func checkStorageNetwork(e *Env, r *Resource, rep *Reporter) {
	rs, st := r.get("networkRuleSet")
	switch st {
	case unknown:
		rep.Undecided("%s: networkRuleSet is unknown at preview, so its network rules cannot be confirmed; expected an explicit defaultAction with bypass \"AzureServices\"", r.label())
		return
	case missing:
		rep.Report("%s: networkRuleSet is not set; expected explicit network rules (defaultAction, bypass \"AzureServices\")", r.label())
		return
	}
	if _, ok := asMap(rs); !ok {
		rep.Report("%s: networkRuleSet is %s; expected an object with defaultAction and bypass", r.label(), fmtValue(rs))
		return
	}
	requireOneOf(rep, r, "networkRuleSet.defaultAction", []string{"Allow", "Deny"}, false, "network rules state their default")
	if v, st := r.get("networkRuleSet.bypass"); st == unknown {
		rep.Undecided("%s: networkRuleSet.bypass is unknown at preview; expected it to include \"AzureServices\"", r.label())
	} else if s, _ := asString(v); st == present && !strings.Contains(s, "AzureServices") {
		rep.Report("%s: networkRuleSet.bypass is %s; expected it to include \"AzureServices\" (platform services keep access)", r.label(), fmtValue(v))
	}
}

func checkAPIServer(e *Env, r *Resource, rep *Reporter) {
	priv, pst := r.get("apiServerAccessProfile.enablePrivateCluster")
	if pst == present {
		if b, _ := asBool(priv); b {
			return
		}
	}
	ranges, rst := r.get("apiServerAccessProfile.authorizedIPRanges")
	if pst == unknown || rst == unknown || hasOpaque(ranges) {
		rep.Undecided("%s: apiServerAccessProfile is unknown at preview, so the API server cannot be confirmed private or restricted; expected enablePrivateCluster true or authorizedIPRanges covering only the admin networks", r.label())
		return
	}
	list, _ := asStrings(ranges)
	if len(list) == 0 {
		rep.Report("%s: the API server is public with no authorizedIPRanges (open to the whole Internet); expected apiServerAccessProfile.enablePrivateCluster true or authorizedIPRanges listing the admin networks", r.label())
		return
	}
	// Judged by the addresses the ranges cover, with the environment validation's
	// own function: 0.0.0.0/1 plus 128.0.0.0/1 is as open as 0.0.0.0/0.
	for _, f := range spec.JudgeAuthorizedRanges(list) {
		rep.Report("%s: apiServerAccessProfile.authorizedIPRanges[%d]: %s; expected only the admin networks' CIDRs", r.label(), f.Index, f.Message)
	}
}

func checkAKSSSH(e *Env, r *Resource, rep *Reporter) {
	publicPool := ""
	for _, p := range pools(r) {
		v, st := p.get("enableNodePublicIP")
		if st == unknown {
			rep.Undecided("%s: %s enableNodePublicIP is unknown at preview, so SSH exposure cannot be judged; expected false, or a platform subnet (vnetSubnetID)", r.label(), p.path)
			continue
		}
		if b, _ := asBool(v); st != present || !b {
			continue
		}
		publicPool = p.path
		if _, sst := p.get("vnetSubnetID"); sst == missing {
			rep.Report("%s: %s has public node IPs but no vnetSubnetID, so no platform NSG guards SSH/RDP; expected vnetSubnetID of the game subnet", r.label(), p.path)
		}
	}
	if r.Type != TypeManagedCluster || publicPool == "" {
		return
	}
	if v, st := r.get("linuxProfile.ssh.publicKeys"); st == unknown {
		rep.Undecided("%s: linuxProfile.ssh is unknown at preview; expected no SSH key on a cluster with public nodes (%s)", r.label(), publicPool)
	} else if l, _ := asList(v); st == present && len(l) > 0 {
		rep.Report("%s: linuxProfile.ssh sets SSH keys while %s has public node IPs; expected no linuxProfile SSH key (use `kubectl debug` through the API server)", r.label(), publicPool)
	}
}

// nsgRule is one inbound/outbound rule, from an NSG's securityRules or a
// SecurityRule resource.
type nsgRule struct {
	label  string
	inputs map[string]any
	opaque bool
}

func (n nsgRule) get(path string) (any, state) {
	if n.opaque {
		return nil, unknown
	}
	return lookup(n.inputs, path)
}

// nsgRules returns the rules a resource defines and the NSG's name; "" when it is
// unknown at preview and no property dependency names the NSG.
func nsgRules(r *Resource) (rules []nsgRule, nsgName string) {
	switch r.Type {
	case TypeSecurityRule:
		nsgName = r.Name
		if v, st := r.get("networkSecurityGroupName"); st == present {
			nsgName, _ = asString(v)
		} else if st == unknown {
			// The NSG's name comes from the NSG resource, not yet created; its
			// logical name is in the URN the property dependency records.
			nsgName = ""
			for _, u := range r.PropertyDependencies["networkSecurityGroupName"] {
				if typ, name := urnTypeName(u); typ == TypeNSG {
					nsgName = name
				}
			}
		}
		name := r.Name
		if v, st := r.get("securityRuleName"); st == present {
			name, _ = asString(v)
		}
		return []nsgRule{{label: fmt.Sprintf("rule %q", name), inputs: r.Inputs}}, nsgName
	case TypeNSG:
		nsgName = r.Name
		if v, st := r.get("networkSecurityGroupName"); st == present {
			if s, ok := asString(v); ok && !isOpaque(s) {
				nsgName = s
			}
		}
		v, st := r.get("securityRules")
		if st == unknown {
			return []nsgRule{{label: "securityRules", opaque: true}}, nsgName
		}
		list, _ := asList(v)
		for i, e := range list {
			m, ok := asMap(e)
			label := fmt.Sprintf("securityRules[%d]", i)
			if ok {
				if n, ok := m["name"].(string); ok {
					label = fmt.Sprintf("securityRules[%d] (%q)", i, n)
				}
			}
			rules = append(rules, nsgRule{label: label, inputs: m, opaque: !ok})
		}
	}
	return rules, nsgName
}

// isAnySource reports whether an address prefix means "anywhere on the Internet".
func isAnySource(p string) bool {
	switch strings.ToLower(strings.TrimSpace(p)) {
	case "*", "internet", "any", "0.0.0.0/0", "::/0", "0.0.0.0":
		return true
	}
	return false
}

// inboundFromInternet reports whether a rule allows inbound traffic from the
// Internet; st is unknown when that cannot be decided.
func inboundFromInternet(n nsgRule) (bool, state) {
	for _, key := range []string{"direction", "access"} {
		if _, st := n.get(key); st == unknown {
			return false, unknown
		}
	}
	dir, _ := n.get("direction")
	acc, _ := n.get("access")
	if d, _ := asString(dir); !strings.EqualFold(d, "Inbound") {
		return false, present
	}
	if a, _ := asString(acc); !strings.EqualFold(a, "Allow") {
		return false, present
	}
	var sources []string
	if v, st := n.get("sourceAddressPrefix"); st == unknown {
		return false, unknown
	} else if st == present {
		s, _ := asString(v)
		sources = append(sources, s)
	}
	if v, st := n.get("sourceAddressPrefixes"); st == unknown || hasOpaque(v) {
		return false, unknown
	} else if st == present {
		l, _ := asStrings(v)
		sources = append(sources, l...)
	}
	// Judged by the addresses the sources cover, with the function that judges the
	// API server's authorized ranges: 0.0.0.0/1 plus 128.0.0.0/1 is the Internet
	// just as "*" is, while an operator network (at most a /16 of public space) is not.
	var cidrs []string
	for _, s := range sources {
		if isAnySource(s) {
			return true, present
		}
		if _, err := spec.ParseAuthorizedRange(s); err == nil {
			cidrs = append(cidrs, s) // service tags other than Internet are not addresses
		}
	}
	return len(spec.JudgeAuthorizedRanges(cidrs)) > 0, present
}

// portRange is an inclusive range of ports.
type portRange struct{ lo, hi int }

func (p portRange) String() string {
	if p.lo == p.hi {
		return strconv.Itoa(p.lo)
	}
	if p.lo == 0 && p.hi == 65535 {
		return "*"
	}
	return fmt.Sprintf("%d-%d", p.lo, p.hi)
}

func parsePortRange(s string) (portRange, bool) {
	s = strings.TrimSpace(s)
	if s == "*" || strings.EqualFold(s, "any") {
		return portRange{0, 65535}, true
	}
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return portRange{}, false
	}
	if !isRange {
		return portRange{a, a}, true
	}
	b, err := strconv.Atoi(strings.TrimSpace(hi))
	if err != nil || b < a {
		return portRange{}, false
	}
	return portRange{a, b}, true
}

// destPorts returns a rule's destination port ranges; st unknown when not inspectable.
func destPorts(n nsgRule) ([]portRange, state) {
	var raw []string
	if v, st := n.get("destinationPortRange"); st == unknown {
		return nil, unknown
	} else if st == present {
		s, _ := asString(v)
		raw = append(raw, s)
	}
	if v, st := n.get("destinationPortRanges"); st == unknown || hasOpaque(v) {
		return nil, unknown
	} else if st == present {
		l, _ := asStrings(v)
		raw = append(raw, l...)
	}
	if len(raw) == 0 {
		// NOTE: a rule without destination ports matches every port.
		return []portRange{{0, 65535}}, present
	}
	out := make([]portRange, 0, len(raw))
	for _, s := range raw {
		p, ok := parsePortRange(s)
		if !ok {
			p = portRange{0, 65535} // unparseable: judge it as widest
		}
		out = append(out, p)
	}
	return out, present
}

func protocolOf(n nsgRule) (string, state) {
	v, st := n.get("protocol")
	if st != present {
		if st == missing {
			return "*", present
		}
		return "", st
	}
	s, _ := asString(v)
	return s, present
}

// urnTypeName returns the type and logical name a URN names.
func urnTypeName(urn string) (typ, name string) {
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return "", ""
	}
	typ = parts[len(parts)-2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return catalog.BaseType(typ), parts[len(parts)-1]
}

// isGameNSG reports whether an NSG guards a game-server subnet (its name says "game").
func isGameNSG(name string) bool {
	return strings.Contains(strings.ToLower(name), "game")
}

func checkNSGInternet(e *Env, r *Resource, rep *Reporter) {
	rules, nsgName := nsgRules(r)
	ports := e.gamePorts()
	game := portRange{ports.Start, ports.End}
	qos := portRange{ports.QoSPort, ports.QoSPort}
	for _, n := range rules {
		open, st := inboundFromInternet(n)
		if st == unknown {
			rep.Undecided("%s: %s is unknown at preview, so it cannot be confirmed not to open inbound traffic from the Internet; expected Internet inbound only to UDP %s and %d on game subnets", r.label(), n.label, game, ports.QoSPort)
			continue
		}
		if !open {
			continue
		}
		proto, pst := protocolOf(n)
		dps, dst := destPorts(n)
		if pst == unknown || dst == unknown {
			rep.Undecided("%s: %s allows inbound from the Internet with protocol/ports unknown at preview; expected only UDP %s and %d on game subnets", r.label(), n.label, game, ports.QoSPort)
			continue
		}
		if nsgName == "" {
			rep.Undecided("%s: %s allows inbound from the Internet on an NSG whose name is unknown at preview, so it cannot be confirmed to guard a game subnet; expected Internet inbound only to UDP %s and %d on game subnets", r.label(), n.label, game, ports.QoSPort)
			continue
		}
		if !isGameNSG(nsgName) {
			rep.Report("%s: %s allows inbound from the Internet on NSG %q, which guards no game subnet; expected no Internet inbound rule there", r.label(), n.label, nsgName)
			continue
		}
		var bad []string
		for _, p := range dps {
			if !(within(p, game) || within(p, qos)) {
				bad = append(bad, p.String())
			}
		}
		if !strings.EqualFold(proto, "Udp") || len(bad) > 0 {
			got := make([]string, len(dps))
			for i, p := range dps {
				got[i] = p.String()
			}
			rep.Report("%s: %s allows inbound from the Internet on protocol %q ports %s; expected only UDP within %s or the QoS port %d", r.label(), n.label, proto, strings.Join(got, ","), game, ports.QoSPort)
		}
	}
}

func within(p, outer portRange) bool { return p.lo >= outer.lo && p.hi <= outer.hi }

func checkNSGAdminPorts(e *Env, r *Resource, rep *Reporter) {
	rules, _ := nsgRules(r)
	for _, n := range rules {
		open, st := inboundFromInternet(n)
		if st == unknown {
			rep.Undecided("%s: %s is unknown at preview, so it cannot be confirmed not to open SSH (22) or RDP (3389) to the Internet", r.label(), n.label)
			continue
		}
		if !open {
			continue
		}
		proto, pst := protocolOf(n)
		dps, dst := destPorts(n)
		if pst == unknown || dst == unknown {
			rep.Undecided("%s: %s allows inbound from the Internet with protocol/ports unknown at preview; expected never SSH (22) or RDP (3389)", r.label(), n.label)
			continue
		}
		if strings.EqualFold(proto, "Udp") || strings.EqualFold(proto, "Icmp") {
			continue
		}
		for _, p := range dps {
			for _, admin := range []int{22, 3389} {
				if admin >= p.lo && admin <= p.hi {
					rep.Report("%s: %s allows port %d (%s) from the Internet (ports %s); expected never SSH (22) or RDP (3389) from the Internet", r.label(), n.label, admin, map[int]string{22: "SSH", 3389: "RDP"}[admin], p)
				}
			}
		}
	}
}

func checkRouteHTTPS(e *Env, r *Resource, rep *Reporter) {
	protocols := []string{"Http", "Https"} // NOTE: Azure's default serves both.
	if v, st := r.get("supportedProtocols"); st == unknown || hasOpaque(v) {
		rep.Undecided("%s: supportedProtocols is unknown at preview; expected [\"Https\"] or HTTP redirected to HTTPS", r.label())
		return
	} else if st == present {
		protocols, _ = asStrings(v)
	}
	if containsFold(protocols, "Http") {
		requireOneOf(rep, r, "httpsRedirect", []string{"Enabled"}, false, "the route serves HTTP, which must redirect to HTTPS")
	}
	requireOneOf(rep, r, "forwardingProtocol", []string{"HttpsOnly", "MatchRequest"}, true, "origins are reached over HTTPS")
	if v, st := r.get("forwardingProtocol"); st == present {
		if s, _ := asString(v); strings.EqualFold(s, "MatchRequest") && containsFold(protocols, "Http") {
			if hv, hst := r.get("httpsRedirect"); hst == present {
				if h, _ := asString(hv); strings.EqualFold(h, "Enabled") {
					return
				}
			}
			rep.Report("%s: forwardingProtocol \"MatchRequest\" with HTTP served forwards plain HTTP to origins; expected \"HttpsOnly\"", r.label())
		}
	}
}

func endpointName(ep *Resource) string {
	if v, st := ep.get("endpointName"); st == present {
		if s, ok := asString(v); ok {
			return s
		}
	}
	return ep.Name
}
