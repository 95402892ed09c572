package eligibility

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

func ip(n int) *int { return &n }

// Pen. Code, § 1170.18: (a)-(b) resentencing while the sentence runs, (f)-(g)
// redesignation once it is complete ("shall"), (i) no relief with a prior
// super strike (PC 667(e)(2)(C)(iv)) or PC 290 offense, (j) filings after
// 2022-11-04 need good cause; only offenses committed before 2014-11-05,
// and the value-based ones at $950 or less.
func TestProp47(t *testing.T) {
	done := casefile.Sentence{Kind: "probation", ProbationEnd: d("2013-06-01")}
	running := casefile.Sentence{Kind: "probation", ProbationEnd: d("2027-06-01")}
	count := func(off string, value *int, conv string, s casefile.Sentence) casefile.Case {
		c := oneCount(off, "felony", conv, s)
		c.Counts[0].PropertyValue = value
		return c
	}
	murder := oneCount("PC 187(a)", "felony", "1995-01-01", casefile.Sentence{Kind: "prison"})
	burglary1 := oneCount("PC 459/460(a)", "felony", "2005-01-01", casefile.Sentence{Kind: "prison"})
	tests := []struct {
		name  string
		cases []casefile.Case
		asOf  string
		reg   bool
		want  want
	}{
		{"HS 11350 complete, before the deadline: must grant (g)", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done)}, "2020-01-01", false, want{Eligible, "2014-11-05", cite1170_18f, false}},
		{"HS 11350 complete, after the deadline: good cause (j)", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done)}, "2026-01-01", false, want{Discretionary, "2014-11-05", cite1170_18j, false}},
		{"HS 11377 running: resentencing petition (b)", []casefile.Case{count("HS 11377(a)", nil, "2014-03-01", running)}, "2020-01-01", false, want{Discretionary, "2014-11-05", cite1170_18b, false}},
		{"PC 496 at $400: redesignation", []casefile.Case{count("PC 496(a)", ip(400), "2012-01-01", done)}, "2020-01-01", false, want{Eligible, "2014-11-05", cite1170_18f, false}},
		{"PC 496 at exactly $950: redesignation", []casefile.Case{count("PC 496(a)", ip(950), "2012-01-01", done)}, "2020-01-01", false, want{Eligible, "2014-11-05", cite1170_18f, false}},
		{"PC 496 at $951: not reached (a)", []casefile.Case{count("PC 496(a)", ip(951), "2012-01-01", done)}, "2020-01-01", false, want{Ineligible, "", cite1170_18a, false}},
		{"PC 496 without a value: review naming property_value", []casefile.Case{count("PC 496(a)", nil, "2012-01-01", done)}, "2020-01-01", false, want{Review, "", cite1170_18a, false}},
		{"PC 459 second degree: the conduct decides", []casefile.Case{count("PC 459/460(b)", ip(300), "2012-01-01", done)}, "2020-01-01", false, want{Review, "", cite1170_18a, false}},
		{"prior murder bars (i)", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done), murder}, "2020-01-01", false, want{Ineligible, "", cite1170_18i, false}},
		{"PC 290 registrant bars (i)", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done)}, "2020-01-01", true, want{Ineligible, "", cite1170_18i, false}},
		{"residential burglary is not a super strike", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done), burglary1}, "2020-01-01", false, want{Eligible, "2014-11-05", cite1170_18f, false}},
		{"prior PC 261 without subdivision: review (i)", []casefile.Case{count("HS 11350(a)", nil, "2010-03-01", done), oneCount("PC 261", "felony", "2000-01-01", casefile.Sentence{Kind: "prison"})}, "2020-01-01", false, want{Review, "", cite1170_18i, false}},
		{"offense after 2014-11-05: not reached", []casefile.Case{func() casefile.Case {
			c := count("HS 11350(a)", nil, "2015-03-01", done)
			c.OffenseDate = d("2015-01-01")
			return c
		}()}, "2020-01-01", false, want{Ineligible, "", cite1170_18a, false}},
		{"conviction after, offense date unknown: review", []casefile.Case{count("HS 11350(a)", nil, "2015-03-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2016-03-01")})}, "2020-01-01", false, want{Review, "", cite1170_18a, false}},
		{"PC 459 second degree in 2016: the conduct is charged under PC 459.5 since, no finding", []casefile.Case{func() casefile.Case {
			c := count("PC 459/460(b)", ip(300), "2016-06-01", done)
			c.OffenseDate = d("2016-01-01")
			return c
		}()}, "2020-01-01", false, want{absent: true}},
		{"residential burglary: no finding", []casefile.Case{burglary1}, "2020-01-01", false, want{absent: true}},
		{"misdemeanor: no finding", []casefile.Case{oneCount("HS 11350(a)", "misdemeanor", "2016-01-01", done)}, "2020-01-01", false, want{absent: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := person(tt.cases...)
			f.Status.Registrant290 = tt.reg
			got, ok := remedy(exact(f, tt.asOf), 0, 0, RProp47)
			checkFinding(t, got, ok, tt.want)
		})
	}
	// Already redesignated: no Prop 47 finding, and 1203.4 follows.
	c := count("HS 11350(a)", nil, "2010-03-01", done)
	c.Counts[0].ReducedOn, c.Counts[0].ReducedUnder = d("2015-04-01"), "prop47"
	r := exact(person(c), "2026-01-01")
	if _, ok := remedy(r, 0, 0, RProp47); ok {
		t.Error("Prop 47 offered again after redesignation")
	}
}

