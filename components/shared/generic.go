package shared

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	azresources "github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/field"
)

// GenericArgs declare one ARM resource through azure-native's generic resource
// (azure-native:resources:Resource), for the types the typed SDK modules served here
// do not cover (Cosmos DB, a Front Door origin group at a newer API version).
//
// Namespace, ParentPath, Type, Name and APIVersion are plain strings on purpose: they
// are the resource's ARM ID and the catalogue key (catalog.Resolve), so they must be
// known at preview, when every output of another resource is still unknown.
type GenericArgs struct {
	// ResourceGroupName is the resource group the resource (or its top-level
	// parent) lives in.
	ResourceGroupName pulumi.StringInput
	// Namespace is the resource provider: "Microsoft.DocumentDB".
	Namespace string
	// ParentPath is the parent's path below the namespace, type and name segments
	// alternating ("databaseAccounts/cosmos-x/sqlDatabases/game"); "" for a
	// top-level resource.
	ParentPath string
	// Type is the resource type below its parent: "databaseAccounts", "containers".
	// It never repeats the namespace (Azure answers InvalidResourceType).
	Type string
	// Name is the Azure name (the last ARM ID segment).
	Name string
	// APIVersion pins the ARM API version (YYYY-MM-DD, optionally -preview).
	APIVersion string
	// Location is the Azure region of a tracked (top-level) resource; "" for a child
	// resource, which has none.
	Location string
	// Kind is the resource's kind, when the type has one ("GlobalDocumentDB").
	Kind string
	// Properties are the ARM properties: a struct with json tags (converted by
	// PropertiesInput), so callers get compile-time checking. A field may hold a
	// pulumi.Input for a value another resource computes.
	Properties any
	// Tags are the resource's Azure tags (nil for untaggable child types).
	Tags pulumi.StringMapInput
}

var (
	apiVersionRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(-preview)?$`)
	namespaceRE  = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]+$`)
	segmentRE    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
)

// Problems lists what keeps the generic resource from being declared.
func (a *GenericArgs) Problems() field.ErrorList {
	var errs field.ErrorList
	if a.ResourceGroupName == nil {
		errs.Append(field.Required(field.NewPath("ResourceGroupName")))
	}
	if !namespaceRE.MatchString(a.Namespace) {
		errs.Add("Namespace", "%q is not a resource provider namespace such as \"Microsoft.DocumentDB\"", a.Namespace)
	}
	if a.Type == "" || strings.Contains(a.Type, "/") || strings.Contains(a.Type, ".") {
		errs.Add("Type", "%q must be one type segment below the parent (\"sqlDatabases\"), without the namespace", a.Type)
	}
	if a.ParentPath != "" {
		segs := strings.Split(a.ParentPath, "/")
		if len(segs)%2 != 0 {
			errs.Add("ParentPath", "%q must alternate type and name segments (\"databaseAccounts/<name>\")", a.ParentPath)
		}
		for _, s := range segs {
			if !segmentRE.MatchString(s) {
				errs.Add("ParentPath", "%q has an empty or invalid segment %q", a.ParentPath, s)
				break
			}
		}
	}
	if !segmentRE.MatchString(a.Name) {
		errs.Add("Name", "%q is not a valid resource name segment", a.Name)
	}
	if !apiVersionRE.MatchString(a.APIVersion) {
		errs.Add("APIVersion", "%q must pin an ARM API version (YYYY-MM-DD[-preview])", a.APIVersion)
	}
	if a.Properties == nil {
		errs.Append(field.Required(field.NewPath("Properties")))
	}
	return errs
}

// ARMType is the ARM resource type the arguments declare, as the catalogue keys it.
func (a *GenericArgs) ARMType() string { return catalog.ARMType(a.Namespace, a.ParentPath, a.Type) }

// Path is the resource's path below the resource group's providers segment:
// "Microsoft.DocumentDB/databaseAccounts/cosmos-x/sqlDatabases/game".
func (a *GenericArgs) Path() string {
	parts := []string{a.Namespace}
	if a.ParentPath != "" {
		parts = append(parts, a.ParentPath)
	}
	return strings.Join(append(parts, a.Type, a.Name), "/")
}

