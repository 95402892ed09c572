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

// caConviction reports whether a case is a California conviction. A
// completed deferred entry of judgment (charges dismissed under former
// PC 1000.3) or a diversion is not a conviction: it counts for no
// Certificate, pardon, "two felonies" rule or conviction date.
func caConviction(cs *casefile.Case) bool { return isCalifornia(cs) && !cs.DEJ() }

// felonyCases are the California cases with a count that is a felony today.
func (e *engine) felonyCases() []int {
	var out []int
	for i := range e.f.Cases {
		if cs := &e.f.Cases[i]; caConviction(cs) && hasFelony(cs) {
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
	if r := corStatusBar(f, e.f.Status); r != nil {
		return *r
	}
	c := &corCheck{e: e, f: f, extra: 2, extraWhy: "no life-term or registrable offense"}
	if r := c.excluded(); r != nil {
		return *r
	}
	c.qualify()
	if r := c.noRoute(); r != nil {
		return *r
	}
	return *c.decide(c.earliest())
}

// corStatusBar answers whether the person's status puts them outside the
// Certificate procedure altogether (§ 4852.01(c)), and if so sets f.
func corStatusBar(f *finding, st casefile.Status) *Finding {
	if !st.LifeParole && !st.DeathSentence && !st.MilitaryService {
		return nil
	}
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
	return r
}

// corCheck is a Certificate of Rehabilitation finding being worked out:
// what the questions asked so far have found.
type corCheck struct {
	e *engine
	f *finding
	// review lists the points an attorney must resolve, in the order found.
	review []string
	// quals are the convictions that qualify, with the day each one's
	// period starts.
	quals []corQual
	// closed lists the routes statutes shut, for the reasons.
	closed      []string
	reducedOnly bool // a felony reduced to a misdemeanor was seen
	// extra is the years § 4852.03 adds to five, and extraWhy the offense
	// that sets them.
	extra    int
	extraWhy string
}

// corQual is one qualifying conviction.
type corQual struct {
	cs    *casefile.Case
	start date.Date
	how   string
}

// excluded answers whether a conviction on the § 4852.01(c) list bars the
// Certificate, noting for review the counts that may be on it.
func (c *corCheck) excluded() *Finding {
	e, f := c.e, c.f
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !caConviction(cs) {
			continue
		}
		for _, cf := range e.counts[i] {
			switch cf.excl4852 {
			case law.Yes:
				f.trace("case %s count %d: %s is on the PC 4852.01(c) list", cs.ID, cf.index, cf.name())
				f.reason(fmt.Sprintf("A conviction of %s bars a Certificate of Rehabilitation.", cf.name()), cite4852_01c)
				r := f.set(Ineligible, "The Governor may still pardon in extraordinary circumstances.", cite4852_01d)
				r.Next = "Consider a direct application for a Governor's pardon."
				return r
			case law.Facts:
				c.review = append(c.review, fmt.Sprintf("whether %s (case %s) is on the § 4852.01(c) list depends on the subdivision or on the attempt", cf.name(), cs.ID))
			}
		}
	}
	return nil
}

// qualify answers which convictions qualify (§ 4852.01(a), (b)), from
// when each one's period runs, and how many extra years § 4852.03 adds.
func (c *corCheck) qualify() {
	e, f := c.e, c.f
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !caConviction(cs) {
			if isCalifornia(cs) {
				f.trace("case %s ended in deferred entry of judgment or diversion, which is not a conviction", cs.ID)
			}
			continue
		}
		qualifies := false
		for _, cf := range e.counts[i] {
			if c.count(cs, cf) {
				qualifies = true
			}
		}
		if qualifies {
			start, how := corStart(cs)
			if start.IsZero() {
				c.review = append(c.review, fmt.Sprintf("case %s: the release date that starts the period is missing (sentence.released_on)", cs.ID))
				continue
			}
			c.quals = append(c.quals, corQual{cs, start, how})
		}
	}
}