// Health & Saf. Code, § 11361.8, subd. (e) reaches a possession
// conviction only where the conduct is no offense or a lesser one under
// § 11357 and § 11362.1 as Proposition 64 left them: a felony always (the
// section has no felony now), a misdemeanor before 18 (an infraction now),
// an infraction at 21 or older (28.5 grams or less, lawful now); a
// misdemeanor at 18 or older turns on the amount (more than 28.5 grams is
// still a misdemeanor, § 11357, subd. (b)(2)).
func TestProp64Possession(t *testing.T) {
	fine := casefile.Sentence{Kind: "fine"}
	for _, tt := range []struct {
		name, level, dob, offense string
		want                      Outcome
	}{
		{"felony, age unknown", "felony", "", "", Eligible},
		{"misdemeanor at 17", "misdemeanor", "1995-06-01", "2013-01-10", Eligible},
		{"misdemeanor at 25: the amount decides", "misdemeanor", "1988-06-01", "2013-01-10", Review},
		{"misdemeanor at 19: the amount decides", "misdemeanor", "1993-06-01", "2013-01-10", Review},
		{"infraction at 30", "infraction", "1983-06-01", "2013-01-10", Eligible},
		{"infraction at 19: still an infraction", "infraction", "1993-06-01", "2013-01-10", Review},
		{"infraction, age unknown", "infraction", "", "2013-01-10", Review},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := oneCount("HS 11357", tt.level, "2013-03-01", fine)
			if tt.offense != "" {
				c.OffenseDate = d(tt.offense)
			}
			f := person(c)
			if tt.dob != "" {
				f.Petitioner.DOB = d(tt.dob)
			}
			got, ok := remedy(exact(f, "2026-01-01"), 0, 0, RProp64)
			if !ok || got.Outcome != tt.want {
				t.Fatalf("outcome %v (present %v), want %v: %v", got.Outcome, ok, tt.want, got.Reasons)
			}
			if tt.want == Review && !hasCite(got, citeHS11357) {
				t.Errorf("the review does not cite § 11357: %v", got.Reasons)
			}
		})
	}
}

