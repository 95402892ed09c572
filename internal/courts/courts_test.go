package courts

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/golden"
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

// Parse refuses what the generator must not compile in, naming the line.
func TestParseRefuses(t *testing.T) {
	tests := []struct{ name, toml, want string }{
		{"unsourced address", "[[county]]\nname = \"Alpine\"\n\n[[county]]\nname = \"Amador\"\n  [county.court]\n  street = \"1 Main\"\n  city = \"Jackson\"\n",
			"courts: line 4: Amador: an address without its source and check date"},
		{"source without date", "[[county]]\nname = \"Alpine\"\n  [county.da]\n  street = \"1 Main\"\n  city = \"Markleeville\"\n  source = \"a sign\"\n",
			"courts: line 1: Alpine: an address without its source and check date"},
		{"unknown key", "[[county]]\nname = \"Alpine\"\n  [county.court]\n  city = \"Markleeville\"\n[[county]]\nname = \"Amador\"\nstreet = \"x\"\n",
			"courts: line 7: unknown key county.street"},
		{"unknown table", "[[county]]\nname = \"Alpine\"\n  [county.clerk]\n  city = \"x\"\n",
			"courts: line 3: unknown key county.clerk"},
		{"listed twice", "[[county]]\nname = \"Alpine\"\n\n[[county]]\nname = \"alpine county\"\n",
			"courts: line 4: alpine county is listed twice"},
		{"wrong type", "[[county]]\nname = \"Alpine\"\n  [county.court]\n  zip = 96120\n",
			"line 4"},
		{"syntax", "[[county]]\nname = \"Alpine\n", "line 2"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.toml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestGeneratedTableIsCurrent keeps courts_gen.go, the table relief is
// built with, identical to courts.toml: run `go generate ./internal/courts`
// after editing the TOML.
func TestGeneratedTableIsCurrent(t *testing.T) {
	data, err := os.ReadFile("courts.toml")
	if err != nil {
		t.Fatal(err)
	}
	tab, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want, err := GenerateGo(tab)
	if err != nil {
		t.Fatal(err)
	}
	golden.Generated(t, "courts_gen.go", want, "go generate ./internal/courts")
	if !reflect.DeepEqual(tab, Default()) {
		t.Fatal("the compiled table differs from courts.toml")
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
	// An override of a county the table lacks adds it; none leaves the
	// table as it is.
	over = tab.With([]County{{Name: " Atlantis County", Court: Office{Street: "1 Sea", City: "Deep"}}})
	if c := over.Lookup("atlantis"); c.Name != "Atlantis County" || c.Court.OneLine() != "1 Sea, Deep, CA" {
		t.Errorf("added county: %+v", c)
	}
	if n := len(over.Names()); n != 59 || !slices.IsSorted(over.Names()) {
		t.Errorf("%d names after adding one, sorted %v", n, slices.IsSorted(over.Names()))
	}
	if tab.With(nil).Lookup("Alameda") != tab.Lookup("Alameda") {
		t.Error("With(nil) changed an entry")
	}
	// The check date survives the table's compact form.
	if c := tab.Lookup("Alameda"); c.Court.Checked != date.Of(2026, time.December, 3) {
		t.Errorf("Alameda court checked %v", c.Court.Checked)
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

// BenchmarkLookup is the cost of a case's court and district attorney
// look-ups in the built-in table.
func BenchmarkLookup(b *testing.B) {
	tab := Default()
	for b.Loop() {
		tab.ForCase("Santa Cruz County", "")
		tab.Lookup("los angeles")
	}
}

// BenchmarkParse is what every start-up paid before the table was
// compiled in: parsing courts.toml.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("courts.toml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
