package eligibility

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// arrestOffense is one offense of an arrest, parsed and classified.
type arrestOffense struct {
	raw string
	ref law.Ref
	err error
	off *law.Offense
}

func (e *engine) arrestOffenses(a *casefile.Arrest) []arrestOffense {
	var out []arrestOffense
	seen := map[string]bool{}
	for _, s := range append(append([]string{}, a.Offenses...), a.ChargedOffenses...) {
		if seen[s] {
			continue
		}
		seen[s] = true
		o := arrestOffense{raw: s}
		o.ref, o.err = law.ParseRef(s)
		if o.err == nil {
			o.off = e.tab.Lookup(o.ref).Offense
		}
		out = append(out, o)
	}
	return out
}

func (e *engine) checkArrest(a *casefile.Arrest, offs []arrestOffense) Arrest {
	out := Arrest{ID: a.ID, Date: a.Date, County: a.County, Remedies: []Finding{}}
	if a.Disposition == casefile.DiversionCompleted {
		out.Remedies = append(out.Remedies, *e.rDiversion(a))
	}
	// Every arrest that did not end in a conviction is an § 851.91 arrest,
	// a diverted one too once the charges cannot be brought again.
	out.Remedies = append(out.Remedies, *e.r851_91(a, offs))
	out.Remedies = append(out.Remedies, *e.r851_93(a, offs))
	if a.FactualInnocence {
		out.Remedies = append(out.Remedies, *e.r851_8(a))
	}
	if a.TraffickingVictim {
		out.Remedies = append(out.Remedies, *e.r236_14Arrest(a, offs))
	}
	if a.Unconfirmed {
		for i := range out.Remedies {
			unconfirmed(&out.Remedies[i])
		}
	}
	return out
}

// unconfirmed holds back a finding for an arrest whose facts are not yet
// confirmed (unconfirmed = true): what the facts would open becomes review,
// with the date it would open kept in the reasons. A bar (ineligible) and
// DOJ's own automatic relief, which works from the same records, stand.
func unconfirmed(f *Finding) {
	switch f.Outcome {
	case Eligible, Discretionary, NotYet:
		was := string(f.Outcome)
		if !f.EligibleOn.IsZero() {
			was += " from " + f.EligibleOn.String()
		}
		f.Outcome = Review
		// First, so that the reasons below read as what the facts would give.
		held := Reason{Text: fmt.Sprintf("The arrest's facts were imported and are not confirmed against the court record (unconfirmed = true); on those facts the finding would be %s, for the reasons below. Confirm how the arrest ended and whether charges were filed, then remove the key.", was)}
		f.Reasons = append([]Reason{held}, f.Reasons...)
		f.Next = "Check the court's and the prosecutor's records for this arrest, correct the case file, then remove unconfirmed = true and check again."
	}
}

// r236_14Arrest: vacatur of an arrest of a victim of human trafficking
// (Pen. Code, § 236.14, subd. (a), which reaches arrests as well as
// convictions): any nonviolent offense, on clear and convincing evidence
// that the arrest was the direct result of being trafficked. The offenses
// arrested for decide whether it is nonviolent; the court judges the
// evidence, so the best answer is discretionary.
func (e *engine) r236_14Arrest(a *casefile.Arrest, offs []arrestOffense) *Finding {
	f := newFinding(R236_14, nil)
	f.trace("the file records evidence that the arrest resulted from human trafficking (trafficking_victim = true)")
	if len(offs) == 0 {
		return f.set(Review, "Vacatur reaches only arrests for nonviolent offenses, and the file does not list the offenses arrested for (offenses).", cite236_14a)
	}
	var unsure []string
	for _, o := range offs {
		switch {
		case o.err != nil || o.off == nil:
			unsure = append(unsure, o.raw+" (not in the offense table)")
		case o.off.Violent == law.Yes:
			f.trace("%s: violent felony (%s)", o.raw, o.off.Label)
			return f.set(Ineligible, fmt.Sprintf("Vacatur reaches only nonviolent offenses, and the arrest was for %s, a violent felony.", o.raw), cite667_5c)
		case o.off.Violent == law.Facts:
			unsure = append(unsure, o.raw+" (violent for some conduct)")
		}
	}
	if len(unsure) > 0 {
		return f.set(Review, "Vacatur reaches only arrests for nonviolent offenses; the file does not show that "+strings.Join(unsure, ", ")+" was nonviolent.", cite667_5c)
	}
	f.trace("every offense arrested for is nonviolent in the offense table")
	f.reason("The court vacates the arrest when the person shows by clear and convincing evidence that it was the direct result of being a victim of trafficking; the petition is made under penalty of perjury with the evidence.", cite236_14a)
	f.reason("Sealing under § 851.91 may be the simpler route for an arrest that did not end in a conviction; vacatur rests on the trafficking showing instead.", cite851_91a1A)
	f.reason("The petition may be filed once the person is no longer a victim or has sought services; the timing rule of the current text is unconfirmed.", cite236_14)
	res := e.finish(f, a.Date, Discretionary, false, cite236_14a)
	if res.Next == "" {
		res.Next = fmt.Sprintf("File a petition under § 236.14 in the Superior Court of %s County with the evidence of trafficking, and serve the prosecutor.", a.County)
	}
	return res
}

