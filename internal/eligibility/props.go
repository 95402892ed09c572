package eligibility

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

var (
	prop47Effective = date.MustParse("2014-11-05") // Proposition 47 in force
	prop47Deadline  = date.MustParse("2022-11-04") // § 1170.18(j): later filings need good cause
	prop64Effective = date.MustParse("2016-11-09") // Proposition 64 in force
)

// superStrike applies the bar of Pen. Code, § 1170.18, subd. (i) (which
// Prop 64's felony branches repeat): a conviction, other than the count
// itself, for an offense in PC 667(e)(2)(C)(iv) (the "super strikes") or
// one requiring PC 290 registration. Facts means the file cannot tell.
func (e *engine) superStrike(self *countFacts) (law.Tri, string) {
	if e.f.Status.Registrant290 {
		return law.Yes, "the person must register under PC 290 (status.registrant_290)"
	}
	var unknown []string
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if cs.DEJ() {
			continue
		}
		for _, cf := range e.counts[i] {
			if cf == self {
				continue
			}
			if !cs.IsCalifornia() {
				if cf.n.Level == casefile.Felony {
					unknown = append(unknown, fmt.Sprintf("whether the %s felony %s (case %s) matches a super strike or a registrable offense", jurisdictionName(cs), cf.n.Offense, cs.ID))
				}
				continue
			}
			if cf.requires290 == law.Yes {
				return law.Yes, fmt.Sprintf("%s (case %s) requires PC 290 registration", cf.name(), cs.ID)
			}
			v := superStrikeOffense(cf)
			if v == law.Yes {
				return law.Yes, fmt.Sprintf("%s (case %s) is listed in PC 667(e)(2)(C)(iv)", cf.name(), cs.ID)
			}
			if v == law.Facts || cf.requires290 == law.Facts {
				unknown = append(unknown, fmt.Sprintf("whether %s (case %s) is a super strike or registrable", cf.name(), cs.ID))
			}
		}
	}
	if len(unknown) > 0 {
		return law.Facts, strings.Join(unknown, "; ")
	}
	return law.No, ""
}

// superStrikeOffense classifies one count against PC 667(e)(2)(C)(iv):
// (I) sexually violent offenses, (II)-(III) sex offenses against a child
// under 14, (IV) homicide or attempted homicide (PC 187 to 191.5), (V)
// soliciting murder (PC 653f), (VI) PC 245(d)(3), (VII) HS 11418(a)(1),
// (VIII) any serious or violent felony punishable by life or death.
func superStrikeOffense(cf *countFacts) law.Tri {
	if cf.refErr != nil {
		return law.Facts
	}
	if !cf.known() {
		if cf.n.Level == casefile.Felony {
			return law.Facts
		}
		return law.No
	}
	r := cf.ref
	sub := ""
	if len(r.Subdivisions) > 0 {
		sub = strings.Join(r.Subdivisions, ",")
	}
	if r.Code == "PC" {
		switch r.Section {
		case "187", "188", "189", "190", "190.05", "190.2", "190.25", "190.3", "191.5", "264.1", "269", "288.5", "288.7":
			return law.Yes
		case "288":
			if sub == "a" || sub == "b" || strings.HasPrefix(sub, "b,") {
				return law.Yes
			}
			return law.Facts
		case "261", "262", "286", "287", "288a", "289", "653f":
			return law.Facts
		case "245":
			if strings.HasPrefix(sub, "d,3") {
				return law.Yes
			}
		}
	}
	if r.Code == "HS" && r.Section == "11418" {
		return law.Facts
	}
	if cf.lifeTerm == law.Yes && (cf.serious == law.Yes || cf.violent == law.Yes) {
		return law.Yes
	}
	if cf.lifeTerm == law.Facts && (cf.serious != law.No || cf.violent != law.No) {
		return law.Facts
	}
	return law.No
}

// offenseBefore says whether the offense came before a proposition took
// effect: Yes, No, or Facts when the file gives no offense_date and the
// conviction came later.
func offenseBefore(cs *casefile.Case, eff date.Date) law.Tri {
	switch {
	case !cs.OffenseDate.IsZero():
		return boolTri(cs.OffenseDate.Before(eff))
	case cs.ConvictionDate.Before(eff):
		return law.Yes
	}
	return law.Facts
}

