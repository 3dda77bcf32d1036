package rules

func init() {
	register(&Policy{
		Name:        "storage-no-cross-tenant-replication",
		Description: "Storage accounts refuse object replication to accounts of other Entra ID tenants.",
		Category:    Security,
		Types:       []string{TypeStorageAccount},
		Resource: func(e *Env, r *Resource, rep *Reporter) {
			// NOTE: accounts created before December 2023 default to allowing it, so
			// the platform states it explicitly.
			requireBool(rep, r, "allowCrossTenantReplication", false, false, "builds and assets are never copied to another tenant")
		},
	})
}
