package rapsheet

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/date"
)

// conviction is a case being assembled from a cycle's court events.
type conviction struct {
	ev       *Event
	caseNo   string
	caseAt   Line
	date     date.Date
	dateAt   Line
	counts   []convCount
	sentence *Disposition // the disposition whose sentence is in force
	history  []string     // earlier sentences, replaced by a modification
	revoked  *Disposition
	setAside *Disposition
	// dejGranted and dejDismissed are the deferred entry of judgment
	// (former Pen. Code § 1000) granted and the § 1000.3 dismissal that
	// ended it; a case with either is a DEJ case (sentence kind "dej").
	dejGranted   *Disposition
	dejDismissed *Disposition
	others       []string // dismissed counts and later dispositions, for comments
	custody      bool     // known only from a CUSTODY event
}

type convCount struct {
	c       Count
	conv    Disposition
	reduced *Disposition
}

// cycle turns one cycle into cases, an arrest, or both.
func (b *builder) cycle(c *Cycle) {
	var convs []*conviction
	var open []Count // counts of court events that did not end in conviction
	var arrests, courts []*Event
	for i := range c.Events {
		e := &c.Events[i]
		switch e.Kind {
		case Arrest, Supplemental:
			arrests = append(arrests, e)
		case Court:
			courts = append(courts, e)
			open = append(open, b.court(e, &convs)...)
		case Probation, Applicant, MentalHealth, Deceased:
			b.warn(e.Header, "%s event: not imported (no case-file key holds it); read it on the sheet", e.Kind)
		}
	}
	if len(convs) == 0 {
		for i := range c.Events {
			if e := &c.Events[i]; e.Kind == Custody {
				if cv := b.custody(e); cv != nil {
					convs = append(convs, cv)
				}
			}
		}
	}
	for _, cv := range convs {
		for _, n := range open {
			cv.others = append(cv.others, fmt.Sprintf("count %d (%s) did not end in conviction: %s (%s); the arrest led to a conviction, so sealing it under Pen. Code, § 851.91 is not open", n.Number, offenseText(n.Charge), lastDispo(n), n.At.Where()))
		}
		b.cases = append(b.cases, b.caseBlock(cv))
	}
	if len(convs) == 0 && (len(arrests) > 0 || len(courts) > 0) {
		b.arrests = append(b.arrests, b.arrestBlock(arrests, courts, open))
	}
	if len(convs) > 0 && len(arrests) > 0 {
		for _, cv := range convs {
			if !cv.custody && cv.date.Before(arrests[0].Date) {
				b.warn(cv.dateAt, "the conviction date %s is before the arrest date %s (%s); both are kept, check the docket", cv.date, arrests[0].Date, arrests[0].DateAt.Where())
				cv.others = append(cv.others, fmt.Sprintf("CONTRADICTION: conviction %s is before the arrest on %s (%s); check the docket", cv.date, arrests[0].Date, arrests[0].DateAt.Where()))
			}
		}
	}
}

func offenseText(ch Charge) string {
	if ch.Offense == "" {
		return "offense not read"
	}
	if ch.Attempt {
		return "attempted " + ch.Offense
	}
	return ch.Offense
}

func lastDispo(n Count) string {
	if len(n.Dispos) == 0 {
		return "no disposition on the sheet"
	}
	return n.Dispos[len(n.Dispos)-1].Text
}

// court reads a court event's counts into convictions, applying later
// dispositions (set aside, revocation, modification, reduction) to the
// conviction they follow. It returns the counts that ended otherwise.
func (b *builder) court(e *Event, convs *[]*conviction) []Count {
	var open []Count
	for _, n := range e.Counts {
		ci := -1
		for i, d := range n.Dispos {
			// Deferred entry of judgment follows a guilty plea: the
			// case file holds it as a case with sentence kind "dej".
			if d.Kind == Convicted || d.Kind == DEJ {
				ci = i
				break
			}
		}
		if ci < 0 {
			if rest, ok := b.applyToCase(*convs, e, n); ok {
				if len(rest.Dispos) > 0 {
					open = append(open, rest)
				}
				continue
			}
			open = append(open, n)
			continue
		}
		cv := findCase(*convs, e, n.Case)
		if cv == nil {
			cv = &conviction{ev: e, caseNo: n.Case, caseAt: n.At, date: n.Dispos[ci].Date, dateAt: n.Dispos[ci].DateAt}
			if n.Dispos[ci].Kind == DEJ {
				// The plea came at the court event; a DEJ line's own
				// date may be the later dismissal.
				cv.date, cv.dateAt = e.Date, e.DateAt
			}
			*convs = append(*convs, cv)
		}
		if n.Dispos[ci].Kind == DEJ {
			b.dej(cv, n.Dispos[ci])
		}
		cv.counts = append(cv.counts, convCount{c: n, conv: n.Dispos[ci]})
		cc := &cv.counts[len(cv.counts)-1]
		if cv.sentence == nil && n.Dispos[ci].Sentence != nil {
			cv.sentence = &n.Dispos[ci]
		}
		for _, d := range n.Dispos[ci+1:] {
			b.later(cv, cc, d)
		}
	}
	return open
}

func findCase(convs []*conviction, e *Event, caseNo string) *conviction {
	for _, cv := range convs {
		if cv.ev == e && cv.caseNo == caseNo {
			return cv
		}
	}
	return nil
}

