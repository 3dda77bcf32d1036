package spec

// Per-tier platform choices that the environment validation, the components and the
// policy pack all read, so each is decided in one place.

// SpotAllowed reports whether a tier may run game pools on spot VMs. Spot VMs are
// evicted with 30 seconds' notice, which ends every match on the node, so prod never
// uses them.
func SpotAllowed(t Tier) bool { return t != TierProd }

// Container registry SKUs (Microsoft.ContainerRegistry).
const (
	RegistrySKUBasic    = "Basic"
	RegistrySKUStandard = "Standard"
	RegistrySKUPremium  = "Premium"
)

// RegistrySKU returns the container registry SKU of a tier: Premium in prod (geo-
// replication to every region, zone redundancy), Standard in staging, Basic in dev.
func RegistrySKU(t Tier) string {
	switch t {
	case TierProd:
		return RegistrySKUPremium
	case TierStaging:
		return RegistrySKUStandard
	}
	return RegistrySKUBasic
}
