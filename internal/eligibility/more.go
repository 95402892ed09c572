package eligibility

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// r1203_4b: dismissal for a person who served on a fire-camp or county
// incarcerated hand crew or at an institutional firehouse (Pen. Code,
// § 1203.4b, AB 2147). The court decides in its discretion and the
// interests of justice.
func (e *engine) r1203_4b(cf *countFacts) *Finding {
	cs, s := cf.cs, cf.cs.Sentence
	if !s.FireCamp || cs.DEJ() || dismissed(cs) {
		return nil
	}
	f := newFinding(R1203_4b, cf)
	f.trace("sentence.fire_camp = true: served on a hand crew or at an institutional firehouse")
	if why := fireCampExcluded(cf); why != "" {
		f.trace("exclusion: %s", why)
		res := f.set(Review, fmt.Sprintf("Section 1203.4b excludes %s; relief's reading of the excluded list is not confirmed against the statute text, so an attorney must check it.", why), cite1203_4bFC)
		res.Next = "Check § 1203.4b's exclusions against the conviction; a Certificate of Rehabilitation or a pardon may fit instead."
		return res
	}
	if s.ReleasedOn.IsZero() {
		return f.set(Review, "The petition may be filed after release from custody; the file does not give the release date (sentence.released_on).", cite1203_4bFC)
	}
	f.trace("released from custody %s", s.ReleasedOn)
	f.reason("Successful participation must be shown as the Department of Corrections and Rehabilitation or the county determines it; get its verification for the petition.", cite1203_4bFC)
	f.reason("The court may let the person withdraw the plea or verdict and dismiss the case in its discretion and the interests of justice; a felony may also be reduced and probation or parole ended early as part of the relief.", cite1203_4bFC)
	res := e.finish(f, s.ReleasedOn, Discretionary, false, cite1203_4bFC)
	if res.Next == "" {
		res.Next = e.fileNext(cs, "a petition under § 1203.4b with the crew verification")
	}
	return res
}

// fireCampExcluded names the § 1203.4b exclusion the count falls under,
// or "": murder, kidnapping, rape under PC 261(a)(2) or (a)(6) or former
// 262(a)(1) or (a)(4), lewd acts (PC 288), a felony punishable by death or
// life, escape from a secure perimeter, arson, and registrable offenses.
func fireCampExcluded(cf *countFacts) string {
	if cf.requires290 == law.Yes {
		return "offenses requiring PC 290 registration, and " + cf.name() + " is one"
	}
	if cf.lifeTerm == law.Yes {
		return "felonies punishable by death or life imprisonment, and " + cf.name() + " is one"
	}
	if cf.refErr != nil || cf.ref.Code != "PC" {
		return ""
	}
	sub := strings.Join(cf.ref.Subdivisions, ",")
	switch cf.ref.Section {
	case "187":
		return "murder"
	case "207", "209", "209.5":
		return "kidnapping"
	case "261", "262":
		if sub == "" || sub == "a,2" || sub == "a,6" || (cf.ref.Section == "262" && (sub == "a,1" || sub == "a,4")) {
			return "rape as the statute defines it (the subdivision decides)"
		}
	case "288":
		return "lewd or lascivious acts (PC 288)"
	case "451", "451.5", "455":
		return "arson"
	case "4530", "4532":
		return "escape from a secure perimeter (the facts decide)"
	}
	return ""
}

// r1203_45: sealing a misdemeanor committed before 18 (Pen. Code,
// § 1203.45), once § 1203.4 or § 1203.4a relief is open or granted.
// prior are the count's findings so far.
func (e *engine) r1203_45(cf *countFacts, prior []Finding) *Finding {
	cs := cf.cs
	dob := e.f.Petitioner.DOB
	if dob.IsZero() || cf.levelNow != casefile.Misdemeanor || cs.DEJ() {
		return nil
	}
	f := newFinding(R1203_45, cf)
	switch minor(f, cs, dob) {
	case law.No:
		return nil
	case law.Facts:
		return f.set(Review, fmt.Sprintf("The person turned 18 on %s and was convicted on %s; the offense date decides whether § 1203.45 applies (case offense_date).", dob.AddYears(18), cs.ConvictionDate), cite1203_45a)
	}
	if r := e.sealingBars(f, cf); r != nil {
		return r
	}
	return e.sealingAfterDismissal(f, cf, prior)
}

