package rapsheet

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

var custodyCourt = lazyRE(`(?:\bCRT\s*#\s*\S+\s+|\bSEN(?:TENCED)? FROM\s*:?\s*|\bCA(?:SC|MC|JC)\s+)([A-Z][A-Z ]+)`)

// caseHead starts a conviction's [[cases]] table: id, county, case
// number and conviction date, holding the table back when the county or
// the date cannot be used.
func (b *builder) caseHead(cv *conviction) *block {
	blk := &block{header: "[[cases]]", note: fmt.Sprintf("%s event, %s", cv.ev.Kind, cv.ev.Header.Where())}
	county, countyAt, ok := b.caseCounty(cv)
	year := ""
	if !cv.date.IsZero() {
		year = fmt.Sprint(cv.date.Year())
	}
	base := slug(county)
	if base == "" {
		base = "case"
	}
	blk.set("id", quote(b.uniqueID(strings.Trim(base+"-"+year, "-"))), "")
	if cv.custody {
		blk.alert("REVIEW: known only from a %s event with no COURT event on the sheet. The court, case number, conviction date and level below must be checked against the court's records.", cv.ev.Kind)
		b.toConfirm("the case from the CUSTODY event at %s: court, case number, conviction date and level (the sheet has no COURT event for it)", cv.ev.Header.Where())
	}
	if !ok {
		blk.off = true
		blk.alert("HELD BACK: the sheet does not name the county of conviction (%s). Add county = \"…\", check the rest, and remove the \"# \" before this table's header and keys.", src(cv.ev.DateAt))
		b.toConfirm("the county of the case at %s, held back (commented out) until it is known", cv.ev.Header.Where())
		county = "?"
	}
	blk.set("county", quote(county), src(countyAt))
	if cv.caseNo != "" {
		blk.set("case_number", quote(cv.caseNo), src(cv.caseAt))
	}
	note := src(cv.dateAt)
	if cv.custody {
		note += " (date of the custody event, not necessarily the conviction: TO CONFIRM)"
	}
	switch {
	case cv.date.IsZero():
		blk.off = true
		blk.alert("HELD BACK: the sheet gives no readable conviction date (%s).", cv.dateAt.Where())
		blk.set("conviction_date", "0000-00-00", note)
	case b.afterAsOf(cv.date):
		blk.off = true
		blk.alert("HELD BACK: CONTRADICTION: the conviction date %s is after the as-of date %s.", cv.date, b.opt.limit())
		b.warn(cv.dateAt, "conviction date %s is after the as-of date %s; the case is held back (commented out)", cv.date, b.opt.limit())
		blk.set("conviction_date", cv.date.String(), note)
	default:
		blk.set("conviction_date", cv.date.String(), note)
	}
	return blk
}

// caseBlock writes a conviction as a [[cases]] table.
func (b *builder) caseBlock(cv *conviction) *block {
	blk := b.caseHead(cv)
	for _, h := range cv.history {
		blk.comment("%s", h)
	}
	for _, o := range cv.others {
		blk.comment("%s", o)
	}
	kept := 0
	for _, cc := range cv.counts {
		cb := b.countBlock(cv, cc)
		if !cb.off {
			kept++
		}
		blk.subs = append(blk.subs, cb)
	}
	if kept == 0 && !blk.off {
		blk.off = true
		blk.alert("HELD BACK: no count of this case could be read with its offense and level; complete a count and remove the \"# \" before this table's header and keys.")
		b.toConfirm("the case at %s, held back (commented out): no count has a readable offense and level", cv.ev.Header.Where())
	}
	if s := b.sentenceBlock(cv); s != nil {
		blk.subs = append(blk.subs, s)
	}
	if r := b.reliefBlock(cv); r != nil {
		blk.subs = append(blk.subs, r)
	}
	if blk.off {
		for _, s := range blk.subs {
			s.off = true
		}
	}
	return blk
}

func (b *builder) afterAsOf(d date.Date) bool {
	l := b.opt.limit()
	return !l.IsZero() && d.After(l)
}

// caseCounty finds the county of conviction: the court's ORI name, or for
// a custody event the committing court named in its lines.
func (b *builder) caseCounty(cv *conviction) (string, Line, bool) {
	if !cv.custody {
		c, ok := countyOf(cv.ev.Agency)
		return c, cv.ev.DateAt, ok
	}
	for _, l := range cv.ev.Lines {
		if m := custodyCourt.FindStringSubmatch(l.Text); m != nil {
			if c, ok := countyOf(m[1]); ok {
				return c, l, true
			}
		}
	}
	return "", cv.ev.DateAt, false
}

