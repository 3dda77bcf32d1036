// Package tier is the tier profile: one typed table per environment tier (dev,
// staging, prod) holding everything that differs between the tiers — where an
// environment may run (regions, VM sizes, pool caps, zones, spot), what it runs on
// (storage redundancy, Key Vault, registry, AKS control-plane and Front Door SKUs,
// WAF mode and rule sets), how long it keeps data (soft delete, log retention),
// how it is guarded (protection of stateful resources, required tags, expiry,
// budget and policy enforcement) and how players are routed (Traffic Manager probe
// interval and TTL).
//
// Environment validation (internal/model/spec), studio requests
// (internal/offline/requests), the components, the policy pack (policies/rules)
// and the README all read this table; where a file format keeps its own copy
// (policies/rules/enforcement.yaml, the README's table), a test proves it equal.
//
// The package sits below stacks and imports nothing of Pulumi or Azure: the request
// parser and the stack-config loader, both fuzzed, link it.
package tier
