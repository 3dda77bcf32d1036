// Package deploytime estimates how long a fresh `pulumi up` of a plan takes: it
// builds the dependency graph the engine schedules (explicit and property
// dependencies, component children), gives each operation the typical create
// duration of its type from the resource-type catalogue (internal/model/catalog),
// and simulates the engine as a bounded list scheduler (Pulumi's --parallel) with Azure's one-operation-at-a-time rules
// (AKS clusters, managed identities). The result is the critical path, its length,
// and the smallest parallelism that comes close to the unbounded critical path.
package deploytime
