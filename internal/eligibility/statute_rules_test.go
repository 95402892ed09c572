package eligibility

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

// Tests of rules that once disagreed with the statute they apply, each
// written from the statute it names.

// reasonsText joins a finding's reasons for substring checks.
func reasonsText(f Finding) string {
	var b strings.Builder
	for _, r := range f.Reasons {
		b.WriteString(r.Text)
		b.WriteString(" [")
		b.WriteString(r.Cite)
		b.WriteString("] ")
	}
	return b.String()
}

// Pen. Code, § 17, subd. (d)(2): the court may make a misdemeanor an
// infraction only for "a violation of any code section listed in Section
// 19.8". A misdemeanor that its own statute lets be charged as an
// infraction (PC 490.1, petty theft of $50 or less) is not listed.
func Test17d2OnlyFor19_8(t *testing.T) {
	fine := casefile.Sentence{Kind: "fine"}
	tests := []struct {
		name   string
		c      casefile.Case
		want   want
		listed bool // the trace may say "listed in PC 19.8"
	}{
		{"PC 415 is listed in 19.8(a)", oneCount("PC 415(1)", "misdemeanor", "2020-01-10", fine), want{Discretionary, "2020-01-10", cite17d2, false}, true},
		{"PC 490.7 is listed in 19.8(a)", oneCount("PC 490.7", "misdemeanor", "2020-01-10", fine), want{Discretionary, "2020-01-10", cite17d2, false}, true},
		{"PC 490.1 wobblette is not listed", oneCount("PC 490.1", "misdemeanor", "2020-01-10", fine), want{absent: true}, false},
		{"HS 11357(b) is not listed", oneCount("HS 11357(b)", "misdemeanor", "2020-01-10", fine), want{absent: true}, false},
		{"PC 242 is not listed", oneCount("PC 242", "misdemeanor", "2020-01-10", fine), want{absent: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2026-01-01"), 0, 0, R17d2)
			checkFinding(t, got, ok, tt.want)
			if ok && !tt.listed && strings.Contains(strings.Join(got.Trace, " "), "listed in PC 19.8") {
				t.Errorf("trace claims a 19.8 listing: %v", got.Trace)
			}
		})
	}
	// The file's own override is honoured but the trace must not claim
	// that the table lists the section.
	c := oneCount("PC 490.1", "misdemeanor", "2020-01-10", fine)
	c.Counts[0].ReducibleToInfraction = bp(true)
	got, ok := remedy(exact(person(c), "2026-01-01"), 0, 0, R17d2)
	checkFinding(t, got, ok, want{Discretionary, "2020-01-10", cite19_8, false})
	if strings.Contains(strings.Join(got.Trace, " "), "is listed in PC 19.8") {
		t.Errorf("trace claims a listing for a file override: %v", got.Trace)
	}
}

