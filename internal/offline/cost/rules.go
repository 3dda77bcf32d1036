package cost

import (
	"fmt"
	"math"
	"strings"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// managedCluster prices an AKS cluster: the control-plane tier, the implicit load
// balancer, and every pool declared inline in agentPoolProfiles.
func (c *calc) managedCluster(r *plan.Resource) (price, error) {
	loc, err := c.location(r)
	if err != nil {
		return price{}, err
	}
	tier, err := optString(r.Inputs, "sku", "tier")
	if err != nil {
		return price{}, err
	}
	if tier == "" {
		tier = "Free" // Azure's default
	}
	tierHourly, ok := c.t.AKS.TierHourly[tier]
	if !ok {
		return price{}, notPricedf("AKS tier %q is not in the price table", tier)
	}
	fixedPart := (tierHourly + c.t.AKS.LoadBalancerHourly) * c.hours()
	p := price{avg: fixedPart, max: fixedPart}
	parts := []string{fmt.Sprintf("%s tier + load balancer %s", tier, usd(fixedPart))}
	pools, _ := lookup(r.Inputs, "agentPoolProfiles")
	list, _ := pools.([]any)
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return price{}, notPricedf("agentPoolProfiles[%d] is not an object", i)
		}
		name, _ := optString(m, "name")
		if name == "" {
			name = fmt.Sprintf("pool%d", i)
		}
		pp, err := c.pool(m, loc)
		if err != nil {
			return price{}, notPricedf("agentPoolProfiles[%d] (%s): %v", i, name, err)
		}
		p.avg += pp.avg
		p.max += pp.max
		parts = append(parts, name+": "+pp.basis)
	}
	p.basis = strings.Join(parts, "; ")
	return p, nil
}

// agentPool prices a separately declared AKS node pool, in its cluster's location.
func (c *calc) agentPool(r *plan.Resource) (price, error) {
	loc := ""
	for _, u := range dependencyURNs(r) {
		if d := c.idx[u]; d != nil && catalog.BaseType(d.Type) == "azure-native:containerservice:ManagedCluster" {
			if l, err := c.location(d); err == nil {
				loc = l
			}
		}
	}
	if loc == "" {
		l, err := c.location(r)
		if err != nil {
			return price{}, err
		}
		loc = l
	}
	return c.pool(r.Inputs, loc)
}

// pool prices a node pool: average nodes = min + utilisation x (max - min) for an
// autoscaled pool (count for a fixed one), each node a VM (spot-discounted for Spot
// pools), its OS disk unless ephemeral, and its public IP unless from a prefix.
func (c *calc) pool(m map[string]any, loc string) (price, error) {
	size, err := reqString(m, "vmSize")
	if err != nil {
		return price{}, err
	}
	vm, err := c.t.VMHourly(size, loc)
	if err != nil {
		return price{}, err
	}
	priority, err := optString(m, "scaleSetPriority")
	if err != nil {
		return price{}, err
	}
	spot := strings.EqualFold(priority, "Spot")
	if spot {
		vm *= c.t.VM.SpotFactor
	}
	auto, err := optBool(m, "enableAutoScaling")
	if err != nil {
		return price{}, err
	}
	var lo, hi float64
	if auto {
		mn, okMin, err := optNumber(m, "minCount")
		if err != nil {
			return price{}, err
		}
		mx, okMax, err := optNumber(m, "maxCount")
		if err != nil {
			return price{}, err
		}
		if !okMin || !okMax {
			return price{}, notPricedf("autoscaled pool without minCount and maxCount")
		}
		if mx < mn {
			return price{}, notPricedf("maxCount %v is below minCount %v", mx, mn)
		}
		lo, hi = mn, mx
	} else {
		n, ok, err := optNumber(m, "count")
		if err != nil {
			return price{}, err
		}
		if !ok {
			return price{}, notPricedf("input count is not set")
		}
		lo, hi = n, n
	}
	avgNodes := lo + c.a.NodePoolUtilisation*(hi-lo)

	perNodeHourly := vm
	extras := ""
	diskType, err := optString(m, "osDiskType")
	if err != nil {
		return price{}, err
	}
	gb, ok, err := optNumber(m, "osDiskSizeGB")
	if err != nil {
		return price{}, err
	}
	if !ok || gb == 0 {
		gb = c.t.AKS.DefaultOSDiskGB
	}
	if diskType == "" {
		// AKS's default: ephemeral when the OS disk fits the VM's cache.
		if cache, known := c.t.VM.EphemeralCacheGB[size]; known && cache >= gb {
			diskType = "Ephemeral"
			extras += " + ephemeral OS disk (AKS default for this size)"
		}
	}
	if !strings.EqualFold(diskType, "Ephemeral") {
		disk, err := c.t.DiskMonthly(gb)
		if err != nil {
			return price{}, err
		}
		perNodeHourly += disk / c.hours()
		extras += fmt.Sprintf(" + %v GB OS disk %s/mo", gb, usd(disk))
	}
	publicIP, err := optBool(m, "enableNodePublicIP")
	if err != nil {
		return price{}, err
	}
	if publicIP {
		// Only whether the nodes draw from a prefix matters, not which one: the
		// prefix's ID is unknown until Azure creates it.
		if !refSet(m, "nodePublicIPPrefixID") {
			perNodeHourly += c.t.PublicIP.StandardHourly
			extras += fmt.Sprintf(" + public IP %s/h", usd(c.t.PublicIP.StandardHourly))
		} else {
			extras += " + public IP from the prefix (priced on the prefix)"
		}
	}
	kind := ""
	if spot {
		kind = fmt.Sprintf(" spot (%.0f%% of list)", c.t.VM.SpotFactor*100)
	}
	count := fmt.Sprintf("%v", lo)
	if hi != lo {
		count = fmt.Sprintf("%v-%v (avg %.1f at %.0f%% utilisation)", lo, hi, avgNodes, c.a.NodePoolUtilisation*100)
	}
	return price{
		avg:   avgNodes * perNodeHourly * c.hours(),
		max:   hi * perNodeHourly * c.hours(),
		basis: fmt.Sprintf("%s x %s @ %s/h%s in %s%s", count, size, usd(vm), kind, loc, extras),
	}, nil
}

