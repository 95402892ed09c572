package casefile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/date"
)

// Allowed values of the enumerated keys, in the order messages list them.
func levels() []string { return []string{Felony, Misdemeanor, Infraction} }
func kinds() []string {
	return []string{KindProbation, KindJail, KindJail1170h, KindPrison, KindFine, KindDEJ, KindDiversion}
}

// Languages are the values petitioner.language takes: the languages the
// client letter is written in.
func Languages() []string { return []string{"en", "es"} }

func suspended() []string { return []string{"imposition", "execution"} }
func jurisdictions() []string {
	return []string{California, Federal, OtherState}
}
func dispositions() []string {
	return []string{NoCharges, Dismissed, Acquitted, Vacated, DiversionCompleted}
}
func diversions() []string      { return []string{"prefiling", "court"} }
func abuseCategories() []string { return []string{"dv", "child", "elder"} }
func reducedUnder() []string    { return []string{"17b", "prop47", "prop64", "other"} }
func dismissedUnder() []string {
	return []string{"1203.4", "1203.4a", "1203.41", "1203.42", "1203.43", "1203.49", "1203.425", "1000.3", "other"}
}

// defaults normalises enumerated values (case and surrounding blanks) and
// fills in what the contract says an omitted key means.
func (d *decoder) defaults(f *File) {
	for i := range f.Cases {
		c := &f.Cases[i]
		if c.ID == "" {
			c.ID = fmt.Sprintf("case%d", i+1)
			d.defaulted(keyPath{{name: "cases", index: -1}, {index: i}})
		}
		norm(&c.Jurisdiction)
		if c.Jurisdiction == "" {
			c.Jurisdiction = California
		}
		for j := range c.Counts {
			norm(&c.Counts[j].Level)
			norm(&c.Counts[j].ReducedUnder)
		}
		s := &c.Sentence
		norm(&s.Kind)
		norm(&s.Suspended)
		if s.Kind == KindProbation && s.Suspended == "" {
			s.Suspended = "imposition"
		}
		norm(&c.Relief.DismissedUnder)
	}
	for i := range f.Arrests {
		a := &f.Arrests[i]
		if a.ID == "" {
			a.ID = fmt.Sprintf("arrest%d", i+1)
			d.defaulted(keyPath{{name: "arrests", index: -1}, {index: i}})
		}
		norm(&a.Disposition)
		norm(&a.Diversion)
		norm(&a.AbuseCategory)
	}
}

// defaulted remembers that the entry at p got its id by default.
func (d *decoder) defaulted(p keyPath) {
	if d.defaultID == nil {
		d.defaultID = make(map[string]bool)
	}
	d.defaultID[p.String()] = true
}

func norm(s *string) { *s = strings.ToLower(strings.TrimSpace(*s)) }

// validate checks the decoded file, adding every problem it finds.
func (d *decoder) validate(f *File, opt Options) {
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = f.AsOf
	}
	if asOf.IsZero() && opt.Today != nil {
		asOf = opt.Today()
	}
	v := &validator{decoder: d, asOf: asOf, checkOffense: opt.CheckOffense, warnOffense: opt.WarnOffense}
	var root keyPath

	if len(f.Cases) == 0 && len(f.Arrests) == 0 && !d.bad["cases"] && !d.bad["arrests"] {
		d.add(root, "the file has no [[cases]] and no [[arrests]]; add at least one conviction ([[cases]]) or arrest that did not end in one ([[arrests]])")
	}
	v.petitioner(root.key("petitioner"), f)
	ids := make(map[string]idUse)
	for i := range f.Cases {
		v.caseEntry(root.key("cases").at(i), &f.Cases[i], ids)
	}
	ids = make(map[string]idUse)
	for i := range f.Arrests {
		v.arrest(root.key("arrests").at(i), &f.Arrests[i], ids)
	}
	for i := range f.Residences {
		v.residence(root.key("residences").at(i), &f.Residences[i])
	}
	// A signature typed with a date to come would claim a signing that
	// has not happened.
	v.notFuture(ref(root.key("statement"), "signed_on"), f.Statement.SignedOn)
	for i := range f.Exhibits {
		v.exhibit(root.key("exhibits").at(i), &f.Exhibits[i])
	}
}