// countBlock writes one convicted count.
func (b *builder) countBlock(cv *conviction, cc convCount) *block {
	cb := &block{header: "[[cases.counts]]", indent: "  ", note: fmt.Sprintf("CNT:%02d", cc.c.Number)}
	if cc.c.Range != "" {
		cb.note += fmt.Sprintf(", one of the range CNT:%s (%s)", cc.c.Range, cc.c.At.Where())
	}
	ch := cc.c.Charge
	switch {
	case ch.Offense != "":
		note := src(ch.At)
		if ch.FromComment {
			note += " (charge given in a comment)"
		}
		cb.set("offense", quote(ch.Offense), note)
	default:
		cb.off = true
		why := ch.Problem
		if why == "" {
			why = "no charge line"
		}
		cb.alert("HELD BACK: the offense could not be read (%s, %s). Write it as \"PC 459\" and remove the \"# \" before this table's header and keys.", why, cc.c.At.Where())
		b.toConfirm("the offense of count %d at %s (held back, commented out)", cc.c.Number, cc.c.At.Where())
		cb.set("offense", `"?"`, src(ch.At))
	}
	level, levelNote := "", ""
	switch {
	case cc.conv.Status != "":
		level, levelNote = levelOf(cc.conv.Status), src(cc.conv.StatusAt)
	case ch.TOC != "" && levelOf(ch.TOC) != "":
		level, levelNote = levelOf(ch.TOC), src(ch.At)+" (TOC, the type of charge: no CONV STATUS line, TO CONFIRM)"
		b.toConfirm("the level at conviction of count %d at %s: the sheet gives only the type of charge", cc.c.Number, cc.c.At.Where())
	case cv.custody && strings.HasPrefix(cv.ev.Subtype, "CD"):
		level, levelNote = casefile.Felony, src(cv.ev.Header)+" (a state prison commitment implies a felony: TO CONFIRM)"
	}
	if level == "" {
		cb.off = true
		cb.alert("HELD BACK: the sheet gives no level (CONV STATUS) for this count (%s). Add level and remove the leading \"# \".", cc.c.At.Where())
		b.toConfirm("the level at conviction of count %d at %s (held back, commented out)", cc.c.Number, cc.c.At.Where())
		level = "?"
	}
	cb.set("level", quote(level), levelNote)
	if ch.Attempt {
		cb.set("attempt", "true", src(ch.At)+" (664 or -ATTEMPTED)")
	}
	if r := cc.reduced; r != nil {
		switch {
		case level != casefile.Felony:
			cb.comment("reduction on the sheet, but the count is not a felony: %s (%s)", r.Text, r.At.Where())
		case r.Date.Before(cv.date) || b.afterAsOf(r.Date):
			cb.hold("reduced_on", r.Date.String(), "CONTRADICTION: not between the conviction and the as-of date; "+src(r.At))
			b.warn(r.At, "reduction date %s contradicts the conviction date %s; kept as a comment", r.Date, cv.date)
		default:
			cb.set("reduced_on", r.Date.String(), src(r.DateAt)+"; "+src(r.At))
			cb.set("reduced_under", quote(r.Section), src(r.At))
		}
	}
	return cb
}

func levelOf(s string) string {
	switch s {
	case "F":
		return casefile.Felony
	case "M":
		return casefile.Misdemeanor
	case "I":
		return casefile.Infraction
	}
	return ""
}

// sentenceBlock writes [cases.sentence] from the sentence in force.
func (b *builder) sentenceBlock(cv *conviction) *block {
	sb := &block{header: "[cases.sentence]", indent: "  "}
	if cv.dejGranted != nil || cv.dejDismissed != nil {
		b.dejSentence(sb, cv)
		return sb
	}
	if cv.sentence == nil {
		sb.comment("The sheet gives no sentence (SEN:) for this case: TO CONFIRM kind and terms from the docket.")
		b.toConfirm("the sentence of the case at %s: the sheet has no SEN: line for it", cv.ev.Header.Where())
		return sb
	}
	s, d := cv.sentence.Sentence, cv.sentence
	at := src(s.At)
	sb.comment("sentence on the sheet (%s): %s", s.At.Where(), clip(s.Text))
	realign := false
	for _, cc := range cv.counts {
		realign = realign || cc.c.Realign
	}
	switch {
	case s.Prison.Present:
		sb.set("kind", quote(casefile.KindPrison), at)
	case s.Probation.Present:
		sb.set("kind", quote(casefile.KindProbation), at)
		if s.PrisonSS {
			sb.set("suspended", quote("execution"), at+" (PRISON SS)")
		}
	case s.Jail.Present && realign:
		sb.set("kind", quote(casefile.KindJail1170h), at+" (1170(H) PC-SENTENCING)")
	case s.Jail.Present:
		sb.set("kind", quote(casefile.KindJail), at)
	case s.Fine:
		sb.set("kind", quote(casefile.KindFine), at)
	default:
		sb.comment("The sentence names no probation, jail, prison or fine relief can read: TO CONFIRM kind.")
		b.toConfirm("the kind of sentence of the case at %s", cv.ev.Header.Where())
	}
	if !d.Date.Equal(cv.date) && !d.Date.IsZero() {
		sb.comment("this sentence was pronounced or modified on %s (%s)", d.Date, d.DateAt.Where())
	}
	if s.Probation.Present && !s.Prison.Present {
		if s.Probation.Known() && !d.Date.IsZero() {
			end := d.Date.AddYears(s.Probation.Years).AddMonths(s.Probation.Months).AddDays(s.Probation.Days)
			sb.hold("probation_end", end.String(), fmt.Sprintf("scheduled, not proven: %s from %s (%s); confirm with the docket", strings.ToLower(s.Probation.Text), d.Date, s.At.Where()))
		} else {
			sb.comment("the sheet gives no probation length: TO CONFIRM probation_end")
		}
		b.toConfirm("probation end dates: the sheet gives only lengths, so each probation_end below is scheduled, not proven, and is commented out")
	}
	if r := cv.revoked; r != nil {
		if s.Probation.Present && d.Kind != Convicted && !d.Date.Before(r.Date) {
			// Probation again after the revocation: reinstated. The
			// revocation still means a violation was found.
			sb.set("violations", "["+r.Date.String()+"]", src(r.At)+" (probation revoked, then reinstated; the violation itself may be earlier: TO CONFIRM)")
		} else {
			sb.set("revoked", "true", src(r.At)+" (TO CONFIRM that probation was not reinstated)")
			b.toConfirm("for the case at %s: whether probation was reinstated after the revocation on %s", cv.ev.Header.Where(), r.Date)
		}
	}
	return sb
}

