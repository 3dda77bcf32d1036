package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/observability"
	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
)

func newGlobal(ctx *pulumi.Context, s *spec.Spec, id naming.Identity, base shared.Interface) (*Global, error) {
	g := &Global{Location: s.Regions[0].Name}
	if err := ctx.RegisterComponentResource(GlobalType, "global", g); err != nil {
		return nil, fmt.Errorf("registering global component: %w", err)
	}
	rg, err := base.NewResourceGroup(ctx, "global-rg", id.ResourceGroup(""), g.Location, pulumi.Parent(g))
	if err != nil {
		return nil, err
	}
	obs, err := observability.NewObservability(ctx, "global-observability", &observability.Args{
		Interface:         base,
		ResourceGroupName: rg.Name,
		Location:          g.Location,
		WorkspaceName:     id.Regional("log", ""),
	}, pulumi.Parent(g))
	if err != nil {
		return nil, err
	}
	g.ResourceGroupName = rg.Name
	g.WorkspaceID = obs.WorkspaceID
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{
		"resourceGroupName": rg.Name,
		"workspaceId":       obs.WorkspaceID,
	}); err != nil {
		return nil, err
	}
	return g, nil
}