// Pen. Code, § 1170, subd. (h)(3): a prior or current serious or violent
// felony, or a PC 290 duty, means state prison, so § 1203.42 (crimes that
// "would have been" 1170(h)) must look at the person's other convictions.
func TestPriorsDecide1170h(t *testing.T) {
	pre := func() casefile.Case {
		return oneCount("HS 11351", "felony", "2008-03-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2009-03-01"), SupervisionEndedOn: d("2011-03-01")})
	}
	robbery := oneCount("PC 211", "felony", "2001-05-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2003-01-01"), SupervisionEndedOn: d("2005-01-01")})
	laterRobbery := oneCount("PC 211", "felony", "2015-05-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2017-01-01"), SupervisionEndedOn: d("2019-01-01")})
	assault := oneCount("PC 245(a)(4)", "felony", "2001-05-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2004-01-01")})
	nv := casefile.Case{County: "Clark", State: "NV", Jurisdiction: "other_state", ConvictionDate: d("2002-01-01"), Counts: []casefile.Count{{Offense: "NRS 200.380", Level: "felony"}}, Sentence: casefile.Sentence{Kind: "prison"}}
	theft := oneCount("PC 484(a)", "misdemeanor", "2001-05-01", casefile.Sentence{Kind: "fine"})

	tests := []struct {
		name  string
		cases []casefile.Case
		reg   bool
		want  want
	}{
		{"no priors: discretionary", []casefile.Case{pre()}, false, want{Discretionary, "2018-01-01", cite1203_42, false}},
		{"prior robbery (serious and violent): not available", []casefile.Case{pre(), robbery}, false, want{Ineligible, "", cite1170h3, false}},
		{"a later robbery is not a prior", []casefile.Case{pre(), laterRobbery}, false, want{Discretionary, "2018-01-01", cite1203_42, false}},
		{"prior 245(a)(4) (serious only if great bodily injury, PC 1192.7(c)(8)): review", []casefile.Case{pre(), assault}, false, want{Review, "", cite1170h3, false}},
		{"prior Nevada felony: review", []casefile.Case{pre(), nv}, false, want{Review, "", cite1170h3, false}},
		{"prior misdemeanor does not count", []casefile.Case{pre(), theft}, false, want{Discretionary, "2018-01-01", cite1203_42, false}},
		{"PC 290 registrant: not available", []casefile.Case{pre()}, true, want{Ineligible, "", cite1170h3, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := person(tt.cases...)
			f.Status.Registrant290 = tt.reg
			got, ok := remedy(exact(f, "2026-01-01"), 0, 0, R1203_42)
			checkFinding(t, got, ok, tt.want)
		})
	}
	// A recorded 1170(h) jail sentence with a prior serious felony
	// contradicts § 1170(h)(3): review, not a 1203.41 date.
	jail := oneCount("HS 11378", "felony", "2014-01-01", casefile.Sentence{Kind: "jail_1170h", ReleasedOn: d("2015-01-01")})
	got, ok := remedy(exact(person(jail, robbery), "2026-01-01"), 0, 0, R1203_41)
	checkFinding(t, got, ok, want{Review, "", cite1170h3, false})
}