func (c *calc) publicIP(r *plan.Resource) (price, error) {
	sku, err := reqString(r.Inputs, "sku", "name")
	if err != nil {
		return price{}, err
	}
	tier, err := optString(r.Inputs, "sku", "tier")
	if err != nil {
		return price{}, err
	}
	var hourly float64
	switch {
	case strings.EqualFold(sku, "Standard") && strings.EqualFold(tier, "Global"):
		hourly = c.t.PublicIP.GlobalHourly
	case strings.EqualFold(sku, "Standard"):
		hourly = c.t.PublicIP.StandardHourly
	case strings.EqualFold(sku, "Basic"):
		hourly = c.t.PublicIP.BasicHourly
	default:
		return price{}, notPricedf("public IP SKU %q is not in the price table", sku)
	}
	return fixed(hourly*c.hours(), fmt.Sprintf("%s public IP @ %s/h", sku, usd(hourly))), nil
}

func (c *calc) publicIPPrefix(r *plan.Resource) (price, error) {
	version, err := optString(r.Inputs, "publicIPAddressVersion")
	if err != nil {
		return price{}, err
	}
	if strings.EqualFold(version, "IPv6") {
		return price{}, notPricedf("IPv6 prefixes are not in the price table")
	}
	bits, ok, err := optNumber(r.Inputs, "prefixLength")
	if err != nil {
		return price{}, err
	}
	if !ok {
		return price{}, notPricedf("input prefixLength is not set")
	}
	if bits < 0 || bits > 32 {
		return price{}, notPricedf("prefixLength %v is not an IPv4 prefix length", bits)
	}
	ips := math.Pow(2, 32-bits)
	hourly := ips * c.t.PublicIPPrefix.PerIPHourly
	return fixed(hourly*c.hours(), fmt.Sprintf("/%v prefix = %.0f IPs @ %s/IP/h", bits, ips, usd(c.t.PublicIPPrefix.PerIPHourly))), nil
}

func (c *calc) natGateway(r *plan.Resource) (price, error) {
	gb := c.a.NATGBProcessedPerGateway
	m := c.t.NATGateway.Hourly*c.hours() + gb*c.t.NATGateway.PerGBProcessed
	return fixed(m, fmt.Sprintf("%s/h + %v GB processed (assumed) @ %s/GB", usd(c.t.NATGateway.Hourly), gb, usd(c.t.NATGateway.PerGBProcessed))), nil
}

