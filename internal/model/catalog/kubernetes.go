package catalog

// kubernetesEntries are the in-cluster types (pulumi-kubernetes) and the providers.
// They are first-class entries: priced (free, with the reason: what they run is
// priced on the cluster's nodes), timed, described in the review. Azure's tags,
// locations and diagnostic settings do not apply to them (Placement NoLocation,
// not Taggable, no Diagnostics).
var kubernetesEntries = []Entry{
	{
		Type:    "kubernetes:helm.sh/v3:Release",
		Display: "helm:Release",
		Price:   Free("a Helm release runs on the cluster's nodes, which are priced on the AKS cluster and its pools"),
		// Helm waits for the chart's resources to be ready, up to the release's timeout
		// (300 s unless set: https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/,
		// and `helm install --timeout`, default 5m0s: https://helm.sh/docs/helm/helm_install/).
		Create: Duration{Seconds: 120, Range: "1-5 min", Basis: "chart install waiting for its workloads to be ready, bounded by the release timeout (300 s by default)"},
	},
	{
		Type:    "kubernetes:core/v1:Namespace",
		Display: "k8s:Namespace",
		Price:   Free("Kubernetes namespaces are not billed; their workloads run on the cluster's nodes, priced on the AKS cluster"),
		Create:  Duration{Seconds: 2, Range: "1-5 s", Basis: "synchronous Kubernetes API call; the provider waits for the namespace to become Active"},
	},
	{
		Type:    "kubernetes:core/v1:ServiceAccount",
		Display: "k8s:ServiceAccount",
		Price:   Free("Kubernetes service accounts are not billed"),
		Create:  Duration{Seconds: 2, Range: "1-5 s", Basis: "synchronous Kubernetes API call"},
	},
	{
		// Agones' Fleet: the game servers run on the game pools' nodes, priced with the
		// cluster. Pulumi creates a custom resource without awaiting its readiness; the
		// servers start afterwards as the pools scale.
		Type:    "kubernetes:agones.dev/v1:Fleet",
		Display: "agones:Fleet",
		Price:   Free("game servers run on the game pools' nodes, which are priced on the AKS cluster and its pools"),
		Create:  Duration{Seconds: 5, Range: "2-10 s", Basis: "Kubernetes API create of a custom resource; Pulumi does not await its servers"},
	},
	{
		Type:    "kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler",
		Display: "agones:FleetAutoscaler",
		Price:   Free("an Agones object; the servers it adds run on the game pools' nodes, priced on the AKS cluster and its pools"),
		Create:  Duration{Seconds: 2, Range: "1-5 s", Basis: "Kubernetes API create of a custom resource"},
	},
	{
		Type:    "pulumi:providers:kubernetes",
		Display: "provider:kubernetes",
		Price:   Free("provider resources are Pulumi objects, not cloud resources"),
		Create:  Duration{Seconds: 1, Range: "under 1 s", Basis: "no cloud operation: the engine configures the provider"},
	},
	{
		Type:    "pulumi:providers:azure-native",
		Display: "provider:azure-native",
		Price:   Free("provider resources are Pulumi objects, not Azure resources"),
		Create:  Duration{Seconds: 1, Range: "under 1 s", Basis: "no cloud operation: the engine configures the provider"},
	},
}
