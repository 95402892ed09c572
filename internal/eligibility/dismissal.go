package eligibility

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// Dates the statutes turned on.
var (
	realignmentDate = date.MustParse("2011-10-01") // 2011 Realignment applied to sentences from this day
	sb731Operative  = date.MustParse("2023-07-01") // SB 731: 1203.41 prison route and 1203.425 felony prong
	ab1115Effective = date.MustParse("2018-01-01") // PC 1203.42 in force
	ab1352Effective = date.MustParse("2016-01-01") // PC 1203.43 in force
	dejFloor        = date.MustParse("1997-01-01") // PC 1203.43 covers DEJ granted on or after this day
)

// dismissed reports whether the case already has a dismissal.
func dismissed(cs *casefile.Case) bool { return !cs.Relief.DismissedOn.IsZero() }

func (e *engine) fileNext(cs *casefile.Case, what string) string {
	return fmt.Sprintf("File %s in the Superior Court of %s County and serve the district attorney at least 15 days before the hearing.", what, cs.County)
}

// petitionNext sets the next step of a petition finding that has none yet:
// wait for the date, or file the named petition.
func (e *engine) petitionNext(res *Finding, cs *casefile.Case, what string) *Finding {
	switch {
	case res.Next != "":
	case res.Outcome == NotYet:
		res.Next = fmt.Sprintf("File on or after %s.", res.EligibleOn)
	default:
		res.Next = e.fileNext(cs, what)
	}
	return res
}

// excl1203_4b applies the PC 1203.4(b) exclusion list to a count, or returns
// nil when the count is not excluded. applyTo names the statute asked about.
func (e *engine) excl1203_4b(cf *countFacts, f *finding, remedy string) *Finding {
	if cf.refErr != nil {
		return f.set(Review, fmt.Sprintf("The offense %q could not be read, so the exclusion list cannot be checked.", cf.n.Offense), cite1203_4b)
	}
	excluded := false
	switch cf.excl1203_4b {
	case law.ExclAlways:
		excluded = true
	case law.ExclFelony:
		if cf.n.Level == casefile.Felony {
			if cf.reduced {
				return f.set(Review, fmt.Sprintf("%s is excluded only as a felony, and this count was reduced to a misdemeanor on %s; whether the exclusion still applies needs attorney review.", cf.name(), cf.n.ReducedOn), cite1203_4b)
			}
			excluded = true
		}
	case law.ExclMisdemeanor:
		excluded = cf.n.Level == casefile.Misdemeanor
	}
	if excluded {
		cite := cite1203_4b
		if cf.excl1203_4b == law.ExclMisdemeanor {
			cite = citeVC42002_1
		}
		if cf.attempt || cf.conspiracy {
			f.trace("%s is on the exclusion list, but this count is an attempt or conspiracy", cf.name())
			return f.set(Review, "The completed offense is excluded from dismissal; courts have held an attempt is not, but this needs attorney review.", citeMarinelli)
		}
		f.trace("%s is on the PC 1203.4(b) exclusion list", cf.name())
		if remedy == R1203_4a && cf.excl1203_4b != law.ExclMisdemeanor {
			return f.set(Review, fmt.Sprintf("%s is excluded from dismissal under § 1203.4; whether § 1203.4a repeats that exclusion is unconfirmed, so this needs attorney review.", cf.name()), cite1203_4b)
		}
		what := "Dismissal is not available for " + cf.name() + "."
		if cf.excl1203_4b == law.ExclMisdemeanor {
			what = "Dismissal is not available for a misdemeanor " + cf.name() + " (Vehicle Code § 42002.1 offense)."
		}
		res := f.set(Ineligible, what, cite)
		res.Next = "Consider a Certificate of Rehabilitation or a Governor's pardon."
		return res
	}
	if cf.excl1203_4bMaybe {
		var ex []string
		for _, o := range cf.narrower {
			if o.Excl1203_4b != "" {
				ex = append(ex, o.Code+" "+o.Section+o.Subdivision)
			}
		}
		f.trace("%s without a subdivision; excluded subdivisions: %s", cf.name(), strings.Join(ex, ", "))
		return f.set(Review, fmt.Sprintf("The subdivision decides: %s is excluded from dismissal. Add the subdivision to the offense.", strings.Join(ex, ", ")), cite1203_4b)
	}
	return nil
}

