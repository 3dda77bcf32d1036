package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestPlanPrintsCapacity(t *testing.T) {
	var out bytes.Buffer
	if err := runPlan(&out, &planFlags{env: "dev", dir: envDir, format: "text"}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	// dev: 2000 players on F8s_v2 -> 125 servers, 3 per node, 42 nodes at peak,
	// autoscaler 9..53 in one pool (AKS's 1,000-node cap), D4s_v5 system pool 1..3.
	for _, want := range []string{
		"\nCapacity (85% of each node usable, 25% autoscaler headroom, 20% of peak kept warm):\n",
		"  westeurope: 2000 players peak -> 125 servers, 3 per node, 42 game nodes at peak\n",
		"    system   Standard_D4s_v5        1..3     nodes\n",
		"    game1    Standard_F8s_v2        9..53    nodes\n",
		// The fleet: the warm 9 nodes × 3 servers on standby, up to 53 × 3.
		"    servers  Agones 1.57.0, fleet acrstarfalldev3540.azurecr.io/starfall/gameserver:1.0.0, standby 27, 27..159 servers\n",
		"    vCPU at max: standardDSv5Family 12, standardFSv2Family 424\n",
		"  all regions, vCPU at max: standardDSv5Family 12, standardFSv2Family 424\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan output lacks %q", want)
		}
	}
}
