// Package agones is what the platform pins of Agones, the game-server orchestrator it
// installs on every regional cluster: the chart version, where the chart comes from and
// which Kubernetes minor versions that version supports. It is pure data with its
// source, read by environment validation (a Kubernetes version the pinned Agones does
// not support is refused), by the gameservers component and by the policy pack.
package agones

import (
	"fmt"
	"slices"
	"strings"
)

// Version is the pinned Agones release (Helm chart version = Agones version).
const Version = "1.57.0"

// ChartRepo and Chart locate the official Helm chart.
// Source: https://agones.dev/site/docs/installation/install-agones/helm/
const (
	ChartRepo = "https://agones.dev/chart/stable"
	Chart     = "agones"
	// Namespace is where the Agones system components run.
	Namespace = "agones-system"
)

// RegionLabel is the label the platform puts on its Agones objects (fleet, fleet
// autoscaler) naming their region: Kubernetes objects have no location, and the
// policy pack matches a fleet's autoscaler with its region's node pools by it.
const RegionLabel = "gameplatform.io/region"

// KubernetesVersions are the Kubernetes minor versions each Agones minor release
// supports. Source: https://agones.dev/site/docs/installation/#usage-requirements
// ("The following table lists recent Agones versions and their corresponding required
// Kubernetes versions"), read 2026-12-02.
var KubernetesVersions = map[string][]string{
	"1.57": {"1.33", "1.34", "1.35"},
	"1.56": {"1.33", "1.34", "1.35"},
	"1.55": {"1.32", "1.33", "1.34"},
	"1.54": {"1.32", "1.33", "1.34"},
	"1.53": {"1.31", "1.32", "1.33"},
	"1.52": {"1.31", "1.32", "1.33"},
	"1.51": {"1.31", "1.32", "1.33"},
}

// minor returns "1.33" of "1.33", "1.33.2" or "v1.33.2".
func minor(v string) string {
	parts := strings.SplitN(strings.TrimPrefix(v, "v"), ".", 3)
	if len(parts) < 2 {
		return v
	}
	return parts[0] + "." + parts[1]
}

// Supported returns the Kubernetes minor versions an Agones version supports, and
// false when the version is not in the table.
func Supported(agonesVersion string) ([]string, bool) {
	ks, ok := KubernetesVersions[minor(agonesVersion)]
	return ks, ok
}

// CheckKubernetes reports whether the Agones version supports a Kubernetes version
// (minor or patch form); the error says which versions it does support.
func CheckKubernetes(agonesVersion, kubernetesVersion string) error {
	ks, ok := Supported(agonesVersion)
	if !ok {
		return fmt.Errorf("Agones %s is not in the compatibility table (internal/model/agones)", agonesVersion)
	}
	if slices.Contains(ks, minor(kubernetesVersion)) {
		return nil
	}
	return fmt.Errorf("Agones %s (the platform's pinned version) supports Kubernetes %s, not %s; pick one of those",
		agonesVersion, strings.Join(ks, ", "), kubernetesVersion)
}

// Pinned reports whether a chart version is an exact release (x.y.z), not a range or
// empty: an unpinned chart upgrades Agones under running matches.
func Pinned(chartVersion string) bool {
	parts := strings.Split(chartVersion, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}
