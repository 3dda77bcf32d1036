// Package gamecluster provides a region's game-server cluster: an AKS managed
// cluster with a system pool tainted CriticalAddonsOnly and one or more game-server
// pools sized by the capacity model (internal/model/capacity), each node with its own
// player-facing public IP.
//
// Security and operations: Azure CNI overlay with Cilium network policy; Entra ID
// integration with Azure RBAC and local accounts disabled; OIDC issuer and workload
// identity; user-assigned identities for the control plane (Network Contributor on
// its own two subnets, Managed Identity Operator on the kubelet identity) and the
// kubelet (AcrPull on the registry), and nothing more; the monitoring add-on and
// diagnostic settings to the environment's Log Analytics workspace; automatic patch
// and node-image upgrades; Standard tier outside dev; the API server reachable only
// from the authorized ranges, or only privately.
//
// # Game pools are AgentPool resources
//
// The system pool is inline in the cluster's agentPoolProfiles (AKS requires one
// System pool at creation); every game pool is its own AgentPool resource. Azure
// refuses pool changes made through the managed cluster: "Adding agent pools to an
// existing cluster is not allowed through managed cluster operations. For agent pool
// specific change, please use per agent pool operations"
// (pulumi/pulumi-azure-native#579, #2719), and changing one inline pool puts every
// pool into Scaling (#4264). With AgentPool resources, the changes a launch brings
// are the per-pool operations Azure applies to a running cluster:
//
//   - more players: a new pool (game2, game3, …) is created; the cluster and the
//     other pools are untouched;
//   - a new autoscaler range: the pool is updated in place;
//   - a new VM size, zones, subnet, spot setting or node public IP setting: the pool
//     is replaced. Its name stays, so the old pool is deleted first
//     (DeleteBeforeReplace): its nodes are cordoned and drained (up to the drain
//     timeout, 60 minutes), matches still running on them end. The review calls
//     that out as dangerous.
//
// The cluster ignores agentPoolProfiles after creation, since Azure reads every pool
// back into it. The system pool's shape is therefore fixed at creation; changing it
// is a deliberate per-pool operation (add a System AgentPool, then retire the old).
//
// AKS runs one agent-pool operation at a time per cluster, so the game pools are
// created one after the other (each DependsOn the previous), about 5-7 minutes each.
// That is the trade-off against pool size: the capacity model fills pools up to the
// tier's cap (1,000 nodes in prod, AKS's own limit) before opening another, so a
// prod region has as few pools as its peak allows (one to three for the shipped
// regions), and nothing else of the region waits for the pools: the role
// assignments, diagnostic settings and private endpoints proceed in parallel.
//
// # Node public IPs
//
// Each game node has its own player-facing public IP (game traffic is direct UDP
// to the node that hosts the match). Azure allocates public IP prefixes of /28 (16
// addresses) at most from its own pool, so a prefix cannot hold a prod region's
// hundreds of nodes. By default the nodes get instance-level Standard public IPs
// with no prefix: Azure allocates them at any scale, each counted against the
// subscription's Standard public IP quota in the region (the plan's quota report
// lists the number to request). A publisher that owns address space sets
// regions[i].customIpPrefixId; the network then derives the game prefix from that
// custom (BYOIP) prefix and the nodes draw their addresses from it. Either way the
// game subnet's NSG and the pools' allowedHostPorts admit only the game ports.
//
// # Dependency shape
//
// The two identities start at once; the cluster waits only for what it uses: the
// VNet (its subnets), the two identities, the Log Analytics
// workspace (the monitoring add-on references it) and the Managed Identity Operator
// and Network Contributor assignments AKS checks at creation — the one explicit
// DependsOn, naming those three assignments. The AcrPull assignment and the
// diagnostic setting are leaves, so the environment-wide registry and its replicas
// never delay a cluster. The game pools follow the cluster one by one. In the offline
// estimate for prod with unbounded parallelism, a cluster starts 48 seconds into the
// run (after the workspace); japaneast's cluster and its three pools end the
// critical path (24m48s).
//
// # Arguments
//
// Every resource's arguments come from a pure builder (spec in, Azure arguments
// out), table-tested with go-cmp in args_test.go: clusterArgs, identityArgs,
// grantArgs and poolArgs. A pool is described once: poolArgs builds every pool, and
// the system pool's inline profile is a field-for-field copy of its AgentPool
// arguments (inlineProfile). NewGameCluster only wires the outputs of one resource
// into the next (identity IDs, principal IDs, the cluster's name) and the resource
// options.
//
// NOTE: nodeOSUpgradeChannel and networkDataplane are not in the containerservice
// module's default API version (2023-04-01), so the cluster uses the explicit
// 2024-08-01 API version (type azure-native:containerservice/v20240801:ManagedCluster).
// The default and versioned types alias each other, so moving between them is not
// a replacement.
package gamecluster