// sentenceRunning says whether the count's sentence is still being served
// on the as-of date (custody, probation or supervision): Facts when the
// file does not say when it ends.
func (e *engine) sentenceRunning(cs *casefile.Case) (law.Tri, string) {
	s := cs.Sentence
	if s.Kind == casefile.KindProbation {
		end := probationEnd(s)
		if end.IsZero() {
			return law.Facts, "the probation end date (sentence.probation_end)"
		}
		return boolTri(!end.Before(e.asOf)), "probation ends " + end.String()
	}
	comp, how := completion(cs)
	if comp.IsZero() {
		return law.Facts, "when the sentence, including any supervision, was completed (sentence.completed_on, released_on or supervision_ended_on)"
	}
	return boolTri(!comp.Before(e.asOf)), how
}

// rProp47: resentencing or redesignation under Proposition 47 (Pen. Code,
// § 1170.18).
func (e *engine) rProp47(cf *countFacts) *Finding {
	cs := cf.cs
	if cf.prop47 == law.No || cf.n.Level != casefile.Felony || cf.reduced || cs.DEJ() || dismissed(cs) {
		return nil
	}
	before := offenseBefore(cs, prop47Effective)
	if cf.prop47 == law.Facts && before != law.Yes {
		// Only some conduct under the section is a Prop 47 offense, and
		// since 2014-11-05 that conduct is charged under the new sections.
		return nil
	}
	f := newFinding(RProp47, cf)
	switch before {
	case law.No:
		f.trace("offense on %s, after Prop 47 took effect %s", cs.OffenseDate, prop47Effective)
		return f.set(Ineligible, "The offense was committed after Proposition 47 took effect; a felony conviction then already reflects the new law (for example a disqualifying prior).", cite1170_18a)
	case law.Facts:
		return f.set(Review, "The conviction came after Proposition 47 took effect (2014-11-05); the offense date decides whether the count can be redesignated (case offense_date).", cite1170_18a)
	}
	if cf.prop47 == law.Facts {
		f.trace("%s: only some conduct under this section is a Prop 47 offense", cf.name())
		if v := cf.n.PropertyValue; v != nil && *v > 950 && cf.prop47Value {
			f.trace("property_value $%d is over $950", *v)
			return f.set(Ineligible, fmt.Sprintf("The value ($%d) is over $950, so Proposition 47 does not reach this count.", *v), cite1170_18a)
		}
		res := f.set(Review, fmt.Sprintf("Only some conduct charged as %s is a Proposition 47 offense%s; the record of conviction decides.", cf.name(), prop47Example(cf.ref)), cite1170_18a)
		res.Next = "Check the complaint and the plea for the conduct and the value."
		return res
	}
	if cf.prop47Value {
		v := cf.n.PropertyValue
		switch {
		case v == nil:
			return f.set(Review, fmt.Sprintf("%s is a Proposition 47 offense only at a value of $950 or less, and the file does not give the value (property_value).", cf.name()), cite1170_18a)
		case *v > 950:
			f.trace("property_value $%d is over $950", *v)
			return f.set(Ineligible, fmt.Sprintf("The value ($%d) is over $950, so Proposition 47 does not reach this count.", *v), cite1170_18a)
		}
		f.trace("property_value $%d is $950 or less", *v)
	}
	switch bar, why := e.superStrike(cf); bar {
	case law.Yes:
		f.trace("§ 1170.18(i): %s", why)
		return f.set(Ineligible, fmt.Sprintf("Proposition 47 relief is barred by a conviction for a super strike or a registrable offense: %s.", why), cite1170_18i)
	case law.Facts:
		return f.set(Review, fmt.Sprintf("A conviction for a super strike (PC 667(e)(2)(C)(iv)) or a registrable offense bars relief; the file does not show %s.", why), cite1170_18i)
	}
	f.trace("no super-strike or registrable conviction in the file")
	return e.prop47Route(f, cf)
}