// count weighs one count of a California conviction: whether it makes the
// case qualify, and the extra years it carries.
func (c *corCheck) count(cs *casefile.Case, cf *countFacts) (qualifies bool) {
	if cf.reduced {
		c.reducedOnly = true
	}
	if cf.requires290 == law.Facts {
		c.review = append(c.review, fmt.Sprintf("whether %s (case %s) requires PC 290 registration decides the period and the route", cf.name(), cs.ID))
	}
	if cf.lifeTerm == law.Facts {
		c.review = append(c.review, fmt.Sprintf("whether %s (case %s) carries a life term decides the period", cf.name(), cs.ID))
	}
	sex := cf.requires290 == law.Yes
	switch {
	case sex && (cf.levelNow != casefile.Felony || cs.Sentence.Kind == casefile.KindProbation):
		qualifies = c.registrable(cs, cf)
	case cf.levelNow == casefile.Felony:
		qualifies = true
	}
	if cf.corPlus4 || cf.lifeTerm == law.Yes {
		c.extra, c.extraWhy = 4, cf.name()+" carries a life term or is on the § 4852.03 +4 list"
	} else if sex && c.extra < 5 {
		c.extra, c.extraWhy = 5, cf.name()+" requires PC 290 registration"
		if olderCarveOut(cf) {
			c.review = append(c.review, fmt.Sprintf("an older version of § 4852.03 gave %s (one of PC 311.2(b)–(d), 311.3, 311.10 and 314) two extra years instead of five; check which version applies", cf.name()))
		}
	}
	return qualifies
}

// registrable answers whether a registrable offense with probation or a
// misdemeanor qualifies: only through a § 1203.4 dismissal (§ 4852.01(b)).
func (c *corCheck) registrable(cs *casefile.Case, cf *countFacts) bool {
	f := c.f
	if cs.Relief.DismissedUnder == R1203_4 && !cs.Relief.DismissedOn.IsZero() {
		f.trace("case %s: registrable offense %s dismissed under § 1203.4 on %s", cs.ID, cf.name(), cs.Relief.DismissedOn)
		for _, later := range c.e.laterConvictions(cs.Relief.DismissedOn, nil) {
			c.review = append(c.review, fmt.Sprintf("conviction in case %s after the dismissal: the person must not have been incarcerated since", later.ID))
		}
		return true
	}
	switch dismissalBarred(cf) {
	case law.Yes:
		// § 4852.01(b) needs a § 1203.4 dismissal, which § 1203.4(b)
		// bars for this offense: the route is closed.
		f.trace("case %s: %s is registrable and § 1203.4(b) bars its dismissal, so the § 4852.01(b) route is closed", cs.ID, cf.name())
		c.closed = append(c.closed, fmt.Sprintf("%s (case %s) is a registrable offense whose dismissal § 1203.4(b) bars, so the § 4852.01(b) route through a dismissal is closed", cf.name(), cs.ID))
	case law.Facts:
		c.review = append(c.review, fmt.Sprintf("%s (case %s) is a registrable offense with probation or a misdemeanor: it qualifies only after a § 1203.4 dismissal (§ 4852.01(b)), and whether § 1203.4(b) bars that dismissal depends on the subdivision", cf.name(), cs.ID))
	default:
		c.review = append(c.review, fmt.Sprintf("%s (case %s) is a registrable offense with probation or a misdemeanor: a § 1203.4 dismissal must come first (§ 4852.01(b))", cf.name(), cs.ID))
	}
	return false
}

// noRoute answers whether the file has no way to a Certificate at all: no
// qualifying conviction and nothing to review, or a petitioner living
// outside California (§ 4852.06).
func (c *corCheck) noRoute() *Finding {
	e, f := c.e, c.f
	if len(c.quals) == 0 && len(c.review) == 0 {
		f.trace("no California felony conviction in the file")
		if c.reducedOnly {
			f.reason("A felony reduced to a misdemeanor no longer counts as a felony conviction for a Certificate.", citeMoreno)
		}
		for _, cl := range c.closed {
			f.reason(cl+".", cite4852_01b)
		}
		r := f.set(Ineligible, "A Certificate of Rehabilitation needs a California felony conviction (or a registrable offense dismissed under § 1203.4).", cite4852_01a)
		r.Next = "A Governor's pardon or dismissal may fit instead."
		return r
	}
	if !e.f.Petitioner.LivesInCalifornia() {
		f.trace("petitioner.state = %s", e.f.Petitioner.State)
		r := f.set(Ineligible, "The petition is filed where the person lives in California, after five years' residence there; a person living elsewhere applies to the Governor directly.", cite4852_06)
		r.Next = "Apply directly to the Governor for a pardon."
		return r
	}
	return nil
}