// Health & Saf. Code, § 11361.8: (a)-(b) recall or dismissal while the
// sentence runs, (e)-(f) dismissal and sealing or redesignation once it is
// complete, the court presuming eligibility; offenses before 2016-11-09;
// § 11361.9's automatic review is pointed to.
func TestProp64(t *testing.T) {
	done := casefile.Sentence{Kind: "probation", ProbationEnd: d("2013-06-01")}
	tests := []struct {
		name  string
		cases []casefile.Case
		want  want
	}{
		// § 11359(c)-(d): possession for sale stays a felony for some
		// facts the file does not record, so a completed felony goes to
		// review naming them (the route is still explained).
		{"11359 felony complete: review of the felony facts", []casefile.Case{oneCount("HS 11359", "felony", "2011-05-01", done)}, want{Review, "2016-11-09", citeHS11359cd, false}},
		// § 11357 has no felony branch any more: a felony is always at
		// least redesignated.
		{"11357 felony complete: application", []casefile.Case{oneCount("HS 11357(a)", "felony", "2011-05-01", done)}, want{Eligible, "2016-11-09", citeHS11361_8e, false}},
		{"11358 felony complete: review of § 11358(d)", []casefile.Case{oneCount("HS 11358", "felony", "2011-05-01", done)}, want{Review, "2016-11-09", citeHS11358d, false}},
		// § 11357(b)(2): more than 28.5 grams is still a misdemeanor at 18
		// or older, so a misdemeanor of a person whose age and amount the
		// file does not show may be beyond § 11361.8(e).
		{"11357(b) misdemeanor complete, age unknown: review", []casefile.Case{oneCount("HS 11357(b)", "misdemeanor", "2014-05-01", casefile.Sentence{Kind: "fine"})}, want{Review, "2016-11-09", citeHS11357, false}},
		{"11360 felony running: review of § 11360(a)(3)", []casefile.Case{oneCount("HS 11360(a)", "felony", "2016-05-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2027-05-01")})}, want{Review, "2016-11-09", citeHS11360a3, false}},
		{"11357 felony running: petition (a)-(b)", []casefile.Case{oneCount("HS 11357(a)", "felony", "2016-05-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2027-05-01")})}, want{Discretionary, "2016-11-09", citeHS11361_8a, false}},
		{"11359 felony with a prior murder: review", []casefile.Case{oneCount("HS 11359", "felony", "2011-05-01", done), oneCount("PC 187(a)", "felony", "1995-01-01", casefile.Sentence{Kind: "prison"})}, want{Review, "", citeHS11361_8a, false}},
		{"no completion date: review", []casefile.Case{oneCount("HS 11358", "felony", "2011-05-01", casefile.Sentence{Kind: "prison"})}, want{Review, "", citeHS11361_8a, false}},
		{"convicted after Prop 64 for an offense after it: no finding", []casefile.Case{func() casefile.Case {
			c := oneCount("HS 11359(b)", "misdemeanor", "2018-01-01", casefile.Sentence{Kind: "fine"})
			c.OffenseDate = d("2017-06-01")
			return c
		}()}, want{absent: true}},
		{"HS 11350 is not a cannabis offense", []casefile.Case{oneCount("HS 11350(a)", "felony", "2011-05-01", done)}, want{absent: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.cases...), "2026-01-01"), 0, 0, RProp64)
			checkFinding(t, got, ok, tt.want)
			if ok && tt.want.outcome != Review && !hasCite(got, citeHS11361_9) {
				t.Errorf("no pointer to the § 11361.9 automatic review: %v", got.Reasons)
			}
		})
	}
	// The facts that keep a felony a felony are named, with the earlier
	// convictions under the same section the file shows.
	r := exact(person(oneCount("HS 11359", "felony", "2011-05-01", done),
		oneCount("HS 11359", "felony", "2005-05-01", casefile.Sentence{Kind: "jail", Completed: bp(true)}),
		oneCount("HS 11359", "felony", "2007-05-01", casefile.Sentence{Kind: "jail", Completed: bp(true)})), "2026-01-01")
	got, _ := remedy(r, 0, 0, RProp64)
	text := ""
	for _, rs := range got.Reasons {
		text += rs.Text + "\n"
	}
	for _, want := range []string{"two or more earlier convictions under § 11359(b) (the file shows 2 earlier conviction(s)", "to a person under 18 (§ 11359(c)(3))", "20 or younger", "(§ 11359(d))"} {
		if !strings.Contains(text, want) {
			t.Errorf("the review does not name %q:\n%s", want, text)
		}
	}
	if !strings.Contains(got.Next, "record of conviction") {
		t.Errorf("Next = %q", got.Next)
	}
	for _, level := range []string{"felony", "misdemeanor"} {
		c := oneCount("HS 11359", level, "2011-05-01", done)
		c.Counts[0].ReducedOn, c.Counts[0].ReducedUnder = d("2019-05-01"), "prop64"
		if _, ok := remedy(exact(person(c), "2026-01-01"), 0, 0, RProp64); ok {
			t.Errorf("Prop 64 offered again for a %s after reduced_under = prop64", level)
		}
	}
}

