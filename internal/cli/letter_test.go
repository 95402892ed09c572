package cli

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/batch"
	"github.com/reliefkit/relief/internal/calendar"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/golden"
)

// TestExamplesCalendar writes the calendar of every example and compares
// it with calendar.ics beside the case.
func TestExamplesCalendar(t *testing.T) {
	for _, path := range exampleCases(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var out, errb bytes.Buffer
			opts := &CalendarOptions{Env: Env{Streams: Streams{Out: &out, Err: &errb}, Now: noClock(t)}, Path: path}
			if err := calendarRun(opts); err != nil {
				t.Fatalf("%v\n%s", err, errb.String())
			}
			golden.Check(t, filepath.Join(dir, "calendar.ics"), out.Bytes())
		})
	}
}

// TestNextDateOneSource: for every example, the batch summary's next date,
// the first event of the calendar and the date the letter (both languages)
// tells the client to write down are the same day, or all absent.
func TestNextDateOneSource(t *testing.T) {
	withDate := 0
	for _, path := range exampleCases(t) {
		f, asOf, err := loadCase(Env{Now: noClock(t)}, path, "")
		if err != nil {
			t.Fatal(err)
		}
		rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
		_, next := batch.Remedies(&rep)
		evs := calendar.Events(calendarPerson(f, &rep), remedyName)
		var first string
		if len(evs) > 0 {
			first = evs[0].Date.String()
			withDate++
		}
		if want := dateOrEmpty(next.String(), next.IsZero()); first != want {
			t.Errorf("%s: the calendar's first event is %q, the batch summary's next date %q", path, first, want)
		}
		for _, lang := range []string{assemble.English, assemble.Spanish} {
			p, err := assemble.Letter(f, &rep, lang, assemble.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := p.Docs[0].Data.(*assemble.LetterData)
			if next.IsZero() != (d.NextDate == "") {
				t.Errorf("%s/%s: letter next date %q, summary %s", path, lang, d.NextDate, next)
			}
			// The English letter writes the date as Long does; the
			// Spanish one is checked against the findings in assemble.
			if lang == assemble.English && d.NextDate != next.Long() {
				t.Errorf("%s: letter next date %q, summary %s", path, d.NextDate, next)
			}
		}
	}
	if withDate < 2 {
		t.Errorf("only %d examples have a date to wait for; the test proves little", withDate)
	}
}

func dateOrEmpty(s string, empty bool) string {
	if empty {
		return ""
	}
	return s
}
