package rules

func init() {
	register(&Policy{
		Name:        "protect-stateful",
		Description: "Stateful resources (storage accounts, key vaults, registries, DNS zones, public IP prefixes) are protected in the tiers that protect them (prod; tier profile: Protect).",
		Category:    DataSafety,
		Types:       statefulTypes,
		Resource: func(e *Env, r *Resource, rep *Reporter) {
			if !e.Profile(r).Protect || r.Protect {
				return
			}
			rep.Report("%s: is not protected; expected the protect resource option in %s (a delete or replacement would lose data or player-facing addresses)", r.label(), e.TierOf(r))
		},
	})
}

// statefulTypes are the resources whose loss loses data or player-facing identity.
var statefulTypes = []string{TypeStorageAccount, TypeKeyVault, TypeRegistry, TypeDNSZone, TypePublicIPPrefix}