// earliest answers when the petition may first be filed: after the period
// of rehabilitation (§ 4852.03), the end of supervision and five years'
// residence (§ 4852.06). What it cannot tell goes to review.
func (c *corCheck) earliest() date.Date {
	e, f := c.e, c.f
	var periodEnd date.Date
	for _, q := range c.quals {
		end := q.start.AddYears(5 + c.extra)
		f.trace("case %s: period starts %s; 5 + %d years = %s", q.cs.ID, q.how, c.extra, end)
		periodEnd = date.Max(periodEnd, end)
	}
	f.trace("extra years: %d (%s)", c.extra, c.extraWhy)
	var supEnd date.Date
	for i := range e.f.Cases {
		if caConviction(&e.f.Cases[i]) {
			supEnd = date.Max(supEnd, supervisionEnd(&e.f.Cases[i]))
		}
	}
	if !supEnd.IsZero() {
		f.trace("last probation/parole/supervision ends %s; petition after that: %s", supEnd, supEnd.AddDays(1))
	}
	res, how := e.caResidenceStart()
	if res.IsZero() {
		c.review = append(c.review, "the start of continuous California residence is missing (petitioner.ca_resident_since or [[residences]])")
	} else {
		f.trace("continuous California residence since %s (%s); five years: %s", res, how, res.AddYears(5))
	}
	// No date is computed from an unknown one: date.Max skips zero dates,
	// but a zero date plus five years is the year 6.
	earliest := periodEnd
	if !supEnd.IsZero() {
		earliest = date.Max(earliest, supEnd.AddDays(1))
	}
	if !res.IsZero() {
		earliest = date.Max(earliest, res.AddYears(5))
	}
	if len(c.quals) > 0 {
		latestStart := c.quals[0].start
		for _, q := range c.quals {
			latestStart = date.Max(latestStart, q.start)
		}
		for _, cs := range e.laterConvictions(latestStart, nil) {
			c.review = append(c.review, fmt.Sprintf("a conviction in case %s (%s) came after the period began; custody since then restarts it", cs.ID, cs.ConvictionDate))
		}
	}
	st := e.f.Status
	if st.Custody {
		c.review = append(c.review, "the person is in custody now")
	}
	if st.PendingCharges {
		c.review = append(c.review, "charges are pending; the court weighs conduct during the period")
	}
	if (st.Parole || st.Probation) && st.SupervisionEnds.IsZero() && supEnd.Before(e.asOf) {
		c.review = append(c.review, "the person is on probation or parole with no end date; a petition waits until it ends")
	} else if !st.SupervisionEnds.IsZero() {
		earliest = date.Max(earliest, st.SupervisionEnds.AddDays(1))
	}
	return earliest
}

