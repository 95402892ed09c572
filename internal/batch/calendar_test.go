package batch

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/reliefkit/relief/internal/calendar"
	"github.com/reliefkit/relief/internal/date"
)

// TestCalendarWriterSameAsEncode: the clinic calendar written a person at
// a time holds the same bytes as the whole calendar encoded at once, is
// private (0600), and an aborted run leaves no file behind.
func TestCalendarWriterSameAsEncode(t *testing.T) {
	d := date.MustParse("2027-05-20")
	people := [][]calendar.Event{
		{{UID: "a@relief", Stamp: d, Date: d, Summary: "Ana: case 1, dismissal opens", Description: "Pen. Code, § 1203.4; a long description that must be folded at 75 octets, with commas, semicolons; and more"}},
		nil,
		{{UID: "b@relief", Stamp: d, Date: d.AddDays(3), Summary: "Ben: sealing", Description: "x"}, {UID: "c@relief", Stamp: d, Date: d.AddDays(9), Summary: "Ben: pardon", Description: "y"}},
	}
	var all []calendar.Event
	dir := t.TempDir()
	w, err := newCalendarWriter(dir, "relief: clinic dates")
	if err != nil {
		t.Fatal(err)
	}
	for _, evs := range people {
		all = append(all, evs...)
		if err := w.Add(evs); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, CalendarFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := calendar.Encode("relief: clinic dates", all); !bytes.Equal(got, want) {
		t.Errorf("streamed calendar:\n%s\nwant:\n%s", got, want)
	}
	if fi, _ := os.Stat(filepath.Join(dir, CalendarFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}

	other := t.TempDir()
	w, err = newCalendarWriter(other, "x")
	if err != nil {
		t.Fatal(err)
	}
	w.Add(people[0])
	w.Abort()
	if entries, _ := os.ReadDir(other); len(entries) != 0 {
		t.Errorf("an aborted calendar left %v", entries)
	}
}
