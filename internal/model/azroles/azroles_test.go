package azroles

import "testing"

func TestName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"/subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d", "AcrPull"},
		{"8E3AF657-A8FF-443C-A75C-2FE8C4BCB635", "Owner"},
		{"2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader"},
	}
	for _, tc := range cases {
		if got, ok := Name(tc.in); !ok || got != tc.want {
			t.Errorf("Name(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := Name("/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555"); ok {
		t.Error("an unknown GUID was named")
	}
	if got := Describe("11111111-2222-3333-4444-555555555555"); got != "11111111-2222-3333-4444-555555555555 (not a known built-in role)" {
		t.Errorf("Describe = %q", got)
	}
}

func TestPrivilegedRolesAreNamed(t *testing.T) {
	p := Privileged()
	if len(p) != len(privileged) || p["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] != "Owner" {
		t.Errorf("Privileged() = %v", p)
	}
	for id, name := range p {
		if name == "" {
			t.Errorf("privileged role %s has no name in the catalogue", id)
		}
	}
}
