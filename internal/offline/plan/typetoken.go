package plan

import "strings"

// BaseType drops an explicit API version from an azure-native type token, so
// "azure-native:containerservice/v20240801:ManagedCluster" and
// "azure-native:containerservice:ManagedCluster" name the same Azure resource type.
// Other tokens are returned unchanged.
func BaseType(token string) string {
	first := strings.IndexByte(token, ':')
	last := strings.LastIndexByte(token, ':')
	if first < 0 || last <= first {
		return token
	}
	module := token[first+1 : last]
	slash := strings.IndexByte(module, '/')
	if slash < 0 || !strings.HasPrefix(module[slash+1:], "v") {
		return token
	}
	return token[:first+1] + module[:slash] + token[last:]
}
