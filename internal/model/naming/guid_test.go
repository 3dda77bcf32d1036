package naming

import (
	"regexp"
	"testing"
)

var version5RE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestGUIDIsStableVersion5(t *testing.T) {
	for _, ns := range []GUIDNamespace{WorkloadGrants, ClusterGrants} {
		a := ns.GUID("prod", "jpe", "acrpull")
		if !version5RE.MatchString(a) {
			t.Errorf("GUID %q is not a version-5 UUID", a)
		}
		if a != ns.GUID("prod", "jpe", "acrpull") {
			t.Error("GUID is not stable")
		}
		if a == ns.GUID("prod", "jpw", "acrpull") {
			t.Error("different parts give the same GUID")
		}
	}
	if WorkloadGrants.GUID("a") == ClusterGrants.GUID("a") {
		t.Error("the namespaces give the same GUID")
	}
}

// The role assignments already named must keep their names: Azure refuses a second
// assignment of the same principal, role and scope under a new name.
func TestGUIDKeepsExistingNames(t *testing.T) {
	if got, want := ClusterGrants.GUID("prod", "jpe", "acrpull"), "a3141e4d-0f85-5e4e-bbd7-4211b8136398"; got != want {
		t.Errorf("ClusterGrants = %s, want %s", got, want)
	}
	if got, want := WorkloadGrants.GUID("game-platform", "prod", "global-kv-gameserver"), "668c04c3-10f0-5fd3-a5ba-a39f07f4fb30"; got != want {
		t.Errorf("WorkloadGrants = %s, want %s", got, want)
	}
}

func TestIsGUID(t *testing.T) {
	for s, want := range map[string]bool{
		"a3141e4d-0f85-5e4e-bbd7-4211b8136398":  true,
		"A3141E4D-0F85-5E4E-BBD7-4211B8136398":  true,
		"a3141e4d0f855e4ebbd74211b8136398":      false,
		"a3141e4d-0f85-5e4e-bbd7-4211b813639":   false,
		"a3141e4d-0f85-5e4e-bbd7-4211b81363989": false,
		"g3141e4d-0f85-5e4e-bbd7-4211b8136398":  false,
		"Owner":                                 false,
	} {
		if IsGUID(s) != want {
			t.Errorf("IsGUID(%q) = %v, want %v", s, !want, want)
		}
	}
}
