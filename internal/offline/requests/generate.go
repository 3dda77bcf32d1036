package requests

import (
	"bytes"
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"

	"gopkg.in/yaml.v3"

	"github.com/gameplatform/platform/internal/model/addressplan"
	"github.com/gameplatform/platform/internal/model/spec"
)

// Environment is a generated environment: its stack config file and what went into it.
type Environment struct {
	Name string
	// Path is where the stack config belongs: <envDir>/Pulumi.<name>.yaml.
	Path string
	// Blocks are the allocated address blocks, one per region in request order.
	Blocks []netip.Prefix
	// File is the stack config file's content.
	File []byte
}

// Generate allocates the checked request's address blocks, aware of every block in
// use in envDir, and renders its stack config. Problems are a *spec.ConfigError
// naming the request file.
func Generate(c *Checked, envDir string) (*Environment, error) {
	blocks, errs := spec.BlocksInDir(envDir)
	if len(errs) > 0 {
		var p problems
		for _, err := range errs {
			p.add("regions", "cannot allocate address blocks while an environment's blocks are unknown; fix it first: %v", err)
		}
		return nil, p.err(c.Source)
	}
	inUse := make([]netip.Prefix, len(blocks))
	for i, b := range blocks {
		inUse[i] = b.Prefix
	}
	wants := make([]addressplan.Want, len(c.Regions))
	for i, r := range c.Regions {
		wants[i] = addressplan.Want{Name: fmt.Sprintf("regions[%d] (%s)", i, r.Name), Bits: r.BlockBits}
	}
	alloc, err := addressplan.Allocate(spec.PlatformAddressPlan, inUse, wants)
	if err != nil {
		var p problems
		p.add("regions", "%v", err)
		return nil, p.err(c.Source)
	}
	file, err := render(c, alloc)
	if err != nil {
		return nil, err
	}
	return &Environment{Name: c.Environment, Path: spec.StackFile(envDir, c.Environment), Blocks: alloc, File: file}, nil
}

// The generated file's shape. Field order is the order written.
type stackFile struct {
	Config stackConfig `yaml:"config"`
}

type stackConfig struct {
	Location         string          `yaml:"azure-native:location"`
	Studio           string          `yaml:"game-platform:studio"`
	Game             string          `yaml:"game-platform:game"`
	Tier             string          `yaml:"game-platform:tier"`
	Owners           []string        `yaml:"game-platform:owners"`
	CostCenter       string          `yaml:"game-platform:costCenter"`
	ExpiresOn        string          `yaml:"game-platform:expiresOn,omitempty"`
	BudgetMonthlyUSD number          `yaml:"game-platform:budgetMonthlyUSD"`
	Domain           string          `yaml:"game-platform:domain"`
	GamePorts        gamePorts       `yaml:"game-platform:gamePorts"`
	Cluster          clusterSettings `yaml:"game-platform:cluster"`
	Regions          []regionConfig  `yaml:"game-platform:regions"`
	PlayerData       *playerData     `yaml:"game-platform:playerData,omitempty"`
}

// playerData is written only when the request states its data needs.
type playerData struct {
	MaxThroughput int `yaml:"maxThroughput"`
	StorageGiB    int `yaml:"storageGiB"`
}

type gamePorts struct {
	Start   int `yaml:"start"`
	End     int `yaml:"end"`
	QoSPort int `yaml:"qosPort"`
}

type clusterSettings struct {
	KubernetesVersion         string   `yaml:"kubernetesVersion"`
	APIServerAuthorizedRanges []string `yaml:"apiServerAuthorizedRanges"`
}

type regionConfig struct {
	Name         string         `yaml:"name"`
	AddressSpace string         `yaml:"addressSpace"`
	Capacity     capacityConfig `yaml:"capacity,flow"`
}

type capacityConfig struct {
	PeakPlayers      int    `yaml:"peakPlayers"`
	PlayersPerServer int    `yaml:"playersPerServer"`
	VCPUPerServer    number `yaml:"vcpuPerServer"`
	VMSize           string `yaml:"vmSize"`
	Spot             bool   `yaml:"spot,omitempty"`
}

// render writes the stack config of a checked request with its allocated blocks,
// spelling out every platform default so the file stands on its own.
func render(c *Checked, blocks []netip.Prefix) ([]byte, error) {
	r := c.Request
	sc := stackConfig{
		Location:         r.Regions[0].Name,
		Studio:           r.Studio,
		Game:             r.Game,
		Tier:             string(r.Tier),
		Owners:           r.Owners,
		CostCenter:       r.CostCenter,
		ExpiresOn:        r.ExpiresOn,
		BudgetMonthlyUSD: number(r.BudgetMonthlyUSD),
		Domain:           r.Domain(),
		GamePorts:        gamePorts{spec.DefaultGamePortStart, spec.DefaultGamePortEnd, spec.DefaultQoSPort},
		Cluster: clusterSettings{
			KubernetesVersion:         DefaultKubernetesVersion,
			APIServerAuthorizedRanges: DefaultAPIServerAuthorizedRanges,
		},
	}
	if ru, gb, stated := r.PlayerData(); stated {
		sc.PlayerData = &playerData{MaxThroughput: ru, StorageGiB: gb}
	}
	for i, reg := range r.Regions {
		sc.Regions = append(sc.Regions, regionConfig{
			Name:         reg.Name,
			AddressSpace: blocks[i].String(),
			Capacity: capacityConfig{
				PeakPlayers:      reg.PeakPlayers,
				PlayersPerServer: r.PlayersPerServer,
				VCPUPerServer:    number(r.VCPU()),
				VMSize:           r.VM(),
				Spot:             r.Spot,
			},
		})
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Generated by `platform env request %s/%s`;\n", RequestsDir, filepath.Base(r.Source))
	b.WriteString("# change the request and regenerate rather than editing this file by hand.\n")
	if r.Description != "" {
		fmt.Fprintf(&b, "# %s\n", oneLine(r.Description))
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(stackFile{Config: sc}); err != nil {
		return nil, fmt.Errorf("internal error: rendering stack config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("internal error: rendering stack config: %w", err)
	}
	return b.Bytes(), nil
}

// number is a float written the way a person writes it: 1500000, not 1.5e+06.
type number float64

// MarshalYAML implements yaml.Marshaler.
func (n number) MarshalYAML() (any, error) {
	v := strconv.FormatFloat(float64(n), 'f', -1, 64)
	tag := "!!float"
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}, nil
}

func oneLine(s string) string {
	return string(bytes.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, []byte(s)))
}
