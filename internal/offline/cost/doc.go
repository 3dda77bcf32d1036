// Package cost estimates the monthly cost of a plan offline: each deployed resource
// is priced from its registered inputs with the price table shipped in prices.json
// (Azure list prices with their source and date) and the usage assumptions of the
// environment's tier (its profile's Usage, internal/model/tier). Autoscaled node pools are priced at their expected average and
// at their maximum. Types Azure does not bill are priced at zero on purpose; anything
// the model cannot price is listed with the reason, never counted as zero.
package cost
