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
func suspended() []string { return []string{"imposition", "execution"} }
func jurisdictions() []string {
	return []string{California, Federal, OtherState}
}
func dispositions() []string {
	return []string{NoCharges, Dismissed, Acquitted, Vacated, DiversionCompleted}
}
func diversions() []string      { return []string{"prefiling", "court"} }
func abuseCategories() []string { return []string{"dv", "child", "elder"} }
func reducedUnder() []string    { return []string{"17b", "prop47", "other"} }
func dismissedUnder() []string {
	return []string{"1203.4", "1203.4a", "1203.41", "1203.42", "1203.43", "1203.49", "1203.425", "other"}
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
	v := &validator{decoder: d, asOf: asOf, checkOffense: opt.CheckOffense}
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
}

type validator struct {
	*decoder
	asOf         date.Date
	checkOffense func(string) error
}

func (v *validator) petitioner(p keyPath, f *File) {
	pt := &f.Petitioner
	v.required(p.key("name"), filled(pt.Name), "the petitioner's name is required")
	v.notFuture(p.key("dob"), pt.DOB)
	v.notFuture(p.key("ca_resident_since"), pt.CAResidentSince)
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
		v.county(p.key("county"), &pt.County, "")
	}
}

func (v *validator) caseEntry(p keyPath, c *Case, ids map[string]idUse) {
	v.id(p, c.ID, "case", ids)
	v.required(p.key("county"), filled(c.County), "the county where the person was convicted is required")
	if c.Jurisdiction == California && strings.TrimSpace(c.County) != "" {
		v.county(p.key("county"), &c.County, `; for a case decided outside California's courts set jurisdiction = "federal" or "other_state"`)
	}
	v.oneOf(p.key("jurisdiction"), c.Jurisdiction, jurisdictions())

	conv := c.ConvictionDate
	v.required(p.key("conviction_date"), !conv.IsZero(), "the date of conviction (plea or verdict) is required")
	if !conv.IsZero() && !v.asOf.IsZero() && conv.After(v.asOf) {
		v.add(p.key("conviction_date"), "%s is after the as-of date %s; a conviction cannot be later than the day the file is judged on", conv, v.asOf)
	}
	if !c.OffenseDate.IsZero() && !conv.IsZero() && c.OffenseDate.After(conv) {
		v.add(p.key("offense_date"), "%s is after the conviction date %s", c.OffenseDate, conv)
	}
	v.notFuture(p.key("offense_date"), c.OffenseDate)
	v.notBeforeConviction(p.key("sentence_date"), c.SentenceDate, conv)
	v.notFuture(p.key("sentence_date"), c.SentenceDate)

	v.required(p.key("counts"), len(c.Counts) > 0, "each case needs at least one [[cases.counts]] with its offense and level")
	for j := range c.Counts {
		v.count(p.key("counts").at(j), &c.Counts[j], conv)
	}
	v.sentence(p.key("sentence"), &c.Sentence, conv)

	rp := p.key("relief")
	v.oneOf(rp.key("dismissed_under"), c.Relief.DismissedUnder, dismissedUnder())
	v.notBeforeConviction(rp.key("dismissed_on"), c.Relief.DismissedOn, conv)
	v.notFuture(rp.key("dismissed_on"), c.Relief.DismissedOn)
	v.notBeforeConviction(rp.key("automatic_relief_on"), c.Relief.AutomaticReliefOn, conv)
	v.notFuture(rp.key("automatic_relief_on"), c.Relief.AutomaticReliefOn)
}

func (v *validator) count(p keyPath, n *Count, conv date.Date) {
	if v.required(p.key("offense"), filled(n.Offense), `the offense is required, like "PC 459"`) {
		v.offense(p.key("offense"), n.Offense)
	}
	if v.required(p.key("level"), filled(n.Level), "the level at conviction is required: felony, misdemeanor or infraction") {
		v.oneOf(p.key("level"), n.Level, levels())
	}
	v.oneOf(p.key("reduced_under"), n.ReducedUnder, reducedUnder())
	v.notBeforeConviction(p.key("reduced_on"), n.ReducedOn, conv)
	v.notFuture(p.key("reduced_on"), n.ReducedOn)
}

