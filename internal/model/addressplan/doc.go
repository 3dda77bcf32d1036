// Package addressplan allocates region address blocks from the platform's address
// plan (spec.PlatformAddressPlan, 10.0.0.0/8). It is pure and deterministic: given the
// blocks already in use by every environment and the blocks a new environment wants,
// it returns the same answer every time, never overlapping a block in use, and a
// clear error when the plan has no room left.
//
// Sizing rule (BlockBits): a region's block must hold, in its game subnet (half the
// block), every game node its cluster may scale to plus their upgrade surge
// (capacity.Plan.GameSubnetAddresses), and is never smaller than the tier's minimum:
//
//	dev     /20 (4,096 addresses)   at least, grown for capacity
//	staging /18 (16,384 addresses)  at least, grown for capacity
//	prod    /16 (65,536 addresses)  always: a live game grows, and blocks never move
//
// It is the rule the environment model validates blocks with (spec.GameNodeAddresses),
// so a block the plan allocates is always accepted. Pods use Azure CNI overlay
// addresses, which come from outside the plan.
//
// Placement rule (Allocate): first fit. Each wanted block, in request order, takes
// the lowest aligned block of its size inside the plan that overlaps nothing in use
// and nothing allocated before it.
package addressplan
