// Package rules is the platform's policy pack as plain Go: every guardrail (security,
// reliability, governance, data safety, cost) is a Policy over a neutral view of a
// resource (Resource: type, URN, name, parent, region, inputs as plain values,
// protect, dependencies), so the same rules run in two places with the same verdicts:
//
//   - offline, in-process, on the plan the engine records (FromPlan converts
//     plan.Resource; internal/engine fills plan.PolicyResults);
//   - under the Pulumi CLI, in `pulumi preview --policy-pack policies`, where the
//     policies/pack adapter converts policyx.AnalyzerResource (property.Map) to the
//     same view and serves the rules with policyx.Main.
//
// Values the engine does not know yet (outputs of resources not yet created) are the
// string Unknown in the view. A rule never treats an unknown value as compliant: it
// reports that the value is unknown at preview and what it must be.
//
// Enforcement levels (mandatory, advisory, disabled) are configuration, per policy
// category and per tier, with per-policy overrides: see enforcement.yaml, embedded in
// the package and loaded by DefaultConfig.
package rules
