package eligibility

import (
	"fmt"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

var (
	autoFloor       = date.MustParse("1973-01-01") // prongs (I) and (II)
	autoFelonyFloor = date.MustParse("2005-01-01") // prong (III), SB 731
	// The felony prong (III) was to start on 2023-07-01 (SB 731); the 2023
	// public-safety budget trailer bill moved it to 2024-07-01, and
	// a 2024 trailer bill's digest delays it to 2024-10-01 and reaches back
	// to convictions from 1973-01-01. Whether that last change was enacted
	// is unconfirmed, so the felony prong is always attorney review.
	autoFelonyStart = date.MustParse("2024-07-01")
	autoFelonyLater = date.MustParse("2024-10-01")
)

// citeFelonyArm cites the felony prong; the trailer bills that moved its
// dates are named in the reason's text.
const citeFelonyArm = "Pen. Code, § 1203.425, subd. (a)(1)(B)(v)(III)"

// r1203_425: DOJ's automatic conviction relief (R6). Informational: the
// finding says when relief is expected, and the petition stays open.
func (e *engine) r1203_425(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if dismissed(cs) || s.Kind == casefile.KindDEJ || s.Kind == casefile.KindDiversion {
		return nil
	}
	f := newFinding(R1203425, cf)
	if !cs.Relief.AutomaticReliefOn.IsZero() {
		f.EligibleOn = cs.Relief.AutomaticReliefOn
		res := f.set(Automatic, fmt.Sprintf("The DOJ record already shows automatic relief granted on %s.", cs.Relief.AutomaticReliefOn), cite1203_425)
		res.Next = "A court petition is still possible and needed for a reduction under § 17(b)."
		return res
	}
	if e.f.Status.Registrant290 {
		f.trace("status.registrant_290 = true")
		return f.set(Ineligible, "A person required to register under PC 290 gets no automatic relief for any conviction.", cite1203_425)
	}
	switch cf.requires290 {
	case law.Yes:
		f.trace("%s requires PC 290 registration", cf.name())
		return f.set(Ineligible, "This conviction requires sex-offender registration, and a person who must register gets no automatic relief.", cite1203_425)
	case law.Facts:
		return f.set(Review, "Whether this conviction requires PC 290 registration is not known from the section alone; a person who must register gets no automatic relief.", cite1203_425)
	}
	// The felony prong excludes serious, violent and registrable felonies
	// whatever else the record shows: say so first (§ 1203.425,
	// subd. (a)(1)(B)(v)(III)).
	// Probation never revoked may still fit prong (I), which has no such
	// exclusion, so only other felonies are answered here.
	if cf.levelNow == casefile.Felony && !(s.Kind == casefile.KindProbation && !s.Revoked) {
		for _, t := range []struct {
			v    law.Tri
			what string
		}{{cf.serious, "a serious felony (PC 1192.7(c))"}, {cf.violent, "a violent felony (PC 667.5(c))"}} {
			if t.v == law.Yes {
				f.trace("%s is %s", cf.name(), t.what)
				res := f.set(Ineligible, fmt.Sprintf("Automatic felony relief is not available for %s.", t.what), cite1203_425)
				res.Next = "A petition under § 1203.41 or § 1203.4 may still be open."
				return res
			}
		}
	}
	if s.Revoked {
		f.trace("probation revoked (sentence.revoked = true)")
		return f.set(Review, "Probation was revoked; automatic relief then depends on when every later term of custody and supervision ended, which the file does not show.", cite1203_425)
	}
	if cs.ConvictionDate.Before(autoFloor) {
		f.trace("convicted %s, before %s", cs.ConvictionDate, autoFloor)
		return f.set(Ineligible, "Automatic relief covers convictions on or after January 1, 1973.", cite1203_425)
	}
	var when date.Date
	switch {
	case s.Kind == casefile.KindProbation && !s.Revoked && len(s.Violations) == 0:
		end := probationEnd(s)
		if end.IsZero() {
			return f.set(Review, "The file does not give the probation end date (sentence.probation_end).", cite1203_425)
		}
		when = end.AddDays(1)
		f.trace("prong (I): probation completed without revocation; ends %s", end)
		f.reason("Probation completed without revocation qualifies for automatic relief once DOJ's records show it.", cite1203_425)
	case cf.levelNow != casefile.Felony && s.Kind != casefile.KindProbation:
		comp, how := completion(cs)
		if comp.IsZero() {
			return f.set(Review, "The file does not say when the sentence was completed.", cite1203_425)
		}
		j := cs.JudgmentDate()
		when = date.Max(j.AfterLapse(1), comp)
		f.trace("prong (II): misdemeanor or infraction without probation; judgment %s + 1 year + 1 day; %s", j, how)
		f.reason("A misdemeanor or infraction without probation qualifies one year after judgment once the sentence is complete.", cite1203_425)
	case cf.levelNow == casefile.Felony && s.Kind == casefile.KindProbation && (cf.serious == law.Yes || cf.violent == law.Yes):
		f.trace("probation with violations, not revoked; %s is a serious or violent felony", cf.name())
		return f.set(Review, "Probation had violations but was not revoked: if DOJ's records show it completed without revocation, the probation arm applies, which has no serious-felony exclusion; the felony arm excludes this serious or violent felony.", cite1203_425)
	case cf.levelNow == casefile.Felony:
		for _, t := range []struct {
			v    law.Tri
			what string
		}{{cf.serious, "a serious felony (PC 1192.7(c))"}, {cf.violent, "a violent felony (PC 667.5(c))"}} {
			if t.v == law.Facts {
				return f.set(Review, fmt.Sprintf("Whether this is %s depends on facts in the record; automatic felony relief excludes it.", t.what), cite1203_425)
			}
		}
		if cs.ConvictionDate.Before(autoFelonyFloor) {
			f.trace("felony convicted %s, before %s", cs.ConvictionDate, autoFelonyFloor)
			res := f.set(Review, "The felony prong of automatic relief covered convictions from January 1, 2005 (SB 731); a 2024 budget trailer bill would reach back to January 1, 1973, and whether it was enacted is unconfirmed. Check the DOJ record.", citeFelonyArm)
			res.Next = "Ask DOJ for the record; a petition under § 1203.41 or § 1203.4 does not depend on this date."
			return res
		}
		comp, how := completion(cs)
		if comp.IsZero() {
			return f.set(Review, "The file does not say when every term (custody, probation, supervision, parole) ended.", cite1203_425)
		}
		f.trace("prong (III): felony; all terms ended: %s", how)
		when = comp.AfterLapse(4)
		f.trace("%s + 4 years + 1 day = %s", comp, when)
		for _, c := range e.laterConvictions(comp, cs) {
			if c.ConvictionDate.Before(when) && hasFelony(c) {
				f.trace("new felony conviction in case %s on %s within the four years", c.ID, c.ConvictionDate)
				return f.set(Review, fmt.Sprintf("A new felony conviction (case %s, %s) within four years of completion blocks automatic relief for this conviction until that case's own terms are measured.", c.ID, c.ConvictionDate), cite1203_425)
			}
		}
		if when.Before(autoFelonyStart) {
			when = autoFelonyStart
			f.trace("the felony prong starts %s (2023 public-safety budget trailer bill), or %s if the 2024 trailer bill was enacted", autoFelonyStart, autoFelonyLater)
		}
		f.reason("A felony that is not serious, violent or registrable qualifies four years after every term ends with no new felony.", cite1203_425)
		f.reason(fmt.Sprintf("The felony prong's start moved from July 1, 2023 (SB 731) to July 1, 2024 (2023 public-safety budget trailer bill) and possibly to October 1, 2024 (a 2024 trailer bill, unconfirmed); DOJ applies it subject to funding, so check the DOJ record before relying on it (expected from %s).", date.Max(when, autoFelonyLater)), citeFelonyArm)
		res := e.finish(f, date.Max(when, autoFelonyLater), Review, true, cite1203_425)
		if res.Outcome == Review && res.Next == "" {
			res.Next = "Ask DOJ for the record (or check the RAP sheet) for the relief notation; a petition under § 1203.41 or § 1203.4 gives a court order meanwhile."
		}
		return res
	default:
		f.trace("probation with violations or revocation")
		return f.set(Review, "Probation had violations or was revoked; DOJ grants automatic relief on probation only when it shows completion without revocation, and the file cannot show how DOJ recorded it.", cite1203_425)
	}
	f.reason("Automatic relief depends on DOJ's records being complete; the prosecutor or probation may ask the court to block it; a petition is still available and gives a court order.", cite1203_425)
	res := e.finish(f, when, Automatic, true, cite1203_425)
	if res.Outcome == Automatic {
		res.Next = "Ask DOJ for the record (or check the RAP sheet) to confirm the relief notation; file a petition if it is missing."
	}
	return res
}

// hasFelony reports whether a case has a count that is a felony today (not
// reduced to a misdemeanor).
func hasFelony(cs *casefile.Case) bool {
	for _, n := range cs.Counts {
		if n.Level == casefile.Felony && n.ReducedOn.IsZero() {
			return true
		}
	}
	return false
}