// peering prices the traffic the local VNet sends through the peering: intra-region
// rate, or the global rates of the two ends' zones.
func (c *calc) peering(r *plan.Resource) (price, error) {
	local, err := c.vnetLocation(r, "virtualNetworkName", "")
	if err != nil {
		return price{}, err
	}
	// An unknown ID is fine when the property dependency names the remote VNet.
	remoteID, idErr := optString(r.Inputs, "remoteVirtualNetwork", "id")
	if idErr != nil && len(r.PropertyDependencies["remoteVirtualNetwork"]) == 0 {
		return price{}, idErr
	}
	remote, err := c.vnetLocation(r, "remoteVirtualNetwork", remoteID)
	if err != nil {
		return price{}, err
	}
	gb := c.a.PeeringGBPerLink
	if local == remote {
		perGB := 2 * c.t.Peering.IntraRegionPerGB
		return fixed(gb*perGB, fmt.Sprintf("%v GB/mo (assumed) within %s @ %s/GB (out + in)", gb, local, usd(perGB))), nil
	}
	zl, okL := c.t.PeeringZone[local]
	zr, okR := c.t.PeeringZone[remote]
	if !okL || !okR {
		return price{}, notPricedf("no peering zone for %s or %s in the price table", local, remote)
	}
	out := c.t.Peering.GlobalPerGBByZone[fmt.Sprint(zl)]
	in := c.t.Peering.GlobalPerGBByZone[fmt.Sprint(zr)]
	return fixed(gb*(out+in), fmt.Sprintf("%v GB/mo (assumed) %s -> %s global peering @ %s out (zone %d) + %s in (zone %d)", gb, local, remote, usd(out), zl, usd(in), zr)), nil
}

// vnetLocation finds the location of the VNet a peering input refers to: through
// the input's property dependency, else by the name in an ID, else (for the local
// side) the peering's own region.
func (c *calc) vnetLocation(r *plan.Resource, input, id string) (string, error) {
	for _, u := range r.PropertyDependencies[input] {
		if d := c.idx[u]; d != nil && catalog.BaseType(d.Type) == "azure-native:network:VirtualNetwork" {
			return c.location(d)
		}
	}
	if id != "" {
		name := id[strings.LastIndex(id, "/")+1:]
		for _, d := range c.idx {
			if catalog.BaseType(d.Type) != "azure-native:network:VirtualNetwork" {
				continue
			}
			if n, _ := optString(d.Inputs, "virtualNetworkName"); n == name {
				return c.location(d)
			}
		}
		return "", notPricedf("remote virtual network %q is not in the plan", name)
	}
	if input == "virtualNetworkName" && r.Region != "" {
		return r.Region, nil
	}
	return "", notPricedf("cannot find the location of the %s virtual network", input)
}

func (c *calc) privateEndpoint(r *plan.Resource) (price, error) {
	gb := c.a.PrivateEndpointGB
	m := c.t.PrivateEndpoint.Hourly*c.hours() + gb*c.t.PrivateEndpoint.PerGB
	return fixed(m, fmt.Sprintf("%s/h + %v GB (assumed) @ %s/GB", usd(c.t.PrivateEndpoint.Hourly), gb, usd(c.t.PrivateEndpoint.PerGB))), nil
}

// trafficManager prices a Traffic Manager profile: DNS queries plus health checks of
// the endpoints declared inline (separately declared endpoints price themselves).
func (c *calc) trafficManager(r *plan.Resource) (price, error) {
	q := c.a.TrafficManagerQueriesMillions
	m := q * c.t.TrafficManager.PerMillionQueries
	basis := fmt.Sprintf("%vM queries (assumed) @ %s/M", q, usd(c.t.TrafficManager.PerMillionQueries))
	fast, err := c.fastProbes(r)
	if err != nil {
		return price{}, err
	}
	eps, _ := lookup(r.Inputs, "endpoints")
	list, _ := eps.([]any)
	for i, e := range list {
		em, ok := e.(map[string]any)
		if !ok {
			return price{}, notPricedf("endpoints[%d] is not an object", i)
		}
		typ, err := optString(em, "type")
		if err != nil {
			return price{}, err
		}
		v, err := c.endpointMonthly(typ, fast)
		if err != nil {
			return price{}, err
		}
		m += v
	}
	if len(list) > 0 {
		basis += fmt.Sprintf(" + health checks of %d endpoints", len(list))
	}
	return fixed(m, basis), nil
}