// r1203_4: dismissal after probation (law reference R1).
func (e *engine) r1203_4(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if s.Kind != casefile.KindProbation || cf.n.Level == casefile.Infraction || dismissed(cs) {
		return nil
	}
	f := newFinding(R1203_4, cf)
	susp := s.Suspended
	if susp == "" {
		susp = "imposition"
	}
	f.trace("probation granted (%s of sentence suspended)", susp)
	if susp == "execution" {
		f.trace("a suspended prison term followed by probation still qualifies (%s)", citeParker)
	}
	if r := e.excl1203_4b(cf, f, R1203_4); r != nil {
		return r
	}
	end := probationEnd(s)
	if end.IsZero() {
		res := f.set(Review, "The file does not give the date probation ended or will end (sentence.probation_end).", cite1203_4a1)
		res.Next = "Get the probation end date from the court docket."
		return res
	}
	if !s.TerminatedEarlyOn.IsZero() {
		f.trace("probation terminated early on %s", s.TerminatedEarlyOn)
	} else {
		f.trace("probation ends %s", end)
	}
	earliest := end.AddDays(1)
	f.trace("petition may be filed after probation ends: %s + 1 day = %s", end, earliest)

	ok := Eligible
	switch {
	case cf.vc12810 == law.Yes:
		ok = Discretionary
		f.reason(fmt.Sprintf("%s is a Vehicle Code § 12810(a)–(e) offense, so dismissal is in the court's discretion even after a perfect probation.", cf.name()), cite1203_4c)
	case cf.vc12810 == law.Facts:
		f.trace("whether the offense is a VC 12810(a)–(e) offense depends on the subdivision")
		return f.set(Review, "The subdivision decides whether this is a Vehicle Code § 12810 offense, which would make dismissal discretionary.", cite1203_4c)
	case !s.TerminatedEarlyOn.IsZero() && (s.Revoked || len(s.Violations) > 0):
		// Early discharge is a ground of its own in § 1203.4(a)(1), also
		// after a violation; the record must show it was a discharge.
		f.trace("probation terminated early on %s after violations or revocation (%s)", s.TerminatedEarlyOn, joinDates(s.Violations))
		f.reason("The court discharged the person from probation early, and an early discharge is a ground on which the court must grant dismissal, even after a violation.", cite1203_4a1)
		f.reason("Early termination is granted under § 1203.3; confirm in the court record that the order was a discharge, not a revocation or an unsuccessful termination, and how the violation was resolved.", cite1203_3)
		res := e.finish(f, earliest, Review, true, cite1203_4a1)
		if res.Outcome == Review && res.Next == "" {
			res.Next = "Get the early-termination order; if it discharged the person, the petition rests on the mandatory early-discharge ground."
		}
		return e.petitionNext(res, cs, "a CR-180 petition under § 1203.4")
	case s.Revoked:
		ok = Discretionary
		f.trace("probation revoked (sentence.revoked = true)")
		f.reason("Probation was revoked, so the court decides in the interests of justice; revocation is not a bar.", citeChandler)
		f.reason("If a prison term was served after the revocation, § 1203.4 does not apply; record the sentence as prison instead.", citeBorja)
	case len(s.Violations) > 0:
		ok = Discretionary
		f.trace("probation violations on %s", joinDates(s.Violations))
		f.reason("A probation violation moves the petition to the court's discretion (interests of justice); it is not a bar.", citeChandler)
	case e.convictedDuring(cs, end) != "":
		ok = Discretionary
		f.trace("new conviction during the probation term: %s", e.convictedDuring(cs, end))
		f.reason(fmt.Sprintf("A new conviction (%s) falls within the probation term, which is a violation of probation: the court decides in the interests of justice. Attorney review: confirm the offense date.", e.convictedDuring(cs, end)), citeChandler)
	case !s.TerminatedEarlyOn.IsZero():
		f.reason("The court discharged the person from probation early, so the court must grant dismissal.", cite1203_4a1)
	default:
		f.trace("no probation violations listed in the file")
		f.reason("With no probation violation in the file, the court must grant dismissal once probation has ended. Unpaid restitution cannot count against the person.", cite1203_4a1)
	}
	if ok == Discretionary {
		f.reason("Relief may be granted in the court's discretion and the interests of justice; a declaration about rehabilitation helps.", cite1203_4a1)
	}
	res := e.finish(f, earliest, ok, true, cite1203_4a1)
	if res.Outcome == NotYet && res.Next == "" {
		res.Next = fmt.Sprintf("Wait until %s, or ask the court to end probation early and dismiss together (%s).", res.EligibleOn, cite1203_3)
	}
	return e.petitionNext(res, cs, "a CR-180 petition under § 1203.4")
}

