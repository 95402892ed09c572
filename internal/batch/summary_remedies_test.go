package batch

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// TestSummaryNamesRemedyIDs: a roster summary names the remedy ids of the
// proposition and DOJ remedies (prop64, 851.93) as the JSON does.
func TestSummaryNamesRemedyIDs(t *testing.T) {
	f := &casefile.File{Petitioner: casefile.Petitioner{Name: "A", State: "CA", CAResidentSince: date.MustParse("1990-01-01")}}
	f.Cases = []casefile.Case{{ID: "c1", County: "Fresno", ConvictionDate: date.MustParse("2012-06-18"),
		Counts:   []casefile.Count{{Offense: "HS 11357(a)", Level: "felony"}},
		Sentence: casefile.Sentence{Kind: "probation", ProbationEnd: date.MustParse("2015-06-18")}}}
	f.Arrests = []casefile.Arrest{{ID: "a1", Date: date.MustParse("2020-02-10"), County: "Fresno", Offenses: []string{"PC 242"}, Disposition: "no_charges"}}
	rep := eligibility.Check(f, eligibility.Options{AsOf: date.MustParse("2026-01-01"), BoundaryDays: -1})
	got, _ := Remedies(&rep)
	for _, want := range []string{"prop64 eligible", "851.93 automatic"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
}
