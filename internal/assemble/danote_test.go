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