// prop47Example gives, for a section only part of whose conduct
// Proposition 47 reached, what that part is; "" when relief has no
// example for the section.
func prop47Example(r law.Ref) string {
	switch {
	case r.Code == "PC" && r.Section == "459":
		return " (entering a commercial building to take property worth $950 or less during business hours, now shoplifting under PC 459.5)"
	case r.Code == "PC" && (r.Section == "470" || r.Section == "475" || r.Section == "476"):
		return " (forging or passing a check, bond, bank bill, note, cashier's check, traveler's check or money order of $950 or less, PC 473(b))"
	case r.Code == "HS" && r.Section == "11357":
		return " (possessing concentrated cannabis, former HS 11357(a), a felony then)"
	}
	return ""
}

// prop47Route chooses resentencing (sentence running) or redesignation
// (sentence complete) and applies the filing deadline of § 1170.18(j).
func (e *engine) prop47Route(f *finding, cf *countFacts) *Finding {
	cs := cf.cs
	running, how := e.sentenceRunning(cs)
	ok, cite := Eligible, cite1170_18f
	switch running {
	case law.Facts:
		return f.set(Review, "Whether the sentence is still running decides between a petition for resentencing and an application for redesignation; the file does not give "+how+".", cite1170_18a)
	case law.Yes:
		f.trace("sentence running: %s", how)
		ok, cite = Discretionary, cite1170_18b
		f.reason("The sentence is still running, so the remedy is a petition to recall it and resentence the count as a misdemeanor; the court may refuse if resentencing would pose an unreasonable risk of danger to public safety.", cite1170_18b)
	default:
		f.trace("sentence complete: %s", how)
		f.reason("The sentence is complete, so the remedy is an application to designate the felony a misdemeanor; the court must grant it when the conditions are met, without a hearing unless one is asked for.", cite1170_18f)
	}
	if e.asOf.After(prop47Deadline) {
		f.trace("as of %s the filing deadline %s has passed", e.asOf, prop47Deadline)
		ok = Discretionary
		f.reason("Petitions and applications were due by November 4, 2022; one filed now needs a showing of good cause, which the court decides.", cite1170_18j)
	}
	f.reason("A redesignated felony is a misdemeanor for all purposes except firearm possession, so the misdemeanor dismissal statutes then apply.", cite1170_18k)
	res := e.finish(f, date.Max(prop47Effective, cs.JudgmentDate()), ok, false, cite)
	if res.Next == "" {
		what := "an application to redesignate the felony a misdemeanor"
		if running == law.Yes {
			what = "a petition for recall and resentencing"
		}
		late := ""
		if e.asOf.After(prop47Deadline) {
			late = ", with a declaration of good cause for the late filing"
		}
		res.Next = fmt.Sprintf("File %s under § 1170.18 in the Superior Court of %s County (the court that entered judgment)%s; then ask for dismissal.", what, cs.County, late)
	}
	return res
}

