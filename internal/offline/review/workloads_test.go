package review

import (
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

func workloadPlan(version, image string, buffer, max float64, noise int) *plan.Plan {
	fleetInputs := map[string]any{"spec": map[string]any{"template": map[string]any{"spec": map[string]any{"template": map[string]any{"spec": map[string]any{
		"containers": []any{map[string]any{"name": "gameserver", "image": image}},
	}}}}}}
	rel := map[string]any{"chart": "agones", "version": version, "values": map[string]any{}}
	// Changes beyond the cap of shown properties: the key inputs still show.
	for i := 0; i < noise; i++ {
		rel["values"].(map[string]any)["k"+string(rune('a'+i))] = float64(i)
	}
	return &plan.Plan{Stack: "prod", Resources: []plan.Resource{
		{URN: "urn:pulumi:prod::game-platform::kubernetes:helm.sh/v3:Release::japaneast-gameservers-agones", Type: "kubernetes:helm.sh/v3:Release",
			Name: "japaneast-gameservers-agones", Region: "japaneast", Custom: true, Inputs: rel},
		{URN: "urn:pulumi:prod::game-platform::kubernetes:agones.dev/v1:Fleet::japaneast-gameservers-fleet", Type: "kubernetes:agones.dev/v1:Fleet",
			Name: "japaneast-gameservers-fleet", Region: "japaneast", Custom: true, Inputs: fleetInputs},
		{URN: "urn:pulumi:prod::game-platform::kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler::japaneast-gameservers-fleet-autoscaler",
			Type: "kubernetes:autoscaling.agones.dev/v1:FleetAutoscaler", Name: "japaneast-gameservers-fleet-autoscaler", Region: "japaneast", Custom: true,
			Inputs: map[string]any{"spec": map[string]any{"policy": map[string]any{"type": "Buffer", "buffer": map[string]any{
				"bufferSize": buffer, "minReplicas": buffer, "maxReplicas": max}}}}},
	}}
}

// The review shows the chart version, the fleet's image and its replica bounds when
// they change, and when the workloads are created, before any other input.
func TestReviewShowsWorkloadChanges(t *testing.T) {
	base := workloadPlan("1.56.0", "acr.azurecr.io/starfall/gameserver:1.0.0", 100, 600, 0)
	head := workloadPlan("1.57.0", "acr.azurecr.io/starfall/gameserver:1.1.0", 120, 720, 20)
	r, err := FromPlans(base, head, Options{})
	if err != nil {
		t.Fatal(err)
	}
	md := RenderMarkdown(r, MarkdownOptions{})
	for _, want := range []string{
		"<code>version</code>: <code>1.56.0</code> → <code>1.57.0</code>",
		"gameserver:1.1.0",
		"<code>spec.policy.buffer.bufferSize</code>: <code>100</code> → <code>120</code>",
		"<code>spec.policy.buffer.maxReplicas</code>: <code>600</code> → <code>720</code>",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("review lacks %q:\n%s", want, md)
		}
	}
	created, err := FromPlans(&plan.Plan{Stack: "prod"}, head, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range created.Changes {
		if len(c.Properties) == 0 || !c.Properties[0].Key {
			t.Errorf("created %s shows no key input first: %+v", c.Name, c.Properties)
		}
	}
}
