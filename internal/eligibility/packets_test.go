package eligibility

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

// The Certificate is the usual route to a pardon (Pen. Code, § 4852.16):
// a direct application is drafted only when the Certificate is closed to
// the person and a California felony remains.
func TestPersonPackets(t *testing.T) {
	felony := oneCount("PC 459", "felony", "2010-01-01", casefile.Sentence{Kind: casefile.KindPrison, ReleasedOn: d("2011-01-01"), SupervisionEndedOn: d("2012-01-01")})
	misd := oneCount("PC 484", "misdemeanor", "2010-01-01", casefile.Sentence{Kind: casefile.KindFine})
	federal := oneCount("PC 530.5(a)", "felony", "2010-01-01", casefile.Sentence{Kind: casefile.KindPrison, ReleasedOn: d("2011-01-01")})
	federal.Jurisdiction = casefile.Federal
	rep := func(cor, pardon Outcome) *Report {
		return &Report{Person: Person{Remedies: []Finding{
			{Remedy: RCOR, Outcome: cor, EligibleOn: d("2030-01-01"), Reasons: []Reason{{Text: "Attorney review: the residence start is missing."}}},
			{Remedy: RPardon, Outcome: pardon, Reasons: []Reason{{Text: "A Governor's pardon covers California convictions only."}}},
		}}}
	}
	tests := []struct {
		name              string
		f                 *casefile.File
		cor, pardon       Outcome
		wantCOR, wantPard bool
		reason            string // in the pardon plan's reason
	}{
		{"certificate open", person(felony), Discretionary, Discretionary, true, false, "usual route"},
		{"certificate not yet", person(felony), NotYet, Discretionary, false, false, "opens on January 1, 2030"},
		{"certificate needs review", person(felony), Review, Discretionary, false, false, "attorney review first"},
		{"certificate closed, felony", person(felony), Ineligible, Discretionary, false, true, "directly to the Governor"},
		{"certificate closed, misdemeanors only", person(misd), Ineligible, Discretionary, false, false, "misdemeanor or infraction"},
		{"federal felony only", person(misd, federal), Ineligible, Discretionary, false, false, "misdemeanor or infraction"},
		{"no California conviction", person(federal), Ineligible, Ineligible, false, false, "California convictions only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cor, pardon := PersonPackets(tt.f, rep(tt.cor, tt.pardon))
			if cor.Draft != tt.wantCOR || pardon.Draft != tt.wantPard {
				t.Errorf("draft cor=%v pardon=%v, want %v %v", cor.Draft, pardon.Draft, tt.wantCOR, tt.wantPard)
			}
			if !strings.Contains(pardon.Reason, tt.reason) {
				t.Errorf("pardon reason %q lacks %q", pardon.Reason, tt.reason)
			}
			if strings.Contains(cor.Reason, "Attorney review: ") {
				t.Errorf("cor reason repeats the finding's lead: %q", cor.Reason)
			}
		})
	}
}

// Check records the plans, and the pardon finding's next step agrees with
// them: no "prepare the application" while the Certificate needs review.
func TestCheckCarriesPlans(t *testing.T) {
	f := person(oneCount("PC 459", "felony", "2024-05-20", casefile.Sentence{Kind: casefile.KindProbation, ProbationEnd: d("2027-05-19")}))
	f.Petitioner.CAResidentSince = date.Date{}
	r := exact(f, "2026-11-26")
	if got := personRemedy(r, RCOR).Outcome; got != Review {
		t.Fatalf("cor outcome %s, want review (no residence start)", got)
	}
	if len(r.Person.Packets) != 2 || r.Person.Packets[1].Packet != RPardon || r.Person.Packets[1].Draft {
		t.Fatalf("plans %+v: want a pardon plan that does not draft", r.Person.Packets)
	}
	if next := personRemedy(r, RPardon).Next; !strings.HasPrefix(next, "No direct pardon application is drafted") {
		t.Errorf("pardon next %q disagrees with the plan", next)
	}
}

// A note one case raises (a prison term) stays off another case's cover.
func TestNotesFor(t *testing.T) {
	prison := oneCount("PC 459", "felony", "2005-01-01", casefile.Sentence{Kind: casefile.KindPrison, ReleasedOn: d("2006-01-01")})
	jail := oneCount("PC 484", "misdemeanor", "2015-01-01", casefile.Sentence{Kind: casefile.KindJail})
	f := person(prison, jail)
	hasPrison := func(rs []Reason) bool {
		for _, r := range rs {
			if strings.HasPrefix(r.Text, "State prison:") {
				return true
			}
		}
		return false
	}
	rep := &Report{}
	if !hasPrison(NotesFor(f, 0, rep)) {
		t.Error("the prison case lacks its own note")
	}
	if hasPrison(NotesFor(f, 1, rep)) {
		t.Error("the jail case carries the prison case's note")
	}
	if NotesFor(f, 5, rep) != nil {
		t.Error("an index out of range should have no notes")
	}
}
