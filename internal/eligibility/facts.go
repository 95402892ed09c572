package eligibility

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

// countFacts is what the rules need to know about one count: the case file's
// facts, the offense table's classification, and the file's overrides of it.
type countFacts struct {
	cs    *casefile.Case
	n     *casefile.Count
	index int // 1-based

	ref      law.Ref
	refErr   error
	off      *law.Offense   // nil when the table does not know the section
	narrower []*law.Offense // more specific entries the offense string does not pick between

	attempt    bool
	conspiracy bool

	reduced  bool   // already reduced to a misdemeanor
	levelNow string // level today, after any reduction

	wobbler     law.Tri
	requires290 law.Tri
	serious     law.Tri
	violent     law.Tri
	realigned   law.Tri
	reducible   law.Tri // to an infraction (PC 19.8)
	// reducibleByFile: the case file, not the table, says the count may be
	// reduced to an infraction (reducible_to_infraction = true).
	reducibleByFile bool

	prop47      law.Tri // a Prop 47 offense (PC 1170.18)
	prop47Value bool    // the Prop 47 test is a value of $950 or less
	prop64      bool    // a Prop 64 cannabis offense (HS 11361.8)
	lifeTerm    law.Tri
	corPlus4    bool
	vc12810     law.Tri

	excl1203_4b      string // law.Excl* of the matched entry
	excl1203_4bMaybe bool   // a narrower entry is excluded and the file does not say which
	excl4852         law.Tri
	abuse            string

	classified string // tableTrace, worked out once for every finding's trace
}

func (f *countFacts) name() string {
	if f.refErr == nil {
		return f.ref.String()
	}
	return f.n.Offense
}

// known reports whether the table classifies the offense.
func (f *countFacts) known() bool { return f.off != nil }

// tri converts an override pointer to a Tri.
func triOf(b *bool) (law.Tri, bool) {
	if b == nil {
		return law.Facts, false
	}
	if *b {
		return law.Yes, true
	}
	return law.No, true
}

// agree folds a flag over the matched entry and its narrower entries: when
// they disagree the answer depends on the subdivision, which is a fact.
func agree(off *law.Offense, narrower []*law.Offense, get func(*law.Offense) law.Tri) law.Tri {
	if off == nil {
		return law.Facts
	}
	v := get(off)
	for _, o := range narrower {
		if get(o) != v {
			return law.Facts
		}
	}
	return v
}

func boolTri(b bool) law.Tri {
	if b {
		return law.Yes
	}
	return law.No
}

func newCountFacts(tab *law.Table, cs *casefile.Case, n *casefile.Count, index int) *countFacts {
	f := &countFacts{cs: cs, n: n, index: index, attempt: n.Attempt}
	if cs.IsCalifornia() {
		f.ref, f.refErr = law.ParseRef(n.Offense)
	} else {
		// Another jurisdiction's statute is never read as California's.
		f.refErr = errNotCalifornia
	}
	if f.refErr == nil {
		f.attempt = f.attempt || f.ref.Attempt
		f.conspiracy = f.ref.Conspiracy
		m := tab.Lookup(f.ref)
		f.off = m.Offense
		f.narrower = m.Narrower
	}
	f.reduced = !n.ReducedOn.IsZero() && n.Level == casefile.Felony
	f.levelNow = n.Level
	if f.reduced {
		f.levelNow = casefile.Misdemeanor
	}

	// Wobbler: a felony that could have been a misdemeanor.
	f.wobbler = agree(f.off, f.narrower, func(o *law.Offense) law.Tri {
		switch o.Level {
		case law.LevelWobbler:
			return law.Yes
		case law.LevelFelony, law.LevelWobblette, law.LevelInfraction:
			return law.No
		}
		if o.PriorDependent != "" {
			return law.Facts // e.g. HS 11350 is a felony only with disqualifying priors
		}
		return law.No
	})
	f.requires290 = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return o.Registrable290 })
	f.serious = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return o.Serious })
	f.violent = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return o.Violent })
	f.realigned = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return o.Realigned1170h })
	// Only a section listed in PC 19.8 may be reduced under § 17(d)(2); a
	// misdemeanor that its own statute lets the prosecutor charge as an
	// infraction (a "wobblette" such as PC 490.1) is not thereby listed.
	f.reducible = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return boolTri(o.ReducibleToInfraction) })
	f.prop47 = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return o.Prop47 })
	f.prop64 = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return boolTri(o.Prop64) }) == law.Yes
	f.lifeTerm = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return boolTri(o.LifeTerm) })
	f.vc12810 = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return boolTri(o.VC12810) })
	f.excl4852 = agree(f.off, f.narrower, func(o *law.Offense) law.Tri { return boolTri(o.Excl4852_01c) })
	if f.off != nil {
		f.corPlus4 = f.off.CORPlus4
		f.excl1203_4b = f.off.Excl1203_4b
		f.abuse = f.off.AbuseCategory
		f.prop47Value = f.off.Prop47Value
		for _, o := range f.narrower {
			if o.Excl1203_4b != "" && f.excl1203_4b == "" {
				f.excl1203_4bMaybe = true
			}
		}
	}
	if f.off == nil && f.refErr == nil {
		// Unknown sections are not on any exclusion list (the table carries
		// every listed section), but nothing else about them is known.
		f.excl4852 = law.No
		f.vc12810 = law.No
	}

	// An attempt or conspiracy is classified by its target only in part.
	if f.attempt || f.conspiracy {
		if f.serious == law.Yes {
			f.serious = law.Facts
		}
		if f.violent == law.Yes {
			f.violent = law.Facts
		}
		if f.excl4852 == law.Yes {
			f.excl4852 = law.Facts
		}
	}

	tableReducible := f.reducible
	// The case file's overrides win over the table.
	for _, o := range []struct {
		b *bool
		t *law.Tri
	}{{n.Wobbler, &f.wobbler}, {n.Requires290, &f.requires290}, {n.Serious, &f.serious}, {n.Violent, &f.violent},
		{n.Realigned, &f.realigned}, {n.ReducibleToInfraction, &f.reducible}, {n.LifeTerm, &f.lifeTerm}} {
		if t, ok := triOf(o.b); ok {
			*o.t = t
		}
	}
	f.reducibleByFile = f.reducible == law.Yes && tableReducible != law.Yes
	f.classified = f.tableTrace()
	return f
}

