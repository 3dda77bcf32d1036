package recorder

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/gameplatform/platform/internal/offline/plan"
)

type testProvider struct{ pulumi.ProviderResourceState }

type testObject struct{ pulumi.CustomResourceState }

// TestExplicitProviderIsADependency: a resource created through an explicit provider
// (a region's Kubernetes provider) waits for it, as the engine makes it wait, so the
// deploy-time model sees the cluster → provider → object chain; and the invokes the
// catalogue mocks (the cluster's credentials) are answered in both modes.
func TestExplicitProviderIsADependency(t *testing.T) {
	for _, mode := range plan.Modes {
		rec := NewMode(mode)
		var kubeconfigs []any
		err := pulumi.RunErr(func(ctx *pulumi.Context) error {
			var creds struct {
				Kubeconfigs []map[string]any `pulumi:"kubeconfigs"`
			}
			if err := ctx.Invoke("azure-native:containerservice:listManagedClusterUserCredentials",
				map[string]any{"resourceGroupName": "rg", "resourceName": "aks", "format": "exec"}, &creds); err != nil {
				return err
			}
			for _, k := range creds.Kubeconfigs {
				kubeconfigs = append(kubeconfigs, k["value"])
			}
			var p testProvider
			if err := ctx.RegisterResource("pulumi:providers:kubernetes", "k8s", pulumi.Map{}, &p); err != nil {
				return err
			}
			var o testObject
			return ctx.RegisterResource("kubernetes:core/v1:Namespace", "ns", pulumi.Map{"kind": pulumi.String("Namespace")}, &o, pulumi.Provider(&p))
		}, pulumi.WithMocks("game-platform", "test", rec), func(ri *pulumi.RunInfo) { ri.DryRun = mode == plan.ModePreview })
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if len(kubeconfigs) != 1 {
			t.Errorf("%s: credentials invoke returned %v", mode, kubeconfigs)
		}
		var prov, ns plan.Resource
		for _, r := range rec.Resources("game-platform", "test") {
			switch r.Name {
			case "k8s":
				prov = r
			case "ns":
				ns = r
			}
		}
		if prov.URN == "" || !slices.Contains(ns.Dependencies, prov.URN) {
			t.Errorf("%s: namespace dependencies %v lack its provider %s", mode, ns.Dependencies, prov.URN)
		}
	}
}
