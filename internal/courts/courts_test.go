package courts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The table lists each of the 58 counties once, and every address in it
// names its source and the day it was checked.
func TestTableCoversEveryCounty(t *testing.T) {
	tab := Default()
	if n := len(tab.Names()); n != 58 {
		t.Fatalf("%d counties, want 58", n)
	}
	known := 0
	for _, name := range tab.Names() {
		c := tab.Lookup(name)
		for _, o := range []Office{c.Court, c.DA} {
			if !o.Known() {
				if o.Street != "" || o.City != "" {
					t.Errorf("%s: a half-filled address %+v", name, o)
				}
				continue
			}
			known++
			if o.Source == "" || o.Checked.IsZero() || o.Zip == "" {
				t.Errorf("%s: %+v lacks its source, check date or ZIP code", name, o)
			}
		}
	}
	if known == 0 {
		t.Error("no address is known")
	}
}

func TestParseRefusesUnsourcedAddresses(t *testing.T) {
	_, err := Parse([]byte("[[county]]\nname = \"Alpine\"\n  [county.court]\n  street = \"1 Main\"\n  city = \"Markleeville\"\n"))
	if err == nil || !strings.Contains(err.Error(), "source") {
		t.Errorf("err = %v, want a missing-source error", err)
	}
	_, err = Parse([]byte("[[county]]\nname = \"Alpine\"\nstreet = \"x\"\n"))
	if err == nil || !strings.Contains(err.Error(), "unknown key") {
		t.Errorf("err = %v, want an unknown-key error", err)
	}
}

func TestLookupAndOverrides(t *testing.T) {
	tab := Default()
	la := tab.Lookup("los angeles county")
	if la.Name != "Los Angeles" || la.CourtName() != "Superior Court of California, County of Los Angeles" {
		t.Errorf("lookup: %+v", la)
	}
	if got := la.Court.OneLine(); got != "Clara Shortridge Foltz Criminal Justice Center, 210 West Temple Street, Los Angeles, CA 90012" {
		t.Errorf("court address %q", got)
	}
	if got := tab.Lookup("Sacramento").DA.Address(); got != "901 G Street, Sacramento, CA 95814" {
		t.Errorf("DA address %q, want the street and city without the office's name", got)
	}
	if c := tab.Lookup("Alpine"); c.Court.Known() || c.DAName() != "District Attorney of Alpine County" {
		t.Errorf("Alpine: %+v", c)
	}
	// A case naming another courthouse loses the table's address.
	if c := tab.ForCase("Los Angeles", "Long Beach Courthouse"); c.Court.Known() || c.Court.Name != "Long Beach Courthouse" {
		t.Errorf("for case: %+v", c.Court)
	}
	if c := tab.ForCase("Los Angeles", "clara shortridge foltz criminal justice center"); !c.Court.Known() {
		t.Error("the table's own courthouse should keep its address")
	}
	// An override replaces only what it sets.
	over := tab.With([]County{{Name: "Alpine", DA: Office{Name: "Alpine DA", Street: "1 Main", City: "Markleeville", Zip: "96120"}}})
	if c := over.Lookup("Alpine"); c.DA.OneLine() != "Alpine DA, 1 Main, Markleeville, CA 96120" || c.Court.Known() {
		t.Errorf("override: %+v", c)
	}
	if tab.Lookup("Alpine").DA.Known() {
		t.Error("With changed the original table")
	}
}

// docs/courts.md lists every county the table fills, so the page never
// claims less or more than the table holds.
func TestDocsListFilledCounties(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "courts.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	tab := Default()
	for _, name := range tab.Names() {
		c := tab.Lookup(name)
		if !c.Court.Known() && !c.DA.Known() {
			if strings.Contains(doc, "| "+name+" |") {
				t.Errorf("docs/courts.md lists %s, which the table leaves blank", name)
			}
			continue
		}
		row := "| " + name + " | " + yes(c.Court.Known()) + " | " + yes(c.DA.Known()) + " |"
		if !strings.Contains(doc, row) {
			t.Errorf("docs/courts.md lacks the row %q", row)
		}
	}
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "—"
}
