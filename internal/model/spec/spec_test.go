package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func validSpec() *Spec {
	s := &Spec{
		Stack: "dev", Source: "environments/Pulumi.dev.yaml",
		Studio: "nebula-forge", Game: "starfall", Tier: TierDev,
		Owners: []string{"team@nebula.example"}, CostCenter: "CC-1",
		BudgetMonthlyUSD: 1000, Domain: "dev.play.starfall.example",
		Regions: []Region{
			{Name: "westeurope", AddressSpace: "10.10.0.0/20", Capacity: Capacity{PeakPlayers: 1000}},
			{Name: "japaneast", AddressSpace: "10.10.16.0/20", Capacity: Capacity{PeakPlayers: 1000}},
		},
		Cluster: ClusterSettings{APIServerAuthorizedRanges: []string{"198.51.100.0/24"}},
	}
	s.Default()
	return s
}

func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	ce, ok := err.(*ConfigError)
	if !ok {
		t.Fatalf("error is %T, want *ConfigError: %v", err, err)
	}
	return ce.Problems()
}

func TestValidSpecPasses(t *testing.T) {
	if err := validSpec().Validate(testNow); err != nil {
		t.Fatalf("valid spec rejected: %v", err)
	}
}

func TestValidateEachBadInput(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*Spec)
		want   string // "path: message prefix"
	}{
		{"unknown region", func(s *Spec) { s.Regions[0].Name = "westeurpe" }, `regions[0].name: unknown Azure region "westeurpe" (did you mean "westeurope"?)`},
		{"duplicate region", func(s *Spec) { s.Regions[1].Name = "westeurope"; s.Regions[1].AddressSpace = "10.10.16.0/20" }, `regions[1].name: region "westeurope" is already listed as regions[0]`},
		{"malformed cidr", func(s *Spec) { s.Regions[0].AddressSpace = "10.10.0.0/33" }, `regions[0].addressSpace: "10.10.0.0/33" is not a valid CIDR block`},
		{"unaligned cidr", func(s *Spec) { s.Regions[0].AddressSpace = "10.10.1.0/20" }, `regions[0].addressSpace: 10.10.1.0/20 is not aligned to its prefix length (did you mean 10.10.0.0/20?)`},
		{"too small block", func(s *Spec) { s.Regions[0].AddressSpace = "10.10.0.0/24" }, `regions[0].addressSpace: 10.10.0.0/24 must be between /16 and /20`},
		{"too large block", func(s *Spec) { s.Regions[0].AddressSpace = "10.0.0.0/15" }, `regions[0].addressSpace: 10.0.0.0/15 must be between /16 and /20`},
		{"outside plan", func(s *Spec) { s.Regions[0].AddressSpace = "192.168.0.0/20" }, `regions[0].addressSpace: 192.168.0.0/20 is outside the platform address plan 10.0.0.0/8`},
		{"overlap", func(s *Spec) { s.Regions[1].AddressSpace = "10.10.0.0/20" }, `regions[1].addressSpace: 10.10.0.0/20 overlaps regions[0] (10.10.0.0/20)`},
		{"no regions", func(s *Spec) { s.Regions = nil }, `regions: at least one region is required`},
		{"port start low", func(s *Spec) { s.GamePorts.Start = 80 }, `gamePorts.start: 80 is outside 1024-65535`},
		{"port end high", func(s *Spec) { s.GamePorts.End = 70000 }, `gamePorts.end: 70000 is outside 1024-65535`},
		{"port range reversed", func(s *Spec) { s.GamePorts.Start, s.GamePorts.End = 8000, 7000 }, `gamePorts: end 7000 is below start 8000`},
		{"qos in range", func(s *Spec) { s.GamePorts.QoSPort = 7500 }, `gamePorts.qosPort: 7500 lies inside the game range 7000-7999`},
		{"missing owner", func(s *Spec) { s.Owners = nil }, `owners: at least one owner email is required`},
		{"bad owner", func(s *Spec) { s.Owners = []string{"not-an-email"} }, `owners[0]: "not-an-email" is not a valid email address`},
		{"bad tier", func(s *Spec) { s.Tier = "qa" }, `tier: "qa" is not a tier (allowed: dev, staging, prod)`},
		{"expiry malformed", func(s *Spec) { s.ExpiresOn = "next friday" }, `expiresOn: "next friday" is not a date (YYYY-MM-DD)`},
		{"expiry in prod", func(s *Spec) { s.Tier = TierProd; s.ExpiresOn = "2027-01-01" }, `expiresOn: prod environments do not expire; remove expiresOn`},
		{"missing studio", func(s *Spec) { s.Studio = "" }, `studio: is required`},
		{"bad game", func(s *Spec) { s.Game = "Star Fall" }, `game: "Star Fall" must be 3-20 lowercase letters`},
		{"missing cost center", func(s *Spec) { s.CostCenter = " " }, `costCenter: is required`},
		{"zero budget", func(s *Spec) { s.BudgetMonthlyUSD = 0 }, `budgetMonthlyUSD: must be greater than 0, got 0`},
		{"bad domain", func(s *Spec) { s.Domain = "not a domain" }, `domain: "not a domain" is not a valid DNS zone name`},
		{"reserved tag", func(s *Spec) { s.Tags = map[string]string{"tier": "x"} }, `tags.tier: "tier" is set by the platform`},
		{"bad tag name", func(s *Spec) { s.Tags = map[string]string{"a/b": "x"} }, `tags.a/b: tag name must be 1-128 characters`},
		{"zero players", func(s *Spec) { s.Regions[0].Capacity.PeakPlayers = 0 }, `regions[0].capacity.peakPlayers: must be greater than 0, got 0`},
		{"players per server", func(s *Spec) { s.Regions[0].Capacity.PlayersPerServer = 1000 }, `regions[0].capacity.playersPerServer: must be 1-256, got 1000`},
		{"unknown vm size", func(s *Spec) { s.Regions[0].Capacity.VMSize = "Standard_F16s_v3" }, `regions[0].capacity.vmSize: VM size "Standard_F16s_v3" is not in the platform catalogue (did you mean "Standard_F16s_v2"?)`},
		// The tier profile's allow-lists, as the requests and the policy pack read them.
		{"vm size not open to the tier", func(s *Spec) { s.Regions[0].Capacity.VMSize = "Standard_F64s_v2" }, `regions[0].capacity.vmSize: VM size "Standard_F64s_v2" is not open to dev environments (allowed: Standard_D2s_v5,`},
		{"region not open to the tier", func(s *Spec) { s.Regions[1].Name = "southeastasia" }, `regions[1].name: region "southeastasia" is not open to dev environments (allowed: eastus2, japaneast, northeurope, westeurope, westus2)`},
		{"more regions than the tier spans", func(s *Spec) {
			for i, r := range []string{"northeurope", "eastus2"} {
				s.Regions = append(s.Regions, Region{Name: r, AddressSpace: fmt.Sprintf("10.10.%d.0/20", 32+16*i), Capacity: s.Regions[0].Capacity})
			}
		}, "regions: 4 regions; dev environments span at most 3"},
		{"server larger than vm", func(s *Spec) {
			s.Regions[0].Capacity.VMSize = "Standard_D2s_v5"
			s.Regions[0].Capacity.VCPUPerServer = 4
		}, `regions[0].capacity.vcpuPerServer: 4 vCPU per server does not fit a Standard_D2s_v5 (2 vCPU)`},
		{"spot in prod", func(s *Spec) { s.Tier = TierProd; s.Regions[0].Capacity.Spot = true }, `regions[0].capacity.spot: spot VMs can be evicted mid-match and are not allowed in prod`},
		{"no api ranges", func(s *Spec) { s.Cluster.APIServerAuthorizedRanges = nil }, `cluster.apiServerAuthorizedRanges: a public API server needs authorized ranges`},
		{"api open to world", func(s *Spec) { s.Cluster.APIServerAuthorizedRanges = []string{"0.0.0.0/0"} }, `cluster.apiServerAuthorizedRanges[0]: 0.0.0.0/0 opens the API server to the whole Internet`},
		{"bad k8s version", func(s *Spec) { s.Cluster.KubernetesVersion = "latest" }, `cluster.kubernetesVersion: "latest" is not a Kubernetes version`},
		{"bad admin group", func(s *Spec) { s.Cluster.AdminGroupObjectIDs = []string{"admins"} }, `cluster.adminGroupObjectIds[0]: "admins" is not an Entra ID object ID`},
		{"k8s version agones does not support", func(s *Spec) { s.Cluster.KubernetesVersion = "1.32" }, `cluster.kubernetesVersion: Agones 1.57.0 (the platform's pinned version) supports Kubernetes 1.33, 1.34, 1.35, not 1.32`},
		{"image without tag", func(s *Spec) { s.GameServer.Image = "starfall/gameserver" }, `gameServer.image: "starfall/gameserver" is not a repository path with a tag or digest`},
		{"image latest", func(s *Spec) { s.GameServer.Image = "starfall/gameserver:latest" }, `gameServer.image: "starfall/gameserver:latest" uses the moving tag latest`},
		{"image from another registry", func(s *Spec) { s.GameServer.Image = "docker.io/starfall/gameserver:1.2" }, `gameServer.image: "docker.io/starfall/gameserver:1.2" names a registry host; give the repository path only (starfall/gameserver:1.2)`},
		{"image uppercase", func(s *Spec) { s.GameServer.Image = "Starfall/Server:1" }, `gameServer.image: "Starfall/Server:1" is not a repository path`},
		{"server port zero", func(s *Spec) { s.GameServer.Port = 0 }, `gameServer.port: must be 1-65535, got 0`},
		{"server cpu too small", func(s *Spec) { s.GameServer.CPU = 0.1 }, `gameServer.cpu: must be 0.25-64 vCPU, got 0.1`},
		{"server cpu above the sized slot", func(s *Spec) { s.GameServer.CPU = 3 }, `gameServer.cpu: 3 vCPU is more than regions[0].capacity.vcpuPerServer (2), the slot the capacity model sizes westeurope's nodes for`},
		{"server memory zero", func(s *Spec) { s.GameServer.MemoryGiB = 0 }, `gameServer.memoryGiB: must be greater than 0, got 0`},
		{"server memory above the sized slot", func(s *Spec) { s.GameServer.MemoryGiB = 5 }, `gameServer.memoryGiB: 5 GiB is more than the 4 GiB per server the capacity model sizes westeurope's nodes for`},
		{"bad stack name", func(s *Spec) { s.Stack = "Dev_1" }, `stack: stack name "Dev_1" must be 2-20 lowercase letters`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := validSpec()
			tc.mutate(s)
			got := problems(t, s.Validate(testNow))
			for _, p := range got {
				if strings.HasPrefix(p, tc.want) {
					return
				}
			}
			t.Errorf("want a problem starting with\n  %s\ngot %q", tc.want, got)
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	s := validSpec()
	s.Regions[0].Name = "nowhere"
	s.Regions[1].AddressSpace = "10.10.0.0/20"
	s.GamePorts.Start, s.GamePorts.QoSPort = 1, 9000
	s.Owners = nil
	s.Tier = "qa"
	err := s.Validate(testNow)
	got := problems(t, err)
	if len(got) != 5 {
		t.Fatalf("want 5 problems, got %d: %q", len(got), got)
	}
	if !strings.HasPrefix(err.Error(), "environments/Pulumi.dev.yaml: 5 problems") {
		t.Errorf("error does not name the file: %s", err)
	}
}

func TestBoundaries(t *testing.T) {
	for _, tc := range []struct {
		cidr string
		ok   bool
	}{
		{"10.1.0.0/16", true}, {"10.1.0.0/15", false}, {"10.1.0.0/20", true}, {"10.1.0.0/21", false},
	} {
		if _, err := ValidateAddressBlock(tc.cidr); (err == nil) != tc.ok {
			t.Errorf("ValidateAddressBlock(%s) = %v, want ok=%v", tc.cidr, err, tc.ok)
		}
	}
	s := validSpec()
	s.GamePorts = PortRange{Start: 1024, End: 65535, QoSPort: 3075}
	s.ExpiresOn = "2026-11-22" // today is still valid
	if err := s.Validate(testNow); err == nil {
		t.Error("qos port inside 1024-65535 must be rejected")
	}
	s.GamePorts = PortRange{Start: 1025, End: 65535, QoSPort: 1024}
	if err := s.Validate(testNow); err != nil {
		t.Errorf("boundary ports rejected: %v", err)
	}
}

func TestDefaults(t *testing.T) {
	s := &Spec{Regions: []Region{{Name: "westeurope"}}}
	s.Default()
	want := Capacity{PlayersPerServer: DefaultPlayersPerServer, VCPUPerServer: DefaultVCPUPerServer, VMSize: DefaultVMSize}
	if diff := cmp.Diff(want, s.Regions[0].Capacity); diff != "" {
		t.Errorf("capacity defaults (-want +got):\n%s", diff)
	}
	if s.GamePorts != (PortRange{DefaultGamePortStart, DefaultGamePortEnd, DefaultQoSPort}) {
		t.Errorf("port defaults = %+v", s.GamePorts)
	}
	// Without a game the image default (its repository is named after the game) stays unset.
	if diff := cmp.Diff(GameServer{Port: DefaultGameServerPort, CPU: DefaultVCPUPerServer, MemoryGiB: 4}, s.GameServer); diff != "" {
		t.Errorf("gameServer defaults without a game (-want +got):\n%s", diff)
	}
	gs := validSpec()
	gs.Regions[1].Capacity.VCPUPerServer = 1
	gs.GameServer = GameServer{}
	gs.Default()
	if diff := cmp.Diff(GameServer{Image: "starfall/gameserver:1.0.0", Port: 7777, CPU: 1, MemoryGiB: 2}, gs.GameServer); diff != "" {
		t.Errorf("gameServer defaults follow the smallest vcpuPerServer (-want +got):\n%s", diff)
	}
	// A set value is never overridden.
	s2 := &Spec{GamePorts: PortRange{Start: 9000, End: 9100, QoSPort: 9200}}
	s2.Default()
	if s2.GamePorts.Start != 9000 || s2.GamePorts.QoSPort != 9200 {
		t.Errorf("defaults overrode set values: %+v", s2.GamePorts)
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "Pulumi.test.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodFile = `config:
  azure-native:location: westeurope
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
`

func TestLoadFile(t *testing.T) {
	p := writeFile(t, goodFile)
	s, sc, err := LoadFile(p, "test", testNow)
	if err != nil {
		t.Fatal(err)
	}
	if s.Regions[0].Capacity.VMSize != DefaultVMSize || s.Game != "starfall" {
		t.Errorf("loaded spec = %+v", s)
	}
	if sc.Values["azure-native:location"] != "westeurope" {
		t.Errorf("foreign namespace not passed through: %v", sc.Values)
	}
}

func TestLoadFileErrors(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"yaml does not parse", "config:\n  game-platform:studio: [unclosed\n", "parsing YAML"},
		{"unknown key", strings.Replace(goodFile, "game-platform:domain", "game-platform:domian", 1), `domian: unknown config key "game-platform:domian"`},
		{"unknown nested field", strings.Replace(goodFile, "peakPlayers: 100", "peakPlayer: 100", 1), `regions[0].capacity.peakPlayer: unknown key (did you mean "peakPlayers"?)`},
		{"wrong type", strings.Replace(goodFile, "peakPlayers: 100", "peakPlayers: lots", 1), `regions[0].capacity.peakPlayers: must be a whole number, got the string "lots"`},
		{"budget not a number", strings.Replace(goodFile, "budgetMonthlyUSD: 100", "budgetMonthlyUSD: plenty", 1), `budgetMonthlyUSD: must be a number, got "plenty"`},
		{"missing field", strings.Replace(goodFile, "  game-platform:costCenter: CC-1\n", "", 1), "costCenter: is required"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, tc.body)
			_, _, err := LoadFile(p, "test", testNow)
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error does not name the file %s: %v", p, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("want %q in:\n%v", tc.want, err)
			}
		})
	}
	_, _, err := LoadFile(filepath.Join(t.TempDir(), "Pulumi.nope.yaml"), "nope", testNow)
	if err == nil || !strings.Contains(err.Error(), "stack config file does not exist") {
		t.Errorf("missing file error = %v", err)
	}
}

func TestSecureValuesAreMarkedSecret(t *testing.T) {
	p := writeFile(t, goodFile+"  game-platform:webhook:\n    secure: v1:abcdef\n")
	sc, err := ReadStackFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"game-platform:webhook"}, sc.Secrets); diff != "" {
		t.Errorf("secrets (-want +got):\n%s", diff)
	}
	if strings.Contains(sc.Values["game-platform:webhook"], "v1:abcdef") {
		t.Error("ciphertext leaked into config values")
	}
}

func TestCheckAddressPlanAcrossEnvironments(t *testing.T) {
	dir := t.TempDir()
	other := strings.Replace(goodFile, "10.30.0.0/20", "10.10.0.0/16", 1)
	if err := os.WriteFile(filepath.Join(dir, "Pulumi.other.yaml"), []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	blocks, errs := BlocksInDir(dir)
	if len(errs) != 0 || len(blocks) != 1 {
		t.Fatalf("BlocksInDir = %v, %v", blocks, errs)
	}
	s := validSpec() // regions 10.10.0.0/20 and 10.10.16.0/20 overlap other's /16
	got := problems(t, CheckAddressPlan(s, blocks))
	if len(got) != 2 || !strings.Contains(got[0], `overlaps environment "other" region westeurope (10.10.0.0/16`) {
		t.Errorf("problems = %q", got)
	}
	s.Regions = s.Regions[:1]
	s.Regions[0].AddressSpace = "10.11.0.0/20"
	if err := CheckAddressPlan(s, blocks); err != nil {
		t.Errorf("disjoint blocks rejected: %v", err)
	}
}