// NewGenericResource registers the resource named name. It refuses arguments with
// problems and an ARM type without a resource-type catalogue entry (what the
// platform knows about a type — price, durations, replace-forcing inputs, mock
// outputs — must exist before the type is declared).
func NewGenericResource(ctx *pulumi.Context, name string, a GenericArgs, opts ...pulumi.ResourceOption) (*azresources.Resource, error) {
	errs := a.Problems()
	if len(errs) == 0 {
		if _, ok := catalog.Lookup(catalog.GenericKey(a.ARMType())); !ok {
			errs.Add("Type", "ARM type %s has no entry in internal/model/catalog", a.ARMType())
		}
	}
	if err := errs.Join(); err != nil {
		return nil, fmt.Errorf("internal error: generic resource %q: %w", name, err)
	}
	props, err := PropertiesInput(a.Properties)
	if err != nil {
		return nil, fmt.Errorf("internal error: generic resource %q: properties: %w", name, err)
	}
	args := &azresources.ResourceArgs{
		ResourceGroupName:         a.ResourceGroupName,
		ResourceProviderNamespace: pulumi.String(a.Namespace),
		ParentResourcePath:        pulumi.String(a.ParentPath),
		ResourceType:              pulumi.String(a.Type),
		ResourceName:              pulumi.String(a.Name),
		ApiVersion:                pulumi.String(a.APIVersion),
		Properties:                props,
		Tags:                      a.Tags,
	}
	if a.Location != "" {
		args.Location = pulumi.String(a.Location)
	}
	if a.Kind != "" {
		args.Kind = pulumi.String(a.Kind)
	}
	r, err := azresources.NewResource(ctx, name, args, opts...)
	if err != nil {
		return nil, fmt.Errorf("creating %s %q: %w", a.ARMType(), name, err)
	}
	return r, nil
}

var inputType = reflect.TypeOf((*pulumi.Input)(nil)).Elem()

// PropertiesInput converts typed properties into the generic resource's properties
// input: structs become maps under their json tag names (fields tagged "-" are
// skipped, omitempty drops zero values), maps with string keys and slices follow
// element by element, and a pulumi.Input (a value another resource computes) is
// kept as it is, so its dependency and its unknown-at-preview state reach the
// engine for that property alone.
func PropertiesInput(v any) (pulumi.Input, error) {
	in, keep, err := toInput(reflect.ValueOf(v))
	if err != nil {
		return nil, err
	}
	if !keep {
		return nil, errors.New("properties are empty")
	}
	return in, nil
}

func toInput(v reflect.Value) (pulumi.Input, bool, error) {
	if !v.IsValid() {
		return nil, false, nil
	}
	if v.Type().Implements(inputType) {
		if (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil() {
			return nil, false, nil
		}
		return v.Interface().(pulumi.Input), true, nil
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil, false, nil
		}
		return toInput(v.Elem())
	case reflect.String:
		return pulumi.String(v.String()), true, nil
	case reflect.Bool:
		return pulumi.Bool(v.Bool()), true, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return pulumi.Int(int(v.Int())), true, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return pulumi.Int(int(v.Uint())), true, nil
	case reflect.Float32, reflect.Float64:
		return pulumi.Float64(v.Float()), true, nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil, false, nil
		}
		arr := pulumi.Array{}
		for i := 0; i < v.Len(); i++ {
			e, keep, err := toInput(v.Index(i))
			if err != nil {
				return nil, false, fmt.Errorf("[%d]: %w", i, err)
			}
			if keep {
				arr = append(arr, e)
			}
		}
		return arr, true, nil
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil, false, fmt.Errorf("map keys must be strings, not %s", v.Type().Key())
		}
		if v.IsNil() {
			return nil, false, nil
		}
		m := pulumi.Map{}
		iter := v.MapRange()
		for iter.Next() {
			e, keep, err := toInput(iter.Value())
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", iter.Key().String(), err)
			}
			if keep {
				m[iter.Key().String()] = e
			}
		}
		return m, true, nil
	case reflect.Struct:
		m := pulumi.Map{}
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fv := v.Field(i)
			if strings.Contains(opts, "omitempty") && fv.IsZero() {
				continue
			}
			e, keep, err := toInput(fv)
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", name, err)
			}
			if keep {
				m[name] = e
			}
		}
		return m, true, nil
	}
	return nil, false, fmt.Errorf("unsupported property type %s", v.Type())
}
