// Package rules is the platform's policy pack as plain Go: every guardrail (security,
// reliability, governance, data safety, cost) is a Policy over a neutral view of a
// resource (Resource: type, URN, name, parent, region, inputs as plain values,
// protect, dependencies), so the same rules run in two places with the same verdicts:
//
//   - offline, in-process, on the plan the engine records (FromPlan converts
//     plan.Resource; internal/offline/engine fills plan.PolicyResults);
//   - under the Pulumi CLI, in `pulumi preview --policy-pack policies`, where the
//     policies/pack adapter converts policyx.AnalyzerResource (property.Map) to the
//     same view and serves the rules with policyx.Main.
//
// Values the engine does not know yet (outputs of resources not yet created) are the
// string Unknown in the view. A rule never treats an unknown value as compliant. It
// first judges from what is known at preview — property dependencies name the
// resources a value will come from even while their IDs are unknown — and when it
// still cannot decide, it reports the check as Undecided: not a violation at
// preview, decided when the value is known at apply (`pulumi up`), where a check that
// is still undecided is a violation (Decide).
//
// What a rule compares against per tier — allowed regions and VM sizes, pool caps,
// SKUs, retention, zones, protection, required tags — is the tier profile
// (internal/model/tier) of the stack's tier (Env.TierOf), never a resource's own
// `tier` tag. Enforcement levels (mandatory, advisory, disabled) are configuration,
// per policy category and per tier, with per-policy overrides: see enforcement.yaml,
// embedded in the package, loaded by DefaultConfig and tested equal to the profiles.
package rules
