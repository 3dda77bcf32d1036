// Package network provides a region's network stamp: a VNet in the region's block
// from the platform address plan, split by SplitSubnets into game-node, services,
// system-node and private-endpoint subnets; one NSG per subnet (only the game
// subnet admits traffic from the Internet, and only the game UDP range and the QoS
// beacon port); a NAT gateway for the egress of the non-game subnets; and a public
// IP prefix from which every game node gets its player-facing address, so the
// addresses are stable and can be allow-listed by partners and anti-DDoS services.
//
// Peering is a full mesh (NewPeering, MeshSchedule), not hub and spoke. VNet peering is
// not transitive, so a hub would need a routing appliance (Azure Firewall or an
// NVA) in the hub region to carry region-to-region traffic: an extra cost, an extra
// hop on cross-region game-server traffic and a single regional dependency for
// every other region. A full mesh of n regions is n*(n-1) peerings (42 for seven
// regions), far below Azure's 500 peerings per VNet, costs nothing while idle, and
// each link depends only on its two VNets. The address plan guarantees that no two
// blocks overlap, which peering requires.
//
// Deployment shape: NSGs, the NAT gateway's IP and the prefix are created in
// parallel; the VNet waits only on its NSGs and the NAT gateway (its subnets
// reference them). Subnet IDs are derived from the VNet's ID, so a consumer (the
// cluster) waits for the VNet and nothing else.
package network
