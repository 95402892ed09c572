package eligibility

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	_ "github.com/reliefkit/relief/internal/golden" // defines -update for `go test ./... -update`
)

func d(s string) date.Date { return date.MustParse(s) }
func bp(b bool) *bool      { return &b }

// person builds a minimal California case file around the given cases.
func person(cases ...casefile.Case) *casefile.File {
	f := &casefile.File{Petitioner: casefile.Petitioner{Name: "Test Person", State: "CA", County: "Alameda", CAResidentSince: d("2000-01-01")}}
	for i := range cases {
		if cases[i].ID == "" {
			cases[i].ID = "case" + string(rune('1'+i))
		}
		if cases[i].County == "" {
			cases[i].County = "Alameda"
		}
	}
	f.Cases = cases
	return f
}

func oneCount(offense, level string, conv string, s casefile.Sentence) casefile.Case {
	return casefile.Case{ConvictionDate: d(conv), Counts: []casefile.Count{{Offense: offense, Level: level}}, Sentence: s}
}

// exact runs Check with the boundary review off, so tests see the raw rule.
func exact(f *casefile.File, asOf string) Report {
	return Check(f, Options{AsOf: d(asOf), BoundaryDays: -1})
}

// remedy finds a count's finding; ok is false when the remedy was left out.
func remedy(r Report, caseIdx, countIdx int, id string) (Finding, bool) {
	for _, f := range r.Cases[caseIdx].Counts[countIdx].Remedies {
		if f.Remedy == id {
			return f, true
		}
	}
	return Finding{}, false
}

func personRemedy(r Report, id string) Finding {
	for _, f := range r.Person.Remedies {
		if f.Remedy == id {
			return f
		}
	}
	return Finding{}
}

func hasCite(f Finding, cite string) bool {
	for _, r := range f.Reasons {
		if r.Cite == cite {
			return true
		}
	}
	return false
}

type want struct {
	outcome Outcome
	on      string // eligible_on; "" means unset
	cite    string // a reason must carry this citation; "" skips
	absent  bool   // the remedy must be left out
}

func checkFinding(t *testing.T, got Finding, ok bool, w want) {
	t.Helper()
	if w.absent {
		if ok {
			t.Fatalf("remedy %s should be left out, got %s", got.Remedy, got.Outcome)
		}
		return
	}
	if !ok {
		t.Fatalf("remedy missing")
	}
	if got.Outcome != w.outcome {
		t.Errorf("outcome = %s, want %s\nreasons: %+v\ntrace: %s", got.Outcome, w.outcome, got.Reasons, strings.Join(got.Trace, " | "))
	}
	if got.EligibleOn.String() != w.on {
		t.Errorf("eligible_on = %q, want %q\ntrace: %s", got.EligibleOn, w.on, strings.Join(got.Trace, " | "))
	}
	if w.cite != "" && !hasCite(got, w.cite) {
		t.Errorf("no reason cites %q: %+v", w.cite, got.Reasons)
	}
}

