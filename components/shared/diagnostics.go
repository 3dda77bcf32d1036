package shared

import (
	"fmt"

	azinsights "github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DiagnosticsType is the type token of diagnostic settings.
const DiagnosticsType = "azure-native:insights:DiagnosticSetting"

// Diagnostics describes what a resource sends to the workspace: log category groups
// (Azure's "allLogs"/"audit") or explicit categories, and whether AllMetrics go too.
type Diagnostics struct {
	CategoryGroups []string
	Categories     []string
	Metrics        bool
}

// AllLogs is the usual choice: every log category plus metrics.
var AllLogs = Diagnostics{CategoryGroups: []string{"allLogs"}, Metrics: true}

// NewDiagnosticSetting sends a resource's logs and metrics to the interface's
// workspace, as a child named name+"-diag". It returns nil when the interface has no
// workspace (diagnostics disabled).
func (i Interface) NewDiagnosticSetting(ctx *pulumi.Context, name string, resourceID pulumi.StringInput, d Diagnostics, opts ...pulumi.ResourceOption) (*azinsights.DiagnosticSetting, error) {
	if i.WorkspaceID == nil {
		return nil, nil
	}
	logs := azinsights.LogSettingsArray{}
	for _, g := range d.CategoryGroups {
		logs = append(logs, azinsights.LogSettingsArgs{CategoryGroup: pulumi.String(g), Enabled: pulumi.Bool(true)})
	}
	for _, c := range d.Categories {
		logs = append(logs, azinsights.LogSettingsArgs{Category: pulumi.String(c), Enabled: pulumi.Bool(true)})
	}
	args := &azinsights.DiagnosticSettingArgs{
		Name:                        pulumi.String("to-workspace"),
		ResourceUri:                 resourceID,
		WorkspaceId:                 i.WorkspaceID,
		LogAnalyticsDestinationType: pulumi.String("Dedicated"),
		Logs:                        logs,
	}
	if d.Metrics {
		args.Metrics = azinsights.MetricSettingsArray{azinsights.MetricSettingsArgs{Category: pulumi.String("AllMetrics"), Enabled: pulumi.Bool(true)}}
	}
	ds, err := azinsights.NewDiagnosticSetting(ctx, name+"-diag", args, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating diagnostic setting %q: %w", name+"-diag", err)
	}
	return ds, nil
}
