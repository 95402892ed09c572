package eligibility

import (
	"fmt"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/law"
)

// r17b: felony-to-misdemeanor reduction of a wobbler (R5).
func (e *engine) r17b(cf *countFacts) *Finding {
	s := cf.cs.Sentence
	if cf.n.Level != casefile.Felony || cf.reduced || cf.cs.DEJ() {
		return nil
	}
	f := newFinding(R17b, cf)
	if s.Kind == casefile.KindPrison || s.Kind == casefile.KindJail1170h {
		f.trace("sentence kind %s: a felony judgment was executed", s.Kind)
		res := f.set(Ineligible, "A state-prison or 1170(h) county-jail felony sentence was imposed, so the count stays a felony.", cite17b)
		res.Next = "Dismissal under § 1203.41 or § 1203.42 may still be open."
		return res
	}
	switch cf.wobbler {
	case law.No:
		res := f.set(Ineligible, fmt.Sprintf("%s is a straight felony (no misdemeanor alternative), so it cannot be reduced.", cf.name()), cite17b)
		return res
	case law.Facts:
		why := "relief's offense table does not know this section"
		if cf.known() {
			why = "whether it is a wobbler depends on the subdivision, the degree or prior convictions"
		}
		res := f.set(Review, fmt.Sprintf("Reduction needs an offense punishable as either a felony or a misdemeanor; %s (set wobbler = true or false).", why), cite17b)
		return res
	}
	f.trace("%s is a wobbler (felony or misdemeanor)", cf.name())
	switch {
	case s.Kind == casefile.KindJail || s.Kind == casefile.KindFine:
		return f.set(Review, "A county-jail (not 1170(h)) or fine-only judgment makes a wobbler a misdemeanor by operation of law; check the record and correct the level if so.", cite17b1)
	case s.Kind == casefile.KindProbation && s.Suspended == "execution":
		f.trace("probation with execution of a prison sentence suspended")
		return f.set(Review, "A prison term was imposed and its execution suspended; whether § 17(b)(3) reaches that depends on the statute's current wording, which is unconfirmed.", cite17b3)
	}
	f.trace("probation granted with imposition of sentence suspended")
	f.reason("After a grant of probation the court may declare the offense a misdemeanor, on the defendant's application, at any time.", cite17b3)
	f.reason("Reduce first, then dismiss: the record then shows a dismissed misdemeanor.", "")
	if cf.requires290 == law.Yes {
		f.reason("Reduction does not end a sex-offender registration duty.", cite17e)
	}
	f.reason("A reduced felony is a misdemeanor for all purposes, so it no longer supports a Certificate of Rehabilitation; weigh this if a pardon matters (for example for immigration).", citeMoreno)
	res := e.finish(f, cf.cs.JudgmentDate(), Discretionary, false, cite17b3)
	res.Next = "Ask for the reduction in the same CR-180 petition (item 8), so the court reduces before it dismisses."
	return res
}

// r17d2: misdemeanor-to-infraction reduction of a PC 19.8 offense.
func (e *engine) r17d2(cf *countFacts) *Finding {
	if cf.n.Level != casefile.Misdemeanor || cf.cs.DEJ() {
		return nil
	}
	switch cf.reducible {
	case law.No:
		return nil
	case law.Facts:
		if cf.known() {
			f := newFinding(R17d2, cf)
			return f.set(Review, "Whether this offense can be reduced to an infraction depends on the subdivision (set reducible_to_infraction).", cite19_8)
		}
		return nil // an unknown section: the 19.8 list is in the table, so it is not on it
	}
	f := newFinding(R17d2, cf)
	if cf.reducibleByFile {
		f.trace("the case file says %s may be reduced to an infraction (reducible_to_infraction = true); relief's table does not list it in PC 19.8", cf.name())
		f.reason("The case file marks this offense as reducible to an infraction; confirm that it is listed in § 19.8 or that a statute makes it an infraction, since § 17(d)(2) reaches only those.", cite19_8)
	} else {
		f.trace("%s is listed in PC 19.8 (misdemeanor that may be an infraction)", cf.name())
	}
	f.reason("With the defendant's consent the court may declare the offense an infraction.", cite17d2)
	res := e.finish(f, cf.cs.JudgmentDate(), Discretionary, false, cite17d2)
	res.Next = "Ask for the reduction to an infraction in the CR-180 petition (item 8)."
	return res
}