// Pen. Code, § 1203.4b: after release, a person who served on a fire-camp
// or county hand crew or at an institutional firehouse may petition; the
// court may grant in its discretion; listed offenses are excluded.
func TestFireCamp1203_4b(t *testing.T) {
	fc := func(off string, released string) casefile.Case {
		s := casefile.Sentence{Kind: "prison", FireCamp: true}
		if released != "" {
			s.ReleasedOn = d(released)
		}
		return oneCount(off, "felony", "2015-01-01", s)
	}
	tests := []struct {
		name string
		c    casefile.Case
		want want
	}{
		{"burglary, released: discretionary", fc("PC 459/460(b)", "2018-03-01"), want{Discretionary, "2018-03-01", cite1203_4bFC, false}},
		{"no release date: review", fc("PC 459/460(b)", ""), want{Review, "", cite1203_4bFC, false}},
		{"murder excluded: review naming it", fc("PC 187(a)", "2018-03-01"), want{Review, "", cite1203_4bFC, false}},
		{"arson excluded: review", fc("PC 451(d)", "2018-03-01"), want{Review, "", cite1203_4bFC, false}},
		{"lewd acts excluded: review", fc("PC 288(a)", "2018-03-01"), want{Review, "", cite1203_4bFC, false}},
		{"no fire camp: no finding", oneCount("PC 459/460(b)", "felony", "2015-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2018-03-01")}), want{absent: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2026-01-01"), 0, 0, R1203_4b)
			checkFinding(t, got, ok, tt.want)
		})
	}
}

// Pen. Code, § 1203.45: (a) a misdemeanor committed under 18, with
// § 1203.4 or § 1203.4a relief open or granted; (c) not for 290 offenses,
// Health and Safety Code Division 10, or Vehicle Code operation
// misdemeanors; (d) not for a person convicted of more than one offense.
func TestSealing1203_45(t *testing.T) {
	teen := func(off string, offense string, s casefile.Sentence) casefile.Case {
		c := oneCount(off, "misdemeanor", "2012-03-01", s)
		if offense != "" {
			c.OffenseDate = d(offense)
		}
		return c
	}
	fine := casefile.Sentence{Kind: "fine"}
	tests := []struct {
		name  string
		cases []casefile.Case
		want  want
	}{
		{"shoplifting at 17, 1203.4a open", []casefile.Case{teen("PC 484(a)", "2011-12-01", fine)}, want{Discretionary, "2013-03-02", cite1203_45a, false}},
		{"offense the day of the 18th birthday: no finding", []casefile.Case{teen("PC 484(a)", "2012-01-15", fine)}, want{absent: true}},
		{"drug misdemeanor: Division 10 excluded (c)", []casefile.Case{teen("HS 11364(a)", "2011-12-01", fine)}, want{Ineligible, "", cite1203_45c, false}},
		{"Vehicle Code misdemeanor: review (c)", []casefile.Case{teen("VC 14601.1(a)", "2011-12-01", fine)}, want{Review, "", cite1203_45c, false}},
		{"two convictions: review (d)", []casefile.Case{teen("PC 484(a)", "2011-12-01", fine), oneCount("PC 602", "misdemeanor", "2014-01-01", fine)}, want{Review, "", cite1203_45d, false}},
		{"probation running: not yet, with the 1203.4 date", []casefile.Case{teen("PC 484(a)", "2011-12-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2027-03-01")})}, want{NotYet, "2027-03-02", cite1203_45a, false}},
		{"offense date missing, convicted at 18: review", []casefile.Case{teen("PC 484(a)", "", fine)}, want{Review, "", cite1203_45a, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := person(tt.cases...)
			f.Petitioner.DOB = d("1994-01-15") // 18 on 2012-01-15
			got, ok := remedy(exact(f, "2026-01-01"), 0, 0, R1203_45)
			checkFinding(t, got, ok, tt.want)
		})
	}
	// Without a date of birth nothing is claimed.
	if _, ok := remedy(exact(person(teen("PC 484(a)", "2011-12-01", fine)), "2026-01-01"), 0, 0, R1203_45); ok {
		t.Error("1203.45 offered without a date of birth")
	}
}

