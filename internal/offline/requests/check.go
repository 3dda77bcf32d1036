package requests

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gameplatform/platform/internal/model/addressplan"
	"github.com/gameplatform/platform/internal/model/capacity"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// Context is what Check needs besides the request itself.
type Context struct {
	// Now is the day the request is checked (expiry limits count from it).
	Now time.Time
	// EnvDir is the stack config directory (environments/); an environment whose
	// Pulumi.<name>.yaml exists there cannot be requested again.
	EnvDir string
}

// RegionSizing is one region of a checked request: the capacity model's sizing and
// the size of the address block it needs.
type RegionSizing struct {
	Name      string
	Capacity  capacity.Plan
	BlockBits int
}

// Checked is a request that passed every check, with each region's sizing.
type Checked struct {
	*Request
	Regions []RegionSizing
}

// Check parses the request document and checks its shape and meaning. It returns a
// *spec.ConfigError listing every problem, each naming source and the field.
func Check(source string, data []byte, c Context) (*Checked, error) {
	req, p, fatal := parse(source, data)
	if fatal != nil {
		return nil, fatal
	}
	sizes := check(req, p, c)
	if err := p.err(source); err != nil {
		return nil, err
	}
	return &Checked{Request: req, Regions: sizes}, nil
}

// CheckFile is Check on the file at path.
func CheckFile(path string, c Context) (*Checked, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	return Check(path, data, c)
}

func check(r *Request, p *problems, c Context) []RegionSizing {
	checkName(r, p, c)
	for i, o := range r.Owners {
		if err := spec.ValidateEmail(o); err != nil {
			p.add(fmt.Sprintf("owners[%d]", i), "%v", err)
		}
		if j := slices.Index(r.Owners[:i], o); j >= 0 {
			p.add(fmt.Sprintf("owners[%d]", i), "%q is already listed as owners[%d]", o, j)
		}
	}
	if r.CostCenter != "" && strings.TrimSpace(r.CostCenter) == "" {
		p.add("costCenter", "must not be blank")
	}
	checkExpiry(r, p, c.Now)
	checkData(r, p)
	if r.Spot && r.Tier.Valid() && !tier.Of(r.Tier).SpotAllowed {
		p.add("spot", "spot VMs can be evicted mid-match and are not allowed in %s", r.Tier)
	}
	vm, vmOK := spec.VMSizes[r.VM()]
	if !vmOK {
		p.add("vmSize", "VM size %q is not in the platform catalogue%s", r.VMSize, spec.Suggest(r.VMSize, spec.VMSizeNames()))
	} else if err := tier.Of(r.Tier).CheckVMSize(r.VM()); r.Tier.Valid() && err != nil {
		p.add("vmSize", "%v", err)
		vmOK = false
	}
	serverOK := r.PlayersPerServer > 0 && r.PlayersPerServer <= spec.MaxPlayersPerServer &&
		r.VCPU() >= MinVCPUPerServer && r.VCPU() <= spec.MaxVCPUPerServer
	if vmOK && serverOK && capacity.ServersPerNode(r.demand(0).VM, r.VCPU()) < 1 {
		p.add("vcpuPerServer", "a %v-vCPU game server does not fit a %s (%d vCPU, %.0f GiB); pick a larger vmSize or smaller servers",
			r.VCPU(), vm.Name, vm.VCPU, vm.MemoryGiB)
		serverOK = false
	}
	return checkRegions(r, p, vmOK && serverOK)
}

func checkName(r *Request, p *problems, c Context) {
	if r.Environment == "" {
		return // the schema reports it missing
	}
	base := strings.TrimSuffix(filepath.Base(r.Source), filepath.Ext(r.Source))
	if base != r.Environment {
		p.add("environment", "%q does not match the file name %s; a request lives in %s/<environment>.yaml",
			r.Environment, filepath.Base(r.Source), RequestsDir)
	}
	if c.EnvDir == "" {
		return
	}
	existing := spec.StackFile(c.EnvDir, r.Environment)
	if _, err := os.Stat(existing); err == nil {
		p.add("environment", "an environment named %q already exists (%s); pick another name", r.Environment, existing)
	} else if !errors.Is(err, os.ErrNotExist) {
		p.add("environment", "checking for an existing environment: %v", err)
	}
}

