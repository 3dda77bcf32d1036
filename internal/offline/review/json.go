package review

import (
	"encoding/json"
	"io"
)

// RenderJSON writes the review for machines: the same content as the comment,
// untruncated.
func RenderJSON(w io.Writer, r *Review) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
