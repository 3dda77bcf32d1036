package playerdata

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	azauth "github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	azresources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/components/shared"
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/model/tier"
)

// TypeToken is the component's type.
const TypeToken = "gameplatform:playerdata:PlayerData"

// Args configure the player-data store.
type Args struct {
	shared.Interface
	// ResourceGroupName is the environment's (global) resource group, as created.
	ResourceGroupName pulumi.StringInput
	// ResourceGroup is the same group's plain name: the children's ARM IDs (role
	// definition, scope) are built from it so they are known at preview.
	ResourceGroup string
	// AccountName is the account's globally unique name (naming.Identity.CosmosAccount).
	AccountName string
	// Regions are the environment's regions, the first the account's home; every one
	// is a write region.
	Regions []Region
	// Consistency is the default consistency level (spec.ConsistencyLevels; never
	// Strong). Default spec.DefaultConsistency.
	Consistency string
	// MaxThroughput is the database's autoscale maximum RU/s (per region). Default:
	// the tier profile's.
	MaxThroughput int
	// StorageGiB is the planned data size, stated on the account as its
	// catalog.CosmosPlannedStorageTag tag for the cost model. Default: the tier
	// profile's.
	StorageGiB int
	// Database is the database's name. Default DefaultDatabase.
	Database string
	// Containers are the database's containers. Default DefaultContainers.
	Containers []Container
}

// PlayerData is the environment's player-data store.
type PlayerData struct {
	pulumi.ResourceState

	// AccountName, Endpoint and Database are what a game backend connects with.
	AccountName string
	Endpoint    string
	Database    string
	// AccountID is the account's resource ID (the private endpoints' target).
	AccountID pulumi.IDOutput
	// Settings are the tier choices applied.
	Settings Settings

	account   *azresources.Resource
	database  *azresources.Resource
	accountID pulumi.StringOutput // known at preview
	rg        pulumi.StringInput
	name      string
}

func (a *Args) defaults() {
	if a.Consistency == "" {
		a.Consistency = spec.DefaultConsistency
	}
	if a.MaxThroughput == 0 {
		a.MaxThroughput = tier.Of(a.Tier).PlayerData.MaxThroughput
	}
	if a.StorageGiB == 0 {
		a.StorageGiB = tier.Of(a.Tier).PlayerData.StorageGiB
	}
	if a.Database == "" {
		a.Database = DefaultDatabase
	}
	if a.Containers == nil {
		a.Containers = DefaultContainers
	}
}

