// Package stacks composes the platform's components into one environment: a global
// part (resource group, monitoring, and the environment-wide services) and one
// independent subtree per region. Run is the Pulumi program; Deploy takes an already
// validated spec so tests and the offline plan drive exactly the same composition.
//
// Shape of the dependency graph: regions never wait on each other, and nothing waits
// on what it does not use — there is no blanket DependsOn anywhere. Dependencies come
// from inputs that reference other resources' outputs; Kubernetes objects, which name
// what they use (a namespace, a CRD, a service account) by name rather than by output,
// wait through a targeted DependsOn on exactly that (components/gameservers).
package stacks
