package rules

import (
	"testing"

	"github.com/gameplatform/platform/internal/model/catalog"
)

// TestPolicyTypesAreCatalogued: every type a policy judges is one the resource-type
// catalogue knows (the one place a type's knowledge lives), so a rule cannot target a
// mistyped or retired token and silently judge nothing.
func TestPolicyTypesAreCatalogued(t *testing.T) {
	for _, p := range All() {
		for _, typ := range p.Types {
			if _, ok := catalog.Lookup(typ); !ok {
				t.Errorf("policy %s judges %s, which has no entry in internal/model/catalog", p.Name, typ)
			}
		}
	}
}
