// Package spec is the typed environment model: one Spec per stack, read from the
// stack's config (environments/Pulumi.<stack>.yaml), defaulted and validated before
// any resource is registered. Validation collects every problem at once, each with
// the path of the field it concerns, so a user fixes a config in one pass.
//
// The same loader serves the real Pulumi program (config from the engine) and the
// offline plan (config read from the file), so both reject exactly the same input.
package spec