// rProp64: resentencing, redesignation or dismissal and sealing of a
// cannabis conviction under Proposition 64 (Health & Saf. Code,
// § 11361.8).
func (e *engine) rProp64(cf *countFacts) *Finding {
	cs := cf.cs
	if !cf.prop64 || cs.DEJ() || dismissed(cs) || (!cf.n.ReducedOn.IsZero() && cf.n.ReducedUnder == "prop64") {
		return nil
	}
	f := newFinding(RProp64, cf)
	// unshown: what the file would need to show before the finding can be
	// better than review (the facts that keep a felony a felony, or the
	// amount and age of a possession count).
	var unshown *Reason
	switch offenseBefore(cs, prop64Effective) {
	case law.No:
		return nil // convicted under the law as Proposition 64 wrote it
	case law.Facts:
		return f.set(Review, "The conviction came after Proposition 64 took effect (2016-11-09); the offense date decides whether § 11361.8 reaches it (case offense_date).", citeHS11361_8a)
	}
	switch {
	case cf.ref.Section == "11357":
		unshown = e.prop64Possession(f, cf)
	case cf.levelNow == casefile.Felony:
		// The felony branches of 11358-11360 turn on the same priors.
		switch bar, why := e.superStrike(cf); bar {
		case law.Yes:
			f.trace("felony branch: %s", why)
			return f.set(Review, fmt.Sprintf("Under Proposition 64 this offense can still be a felony for a person with a super strike or a PC 290 duty (%s); the count may be reducible only in part.", why), citeHS11361_8a)
		case law.Facts:
			return f.set(Review, fmt.Sprintf("Whether the person has a super strike or a PC 290 duty decides what this offense would be today; the file does not show %s.", why), citeHS11361_8a)
		}
		unshown = e.prop64Felony(f, cf)
	}
	f.reason("Many cannabis convictions were already redesignated or dismissed without a petition after DOJ's review (2019–2020); check the court record first.", citeHS11361_9)
	running, how := e.sentenceRunning(cs)
	ok, cite := Eligible, citeHS11361_8e
	switch running {
	case law.Facts:
		return f.set(Review, "Whether the sentence is still running decides between a petition for recall and an application to dismiss and seal or redesignate; the file does not give "+how+".", citeHS11361_8a)
	case law.Yes:
		f.trace("sentence running: %s", how)
		ok, cite = Discretionary, citeHS11361_8a
		f.reason("The sentence is still running: petition to recall or dismiss it; the court presumes eligibility and must grant unless the prosecutor proves otherwise by clear and convincing evidence or relief would pose an unreasonable risk of danger.", citeHS11361_8a)
	default:
		f.trace("sentence complete: %s", how)
		f.reason("The sentence is complete: apply to have the conviction dismissed and sealed as legally invalid, or redesignated a misdemeanor or infraction; the court presumes eligibility unless the prosecutor proves otherwise by clear and convincing evidence.", citeHS11361_8e)
		f.reason("Which relief applies (dismissal, misdemeanor or infraction) turns on the amount, the person's age and the conduct under the sections as Proposition 64 amended them.", citeHS11361_8e)
	}
	res := e.finish(f, date.Max(prop64Effective, cs.JudgmentDate()), ok, false, cite)
	if unshown != nil && res.Outcome != Review {
		res.Outcome = Review
		res.Reasons = append(res.Reasons, *unshown)
		res.Next = "Check the record of conviction (complaint, plea, probation report) for these facts; if none applies, file under § 11361.8, where the court presumes eligibility unless the prosecutor proves otherwise by clear and convincing evidence."
	}
	if res.Next == "" {
		res.Next = fmt.Sprintf("Check the Superior Court of %s County's docket for a § 11361.9 order; if there is none, file under § 11361.8 there.", cs.County)
	}
	return res
}

// prop64Felony is what a felony under Health & Saf. Code § 11358, 11359
// or 11360 needs checked before § 11361.8 relief is asked for: as
// Proposition 64 amended them, each is a misdemeanor (or less) unless facts
// the case file does not record keep it a felony (a 1170(h) wobbler):
// § 11358(d), § 11359(c)-(d), § 11360(a)(3). The court presumes the
// applicant eligible (§ 11361.8, subd. (f)), but the attorney has to know
// these facts to apply in good faith, so the finding goes to review naming
// them. It returns nil for any other section.
func (e *engine) prop64Felony(f *finding, cf *countFacts) *Reason {
	var cite, priorsUnder string
	var conduct []string
	switch cf.ref.Section {
	case "11358":
		cite, priorsUnder = citeHS11358d, "§ 11358(c) (more than six plants)"
		conduct = []string{"whether the cultivation broke the environmental laws § 11358(d)(3) lists (water diversion or discharge, harm to fish and wildlife, hazardous substances)"}
	case "11359":
		cite, priorsUnder = citeHS11359cd, "§ 11359(b)"
		conduct = []string{
			"whether the offense involved knowingly selling, or trying to sell, cannabis to a person under 18 (§ 11359(c)(3))",
			"whether the person, at 21 or older, hired, employed or used a person 20 or younger in it (§ 11359(d))",
		}
	case "11360":
		cite, priorsUnder = citeHS11360a3, "§ 11360(a)(2)"
		conduct = []string{
			"whether the offense involved knowingly selling, furnishing or giving cannabis to a person under 18, or trying to (§ 11360(a)(3)(C))",
			"whether it involved importing into California, or transporting for sale out of it, more than 28.5 grams of cannabis or 4 grams of concentrated cannabis (§ 11360(a)(3)(D))",
		}
	default:
		return nil
	}
	missing := append([]string{"whether the person had two or more earlier convictions under " + priorsUnder + e.samePriors(cf)}, conduct...)
	f.trace("felony under HS %s: what it would be today turns on facts the file does not record", cf.ref.Section)
	return &Reason{Text: fmt.Sprintf("Under Proposition 64 a felony under § %s is now a misdemeanor or less unless the facts keep it a felony (a super strike or PC 290 prior, two or more earlier convictions, or the conduct the statute names); the file does not show %s.", cf.ref.Section, strings.Join(missing, "; ")), Cite: cite}
}