func (e *engine) convictedDuring(cs *casefile.Case, end date.Date) string {
	return ConvictedDuring(e.f, cs, end)
}

// ConvictedDuring names the first other case of f whose offense date (or,
// when the file lacks it, conviction date) falls inside cs's probation
// term (after judgment, up to end), or "".
// Obeying all laws is a condition of every grant of probation, so such a
// conviction is a violation even when the file lists none.
func ConvictedDuring(f *casefile.File, cs *casefile.Case, end date.Date) string {
	start := cs.JudgmentDate()
	for i := range f.Cases {
		o := &f.Cases[i]
		if o == cs || (o.ConvictionDate.IsZero() && o.OffenseDate.IsZero()) {
			continue
		}
		// The offense date decides when the file has it: an offense
		// committed before the term does not violate it.
		d, what := o.OffenseDate, "offense"
		if d.IsZero() {
			d, what = o.ConvictionDate, "convicted"
		}
		if d.After(start) && !d.After(end) {
			name := o.CaseNumber
			if name == "" {
				name = o.ID
			}
			return fmt.Sprintf("case %s, %s %s", name, what, d)
		}
	}
	return ""
}

// r1203_4a: misdemeanors and infractions without probation (R2).
func (e *engine) r1203_4a(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if dismissed(cs) || (cf.levelNow != casefile.Misdemeanor && cf.levelNow != casefile.Infraction) {
		return nil
	}
	switch s.Kind {
	case casefile.KindDEJ, casefile.KindDiversion:
		return nil
	case casefile.KindPrison, casefile.KindJail1170h:
		// A felony redesignated a misdemeanor under Prop 47 or Prop 64 is
		// a misdemeanor for all purposes (§ 1170.18, subd. (k)), so
		// § 1203.4a reaches it whatever sentence was served.
		if !cf.reduced {
			return nil
		}
	case casefile.KindProbation:
		if cf.n.Level != casefile.Infraction {
			return nil // 1203.4 covers misdemeanors with probation
		}
	}
	f := newFinding(R1203_4a, cf)
	if cf.reduced {
		f.trace("felony reduced to a misdemeanor on %s", cf.n.ReducedOn)
		f.reason("A felony reduced to a misdemeanor can be dismissed under § 1203.4a.", citeKhamvongsa)
		if cf.n.ReducedUnder == "prop47" {
			f.reason("A Prop 47 redesignation makes the count a misdemeanor for all purposes except firearms.", cite1170_18k)
		}
	}
	if r := e.excl1203_4b(cf, f, R1203_4a); r != nil {
		return r
	}
	if cf.levelNow == casefile.Infraction && cf.refErr == nil && cf.ref.Code == "VC" {
		f.trace("Vehicle Code infraction")
		return f.set(Review, "Section 1203.4a excludes certain Vehicle Code infractions (those within Veh. Code, § 42001); the current list is unconfirmed.", cite1203_4a)
	}
	j := cs.JudgmentDate()
	earliest := j.AfterLapse(1)
	f.trace("judgment pronounced %s; more than one year must pass: %s + 1 year + 1 day = %s", j, j, earliest)

	comp, how := completion(cs)
	if comp.IsZero() {
		if s.Completed != nil && !*s.Completed {
			res := f.set(Review, "The sentence has not been fully performed (sentence.completed = false); relief waits until it is.", cite1203_4aA)
			res.Next = "Finish the sentence (other than restitution, which cannot be held against the person), then check again."
			return res
		}
		return f.set(Review, "The file does not say when the sentence was completed (sentence.completed_on or released_on).", cite1203_4aA)
	}
	f.trace("sentence completed: %s", how)
	earliest = date.Max(earliest, comp)

	var later []string
	for _, c := range e.laterConvictions(j, cs) {
		later = append(later, fmt.Sprintf("conviction in case %s on %s", c.ID, c.ConvictionDate))
	}
	for _, a := range e.f.Arrests {
		if a.Date.After(j) {
			later = append(later, fmt.Sprintf("arrest %s on %s", a.ID, a.Date))
		}
	}
	ok := Eligible
	if len(later) > 0 {
		ok = Discretionary
		f.trace("since judgment: %s", strings.Join(later, "; "))
		f.reason("A later arrest or conviction means the court decides in the interests of justice.", cite1203_4aB)
	} else {
		f.trace("no later conviction or arrest in the file")
		f.reason("With the sentence complete and no later offense in the file, the court must grant dismissal once more than a year has passed since judgment.", cite1203_4aA)
	}
	if cf.levelNow == casefile.Infraction {
		f.reason("A petition to dismiss an infraction is decided on written declarations unless a hearing is needed; the prosecutor still gets 15 days' notice.", cite1203_4a)
	}
	res := e.finish(f, earliest, ok, true, cite1203_4aA)
	return e.petitionNext(res, cs, "a CR-180 petition under § 1203.4a")
}

