package rules

import (
	"github.com/gameplatform/platform/internal/model/catalog"
	"github.com/gameplatform/platform/internal/model/spec"
)

func init() {
	register(&Policy{
		Name:        "protect-stateful",
		Description: "Stateful resources (storage accounts, key vaults, registries, DNS zones, public IP prefixes) are protected in prod.",
		Category:    DataSafety,
		Types:       catalog.Types(func(e *catalog.Entry) bool { return e.Stateful }),
		Resource: func(e *Env, r *Resource, rep *Reporter) {
			if e.TierOf(r) != spec.TierProd || r.Protect {
				return
			}
			rep.Report("%s: is not protected; expected the protect resource option in prod (a delete or replacement would lose data or player-facing addresses)", r.label())
		},
	})
}
