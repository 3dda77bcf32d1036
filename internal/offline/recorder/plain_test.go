package recorder

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// TestPlain: the plan's plain values of Pulumi property values, as the recorder
// records inputs and the policy pack reads the analyzer's resources.
func TestPlain(t *testing.T) {
	m := property.NewMap(map[string]property.Value{
		"minimumTlsVersion":     property.New("TLS1_2"),
		"allowBlobPublicAccess": property.New(false),
		"count":                 property.New(3.0),
		"accountName":           property.New(property.Computed),
		"secretThing":           property.New("hunter2").WithSecret(true),
		"gone":                  property.New(property.Null),
		"networkRuleSet": property.New(property.NewMap(map[string]property.Value{
			"defaultAction": property.New("Deny"),
			"ipRules":       property.New(property.NewArray([]property.Value{property.New(property.Computed)})),
		})),
	})
	got := Plain(m)
	want := map[string]any{
		"minimumTlsVersion":     "TLS1_2",
		"allowBlobPublicAccess": false,
		"count":                 3.0,
		"accountName":           plan.UnknownValue,
		"secretThing":           plan.SecretMask,
		"networkRuleSet":        map[string]any{"defaultAction": "Deny", "ipRules": []any{plan.UnknownValue}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Plain (-want +got):\n%s", d)
	}
}
