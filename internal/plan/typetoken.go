package plan

import (
	"regexp"
	"strings"
)

// apiVersionRE matches the API-version suffix of an azure-native module, as in
// "containerservice/v20240801" or "network/v20230201preview".
var apiVersionRE = regexp.MustCompile(`/v\d{8}(preview|privatepreview)?$`)

// BaseType returns a type token without an explicit azure-native API version:
// "azure-native:containerservice/v20240801:ManagedCluster" becomes
// "azure-native:containerservice:ManagedCluster". A program may pin a resource to an
// API version for a property the default version lacks; the resource is the same
// Azure resource, so analyses key their tables on the base type.
func BaseType(token string) string {
	parts := strings.SplitN(token, ":", 3)
	if len(parts) != 3 || parts[0] != "azure-native" {
		return token
	}
	return parts[0] + ":" + apiVersionRE.ReplaceAllString(parts[1], "") + ":" + parts[2]
}