// NewPlayerData registers the Cosmos DB account (a write region in every region),
// its diagnostic setting, the game's database and its containers, as children named
// name+"-account", name+"-account-diag", name+"-db" and name+"-"+container. Grants
// (Grant) are added once the workload identities exist.
func NewPlayerData(ctx *pulumi.Context, name string, args *Args, opts ...pulumi.ResourceOption) (*PlayerData, error) {
	if args == nil {
		return nil, errors.New("internal error: player data args are nil")
	}
	a := *args
	a.defaults()
	if err := a.problems().Join(); err != nil {
		return nil, fmt.Errorf("internal error: player data %q: %w", name, err)
	}
	set := SettingsFor(a.Tier)
	c := &PlayerData{AccountName: a.AccountName, Endpoint: Endpoint(a.AccountName), Database: a.Database, Settings: set, rg: a.ResourceGroupName, name: name}
	if err := ctx.RegisterComponentResource(TypeToken, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	account, err := shared.NewGenericResource(ctx, name+"-account", shared.GenericArgs{
		ResourceGroupName: a.ResourceGroupName,
		Namespace:         Namespace,
		Type:              TypeAccount,
		Name:              a.AccountName,
		APIVersion:        APIVersion,
		Location:          a.Regions[0].Name,
		Kind:              "GlobalDocumentDB",
		Properties:        AccountPropertiesFor(a.Regions, a.Consistency, set),
		Tags:              accountTags(a),
	}, a.StatefulOptions(parent)...)
	if err != nil {
		return nil, err
	}
	c.account = account
	c.AccountID = account.ID()
	if _, err := a.NewDiagnosticSetting(ctx, name+"-account", account.ID().ToStringOutput(), shared.AllLogs, parent); err != nil {
		return nil, err
	}
	// NOTE: a child's parent path is a plain string (so its ARM type and ID are known
	// at preview), which carries no dependency: each child depends on its parent
	// resource explicitly.
	db, err := shared.NewGenericResource(ctx, name+"-db", shared.GenericArgs{
		ResourceGroupName: a.ResourceGroupName,
		Namespace:         Namespace,
		ParentPath:        AccountPath(a.AccountName),
		Type:              TypeSQLDatabase,
		Name:              a.Database,
		APIVersion:        APIVersion,
		Properties:        DatabasePropertiesFor(a.Database, a.MaxThroughput),
	}, a.StatefulOptions(parent, pulumi.DependsOn([]pulumi.Resource{account}))...)
	if err != nil {
		return nil, err
	}
	c.database = db
	for _, ct := range a.Containers {
		if _, err := shared.NewGenericResource(ctx, name+"-"+ct.Name, shared.GenericArgs{
			ResourceGroupName: a.ResourceGroupName,
			Namespace:         Namespace,
			ParentPath:        DatabasePath(a.AccountName, a.Database),
			Type:              TypeContainer,
			Name:              ct.Name,
			APIVersion:        APIVersion,
			Properties:        ContainerPropertiesFor(ct),
		}, a.StatefulOptions(parent, pulumi.DependsOn([]pulumi.Resource{db}))...); err != nil {
			return nil, err
		}
	}
	rg := a.ResourceGroup
	c.accountID = azauth.GetClientConfigOutput(ctx).SubscriptionId().ApplyT(func(sub string) string {
		return AccountID(sub, rg, a.AccountName)
	}).(pulumi.StringOutput)
	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"accountId": account.ID(),
		"endpoint":  pulumi.String(c.Endpoint),
		"database":  pulumi.String(c.Database),
	}); err != nil {
		return nil, err
	}
	return c, nil
}

// Grant gives a principal (a workload identity) a built-in data-plane role on the
// game's database — never the account, never a control-plane role — as a
// sqlRoleAssignment child named c's name+"-"+grant. The assignment's name is a GUID
// derived from the project, stack and grant, so it is stable across runs.
func (c *PlayerData) Grant(ctx *pulumi.Context, grant string, principalID pulumi.StringInput, role string) (*azresources.Resource, error) {
	var errs field.ErrorList
	if !grantRE.MatchString(grant) {
		errs.Add("grant", "%q must be 1-40 lowercase letters, digits or '-'", grant)
	}
	if principalID == nil {
		errs.Append(field.Required(field.NewPath("principalID")))
	}
	if !slices.Contains(DataRoles, role) {
		errs.Add("role", "%q is not a built-in Cosmos DB data role (%v)", role, DataRoles)
	}
	if err := errs.Join(); err != nil {
		return nil, fmt.Errorf("internal error: player data grant %q: %w", grant, err)
	}
	n := c.name + "-" + grant
	db := c.Database
	return shared.NewGenericResource(ctx, n, shared.GenericArgs{
		ResourceGroupName: c.rg,
		Namespace:         Namespace,
		ParentPath:        AccountPath(c.AccountName),
		Type:              TypeRoleAssignment,
		Name:              naming.WorkloadGrants.GUID(ctx.Project(), ctx.Stack(), n),
		APIVersion:        APIVersion,
		Properties: SQLRoleAssignmentProperties{
			PrincipalID: principalID,
			RoleDefinitionID: c.accountID.ApplyT(func(id string) string {
				return RoleDefinitionID(id, role)
			}).(pulumi.StringOutput),
			Scope: c.accountID.ApplyT(func(id string) string {
				return DatabaseScope(id, db)
			}).(pulumi.StringOutput),
		},
	}, pulumi.Parent(c), pulumi.DependsOn([]pulumi.Resource{c.database}))
}

// accountTags are the standard tags plus the planned data size.
func accountTags(a Args) pulumi.StringMap {
	m := a.TagMap()
	m[catalog.CosmosPlannedStorageTag] = pulumi.String(strconv.Itoa(a.StorageGiB))
	return m
}