func TestDismissal1203_4(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	tests := []struct {
		name   string
		file   *casefile.File
		asOf   string
		remedy string
		want   want
	}{
		{"day probation ends: not yet", person(oneCount("PC 459/460(b)", "felony", "2015-06-01", prob)), "2018-07-15", R1203_4, want{NotYet, "2018-07-16", cite1203_4a1, false}},
		{"day after: mandatory", person(oneCount("PC 459/460(b)", "felony", "2015-06-01", prob)), "2018-07-16", R1203_4, want{Eligible, "2018-07-16", cite1203_4a1, false}},
		{"early termination", person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15"), TerminatedEarlyOn: d("2017-01-10")})), "2017-01-11", R1203_4, want{Eligible, "2017-01-11", cite1203_4a1, false}},
		{"violation: discretionary", person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15"), Violations: []date.Date{d("2016-01-01")}})), "2020-01-01", R1203_4, want{Discretionary, "2018-07-16", citeChandler, false}},
		{"revoked and reinstated later end: discretionary", person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15"), Revoked: true})), "2020-01-01", R1203_4, want{Discretionary, "2018-07-16", citeChandler, false}},
		{"DUI is discretionary", person(oneCount("VC 23152(b)", "misdemeanor", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Discretionary, "2018-07-16", cite1203_4c, false}},
		{"PC 288(a) excluded", person(oneCount("PC 288(a)", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"PC 286(c)(2) excluded", person(oneCount("PC 286(c)(2)", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"former 288a(c) excluded", person(oneCount("PC 288a(c)", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"PC 288.5 excluded", person(oneCount("PC 288.5", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"PC 289(j) excluded", person(oneCount("PC 289(j)", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"PC 311.11 excluded", person(oneCount("PC 311.11(a)", "misdemeanor", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"felony 261.5(d) excluded", person(oneCount("PC 261.5(d)", "felony", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", cite1203_4b, false}},
		{"misdemeanor 261.5(d) not excluded", person(oneCount("PC 261.5(d)", "misdemeanor", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Eligible, "2018-07-16", cite1203_4a1, false}},
		{"misdemeanor VC 2800 excluded", person(oneCount("VC 2800", "misdemeanor", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Ineligible, "", citeVC42002_1, false}},
		{"attempted 288: review", person(oneCount("PC 664/288", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Review, "", citeMarinelli, false}},
		{"PC 286 without subdivision: review", person(oneCount("PC 286", "felony", "2005-06-01", prob)), "2020-01-01", R1203_4, want{Review, "", cite1203_4b, false}},
		{"infraction uses 1203.4a", person(oneCount("PC 415", "infraction", "2015-06-01", prob)), "2020-01-01", R1203_4, want{absent: true}},
		{"executed prison: no 1203.4", person(oneCount("HS 11351", "felony", "2015-06-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2016-01-01"), SupervisionEndedOn: d("2017-01-01")})), "2020-01-01", R1203_4, want{absent: true}},
		{"no end date: review", person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", casefile.Sentence{Kind: "probation"})), "2020-01-01", R1203_4, want{Review, "", cite1203_4a1, false}},
		{"unknown section: review, date kept", person(oneCount("PC 99999", "misdemeanor", "2015-06-01", prob)), "2020-01-01", R1203_4, want{Review, "2018-07-16", cite1203_4a1, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := exact(tt.file, tt.asOf)
			got, ok := remedy(r, 0, 0, tt.remedy)
			checkFinding(t, got, ok, tt.want)
		})
	}
}

func TestTimingBar(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	f := person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", prob))
	f.Status.PendingCharges = true
	got, ok := remedy(exact(f, "2020-01-01"), 0, 0, R1203_4)
	checkFinding(t, got, ok, want{Review, "2018-07-16", cite1203_4a1, false})

	f = person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", prob))
	f.Status.Parole, f.Status.SupervisionEnds = true, d("2021-03-01")
	got, ok = remedy(exact(f, "2020-01-01"), 0, 0, R1203_4)
	checkFinding(t, got, ok, want{NotYet, "2021-03-02", "", false})

	// Probation in another case in the file delays this one.
	other := oneCount("PC 602", "misdemeanor", "2019-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2021-01-01")})
	f = person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", prob), other)
	f.Status.Probation = true
	got, ok = remedy(exact(f, "2020-01-01"), 0, 0, R1203_4)
	checkFinding(t, got, ok, want{NotYet, "2021-01-02", "", false})
}

func TestBoundaryReview(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	f := person(oneCount("PC 484(a)", "misdemeanor", "2015-06-01", prob))
	for _, tc := range []struct {
		asOf string
		want Outcome
	}{{"2018-07-08", NotYet}, {"2018-07-09", Review}, {"2018-07-16", Review}, {"2018-07-22", Review}, {"2018-07-23", Eligible}} {
		got, _ := remedy(Check(f, Options{AsOf: d(tc.asOf)}), 0, 0, R1203_4)
		if got.Outcome != tc.want {
			t.Errorf("as of %s: %s, want %s", tc.asOf, got.Outcome, tc.want)
		}
		if got.EligibleOn.String() != "2018-07-16" {
			t.Errorf("as of %s: eligible_on %s", tc.asOf, got.EligibleOn)
		}
	}
}

func TestDismissal1203_4a(t *testing.T) {
	jail := casefile.Sentence{Kind: "jail", ReleasedOn: d("2021-03-25")}
	c := oneCount("PC 602", "misdemeanor", "2021-03-01", jail)
	c.SentenceDate = d("2021-03-15")
	for _, tc := range []struct {
		asOf string
		w    want
	}{
		{"2022-03-15", want{NotYet, "2022-03-16", cite1203_4aA, false}},
		{"2022-03-16", want{Eligible, "2022-03-16", cite1203_4aA, false}},
	} {
		got, ok := remedy(exact(person(c), tc.asOf), 0, 0, R1203_4a)
		checkFinding(t, got, ok, tc.w)
	}
	// A later arrest makes it discretionary.
	f := person(c)
	f.Arrests = []casefile.Arrest{{ID: "a1", Date: d("2023-01-01"), County: "Alameda", Offenses: []string{"PC 415"}, Disposition: "no_charges"}}
	got, ok := remedy(exact(f, "2024-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Discretionary, "2022-03-16", cite1203_4aB, false})
	// Not completed: review.
	c2 := oneCount("PC 602", "misdemeanor", "2021-03-01", casefile.Sentence{Kind: "jail", Completed: bp(false)})
	got, ok = remedy(exact(person(c2), "2024-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Review, "", cite1203_4aA, false})
	// Misdemeanor VC 2801 without probation: excluded.
	c3 := oneCount("VC 2801", "misdemeanor", "2021-03-01", casefile.Sentence{Kind: "fine"})
	got, ok = remedy(exact(person(c3), "2024-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Ineligible, "", citeVC42002_1, false})
	// A felony reduced to a misdemeanor with a jail sentence uses 1203.4a.
	c4 := oneCount("PC 496(a)", "felony", "2019-01-10", casefile.Sentence{Kind: "jail", ReleasedOn: d("2019-02-01")})
	c4.Counts[0].ReducedOn = d("2020-01-01")
	got, ok = remedy(exact(person(c4), "2024-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Eligible, "2020-01-11", citeKhamvongsa, false})
}

func TestDismissal1203_41(t *testing.T) {
	tests := []struct {
		name string
		c    casefile.Case
		asOf string
		w    want
	}{
		{"1170(h) with MS, day before", oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", MandatorySupervision: true, ReleasedOn: d("2017-04-04"), SupervisionEndedOn: d("2019-04-03")}), "2020-04-03", want{NotYet, "2020-04-04", cite1203_41a, false}},
		{"1170(h) with MS, after a year", oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", MandatorySupervision: true, ReleasedOn: d("2017-04-04"), SupervisionEndedOn: d("2019-04-03")}), "2020-04-04", want{Discretionary, "2020-04-04", cite1203_41a, false}},
		{"1170(h) straight, two years", oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", ReleasedOn: d("2019-01-01")}), "2021-01-01", want{NotYet, "2021-01-02", cite1203_41a, false}},
		{"prison, SB 731 floor", oneCount("HS 11351", "felony", "2012-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2014-01-01"), SupervisionEndedOn: d("2015-01-01")}), "2023-06-30", want{NotYet, "2023-07-01", cite1203_41a, false}},
		{"prison, two years after parole", oneCount("PC 211", "felony", "2012-09-10", casefile.Sentence{Kind: "prison", ReleasedOn: d("2021-03-01"), SupervisionEndedOn: d("2024-03-01")}), "2026-03-02", want{Discretionary, "2026-03-02", cite1203_41a, false}},
		{"prison, registrable: barred", oneCount("PC 243.4(a)", "felony", "2012-09-10", casefile.Sentence{Kind: "prison", ReleasedOn: d("2014-03-01"), SupervisionEndedOn: d("2016-03-01")}), "2026-01-01", want{Ineligible, "", cite1203_41, false}},
		{"prison, no discharge date: review", oneCount("PC 211", "felony", "2012-09-10", casefile.Sentence{Kind: "prison", ReleasedOn: d("2014-03-01")}), "2026-01-01", want{Review, "", cite1203_41, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), tt.asOf), 0, 0, R1203_41)
			checkFinding(t, got, ok, tt.w)
		})
	}
}

func TestDismissal1203_42(t *testing.T) {
	pre := oneCount("HS 11351", "felony", "2008-01-22", casefile.Sentence{Kind: "prison", ReleasedOn: d("2009-08-20"), SupervisionEndedOn: d("2010-08-20")})
	got, ok := remedy(exact(person(pre), "2026-01-01"), 0, 0, R1203_42)
	checkFinding(t, got, ok, want{Discretionary, "2018-01-01", cite1203_42, false})
	post := oneCount("HS 11351", "felony", "2012-01-22", casefile.Sentence{Kind: "prison", ReleasedOn: d("2013-08-20"), SupervisionEndedOn: d("2014-08-20")})
	got, ok = remedy(exact(person(post), "2026-01-01"), 0, 0, R1203_42)
	checkFinding(t, got, ok, want{absent: true})
	// Sentenced (not convicted) before realignment is what counts.
	late := oneCount("HS 11351", "felony", "2011-09-20", casefile.Sentence{Kind: "prison", ReleasedOn: d("2013-08-20"), SupervisionEndedOn: d("2014-08-20")})
	late.SentenceDate = d("2011-10-15")
	got, ok = remedy(exact(person(late), "2026-01-01"), 0, 0, R1203_42)
	checkFinding(t, got, ok, want{absent: true})
}

func TestReduction(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	tests := []struct {
		name   string
		c      casefile.Case
		remedy string
		w      want
	}{
		{"wobbler on probation", oneCount("PC 459/460(b)", "felony", "2015-06-01", prob), R17b, want{Discretionary, "2015-06-01", cite17b3, false}},
		{"straight felony", oneCount("PC 211", "felony", "2015-06-01", prob), R17b, want{Ineligible, "", cite17b, false}},
		{"wobbler with prison", oneCount("PC 487(a)", "felony", "2015-06-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2016-01-01"), SupervisionEndedOn: d("2017-01-01")}), R17b, want{Ineligible, "", cite17b, false}},
		{"suspended execution", oneCount("PC 487(a)", "felony", "2015-06-01", casefile.Sentence{Kind: "probation", Suspended: "execution", ProbationEnd: d("2018-01-01")}), R17b, want{Review, "", cite17b3, false}},
		{"misdemeanor: no 17(b)", oneCount("PC 602", "misdemeanor", "2015-06-01", prob), R17b, want{absent: true}},
		{"19.8 misdemeanor", oneCount("PC 415", "misdemeanor", "2015-06-01", prob), R17d2, want{Discretionary, "2015-06-01", cite17d2, false}},
		{"not on 19.8", oneCount("PC 484(a)", "misdemeanor", "2015-06-01", prob), R17d2, want{absent: true}},
		{"subdivision decides 19.8", oneCount("PC 602", "misdemeanor", "2015-06-01", prob), R17d2, want{Review, "", cite19_8, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2020-01-01"), 0, 0, tt.remedy)
			checkFinding(t, got, ok, tt.w)
		})
	}
}

func TestAutomatic(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	got, ok := remedy(exact(person(oneCount("PC 602", "misdemeanor", "2015-06-01", prob)), "2020-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Automatic, "2018-07-16", cite1203_425, false})

	f := person(oneCount("PC 602", "misdemeanor", "2015-06-01", prob))
	f.Status.Registrant290 = true
	got, ok = remedy(exact(f, "2020-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Ineligible, "", cite1203_425, false})

	// Felony prong (§ 1203.425, subd. (a)(1)(B)(v)(III)): four years after
	// every term. Its start moved from 2023-07-01 (SB 731) to 2024-07-01
	// (2023 trailer bill) and perhaps 2024-10-01 (2024 trailer bill,
	// unconfirmed): the later date, and always review once it has come.
	split := oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", MandatorySupervision: true, ReleasedOn: d("2017-04-04"), SupervisionEndedOn: d("2019-04-03")})
	got, ok = remedy(exact(person(split), "2023-06-30"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{NotYet, "2024-10-01", cite1203_425, false})
	split2 := oneCount("HS 11378", "felony", "2016-04-04", casefile.Sentence{Kind: "jail_1170h", MandatorySupervision: true, ReleasedOn: d("2017-04-04"), SupervisionEndedOn: d("2021-04-03")})
	got, ok = remedy(exact(person(split2), "2026-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Review, "2025-04-04", citeFelonyArm, false})

	robbery := oneCount("PC 211", "felony", "2012-09-10", casefile.Sentence{Kind: "prison", ReleasedOn: d("2016-03-01"), SupervisionEndedOn: d("2019-03-01")})
	got, ok = remedy(exact(person(robbery), "2026-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Ineligible, "", cite1203_425, false})

	// Before 2005: SB 731 did not reach it, a 2024 bill may have: review.
	old := oneCount("HS 11351", "felony", "2004-12-31", casefile.Sentence{Kind: "prison", ReleasedOn: d("2006-01-01"), SupervisionEndedOn: d("2007-01-01")})
	got, ok = remedy(exact(person(old), "2026-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Review, "", citeFelonyArm, false})
}

func TestReviewFixes(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	// A registrable conviction gets no automatic relief even without status.registrant_290.
	got, ok := remedy(exact(person(oneCount("PC 311.11(a)", "misdemeanor", "2015-06-01", prob)), "2020-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Ineligible, "", cite1203_425, false})
	got, ok = remedy(exact(person(oneCount("PC 664/288(a)", "felony", "2015-06-01", prob)), "2020-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Ineligible, "", cite1203_425, false})
	got, ok = remedy(exact(person(oneCount("PC 286", "felony", "2015-06-01", prob)), "2020-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Review, "", cite1203_425, false})
	// Revoked probation: automatic relief cannot be dated.
	rev := oneCount("PC 496(a)", "felony", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15"), Revoked: true})
	got, ok = remedy(exact(person(rev), "2026-01-01"), 0, 0, R1203425)
	checkFinding(t, got, ok, want{Review, "", cite1203_425, false})
	// Vehicle Code infractions: the 1203.4a exclusion list is unconfirmed.
	got, ok = remedy(exact(person(oneCount("VC 22350", "infraction", "2024-01-10", casefile.Sentence{Kind: "fine"})), "2026-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Review, "", cite1203_4a, false})
	// An executed prison sentence bars 17(b) whatever the offense.
	got, ok = remedy(exact(person(oneCount("PC 99999", "felony", "2015-06-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2016-01-01")})), "2026-01-01"), 0, 0, R17b)
	checkFinding(t, got, ok, want{Ineligible, "", cite17b, false})
	// On parole now with a known end: the prison route waits two years after it.
	f := person(oneCount("PC 211", "felony", "2015-06-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2024-06-01")}))
	f.Status.Parole, f.Status.SupervisionEnds = true, d("2027-06-01")
	got, ok = remedy(exact(f, "2026-11-26"), 0, 0, R1203_41)
	checkFinding(t, got, ok, want{NotYet, "2029-06-02", cite1203_41a, false})
	// A dismissed case still lists its counts with an empty remedy list.
	dis := oneCount("PC 602", "misdemeanor", "2015-06-01", prob)
	dis.Relief = casefile.Relief{DismissedOn: d("2019-01-01"), DismissedUnder: "1203.4"}
	r := exact(person(dis), "2026-01-01")
	if r.Cases[0].Counts[0].Remedies == nil || len(r.Cases[0].Notes) == 0 {
		t.Errorf("dismissed case: remedies %v, notes %v", r.Cases[0].Counts[0].Remedies, r.Cases[0].Notes)
	}
}

func TestSpecialDismissals(t *testing.T) {
	dej := oneCount("HS 11377(a)", "misdemeanor", "2005-06-01", casefile.Sentence{Kind: "dej", DEJGrantedOn: d("2005-06-01"), DEJDismissedOn: d("2006-12-01")})
	got, ok := remedy(exact(person(dej), "2026-01-01"), 0, 0, R1203_43)
	checkFinding(t, got, ok, want{Eligible, "2016-01-01", cite1203_43, false})
	early := oneCount("HS 11377(a)", "misdemeanor", "1996-06-01", casefile.Sentence{Kind: "dej", DEJGrantedOn: d("1996-06-01"), DEJDismissedOn: d("1998-01-01")})
	got, ok = remedy(exact(person(early), "2026-01-01"), 0, 0, R1203_43)
	checkFinding(t, got, ok, want{Ineligible, "", cite1203_43, false})

	vict := oneCount("PC 647(b)", "misdemeanor", "2017-08-14", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-08-13")})
	got, ok = remedy(exact(person(vict), "2026-01-01"), 0, 0, R1203_49)
	checkFinding(t, got, ok, want{Review, "", cite1203_49, false})
	vict.Counts[0].TraffickingVictim = true
	got, ok = remedy(exact(person(vict), "2026-01-01"), 0, 0, R1203_49)
	checkFinding(t, got, ok, want{Discretionary, "2018-08-14", cite1203_49, false})
}

func arrestFile(a ...casefile.Arrest) *casefile.File {
	f := person()
	f.Arrests = a
	return f
}

func TestArrestSealing(t *testing.T) {
	base := casefile.Arrest{ID: "a", Date: d("2020-02-10"), County: "Alameda", Offenses: []string{"PC 242"}, Disposition: "no_charges"}
	for _, tc := range []struct {
		name string
		mod  func(a *casefile.Arrest)
		asOf string
		w    want
	}{
		{"misdemeanor, limitation running", func(a *casefile.Arrest) {}, "2021-02-10", want{NotYet, "2021-02-11", cite851_91a1A, false}},
		{"misdemeanor, limitation run", func(a *casefile.Arrest) {}, "2021-02-11", want{Eligible, "2021-02-11", cite851_91b, false}},
		{"felony wobbler, three years", func(a *casefile.Arrest) { a.Offenses = []string{"PC 459/460(b)"} }, "2023-02-11", want{Eligible, "2023-02-11", cite851_91a1A, false}},
		{"grand theft, four years from discovery", func(a *casefile.Arrest) { a.Offenses = []string{"PC 487(a)"} }, "2024-02-10", want{NotYet, "2024-02-11", cite851_91a1A, false}},
		{"no limitation", func(a *casefile.Arrest) { a.Offenses = []string{"PC 187"} }, "2026-01-01", want{Ineligible, "", cite851_91a2B, false}},
		{"acquitted of murder", func(a *casefile.Arrest) {
			a.Offenses, a.Disposition, a.DispositionDate, a.Charged = []string{"PC 187"}, "acquitted", d("2021-05-05"), true
		}, "2026-01-01", want{Eligible, "2021-05-05", cite851_91a1B, false}},
		{"dismissed, refiling unknown", func(a *casefile.Arrest) { a.Disposition, a.Charged = "dismissed", true }, "2026-01-01", want{Review, "", cite1387, false}},
		{"dismissed, refiling barred", func(a *casefile.Arrest) {
			a.Disposition, a.Charged, a.DispositionDate, a.RefilingBarred = "dismissed", true, d("2020-06-01"), bp(true)
		}, "2026-01-01", want{Eligible, "2020-06-01", cite851_91a1B, false}},
		{"evaded", func(a *casefile.Arrest) { a.EvadedProsecution = true }, "2026-01-01", want{Ineligible, "", cite851_91a2, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			tc.mod(&a)
			r := exact(arrestFile(a), tc.asOf)
			checkFinding(t, r.Arrests[0].Remedies[0], true, tc.w)
		})
	}
	// Two domestic-violence convictions within three years: a pattern.
	dv := func(conv string) casefile.Case {
		return oneCount("PC 243(e)(1)", "misdemeanor", conv, casefile.Sentence{Kind: "probation", ProbationEnd: d("2024-01-01")})
	}
	f := person(dv("2019-06-03"), dv("2021-01-11"))
	f.Arrests = []casefile.Arrest{{ID: "dv", Date: d("2022-03-15"), County: "Alameda", Offenses: []string{"PC 273.5(a)"}, Charged: true, Disposition: "dismissed", DispositionDate: d("2022-09-01"), RefilingBarred: bp(true)}}
	r := exact(f, "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[0], true, want{Discretionary, "2022-09-01", cite851_91b, false})
	// Convictions more than three years apart are not a pattern.
	f.Cases = []casefile.Case{dv("2015-06-03"), dv("2021-01-11")}
	r = exact(f, "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[0], true, want{Eligible, "2022-09-01", cite851_91b, false})

	div := casefile.Arrest{ID: "d", Date: d("2023-02-02"), County: "Alameda", Offenses: []string{"PC 594(b)(2)(A)"}, Disposition: "diversion_completed", Diversion: "prefiling", DispositionDate: d("2023-11-30")}
	r = exact(arrestFile(div), "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[0], true, want{Discretionary, "2023-11-30", cite851_87, false})
	div.Diversion = "court"
	r = exact(arrestFile(div), "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[0], true, want{Discretionary, "2023-11-30", cite851_90, false})
	// Court diversion dismisses filed charges: § 851.91 sealing follows the
	// dismissal rule (subd. (a)(1)(B): charges that cannot be refiled,
	// § 1387), not the limitation period for charges never filed.
	div.Charged = true
	r = exact(arrestFile(div), "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[1], true, want{Review, "", cite1387, false})
	div.RefilingBarred = bp(true)
	r = exact(arrestFile(div), "2026-01-01")
	checkFinding(t, r.Arrests[0].Remedies[1], true, want{Eligible, "2023-11-30", cite851_91a1B, false})

	fi := base
	fi.FactualInnocence = true
	r = exact(arrestFile(fi), "2026-01-01")
	if len(r.Arrests[0].Remedies) != 3 || r.Arrests[0].Remedies[2].Remedy != R851_8 || r.Arrests[0].Remedies[2].Outcome != Review {
		t.Fatalf("factual innocence: %+v", r.Arrests[0].Remedies)
	}
}

func TestCertificateOfRehabilitation(t *testing.T) {
	prob := casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}
	burg := oneCount("PC 459/460(b)", "felony", "2015-06-01", prob)
	burg.SentenceDate = d("2015-07-15")
	// Placed on probation 2015-07-15; 5 + 2 years = 2022-07-15.
	checkFinding(t, personRemedy(exact(person(burg), "2022-07-14"), RCOR), true, want{NotYet, "2022-07-15", cite4852_13, false})
	checkFinding(t, personRemedy(exact(person(burg), "2022-07-15"), RCOR), true, want{Discretionary, "2022-07-15", cite4852_13, false})

	// Residence started late: five years of California residence decide.
	f := person(burg)
	f.Petitioner.CAResidentSince = d("2020-02-01")
	checkFinding(t, personRemedy(exact(f, "2024-01-01"), RCOR), true, want{NotYet, "2025-02-01", cite4852_13, false})

	// A life-term offense adds four years; a registrable one five.
	murder := oneCount("PC 187", "felony", "1990-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2010-01-01"), SupervisionEndedOn: d("2013-01-01")})
	murder.Counts[0].Requires290 = bp(false) // the record shows no sex offense (PC 290(c))
	checkFinding(t, personRemedy(exact(person(murder), "2018-01-01"), RCOR), true, want{NotYet, "2019-01-01", cite4852_13, false})

	sb := oneCount("PC 243.4(a)", "felony", "2005-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2008-01-01"), SupervisionEndedOn: d("2010-01-01")})
	checkFinding(t, personRemedy(exact(person(sb), "2017-01-01"), RCOR), true, want{NotYet, "2018-01-01", cite4852_13, false})

	// Barred offenses and people.
	checkFinding(t, personRemedy(exact(person(oneCount("PC 288(a)", "felony", "2003-01-01", prob)), "2026-01-01"), RCOR), true, want{Ineligible, "", cite4852_01c, false})
	f = person(burg)
	f.Status.MilitaryService = true
	checkFinding(t, personRemedy(exact(f, "2026-01-01"), RCOR), true, want{Ineligible, "", cite4852_01c, false})
	f = person(burg)
	f.Petitioner.State = "NV"
	checkFinding(t, personRemedy(exact(f, "2026-01-01"), RCOR), true, want{Ineligible, "", cite4852_06, false})
	// Misdemeanors only: no certificate.
	checkFinding(t, personRemedy(exact(person(oneCount("PC 602", "misdemeanor", "2015-01-01", prob)), "2026-01-01"), RCOR), true, want{Ineligible, "", cite4852_01a, false})
	// A reduced felony no longer counts.
	red := burg
	red.Counts = []casefile.Count{{Offense: "PC 459/460(b)", Level: "felony", ReducedOn: d("2019-01-01")}}
	got := personRemedy(exact(person(red), "2026-01-01"), RCOR)
	checkFinding(t, got, true, want{Ineligible, "", citeMoreno, false})
}

func TestPardon(t *testing.T) {
	prison := func(conv, county string) casefile.Case {
		c := oneCount("PC 470(a)", "felony", conv, casefile.Sentence{Kind: "prison", ReleasedOn: d("2014-01-01"), SupervisionEndedOn: d("2015-01-01")})
		c.County = county
		return c
	}
	r := exact(person(prison("2010-03-01", "Monterey"), prison("2013-09-09", "Santa Cruz")), "2026-01-01")
	got := personRemedy(r, RPardon)
	checkFinding(t, got, true, want{Discretionary, "", citeConstArtV8, false})
	if !strings.Contains(got.Reasons[len(got.Reasons)-2].Text, "Monterey, Santa Cruz") {
		t.Errorf("notice should name each county: %+v", got.Reasons)
	}
	fed := prison("2010-03-01", "Los Angeles")
	fed.Jurisdiction = casefile.Federal
	r = exact(person(fed), "2026-01-01")
	checkFinding(t, personRemedy(r, RPardon), true, want{Ineligible, "", citeConstArtV8, false})
	checkFinding(t, r.Cases[0].Counts[0].Remedies[0], true, want{Review, "", cite1203_4a1, false})
}

// TestPure checks that Check is deterministic and does not change its input.
func TestPure(t *testing.T) {
	f := person(oneCount("PC 459/460(b)", "felony", "2015-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-07-15")}))
	before := *f
	a, b := Check(f, Options{AsOf: d("2026-11-26")}), Check(f, Options{AsOf: d("2026-11-26")})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two runs differ")
	}
	if !reflect.DeepEqual(before, *f) {
		t.Fatal("Check changed its input")
	}
}

// TestCitations pins every citation string: a change here is a change to
// what relief tells a court.
func TestCitations(t *testing.T) {
	pinned := map[string]string{
		cite17b: "Pen. Code, § 17, subd. (b)", cite17b3: "Pen. Code, § 17, subd. (b)(3)", cite17d2: "Pen. Code, § 17, subd. (d)(2)",
		cite1203_4a1: "Pen. Code, § 1203.4, subd. (a)(1)", cite1203_4b: "Pen. Code, § 1203.4, subd. (b)", cite1203_4c: "Pen. Code, § 1203.4, subd. (c)",
		cite1203_4aA: "Pen. Code, § 1203.4a, subd. (a)", cite1203_4aB: "Pen. Code, § 1203.4a, subd. (b)",
		cite1203_41a: "Pen. Code, § 1203.41, subd. (a)", cite1203_42: "Pen. Code, § 1203.42, subd. (a)", cite1203_43: "Pen. Code, § 1203.43",
		cite1203_49: "Pen. Code, § 1203.49", cite1203_425: "Pen. Code, § 1203.425, subd. (a)", citeVC42002_1: "Veh. Code, § 42002.1",
		cite851_91a1A: "Pen. Code, § 851.91, subd. (a)(1)(A)", cite851_91a1B: "Pen. Code, § 851.91, subd. (a)(1)(B)",
		cite851_91a2B: "Pen. Code, § 851.91, subd. (a)(2)(B)", cite851_91b: "Pen. Code, § 851.91, subd. (b)",
		cite4852_01a: "Pen. Code, § 4852.01, subd. (a)", cite4852_01c: "Pen. Code, § 4852.01, subd. (c)", cite4852_03: "Pen. Code, § 4852.03, subd. (a)",
		cite4852_06: "Pen. Code, § 4852.06", cite4852_13: "Pen. Code, § 4852.13", cite4804: "Pen. Code, § 4804", citeConstArtV8: "Cal. Const., art. V, § 8, subd. (a)",
	}
	for got, want := range pinned {
		if got != want {
			t.Errorf("citation %q, want %q", got, want)
		}
	}
}

// TestUnconfirmedArrest: an arrest imported from a RAP sheet and not yet
// checked against the court record (unconfirmed = true) gets no finding
// better than review; what the facts would give is said in the reasons.
// A bar stands, and DOJ's automatic relief, which works from the same
// records, is still reported.
func TestUnconfirmedArrest(t *testing.T) {
	a := casefile.Arrest{ID: "a", Date: d("2020-02-10"), County: "Alameda", Offenses: []string{"PC 242"}, Disposition: "no_charges"}
	sure := exact(arrestFile(a), "2026-01-01").Arrests[0]
	a.Unconfirmed = true
	held := exact(arrestFile(a), "2026-01-01").Arrests[0]
	if len(sure.Remedies) != len(held.Remedies) {
		t.Fatalf("%d findings, %d confirmed", len(held.Remedies), len(sure.Remedies))
	}
	opened := 0
	for i, s := range sure.Remedies {
		h := held.Remedies[i]
		switch s.Outcome {
		case Eligible, Discretionary, NotYet:
			opened++
			if h.Outcome != Review || !strings.Contains(h.Reasons[0].Text, "would be "+string(s.Outcome)) {
				t.Errorf("%s: %s (%v), want review saying it would be %s", h.Remedy, h.Outcome, h.Reasons, s.Outcome)
			}
		default:
			if h.Outcome != s.Outcome {
				t.Errorf("%s: %s, want %s as confirmed", h.Remedy, h.Outcome, s.Outcome)
			}
		}
	}
	if opened == 0 {
		t.Fatal("the confirmed arrest opens nothing; the test shows nothing")
	}
}
