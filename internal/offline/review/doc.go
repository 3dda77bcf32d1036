// Package review turns a proposed infrastructure change into the comment reviewers
// approve from in a pull request.
//
// It is pure: inputs (two offline plans, base and head, or the digest that
// `pulumi preview --json` prints) become a structured Review — counts, the dangerous
// changes first, changes grouped by region and component with the changed input paths
// and their old → new values (secrets masked), policy results new vs already present,
// cost before → after, the deploy-time estimate — and the Review is rendered as
// Markdown (one comment per environment, with a stable hidden marker so workflows
// update the comment instead of adding another) or as JSON.
//
// Offline diffs cannot ask Azure whether a change forces a new resource, so
// replacement is inferred from the properties Azure cannot change in place (see
// replace.go); the comment says so. A preview's steps carry the engine's own verdict.
//
// Affected computes which environments a set of changed files touches, for the
// pull-request workflow.
package review