// minor says whether the offense was committed before the person turned
// 18: from the offense date, or from a conviction before 18; Facts when
// only a conviction soon after 18 is known.
func minor(f *finding, cs *casefile.Case, dob date.Date) law.Tri {
	adult := dob.AddYears(18)
	switch {
	case !cs.OffenseDate.IsZero():
		if !cs.OffenseDate.Before(adult) {
			return law.No
		}
		f.trace("offense on %s; born %s; 18 on %s", cs.OffenseDate, dob, adult)
		return law.Yes
	case cs.ConvictionDate.Before(adult):
		f.trace("convicted %s, before turning 18 on %s", cs.ConvictionDate, adult)
		return law.Yes
	case cs.ConvictionDate.Before(dob.AddYears(20)):
		return law.Facts
	}
	return law.No
}

// sealingBars applies § 1203.45, subds. (c) and (d), or returns nil.
func (e *engine) sealingBars(f *finding, cf *countFacts) *Finding {
	switch {
	case cf.requires290 == law.Yes:
		return f.set(Ineligible, "Section 1203.45 does not apply to offenses that require PC 290 registration.", cite1203_45c)
	case cf.requires290 == law.Facts:
		return f.set(Review, "Section 1203.45 does not apply to registrable offenses; whether this one is depends on the record.", cite1203_45c)
	case cf.refErr == nil && cf.ref.Code == "HS" && divisionTen(cf.ref.Section):
		return f.set(Ineligible, "Section 1203.45 does not apply to violations of Division 10 of the Health and Safety Code (controlled substances).", cite1203_45c)
	case cf.refErr == nil && cf.ref.Code == "VC":
		return f.set(Review, "Section 1203.45 does not apply to Vehicle Code misdemeanors about operating a vehicle; whether this one is needs attorney review.", cite1203_45c)
	}
	if n := e.convictionCount(); n > 1 {
		f.trace("%d convictions in the file", n)
		return f.set(Review, fmt.Sprintf("Section 1203.45 does not apply to a person convicted of more than one offense, with narrow exceptions (one offense included in the other, or the others are Vehicle Code infractions); the file shows %d convictions.", n), cite1203_45d)
	}
	return nil
}

// sealingAfterDismissal follows the count's § 1203.4 or § 1203.4a
// finding, or a dismissal already granted: § 1203.45 needs that relief.
func (e *engine) sealingAfterDismissal(f *finding, cf *countFacts, prior []Finding) *Finding {
	cs := cf.cs
	f.reason("The court may seal the conviction and the related arrest and court records; the conviction is then deemed not to have occurred.", cite1203_45a)
	if dismissed(cs) && (cs.Relief.DismissedUnder == R1203_4 || cs.Relief.DismissedUnder == R1203_4a) {
		f.trace("already dismissed under § %s on %s", cs.Relief.DismissedUnder, cs.Relief.DismissedOn)
		res := e.finish(f, cs.Relief.DismissedOn, Discretionary, false, cite1203_45a)
		res.Next = fmt.Sprintf("Petition the Superior Court of %s County to seal the record under § 1203.45.", cs.County)
		return res
	}
	for _, p := range prior {
		if p.Remedy != R1203_4 && p.Remedy != R1203_4a {
			continue
		}
		f.trace("depends on the § %s finding: %s", p.Remedy, p.Outcome)
		switch p.Outcome {
		case Eligible, Discretionary:
			res := e.finish(f, p.EligibleOn, Discretionary, false, cite1203_45a)
			res.Next = fmt.Sprintf("Ask for sealing under § 1203.45 in the same petition as the § %s dismissal.", p.Remedy)
			return res
		case NotYet:
			f.EligibleOn = p.EligibleOn
			return f.set(NotYet, fmt.Sprintf("Sealing needs § %s relief to be open, which it is from %s.", p.Remedy, p.EligibleOn), cite1203_45a)
		case Ineligible:
			return f.set(Ineligible, fmt.Sprintf("Sealing needs § %s relief, which is not available (see that finding).", p.Remedy), cite1203_45a)
		default:
			return f.set(Review, fmt.Sprintf("Sealing needs § %s relief, which needs attorney review (see that finding).", p.Remedy), cite1203_45a)
		}
	}
	return f.set(Review, "Sealing needs the person to be eligible for, or to have received, § 1203.4 or § 1203.4a relief; the file does not show either.", cite1203_45a)
}