func checkExpiry(r *Request, p *problems, now time.Time) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if !r.Tier.Valid() {
		return // the schema reports it
	}
	maxDays := MaxLifetimeDays(r.Tier)
	if !tier.Of(r.Tier).ExpiryRequired() {
		if r.ExpiresOn != "" {
			p.add("expiresOn", "%s environments do not expire; remove expiresOn", r.Tier)
		}
		return
	}
	latest := today.AddDate(0, 0, maxDays)
	if r.ExpiresOn == "" {
		p.add("expiresOn", "is required for %s environments: the last day it may run, at most %d days ahead (by %s)",
			r.Tier, maxDays, latest.Format(time.DateOnly))
		return
	}
	t, err := time.Parse(time.DateOnly, r.ExpiresOn)
	if err != nil {
		p.add("expiresOn", "%q is not a date (YYYY-MM-DD)", r.ExpiresOn)
		return
	}
	switch {
	case t.Before(today):
		p.add("expiresOn", "%s is in the past (today is %s)", r.ExpiresOn, today.Format(time.DateOnly))
	case t.After(latest):
		p.add("expiresOn", "%s is %d days away; %s environments live at most %d days (by %s)",
			r.ExpiresOn, int(t.Sub(today).Hours()/24), r.Tier, maxDays, latest.Format(time.DateOnly))
	}
}

func checkRegions(r *Request, p *problems, canSize bool) []RegionSizing {
	if len(r.Regions) == 0 {
		return nil // the schema reports it
	}
	tierKnown := slices.Contains(spec.Tiers, r.Tier)
	if limit := MaxRegions(r.Tier); tierKnown && len(r.Regions) > limit {
		p.add("regions", "%d regions requested; %s environments span at most %d", len(r.Regions), r.Tier, limit)
	}
	seen := map[string]int{}
	var out []RegionSizing
	for i, reg := range r.Regions {
		path := fmt.Sprintf("regions[%d]", i)
		regionOK := true
		switch _, known := spec.Regions[reg.Name]; {
		case reg.Name == "":
			regionOK = false // the schema reports it
		case !known:
			p.add(path+".name", "unknown Azure region %q%s", reg.Name, spec.Suggest(reg.Name, spec.RegionNames()))
			regionOK = false
		case tierKnown && tier.Of(r.Tier).CheckRegion(reg.Name) != nil:
			p.add(path+".name", "%v", tier.Of(r.Tier).CheckRegion(reg.Name))
			regionOK = false
		}
		if j, dup := seen[reg.Name]; dup && reg.Name != "" {
			p.add(path+".name", "region %q is already listed as regions[%d]", reg.Name, j)
			regionOK = false
		} else if reg.Name != "" {
			seen[reg.Name] = i
		}
		if reg.PeakPlayers <= 0 {
			p.add(path+".peakPlayers", "must be greater than 0, got %d", reg.PeakPlayers)
			continue
		}
		if reg.PeakPlayers > MaxPeakPlayers {
			continue // the schema reports it
		}
		if !canSize || !tierKnown {
			continue
		}
		plan, err := capacity.Size(r.demand(reg.PeakPlayers), spec.CapacityOptions(r.Tier))
		if err != nil {
			p.add(path+".peakPlayers", "%v", err)
			continue
		}
		bits, err := addressplan.BlockBits(r.Tier, plan.GameSubnetAddresses())
		if err != nil {
			p.add(path+".peakPlayers", "%v", err)
			continue
		}
		if regionOK {
			out = append(out, RegionSizing{Name: reg.Name, Capacity: plan, BlockBits: bits})
		}
	}
	return out
}

// demand is the capacity model's view of a region of the request, through the same
// spec conversion the stack uses, so the request is sized exactly as the
// environment it generates.
func (r *Request) demand(peakPlayers int) capacity.Demand {
	return spec.Capacity{
		PeakPlayers:      peakPlayers,
		PlayersPerServer: r.PlayersPerServer,
		VCPUPerServer:    r.VCPU(),
		VMSize:           r.VM(),
		Spot:             r.Spot,
	}.Demand()
}

// checkData checks the player-data needs against what the store can be sized to
// (the schema bounds them too; this says why, for requests parsed leniently).
func checkData(r *Request, p *problems) {
	if r.Data == nil {
		return
	}
	if ru := r.Data.PeakRequestUnits; ru < 0 || ru > spec.MaxPlayerDataThroughput {
		p.add("data.peakRequestUnits", "must be 1-%d RU/s (autoscale's maximum per region without a support request), got %d", spec.MaxPlayerDataThroughput, ru)
	}
	if gb := r.Data.StorageGiB; gb < 0 || gb > spec.MaxPlayerDataStorageGiB {
		p.add("data.storageGiB", "must be 1-%d GiB, got %d", spec.MaxPlayerDataStorageGiB, gb)
	}
}