func (e *engine) sealNext(a *casefile.Arrest) string {
	agency := a.Agency
	if agency == "" {
		agency = "the arresting agency"
	}
	return fmt.Sprintf("File a CR-409 petition in the Superior Court of %s County; serve the prosecutor and %s at least 15 days before the hearing.", a.County, agency)
}

// r851_91: sealing an arrest that did not end in conviction (R9).
func (e *engine) r851_91(a *casefile.Arrest, offs []arrestOffense) *Finding {
	f := newFinding(R851_91, nil)
	f.trace("arrest %s on %s in %s County; disposition %s", a.ID, a.Date, a.County, a.Disposition)
	if a.EvadedProsecution {
		f.trace("evaded_prosecution = true")
		return f.set(Ineligible, "A person who intentionally evaded prosecution of the arrest and was charged for it cannot seal it.", cite851_91a2)
	}
	acquitted := a.Disposition == casefile.Acquitted
	for _, o := range offs {
		if o.err != nil {
			return f.set(Review, fmt.Sprintf("The offense %q could not be read.", o.raw), cite851_91a2B)
		}
		if o.off == nil {
			f.trace("%s is not in relief's offense table", o.ref.String())
			continue
		}
		switch o.off.NoSOL {
		case law.Yes:
			if !acquitted {
				f.trace("%s has no statute of limitations", o.ref.String())
				return f.set(Ineligible, fmt.Sprintf("%s can be charged at any time (no statute of limitations), so the arrest can be sealed only after an acquittal or a finding of factual innocence.", o.ref.String()), cite851_91a2B)
			}
		case law.Facts:
			if !acquitted {
				return f.set(Review, fmt.Sprintf("Whether %s has a statute of limitations depends on the facts; an arrest for an offense without one cannot be sealed unless acquitted.", o.ref.String()), cite851_91a2B)
			}
		}
	}

	var earliest date.Date
	ground := cite851_91a1B
	disp := a.Disposition
	if disp == casefile.DiversionCompleted {
		// After diversion the charges are dismissed (court diversion) or
		// never filed (prefiling); either way the arrest can be sealed
		// under § 851.91 once they cannot be brought again: for filed
		// charges that is the dismissal rule (refiling barred), not the
		// limitation period for charges never filed.
		f.trace("diversion completed; the arrest is also an § 851.91 arrest once charges cannot be brought")
		disp = casefile.NoCharges
		if a.Charged {
			disp = casefile.Dismissed
		}
	}
	switch disp {
	case casefile.NoCharges:
		ground = cite851_91a1A
		if a.Charged && a.Disposition != casefile.DiversionCompleted {
			return f.set(Review, "The arrest is marked as charged but with no charges filed; correct the file.", cite851_91a1A)
		}
		exp, why := e.limitation(a, offs, f)
		if exp.IsZero() {
			return f.set(Review, "The limitation period to file charges is not known for every offense: "+why+" (set sol_expires_on).", cite851_91a1A)
		}
		earliest = exp.AddDays(1)
		f.trace("no charges filed; the last limitation period runs out %s, so sealing is possible from %s", exp, earliest)
		f.reason("No charges were filed and the time to file them has run out.", cite851_91a1A)
		f.reason("Time spent out of state (up to 3 years) extends the period; the date assumes none.", "Pen. Code, § 803, subd. (d)")
	case casefile.Dismissed:
		switch {
		case a.RefilingBarred == nil:
			return f.set(Review, "The charges were dismissed, but the file does not say whether they can be refiled (refiling_barred).", cite1387)
		case !*a.RefilingBarred:
			return f.set(Review, "The dismissed charges can still be refiled; sealing waits until they cannot be (for example when the limitation period, extended while the case was pending, has run).", cite1387)
		}
		earliest = date.Max(a.DispositionDate, a.Date)
		f.trace("charges dismissed %s and cannot be refiled", a.DispositionDate)
		f.reason("Every charge was dismissed and cannot be refiled.", cite851_91a1B)
	case casefile.Acquitted:
		earliest = date.Max(a.DispositionDate, a.Date)
		f.trace("acquitted %s", a.DispositionDate)
		f.reason("The person was acquitted of every charge.", cite851_91a1B)
	case casefile.Vacated:
		if a.RefilingBarred == nil || !*a.RefilingBarred {
			return f.set(Review, "A vacated or reversed conviction qualifies only when appeals are exhausted and the case cannot be retried (refiling_barred).", cite851_91a1B)
		}
		earliest = date.Max(a.DispositionDate, a.Date)
		f.trace("conviction vacated %s; no retrial possible", a.DispositionDate)
		f.reason("The conviction was vacated or reversed and cannot be retried.", cite851_91a1B)
	default:
		return f.set(Review, fmt.Sprintf("Disposition %q is not one sealing under § 851.91 covers.", a.Disposition), ground)
	}

	ok := Eligible
	cats := e.abuseCategories(a, offs)
	for _, cat := range cats {
		switch pat, why := e.pattern(cat, a); pat {
		case law.Yes:
			ok = Discretionary
			f.trace("%s pattern: %s", cat, why)
			f.reason(fmt.Sprintf("The arrest involves %s and the record shows a pattern of such offenses, so sealing is only in the interests of justice.", abuseName(cat)), cite851_91b)
		case law.Facts:
			f.trace("%s pattern unsure: %s", cat, why)
			return f.set(Review, fmt.Sprintf("The arrest involves %s; whether the record shows a pattern (two convictions, or five arrests, for separate offenses on separate occasions, each within three years of another) cannot be told from the file: %s. A pattern makes sealing discretionary.", abuseName(cat), why), cite851_91b)
		default:
			f.trace("%s offense, but no pattern in the file (%s)", cat, why)
		}
	}
	if ok == Eligible {
		f.reason("Sealing is a matter of right.", cite851_91b)
	}
	f.reason("Once sealed, the arrest is deemed not to have occurred, with the exceptions in § 851.92 (it can be pleaded and proved, firearms and public office are unaffected).", cite851_92)
	f.reason("DOJ may already have sealed the arrest automatically; a court order still helps.", cite851_93)
	res := e.finish(f, earliest, ok, false, cite851_91b)
	if res.Outcome == NotYet {
		res.Next = fmt.Sprintf("File on or after %s.", res.EligibleOn)
	} else if res.Outcome != Review {
		res.Next = e.sealNext(a)
	}
	return res
}