// DEJ is not a conviction: charges dismissed under former Pen. Code,
// § 1000.3 leave no conviction for a Certificate (§ 4852.01, subd. (a)),
// a pardon (Cal. Const., art. V, § 8: "two felonies" counts convictions),
// or a date; and no date may be computed from an unknown one.
func TestDEJIsNotAConviction(t *testing.T) {
	dej := casefile.Case{ID: "dej", ConvictionDate: d("2010-02-01"), Counts: []casefile.Count{{Offense: "HS 11350(a)", Level: "felony"}},
		Sentence: casefile.Sentence{Kind: "dej", DEJGrantedOn: d("2010-02-01"), DEJDismissedOn: d("2011-08-01")}}
	dejByRelief := casefile.Case{ID: "dej2", ConvictionDate: d("2010-02-01"), Counts: []casefile.Count{{Offense: "HS 11350(a)", Level: "felony"}},
		Sentence: casefile.Sentence{DEJGrantedOn: d("2010-02-01")}, Relief: casefile.Relief{DismissedOn: d("2011-08-01"), DismissedUnder: "1000.3"}}
	burg := oneCount("PC 459/460(b)", "felony", "2012-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2015-06-01")})
	burg.ID = "burg"
	burg2 := oneCount("PC 459/460(b)", "felony", "2014-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2016-06-01")})
	burg2.ID = "burg2"

	t.Run("only a DEJ: no Certificate", func(t *testing.T) {
		r := exact(person(dej), "2026-01-01")
		checkFinding(t, personRemedy(r, RCOR), true, want{Ineligible, "", cite4852_01a, false})
		if p := personRemedy(r, RPardon); p.Outcome != Ineligible {
			t.Errorf("pardon with no conviction: %s %v", p.Outcome, p.Reasons)
		}
	})
	t.Run("dismissed_under 1000.3 is the same fact", func(t *testing.T) {
		r := exact(person(dejByRelief), "2026-01-01")
		checkFinding(t, personRemedy(r, RCOR), true, want{Ineligible, "", cite4852_01a, false})
		got, ok := remedy(r, 0, 0, R1203_43)
		checkFinding(t, got, ok, want{Eligible, "2016-01-01", cite1203_43, false})
		if _, ok := remedy(r, 0, 0, R17b); ok {
			t.Error("17(b) offered for a DEJ that is not a conviction")
		}
	})
	t.Run("DEJ and one felony: no two-felony rule", func(t *testing.T) {
		r := exact(person(dej, burg), "2026-01-01")
		for _, f := range []Finding{personRemedy(r, RPardon), personRemedy(r, RCOR)} {
			if hasCite(f, citeConstArtV8) {
				t.Errorf("%s applies the two-felony rule to a DEJ: %v", f.Remedy, f.Reasons)
			}
		}
	})
	t.Run("two felonies: the rule applies", func(t *testing.T) {
		r := exact(person(burg, burg2), "2026-01-01")
		if !hasCite(personRemedy(r, RPardon), citeConstArtV8) {
			t.Error("two felony cases without the Supreme Court rule")
		}
	})
	t.Run("DEJ is not a later conviction for 1203.4a", func(t *testing.T) {
		theft := oneCount("PC 484(a)", "misdemeanor", "2009-01-05", casefile.Sentence{Kind: "fine"})
		got, ok := remedy(exact(person(theft, dej), "2026-01-01"), 0, 0, R1203_4a)
		// § 1203.4a, subd. (a): no later conviction, so the court must grant.
		checkFinding(t, got, ok, want{Eligible, "2010-01-06", cite1203_4aA, false})
	})
	t.Run("no residence date: no year-6 date", func(t *testing.T) {
		f := person(burg)
		f.Petitioner.CAResidentSince = date.Date{}
		cor := personRemedy(exact(f, "2026-01-01"), RCOR)
		if y := cor.EligibleOn.Time().Year(); !cor.EligibleOn.IsZero() && y < 1900 {
			t.Fatalf("eligible_on %s computed from an empty date", cor.EligibleOn)
		}
		if cor.Outcome != Review {
			t.Errorf("outcome %s, want review for the missing residence", cor.Outcome)
		}
	})
}

// Pen. Code, § 1203.4, subd. (a)(1): the court "shall" grant relief to a
// person who "has been discharged prior to the termination of the period
// of probation" (early termination under § 1203.3), a ground of its own.
func TestEarlyTermination(t *testing.T) {
	base := func(mod func(*casefile.Sentence)) casefile.Case {
		s := casefile.Sentence{Kind: "probation", ProbationEnd: d("2019-06-01"), TerminatedEarlyOn: d("2017-03-01")}
		mod(&s)
		return oneCount("PC 484(a)", "misdemeanor", "2016-06-01", s)
	}
	tests := []struct {
		name string
		c    casefile.Case
		want want
	}{
		{"early discharge: mandatory", base(func(*casefile.Sentence) {}), want{Eligible, "2017-03-02", cite1203_4a1, false}},
		{"violation then early discharge: review naming both grounds", base(func(s *casefile.Sentence) { s.Violations = []date.Date{d("2016-10-01")} }), want{Review, "2017-03-02", cite1203_3, false}},
		{"revoked then early discharge: review", base(func(s *casefile.Sentence) { s.Revoked = true }), want{Review, "2017-03-02", cite1203_4a1, false}},
		{"violation, full term: discretionary", base(func(s *casefile.Sentence) {
			s.TerminatedEarlyOn = date.Date{}
			s.Violations = []date.Date{d("2016-10-01")}
		}), want{Discretionary, "2019-06-02", citeChandler, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2026-01-01"), 0, 0, R1203_4)
			checkFinding(t, got, ok, tt.want)
			if tt.want.outcome == Review && !strings.Contains(reasonsText(got), "early discharge") {
				t.Errorf("the early-discharge ground is hidden: %v", got.Reasons)
			}
		})
	}
}