// Pen. Code, § 236.14, subd. (a): vacatur of a nonviolent offense on clear
// and convincing evidence that it was the direct result of trafficking;
// violent felonies (§ 667.5(c)) are not reached; never automatic.
func TestVacatur236_14(t *testing.T) {
	tv := func(off, level string) casefile.Case {
		c := oneCount(off, level, "2016-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2017-01-01")})
		c.Counts[0].TraffickingVictim = true
		return c
	}
	tests := []struct {
		name string
		c    casefile.Case
		want want
	}{
		{"theft: discretionary", tv("PC 484(a)", "misdemeanor"), want{Discretionary, "2016-01-01", cite236_14a, false}},
		{"drug sale felony: discretionary", tv("HS 11352(a)", "felony"), want{Discretionary, "2016-01-01", cite236_14a, false}},
		{"robbery, a violent felony: not available", tv("PC 211", "felony"), want{Ineligible, "", cite667_5c, false}},
		{"no trafficking evidence: no finding", oneCount("PC 484(a)", "misdemeanor", "2016-01-01", casefile.Sentence{Kind: "fine"}), want{absent: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2026-01-01"), 0, 0, R236_14)
			checkFinding(t, got, ok, tt.want)
			if got.Outcome == Automatic || got.Outcome == Eligible {
				t.Errorf("vacatur is never %s", got.Outcome)
			}
		})
	}
}

// Pen. Code, § 236.14, subd. (a): a person arrested for a nonviolent
// offense committed while a victim of human trafficking may petition to
// vacate the arrest, not only a conviction; the court grants on clear and
// convincing evidence, so the answer is never more than discretionary. A
// violent felony (§ 667.5, subd. (c)) is outside it.
func TestArrestVacatur236_14(t *testing.T) {
	base := casefile.Arrest{ID: "a", Date: d("2019-03-02"), County: "Alameda", Offenses: []string{"PC 647(b)"}, Disposition: "dismissed", Charged: true, TraffickingVictim: true}
	vacatur := func(a casefile.Arrest) (Finding, bool) {
		for _, f := range exact(arrestFile(a), "2026-01-01").Arrests[0].Remedies {
			if f.Remedy == R236_14 {
				return f, true
			}
		}
		return Finding{}, false
	}
	for _, tc := range []struct {
		name string
		mod  func(a *casefile.Arrest)
		w    want
	}{
		{"nonviolent offense: discretionary from the arrest", func(a *casefile.Arrest) {}, want{Discretionary, "2019-03-02", cite236_14a, false}},
		{"violent felony: outside the statute", func(a *casefile.Arrest) { a.Offenses = []string{"PC 211"} }, want{Ineligible, "", cite667_5c, false}},
		{"violent for some conduct: review", func(a *casefile.Arrest) { a.Offenses = []string{"PC 647(b)", "PC 459"} }, want{Review, "", cite667_5c, false}},
		{"offense not in the table: review", func(a *casefile.Arrest) { a.Offenses = []string{"PC 9999"} }, want{Review, "", cite667_5c, false}},
		{"no offenses: review", func(a *casefile.Arrest) { a.Offenses = nil }, want{Review, "", cite236_14a, false}},
		{"no trafficking evidence: no finding", func(a *casefile.Arrest) { a.TraffickingVictim = false }, want{absent: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			tc.mod(&a)
			got, ok := vacatur(a)
			checkFinding(t, got, ok, tc.w)
		})
	}
}

