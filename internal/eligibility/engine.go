package eligibility

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// DefaultBoundaryDays is how close to the as-of date a computed date must be
// for the finding to go to attorney review (law reference §14.5): court
// records often differ from a client's memory by a few days.
const DefaultBoundaryDays = 7

// Options are Check's inputs besides the case file.
type Options struct {
	AsOf  date.Date  // required: the day the answer is for
	Table *law.Table // the offense table; nil means law.Default()
	// BoundaryDays overrides DefaultBoundaryDays; a negative value turns the
	// boundary review off (tests of exact date arithmetic use -1).
	BoundaryDays int
}

// engine carries the per-file state the rules share.
type engine struct {
	f        *casefile.File
	asOf     date.Date
	tab      *law.Table
	boundary int
	bar      timingBar
	counts   [][]*countFacts   // per case, per count
	arrests  [][]arrestOffense // per arrest, its offenses parsed
}

// Check applies the decision table to a case file. It never fails: facts it
// cannot use become "review" findings that name what is missing.
func Check(f *casefile.File, opt Options) Report {
	e := &engine{f: f, asOf: opt.AsOf, tab: opt.Table, boundary: opt.BoundaryDays}
	if e.tab == nil {
		e.tab = law.Default()
	}
	if e.boundary == 0 {
		e.boundary = DefaultBoundaryDays
	}
	for i := range f.Cases {
		cs := &f.Cases[i]
		var row []*countFacts
		for j := range cs.Counts {
			row = append(row, newCountFacts(e.tab, cs, &cs.Counts[j], j+1))
		}
		e.counts = append(e.counts, row)
	}
	for i := range f.Arrests {
		e.arrests = append(e.arrests, e.arrestOffenses(&f.Arrests[i]))
	}
	e.bar = e.timingBar()

	r := Report{AsOf: opt.AsOf, Petitioner: f.Petitioner.Name, Disclaimer: Disclaimer}
	r.Cases = []Case{}
	for i := range f.Cases {
		r.Cases = append(r.Cases, e.checkCase(i))
	}
	r.Arrests = []Arrest{}
	for i := range f.Arrests {
		r.Arrests = append(r.Arrests, e.checkArrest(&f.Arrests[i], e.arrests[i]))
	}
	cor := e.cor()
	r.Person = Person{Remedies: []Finding{cor, e.pardon(cor)}}
	applyPlans(f, &r)
	r.Notes = e.personNotes(cor)
	return r
}

func (e *engine) checkCase(i int) Case {
	cs := &e.f.Cases[i]
	out := Case{ID: cs.ID, CaseNumber: cs.CaseNumber, County: cs.County, Counts: []Count{}}
	if !cs.IsCalifornia() {
		out.Jurisdiction = cs.Jurisdiction
		out.State = cs.State
	}
	for _, cf := range e.counts[i] {
		c := Count{Index: cf.index, Offense: cf.n.Offense, Level: cf.n.Level, Description: cf.describe()}
		if name := cf.name(); name != cf.n.Offense {
			c.Canonical = name
		}
		c.Remedies = e.countRemedies(cf)
		out.Counts = append(out.Counts, c)
	}
	out.Notes = e.caseNotes(cs)
	return out
}

// countRemedies runs every per-count rule in the order the user should read
// them: reduction first, then dismissal, then automatic relief.
func (e *engine) countRemedies(cf *countFacts) []Finding {
	if !cf.cs.IsCalifornia() {
		return []Finding{e.outOfState(cf)}
	}
	if juvenile(cf.cs) {
		return []Finding{e.juvenileReview(cf)}
	}
	out := []Finding{}
	add := func(f *Finding) {
		if f != nil {
			if !cf.known() {
				unknownOffense(f, cf)
			}
			out = append(out, *f)
		}
	}
	for _, rule := range []func(*countFacts) *Finding{
		e.r17b, e.r17d2, e.rProp47, e.rProp64, e.r1203_4, e.r1203_4a, e.r1203_4b, e.r1203_41, e.r1203_42, e.r1203_43,
	} {
		add(rule(cf))
	}
	add(e.r1203_45(cf, out))
	for _, rule := range []func(*countFacts) *Finding{e.r1203_49, e.r236_14, e.r1203_425, e.r1473_7} {
		add(rule(cf))
	}
	return out
}

