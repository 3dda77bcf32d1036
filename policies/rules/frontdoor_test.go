package rules

// appliedStorageOrigin is the real patches origin with the blob host an applied plan
// gives it.
func appliedStorageOrigin() Resource {
	return with(with(renamed(real(TypeAFDOrigin, nil), "global-cdn-patches-storage", ""), "hostName", "stpatchstarfallprod.blob.core.windows.net"), "originGroupName", "patches")
}

// patchesGroup is the real patches origin group (generic, with origin authentication).
func patchesGroup() Resource { return real(TypeAFDOriginGroupAuth, nil) }

func init() {
	typed := res(TypeAFDOriginGroup, "global-cdn-patches-og", "", obj(`{"originGroupName": "patches", "profileName": "afd-starfall-prod"}`))
	ruleCases = append(ruleCases,
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "storage read with the identity", res: []Resource{appliedStorageOrigin(), patchesGroup()}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "an API origin needs no identity", res: []Resource{with(appliedStorageOrigin(), "hostName", "starfall-prod-jpe.japaneast.cloudapp.azure.com"), typed}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "no authentication", res: []Resource{appliedStorageOrigin(), with(patchesGroup(), "properties.authentication", nil)},
			want: []string{"without origin authentication, so Front Door gets 403"}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "another scope", res: []Resource{appliedStorageOrigin(), with(patchesGroup(), "properties.authentication.scope", "https://management.azure.com/.default")},
			want: []string{`properties.authentication.scope is "https://management.azure.com/.default"; expected https://storage.azure.com/.default`}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "no identity named", res: []Resource{appliedStorageOrigin(), with(patchesGroup(), "properties.authentication.userAssignedIdentity", nil)},
			want: []string{"names no identity"}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "a typed group cannot authenticate", res: []Resource{appliedStorageOrigin(), typed},
			want: []string{"declared at an API version without origin authentication"}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "preview: host from a storage account, read with the identity",
			res: []Resource{with(storageOrigin(true), "originGroupName", "patches"), storageAccount(), patchesGroup()}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "preview: host from a storage account, typed group",
			res: []Resource{with(storageOrigin(true), "originGroupName", "patches"), storageAccount(), typed}, want: []string{"declared at an API version without origin authentication"}},
		ruleCase{policy: "frontdoor-storage-origin-identity", name: "no group", res: []Resource{appliedStorageOrigin()},
			want: []string{`is in origin group "patches", which is not declared with origin authentication`}},
	)
}