type validator struct {
	*decoder
	asOf         date.Date
	checkOffense func(string) error
	warnOffense  func(string) string
}

func (v *validator) petitioner(p keyPath, f *File) {
	pt := &f.Petitioner
	v.required(ref(p, "name"), filled(pt.Name), "the petitioner's name is required")
	v.notFuture(ref(p, "dob"), pt.DOB)
	v.notFuture(ref(p, "ca_resident_since"), pt.CAResidentSince)
	v.oneOf(ref(p, "language"), pt.Language, Languages())
	if !pt.DOB.IsZero() {
		// The earliest conviction or arrest: nobody is convicted or
		// arrested before they are born.
		var first date.Date
		what := ""
		for i, c := range f.Cases {
			if !c.ConvictionDate.IsZero() && (first.IsZero() || c.ConvictionDate.Before(first)) {
				first, what = c.ConvictionDate, fmt.Sprintf("the conviction date of cases[%d]", i)
			}
		}
		for i, a := range f.Arrests {
			if !a.Date.IsZero() && (first.IsZero() || a.Date.Before(first)) {
				first, what = a.Date, fmt.Sprintf("the date of arrests[%d]", i)
			}
		}
		if pt.DOB.After(first) && !first.IsZero() {
			v.add(p.key("dob"), "%s is after %s (%s)", pt.DOB, what, first)
		}
	}
	if pt.LivesInCalifornia() && strings.TrimSpace(pt.County) != "" {
		v.county(ref(p, "county"), &pt.County, "")
	}
}

func (v *validator) caseEntry(p keyPath, c *Case, ids map[string]idUse) {
	v.id(p, c.ID, "case", ids)
	v.required(ref(p, "county"), filled(c.County), "the county where the person was convicted is required")
	if c.Jurisdiction == California && strings.TrimSpace(c.County) != "" {
		v.county(ref(p, "county"), &c.County, `; for a case decided outside California's courts set jurisdiction = "federal" or "other_state"`)
	}
	v.oneOf(ref(p, "jurisdiction"), c.Jurisdiction, jurisdictions())

	conv := c.ConvictionDate
	v.required(ref(p, "conviction_date"), !conv.IsZero(), "the date of conviction (plea or verdict) is required")
	if !conv.IsZero() && !v.asOf.IsZero() && conv.After(v.asOf) {
		v.add(p.key("conviction_date"), "%s is after the as-of date %s; a conviction cannot be later than the day the file is judged on", conv, v.asOf)
	}
	if !c.OffenseDate.IsZero() && !conv.IsZero() && c.OffenseDate.After(conv) {
		v.add(p.key("offense_date"), "%s is after the conviction date %s", c.OffenseDate, conv)
	}
	v.notFuture(ref(p, "offense_date"), c.OffenseDate)
	v.notBeforeConviction(ref(p, "sentence_date"), c.SentenceDate, conv)
	v.notFuture(ref(p, "sentence_date"), c.SentenceDate)

	v.required(ref(p, "counts"), len(c.Counts) > 0, "each case needs at least one [[cases.counts]] with its offense and level")
	for j := range c.Counts {
		v.count(p.key("counts").at(j), &c.Counts[j], conv, c.IsCalifornia())
	}
	if strings.TrimSpace(c.State) != "" && c.Jurisdiction != OtherState {
		v.add(p.key("state"), "applies only to jurisdiction = %q (the state of that conviction), but jurisdiction is %q", OtherState, c.Jurisdiction)
	}
	v.sentence(p.key("sentence"), &c.Sentence, conv)

	rp := p.key("relief")
	v.oneOf(ref(rp, "dismissed_under"), c.Relief.DismissedUnder, dismissedUnder())
	v.notBeforeConviction(ref(rp, "dismissed_on"), c.Relief.DismissedOn, conv)
	v.notFuture(ref(rp, "dismissed_on"), c.Relief.DismissedOn)
	v.notBeforeConviction(ref(rp, "automatic_relief_on"), c.Relief.AutomaticReliefOn, conv)
	v.notFuture(ref(rp, "automatic_relief_on"), c.Relief.AutomaticReliefOn)
}

