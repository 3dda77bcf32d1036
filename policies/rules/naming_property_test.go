package rules

import (
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/gameplatform/platform/internal/model/naming"
	"github.com/gameplatform/platform/internal/model/spec"
	"github.com/gameplatform/platform/internal/offline/plan"
)

// acceptedIdentity reports whether environment validation accepts the studio, game
// and environment (stack) names: only the identity fields are judged.
func acceptedIdentity(studio, game, env string) bool {
	s := &spec.Spec{Stack: env, Source: "gen", Studio: studio, Game: game}
	err := s.Validate(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	ce, _ := err.(*spec.ConfigError)
	if ce == nil {
		return true
	}
	for _, p := range ce.Problems() {
		for _, f := range []string{"stack:", "studio:", "game:"} {
			if strings.HasPrefix(p, f) {
				return false
			}
		}
	}
	return true
}

// randomName draws a name of 1-22 characters from the alphabet names use, biased
// towards hyphens and long names, so the accepted ones cover the edges.
func randomName(r *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789----"
	n := 1 + r.Intn(22)
	if r.Intn(3) == 0 {
		n = 18 + r.Intn(5)
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.Intn(len(alphabet))]
	}
	return string(b)
}

// namedResources returns every named resource kind the program registers, named the
// way the program names it (stacks/, components/) for a region code.
func namedResources(id naming.Identity, code string) map[string][]string {
	return map[string][]string{
		TypeResourceGroup:    {id.ResourceGroup(""), id.ResourceGroup(code)},
		TypeVirtualNetwork:   {id.Regional("vnet", code)},
		TypeNSG:              {id.Regional("nsg", code+"-game"), id.Regional("nsg", code+"-services"), id.Regional("nsg", code+"-system"), id.Regional("nsg", code+"-endpoints")},
		TypeNatGateway:       {id.Regional("ng", code)},
		TypePublicIP:         {id.Regional("pip-entry", code), id.Regional("pip-nat", code)},
		TypePublicIPPrefix:   {id.Regional("ippre-game", code)},
		TypeManagedCluster:   {id.AKSCluster(code)},
		TypeStorageAccount:   {id.StorageAccount("patch")},
		TypeRegistry:         {id.ContainerRegistry()},
		TypeKeyVault:         {id.KeyVault()},
		TypeWorkspace:        {id.Regional("log", "")},
		TypeFrontDoorProfile: {id.FrontDoorProfile()},
		TypeTrafficManager:   {id.Regional("tm", "")},
		TypeIdentity: {id.Regional("id-aks", code), id.Regional("id-kubelet", code), id.UserAssignedIdentity("gameserver", code),
			id.UserAssignedIdentity("gameapi", code), id.UserAssignedIdentity("frontdoor", ""), id.UserAssignedIdentity("publisher", "")},
		TypeFrontDoorWAF: {id.WAFPolicy()},
	}
}

// Every studio, game and environment name validation accepts yields Azure names that
// are valid (internal/model/naming's rules) and pass the naming convention, in every tier.
func TestEveryAcceptedIdentityYieldsValidConventionalNames(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	var ids []naming.Identity
	// The edges: longest names, hyphens where allowed, digits, shortest.
	ids = append(ids,
		naming.Identity{Studio: strings.Repeat("s", 20), Game: strings.Repeat("g", 20), Env: strings.Repeat("e", 20)},
		naming.Identity{Studio: "abc", Game: "starfall", Env: "season3-launch"},
		naming.Identity{Studio: "abc", Game: "a-b-c-d-e-f-g-h-i-j", Env: "e-1-2-3-4-5-6-7-8-9"},
		naming.Identity{Studio: "abc", Game: "starfall", Env: "weekend-playtest"},
		naming.Identity{Studio: "abc", Game: "abc", Env: "e1"},
	)
	rejected := 0
	for len(ids) < 1000 { // random draws beyond the edges above; 1,000 keeps it quick under -race
		id := naming.Identity{Studio: randomName(r), Game: randomName(r), Env: randomName(r)}
		if acceptedIdentity(id.Studio, id.Game, id.Env) {
			ids = append(ids, id)
		} else {
			rejected++
		}
	}
	if rejected == 0 {
		t.Fatal("the generator drew no rejected names: it does not probe the edges")
	}
	for _, bad := range []naming.Identity{{Studio: "abc", Game: "star--fall", Env: "prod"}, {Studio: "abc", Game: "starfall", Env: "pro--d"}, {Studio: "ab--c", Game: "starfall", Env: "prod"}} {
		if acceptedIdentity(bad.Studio, bad.Game, bad.Env) {
			t.Errorf("%+v accepted: consecutive hyphens make an invalid Key Vault name", bad)
		}
	}
	policy := Lookup("naming-convention")
	azure := map[string]func(string) error{
		TypeStorageAccount: naming.ValidStorageAccount,
		TypeKeyVault:       naming.ValidKeyVault,
		TypeRegistry:       naming.ValidContainerRegistry,
		TypeManagedCluster: naming.ValidAKSCluster,
		TypeFrontDoorWAF:   naming.ValidWAFPolicy,
	}
	codes := []string{"weu", "jpe", "wus2", "sea"}
	for i, id := range ids {
		code := codes[i%len(codes)]
		for _, err := range []error{
			naming.ValidAKSDNSPrefix(id.AKSDNSPrefix(code)),
			naming.ValidTrafficManagerDNS(id.TrafficManagerDNS()),
			naming.ValidFrontDoorEndpoint(id.FrontDoorEndpoint("patches")),
			naming.ValidFrontDoorEndpoint(id.FrontDoorEndpoint("api")),
		} {
			if err != nil {
				t.Errorf("%+v: %v", id, err)
			}
		}
		if n := id.AKSNodeResourceGroup(code); len(n) > naming.MaxResourceGroup {
			t.Errorf("%+v: node resource group %q too long", id, n)
		}
		env := &Env{Stack: id.Env, Game: id.Game, Tier: spec.Tiers[i%len(spec.Tiers)]}
		for typ, names := range namedResources(id, code) {
			for _, name := range names {
				if valid := azure[typ]; valid != nil {
					if err := valid(name); err != nil {
						t.Errorf("%+v: %v", id, err)
					}
				}
				res := &Resource{Resource: plan.Resource{URN: "urn:" + name, Type: typ, Custom: true, Inputs: map[string]any{namedKinds[typ].key: name}}}
				for _, f := range CheckResource(policy, env, res) {
					t.Errorf("%+v: %s", id, f.Message)
				}
			}
		}
		if t.Failed() {
			return
		}
	}
}