// prop64Possession is what a possession conviction under Health & Saf.
// Code § 11357 before Proposition 64 needs checked: § 11361.8(e) reaches
// only a person who would be guilty of no offense or a lesser one today.
// As Proposition 64 left the section, possession is at most a misdemeanor:
// up to 28.5 grams of cannabis (8 grams concentrated) is lawful at 21 or
// older (§ 11362.1, subd. (a)(1)), an infraction at 18 to 20 and under 18
// (§ 11357, subd. (a)); more is an infraction under 18 but still a
// misdemeanor at 18 or older, punished as before (§ 11357, subd. (b)).
// So a felony conviction is always reachable, a misdemeanor of a person
// under 18 too, and an infraction of a person 21 or older (the amount was
// 28.5 grams or less); in every other case the amount or the age decides,
// and the file records neither reliably (a subdivision written for a
// conviction before 2016 may follow the former numbering, in which (b) was
// 28.5 grams or less and (c) more, or the current one). It returns nil
// when the file shows the conviction is reachable, else the reason the
// finding goes to review.
func (e *engine) prop64Possession(f *finding, cf *countFacts) *Reason {
	dob, offense := e.f.Petitioner.DOB, cf.cs.OffenseDate
	known := !dob.IsZero() && !offense.IsZero()
	under18 := known && offense.Before(dob.AddYears(18))
	over21 := known && !offense.Before(dob.AddYears(21))
	level := cf.n.Level
	switch {
	case level == casefile.Felony:
		f.trace("HS 11357 felony: possession is at most a misdemeanor today")
		return nil
	case level == casefile.Misdemeanor && under18:
		f.trace("HS 11357 misdemeanor at %s, before 18: an infraction today", offense)
		return nil
	case level == casefile.Infraction && over21:
		f.trace("HS 11357 infraction at %s, at 21 or older: 28.5 grams or less is lawful today", offense)
		return nil
	}
	var missing []string
	if !known {
		missing = append(missing, "the person's age at the offense (petitioner.dob and the case's offense_date)")
	}
	if level == casefile.Infraction {
		missing = append(missing, "whether the infraction would be any lesser today: possession of 28.5 grams or less by a person under 21 is still an infraction (§ 11357, subd. (a))")
	} else {
		missing = append(missing, "the amount possessed: 28.5 grams of cannabis or less (8 grams concentrated) is lawful at 21 or older and an infraction at 18 to 20, but more is still a misdemeanor at 18 or older, punished as before (§ 11357, subd. (b)(2)), which § 11361.8(e) does not reach")
	}
	f.trace("HS 11357 %s before Proposition 64: the amount and the age at the offense decide", level)
	return &Reason{Text: fmt.Sprintf("Section 11361.8(e) reaches a possession conviction only if the conduct is no offense, or a lesser one, today; the file does not show %s.", strings.Join(missing, "; ")), Cite: citeHS11357}
}

// samePriors names the other convictions in the file under the count's
// section entered before it, for the prior-conviction test of the
// cannabis felony branches; "" when there are none.
func (e *engine) samePriors(self *countFacts) string {
	n := 0
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !cs.IsCalifornia() || cs.DEJ() || !cs.ConvictionDate.Before(self.cs.ConvictionDate) {
			continue
		}
		for _, cf := range e.counts[i] {
			if cf != self && cf.refErr == nil && cf.ref.Code == "HS" && cf.ref.Section == self.ref.Section {
				n++
			}
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (the file shows %d earlier conviction(s) under § %s; the subdivision and level of each decide)", n, self.ref.Section)
}