// Pen. Code, § 851.91, subd. (a): every arrest that did not end in a
// conviction, a diverted one included once charges cannot be brought;
// subd. (b)'s pattern (two convictions or five arrests, separate
// occasions, each within three years of another) is counted, and an
// unsure count is review.
func TestArrestSealingDiversionAndPattern(t *testing.T) {
	div := casefile.Arrest{ID: "d", Date: d("2020-02-10"), County: "Alameda", Offenses: []string{"PC 594(b)(2)(A)"}, Disposition: "diversion_completed", Diversion: "prefiling", DispositionDate: d("2020-11-30")}
	seal := func(r Report) (Finding, bool) {
		for _, f := range r.Arrests[0].Remedies {
			if f.Remedy == R851_91 {
				return f, true
			}
		}
		return Finding{}, false
	}
	t.Run("prefiling diversion, limitation run", func(t *testing.T) {
		got, ok := seal(exact(arrestFile(div), "2026-01-01"))
		checkFinding(t, got, ok, want{Eligible, "2021-02-11", cite851_91a1A, false})
	})
	t.Run("prefiling diversion, limitation running", func(t *testing.T) {
		got, ok := seal(exact(arrestFile(div), "2020-12-01"))
		checkFinding(t, got, ok, want{NotYet, "2021-02-11", cite851_91a1A, false})
	})
	t.Run("court diversion, refiling barred", func(t *testing.T) {
		a := div
		a.Diversion, a.Charged, a.RefilingBarred = "court", true, bp(true)
		got, ok := seal(exact(arrestFile(a), "2026-01-01"))
		checkFinding(t, got, ok, want{Eligible, "2020-11-30", cite851_91a1B, false})
	})
	dv := func(offense string) casefile.Case {
		return oneCount("PC 243(e)(1)", "misdemeanor", offense, casefile.Sentence{Kind: "probation", ProbationEnd: d("2019-01-01")})
	}
	dvArrest := func(id, on string) casefile.Arrest {
		return casefile.Arrest{ID: id, Date: d(on), County: "Alameda", Offenses: []string{"PC 243(e)(1)"}, Charged: true, Disposition: "dismissed", DispositionDate: d(on), RefilingBarred: bp(true)}
	}
	t.Run("five DV arrests within three years: pattern", func(t *testing.T) {
		f := person()
		f.Arrests = []casefile.Arrest{dvArrest("a1", "2020-01-01"), dvArrest("a2", "2020-06-01"), dvArrest("a3", "2021-01-01"), dvArrest("a4", "2021-06-01"), dvArrest("a5", "2022-01-01")}
		got, ok := seal(exact(f, "2026-01-01"))
		checkFinding(t, got, ok, want{Discretionary, "2020-01-01", cite851_91b, false})
	})
	t.Run("same day twice is one occasion", func(t *testing.T) {
		f := person()
		f.Arrests = []casefile.Arrest{dvArrest("a1", "2020-01-01"), dvArrest("a2", "2020-01-01"), dvArrest("a3", "2021-01-01"), dvArrest("a4", "2021-06-01"), dvArrest("a5", "2022-01-01")}
		got, ok := seal(exact(f, "2026-01-01"))
		checkFinding(t, got, ok, want{Eligible, "2020-01-01", cite851_91b, false})
	})
	t.Run("arrest dates unknown for cases: review", func(t *testing.T) {
		f := person(dv("2016-01-01"))
		f.Arrests = []casefile.Arrest{dvArrest("a1", "2019-01-01"), dvArrest("a2", "2019-06-01"), dvArrest("a3", "2020-01-01"), dvArrest("a4", "2024-06-01")}
		got, ok := seal(exact(f, "2026-01-01"))
		checkFinding(t, got, ok, want{Review, "", cite851_91b, false})
	})
}

