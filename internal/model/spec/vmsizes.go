package spec

import "sort"

// VMSize describes a VM size the platform allows for node pools.
type VMSize struct {
	Name      string
	VCPU      int
	MemoryGiB float64
	// Family is the quota family Azure counts vCPUs against.
	Family string
}

// VMSizes is the catalogue of VM sizes node pools may use. Sizes missing here are
// rejected by validation (and by policy), so quota and pricing are always known.
var VMSizes = map[string]VMSize{
	"Standard_D2s_v5":   {"Standard_D2s_v5", 2, 8, "standardDSv5Family"},
	"Standard_D4s_v5":   {"Standard_D4s_v5", 4, 16, "standardDSv5Family"},
	"Standard_D8s_v5":   {"Standard_D8s_v5", 8, 32, "standardDSv5Family"},
	"Standard_D16s_v5":  {"Standard_D16s_v5", 16, 64, "standardDSv5Family"},
	"Standard_F8s_v2":   {"Standard_F8s_v2", 8, 16, "standardFSv2Family"},
	"Standard_F16s_v2":  {"Standard_F16s_v2", 16, 32, "standardFSv2Family"},
	"Standard_F32s_v2":  {"Standard_F32s_v2", 32, 64, "standardFSv2Family"},
	"Standard_F48s_v2":  {"Standard_F48s_v2", 48, 96, "standardFSv2Family"},
	"Standard_F64s_v2":  {"Standard_F64s_v2", 64, 128, "standardFSv2Family"},
	"Standard_D8as_v5":  {"Standard_D8as_v5", 8, 32, "standardDASv5Family"},
	"Standard_D16as_v5": {"Standard_D16as_v5", 16, 64, "standardDASv5Family"},
}

// VMSizeNames returns the catalogue's VM size names, sorted.
func VMSizeNames() []string {
	out := make([]string, 0, len(VMSizes))
	for n := range VMSizes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
