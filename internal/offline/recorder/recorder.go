// Package recorder is the offline plan's mock resource monitor: a
// pulumi.MockResourceMonitor that records every registration of the real Pulumi
// program as a plan.Resource and answers as the engine would in a preview or after
// an apply (plan.Mode), with the outputs the resource-type catalogue mocks.
//
// It is the one part of the plan's model that links the Pulumi SDK, so the
// analyses that only read plans (cost, deploy time, review, the rules) do not.
package recorder

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// Recorder is a pulumi.MockResourceMonitor that records every registration.
// It is safe for concurrent use, as the SDK registers resources from goroutines.
type Recorder struct {
	mode      plan.Mode
	mu        sync.Mutex
	resources []plan.Resource
}

var _ pulumi.MockResourceMonitor = (*Recorder)(nil)

// New returns an empty recorder that answers as a deployed stack (plan.ModeApplied).
func New() *Recorder { return &Recorder{mode: plan.ModeApplied} }

// NewMode returns an empty recorder that answers in the given mode.
func NewMode(m plan.Mode) *Recorder { return &Recorder{mode: m} }

// Mode is the mode the recorder answers in.
func (r *Recorder) Mode() plan.Mode { return r.mode }

// Call answers invokes: the deploying identity (getClientConfig) and the provider
// functions the resource-type catalogue mocks (catalog.LookupInvoke); an unexpected
// one is an error rather than a silent empty answer.
func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	switch args.Token {
	case "azure-native:authorization:getClientConfig":
		return resource.PropertyMap{
			"clientId":       resource.NewProperty("11111111-1111-1111-1111-111111111111"),
			"objectId":       resource.NewProperty("22222222-2222-2222-2222-222222222222"),
			"subscriptionId": resource.NewProperty(plan.FakeSubscription),
			"tenantId":       resource.NewProperty("33333333-3333-3333-3333-333333333333"),
		}, nil
	}
	if f, ok := catalog.LookupInvoke(args.Token); ok {
		plain, _ := resource.NewProperty(args.Args).MapRepl(nil, nil).(map[string]any)
		return resource.NewPropertyMapFromMap(f(plain)), nil
	}
	return nil, fmt.Errorf("internal error: offline plan has no mock for invoke %s", args.Token)
}

// NewResource records a registration and returns what the engine would: in
// plan.ModeApplied a fake ID and the inputs plus computed outputs; in plan.ModePreview no ID
// and the inputs alone (a provider's preview of a create), so the SDK resolves the
// ID and every other output as unknown.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	inputs := args.Inputs
	if rpc := args.RegisterRPC; rpc != nil {
		// The SDK's mock monitor drops unknown inputs (outputs of resources not yet
		// created, during a preview); the request still has them, as the engine
		// receives them.
		all, err := plugin.UnmarshalProperties(rpc.GetObject(), plugin.MarshalOptions{
			KeepUnknowns: true, KeepSecrets: true, KeepResources: true,
		})
		if err != nil {
			return "", nil, fmt.Errorf("internal error: reading the inputs of %s: %w", args.Name, err)
		}
		inputs = all
	}
	rec := plan.Resource{
		Type:   args.TypeToken,
		Name:   args.Name,
		Custom: args.Custom,
		Inputs: Plain(resource.FromResourcePropertyMap(inputs)),
	}
	if rpc := args.RegisterRPC; rpc != nil {
		rec.Parent = rpc.GetParent()
		rec.Dependencies = append([]string{}, rpc.GetDependencies()...)
		sort.Strings(rec.Dependencies)
		// The engine creates a resource after its explicit provider (a Kubernetes
		// provider waits for its cluster's credentials), so the provider is a
		// dependency of the resource as the deploy-time model sees it.
		if p := rpc.GetProvider(); p != "" {
			if i := strings.LastIndex(p, "::"); i > 0 && !slices.Contains(rec.Dependencies, p[:i]) {
				rec.Dependencies = append(rec.Dependencies, p[:i])
				sort.Strings(rec.Dependencies)
			}
		}
		rec.Protect = rpc.GetProtect()
		rec.RetainOnDelete = rpc.GetRetainOnDelete()
		rec.IgnoreChanges = append([]string(nil), rpc.GetIgnoreChanges()...)
		rec.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		for k, v := range rpc.GetPropertyDependencies() {
			if len(v.GetUrns()) == 0 {
				continue
			}
			if rec.PropertyDependencies == nil {
				rec.PropertyDependencies = map[string][]string{}
			}
			urns := append([]string{}, v.GetUrns()...)
			sort.Strings(urns)
			rec.PropertyDependencies[k] = urns
		}
	}
	id := ""
	state := args.Inputs.Copy()
	if args.Custom && r.mode != plan.ModePreview {
		// The catalogue key: a generic resource's ARM type (catalog.Resolve).
		key := catalog.Resolve(args.TypeToken, rec.Inputs)
		name := physicalName(args.TypeToken, key, args.Name, args.Inputs)
		id = fakeID(args.TypeToken, name, args.Inputs)
		if _, ok := state["name"]; !ok {
			state["name"] = resource.NewProperty(name)
		}
		for k, v := range computedOutputs(key, name, args.Inputs) {
			state[k] = v
		}
	}
	r.mu.Lock()
	r.resources = append(r.resources, rec)
	r.mu.Unlock()
	return id, state, nil
}