func (v *validator) count(p keyPath, n *Count, conv date.Date, california bool) {
	// Another state's or the federal code is not California's: its
	// statute ("NRS 205.060", "18 U.S.C. § 1343") is taken as written.
	if v.required(ref(p, "offense"), filled(n.Offense), `the offense is required, like "PC 459"`) && california {
		v.offense(ref(p, "offense"), n.Offense)
	}
	if n.PropertyValue != nil && *n.PropertyValue < 0 {
		v.add(p.key("property_value"), "%d is negative; give the value in whole dollars", *n.PropertyValue)
	}
	if v.required(ref(p, "level"), filled(n.Level), "the level at conviction is required: felony, misdemeanor or infraction") {
		v.oneOf(ref(p, "level"), n.Level, levels())
	}
	v.oneOf(ref(p, "reduced_under"), n.ReducedUnder, reducedUnder())
	v.notBeforeConviction(ref(p, "reduced_on"), n.ReducedOn, conv)
	v.notFuture(ref(p, "reduced_on"), n.ReducedOn)
}

func (v *validator) sentence(p keyPath, s *Sentence, conv date.Date) {
	v.oneOf(ref(p, "kind"), s.Kind, kinds())
	v.oneOf(ref(p, "suspended"), s.Suspended, suspended())
	if s.Suspended != "" && s.Kind != "" && s.Kind != KindProbation && slices.Contains(kinds(), s.Kind) {
		v.add(p.key("suspended"), "applies only to probation, but kind is %q; remove it or correct kind", s.Kind)
	}
	v.notBeforeConviction(ref(p, "probation_end"), s.ProbationEnd, conv)
	v.notBeforeConviction(ref(p, "terminated_early_on"), s.TerminatedEarlyOn, conv)
	v.notFuture(ref(p, "terminated_early_on"), s.TerminatedEarlyOn)
	if !s.TerminatedEarlyOn.IsZero() && !s.ProbationEnd.IsZero() && s.TerminatedEarlyOn.After(s.ProbationEnd) {
		v.add(p.key("terminated_early_on"), "%s is after probation_end (%s); early termination must come before the scheduled end", s.TerminatedEarlyOn, s.ProbationEnd)
	}
	for k, vd := range s.Violations {
		vp := ref(p, "violations").at(k)
		v.notBeforeConviction(vp, vd, conv)
		v.notFuture(vp, vd)
	}
	v.violationsAfterEnd(p, s)
	v.notBeforeConviction(ref(p, "released_on"), s.ReleasedOn, conv)
	v.notBeforeConviction(ref(p, "supervision_ended_on"), s.SupervisionEndedOn, conv)
	v.notFuture(ref(p, "supervision_ended_on"), s.SupervisionEndedOn)
	v.notBeforeConviction(ref(p, "completed_on"), s.CompletedOn, conv)
	v.notFuture(ref(p, "completed_on"), s.CompletedOn)
	v.notFuture(ref(p, "dej_granted_on"), s.DEJGrantedOn)
	if s.FireCamp && s.Kind != "" && s.Kind != KindPrison && s.Kind != KindJail && s.Kind != KindJail1170h && slices.Contains(kinds(), s.Kind) {
		v.add(p.key("fire_camp"), "means service on a fire-camp crew while in custody, but kind is %q (want prison, jail or jail_1170h)", s.Kind)
	}
	v.notBeforeConviction(ref(p, "dej_dismissed_on"), s.DEJDismissedOn, conv)
	v.notFuture(ref(p, "dej_dismissed_on"), s.DEJDismissedOn)
	if !s.DEJDismissedOn.IsZero() && !s.DEJGrantedOn.IsZero() && s.DEJDismissedOn.Before(s.DEJGrantedOn) {
		v.add(p.key("dej_dismissed_on"), "%s is before dej_granted_on (%s)", s.DEJDismissedOn, s.DEJGrantedOn)
	}
}

// violationsAfterEnd warns about a violation dated after probation ended
// (early termination, else probation_end): probation cannot be violated
// once it is over, so either the date is wrong or probation was extended
// or tolled, which the file does not show and which moves the dates the
// eligibility rules count from.
func (v *validator) violationsAfterEnd(p keyPath, s *Sentence) {
	end, key := s.ProbationEnd, "probation_end"
	if !s.TerminatedEarlyOn.IsZero() && (end.IsZero() || s.TerminatedEarlyOn.Before(end)) {
		end, key = s.TerminatedEarlyOn, "terminated_early_on"
	}
	if end.IsZero() {
		return
	}
	for k, vd := range s.Violations {
		if vd.After(end) {
			v.warn(ref(p, "violations").at(k).path(), "%s is after probation ended (%s = %s); check the date, or record the extension or revocation that kept probation going", vd, key, end)
		}
	}
}

