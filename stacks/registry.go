package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/registry"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

// newRegistry registers the environment's container registry in the global resource
// group, homed in the first region and (in prod) replicated to every other region.
func newRegistry(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface, g *Global) (*registry.Registry, error) {
	return registry.NewRegistry(ctx, "global-registry", &registry.Args{
		Interface:         base,
		Identity:          id,
		ResourceGroupName: g.ResourceGroupName,
		Location:          g.Location,
		Regions:           s.RegionNames(),
	}, pulumi.Parent(g))
}