// limitation returns the last day any offense of the arrest could be
// charged, or zero with the reason when it cannot be computed.
func (e *engine) limitation(a *casefile.Arrest, offs []arrestOffense, f *finding) (date.Date, string) {
	if !a.SOLExpiresOn.IsZero() {
		f.trace("limitation period from the file: sol_expires_on %s", a.SOLExpiresOn)
		return a.SOLExpiresOn, ""
	}
	if len(offs) == 0 {
		return date.Date{}, "the arrest lists no offenses"
	}
	var last date.Date
	for _, o := range offs {
		switch {
		case o.off == nil:
			return date.Date{}, o.ref.String() + " is not in the offense table"
		case o.off.NoSOL != law.No:
			return date.Date{}, o.ref.String() + " may have no limitation period"
		case o.off.SOLYears <= 0:
			return date.Date{}, o.ref.String() + " has no limitation period in the table"
		}
		exp := a.Date.AddYears(o.off.SOLYears)
		cite := o.off.SOLCite
		if cite == "" {
			cite = "PC 801/802"
		}
		f.trace("%s: %d-year limitation (%s), counted from the arrest date %s: ends %s", o.ref.String(), o.off.SOLYears, cite, a.Date, exp)
		last = date.Max(last, exp)
	}
	return last, ""
}

func abuseName(cat string) string {
	switch cat {
	case "dv":
		return "domestic violence"
	case "child":
		return "child abuse"
	case "elder":
		return "elder abuse"
	}
	return cat
}

