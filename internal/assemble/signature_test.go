package assemble

import (
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// TestSignatures: a typed signature is for the attorney of record; the
// petitioner's own signature is typed only when [statement] signed_on
// records that the petitioner signed, and then with that date.
func TestSignatures(t *testing.T) {
	signed := asOf.AddDays(-6)
	for _, tc := range []struct {
		name                       string
		attorney                   bool
		signedOn                   bool
		sign                       string
		filer, filerDate, decl, dd string
	}{
		{"attorney, declarant unsigned", true, false, "typed", "/s/ Jordan Smith", asOf.Long(), "", ""},
		{"attorney, declarant signed", true, true, "typed", "/s/ Jordan Smith", asOf.Long(), "/s/ Maria Lopez", signed.Long()},
		{"self-represented, unsigned", false, false, "typed", "", "", "", ""},
		{"self-represented, signed", false, true, "typed", "/s/ Maria Lopez", signed.Long(), "/s/ Maria Lopez", signed.Long()},
		{"wet", true, true, "wet", "", "", "", ""},
	} {
		f := &casefile.File{Petitioner: casefile.Petitioner{Name: "Maria Lopez"}}
		if tc.attorney {
			f.Attorney = &casefile.Attorney{Name: "Jordan Smith"}
		}
		if tc.signedOn {
			f.Statement.SignedOn = signed
		}
		got := filer(f, Options{Sign: tc.sign}, asOf)
		if got.Signed != tc.filer || got.Date != tc.filerDate || got.DeclarantSigned != tc.decl || got.DeclarantDate != tc.dd {
			t.Errorf("%s: filer %q %q, declarant %q %q; want %q %q, %q %q", tc.name,
				got.Signed, got.Date, got.DeclarantSigned, got.DeclarantDate, tc.filer, tc.filerDate, tc.decl, tc.dd)
		}
	}
}

// TestNewConvictionDuringProbation: obeying the law is a condition of
// every grant of probation (Pen. Code, § 1203.1), so a conviction in
// another case inside the term is a violation: § 1203.4 becomes
// discretionary and item 2a is not checked.
func TestNewConvictionDuringProbation(t *testing.T) {
	first := casefile.Case{ID: "a", County: "Alameda", CaseNumber: "A1", ConvictionDate: asOf.AddDays(-3000),
		Counts:   []casefile.Count{{Offense: "PC 484(a)", Level: casefile.Misdemeanor}},
		Sentence: casefile.Sentence{Kind: casefile.KindProbation, ProbationEnd: asOf.AddDays(-2000)}}
	later := casefile.Case{ID: "b", County: "Alameda", CaseNumber: "B2", ConvictionDate: asOf.AddDays(-2500),
		Counts:   []casefile.Count{{Offense: "PC 484(a)", Level: casefile.Misdemeanor}},
		Sentence: casefile.Sentence{Kind: casefile.KindFine}}
	for _, tc := range []struct {
		name      string
		other     casefile.Case
		want      eligibility.Outcome
		fulfilled bool
	}{
		{"inside the term", later, eligibility.Discretionary, false},
		{"on the last day", withConviction(later, first.Sentence.ProbationEnd), eligibility.Discretionary, false},
		{"the day after", withConviction(later, first.Sentence.ProbationEnd.AddDays(1)), eligibility.Eligible, true},
		{"convicted inside, offense before the term", withOffense(later, first.ConvictionDate.AddDays(-10)), eligibility.Eligible, true},
		{"offense inside, convicted after", withOffense(withConviction(later, asOf.AddDays(-100)), asOf.AddDays(-2500)), eligibility.Discretionary, false},
	} {
		f := &casefile.File{Petitioner: casefile.Petitioner{Name: "Maria Lopez"}, Cases: []casefile.Case{first, tc.other}}
		if got := eligibility.ConvictedDuring(f, &f.Cases[0], first.Sentence.ProbationEnd) != ""; got == tc.fulfilled {
			t.Errorf("%s: ConvictedDuring = %v", tc.name, got)
		}
		rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
		var got eligibility.Outcome
		for _, fd := range rep.Cases[0].Counts[0].Remedies {
			if fd.Remedy == eligibility.R1203_4 {
				got = fd.Outcome
			}
		}
		if got != tc.want {
			t.Errorf("%s: § 1203.4 is %s, want %s", tc.name, got, tc.want)
		}
		it := items(f, 0, map[string]eligibility.Outcome{eligibility.R1203_4: got}, asOf)
		if it.ProbationFulfilled != tc.fulfilled || it.ProbationJustice != (tc.want == eligibility.Discretionary) {
			t.Errorf("%s: items 2a %v 2c %v", tc.name, it.ProbationFulfilled, it.ProbationJustice)
		}
	}
}

func withConviction(c casefile.Case, d date.Date) casefile.Case {
	c.ConvictionDate = d
	return c
}

func withOffense(c casefile.Case, d date.Date) casefile.Case {
	c.OffenseDate = d
	return c
}
