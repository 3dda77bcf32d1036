package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/gameplatform/platform/internal/model/field"
	"github.com/gameplatform/platform/internal/model/jsonerr"
)

// ReadFile reads and checks a plan JSON file (as `platform plan --format json`
// writes it): every problem at once, each naming the file and the field. It is the
// one reader of plan files; the policy check and the review both use it.
func ReadFile(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such plan file", path)
		}
		return nil, fmt.Errorf("reading plan %s: %w", path, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a plan JSON document: %s", path, jsonerr.Describe(data, err))
	}
	if _, ok := raw["steps"]; ok {
		return nil, fmt.Errorf("%s: is `pulumi preview --json` output, not a plan; pass it with --preview", path)
	}
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %s", path, jsonerr.Describe(data, err))
	}
	var problems field.ErrorList
	add := problems.Add
	if _, ok := raw["schemaVersion"]; !ok {
		add("schemaVersion", "missing (expected %d)", SchemaVersion)
	} else if p.SchemaVersion != SchemaVersion {
		add("schemaVersion", "%d is not supported (expected %d; regenerate with `platform plan --format json`)", p.SchemaVersion, SchemaVersion)
	}
	if p.Stack == "" {
		add("stack", "missing")
	}
	if _, ok := raw["resources"]; !ok {
		add("resources", "missing (expected an array of resources)")
	}
	resources := field.NewPath("resources")
	seen := map[string]int{}
	for i, r := range p.Resources {
		if r.URN == "" {
			add(resources.Index(i).Child("urn").String(), "missing")
		} else if j, dup := seen[r.URN]; dup {
			add(resources.Index(i).Child("urn").String(), "%q repeats resources[%d]", r.URN, j)
		} else {
			seen[r.URN] = i
		}
		if r.Type == "" {
			add(resources.Index(i).Child("type").String(), "missing")
		}
	}
	if err := problems.In(path); err != nil {
		return nil, err
	}
	return &p, nil
}