func (v *validator) arrest(p keyPath, a *Arrest, ids map[string]idUse) {
	v.id(p, a.ID, "arrest", ids)
	if v.required(ref(p, "date"), !a.Date.IsZero(), "the date of the arrest is required") {
		v.notFuture(ref(p, "date"), a.Date)
	}
	if v.required(ref(p, "county"), filled(a.County), "the county of the arrest is required") {
		v.county(ref(p, "county"), &a.County, "")
	}
	if v.required(ref(p, "disposition"), filled(a.Disposition), "how the arrest ended is required: "+strings.Join(dispositions(), ", ")) {
		v.oneOf(ref(p, "disposition"), a.Disposition, dispositions())
	}
	v.oneOf(ref(p, "diversion"), a.Diversion, diversions())
	if a.Diversion != "" && a.Disposition != "" && a.Disposition != DiversionCompleted && slices.Contains(dispositions(), a.Disposition) {
		v.add(p.key("diversion"), "applies only when disposition is %q, but disposition is %q", DiversionCompleted, a.Disposition)
	}
	v.oneOf(ref(p, "abuse_category"), a.AbuseCategory, abuseCategories())
	if !a.DispositionDate.IsZero() && !a.Date.IsZero() && a.DispositionDate.Before(a.Date) {
		v.add(p.key("disposition_date"), "%s is before the arrest date %s", a.DispositionDate, a.Date)
	}
	v.notFuture(ref(p, "disposition_date"), a.DispositionDate)
	v.notFuture(ref(p, "charges_filed_on"), a.ChargesFiledOn)
	for k, o := range a.Offenses {
		v.listedOffense(ref(p, "offenses").at(k), o)
	}
	for k, o := range a.ChargedOffenses {
		v.listedOffense(ref(p, "charged_offenses").at(k), o)
	}
}

func (v *validator) residence(p keyPath, r *Residence) {
	if !r.To.IsZero() && !r.From.IsZero() && r.To.Before(r.From) {
		v.add(p.key("to"), "%s is before the start of this residence (from = %s)", r.To, r.From)
	}
	v.notFuture(ref(p, "from"), r.From)
	switch strings.ToLower(strings.TrimSpace(r.State)) {
	case "", "ca", "california":
		if strings.TrimSpace(r.County) != "" {
			v.county(ref(p, "county"), &r.County, "")
		}
	}
}

// keyRef names the value at key in the table at p, and with index >= 0 an
// element of that list, without building its key path: validation checks
// dozens of values per case and needs the path of one only to report a
// problem. Allocating them all was a tenth of decoding a valid file.
type keyRef struct {
	p     keyPath
	key   string
	index int
}

// ref names the value at key in the table at p.
func ref(p keyPath, key string) keyRef { return keyRef{p, key, -1} }

// at names element i of the list r names.
func (r keyRef) at(i int) keyRef { return keyRef{r.p, r.key, i} }

// path builds r's key path.
func (r keyRef) path() keyPath {
	p := r.p.key(r.key)
	if r.index >= 0 {
		p = p.at(r.index)
	}
	return p
}

// required reports a missing value (unless its value was already reported
// as unusable) and says whether the value is present.
func (v *validator) required(r keyRef, present bool, why string) bool {
	if present {
		return true
	}
	if p := r.path(); !v.bad[p.String()] {
		v.add(p, "missing; %s", why)
	}
	return false
}

// oneOf reports a value that is not one of the allowed ones.
func (v *validator) oneOf(r keyRef, s string, allowed []string) {
	if s != "" && !slices.Contains(allowed, s) {
		v.add(r.path(), "%q is not one of %s", short(s), strings.Join(allowed, ", "))
	}
}

