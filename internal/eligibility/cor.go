package eligibility

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

func isCalifornia(cs *casefile.Case) bool {
	return cs.Jurisdiction == "" || cs.Jurisdiction == casefile.California
}

// felonyCases are the California cases with a count that is a felony today.
func (e *engine) felonyCases() []int {
	var out []int
	for i := range e.f.Cases {
		if cs := &e.f.Cases[i]; isCalifornia(cs) && hasFelony(cs) {
			out = append(out, i)
		}
	}
	return out
}

// corStart is the day the rehabilitation period began for a case: release
// from custody or release on probation, parole, PRCS or supervision,
// whichever came first (PC 4852.03).
func corStart(cs *casefile.Case) (date.Date, string) {
	s := cs.Sentence
	switch s.Kind {
	case casefile.KindProbation:
		if !s.ReleasedOn.IsZero() {
			return s.ReleasedOn, "released to probation " + s.ReleasedOn.String()
		}
		return cs.JudgmentDate(), "placed on probation " + cs.JudgmentDate().String()
	case casefile.KindFine:
		return cs.JudgmentDate(), "judgment " + cs.JudgmentDate().String()
	default:
		if !s.ReleasedOn.IsZero() {
			return s.ReleasedOn, "released from custody " + s.ReleasedOn.String()
		}
	}
	return date.Date{}, ""
}

// supervisionEnd is the last day of probation, parole, PRCS or supervision
// in a case, if the file gives one.
func supervisionEnd(cs *casefile.Case) date.Date {
	return date.Max(probationEnd(cs.Sentence), cs.Sentence.SupervisionEndedOn)
}

// caResidenceStart is the start of the current continuous California
// residence, from the petitioner block or the residence history.
func (e *engine) caResidenceStart() (date.Date, string) {
	p := e.f.Petitioner
	if !p.CAResidentSince.IsZero() {
		return p.CAResidentSince, "petitioner.ca_resident_since"
	}
	var rs []casefile.Residence
	for _, r := range e.f.Residences {
		if r.State == "" || strings.EqualFold(r.State, "CA") || strings.EqualFold(r.State, "California") {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].From.Before(rs[j].From) })
	start := -1
	for i := len(rs) - 1; i >= 0; i-- {
		if i == len(rs)-1 {
			if !rs[i].To.IsZero() {
				return date.Date{}, ""
			}
			start = i
			continue
		}
		if rs[i].To.IsZero() || !rs[i].To.AddDays(1).Before(rs[start].From) {
			start = i
		} else {
			break
		}
	}
	if start < 0 {
		return date.Date{}, ""
	}
	return rs[start].From, "[[residences]] from " + rs[start].From.String()
}

