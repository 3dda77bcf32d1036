// Package gameservers makes a region's AKS cluster host the game's dedicated
// servers: a Kubernetes provider for the cluster, the deploying identity's cluster
// role, Agones (Helm release, pinned in internal/model/agones), the game namespace
// with its workload-identity service accounts, the game's Fleet and its
// FleetAutoscaler sized from the capacity model.
//
// Every value comes from the environment spec or the cluster component, never typed
// twice: the host port range Agones allocates from is the spec's gamePorts (the range
// the game subnet's NSG and the game pools' node-level NSG open); Agones' components
// select and tolerate the system pool, game servers the game pools, by the labels and
// taints gamecluster.Pools declares; the fleet image is the environment's registry
// plus gameServer.image; the fleet's requests are gameServer.cpu and memoryGiB; the
// autoscaler's buffer, minimum and maximum are capacity.Plan.Fleet.
//
// # Access
//
// The clusters have local accounts off, Entra ID and Azure RBAC: the provider's
// kubeconfig is the cluster's user credentials in exec format, which run kubelogin
// (workload identity in CI, the Azure CLI locally), kept secret. The deploying
// identity (the principal of the Azure credentials, getClientConfig's objectId) gets
// "Azure Kubernetes Service RBAC Cluster Admin" on the cluster — that cluster only —
// and the provider waits for that grant. Azure RBAC can take a minute or two to
// propagate to the API server; the Helm release's wait absorbs it on a fresh cluster.
//
// # Allocator
//
// The allocator (GameServerAllocation over gRPC on 443 and REST on 8443, separate
// listeners) sits on an Azure internal load balancer in the region's services subnet,
// its source ranges limited to the region's own address block: the matchmaker runs
// in the region (in the cluster or the services subnet), and an internal address
// keeps allocation off the Internet without another public IP, NSG rule or WAF. The
// cluster's control plane is granted the services subnet for it.
//
// # Certificates
//
// The allocator serves mTLS. Its server certificate and client CA are the chart's
// (generateTLS, generateClientTLS): Helm renders them once per install or upgrade of
// the release, and the client certificate lands in the game namespace
// (allocator-client.default) where the matchmaker reads it. Pulumi decides a
// Release's update from its inputs (chart, version, values), which this package
// derives deterministically — the provider's Diff is a three-way patch of the old
// inputs, the new inputs and the old state, never a fresh render of the chart
// (pulumi-kubernetes provider/pkg/provider/helm_release.go) — so a second
// `pulumi up` is a no-op and renders nothing;
// certificates change only with a real upgrade of the release, server, CA and client
// secret together in one render. No key is ever in the program, its config or its
// state. Issuing them with cert-manager instead (generateTLS false,
// disableSecretCreation true) would survive upgrades, at the cost of another release
// on every cluster's critical path; that is a later change if matchmakers outside the
// cluster need stable client certificates.
//
// # Deploy-time shape
//
// RG → VNet → AKS → deploying identity's grant → provider → namespace → Agones
// release → fleet: the release waits for the cluster (through its provider, whose
// kubeconfig is the cluster's) and the fleet for the release (its CRDs). The
// autoscaler waits only for the release; the service accounts only for the
// namespace.
package gameservers