// r1203_41: felony county-jail sentences and, since SB 731, state prison (R3).
func (e *engine) r1203_41(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if dismissed(cs) || cf.levelNow != casefile.Felony || (s.Kind != casefile.KindJail1170h && s.Kind != casefile.KindPrison) {
		return nil
	}
	f := newFinding(R1203_41, cf)
	var years int
	comp, how := completion(cs)
	if s.Kind == casefile.KindJail1170h {
		years = 2
		f.trace("felony county-jail sentence under PC 1170(h)(5)")
		if s.MandatorySupervision {
			years = 1
			f.trace("with mandatory supervision: more than 1 year after completing the sentence")
		} else {
			f.trace("without mandatory supervision: more than 2 years after completing the sentence")
		}
		if prior, why := e.priorFelonies(cs); prior == law.Yes {
			f.trace("PC 1170(h)(3): %s", why)
			return f.set(Review, fmt.Sprintf("The file records a county-jail sentence under 1170(h), but %s, which would have required state prison; check the sentence in the court record.", why), cite1170h3)
		}
		if comp.IsZero() {
			need := "released_on"
			if s.MandatorySupervision {
				need = "supervision_ended_on"
			}
			return f.set(Review, fmt.Sprintf("The file does not say when the sentence was completed (sentence.%s).", need), cite1203_41a)
		}
	} else {
		years = 2
		f.trace("state prison sentence (SB 731 route, operative %s)", sb731Operative)
		if s.Revoked {
			f.trace("prison after probation was revoked: § 1203.4 is not available (%s)", citeBorja)
		}
		switch cf.requires290 {
		case law.Yes:
			f.trace("%s requires PC 290 registration", cf.name())
			res := f.set(Ineligible, "The prison route of § 1203.41 excludes convictions that require sex-offender registration.", cite1203_41)
			res.Next = "Consider a Certificate of Rehabilitation or a Governor's pardon."
			return res
		case law.Facts:
			return f.set(Review, "Whether this conviction requires PC 290 registration decides the prison route of § 1203.41; the table cannot tell from the section alone.", cite1203_41)
		}
		if comp.IsZero() && e.f.Status.Parole && !e.f.Status.SupervisionEnds.IsZero() {
			comp, how = e.f.Status.SupervisionEnds, "parole/PRCS ends "+e.f.Status.SupervisionEnds.String()+" (status.supervision_ends, taken as this case's)"
		}
		if comp.IsZero() {
			if !s.ReleasedOn.IsZero() {
				f.trace("released %s; no parole/PRCS discharge date", s.ReleasedOn)
				return f.set(Review, fmt.Sprintf("The file gives the release date (%s) but not the parole or PRCS discharge date (sentence.supervision_ended_on); the two-year wait runs from completing the whole sentence, parole included.", s.ReleasedOn), cite1203_41)
			}
			return f.set(Review, "The file does not say when the prison sentence, including parole or PRCS, was completed (sentence.supervision_ended_on).", cite1203_41)
		}
		f.reason("Serious and violent felonies are not excluded from this petition (only from automatic relief).", cite1203_41)
	}
	f.trace("sentence completed: %s", how)
	earliest := comp.AfterLapse(years)
	f.trace("%s + %d year(s) + 1 day = %s", comp, years, earliest)
	if s.Kind == casefile.KindPrison && earliest.Before(sb731Operative) {
		earliest = sb731Operative
		f.trace("the prison route became operative %s", sb731Operative)
	}
	f.reason("Relief under § 1203.41 is always in the court's discretion and the interests of justice.", cite1203_41a)
	res := e.finish(f, earliest, Discretionary, true, cite1203_41a)
	return e.petitionNext(res, cs, "a CR-180 petition under § 1203.41 with a declaration")
}