// decide sets the outcome: review when anything is left for the attorney,
// otherwise discretionary from earliest on (§ 4852.13), with the notes
// that go with it.
func (c *corCheck) decide(earliest date.Date) *Finding {
	e, f := c.e, c.f
	f.reason("The period of rehabilitation is five years' residence in California plus the extra years for the offense, counted from release.", cite4852_03)
	f.reason("The petition may be filed only after the period has run and probation, parole or supervision has ended.", cite4852_06)
	f.reason("The court may grant the certificate if the person shows rehabilitation; the certificate becomes an application for a full pardon.", cite4852_13)
	if len(c.review) > 0 {
		f.EligibleOn = earliest
		f.trace("review: %s", strings.Join(c.review, "; "))
		r := f.set(Review, "Attorney review: "+strings.Join(c.review, "; ")+".", cite4852_01a)
		r.Next = "Resolve the points above, then check again."
		return r
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
	return r
}

// dismissalBarred reports whether § 1203.4(b) bars dismissing the count.
func dismissalBarred(cf *countFacts) law.Tri {
	switch {
	case cf.attempt || cf.conspiracy:
		return law.Facts
	case cf.excl1203_4b == law.ExclAlways, cf.excl1203_4b == law.ExclFelony && cf.n.Level == casefile.Felony && !cf.reduced:
		return law.Yes
	case cf.excl1203_4bMaybe:
		return law.Facts
	}
	return law.No
}

// olderCarveOut reports whether the count is one of the registrable
// offenses an earlier § 4852.03 gave the shorter (two-year) extra period:
// PC 311.2(b), (c) or (d), 311.3, 311.10 and 314.
func olderCarveOut(cf *countFacts) bool {
	if cf.refErr != nil || cf.ref.Code != "PC" {
		return false
	}
	switch cf.ref.Section {
	case "311.3", "311.10", "314":
		return true
	case "311.2":
		subs := cf.ref.Subdivisions
		return len(subs) == 0 || subs[0] == "b" || subs[0] == "c" || subs[0] == "d"
	}
	return false
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
		if isCalifornia(cs) && cs.DEJ() {
			f.trace("case %s ended in deferred entry of judgment or diversion, which is not a conviction", cs.ID)
			continue
		}
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
	// The limits the Certificate finding states hold for the pardon too.
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if !caConviction(cs) {
			continue
		}
		for _, cf := range e.counts[i] {
			if cf.excl4852 == law.Yes {
				f.trace("case %s count %d: %s is on the PC 4852.01(c) list", cs.ID, cf.index, cf.name())
				f.reason(fmt.Sprintf("A conviction of %s bars a Certificate of Rehabilitation, and the Governor may pardon it only in extraordinary circumstances.", cf.name()), cite4852_01d)
			}
		}
	}
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
func (e *engine) personNotes(cor Finding) []Reason {
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
	var sex []string
	var prison, corruption, violation bool
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if cs.Sentence.Kind == casefile.KindPrison {
			prison = true
		}
		if cs.Sentence.Revoked || len(cs.Sentence.Violations) > 0 {
			violation = true
		}
		for _, cf := range e.counts[i] {
			var bars []string
			if dismissalBarred(cf) == law.Yes {
				bars = append(bars, "dismissal (§ 1203.4(b))")
			}
			if cf.excl4852 == law.Yes {
				bars = append(bars, "a Certificate (§ 4852.01(c))")
			}
			if len(bars) > 0 {
				sex = append(sex, fmt.Sprintf("%s (case %s) bars %s", cf.name(), cs.ID, strings.Join(bars, " and ")))
			}
			if cf.refErr == nil && cf.ref.Code == "PC" {
				switch cf.ref.Section {
				case "67", "67.5", "68", "70", "74", "85", "86", "88", "92", "93", "98", "165", "424":
					corruption = true
				}
			}
		}
	}
	if len(sex) > 0 {
		out = append(out, Reason{"Sex offenses: the law bars relief for specific sections and subdivisions, not for every offense involving a minor; in this file: " + strings.Join(sex, "; ") + ". The findings name each bar.", cite1203_4b})
	}
	if prison {
		text := "State prison: a prison sentence is not a bar by itself; since July 1, 2023 it can be dismissed under § 1203.41 (unless it requires registration), and pre-2011 prison terms may fit § 1203.42."
		switch cor.Outcome {
		case Ineligible:
			text += " A Certificate of Rehabilitation is not available here (see that finding)."
		case Review:
			text += " Whether a Certificate of Rehabilitation is open needs attorney review (see that finding)."
		case NotYet:
			text += " A Certificate of Rehabilitation becomes available later (see that finding)."
		default:
			text += " A Certificate of Rehabilitation is also open (see that finding)."
		}
		out = append(out, Reason{text, cite1203_41})
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
	if cs.DEJ() && cs.Sentence.Kind != casefile.KindDiversion {
		out = append(out, Reason{"Deferred entry of judgment: once the charges are dismissed under former § 1000.3 there is no conviction, so this case counts for no Certificate, pardon or conviction date; the guilty plea can still matter for immigration, which § 1203.43 addresses.", cite1203_43})
	}
	if dismissed(cs) && cs.Relief.DismissedUnder != "1000.3" {
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
