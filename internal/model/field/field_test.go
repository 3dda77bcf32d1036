package field

import (
	"errors"
	"testing"
)

func TestPathString(t *testing.T) {
	for _, tc := range []struct {
		p    *Path
		want string
	}{
		{nil, ""},
		{NewPath("stack"), "stack"},
		{NewPath("cdn", "patchCacheSeconds"), "cdn.patchCacheSeconds"},
		{NewPath("regions").Index(2).Child("capacity", "peakPlayers"), "regions[2].capacity.peakPlayers"},
		{NewPath("settings", "vmSizes", "prod").Index(0), "settings.vmSizes.prod[0]"},
		{NewPath("owners").Index(10), "owners[10]"},
		{(*Path)(nil).Index(3), "[3]"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("path = %q, want %q", got, tc.want)
		}
	}
}

func TestPathIsImmutable(t *testing.T) {
	regions := NewPath("regions")
	a, b := regions.Index(0).Child("name"), regions.Index(1).Child("addressSpace")
	if a.String() != "regions[0].name" || b.String() != "regions[1].addressSpace" || regions.String() != "regions" {
		t.Fatalf("steps changed a shared parent: %q %q %q", a, b, regions)
	}
}

func TestErrorWording(t *testing.T) {
	for _, tc := range []struct {
		e    *Error
		want string
	}{
		{Invalid(NewPath("owners").Index(1), "%q is not an email address", "x"), `owners[1]: "x" is not an email address`},
		{Required(NewPath("Grants").Index(1).Child("Scope")), "Grants[1].Scope is required"},
		{Required(NewPath("SubnetID"), "the private-endpoint subnet"), "SubnetID is required (the private-endpoint subnet)"},
		{Duplicate(NewPath("Services").Index(1).Child("Name"), "blob"), `Services[1].Name: "blob" is used twice`},
		{&Error{Msg: "request is empty"}, "request is empty"},
		{&Error{Line: 12, Msg: "parsing YAML: bad"}, "line 12: parsing YAML: bad"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestErrorListInAndJoin(t *testing.T) {
	var l ErrorList
	if l.In("f.yaml") != nil || l.Join() != nil {
		t.Fatal("an empty list is not an error")
	}
	l.Add("tier", "%q is not a tier", "gold")
	l.AddLine(3, "", "parsing YAML: bad")
	l.Append(Required(NewPath("Location")))
	err := l.In("Pulumi.x.yaml")
	want := "Pulumi.x.yaml: 3 problems\n  Pulumi.x.yaml: tier: \"gold\" is not a tier\n  Pulumi.x.yaml:3: parsing YAML: bad\n  Pulumi.x.yaml: Location is required"
	if err.Error() != want {
		t.Errorf("In:\n%s\nwant\n%s", err, want)
	}
	var se *SourceError
	if !errors.As(err, &se) || len(se.Problems()) != 3 || se.Problems()[0] != `tier: "gold" is not a tier` {
		t.Errorf("SourceError problems = %q", se.Problems())
	}
	var fe *Error
	if !errors.As(err, &fe) || fe.Path != "tier" {
		t.Errorf("errors.As reaches the first problem: %v", fe)
	}
	one := ErrorList{Required(NewPath("Location"))}
	if got := one.In("f").Error(); got != "f: 1 problem\n  f: Location is required" {
		t.Errorf("one problem: %q", got)
	}
	if got := l.Join().Error(); got != "tier: \"gold\" is not a tier\nline 3: parsing YAML: bad\nLocation is required" {
		t.Errorf("Join: %q", got)
	}
}
