package assemble

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/courts"
)

// What the county table says to confirm about a district attorney's
// address reaches the filer: the sealing cover lists it with what to
// check, named for the office, and a table entry without a note adds
// nothing.
func TestDANoteReachesTheCover(t *testing.T) {
	f, rep := load(t, "arrest-sealing")
	packets, _, err := Build(f, rep, Options{Packets: []string{Sealing}})
	if err != nil || len(packets) == 0 {
		t.Fatalf("packets %v err %v", packets, err)
	}
	var found bool
	for _, p := range packets {
		d := p.Docs[0].Data.(*SealingData)
		for _, r := range d.Review {
			if strings.HasPrefix(r, d.Prosecutor+": ") {
				found = true
			}
		}
	}
	if !found {
		t.Error("no sealing cover names its district attorney's table note")
	}
	if got := daNote(courts.Default().Lookup("Santa Cruz")); got != "" {
		t.Errorf("Santa Cruz has no note, got %q", got)
	}
}

// The dismissal cover carries the same note: arrest-sealing's dismissals
// are in San Joaquin County, whose district attorney entry has one.
func TestDANoteReachesTheDismissalCover(t *testing.T) {
	f, rep := load(t, "arrest-sealing")
	packets, _, err := Build(f, rep, Options{Packets: []string{Dismissal}})
	if err != nil || len(packets) == 0 {
		t.Fatalf("packets %v err %v", packets, err)
	}
	note := daNote(courts.Default().Lookup("San Joaquin"))
	if note == "" {
		t.Fatal("the county table has no San Joaquin district attorney note to carry")
	}
	for _, p := range packets {
		d := p.Docs[0].Data.(*DismissalData)
		if !strings.Contains(strings.Join(d.Review, "\n"), note) {
			t.Errorf("%s: the cover's review points %q lack the table's note", p.FileName, d.Review)
		}
	}
}
