package naming

import (
	"crypto/sha1"
	"fmt"
	"strings"
)

// GUID returns a stable, name-based GUID (RFC 4122 version 5 layout) for the given
// parts, for resources Azure names with a GUID (role assignments). The same parts
// always give the same GUID, so a re-run never renames (replaces) the resource.
func GUID(parts ...string) string {
	sum := sha1.Sum([]byte("gameplatform/" + strings.Join(parts, "/")))
	b := sum[:16]
	b[6] = (b[6] & 0x0f) | 0x50 // version 5
	b[8] = (b[8] & 0x3f) | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
