// Package registry provides the environment's Azure Container Registry for
// game-server images. The SKU follows the tier (Premium in prod, Standard in staging,
// Basic in dev); in prod the registry is zone-redundant and geo-replicated to every
// other region of the environment, so each cluster pulls images from a replica in
// its own region (faster scale-out, no cross-region egress, no dependency on the
// home region). The admin user is disabled: clusters pull with their kubelet
// identity's AcrPull role.
//
// The registry is environment-wide and stateful (images are the game's builds), so
// it is protected and retained on delete in prod. Nothing in a region waits for it
// except the kubelet identity's AcrPull role assignment, a leaf of the graph;
// replications are leaves as well.
package registry
