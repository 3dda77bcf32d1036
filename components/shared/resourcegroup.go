package shared

import (
	"fmt"

	azresources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
)

// NewResourceGroup registers a resource group named groupName in location with the
// interface's tags. It registers no component of its own: the group is a child of
// whatever opts name as parent (the environment's global part, a region's stamp), so
// its URN is the one it always had.
func (i Interface) NewResourceGroup(ctx *pulumi.Context, name, groupName, location string, opts ...pulumi.ResourceOption) (*azresources.ResourceGroup, error) {
	var errs field.ErrorList
	if len(groupName) == 0 || len(groupName) > naming.MaxResourceGroup {
		errs.Add("ResourceGroupName", "%q must be 1-%d characters", groupName, naming.MaxResourceGroup)
	}
	if location == "" {
		errs.Append(field.Required(field.NewPath("Location")))
	}
	if err := errs.Join(); err != nil {
		return nil, fmt.Errorf("internal error: resource group %q: %w", name, err)
	}
	rg, err := azresources.NewResourceGroup(ctx, name, &azresources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(groupName),
		Location:          pulumi.String(location),
		Tags:              i.TagMap(),
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating resource group %q: %w", name, err)
	}
	return rg, nil
}
