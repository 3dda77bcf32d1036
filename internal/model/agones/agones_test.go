package agones

import "testing"

func TestCheckKubernetes(t *testing.T) {
	for _, tc := range []struct {
		agones, k8s string
		ok          bool
	}{
		{Version, "1.33", true},
		{Version, "1.33.4", true},
		{Version, "1.35", true},
		{Version, "1.32", false},
		{Version, "1.36", false},
		{"1.53.0", "1.31", true},
		{"1.53.0", "1.34", false},
		{"1.40.0", "1.29", false}, // not in the table
	} {
		err := CheckKubernetes(tc.agones, tc.k8s)
		if (err == nil) != tc.ok {
			t.Errorf("CheckKubernetes(%s, %s) = %v, want ok=%v", tc.agones, tc.k8s, err, tc.ok)
		}
	}
}

func TestPinnedVersionSupportsAKSVersionsShipped(t *testing.T) {
	if _, ok := Supported(Version); !ok {
		t.Fatalf("pinned Agones %s has no row in the compatibility table", Version)
	}
	if !Pinned(Version) {
		t.Fatalf("Version %q is not an exact x.y.z release", Version)
	}
}

func TestPinned(t *testing.T) {
	for v, want := range map[string]bool{
		"1.57.0": true, "1.57": false, "": false, "^1.57.0": false, "1.57.x": false, "~1.57": false, "1.57.0-rc": false, "1..0": false,
	} {
		if got := Pinned(v); got != want {
			t.Errorf("Pinned(%q) = %v, want %v", v, got, want)
		}
	}
}
