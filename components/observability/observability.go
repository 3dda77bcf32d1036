// Package observability provides the environment's Log Analytics workspace, the sink
// of every diagnostic setting and of the AKS monitoring add-on.
package observability

import (
	"errors"
	"fmt"

	azoi "github.com/pulumi/pulumi-azure-native-sdk/operationalinsights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:observability:Observability"

// Args configure the component.
type Args struct {
	shared.Interface
	ResourceGroupName pulumi.StringInput
	Location          string
	WorkspaceName     string
}

// Observability is the environment's monitoring sink.
type Observability struct {
	pulumi.ResourceState

	WorkspaceID   pulumi.IDOutput
	WorkspaceName pulumi.StringOutput
	CustomerID    pulumi.StringOutput
}

// RetentionDays returns the log retention for a tier (its profile's).
func RetentionDays(t spec.Tier) int { return tier.Of(t).Logs.RetentionDays }

func (a *Args) validate() error {
	var errs field.ErrorList
	shared.RequirePlacement(&errs, a.ResourceGroupName, a.Location)
	if a.WorkspaceName == "" {
		errs.Append(field.Required(field.NewPath("WorkspaceName")))
	}
	return errs.Join()
}

// NewObservability registers the workspace.
func NewObservability(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*Observability, error) {
	if args == nil {
		return nil, errors.New("internal error: observability args are nil")
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("internal error: observability %q: %w", name, err)
	}
	c := &Observability{}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	wsArgs := &azoi.WorkspaceArgs{
		ResourceGroupName: args.ResourceGroupName,
		Location:          pulumi.String(args.Location),
		WorkspaceName:     pulumi.String(args.WorkspaceName),
		Sku:               &azoi.WorkspaceSkuArgs{Name: pulumi.String("PerGB2018")},
		RetentionInDays:   pulumi.Int(RetentionDays(args.Tier)),
		Tags:              args.TagMap(),
	}
	// A daily cap outside prod keeps a noisy playtest from running up a bill.
	if q := tier.Of(args.Tier).Logs.DailyQuotaGB; q > 0 {
		wsArgs.WorkspaceCapping = &azoi.WorkspaceCappingArgs{DailyQuotaGb: pulumi.Float64(q)}
	}
	ws, err := azoi.NewWorkspace(ctx, name+"-logs", wsArgs, pulumi.Parent(c))
	if err != nil {
		return nil, fmt.Errorf("creating log analytics workspace %q: %w", name+"-logs", err)
	}
	// The workspace's own logs (query audit, jobs, summary rules) go to itself: the
	// environment has no other sink, and they are what an investigation reads first.
	self := args.Interface
	self.WorkspaceID = ws.ID().ToStringOutput()
	if _, err := self.NewDiagnosticSetting(ctx, name+"-logs", ws.ID().ToStringOutput(), shared.AllLogs, pulumi.Parent(c)); err != nil {
		return nil, err
	}
	c.WorkspaceID = ws.ID()
	c.WorkspaceName = ws.Name
	c.CustomerID = ws.CustomerId
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"workspaceId": ws.ID(),
		"customerId":  ws.CustomerId,
	}); err != nil {
		return nil, err
	}
	return c, nil
}