// cor: Certificate of Rehabilitation (R10).
func (e *engine) cor() Finding {
	f := newFinding(RCOR, nil)
	st := e.f.Status
	switch {
	case st.LifeParole, st.DeathSentence, st.MilitaryService:
		var why []string
		if st.LifeParole {
			why = append(why, "serving mandatory life parole")
		}
		if st.DeathSentence {
			why = append(why, "under a death sentence")
		}
		if st.MilitaryService {
			why = append(why, "in military service")
		}
		r := f.set(Ineligible, "The Certificate of Rehabilitation procedure does not apply to a person "+strings.Join(why, " or ")+".", cite4852_01c)
		r.Next = "Consider a direct application for a Governor's pardon."
		return *r
	}
	var review []string
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !isCalifornia(cs) {
			continue
		}
		for _, cf := range e.counts[i] {
			switch cf.excl4852 {
			case law.Yes:
				f.trace("case %s count %d: %s is on the PC 4852.01(c) list", cs.ID, cf.index, cf.name())
				f.reason(fmt.Sprintf("A conviction of %s bars a Certificate of Rehabilitation.", cf.name()), cite4852_01c)
				r := f.set(Ineligible, "The Governor may still pardon in extraordinary circumstances.", cite4852_01d)
				r.Next = "Consider a direct application for a Governor's pardon."
				return *r
			case law.Facts:
				review = append(review, fmt.Sprintf("whether %s (case %s) is on the § 4852.01(c) list depends on the subdivision or on the attempt", cf.name(), cs.ID))
			}
		}
	}

	// Which convictions qualify.
	type qual struct {
		cs    *casefile.Case
		start date.Date
		how   string
	}
	var quals []qual
	reducedOnly := false
	extra, extraWhy := 2, "no life-term or registrable offense"
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !isCalifornia(cs) {
			continue
		}
		qualifies := false
		for _, cf := range e.counts[i] {
			if cf.reduced {
				reducedOnly = true
			}
			if cf.requires290 == law.Facts {
				review = append(review, fmt.Sprintf("whether %s (case %s) requires PC 290 registration decides the period and the route", cf.name(), cs.ID))
			}
			if cf.lifeTerm == law.Facts {
				review = append(review, fmt.Sprintf("whether %s (case %s) carries a life term decides the period", cf.name(), cs.ID))
			}
			sex := cf.requires290 == law.Yes
			switch {
			case sex && (cf.levelNow != casefile.Felony || cs.Sentence.Kind == casefile.KindProbation):
				// PC 4852.01(b): needs a 1203.4 dismissal first.
				if cs.Relief.DismissedUnder == R1203_4 && !cs.Relief.DismissedOn.IsZero() {
					f.trace("case %s: registrable offense %s dismissed under § 1203.4 on %s", cs.ID, cf.name(), cs.Relief.DismissedOn)
					qualifies = true
					for _, later := range e.laterConvictions(cs.Relief.DismissedOn, nil) {
						review = append(review, fmt.Sprintf("conviction in case %s after the dismissal: the person must not have been incarcerated since", later.ID))
					}
				} else {
					review = append(review, fmt.Sprintf("%s (case %s) is a registrable offense with probation or a misdemeanor: a § 1203.4 dismissal must come first (§ 4852.01(b))", cf.name(), cs.ID))
				}
			case cf.levelNow == casefile.Felony:
				qualifies = true
			}
			if cf.corPlus4 || cf.lifeTerm == law.Yes {
				extra, extraWhy = 4, cf.name()+" carries a life term or is on the § 4852.03 +4 list"
			} else if sex && extra < 5 {
				extra, extraWhy = 5, cf.name()+" requires PC 290 registration"
				if cf.refErr == nil && cf.ref.Code == "PC" && (strings.HasPrefix(cf.ref.Section, "311.") || cf.ref.Section == "314") {
					review = append(review, fmt.Sprintf("%s had a shorter period under older law; check which version applies", cf.name()))
				}
			}
		}
		if qualifies {
			start, how := corStart(cs)
			if start.IsZero() {
				review = append(review, fmt.Sprintf("case %s: the release date that starts the period is missing (sentence.released_on)", cs.ID))
				continue
			}
			quals = append(quals, qual{cs, start, how})
		}
	}
	if len(quals) == 0 && len(review) == 0 {
		f.trace("no California felony conviction in the file")
		if reducedOnly {
			f.reason("A felony reduced to a misdemeanor no longer counts as a felony conviction for a Certificate.", citeMoreno)
		}
		r := f.set(Ineligible, "A Certificate of Rehabilitation needs a California felony conviction (or a registrable offense dismissed under § 1203.4).", cite4852_01a)
		r.Next = "A Governor's pardon or dismissal may fit instead."
		return *r
	}
	if !e.f.Petitioner.LivesInCalifornia() {
		f.trace("petitioner.state = %s", e.f.Petitioner.State)
		r := f.set(Ineligible, "The petition is filed where the person lives in California, after five years' residence there; a person living elsewhere applies to the Governor directly.", cite4852_06)
		r.Next = "Apply directly to the Governor for a pardon."
		return *r
	}

	// Dates.
	var periodEnd date.Date
	for _, q := range quals {
		end := q.start.AddYears(5 + extra)
		f.trace("case %s: period starts %s; 5 + %d years = %s", q.cs.ID, q.how, extra, end)
		periodEnd = date.Max(periodEnd, end)
	}
	f.trace("extra years: %d (%s)", extra, extraWhy)
	var supEnd date.Date
	for i := range e.f.Cases {
		if isCalifornia(&e.f.Cases[i]) {
			supEnd = date.Max(supEnd, supervisionEnd(&e.f.Cases[i]))
		}
	}
	if !supEnd.IsZero() {
		f.trace("last probation/parole/supervision ends %s; petition after that: %s", supEnd, supEnd.AddDays(1))
	}
	res, how := e.caResidenceStart()
	if res.IsZero() {
		review = append(review, "the start of continuous California residence is missing (petitioner.ca_resident_since or [[residences]])")
	} else {
		f.trace("continuous California residence since %s (%s); five years: %s", res, how, res.AddYears(5))
	}
	earliest := date.Max(periodEnd, supEnd.AddDays(1), res.AddYears(5))
	if supEnd.IsZero() {
		earliest = date.Max(periodEnd, res.AddYears(5))
	}
	if len(quals) > 0 {
		latestStart := quals[0].start
		for _, q := range quals {
			latestStart = date.Max(latestStart, q.start)
		}
		for _, c := range e.laterConvictions(latestStart, nil) {
			review = append(review, fmt.Sprintf("a conviction in case %s (%s) came after the period began; custody since then restarts it", c.ID, c.ConvictionDate))
		}
	}
	if st.Custody {
		review = append(review, "the person is in custody now")
	}
	if st.PendingCharges {
		review = append(review, "charges are pending; the court weighs conduct during the period")
	}
	if (st.Parole || st.Probation) && st.SupervisionEnds.IsZero() && supEnd.Before(e.asOf) {
		review = append(review, "the person is on probation or parole with no end date; a petition waits until it ends")
	} else if !st.SupervisionEnds.IsZero() {
		earliest = date.Max(earliest, st.SupervisionEnds.AddDays(1))
	}
	f.reason("The period of rehabilitation is five years' residence in California plus the extra years for the offense, counted from release.", cite4852_03)
	f.reason("The petition may be filed only after the period has run and probation, parole or supervision has ended.", cite4852_06)
	f.reason("The court may grant the certificate if the person shows rehabilitation; the certificate becomes an application for a full pardon.", cite4852_13)
	if len(review) > 0 {
		f.EligibleOn = earliest
		f.trace("review: %s", strings.Join(review, "; "))
		r := f.set(Review, "Attorney review: "+strings.Join(review, "; ")+".", cite4852_01a)
		r.Next = "Resolve the points above, then check again."
		return *r
	}
	r := e.finish(f, earliest, Discretionary, false, cite4852_13)
	if r.Outcome == NotYet {
		r.Reasons = append(r.Reasons, Reason{Text: "The court may grant a certificate before the period ends in the interests of justice.", Cite: cite4852_22})
		r.Next = fmt.Sprintf("Certificate of Rehabilitation available from %s.", r.EligibleOn)
	} else if r.Outcome == Discretionary {
		r.Next = fmt.Sprintf("Petition the Superior Court of %s County; give notice to the district attorney there, of each county of conviction and to the Governor's Office.", orUnknown(e.f.Petitioner.County))
	}
	if len(e.felonyCases()) >= 2 {
		r.Reasons = append(r.Reasons, Reason{Text: "With two or more felony convictions in separate cases, a pardon also needs the California Supreme Court's recommendation.", Cite: citeConstArtV8})
	}
	return *r
}