// divisionTen reports whether an HS section is in Division 10 (sections
// 11000 to 11999, the Uniform Controlled Substances Act).
func divisionTen(section string) bool {
	n, err := strconv.Atoi(strings.SplitN(section, ".", 2)[0])
	return err == nil && n >= 11000 && n < 12000
}

// convictionCount counts the California conviction counts in the file (a
// completed DEJ or diversion is not a conviction).
func (e *engine) convictionCount() int {
	n := 0
	for i := range e.f.Cases {
		if !e.f.Cases[i].DEJ() {
			n += len(e.f.Cases[i].Counts)
		}
	}
	return n
}

// r236_14: vacatur for a victim of human trafficking (Pen. Code, § 236.14):
// any nonviolent offense, on clear and convincing evidence that it was the
// direct result of being trafficked. Never automatic.
func (e *engine) r236_14(cf *countFacts) *Finding {
	cs := cf.cs
	if !cf.n.TraffickingVictim || cs.DEJ() {
		return nil
	}
	f := newFinding(R236_14, cf)
	f.trace("the file records evidence of human trafficking (trafficking_victim = true)")
	switch cf.violent {
	case law.Yes:
		return f.set(Ineligible, fmt.Sprintf("Vacatur reaches only nonviolent offenses, and %s is a violent felony.", cf.name()), cite667_5c)
	case law.Facts:
		return f.set(Review, fmt.Sprintf("Vacatur reaches only nonviolent offenses; whether %s is a violent felony depends on the record.", cf.name()), cite667_5c)
	}
	f.reason("The court vacates the conviction and the arrest when the person shows by clear and convincing evidence that the offense was the direct result of being a victim of trafficking; the petition is made under penalty of perjury with the evidence.", cite236_14a)
	f.reason("The petition may be filed once the person is no longer a victim or has sought services; the timing rule of the current text is unconfirmed.", cite236_14)
	res := e.finish(f, cs.JudgmentDate(), Discretionary, false, cite236_14a)
	if res.Next == "" {
		res.Next = fmt.Sprintf("File a petition under § 236.14 in the Superior Court of %s County with the evidence, and serve the prosecutor, who has 45 days to respond.", cs.County)
	}
	return res
}

// r1473_7: the motion to vacate of Pen. Code, § 1473.7, for a person no
// longer in criminal custody. Always attorney review; offered when the
// file says immigration matters.
func (e *engine) r1473_7(cf *countFacts) *Finding {
	if !e.f.Goals.Immigration || cf.cs.DEJ() {
		return nil
	}
	f := newFinding(R1473_7, cf)
	f.trace("goals.immigration = true")
	f.reason("A conviction may be vacated as legally invalid for prejudicial error that damaged the ability to understand, defend against or knowingly accept its immigration consequences, for newly discovered evidence of actual innocence, or for a violation of the Racial Justice Act (§ 745).", cite1473_7)
	f.reason("A dismissal under § 1203.4 does not remove the conviction for immigration purposes; this motion can.", cite1473_7)
	if e.f.Status.Custody {
		f.reason("The motion is for a person no longer in criminal custody; the person is in custody now, so habeas corpus may be the route instead.", cite1473_7)
	}
	res := f.set(Review, "Whether a ground exists is a judgment on the plea record and the advice given; an immigration-aware attorney must assess it.", cite1473_7)
	res.Next = "Have an immigration-aware attorney review the plea transcript and the advice given before any other petition is filed."
	return res
}

