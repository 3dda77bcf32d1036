package spec

import (
	"github.com/gameplatform/platform/internal/model/field"

	"regexp"
	"strings"

	"github.com/gameplatform/platform/internal/model/capacity"
)

// imageRE is a repository path (lowercase components separated by '/', each made of
// alphanumerics joined by '.', '_', '__' or '-') with a tag or a sha256 digest, as the
// OCI distribution spec allows them: https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests
var imageRE = regexp.MustCompile(`^([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)(/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|@sha256:[a-f0-9]{64})$`)

// validateGameServer checks the fleet's server: an image path in the environment's
// registry with a pinned tag, a container port, and requests that fit the slot the
// capacity model sizes every region's nodes for.
func validateGameServer(c *field.ErrorList, s *Spec) {
	g := s.GameServer
	switch {
	case g.Image == "":
		c.Add("gameServer.image", "is required (a repository path with a tag, e.g. %s/gameserver:1.4.2)", s.Game)
	case strings.Contains(strings.SplitN(g.Image, "/", 2)[0], ".") && strings.Contains(g.Image, "/"):
		c.Add("gameServer.image", "%q names a registry host; give the repository path only (%s): the image is pulled from the environment's own registry",
			g.Image, g.Image[strings.Index(g.Image, "/")+1:])
	case !imageRE.MatchString(g.Image):
		c.Add("gameServer.image", "%q is not a repository path with a tag or digest (e.g. %s/gameserver:1.4.2)", g.Image, s.Game)
	case strings.HasSuffix(g.Image, ":latest"):
		c.Add("gameServer.image", "%q uses the moving tag latest; pin a version so a fleet changes only when its image does", g.Image)
	}
	if g.Port < 1 || g.Port > MaxGamePort {
		c.Add("gameServer.port", "must be 1-%d, got %d", MaxGamePort, g.Port)
	}
	if !(g.CPU >= MinVCPUPerServer) || g.CPU > MaxVCPUPerServer {
		c.Add("gameServer.cpu", "must be %v-%d vCPU, got %v", MinVCPUPerServer, MaxVCPUPerServer, g.CPU)
	} else {
		for i, r := range s.Regions {
			if r.Capacity.VCPUPerServer >= MinVCPUPerServer && g.CPU > r.Capacity.VCPUPerServer {
				c.Add("gameServer.cpu", "%v vCPU is more than regions[%d].capacity.vcpuPerServer (%v), the slot the capacity model sizes %s's nodes for; raise vcpuPerServer or lower cpu",
					g.CPU, i, r.Capacity.VCPUPerServer, r.Name)
			}
		}
	}
	if !(g.MemoryGiB > 0) {
		c.Add("gameServer.memoryGiB", "must be greater than 0, got %v", g.MemoryGiB)
	} else if g.CPU >= MinVCPUPerServer {
		for i, r := range s.Regions {
			if limit := r.Capacity.VCPUPerServer * capacity.MemoryGiBPerServerVCPU; r.Capacity.VCPUPerServer >= MinVCPUPerServer && g.MemoryGiB > limit+1e-9 {
				c.Add("gameServer.memoryGiB", "%v GiB is more than the %v GiB per server the capacity model sizes %s's nodes for (regions[%d]: %v vCPU × %v GiB)",
					g.MemoryGiB, limit, r.Name, i, r.Capacity.VCPUPerServer, capacity.MemoryGiBPerServerVCPU)
			}
		}
	}
}