func (v *validator) sentence(p keyPath, s *Sentence, conv date.Date) {
	v.oneOf(p.key("kind"), s.Kind, kinds())
	v.oneOf(p.key("suspended"), s.Suspended, suspended())
	if s.Suspended != "" && s.Kind != "" && s.Kind != KindProbation && slices.Contains(kinds(), s.Kind) {
		v.add(p.key("suspended"), "applies only to probation, but kind is %q; remove it or correct kind", s.Kind)
	}
	v.notBeforeConviction(p.key("probation_end"), s.ProbationEnd, conv)
	v.notBeforeConviction(p.key("terminated_early_on"), s.TerminatedEarlyOn, conv)
	v.notFuture(p.key("terminated_early_on"), s.TerminatedEarlyOn)
	if !s.TerminatedEarlyOn.IsZero() && !s.ProbationEnd.IsZero() && s.TerminatedEarlyOn.After(s.ProbationEnd) {
		v.add(p.key("terminated_early_on"), "%s is after probation_end (%s); early termination must come before the scheduled end", s.TerminatedEarlyOn, s.ProbationEnd)
	}
	for k, vd := range s.Violations {
		v.notBeforeConviction(p.key("violations").at(k), vd, conv)
		v.notFuture(p.key("violations").at(k), vd)
	}
	v.notBeforeConviction(p.key("released_on"), s.ReleasedOn, conv)
	v.notBeforeConviction(p.key("supervision_ended_on"), s.SupervisionEndedOn, conv)
	v.notFuture(p.key("supervision_ended_on"), s.SupervisionEndedOn)
	v.notBeforeConviction(p.key("completed_on"), s.CompletedOn, conv)
	v.notFuture(p.key("completed_on"), s.CompletedOn)
	v.notFuture(p.key("dej_granted_on"), s.DEJGrantedOn)
	v.notBeforeConviction(p.key("dej_dismissed_on"), s.DEJDismissedOn, conv)
	v.notFuture(p.key("dej_dismissed_on"), s.DEJDismissedOn)
	if !s.DEJDismissedOn.IsZero() && !s.DEJGrantedOn.IsZero() && s.DEJDismissedOn.Before(s.DEJGrantedOn) {
		v.add(p.key("dej_dismissed_on"), "%s is before dej_granted_on (%s)", s.DEJDismissedOn, s.DEJGrantedOn)
	}
}

func (v *validator) arrest(p keyPath, a *Arrest, ids map[string]idUse) {
	v.id(p, a.ID, "arrest", ids)
	if v.required(p.key("date"), !a.Date.IsZero(), "the date of the arrest is required") {
		v.notFuture(p.key("date"), a.Date)
	}
	if v.required(p.key("county"), filled(a.County), "the county of the arrest is required") {
		v.county(p.key("county"), &a.County, "")
	}
	if v.required(p.key("disposition"), filled(a.Disposition), "how the arrest ended is required: "+strings.Join(dispositions(), ", ")) {
		v.oneOf(p.key("disposition"), a.Disposition, dispositions())
	}
	v.oneOf(p.key("diversion"), a.Diversion, diversions())
	if a.Diversion != "" && a.Disposition != "" && a.Disposition != DiversionCompleted && slices.Contains(dispositions(), a.Disposition) {
		v.add(p.key("diversion"), "applies only when disposition is %q, but disposition is %q", DiversionCompleted, a.Disposition)
	}
	v.oneOf(p.key("abuse_category"), a.AbuseCategory, abuseCategories())
	if !a.DispositionDate.IsZero() && !a.Date.IsZero() && a.DispositionDate.Before(a.Date) {
		v.add(p.key("disposition_date"), "%s is before the arrest date %s", a.DispositionDate, a.Date)
	}
	v.notFuture(p.key("disposition_date"), a.DispositionDate)
	v.notFuture(p.key("charges_filed_on"), a.ChargesFiledOn)
	for k, o := range a.Offenses {
		v.listedOffense(p.key("offenses").at(k), o)
	}
	for k, o := range a.ChargedOffenses {
		v.listedOffense(p.key("charged_offenses").at(k), o)
	}
}

