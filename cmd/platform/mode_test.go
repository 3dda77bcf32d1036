package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gameplatform/platform/internal/offline/plan"
)

// TestPlanModes: by default the plan is a preview of a fresh stack (values Azure
// computes are Pulumi's unknown sentinel in the JSON); --mode applied plans the
// stack as deployed; any other mode is bad input.
func TestPlanModes(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		mode        plan.Mode
		withUnknown bool
	}{
		{nil, plan.ModePreview, true},
		{[]string{"--mode", "preview"}, plan.ModePreview, true},
		{[]string{"--mode", "applied"}, plan.ModeApplied, false},
	} {
		var out bytes.Buffer
		cmd := newRootCmd()
		cmd.SetOut(&out)
		cmd.SetArgs(append([]string{"plan", "--env", "dev", "--dir", envDir, "--format", "json"}, tc.args...))
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		var p plan.Plan
		if err := json.Unmarshal(out.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.Mode != tc.mode {
			t.Errorf("%v: mode %q, want %q", tc.args, p.Mode, tc.mode)
		}
		if got := strings.Contains(out.String(), plan.UnknownValue); got != tc.withUnknown {
			t.Errorf("%v: unknown values in the JSON = %t, want %t", tc.args, got, tc.withUnknown)
		}
	}
	var code int
	stderr := captureStderr(t, func() { code = run([]string{"plan", "--env", "dev", "--dir", envDir, "--mode", "live"}) })
	if code != exitBadInput || !strings.Contains(stderr, `--mode: "live" is not a plan mode (preview, applied)`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestPolicyCheckDefersUnknownsInAPreview: a preview plan whose storage account's
// TLS version is unknown at preview passes policy check with the check listed as
// decided at apply; the same plan marked applied fails it.
func TestPolicyCheckDefersUnknownsInAPreview(t *testing.T) {
	var p plan.Plan
	if err := json.Unmarshal(devPlan(t), &p); err != nil {
		t.Fatal(err)
	}
	if p.Mode != plan.ModePreview {
		t.Fatalf("dev plan mode %q, want the default preview", p.Mode)
	}
	found := false
	for i := range p.Resources {
		if p.Resources[i].Type == "azure-native:storage:StorageAccount" {
			p.Resources[i].Inputs["minimumTlsVersion"] = plan.UnknownValue
			found = true
		}
	}
	if !found {
		t.Fatal("no storage account in the dev plan")
	}
	for _, tc := range []struct {
		mode plan.Mode
		code int
		want string
	}{
		{plan.ModePreview, exitOK, "Decided at apply (1 check(s) need a value unknown at preview"},
		{plan.ModeApplied, exitViolation, "minimumTlsVersion is unknown at preview, so it cannot be confirmed"},
	} {
		p.Mode = tc.mode
		data, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, "dev.plan.json", data)
		code, stdout, stderr := runCapture(t, "policy", "check", "--plan", path, "--dir", envDir)
		if code != tc.code || !strings.Contains(stdout, tc.want) {
			t.Errorf("%s: exit %d (want %d), output lacks %q:\n%s%s", tc.mode, code, tc.code, tc.want, stdout, stderr)
		}
	}
}