// notFuture reports a past event dated after the as-of date.
func (v *validator) notFuture(r keyRef, d date.Date) {
	if !d.IsZero() && !v.asOf.IsZero() && d.After(v.asOf) {
		v.add(r.path(), "%s is after the as-of date %s; only record what has already happened", d, v.asOf)
	}
}

// notBeforeConviction reports a date that must not precede the conviction.
func (v *validator) notBeforeConviction(r keyRef, d, conv date.Date) {
	if !d.IsZero() && !conv.IsZero() && d.Before(conv) {
		v.add(r.path(), "%s is before the conviction date %s", d, conv)
	}
}

// county checks and normalises a California county name.
func (v *validator) county(r keyRef, c *string, hint string) {
	if name, ok := normalizeCounty(*c); ok {
		*c = name
		return
	}
	if s := closestCounty(*c); s != "" {
		v.add(r.path(), "%q is not a California county (did you mean %q?)", short(*c), s)
		return
	}
	v.add(r.path(), "%q is not a California county%s", short(*c), hint)
}

// offense runs the caller's offense check.
func (v *validator) offense(r keyRef, s string) {
	if v.checkOffense == nil {
		return
	}
	if err := v.checkOffense(s); err != nil {
		v.add(r.path(), "%v", err)
		return
	}
	if v.warnOffense != nil {
		if msg := v.warnOffense(s); msg != "" {
			v.warn(r.path(), "%s", msg)
		}
	}
}

// listedOffense checks one entry of an arrest's offense list.
func (v *validator) listedOffense(r keyRef, s string) {
	if strings.TrimSpace(s) == "" {
		v.add(r.path(), `is empty; write the offense like "PC 242" or remove the entry`)
		return
	}
	v.offense(r, s)
}

// id checks an id and that no earlier entry of the same kind has it; ids
// name output files (dismissal-<id>.pdf, sealing-<id>.pdf).
func (v *validator) id(p keyPath, id, kind string, seen map[string]idUse) {
	ip := p.key("id")
	byDefault := v.defaultID[p.String()]
	if !byDefault {
		prefix := "sealing"
		if kind == "case" {
			prefix = "dismissal"
		}
		if msg := idProblem(id, prefix); msg != "" {
			v.add(ip, "%s", msg)
			return
		}
	}
	// Ids that differ only in case name the same file on Windows and macOS.
	key := strings.ToLower(id)
	other, dup := seen[key]
	if !dup {
		seen[key] = idUse{p, id}
		return
	}
	line := v.idx.get().line(other.path.key("id"))
	switch {
	case byDefault:
		v.add(ip, "this %s has no id, and its default id %q is already used by %s (line %d); give this %s its own id", kind, id, other.path, line, kind)
	case v.defaultID[other.path.String()]:
		v.add(ip, "duplicate id %q: %s (line %d) has no id and gets %q by default; choose another id", id, other.path, line, id)
	case other.id != id:
		v.add(ip, "id %q differs from the id %q of %s (line %d) only in upper and lower case; both would name the same file on Windows and macOS", id, other.id, other.path, line)
	default:
		v.add(ip, "duplicate id %q: %s (line %d) has the same id; each %s needs its own id because it names the output file", id, other.path, line, kind)
	}
}

// idUse is where an id was first used.
type idUse struct {
	path keyPath
	id   string
}

// idProblem explains why id cannot name an output file (prefix-<id>.pdf),
// or returns "".
func idProblem(id, prefix string) string {
	if len(id) > 64 {
		return fmt.Sprintf("id %q is %d characters long; ids may have at most 64", short(id), len(id))
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
			rule := fmt.Sprintf(`ids name output files such as %s-<id>.pdf, so they may use only letters, digits, ".", "_" and "-"`, prefix)
			return fmt.Sprintf("id %q contains %q; %s", short(id), string(r), rule)
		}
	}
	if strings.Contains(id, "..") {
		return fmt.Sprintf(`id %q contains ".."; ids name output files such as %s-<id>.pdf, so they may not contain ".."`, id, prefix)
	}
	if id[0] == '.' || id[0] == '-' {
		return fmt.Sprintf(`id %q starts with %q; ids must start with a letter, a digit or "_"`, id, id[:1])
	}
	return ""
}

// filled reports whether a text value is given (not empty or blank).
func filled(s string) bool { return strings.TrimSpace(s) != "" }