// pardon: Governor's pardon (R11). cor is the person's Certificate of
// Rehabilitation finding, which decides the route.
func (e *engine) pardon(cor Finding) Finding {
	f := newFinding(RPardon, nil)
	var counties []string
	seen := map[string]bool{}
	ca := 0
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !isCalifornia(cs) {
			f.trace("case %s is a %s conviction", cs.ID, cs.Jurisdiction)
			f.reason(fmt.Sprintf("The Governor cannot pardon the %s conviction in case %s.", strings.ReplaceAll(cs.Jurisdiction, "_", " "), cs.ID), citeConstArtV8)
			continue
		}
		ca++
		if !seen[cs.County] {
			seen[cs.County] = true
			counties = append(counties, cs.County)
		}
	}
	if ca == 0 {
		r := f.set(Ineligible, "A Governor's pardon covers California convictions only, and the file has none.", citeConstArtV8)
		return *r
	}
	sort.Strings(counties)
	f.trace("California convictions in %d case(s); counties: %s", ca, strings.Join(counties, ", "))
	switch cor.Outcome {
	case Ineligible:
		f.reason("A Certificate of Rehabilitation is not open, so the application goes directly to the Governor.", cite4802)
	default:
		f.reason("The usual route is a Certificate of Rehabilitation, which the court forwards as a pardon application; a direct application is also possible.", cite4852_16)
	}
	if n := len(e.felonyCases()); n >= 2 {
		f.trace("felony convictions in %d separate cases", n)
		f.reason("With two or more felony convictions in separate cases, the Governor needs the written recommendation of the California Supreme Court (four justices).", citeConstArtV8)
	}
	f.reason(fmt.Sprintf("Serve a notice of intent to apply on the district attorney of each county of conviction (%s) at least 10 days before the Governor acts.", strings.Join(counties, ", ")), cite4804)
	if e.f.Goals.Firearms {
		f.reason("A pardon restores firearm rights only if it says so and no conviction involved a dangerous weapon.", cite4854)
	}
	f.reason("There is no statutory waiting period; the Governor's decision is discretionary.", cite4800)
	f.Outcome = Discretionary
	f.Next = "Prepare the application with a notice of intent for each county of conviction."
	return f.Finding
}