func (c *calc) trafficManagerEndpoint(r *plan.Resource) (price, error) {
	typ, err := optString(r.Inputs, "endpointType")
	if err != nil {
		return price{}, err
	}
	if typ == "" {
		if typ, err = optString(r.Inputs, "type"); err != nil {
			return price{}, err
		}
	}
	fast := false
	for _, u := range dependencyURNs(r) {
		if d := c.idx[u]; d != nil && catalog.BaseType(d.Type) == "azure-native:network:Profile" {
			if fast, err = c.fastProbes(d); err != nil {
				return price{}, err
			}
		}
	}
	v, err := c.endpointMonthly(typ, fast)
	if err != nil {
		return price{}, err
	}
	basis := fmt.Sprintf("health checks of a %s endpoint", typ)
	if fast {
		basis += " (fast interval)"
	}
	return fixed(v, basis), nil
}

func (c *calc) fastProbes(profile *plan.Resource) (bool, error) {
	iv, ok, err := optNumber(profile.Inputs, "monitorConfig", "intervalInSeconds")
	return ok && iv == 10, err
}

func (c *calc) endpointMonthly(typ string, fast bool) (float64, error) {
	t := strings.ToLower(typ)
	var v float64
	switch {
	case strings.Contains(t, "azureendpoints"):
		v = c.t.TrafficManager.AzureEndpointMonthly
	case strings.Contains(t, "externalendpoints"):
		v = c.t.TrafficManager.ExternalEndpointMonthly
	case strings.Contains(t, "nestedendpoints"):
		return 0, nil // the nested profile's own endpoints are probed
	default:
		return 0, notPricedf("Traffic Manager endpoint type %q is not in the price table", typ)
	}
	if fast {
		v += c.t.TrafficManager.FastIntervalEndpointMonthly
	}
	return v, nil
}

func (c *calc) dnsZone(r *plan.Resource) (price, error) {
	zt, err := optString(r.Inputs, "zoneType")
	if err != nil {
		return price{}, err
	}
	if strings.EqualFold(zt, "Private") {
		return fixed(c.t.DNS.PrivateZoneMonthly, "private DNS zone"), nil
	}
	q := c.a.DNSQueriesMillions
	m := c.t.DNS.ZoneMonthly + q*c.t.DNS.PerMillionQueries
	return fixed(m, fmt.Sprintf("zone %s/mo + %vM queries (assumed) @ %s/M", usd(c.t.DNS.ZoneMonthly), q, usd(c.t.DNS.PerMillionQueries))), nil
}

func (c *calc) privateDNSZone(r *plan.Resource) (price, error) {
	return fixed(c.t.DNS.PrivateZoneMonthly, fmt.Sprintf("private DNS zone %s/mo", usd(c.t.DNS.PrivateZoneMonthly))), nil
}

// frontDoor prices a Front Door Standard/Premium profile: base fee, egress to
// clients and requests (usage from the tier's assumptions). Classic CDN SKUs are
// not priced.
func (c *calc) frontDoor(r *plan.Resource) (price, error) {
	sku, err := reqString(r.Inputs, "sku", "name")
	if err != nil {
		return price{}, err
	}
	base, ok := c.t.FrontDoor.BaseMonthly[sku]
	if !ok {
		return price{}, notPricedf("CDN SKU %q is not in the price table (Front Door Standard/Premium only)", sku)
	}
	gb, req := c.a.FrontDoorEgressGB, c.a.FrontDoorRequestsMillions
	reqPrice := c.t.FrontDoor.RequestsPer10k[sku]
	m := base + gb*c.t.FrontDoor.EgressPerGB + req*100*reqPrice
	return fixed(m, fmt.Sprintf("%s base %s/mo + %v GB egress (assumed) @ %s/GB + %vM requests (assumed) @ %s/10k",
		sku, usd(base), gb, usd(c.t.FrontDoor.EgressPerGB), req, usd(reqPrice))), nil
}

