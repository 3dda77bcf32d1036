package spec

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gameplatform/platform/internal/model/field"
)

// Block is an address block in use by some environment's region.
type Block struct {
	Env    string
	File   string
	Region string
	Prefix netip.Prefix
}

// BlocksInDir reads the region address blocks of every stack file in dir. Files that
// cannot be read or parsed are reported by their own plan; here they are skipped
// with their error returned alongside, so one broken file does not hide the others.
func BlocksInDir(dir string) ([]Block, []error) {
	files, _ := filepath.Glob(filepath.Join(dir, "Pulumi.*.yaml"))
	sort.Strings(files)
	var out []Block
	var errs []error
	for _, f := range files {
		env := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "Pulumi."), ".yaml")
		sc, err := ReadStackFile(f)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		raw, ok := sc.Values[Namespace+":regions"]
		if !ok {
			continue
		}
		var regions []struct {
			Name         string `json:"name"`
			AddressSpace string `json:"addressSpace"`
		}
		if err := json.Unmarshal([]byte(raw), &regions); err != nil {
			errs = append(errs, fmt.Errorf("%s: regions: %v", f, err))
			continue
		}
		for _, r := range regions {
			if p, err := netip.ParsePrefix(r.AddressSpace); err == nil {
				out = append(out, Block{Env: env, File: f, Region: r.Name, Prefix: p.Masked()})
			}
		}
	}
	return out, errs
}

// CheckAddressPlan reports every region of s whose block overlaps a block of another
// environment, so any two environments can be peered.
func CheckAddressPlan(s *Spec, others []Block) error {
	var c field.ErrorList
	checkAddressPlan(&c, s, others)
	return c.In(s.Source)
}

func checkAddressPlan(c *field.ErrorList, s *Spec, others []Block) {
	for i, r := range s.Regions {
		p, err := netip.ParsePrefix(r.AddressSpace)
		if err != nil {
			continue
		}
		for _, b := range others {
			if b.Env == s.Stack {
				continue
			}
			if b.Prefix.Overlaps(p) {
				c.Add(fmt.Sprintf("regions[%d].addressSpace", i), "%s overlaps environment %q region %s (%s in %s); every environment needs its own blocks",
					p, b.Env, b.Region, b.Prefix, b.File)
			}
		}
	}
}