// personNotes are review points about the whole file and the seed's four
// "bars" (law reference §12), explained when they come up.
func (e *engine) personNotes() []Reason {
	var out []Reason
	g := e.f.Goals
	if g.Immigration {
		out = append(out, Reason{"Immigration: a dismissal does not remove a conviction for immigration purposes; § 1203.43 (DEJ) and § 1473.7 are the tools. Attorney review.", "Pen. Code, § 1473.7"})
	}
	if g.Firearms {
		out = append(out, Reason{"Firearms: dismissal and sealing do not restore firearm rights; a reduction or a pardon may, with limits. Attorney review.", "Pen. Code, § 29800"})
	}
	if g.PublicOffice {
		out = append(out, Reason{"Public office: a dismissed conviction must still be disclosed on an application for public office, and a bar to office survives. Attorney review.", cite1203_4a1})
	}
	if g.Licensing {
		out = append(out, Reason{"Licensing: a dismissed conviction must still be disclosed to a state or local licensing agency when asked directly. Attorney review.", cite1203_4a1})
	}
	if g.PeaceOfficer {
		out = append(out, Reason{"Peace officer jobs: dismissed and automatically cleared convictions must still be disclosed. Attorney review.", cite1203_425})
	}
	var sex, prison, corruption, violation bool
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if cs.Sentence.Kind == casefile.KindPrison {
			prison = true
		}
		if cs.Sentence.Revoked || len(cs.Sentence.Violations) > 0 {
			violation = true
		}
		for _, cf := range e.counts[i] {
			if cf.excl1203_4b == law.ExclAlways || cf.excl1203_4b == law.ExclFelony || cf.excl4852 == law.Yes {
				sex = true
			}
			if cf.refErr == nil && cf.ref.Code == "PC" {
				switch cf.ref.Section {
				case "67", "67.5", "68", "70", "74", "85", "86", "88", "92", "93", "98", "165", "424":
					corruption = true
				}
			}
		}
	}
	if sex {
		out = append(out, Reason{"Sex offenses involving minors: the law bars relief only for specific sections (for example PC 288, 288.5, 289(j), 286(c), 287(c) and the 311 child-pornography sections), not for every offense involving a minor; the findings name the exact bar.", cite1203_4b})
	}
	if prison {
		out = append(out, Reason{"State prison: a prison sentence is not a bar by itself; since July 1, 2023 it can be dismissed under § 1203.41 (unless it requires registration), pre-2011 prison terms may fit § 1203.42, and the Certificate of Rehabilitation finding says whether that route is open.", cite1203_41})
	}
	if corruption {
		out = append(out, Reason{"Public-office crimes: no dismissal statute bars them, but a dismissal does not lift a disqualification from public office and the conviction must be disclosed on applications for office.", cite1203_4a1})
	}
	if violation {
		out = append(out, Reason{"Probation violations: a violation is not a bar; it makes a § 1203.4 dismissal discretionary. Being on probation, parole or supervision now, or having a pending case, only delays relief.", citeChandler})
	}
	return out
}

// caseNotes explain a case's state where no per-count finding does.
func (e *engine) caseNotes(cs *casefile.Case) []Reason {
	var out []Reason
	if dismissed(cs) {
		under := cs.Relief.DismissedUnder
		if under == "" {
			under = "a dismissal statute"
		} else {
			under = "§ " + under
		}
		out = append(out, Reason{fmt.Sprintf("Already dismissed under %s on %s; no further dismissal petition is needed for this case.", under, cs.Relief.DismissedOn), ""})
	}
	if cs.Sentence.Kind == casefile.KindPrison && cs.Sentence.Revoked {
		out = append(out, Reason{"Probation was revoked and a prison term served, so § 1203.4 is not available; §§ 1203.41 and 1203.42 are the dismissal routes.", citeBorja})
	}
	if cs.Sentence.Kind == casefile.KindDiversion {
		out = append(out, Reason{"Diversion completed: the charges should already be dismissed; an arrest-sealing petition (§ 851.87 or § 851.90) may fit. Add the arrest under [[arrests]] to check it.", cite851_90})
	}
	return out
}