// juvenile answers for a count the case file marks as a juvenile-court
// adjudication: out of scope, with the statutes that govern it.
func juvenile(cs *casefile.Case) bool {
	return strings.Contains(strings.ToLower(cs.Court), "juvenile")
}

func (e *engine) juvenileReview(cf *countFacts) Finding {
	f := newFinding(R1203_4, cf)
	f.trace("case court %q: a juvenile-court adjudication", cf.cs.Court)
	res := f.set(Review, "A juvenile adjudication is not a criminal conviction; sealing goes through Welfare and Institutions Code §§ 781 and 786, which relief does not apply.", citeWIC781)
	res.Next = "Have an attorney check sealing under Welf. & Inst. Code §§ 781 and 786."
	return *res
}

// r851_93: DOJ's automatic arrest relief (Pen. Code, § 851.93).
// Informational: the date relief is expected, or review.
func (e *engine) r851_93(a *casefile.Arrest, offs []arrestOffense) *Finding {
	f := newFinding(R851_93, nil)
	if e.f.Status.Registrant290 {
		return f.set(Ineligible, "A person required to register under PC 290 gets no automatic arrest relief.", cite851_93)
	}
	felony := false
	for _, o := range offs {
		if o.off == nil {
			return f.set(Review, fmt.Sprintf("%s is not in relief's offense table, so whether automatic arrest relief applies (and when) is unknown.", o.raw), cite851_93)
		}
		switch o.off.Registrable290 {
		case law.Yes:
			return f.set(Ineligible, fmt.Sprintf("An arrest for %s, a registrable offense, is not eligible for automatic arrest relief.", o.ref.String()), cite851_93)
		case law.Facts:
			return f.set(Review, fmt.Sprintf("Whether %s requires PC 290 registration decides automatic arrest relief.", o.ref.String()), cite851_93)
		}
		if o.off.Level == law.LevelFelony || o.off.Level == law.LevelWobbler {
			felony = true
		}
	}
	if e.f.Status.PendingCharges {
		return f.set(Review, "Automatic arrest relief waits while charges are pending.", cite851_93)
	}
	if a.Date.Before(autoFloor) {
		return f.set(Ineligible, "Automatic arrest relief covers arrests on or after January 1, 1973.", cite851_93)
	}
	var when date.Date
	switch a.Disposition {
	case casefile.NoCharges:
		if len(offs) == 0 {
			return f.set(Review, "The arrest lists no offenses, so the waiting period cannot be told.", cite851_93)
		}
		if felony {
			return f.set(Review, "For a felony arrest with no charges the wait turns on the punishment: three years for a county-jail felony, six for one punishable by eight years or more, and the limitation period for a state-prison felony; the file and the table cannot tell which applies.", cite851_93)
		}
		when = a.Date.AfterLapse(1)
		f.trace("misdemeanor arrest, no charges: one year from %s: %s", a.Date, when)
	case casefile.Acquitted:
		when = date.Max(a.Date, a.DispositionDate)
		f.trace("acquitted %s", a.DispositionDate)
	case casefile.Dismissed, casefile.Vacated:
		if a.RefilingBarred == nil || !*a.RefilingBarred {
			return f.set(Review, "DOJ grants relief for dismissed or vacated charges only when they cannot be brought again (refiling_barred).", cite851_93)
		}
		when = date.Max(a.Date, a.DispositionDate)
		f.trace("charges %s %s and cannot be refiled", a.Disposition, a.DispositionDate)
	default:
		return f.set(Review, "Whether DOJ grants automatic relief after a completed diversion is unconfirmed; check the DOJ record.", cite851_93)
	}
	f.reason("DOJ reviews its records monthly and grants arrest relief without a petition when they show the arrest qualifies; it depends on complete records and on funding.", cite851_93)
	res := e.finish(f, when, Automatic, false, cite851_93)
	if res.Outcome == Automatic {
		res.Next = "Check the DOJ record for the relief notation; a § 851.91 petition gives a court order meanwhile."
	}
	return res
}
