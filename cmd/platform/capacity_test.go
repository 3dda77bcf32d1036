package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestPlanPrintsCapacity(t *testing.T) {
	var out bytes.Buffer
	if err := runPlan(&out, &planFlags{env: "staging", dir: envDir, format: "text"}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	// staging: 10000 players per region on F16s_v2 -> 625 servers, 6 per node,
	// 105 nodes at peak, autoscaler 21..132, Standard_D4s_v5 system pool 1..3.
	for _, want := range []string{
		"\nCapacity (85% of each node usable, 25% autoscaler headroom, 20% of peak kept warm):\n",
		"  westeurope: 10000 players peak -> 625 servers, 6 per node, 105 game nodes at peak\n",
		"    system   Standard_D4s_v5        1..3     nodes\n",
		"    game1    Standard_F16s_v2      21..132   nodes\n",
		"    vCPU at max: standardDSv5Family 12, standardFSv2Family 2112\n",
		"  all regions, vCPU at max: standardDSv5Family 24, standardFSv2Family 4224\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("plan output lacks %q", want)
		}
	}
}