// Pen. Code, § 1203.425, subd. (a)(1)(B)(v)(III): the felony arm excludes
// serious and violent felonies (and registrable ones, (a)(1)(B)(i)); that
// is the answer even where another fact would also be missing.
func TestAutomaticFelonyArm(t *testing.T) {
	tests := []struct {
		name string
		c    casefile.Case
		want want
	}{
		{"robbery, probation revoked: not available for the exclusion", oneCount("PC 211", "felony", "2012-01-01", casefile.Sentence{Kind: "probation", Revoked: true}), want{Ineligible, "", cite1203_425, false}},
		{"residential burglary, no completion date: not available", oneCount("PC 459/460(a)", "felony", "2012-01-01", casefile.Sentence{Kind: "prison"}), want{Ineligible, "", cite1203_425, false}},
		{"robbery before 2005: not available, not a date question", oneCount("PC 211", "felony", "2001-01-01", casefile.Sentence{Kind: "prison", SupervisionEndedOn: d("2006-01-01")}), want{Ineligible, "", cite1203_425, false}},
		{"registrable felony: not available", oneCount("PC 288(a)", "felony", "2012-01-01", casefile.Sentence{Kind: "prison", SupervisionEndedOn: d("2018-01-01")}), want{Ineligible, "", cite1203_425, false}},
		{"robbery on probation with a violation, never revoked: prong (I) may fit, so review", oneCount("PC 211", "felony", "2012-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2015-01-01"), Violations: []date.Date{d("2013-01-01")}}), want{Review, "", cite1203_425, false}},
		{"robbery on probation completed: prong (I) has no serious-felony exclusion", oneCount("PC 211", "felony", "2012-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2015-01-01")}), want{Automatic, "2015-01-02", cite1203_425, false}},
		{"nonserious felony: review for the moved start date", oneCount("HS 11378", "felony", "2012-01-01", casefile.Sentence{Kind: "prison", SupervisionEndedOn: d("2016-01-01")}), want{Review, "2024-10-01", citeFelonyArm, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := remedy(exact(person(tt.c), "2026-01-01"), 0, 0, R1203425)
			checkFinding(t, got, ok, tt.want)
		})
	}
}

// Pen. Code, § 4852.01, subd. (d): for the offenses subdivision (c) bars
// from a Certificate, the Governor may pardon only in extraordinary
// circumstances; the pardon finding must say so too.
func TestPardonCarriesCertificateLimits(t *testing.T) {
	lewd := oneCount("PC 288(a)", "felony", "2005-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2010-01-01"), SupervisionEndedOn: d("2013-01-01")})
	r := exact(person(lewd), "2026-01-01")
	checkFinding(t, personRemedy(r, RCOR), true, want{Ineligible, "", cite4852_01c, false})
	p := personRemedy(r, RPardon)
	if !hasCite(p, cite4852_01d) || !strings.Contains(reasonsText(p), "extraordinary circumstances") {
		t.Errorf("pardon omits the § 4852.01(d) limit: %v", p.Reasons)
	}
	burg := oneCount("PC 459/460(b)", "felony", "2012-06-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2015-06-01")})
	if p := personRemedy(exact(person(burg), "2026-01-01"), RPardon); hasCite(p, cite4852_01d) {
		t.Errorf("the limit is stated for an offense it does not reach: %v", p.Reasons)
	}
}