// dejSentence writes [cases.sentence] for a deferred entry of judgment
// (former Pen. Code § 1000): kind "dej" and the day it was granted, from
// the sheet. The § 1000.3 dismissal is written commented out: completion
// is what Pen. Code § 1203.43 relief turns on, and it is proved by the
// court's record, which the attorney confirms.
func (b *builder) dejSentence(sb *block, cv *conviction) {
	first := cv.dejGranted
	if first == nil {
		first = cv.dejDismissed
	}
	sb.set("kind", quote(casefile.KindDEJ), src(first.At)+" (deferred entry of judgment, former Pen. Code § 1000)")
	if g := cv.dejGranted; g != nil {
		sb.set("dej_granted_on", g.Date.String(), src(g.DateAt)+"; "+src(g.At))
	} else {
		sb.comment("the sheet shows the DEJ dismissal but not the grant: TO CONFIRM dej_granted_on from the docket")
		b.toConfirm("the day deferred entry of judgment was granted in the case at %s (dej_granted_on)", cv.ev.Header.Where())
	}
	if d := cv.dejDismissed; d != nil {
		sb.hold("dej_dismissed_on", d.Date.String(), src(d.DateAt)+"; "+src(d.At)+"; TO CONFIRM with the court's record: Pen. Code § 1203.43 relief turns on this dismissal")
		b.toConfirm("the DEJ dismissal under former Pen. Code § 1000.3 in the case at %s (dej_dismissed_on, commented out)", cv.ev.Header.Where())
	} else {
		sb.comment("the sheet shows no dismissal under former Pen. Code § 1000.3: DEJ may still be running or may have been terminated; TO CONFIRM")
	}
	if s := cv.sentence; s != nil && s.Sentence != nil {
		sb.comment("sentence on the sheet (%s): %s", s.Sentence.At.Where(), clip(s.Sentence.Text))
	}
}

// reliefBlock writes [cases.relief] from a set-aside disposition.
func (b *builder) reliefBlock(cv *conviction) *block {
	d := cv.setAside
	if d == nil {
		return nil
	}
	rb := &block{header: "[cases.relief]", indent: "  "}
	if d.Date.Before(cv.date) || b.afterAsOf(d.Date) {
		rb.alert("CONTRADICTION: the set-aside date %s is not between the conviction (%s) and the as-of date; kept here, not as a value", d.Date, cv.date)
		rb.hold("dismissed_on", d.Date.String(), src(d.DateAt))
		rb.hold("dismissed_under", quote(d.Section), src(d.At))
		b.warn(d.At, "set-aside date %s contradicts the conviction date %s; kept as a comment", d.Date, cv.date)
		return rb
	}
	rb.set("dismissed_on", d.Date.String(), src(d.DateAt))
	rb.set("dismissed_under", quote(d.Section), src(d.At))
	if strings.Contains(d.Text, "11361.8") || strings.Contains(d.Text, "PROP 64") || strings.Contains(d.Text, "PROP64") {
		rb.comment("dismissed and sealed under Health & Saf. Code § 11361.8 (Prop 64); dismissed_under has no value of its own for it, so \"other\"")
	}
	return rb
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = cut(s, 200)
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