// Resources returns the recorded resources with URNs filled in by the caller's
// project and stack, sorted by URN, with regions attributed.
func (r *Recorder) Resources(project, stack string) []plan.Resource {
	r.mu.Lock()
	out := append([]plan.Resource{}, r.resources...)
	r.mu.Unlock()
	for i := range out {
		out[i].URN = MakeURN(project, stack, out[i].Parent, out[i].Type, out[i].Name)
	}
	byURN := make(map[string]*plan.Resource, len(out))
	for i := range out {
		byURN[out[i].URN] = &out[i]
	}
	for i := range out {
		out[i].Region = regionOf(&out[i], byURN)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}

func regionOf(res *plan.Resource, byURN map[string]*plan.Resource) string {
	for cur, hops := res, 0; cur != nil && hops < 64; hops++ {
		if cur.Type == plan.RegionComponentType {
			return cur.Name
		}
		cur = byURN[cur.Parent]
	}
	return ""
}

// MakeURN builds a URN the way the engine (and the mock monitor) does:
// the parent's qualified type is prefixed unless the parent is the stack.
func MakeURN(project, stack, parent, typ, name string) string {
	parentType := tokens.Type("")
	if pu := resource.URN(parent); parent != "" && pu.IsValid() && pu.QualifiedType() != resource.RootStackType {
		parentType = pu.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType, tokens.Type(typ), name))
}

// physicalName guesses the Azure name the provider would use: the input its
// catalogue entry names (NameInput), its "<type>Name" input, "resourceName", "accountName", "name", or the
// logical name.
func physicalName(token, key, logical string, inputs resource.PropertyMap) string {
	typ := token[strings.LastIndex(token, ":")+1:]
	candidates := []string{lowerFirst(typ) + "Name", "resourceName", "accountName", "registryName", "vaultName", "workspaceName", "profileName", "name"}
	if e, ok := catalog.Lookup(key); ok && e.NameInput != "" {
		candidates = append([]string{e.NameInput}, candidates...)
	}
	for _, k := range candidates {
		if v, ok := inputs[resource.PropertyKey(k)]; ok && v.IsString() && v.StringValue() != "" {
			return v.StringValue()
		}
	}
	return logical
}

func fakeID(token, name string, inputs resource.PropertyMap) string {
	parts := strings.Split(token, ":")
	if len(parts) != 3 {
		return "/offline/" + name
	}
	module, typ := parts[1], parts[2]
	provider := "Microsoft." + strings.ToUpper(module[:1]) + module[1:] + "/" + lowerFirst(typ) + "s"
	if token == "azure-native:resources:ResourceGroup" {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s", plan.FakeSubscription, name)
	}
	rg := "offline-rg"
	if v, ok := inputs["resourceGroupName"]; ok && v.IsString() {
		rg = v.StringValue()
	}
	if catalog.BaseType(token) == catalog.GenericType {
		// The generic resource's ID is the one its inputs name:
		// …/providers/<namespace>[/<parent path>]/<type>/<name>.
		str := func(k string) string {
			if v, ok := inputs[resource.PropertyKey(k)]; ok && v.IsString() {
				return strings.Trim(v.StringValue(), "/")
			}
			return ""
		}
		path := []string{str(catalog.InputNamespace)}
		if p := str(catalog.InputParentPath); p != "" {
			path = append(path, p)
		}
		path = append(path, str(catalog.InputType), name)
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s", plan.FakeSubscription, rg, strings.Join(path, "/"))
	}
	return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/%s", plan.FakeSubscription, rg, provider, name)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Plain converts Pulumi property values to the plan's JSON-ready values: a secret
// becomes plan.SecretMask, a value unknown until apply plan.UnknownValue, a resource
// reference its URN, an asset or archive "[asset]"; nulls are dropped. The recorder
// records registered inputs with it and the policy pack reads the analyzer's
// resources with it (policies/pack), so a rule sees the same values in the offline
// plan and in `pulumi preview`.
func Plain(m property.Map) map[string]any {
	out := make(map[string]any, m.Len())
	for k, v := range m.All {
		if v.IsNull() && !v.Secret() {
			continue
		}
		out[k] = PlainValue(v)
	}
	return out
}

// PlainValue converts one property value (see Plain).
func PlainValue(v property.Value) any {
	switch {
	case v.Secret():
		return plan.SecretMask
	case v.IsComputed():
		return plan.UnknownValue
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.AsBool()
	case v.IsNumber():
		return v.AsNumber()
	case v.IsString():
		return v.AsString()
	case v.IsArray():
		arr := v.AsArray()
		out := make([]any, 0, arr.Len())
		for _, e := range arr.All {
			out = append(out, PlainValue(e))
		}
		return out
	case v.IsMap():
		return Plain(v.AsMap())
	case v.IsResourceReference():
		return string(v.AsResourceReference().URN)
	case v.IsAsset(), v.IsArchive():
		return "[asset]"
	}
	return fmt.Sprint(v)
}

// computedOutputs returns the provider-computed outputs (beyond the inputs) a mocked
// resource exposes, from the catalogue entry of its key (catalog.Resolve) (Mock.Outputs), so programs that read
// them (principal IDs, OIDC issuer URLs, host names) evaluate offline as they would
// in Azure. Values the mock cannot read (unknown, secret) reach it and come back
// unchanged.
func computedOutputs(key, name string, inputs resource.PropertyMap) resource.PropertyMap {
	e, ok := catalog.Lookup(key)
	if !ok || e.Mock.Outputs == nil {
		return nil
	}
	opaque := func(v resource.PropertyValue) (any, bool) {
		if v.IsComputed() || v.IsSecret() || v.IsOutput() || v.IsResourceReference() || v.IsAsset() || v.IsArchive() {
			return v, true
		}
		return nil, false
	}
	plain, _ := resource.NewProperty(inputs).MapRepl(nil, opaque).(map[string]any)
	out := e.Mock.Outputs(name, plain)
	if out == nil {
		return nil
	}
	return resource.NewPropertyMapFromMapRepl(out, nil, func(v any) (resource.PropertyValue, bool) {
		pv, ok := v.(resource.PropertyValue)
		return pv, ok
	})
}
