// Package network provides a region's network stamp: a VNet in the region's block
// from the platform address plan, split by SplitSubnets into game-node, services,
// system-node and private-endpoint subnets; one NSG per subnet (only the game
// subnet admits traffic from the Internet, and only the game UDP range and the QoS
// beacon port); a NAT gateway for the egress of the non-game subnets; and a public
// IP prefix from which every game node gets its player-facing address, so the
// addresses are stable and can be allow-listed by partners and anti-DDoS services.
//
// Peering is off by default: every region reaches the environment's services through
// its own private endpoints (components/privatelink), so no region needs another
// region's network, and a peering would make one region's reachability depend on
// another's VNet while adding n·(n−1) resources. A stack that asks for it
// (network.peering: mesh) gets a full mesh (NewPeering, MeshSchedule), not hub and
// spoke: VNet peering is not transitive, so a hub would need a routing appliance
// (Azure Firewall or an NVA) in the hub region — an extra cost, an extra hop and a
// single regional dependency for every other region. A mesh of n regions is n*(n-1)
// peerings (42 for seven), far below Azure's 500 peerings per VNet, and each link
// depends only on its two VNets. The address plan guarantees that no two blocks
// overlap, which peering requires, so it can be switched on at any time.
//
// Deployment shape: NSGs, the NAT gateway's IP and the prefix are created in
// parallel; the VNet waits only on its NSGs and the NAT gateway (its subnets
// reference them). Subnet IDs are derived from the VNet's ID, so a consumer (the
// cluster) waits for the VNet and nothing else.
package network