func (v *validator) residence(p keyPath, r *Residence) {
	if !r.To.IsZero() && !r.From.IsZero() && r.To.Before(r.From) {
		v.add(p.key("to"), "%s is before the start of this residence (from = %s)", r.To, r.From)
	}
	v.notFuture(p.key("from"), r.From)
	switch strings.ToLower(strings.TrimSpace(r.State)) {
	case "", "ca", "california":
		if strings.TrimSpace(r.County) != "" {
			v.county(p.key("county"), &r.County, "")
		}
	}
}

// required reports a missing value (unless its value was already reported
// as unusable) and says whether the value is present.
func (v *validator) required(p keyPath, present bool, why string) bool {
	if present {
		return true
	}
	if !v.bad[p.String()] {
		v.add(p, "missing; %s", why)
	}
	return false
}

// oneOf reports a value that is not one of the allowed ones.
func (v *validator) oneOf(p keyPath, s string, allowed []string) {
	if s != "" && !slices.Contains(allowed, s) {
		v.add(p, "%q is not one of %s", short(s), strings.Join(allowed, ", "))
	}
}

// notFuture reports a past event dated after the as-of date.
func (v *validator) notFuture(p keyPath, d date.Date) {
	if !d.IsZero() && !v.asOf.IsZero() && d.After(v.asOf) {
		v.add(p, "%s is after the as-of date %s; only record what has already happened", d, v.asOf)
	}
}

// notBeforeConviction reports a date that must not precede the conviction.
func (v *validator) notBeforeConviction(p keyPath, d, conv date.Date) {
	if !d.IsZero() && !conv.IsZero() && d.Before(conv) {
		v.add(p, "%s is before the conviction date %s", d, conv)
	}
}

// county checks and normalises a California county name.
func (v *validator) county(p keyPath, c *string, hint string) {
	if name, ok := normalizeCounty(*c); ok {
		*c = name
		return
	}
	if s := closestCounty(*c); s != "" {
		v.add(p, "%q is not a California county (did you mean %q?)", short(*c), s)
		return
	}
	v.add(p, "%q is not a California county%s", short(*c), hint)
}

// offense runs the caller's offense check.
func (v *validator) offense(p keyPath, s string) {
	if v.checkOffense == nil {
		return
	}
	if err := v.checkOffense(s); err != nil {
		v.add(p, "%v", err)
	}
}

// listedOffense checks one entry of an arrest's offense list.
func (v *validator) listedOffense(p keyPath, s string) {
	if strings.TrimSpace(s) == "" {
		v.add(p, `is empty; write the offense like "PC 242" or remove the entry`)
		return
	}
	v.offense(p, s)
}

// id checks an id and that no earlier entry of the same kind has it; ids
// name output files (dismissal-<id>.pdf, sealing-<id>.pdf).
func (v *validator) id(p keyPath, id, kind string, seen map[string]idUse) {
	ip := p.key("id")
	byDefault := v.defaultID[p.String()]
	if !byDefault {
		prefix := map[string]string{"case": "dismissal", "arrest": "sealing"}[kind]
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
	line := v.idx.line(other.path.key("id"))
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
	rule := fmt.Sprintf(`ids name output files such as %s-<id>.pdf, so they may use only letters, digits, ".", "_" and "-"`, prefix)
	if len(id) > 64 {
		return fmt.Sprintf("id %q is %d characters long; ids may have at most 64", short(id), len(id))
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-'
		if !ok {
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
