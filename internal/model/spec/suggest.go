package spec

// Suggest returns ` (did you mean "x"?)` for the candidate closest to got within a
// small edit distance, or ` (allowed: a, b, …)`; other validators (environment
// requests) word their catalogue errors the same way as the spec.
func Suggest(got string, candidates []string) string { return suggest(got, candidates) }