func (e *engine) abuseCategories(a *casefile.Arrest, offs []arrestOffense) []string {
	set := map[string]bool{}
	if a.AbuseCategory != "" {
		set[a.AbuseCategory] = true
	}
	for _, o := range offs {
		if o.off != nil && o.off.AbuseCategory != "" {
			set[o.off.AbuseCategory] = true
		}
	}
	var out []string
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// pattern applies PC 851.91's definition: two or more convictions, or five
// or more arrests, for separate offenses on separate occasions, each within
// three years of at least one of the others. It counts what the file shows,
// one occasion per date (an arrest that led to a case is that case's
// arrest), and answers Facts with the reason when an arrest date the count
// depends on is only approximated by a conviction date.
func (e *engine) pattern(cat string, self *casefile.Arrest) (law.Tri, string) {
	var convictions, arrests []date.Date
	approx := 0
	for i, cs := range e.f.Cases {
		hit := false
		for _, cf := range e.counts[i] {
			if cf.abuse == cat {
				hit = true
			}
		}
		if !hit {
			continue
		}
		if !cs.DEJ() {
			convictions = addOccasion(convictions, cs.ConvictionDate)
		}
		if cs.OffenseDate.IsZero() {
			approx++
		}
		arrests = addOccasion(arrests, date.Min(cs.OffenseDate, cs.ConvictionDate))
	}
	for i := range e.f.Arrests {
		a := &e.f.Arrests[i]
		if a.AbuseCategory == cat || containsCat(e.arrests[i], cat) {
			arrests = addOccasion(arrests, a.Date)
		}
	}
	nc, na := clustered(convictions), clustered(arrests)
	why := fmt.Sprintf("%d related conviction(s) and %d related arrest(s) within three years of another", nc, na)
	switch {
	case nc >= 2 || na >= 5:
		return law.Yes, why
	case approx > 0 && len(arrests) >= 5:
		return law.Facts, fmt.Sprintf("%s; %d case(s) give no offense_date, so their arrest dates are unknown", why, approx)
	}
	return law.No, why
}

// addOccasion adds d to ds unless an event on that day is already there:
// the statute counts separate occasions.
func addOccasion(ds []date.Date, d date.Date) []date.Date {
	for _, o := range ds {
		if o == d {
			return ds
		}
	}
	return append(ds, d)
}

func containsCat(offs []arrestOffense, cat string) bool {
	for _, o := range offs {
		if o.off != nil && o.off.AbuseCategory == cat {
			return true
		}
	}
	return false
}

// clustered counts the dates that fall within three years of another.
func clustered(ds []date.Date) int {
	n := 0
	for i, d := range ds {
		for j, o := range ds {
			if i != j && !o.After(d.AddYears(3)) && !d.After(o.AddYears(3)) {
				n++
				break
			}
		}
	}
	return n
}

// rDiversion: sealing after diversion (851.87 prefiling, 851.90 court).
func (e *engine) rDiversion(a *casefile.Arrest) *Finding {
	remedy, cite := R851_90, cite851_90
	if a.Diversion == "prefiling" {
		remedy, cite = R851_87, cite851_87
	}
	f := newFinding(remedy, nil)
	f.trace("arrest %s on %s; diversion (%s) completed %s", a.ID, a.Date, orUnknown(a.Diversion), a.DispositionDate)
	if a.Diversion == "" {
		return f.set(Review, "The file does not say whether the diversion was a prosecutor's prefiling program (§ 851.87) or a court program (§ 851.90) (diversion).", cite)
	}
	if a.DispositionDate.IsZero() {
		return f.set(Review, "The file does not give the date diversion was completed (disposition_date).", cite)
	}
	if remedy == R851_87 {
		f.reason("After a prefiling diversion program the court may seal the arrest; the arresting agency and prosecutor have 60 days to ask for a hearing.", cite)
		f.reason("Older versions of the statute had a two-year wait; the current text shows none, which is unconfirmed.", cite)
	} else {
		f.reason("After completing court drug diversion or deferred entry of judgment, the court may seal the arrest and court records in the interests of justice.", cite)
	}
	res := e.finish(f, a.DispositionDate, Discretionary, false, cite)
	if res.Outcome != Review {
		// CR-409 is the form for § 851.91; these sections take a petition
		// or motion of their own.
		if remedy == R851_87 {
			res.Next = fmt.Sprintf("Petition the Superior Court of %s County under § 851.87; serve the district attorney and the arresting agency, who have 60 days to ask for a hearing.", a.County)
		} else {
			res.Next = fmt.Sprintf("Ask the Superior Court of %s County, which handled the diversion, to seal the records under § 851.90.", a.County)
		}
	}
	return res
}

// r851_8: factual innocence; always for attorney review (merits test).
func (e *engine) r851_8(a *casefile.Arrest) *Finding {
	f := newFinding(R851_8, nil)
	from := date.Max(a.Date, a.ChargesFiledOn)
	deadline := from.AddYears(2)
	f.trace("two years from the later of arrest (%s) and filing (%s): %s", a.Date, orUnknown(a.ChargesFiledOn.String()), deadline)
	f.reason("Sealing for factual innocence needs a showing that there was no reasonable cause to believe the person committed the offense; that is a judgment for the attorney.", cite851_8)
	if a.Charged {
		f.reason("Charges were filed, so the petition goes to the court that heard the case.", cite851_8)
	} else {
		f.reason("No charges were filed, so the petition goes first to the arresting agency (court if it denies or does not answer in 60 days).", cite851_8)
	}
	if e.asOf.After(deadline) {
		f.reason(fmt.Sprintf("The two-year deadline passed on %s; a late petition needs good cause.", deadline), cite851_8)
	} else {
		f.reason(fmt.Sprintf("File by %s.", deadline), cite851_8)
	}
	f.Outcome = Review
	f.Next = "Have an attorney assess the evidence of factual innocence."
	return &f.Finding
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "not given"
	}
	return s
}