// unknownOffense sends a finding about an offense the table does not know
// to review: its exclusions, registration and classification are unknown.
// The computed date stays as the earliest the remedy could apply.
func unknownOffense(f *Finding, cf *countFacts) {
	switch f.Outcome {
	case Eligible, Discretionary, Automatic, NotYet:
		f.Reasons = append(f.Reasons, Reason{Text: fmt.Sprintf("%s is not in relief's offense table, so its exclusions, registration duty and classification are unchecked; the outcome would otherwise be %q.", cf.name(), f.Outcome)})
		f.Outcome = Review
	}
}

// outOfState answers for a conviction no California court can dismiss.
func (e *engine) outOfState(cf *countFacts) Finding {
	where := "a federal court"
	if cf.cs.Jurisdiction == casefile.OtherState {
		where = "another state's court"
	}
	f := newFinding(R1203_4, cf)
	f.Outcome = Review
	if cf.cs.State != "" {
		where = fmt.Sprintf("a court of %s", cf.cs.State)
	}
	f.reason(fmt.Sprintf("This conviction is from %s. California's dismissal and reduction statutes reach only California convictions; relief depends on that jurisdiction's law.", where), cite1203_4a1)
	f.reason("Any California rule that turns on this conviction's California classification (a prior serious or violent felony, a registration duty) needs an attorney to compare its elements with California's.", "")
	f.Next = "Have an attorney check the relief available where the conviction was entered."
	return f.Finding
}

// finding is a Finding under construction.
type finding struct {
	Finding
}

func newFinding(remedy string, cf *countFacts) *finding {
	// Room for what most findings collect, so that they rarely grow.
	f := &finding{Finding{Remedy: remedy, Reasons: make([]Reason, 0, 2), Trace: make([]string, 0, 8)}}
	if cf != nil {
		f.Trace = append(f.Trace, cf.classified)
	}
	return f
}

func (f *finding) reason(text, cite string) {
	f.Reasons = append(f.Reasons, Reason{Text: text, Cite: cite})
}
func (f *finding) trace(format string, args ...any) {
	f.Trace = append(f.Trace, traceText(format, args))
}

// traceText is fmt.Sprintf(format, args...) for what traces print: %s of
// a string or a date and %d of an int. Every finding has several trace
// lines, and fmt, with a date's String on top, was most of their cost. Any
// other verb, type or count of arguments goes to fmt.Sprintf.
func traceText(format string, args []any) string {
	var buf [160]byte
	b := buf[:0]
	n := 0 // arguments used
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+1 == len(format) || n == len(args) {
			return fmt.Sprintf(format, args...)
		}
		i++
		switch x := args[n].(type) {
		case string:
			if format[i] != 's' {
				return fmt.Sprintf(format, args...)
			}
			b = append(b, x...)
		case date.Date:
			if format[i] != 's' {
				return fmt.Sprintf(format, args...)
			}
			if !x.IsZero() { // as date.Date.String
				b = x.Time().AppendFormat(b, time.DateOnly)
			}
		case int:
			if format[i] != 'd' {
				return fmt.Sprintf(format, args...)
			}
			b = strconv.AppendInt(b, int64(x), 10)
		default:
			return fmt.Sprintf(format, args...)
		}
		n++
	}
	if n != len(args) {
		return fmt.Sprintf(format, args...)
	}
	return string(b)
}

func (f *finding) set(o Outcome, text, cite string) *Finding {
	f.Outcome = o
	f.reason(text, cite)
	return &f.Finding
}

// timingBar is PC 1203.4's "not then serving a sentence for any offense, on
// probation for any offense, or charged with the commission of any
// offense", shared by 1203.4, 1203.4a, 1203.41 and 1203.42.
type timingBar struct {
	until   date.Date // first day free of every known condition
	unknown []string  // conditions whose end the file does not give
	known   []string  // conditions with a known end, for the trace
}