func (c *calc) storageAccount(r *plan.Resource) (price, error) {
	sku, err := reqString(r.Inputs, "sku", "name")
	if err != nil {
		return price{}, err
	}
	perGB, ok := c.t.Storage.HotPerGBMonth[sku]
	if !ok {
		return price{}, notPricedf("storage SKU %q is not in the price table", sku)
	}
	gb, egress := c.a.StorageGBStored, c.a.StorageEgressGB
	m := gb*perGB + egress*c.t.Storage.InternetEgressPerGB
	return fixed(m, fmt.Sprintf("%v GB stored (assumed) @ %s/GB (%s, hot) + %v GB direct egress (assumed)", gb, usd(perGB), sku, egress)), nil
}

func (c *calc) keyVault(r *plan.Resource) (price, error) {
	sku, err := optString(r.Inputs, "properties", "sku", "name")
	if err != nil {
		return price{}, err
	}
	switch strings.ToLower(sku) {
	case "standard", "premium":
	default:
		return price{}, notPricedf("Key Vault SKU %q is not in the price table", sku)
	}
	ops := c.a.KeyVaultOperations10k
	return fixed(ops*c.t.KeyVault.Per10kOperations, fmt.Sprintf("%v x 10k operations (assumed) @ %s", ops, usd(c.t.KeyVault.Per10kOperations))), nil
}

func (c *calc) registry(r *plan.Resource) (price, error) {
	sku, err := reqString(r.Inputs, "sku", "name")
	if err != nil {
		return price{}, err
	}
	daily, ok := c.t.Registry.DailyBySku[sku]
	if !ok {
		return price{}, notPricedf("registry SKU %q is not in the price table", sku)
	}
	m := daily * c.days()
	extra := math.Max(0, c.a.RegistryGBStored-c.t.Registry.IncludedGB[sku])
	m += extra * c.t.Registry.ExtraPerGBDay * c.days()
	return fixed(m, fmt.Sprintf("%s @ %s/day, %v GB stored (assumed; %v GB included)", sku, usd(daily), c.a.RegistryGBStored, c.t.Registry.IncludedGB[sku])), nil
}

func (c *calc) replication(r *plan.Resource) (price, error) {
	daily := c.t.Registry.DailyBySku["Premium"]
	loc, _ := c.location(r)
	return fixed(daily*c.days(), fmt.Sprintf("geo-replica in %s @ %s/day (Premium rate)", loc, usd(daily))), nil
}

// workspace prices Log Analytics ingestion from the clusters and diagnostic settings
// that send to the workspace (capped by its daily quota), plus retention beyond the
// free period.
func (c *calc) workspace(r *plan.Resource) (price, error) {
	sku, err := optString(r.Inputs, "sku", "name")
	if err != nil {
		return price{}, err
	}
	if sku != "" && !strings.EqualFold(sku, "PerGB2018") {
		return price{}, notPricedf("workspace SKU %q is not in the price table (PerGB2018 only)", sku)
	}
	ls := c.logs[r.URN]
	if ls == nil {
		ls = &logSources{}
	}
	daily := float64(ls.clusters)*c.a.LogGBPerDayPerCluster + float64(ls.settings)*c.a.LogGBPerDayPerDiagnosticSetting
	basis := fmt.Sprintf("%d clusters x %v GB/day + %d diagnostic settings x %v GB/day (assumed)", ls.clusters, c.a.LogGBPerDayPerCluster, ls.settings, c.a.LogGBPerDayPerDiagnosticSetting)
	quota, ok, err := optNumber(r.Inputs, "workspaceCapping", "dailyQuotaGb")
	if err != nil {
		return price{}, err
	}
	if ok && quota > 0 && daily > quota {
		daily = quota
		basis += fmt.Sprintf(", capped at the %v GB/day quota", quota)
	}
	m := daily * c.days() * c.t.LogAnalytics.PerGBIngested
	basis += fmt.Sprintf(" @ %s/GB", usd(c.t.LogAnalytics.PerGBIngested))
	ret, ok, err := optNumber(r.Inputs, "retentionInDays")
	if err != nil {
		return price{}, err
	}
	if ok && ret > c.t.LogAnalytics.FreeRetentionDays {
		kept := daily * (ret - c.t.LogAnalytics.FreeRetentionDays)
		m += kept * c.t.LogAnalytics.RetentionPerGBMonth
		basis += fmt.Sprintf(" + retention of %.0f GB beyond %v days", kept, c.t.LogAnalytics.FreeRetentionDays)
	}
	return fixed(m, basis), nil
}