// r1203_42: pre-realignment prison terms for crimes now punished under
// 1170(h) (R4).
func (e *engine) r1203_42(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if dismissed(cs) || cf.levelNow != casefile.Felony || s.Kind != casefile.KindPrison || !cs.JudgmentDate().Before(realignmentDate) {
		return nil
	}
	if cf.realigned == law.No {
		return nil
	}
	f := newFinding(R1203_42, cf)
	f.trace("sentenced to prison on %s, before realignment (%s)", cs.JudgmentDate(), realignmentDate)
	if cf.realigned == law.Facts {
		return f.set(Review, "Whether this crime would be punished in county jail under PC 1170(h) today is not known from the section alone (set realigned = true or false).", cite1203_42)
	}
	if cf.requires290 == law.Yes || cf.serious == law.Yes || cf.violent == law.Yes {
		return f.set(Review, "A serious or violent felony or a registration duty sends a sentence to state prison even for a 1170(h) crime; whether this person would be 1170(h)-eligible today needs attorney review.", cite1170h3)
	}
	switch prior, why := e.priorFelonies(cs); prior {
	case law.Yes:
		f.trace("PC 1170(h)(3): %s", why)
		f.reason(fmt.Sprintf("The person could not be sentenced under 1170(h) today: %s.", why), cite1170h3)
		res := f.set(Ineligible, "Section 1203.42 reaches only a crime that would now be punished under 1170(h) for this person.", cite1203_42)
		res.Next = "A Certificate of Rehabilitation or a Governor's pardon may fit; § 1203.41's prison route may too."
		return res
	case law.Facts:
		f.trace("PC 1170(h)(3) priors unknown: %s", why)
		return f.set(Review, fmt.Sprintf("Prior convictions decide whether this person could be sentenced under 1170(h); the file does not show %s.", why), cite1170h3)
	default:
		f.trace("no prior serious or violent felony and no PC 290 duty in the file (PC 1170(h)(3))")
	}
	comp, how := completion(cs)
	if comp.IsZero() {
		return f.set(Review, "The file does not say when the prison sentence, including parole, was completed (sentence.supervision_ended_on).", cite1203_42)
	}
	f.trace("sentence completed: %s", how)
	earliest := comp.AfterLapse(2)
	f.trace("%s + 2 years + 1 day = %s", comp, earliest)
	if earliest.Before(ab1115Effective) {
		earliest = ab1115Effective
		f.trace("§ 1203.42 took effect %s", ab1115Effective)
	}
	f.reason("The crime would be a county-jail felony today, so the pre-realignment prison sentence can be dismissed in the court's discretion.", cite1203_42)
	res := e.finish(f, earliest, Discretionary, true, cite1203_42)
	if res.Next == "" && res.Outcome != NotYet {
		res.Next = e.fileNext(cs, "a CR-180 petition under § 1203.42 (item 6)")
	}
	return res
}