func (e *engine) timingBar() timingBar {
	var b timingBar
	st := e.f.Status
	// Supervision in the file's own cases that runs past the as-of date.
	var ongoing date.Date
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if end := probationEnd(cs.Sentence); cs.Sentence.Kind == casefile.KindProbation && !end.IsZero() && !end.Before(e.asOf) {
			ongoing = date.Max(ongoing, end)
			b.known = append(b.known, fmt.Sprintf("on probation in case %s until %s", cs.ID, end))
		}
		if end := cs.Sentence.SupervisionEndedOn; !end.IsZero() && !end.Before(e.asOf) {
			ongoing = date.Max(ongoing, end)
			b.known = append(b.known, fmt.Sprintf("under supervision in case %s until %s", cs.ID, end))
		}
	}
	if !ongoing.IsZero() {
		b.until = ongoing.AddDays(1)
	}
	if st.Probation || st.Parole {
		what := "on probation"
		if st.Parole {
			what = "on parole, PRCS or mandatory supervision"
		}
		switch {
		case !st.SupervisionEnds.IsZero():
			b.until = date.Max(b.until, st.SupervisionEnds.AddDays(1))
			b.known = append(b.known, fmt.Sprintf("%s until %s (status.supervision_ends)", what, st.SupervisionEnds))
		case st.Probation && !st.Parole && !ongoing.IsZero():
			// The status is explained by a case in the file.
		default:
			b.unknown = append(b.unknown, what+" with no end date (status.supervision_ends)")
		}
	}
	if st.Custody {
		b.unknown = append(b.unknown, "in custody now")
	}
	if st.PendingCharges {
		b.unknown = append(b.unknown, "charged with an offense now (pending charges)")
	}
	return b
}

// finish settles a petition remedy whose waiting period ends on earliest
// and whose outcome after that is ok. withBar applies the timing bar.
func (e *engine) finish(f *finding, earliest date.Date, ok Outcome, withBar bool, cite string) *Finding {
	if withBar {
		if len(e.bar.unknown) > 0 {
			f.Outcome = Review
			f.EligibleOn = earliest
			f.reason("Relief cannot be granted while the person is "+strings.Join(e.bar.unknown, "; ")+". The file does not say when that ends.", cite)
			f.trace("timing bar: %s", strings.Join(e.bar.unknown, "; "))
			f.Next = "Find out when the current sentence, supervision or case ends, then check again."
			return &f.Finding
		}
		if !e.bar.until.IsZero() && e.bar.until.After(earliest) {
			f.trace("timing bar: %s; the petition must wait until %s", strings.Join(e.bar.known, "; "), e.bar.until)
			earliest = e.bar.until
		}
	}
	f.EligibleOn = earliest
	if earliest.After(e.asOf) {
		f.Outcome = NotYet
		f.trace("as of %s the earliest date %s has not come (%d days to go)", e.asOf, earliest, e.asOf.DaysUntil(earliest))
	} else {
		f.Outcome = ok
		f.trace("earliest date %s is on or before the as-of date %s", earliest, e.asOf)
	}
	e.boundaryReview(f)
	return &f.Finding
}

// boundaryReview sends findings whose date is within a few days of the
// as-of date to review: a day's error in the file would change the answer.
func (e *engine) boundaryReview(f *finding) {
	if e.boundary < 0 || f.EligibleOn.IsZero() || (f.Outcome != NotYet && f.Outcome != Eligible && f.Outcome != Discretionary && f.Outcome != Automatic) {
		return
	}
	d := e.asOf.DaysUntil(f.EligibleOn)
	if d > -e.boundary && d <= e.boundary {
		f.trace("%s is within %d days of the as-of date %s", f.EligibleOn, e.boundary, e.asOf)
		f.reason(fmt.Sprintf("The date this becomes available (%s) is within %d days of the as-of date; confirm the exact dates in the court record before relying on it (it would otherwise be %q).", f.EligibleOn, e.boundary, f.Outcome), "")
		f.Outcome = Review
	}
}

// laterConvictions are the file's cases with a conviction after d, other
// than skip. A completed DEJ or diversion is not a conviction.
func (e *engine) laterConvictions(d date.Date, skip *casefile.Case) []*casefile.Case {
	var out []*casefile.Case
	for i := range e.f.Cases {
		cs := &e.f.Cases[i]
		if cs != skip && !cs.DEJ() && cs.ConvictionDate.After(d) {
			out = append(out, cs)
		}
	}
	return out
}