// caseLevel reports dispositions that change a conviction rather than end
// a count: they apply to the case whichever count line carries them.
func caseLevel(k DispoKind) bool {
	return k == SetAside || k == ProbationRevoked || k == SentenceModified || k == Reduced || k == DEJ
}

// applyToCase applies a non-convicted count's case-level dispositions (a
// set-aside after the last count, a later court event's revocation) to the
// conviction with the same case number. It returns the count with only its
// other dispositions, and whether a conviction took the rest.
func (b *builder) applyToCase(convs []*conviction, e *Event, n Count) (Count, bool) {
	cv, cc := findCount(convs, e, n)
	if cv == nil {
		return n, false
	}
	rest := n
	rest.Dispos = nil
	took := false
	for _, d := range n.Dispos {
		if caseLevel(d.Kind) || cv.ev != e {
			b.later(cv, cc, d)
			took = true
			continue
		}
		rest.Dispos = append(rest.Dispos, d)
	}
	if !took {
		return n, false
	}
	return rest, true
}

// findCount finds an earlier conviction for a count of a later court event
// (same case number and count number, or the same case number alone).
func findCount(convs []*conviction, e *Event, n Count) (*conviction, *convCount) {
	for _, cv := range convs {
		if n.Case == "" || cv.caseNo != n.Case {
			continue
		}
		if cv.ev == e {
			return cv, nil // the same event: its own count is not convicted
		}
		for i := range cv.counts {
			if cv.counts[i].c.Number == n.Number {
				return cv, &cv.counts[i]
			}
		}
		return cv, nil
	}
	return nil, nil
}

// later applies a disposition that follows a conviction.
func (b *builder) later(cv *conviction, cc *convCount, d Disposition) {
	switch d.Kind {
	case SetAside:
		if cv.setAside == nil {
			cv.setAside = &d
		}
	case ProbationRevoked:
		cv.revoked = &d
		if d.Sentence != nil {
			b.modify(cv, d)
		}
	case SentenceModified:
		b.modify(cv, d)
	case DEJ:
		b.dej(cv, d)
	case Reduced:
		if cc != nil && cc.reduced == nil {
			cc.reduced = &d
		} else if cc == nil {
			cv.others = append(cv.others, fmt.Sprintf("reduction not tied to a count: %s (%s)", d.Text, d.At.Where()))
		}
	default:
		cv.others = append(cv.others, fmt.Sprintf("later disposition %s: %s (%s)", d.Date, d.Text, d.At.Where()))
	}
}

// dej records a deferred entry of judgment disposition: the grant, or the
// former § 1000.3 dismissal that ended it.
func (b *builder) dej(cv *conviction, d Disposition) {
	dd := d
	switch {
	case d.Section == "1000.3" && cv.dejDismissed == nil:
		cv.dejDismissed = &dd
	case d.Section != "1000.3" && cv.dejGranted == nil:
		cv.dejGranted = &dd
	default:
		cv.others = append(cv.others, fmt.Sprintf("another DEJ disposition on %s: %s (%s)", d.Date, d.Text, d.At.Where()))
	}
}

// modify records a new sentence, keeping the one it replaces in a comment.
func (b *builder) modify(cv *conviction, d Disposition) {
	if d.Sentence == nil {
		cv.others = append(cv.others, fmt.Sprintf("sentence modified on %s with no new SEN: line (%s)", d.Date, d.At.Where()))
		return
	}
	if cv.sentence != nil {
		cv.history = append(cv.history, fmt.Sprintf("sentence before %s: %s (%s)", d.Date, cv.sentence.Sentence.Text, cv.sentence.Sentence.At.Where()))
	}
	dd := d
	cv.sentence = &dd
}

// custody makes a case out of a CUSTODY event that names a sentence or a
// commitment when the cycle has no court conviction: evidence of a
// conviction the attorney must see. It returns nil for a custody event that
// says nothing of the kind (a booking alone).
func (b *builder) custody(e *Event) *conviction {
	var counts []Count
	var sen *Disposition
	for _, n := range e.Counts {
		for i := range n.Dispos {
			if n.Dispos[i].Sentence != nil && sen == nil {
				sen = &n.Dispos[i]
			}
		}
		counts = append(counts, n)
	}
	committed := strings.HasPrefix(e.Subtype, "CDC") || strings.HasPrefix(e.Subtype, "CYA") || strings.HasPrefix(e.Subtype, "CDCR")
	if sen == nil && !committed {
		b.warn(e.Header, "CUSTODY event with no sentence (a booking): not imported")
		return nil
	}
	cv := &conviction{ev: e, date: e.Date, dateAt: e.DateAt, sentence: sen, custody: true}
	if len(counts) > 0 {
		cv.caseAt = counts[0].At
	}
	for _, n := range counts {
		d := Disposition{Kind: Convicted, Text: "(custody event)", Date: e.Date, DateAt: e.DateAt, At: n.At}
		for _, x := range n.Dispos {
			if x.Status != "" {
				d.Status, d.StatusAt = x.Status, x.StatusAt
			}
		}
		cv.counts = append(cv.counts, convCount{c: n, conv: d})
	}
	b.warn(e.Header, "CUSTODY event with a sentence or commitment and no COURT event in its cycle: imported as a case for review")
	return cv
}