// Pen. Code, § 1473.7, subd. (a): review only, and only when the file says
// immigration matters; custody is named.
func TestMotionToVacate1473_7(t *testing.T) {
	c := oneCount("HS 11351", "felony", "2012-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2015-01-01")})
	if _, ok := remedy(exact(person(c), "2026-01-01"), 0, 0, R1473_7); ok {
		t.Fatal("1473.7 offered without the immigration goal")
	}
	f := person(c)
	f.Goals.Immigration = true
	got, ok := remedy(exact(f, "2026-01-01"), 0, 0, R1473_7)
	checkFinding(t, got, ok, want{Review, "", cite1473_7, false})
	f.Status.Custody = true
	got, _ = remedy(exact(f, "2026-01-01"), 0, 0, R1473_7)
	if !strings.Contains(reasonsText(got), "no longer in criminal custody") {
		t.Errorf("custody not named: %v", got.Reasons)
	}
}

// Pen. Code, § 851.93: DOJ's automatic arrest relief, informational: one
// year after a misdemeanor arrest with no charges; at acquittal or at a
// dismissal that cannot be refiled; never for a registrable offense;
// felony waits turn on the punishment (review); arrests from 1973.
func TestAutomaticArrest851_93(t *testing.T) {
	base := casefile.Arrest{ID: "a", Date: d("2020-02-10"), County: "Alameda", Offenses: []string{"PC 242"}, Disposition: "no_charges"}
	tests := []struct {
		name string
		mod  func(*casefile.Arrest, *casefile.File)
		want want
	}{
		{"misdemeanor, no charges: a year later", func(*casefile.Arrest, *casefile.File) {}, want{Automatic, "2021-02-11", cite851_93, false}},
		{"felony, no charges: review", func(a *casefile.Arrest, _ *casefile.File) { a.Offenses = []string{"PC 459/460(b)"} }, want{Review, "", cite851_93, false}},
		{"acquitted", func(a *casefile.Arrest, _ *casefile.File) {
			a.Disposition, a.Charged, a.DispositionDate = "acquitted", true, d("2020-09-01")
		}, want{Automatic, "2020-09-01", cite851_93, false}},
		{"dismissed, refiling possible: review", func(a *casefile.Arrest, _ *casefile.File) {
			a.Disposition, a.Charged, a.DispositionDate = "dismissed", true, d("2020-09-01")
		}, want{Review, "", cite851_93, false}},
		{"registrable offense: not available", func(a *casefile.Arrest, _ *casefile.File) { a.Offenses = []string{"PC 288(a)"} }, want{Ineligible, "", cite851_93, false}},
		{"registrant: not available", func(_ *casefile.Arrest, f *casefile.File) { f.Status.Registrant290 = true }, want{Ineligible, "", cite851_93, false}},
		{"pending charges: review", func(_ *casefile.Arrest, f *casefile.File) { f.Status.PendingCharges = true }, want{Review, "", cite851_93, false}},
		{"before 1973: not available", func(a *casefile.Arrest, _ *casefile.File) { a.Date = date.MustParse("1972-06-01") }, want{Ineligible, "", cite851_93, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			f := person()
			tt.mod(&a, f)
			f.Arrests = []casefile.Arrest{a}
			r := exact(f, "2026-01-01")
			var got Finding
			ok := false
			for _, x := range r.Arrests[0].Remedies {
				if x.Remedy == R851_93 {
					got, ok = x, true
				}
			}
			checkFinding(t, got, ok, tt.want)
		})
	}
}

// A case the file marks as a juvenile-court matter is out of scope: review
// naming Welf. & Inst. Code §§ 781 and 786.
func TestJuvenileIsReview(t *testing.T) {
	c := oneCount("PC 459/460(b)", "felony", "2010-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2011-01-01")})
	c.Court = "Juvenile Court"
	rs := exact(person(c), "2026-01-01").Cases[0].Counts[0].Remedies
	if len(rs) != 1 || rs[0].Outcome != Review || !hasCite(rs[0], citeWIC781) {
		t.Fatalf("juvenile case: %+v", rs)
	}
}
