package cdn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	aznetwork "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/model/spec"
)

// The WAF policy's arguments are a pure function of the component's arguments and
// the tier's settings: table-tested here; NewFrontDoor only registers them.
func TestWAFPolicyArgs(t *testing.T) {
	want := func(a *Args, sku, mode string, managed aznetwork.FrontDoorManagedRuleSetArray) *aznetwork.PolicyArgs {
		w := &aznetwork.PolicyArgs{
			ResourceGroupName: pulumi.String("rg"),
			PolicyName:        pulumi.String("waftest"),
			Location:          pulumi.String("Global"),
			Sku:               &aznetwork.SkuArgs{Name: pulumi.String(sku)},
			PolicySettings: &aznetwork.FrontDoorPolicySettingsArgs{
				EnabledState: pulumi.String("Enabled"), Mode: pulumi.String(mode), RequestBodyCheck: pulumi.String("Enabled"),
			},
			CustomRules: &aznetwork.CustomRuleListArgs{Rules: aznetwork.CustomRuleArray{aznetwork.CustomRuleArgs{
				Name: pulumi.String(RateLimitRuleName), Priority: pulumi.Int(100), EnabledState: pulumi.String("Enabled"),
				RuleType: pulumi.String("RateLimitRule"), RateLimitDurationInMinutes: pulumi.Int(1),
				RateLimitThreshold: pulumi.Int(600), Action: pulumi.String("Block"),
				MatchConditions: aznetwork.FrontDoorMatchConditionArray{aznetwork.FrontDoorMatchConditionArgs{
					MatchVariable: pulumi.String("RequestUri"), Operator: pulumi.String("Contains"), MatchValue: pulumi.ToStringArray([]string{"/"}),
				}},
			}}},
			Tags: a.TagMap(),
		}
		if managed != nil {
			w.ManagedRules = &aznetwork.ManagedRuleSetListArgs{ManagedRuleSets: managed}
		}
		return w
	}
	for _, tc := range []struct {
		tier    spec.Tier
		sku     string
		mode    string
		managed aznetwork.FrontDoorManagedRuleSetArray
	}{
		{spec.TierDev, SKUStandard, "Detection", nil},
		{spec.TierStaging, SKUStandard, "Prevention", nil},
		{spec.TierProd, SKUPremium, "Prevention", aznetwork.FrontDoorManagedRuleSetArray{
			aznetwork.FrontDoorManagedRuleSetArgs{RuleSetType: pulumi.String("Microsoft_DefaultRuleSet"), RuleSetVersion: pulumi.String("2.1"), RuleSetAction: pulumi.String("Block")},
			aznetwork.FrontDoorManagedRuleSetArgs{RuleSetType: pulumi.String("Microsoft_BotManagerRuleSet"), RuleSetVersion: pulumi.String("1.0")},
		}},
	} {
		a := args(tc.tier)
		if diff := cmp.Diff(want(a, tc.sku, tc.mode, tc.managed), wafPolicyArgs(a, SettingsFor(tc.tier))); diff != "" {
			t.Errorf("%s: wafPolicyArgs (-want +got):\n%s", tc.tier, diff)
		}
	}
}
