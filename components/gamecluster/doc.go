// Package gamecluster provides a region's game-server cluster: an AKS managed
// cluster with a system pool tainted CriticalAddonsOnly and one or more game-server
// pools sized by the capacity model (internal/model/capacity), each node with its own
// player-facing public IP from the network's prefix.
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
// # Inline agent pools, not AgentPool resources
//
// Every pool is declared inline in the cluster's agentPoolProfiles. Creating the
// cluster takes about 4-7 minutes and AKS creates inline pools together with it;
// separately declared AgentPool resources are created one at a time per cluster,
// about 5-7 minutes each, after the cluster exists. A prod region with a system pool
// and three game pools would take roughly 5 + 3 x 6 = 23 minutes with AgentPool
// resources against about 7 inline, and the cluster is the critical path of every
// region. The trade-off: azure-native documents that agentPoolProfiles cannot be
// updated in place through the cluster resource, so a change to a pool's shape (VM
// size, zones, a new pool when demand grows past a pool's limit) is a deliberate
// operation: add the pool as an AgentPool resource (pool names are stable, game1,
// game2, …) or accept a cluster replacement in a non-prod environment. Node counts,
// which the autoscaler changes constantly, are ignored in diffs.
//
// # Dependency shape
//
// The two identities start at once; the cluster waits only for what it uses: the
// VNet (its subnets), the game prefix, the two identities, the Log Analytics
// workspace (the monitoring add-on references it) and the Managed Identity Operator
// and Network Contributor assignments AKS checks at creation — the one explicit
// DependsOn, naming those three assignments. The AcrPull assignment and the
// diagnostic setting are leaves, so the environment-wide registry and its replicas
// never delay a cluster. In the offline estimate for prod with unbounded parallelism,
// a cluster starts 48 seconds into the run (after the workspace) and its creation
// ends the critical path (6m53s).
//
// NOTE: nodeOSUpgradeChannel and networkDataplane are not in the containerservice
// module's default API version (2023-04-01), so the cluster uses the explicit
// 2024-08-01 API version (type azure-native:containerservice/v20240801:ManagedCluster).
// The default and versioned types alias each other, so moving between them is not
// a replacement.
package gamecluster
