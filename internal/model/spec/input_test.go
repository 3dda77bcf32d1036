package spec

import (
	"fmt"
	"strings"
	"testing"
)

// loadProblems loads body as a stack file and returns its problem lines as the user
// sees them ("<file>: <path>: <message>" or "<file>:<line>: …"), without the header.
func loadProblems(t *testing.T, body string) (string, []string) {
	t.Helper()
	p := writeFile(t, body)
	_, _, err := LoadFile(p, "test", testNow)
	if err == nil {
		return p, nil
	}
	lines := strings.Split(err.Error(), "\n")
	for i := range lines[1:] {
		lines[i+1] = strings.TrimPrefix(lines[i+1], "  ")
	}
	return p, lines[1:]
}

func wantProblem(t *testing.T, body, want string) {
	t.Helper()
	p, got := loadProblems(t, body)
	want = strings.ReplaceAll(want, "FILE", p)
	for _, g := range got {
		if strings.HasPrefix(g, want) {
			return
		}
	}
	t.Errorf("want a problem starting with\n  %s\ngot %q", want, got)
}

const threeRegions = `config:
  game-platform:studio: nebula-forge
  game-platform:game: starfall
  game-platform:tier: dev
  game-platform:owners: [a@b.example]
  game-platform:costCenter: CC-1
  game-platform:budgetMonthlyUSD: 100
  game-platform:domain: test.starfall.example
  game-platform:cluster: {apiServerAuthorizedRanges: [198.51.100.0/24]}
  game-platform:regions:
    - name: westeurope
      addressSpace: 10.30.0.0/20
      capacity: {peakPlayers: 100}
    - name: northeurope
      addressSpace: 10.30.16.0/20
      capacity: {peakPlayers: 100}
    - name: japaneast
      addressSpace: 10.30.32.0/20
      capacity: {peakPlayers: 100}
`

func region(i int, from, to string) string {
	parts := strings.SplitAfter(threeRegions, "    - name:")
	parts[i+1] = strings.Replace(parts[i+1], from, to, 1)
	return strings.Join(parts, "")
}

func TestErrorPathsKeepListIndices(t *testing.T) {
	wantProblem(t, region(2, "peakPlayers: 100", "peakPlayers: lots"),
		`FILE: regions[2].capacity.peakPlayers: must be a whole number, got the string "lots"`)
	wantProblem(t, region(1, "peakPlayers: 100", "peakPlayers: 100, peakPlayer: 5"),
		`FILE: regions[1].capacity.peakPlayer: unknown key (did you mean "peakPlayers"?)`)
	wantProblem(t, region(2, "addressSpace: 10.30.32.0/20", "adressSpace: 10.30.32.0/20"),
		`FILE: regions[2].adressSpace: unknown key (did you mean "addressSpace"?)`)
	wantProblem(t, strings.Replace(threeRegions, "{apiServerAuthorizedRanges: [198.51.100.0/24]}", "{apiServerAuthorizedRanges: [198.51.100.0/24, 7]}", 1),
		`FILE: cluster.apiServerAuthorizedRanges[1]: must be a string, got the number 7`)
	wantProblem(t, region(0, "capacity: {peakPlayers: 100}", "capacity: [100]"),
		`FILE: regions[0].capacity: must be a mapping of keys, got a list`)
}

func TestUserNumbersCannotOverflow(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"peakPlayers: 100", "peakPlayers: 9223372036854775807", "FILE: regions[1].capacity.peakPlayers: must be at most 10000000"},
		{"peakPlayers: 100", "peakPlayers: 99999999999999999999", "FILE: regions[1].capacity.peakPlayers: 100000000000000000000 is too large"},
		{"peakPlayers: 100", "peakPlayers: 1e30", "FILE: regions[1].capacity.peakPlayers: must be a whole number, got 1e+30"},
		{"peakPlayers: 100", "peakPlayers: 100, playersPerServer: 9223372036854775807", "FILE: regions[1].capacity.playersPerServer: must be 1-256"},
		{"peakPlayers: 100", "peakPlayers: 100, vcpuPerServer: 1e-300", "FILE: regions[1].capacity.vcpuPerServer: must be 0.25-64, got 1e-300"},
	} {
		wantProblem(t, region(1, tc.from, tc.to), tc.want)
	}
	wantProblem(t, strings.Replace(threeRegions, "budgetMonthlyUSD: 100", "budgetMonthlyUSD: 1e300", 1),
		"FILE: budgetMonthlyUSD: must be at most 1000000000")
	for v, want := range map[string]string{
		".nan": "FILE:7: budgetMonthlyUSD: is not a finite number", ".inf": "FILE:7: budgetMonthlyUSD: is not a finite number",
		"NaN": `FILE: budgetMonthlyUSD: must be a number, got "NaN"`, "lots": `FILE: budgetMonthlyUSD: must be a number, got "lots"`,
	} {
		wantProblem(t, strings.Replace(threeRegions, "budgetMonthlyUSD: 100", "budgetMonthlyUSD: "+v, 1), want)
	}
	if _, err := FromConfig("test", "cfg", map[string]string{Namespace + ":budgetMonthlyUSD": "NaN"}, testNow); err == nil ||
		!strings.Contains(err.Error(), `budgetMonthlyUSD: must be a number, got "NaN"`) {
		t.Errorf("budget NaN from the engine: %v", err)
	}
	big := "\n  game-platform:cdn: {patchCacheSeconds: 9223372036854775807, rateLimitPerMinute: 9223372036854775807}\n"
	wantProblem(t, threeRegions+big, "FILE: cdn.patchCacheSeconds: must be 1-31622400 seconds")
	wantProblem(t, threeRegions+big, "FILE: cdn.rateLimitPerMinute: must be 10-2147483647 requests per minute")
	wantProblem(t, threeRegions+"  game-platform:gamePorts: {start: 9223372036854775807}\n", "FILE: gamePorts.start: 9223372036854775807 is outside 1024-65535")
}