// errNotCalifornia marks a count of a federal or other-state conviction.
var errNotCalifornia = errors.New("not a California conviction")

// jurisdictionName names the law a case was decided under.
func jurisdictionName(cs *casefile.Case) string {
	switch {
	case cs.Jurisdiction == casefile.Federal:
		return "federal"
	case cs.State != "":
		return cs.State + " (another state's)"
	}
	return "another state's"
}

// describe is the offense's label for reports.
func (f *countFacts) describe() string {
	if f.n.Description != "" {
		return f.n.Description
	}
	if f.off != nil {
		s := f.off.Label
		if f.attempt {
			s = "attempted " + s
		}
		return s
	}
	return ""
}

// tableTrace says how the offense was classified.
func (f *countFacts) tableTrace() string {
	switch {
	case f.refErr == errNotCalifornia:
		return fmt.Sprintf("offense %q is %s law, not looked up in California's offense table", f.n.Offense, jurisdictionName(f.cs))
	case f.refErr != nil:
		return fmt.Sprintf("offense %q could not be read: %v", f.n.Offense, f.refErr)
	case f.off == nil:
		return fmt.Sprintf("%s is not in relief's offense table", f.ref.String())
	}
	var flags []string
	add := func(name string, t law.Tri) {
		switch t {
		case law.Yes:
			flags = append(flags, name)
		case law.Facts:
			flags = append(flags, name+" (depends on facts)")
		}
	}
	add("wobbler", f.wobbler)
	add("serious", f.serious)
	add("violent", f.violent)
	add("PC 290", f.requires290)
	add("1170(h)", f.realigned)
	add("VC 12810", f.vc12810)
	s := fmt.Sprintf("offense table: %s = %s", f.ref.String(), f.off.Label)
	if sub := f.off.Subdivision; sub != "" || f.off.Degree != "" {
		s += fmt.Sprintf(" (entry %s %s%s", f.off.Code, f.off.Section, sub)
		if f.off.Degree != "" {
			s += ", " + f.off.Degree + " degree"
		}
		s += ")"
	}
	if len(flags) > 0 {
		s += "; " + strings.Join(flags, ", ")
	}
	return s
}

// probationEnd is the day probation ended or is scheduled to end: the early
// termination date when there is one.
func probationEnd(s casefile.Sentence) date.Date {
	if !s.TerminatedEarlyOn.IsZero() {
		return s.TerminatedEarlyOn
	}
	return s.ProbationEnd
}

// completion is the day every term of the sentence was done, and how it was
// worked out; zero when the file does not say.
func completion(c *casefile.Case) (date.Date, string) {
	s := c.Sentence
	if !s.CompletedOn.IsZero() {
		return s.CompletedOn, "completed_on " + s.CompletedOn.String()
	}
	switch s.Kind {
	case casefile.KindProbation:
		if e := probationEnd(s); !e.IsZero() {
			return e, "probation ended " + e.String()
		}
	case casefile.KindJail:
		if !s.ReleasedOn.IsZero() {
			return s.ReleasedOn, "released from jail " + s.ReleasedOn.String()
		}
	case casefile.KindJail1170h:
		if s.MandatorySupervision {
			if !s.SupervisionEndedOn.IsZero() {
				return s.SupervisionEndedOn, "mandatory supervision ended " + s.SupervisionEndedOn.String()
			}
			return date.Date{}, ""
		}
		if !s.ReleasedOn.IsZero() {
			return s.ReleasedOn, "released from county jail " + s.ReleasedOn.String()
		}
	case casefile.KindPrison:
		if !s.SupervisionEndedOn.IsZero() {
			return s.SupervisionEndedOn, "discharged from parole/PRCS " + s.SupervisionEndedOn.String()
		}
	case casefile.KindFine:
		if s.Completed == nil || *s.Completed {
			j := c.JudgmentDate()
			return j, "fine-only sentence pronounced " + j.String() + " (taken as performed; unpaid fines other than restitution need review)"
		}
	}
	return date.Date{}, ""
}
