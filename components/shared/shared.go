// Package shared holds the interface every platform component exposes in the same
// way (after Azure Verified Modules): tags, diagnostics to a Log Analytics workspace,
// protection of stateful resources, and the tier that switches cost/availability
// trade-offs.
package shared

import (
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Interface is embedded in every component's Args.
type Interface struct {
	// Tags are applied to every taggable child resource.
	Tags map[string]string
	// Tier switches SKUs, zones and replication.
	Tier spec.Tier
	// WorkspaceID is the Log Analytics workspace receiving diagnostic logs; nil
	// disables diagnostic settings.
	WorkspaceID pulumi.StringInput
	// Protect marks stateful children protected and retained on delete (prod).
	Protect bool
}

// TagMap returns the tags as a Pulumi input.
func (i Interface) TagMap() pulumi.StringMap {
	m := pulumi.StringMap{}
	keys := make([]string, 0, len(i.Tags))
	for k := range i.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m[k] = pulumi.String(i.Tags[k])
	}
	return m
}

// StatefulOptions returns the options a stateful child (storage, vault, registry,
// DNS zone, public IP prefix) gets: protected and retained on delete when Protect.
func (i Interface) StatefulOptions(opts ...pulumi.ResourceOption) []pulumi.ResourceOption {
	if i.Protect {
		opts = append(opts, pulumi.Protect(true), pulumi.RetainOnDelete(true))
	}
	return opts
}

// RequirePlacement records the arguments every component needs to place its
// resources: the resource group and the region.
func RequirePlacement(errs *field.ErrorList, resourceGroupName pulumi.StringInput, location string) {
	if resourceGroupName == nil {
		errs.Append(field.Required(field.NewPath("ResourceGroupName")))
	}
	if location == "" {
		errs.Append(field.Required(field.NewPath("Location")))
	}
}