func TestExplicitZeroIsAnErrorNotTheDefault(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{region(1, "peakPlayers: 100", "peakPlayers: 100, playersPerServer: 0"), "FILE: regions[1].capacity.playersPerServer: must be 1-256, got 0"},
		{region(0, "peakPlayers: 100", "peakPlayers: 100, vcpuPerServer: 0"), "FILE: regions[0].capacity.vcpuPerServer: must be 0.25-64, got 0"},
		{region(0, "peakPlayers: 100", "peakPlayers: 100, vcpuPerServer: -2"), "FILE: regions[0].capacity.vcpuPerServer: must be 0.25-64, got -2"},
		{threeRegions + "  game-platform:gamePorts: {start: 0, end: 0}\n", "FILE: gamePorts.start: 0 is outside 1024-65535"},
		{threeRegions + "  game-platform:gamePorts: {qosPort: 0}\n", "FILE: gamePorts.qosPort: 0 is outside 1024-65535"},
		{threeRegions + "  game-platform:cdn: {patchCacheSeconds: 0}\n", "FILE: cdn.patchCacheSeconds: must be 1-31622400 seconds"},
		{threeRegions + "  game-platform:cdn: {rateLimitPerMinute: 0}\n", "FILE: cdn.rateLimitPerMinute: must be 10-2147483647 requests per minute, got 0"},
	} {
		wantProblem(t, tc.body, tc.want)
	}
	// Unset (absent or null) still means the documented default; so does an empty
	// optional string.
	s, _, err := LoadFile(writeFile(t, region(0, "peakPlayers: 100", "peakPlayers: 100, playersPerServer: null, vmSize: ''")+
		"  game-platform:gamePorts: {end: 7999}\n"), "test", testNow)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Regions[0].Capacity
	if c.PlayersPerServer != DefaultPlayersPerServer || c.VCPUPerServer != DefaultVCPUPerServer || c.VMSize != DefaultVMSize ||
		s.GamePorts != (PortRange{DefaultGamePortStart, 7999, DefaultQoSPort}) || s.CDN.PatchCacheSeconds != DefaultPatchCacheSeconds {
		t.Errorf("defaults not applied to unset fields: %+v %+v %+v", c, s.GamePorts, s.CDN)
	}
}

func TestUnquotedDatesAndYAMLTypingTraps(t *testing.T) {
	s, _, err := LoadFile(writeFile(t, threeRegions+"  game-platform:expiresOn: 2026-12-16\n"), "test", testNow)
	if err != nil {
		t.Fatalf("unquoted date rejected: %v", err)
	}
	if s.ExpiresOn != "2026-12-16" {
		t.Errorf("ExpiresOn = %q", s.ExpiresOn)
	}
	// Under `pulumi up` the CLI hands an unquoted date over as time.Time.String().
	for _, v := range []string{"2026-12-16", "2026-12-16 00:00:00 +0000 UTC", "2026-12-16T00:00:00Z"} {
		if NormalizeDate(v) != "2026-12-16" {
			t.Errorf("NormalizeDate(%q) = %q", v, NormalizeDate(v))
		}
	}
	wantProblem(t, threeRegions+"  game-platform:expiresOn: 2026-12-16T10:30:00Z\n", `FILE: expiresOn: "2026-12-16T10:30:00Z" is not a date (YYYY-MM-DD)`)

	s, _, err = LoadFile(writeFile(t, strings.Replace(threeRegions, "costCenter: CC-1", "costCenter: 1001", 1)), "test", testNow)
	if err != nil || s.CostCenter != "1001" {
		t.Fatalf("costCenter: 1001 = %+v, %v", s, err)
	}
	wantProblem(t, strings.Replace(threeRegions, "costCenter: CC-1", "costCenter: 0100", 1),
		`FILE:6: costCenter: YAML reads 0100 as the int 64, so Pulumi passes "64"; quote it ("0100")`)
	wantProblem(t, strings.Replace(threeRegions, "studio: nebula-forge", "studio: True", 1),
		`FILE:2: studio: YAML reads True as the bool true, so Pulumi passes "true"`)
	wantProblem(t, threeRegions+"  game-platform:tags: {team: 1001}\n", `FILE: tags.team: must be a string, got the number 1001 (quote it in YAML: "1001")`)
	wantProblem(t, region(0, "peakPlayers: 100", "peakPlayers: 100, spot: yes"),
		`FILE: regions[0].capacity.spot: must be true or false, got the string "yes" (YAML 1.2 reads yes/no/on/off as text; write true or false)`)
	wantProblem(t, threeRegions+"  game-platform:tags: {ratio: .nan}\n", `FILE:20: tags.ratio: is not a finite number`)
}