// Notes must follow the findings: no "remains open" for a Certificate the
// finding closes; no "dismissal must come first" for an offense
// § 1203.4(b) bars from dismissal; the older § 4852.03 carve-out names
// only PC 311.2(b)-(d), 311.3, 311.10 and 314.
func TestNotesFollowFindings(t *testing.T) {
	lewd := oneCount("PC 288(a)", "felony", "2005-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2010-01-01"), SupervisionEndedOn: d("2013-01-01")})
	r := exact(person(lewd), "2026-01-01")
	for _, n := range r.Notes {
		if strings.Contains(n.Text, "remains open") || strings.Contains(n.Text, "is also open") {
			t.Errorf("note says the Certificate is open while the finding is %s: %s", personRemedy(r, RCOR).Outcome, n.Text)
		}
	}
	// Misdemeanor PC 311.11 with probation: registrable, and § 1203.4(b)
	// bars its dismissal, so § 4852.01(b)'s route is closed.
	csam := oneCount("PC 311.11(a)", "misdemeanor", "2015-01-01", casefile.Sentence{Kind: "probation", ProbationEnd: d("2018-01-01")})
	cor := personRemedy(exact(person(csam), "2026-01-01"), RCOR)
	if strings.Contains(reasonsText(cor), "must come first") {
		t.Errorf("tells the person to get a dismissal § 1203.4(b) bars: %v", cor.Reasons)
	}
	checkFinding(t, cor, true, want{Ineligible, "", cite4852_01b, false})
	if strings.Contains(reasonsText(cor), "older version") {
		t.Errorf("PC 311.11 is not one of the older carve-out sections: %v", cor.Reasons)
	}
	// PC 314 is one of them.
	exposure := oneCount("PC 314(1)", "felony", "2015-01-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2016-01-01"), SupervisionEndedOn: d("2018-01-01")})
	cor = personRemedy(exact(person(exposure), "2026-01-01"), RCOR)
	if !strings.Contains(reasonsText(cor), "311.2(b)–(d), 311.3, 311.10 and 314") {
		t.Errorf("PC 314's older period not flagged: %v", cor.Reasons)
	}
}

// Pen. Code, § 1170.18, subd. (k): a felony redesignated a misdemeanor is
// a misdemeanor for all purposes (People v. Khamvongsa (2017) 8
// Cal.App.5th 1239), so § 1203.4a reaches it even after a prison or
// 1170(h) sentence; a federal or other-state statute is not read as
// California's.
func TestRedesignationAndOtherJurisdictions(t *testing.T) {
	pc := oneCount("HS 11350(a)", "felony", "2012-03-01", casefile.Sentence{Kind: "prison", ReleasedOn: d("2013-01-01"), SupervisionEndedOn: d("2014-01-01")})
	pc.Counts[0].ReducedOn, pc.Counts[0].ReducedUnder = d("2015-05-01"), "prop47"
	got, ok := remedy(exact(person(pc), "2026-01-01"), 0, 0, R1203_4a)
	checkFinding(t, got, ok, want{Eligible, "2014-01-01", cite1170_18k, false})
	if _, ok := remedy(exact(person(pc), "2026-01-01"), 0, 0, R1203_41); ok {
		t.Error("1203.41 offered for a count that is now a misdemeanor")
	}

	nv := casefile.Case{County: "Clark", State: "NV", Jurisdiction: "other_state", ConvictionDate: d("2012-01-01"), Counts: []casefile.Count{{Offense: "NRS 205.060", Level: "felony"}}}
	fed := casefile.Case{County: "Los Angeles", Jurisdiction: "federal", ConvictionDate: d("2012-01-01"), Counts: []casefile.Count{{Offense: "18 U.S.C. § 1343", Level: "felony"}}}
	for _, c := range []casefile.Case{nv, fed} {
		r := exact(person(c), "2026-01-01")
		rs := r.Cases[0].Counts[0].Remedies
		if len(rs) != 1 || rs[0].Outcome != Review {
			t.Fatalf("%s: want one review finding, got %+v", c.Counts[0].Offense, rs)
		}
		if tr := strings.Join(rs[0].Trace, " "); !strings.Contains(tr, "not looked up in California's offense table") {
			t.Errorf("%s: trace %q", c.Counts[0].Offense, tr)
		}
		if r.Cases[0].Counts[0].Canonical != "" {
			t.Errorf("%s read as a California section %q", c.Counts[0].Offense, r.Cases[0].Counts[0].Canonical)
		}
	}
}
