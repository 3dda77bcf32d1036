// Package requests turns a studio's environment request
// (environments/requests/<name>.yaml: who, which game, which tier, which regions at
// which peak player count, what budget, until when) into an environment stack config
// (environments/Pulumi.<name>.yaml).
//
// A request is checked in two layers, and every problem of both is reported at once,
// each naming the file and the field:
//
//   - its shape, against the JSON Schema that ships in environments/requests/schema.json
//     (unknown keys, wrong types, missing fields), validated with
//     github.com/santhosh-tekuri/jsonschema/v6;
//   - its meaning (Check): regions known to the platform and open to the tier, no
//     duplicates, owner emails, no clash with an existing environment, an expiry within
//     the tier's maximum, player counts one cluster can hold (the capacity model).
//
// Generate then sizes each region with the capacity model, allocates its address
// block (internal/model/addressplan) and renders the stack config with the platform defaults
// documented below; the caller plans it with the offline engine, whose cost analysis
// is compared with the budget, and writes it with WriteNewFile (atomic, never
// clobbering an existing environment).
package requests