func TestYAMLSyntaxErrorsNameTheirLine(t *testing.T) {
	for _, tc := range []struct {
		name, from, to, want string
	}{
		{"unclosed list", "owners: [a@b.example]", "owners: [a@b.example", "FILE:5: parsing YAML: did not find expected ',' or ']'"},
		{"unclosed mapping", "capacity: {peakPlayers: 100}\n    - name: northeurope", "capacity: {peakPlayers: 100\n    - name: northeurope", "FILE:13: parsing YAML: did not find expected ',' or '}'"},
		{"tab", "  game-platform:tier: dev", "\tgame-platform:tier: dev", "FILE:4: parsing YAML: found a tab character that violates indentation"},
		{"list item in a mapping", "  game-platform:tier: dev", "  - dev", "FILE:4: parsing YAML: did not find expected key"},
		{"unterminated quote", "costCenter: CC-1", `costCenter: "CC-1`, "FILE:6: parsing YAML: found unexpected end of stream"},
		{"value after value", "tier: dev", "tier: dev: staging", "FILE:4: parsing YAML: mapping values are not allowed in this context"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Replace(threeRegions, tc.from, tc.to, 1)
			if body == threeRegions {
				t.Fatal("replacement did not apply")
			}
			wantProblem(t, body, tc.want)
		})
	}
	wantProblem(t, threeRegions+"  game-platform:tier: prod\n", `FILE: parsing YAML: line 20: mapping key "game-platform:tier" already defined at line 4`)
}

func TestTagLimits(t *testing.T) {
	long := strings.Repeat("c", 300)
	wantProblem(t, strings.Replace(threeRegions, "costCenter: CC-1", "costCenter: "+long, 1),
		"FILE: costCenter: is 300 characters; it becomes the cost-center tag and Azure allows 256")
	var tags []string
	for i := range 45 {
		tags = append(tags, fmt.Sprintf("t%d: x", i))
	}
	wantProblem(t, threeRegions+"  game-platform:tags: {"+strings.Join(tags, ", ")+"}\n",
		"FILE: tags: 51 tags with the platform's own 6; Azure allows 50 per resource")
	s := validSpec()
	s.Tags = map[string]string{}
	for i := range 44 {
		s.Tags[fmt.Sprintf("t%d", i)] = "x"
	}
	if err := s.Validate(testNow); err != nil {
		t.Errorf("50 tags rejected: %v", err)
	}
	for _, tc := range []struct {
		tags map[string]string
		want string
	}{
		{map[string]string{"Environment": "x"}, `tags.Environment: "Environment" is set by the platform`},
		{map[string]string{"Team": "a", "team": "b"}, `tags.team: Azure tag names are case-insensitive: "team" is the same tag as "Team"`},
		{map[string]string{"azure-thing": "a"}, `tags.azure-thing: tag names starting with azure, windows or microsoft are reserved`},
		{map[string]string{strings.Repeat("k", 129): "a"}, `tags.` + strings.Repeat("k", 129) + `: tag name must be 1-128 characters`},
		{map[string]string{"team": strings.Repeat("v", 257)}, `tags.team: tag value is 257 characters; Azure allows 256`},
	} {
		s := validSpec()
		s.Tags = tc.tags
		got := problems(t, s.Validate(testNow))
		if len(got) != 1 || !strings.HasPrefix(got[0], tc.want) {
			t.Errorf("tags %v: problems %q, want %q", tc.tags, got, tc.want)
		}
	}
}

func TestNetworkPeering(t *testing.T) {
	wantProblem(t, threeRegions+"  game-platform:network: {peering: hub}\n", `FILE: network.peering: must be one of none, mesh (leave it unset for "none"), got "hub"`)
	wantProblem(t, threeRegions+"  game-platform:network: {peering: true}\n", "FILE: network.peering: must be a string")
	wantProblem(t, threeRegions+"  game-platform:network: {peerings: mesh}\n", `FILE: network.peerings: unknown key (did you mean "peering"?)`)
	for body, want := range map[string]bool{
		threeRegions: false,
		threeRegions + "  game-platform:network: {}\n":              false,
		threeRegions + "  game-platform:network: {peering: none}\n": false,
		threeRegions + "  game-platform:network: {peering: mesh}\n": true,
	} {
		s, _, err := LoadFile(writeFile(t, body), "test", testNow)
		if err != nil {
			t.Fatal(err)
		}
		if s.Peered() != want {
			t.Errorf("network %q: peered = %v, want %v", s.Network.Peering, s.Peered(), want)
		}
	}
}