// r1203_43: deferred entry of judgment completed (R8).
func (e *engine) r1203_43(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if !cs.DEJ() || s.Kind == casefile.KindDiversion || (dismissed(cs) && cs.Relief.DismissedUnder == R1203_43) {
		return nil
	}
	f := newFinding(R1203_43, cf)
	dejDismissed := s.DEJDismissedOn
	if dejDismissed.IsZero() && cs.Relief.DismissedUnder == "1000.3" {
		// dismissed_under = "1000.3" with dismissed_on is the same fact.
		dejDismissed = cs.Relief.DismissedOn
	}
	switch {
	case s.DEJGrantedOn.IsZero():
		return f.set(Review, "The file does not give the date deferred entry of judgment was granted (sentence.dej_granted_on).", cite1203_43)
	case s.DEJGrantedOn.Before(dejFloor):
		f.trace("DEJ granted %s, before %s", s.DEJGrantedOn, dejFloor)
		return f.set(Ineligible, "Section 1203.43 covers deferred entry of judgment granted on or after January 1, 1997.", cite1203_43)
	case dejDismissed.IsZero():
		return f.set(Review, "The file does not give the date the charges were dismissed after DEJ under former § 1000.3 (sentence.dej_dismissed_on).", cite1203_43)
	}
	f.trace("DEJ granted %s; charges dismissed %s", s.DEJGrantedOn, dejDismissed)
	f.reason("The earlier guilty plea is legally invalid because of the misinformation in former § 1000.4; on request the court must set it aside and dismiss. There is no waiting period.", cite1203_43)
	f.reason("Court records or, failing those, a declaration with the DOJ record prove completion (CR-180 item 7).", cite1203_43)
	res := e.finish(f, date.Max(dejDismissed, ab1352Effective), Eligible, false, cite1203_43)
	if res.Next == "" {
		res.Next = e.fileNext(cs, "a CR-180 petition under § 1203.43 (item 7)")
	}
	return res
}

// r1203_49: PC 647(b) convictions of trafficking victims (R7).
func (e *engine) r1203_49(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if cf.refErr != nil || cf.ref.Code != "PC" || cf.ref.Section != "647" || len(cf.ref.Subdivisions) == 0 || cf.ref.Subdivisions[0] != "b" || dismissed(cs) {
		return nil
	}
	f := newFinding(R1203_49, cf)
	earliest := cs.JudgmentDate()
	if s.Kind == casefile.KindProbation {
		end := probationEnd(s)
		if end.IsZero() {
			return f.set(Review, "The file does not give the probation end date (sentence.probation_end); § 1203.49 requires any probation to be completed.", cite1203_49)
		}
		earliest = end.AddDays(1)
		f.trace("probation ends %s; relief after completion: %s", end, earliest)
	}
	if !cf.n.TraffickingVictim {
		f.reason("Relief needs clear and convincing evidence that the conviction resulted from being a victim of human trafficking; the file does not say there is such evidence (trafficking_victim).", cite1203_49)
		f.reason("A separate vacatur petition may also fit.", cite236_14)
		res := f.set(Review, "Ask whether the person was trafficked when the offense happened.", "")
		return res
	}
	f.trace("the file records evidence of human trafficking (trafficking_victim = true)")
	f.reason("With clear and convincing evidence that the conviction resulted from trafficking, the court may grant § 1203.4 relief and find the person a victim.", cite1203_49)
	f.reason("A separate vacatur petition may also fit.", cite236_14)
	res := e.finish(f, earliest, Discretionary, false, cite1203_49)
	if res.Next == "" && res.Outcome != NotYet {
		res.Next = e.fileNext(cs, "a CR-180 petition under § 1203.49 (item 4) with the evidence attached")
	}
	return res
}

func joinDates(ds []date.Date) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, ", ")
}
