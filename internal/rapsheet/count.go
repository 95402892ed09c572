package rapsheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/date"
)

var (
	cntLine     = lazyRE(`^CNT:\s*(\d{1,3})(?:\s*-\s*(\d{1,3}))?\s*(?:#\s*(\S+))?`)
	updateLine  = lazyRE(`^(\d{8})$`)
	dispoLine   = lazyRE(`^DISPO:\s*(.*)$`)
	statusLine  = lazyRE(`^CONV STATUS:\s*([A-Z]+)`)
	senLine     = lazyRE(`^SEN:\s*(.*)$`)
	comSen      = lazyRE(`^COM:\s*X?SEN\s*[-:]\s*X?(.*)$`)
	comCharge   = lazyRE(`^COM:\s*(?:CNT\s*\d+\s*)?(?:CHRG|CHARGE)\s*[-:]?\s*(.*)$`)
	flagLine    = lazyRE(`^-[A-Z]`)
	realignLine = lazyRE(`^-?\s*1170\s*\(H\)\s*PC\s*-?\s*SENTENCING`)
	seeComment  = lazyRE(`SEE\W*COMMENT\W*FOR\W*CHARGE`)
	keywordLine = lazyRE(`^(?:COM:|DCN:|DISPO:|CONV STATUS:|CNT:|SEN:|ARR BY|CRT #|\d{8}$)`)
	senWord     = lazyRE(`^(?:\d+\s*(?:YEARS?|YRS?|YR|MONTHS?|MOS?|MO|DAYS?|DS|D)\b|FINE|RESTN|RSTN|CONCURRENT|CONSECUTIVE|\$|PROB|JAIL|JL|PRISON|IMP SEN|EXEC SEN)`)
)

// counts reads the counts of an event. Lines before the first CNT: that
// carry a disposition or sentence (custody and registration events often
// have no CNT: line) form an implicit count 0.
func (sh *Sheet) counts(e *Event, body []Line) []Count {
	var groups [][]Line
	for _, l := range body {
		if cntLine.MatchString(l.Text) || len(groups) == 0 {
			groups = append(groups, []Line{l})
			continue
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], l)
	}
	var out []Count
	caseNo := ""
	for _, g := range groups {
		c, ok := sh.count(e, g)
		if !ok {
			continue
		}
		if c.Case == "" {
			c.Case = caseNo
		}
		caseNo = c.Case
		first, last := c.Number, c.Number
		if m := cntLine.FindStringSubmatch(g[0].Text); m != nil && m[2] != "" {
			last, _ = strconv.Atoi(m[2])
			if last < first || last-first > 99 {
				sh.warn(g[0], "count range %s-%s read as one count", m[1], m[2])
				last = first
			} else {
				c.Range = m[1] + "-" + m[2]
			}
		}
		for n := first; n <= last; n++ {
			cc := c
			cc.Number = n
			out = append(out, cc)
		}
	}
	return out
}

// count reads one count's lines. ok is false for text before any CNT:
// line that says nothing a count would.
func (sh *Sheet) count(e *Event, ls []Line) (Count, bool) {
	r := countReader{sh: sh, c: Count{At: ls[0]}, when: e.Date, whenAt: e.DateAt, di: -1}
	m := cntLine.FindStringSubmatch(ls[0].Text)
	if m != nil {
		r.c.Number, _ = strconv.Atoi(m[1])
		r.c.Case = strings.TrimRight(m[3], ".,;")
		ls = ls[1:]
	}
	for _, l := range ls {
		r.line(l)
	}
	c := r.c
	for _, f := range c.Flags {
		if strings.HasPrefix(f, "ATTEMPT") {
			c.Charge.Attempt = true
		}
	}
	for i := range c.Dispos {
		if c.Dispos[i].Sentence != nil {
			parseSentence(c.Dispos[i].Sentence)
		}
	}
	if m == nil && len(c.Dispos) == 0 && c.Charge.At.N == 0 {
		return c, false
	}
	return c, true
}

// countReader reads a count line by line.
type countReader struct {
	sh          *Sheet
	c           Count
	when        date.Date // the date the next disposition takes
	whenAt      Line
	di          int       // the disposition the lines below belong to; -1 before any
	sen         *Sentence // the sentence a continuation line extends
	wantComment bool      // SEE COMMENT FOR CHARGE seen, charge not yet read
	lastSen     string    // the last line of the sentence being read
	wraps       int       // its continuation lines so far
}

// maxWraps is how many lines a wrapped sentence may continue onto; real
// sentences wrap onto one or two.
const maxWraps = 8

func (r *countReader) line(l Line) {
	s := l.Text
	if r.sen != nil && r.wraps < maxWraps && !keywordLine.MatchString(s) && (strings.HasSuffix(r.lastSen, ",") || senWord.MatchString(s)) {
		r.sen.Text += " " + s
		r.lastSen = s
		r.wraps++
		return
	}
	r.sen = nil
	c := &r.c
	switch {
	case updateLine.MatchString(s):
		if dd, ok := ymd(s); ok {
			r.when, r.whenAt = dd, l
		} else {
			r.sh.warn(l, "update date %q is not a real date; the dispositions after it keep the event's date", s)
		}
	case dispoLine.MatchString(s):
		text := strings.TrimSpace(dispoLine.FindStringSubmatch(s)[1])
		c.Dispos = append(c.Dispos, classify(text, l, r.when, r.whenAt))
		r.di = len(c.Dispos) - 1
	case statusLine.MatchString(s):
		if r.di >= 0 {
			c.Dispos[r.di].Status, c.Dispos[r.di].StatusAt = statusLine.FindStringSubmatch(s)[1][:1], l
		} else {
			r.sh.warn(l, "CONV STATUS before any disposition; ignored")
		}
	case senLine.MatchString(s) || comSen.MatchString(s):
		r.sentence(l)
	case comCharge.MatchString(s) && (r.wantComment || c.Charge.Offense == ""):
		ch := readCommentCharge(comCharge.FindStringSubmatch(s)[1], l)
		if ch.Offense != "" || c.Charge.At.N == 0 {
			c.Charge = ch
		}
		r.wantComment = false
	case realignLine.MatchString(s):
		c.Realign = true
	case seeComment.MatchString(s):
		r.wantComment = true
		c.Charge = Charge{At: l, FromComment: true, Problem: "SEE COMMENT FOR CHARGE, and no COM: line gives the charge"}
	case flagLine.MatchString(s):
		for _, f := range strings.Fields(s) {
			if strings.HasPrefix(f, "-") {
				c.Flags = append(c.Flags, strings.TrimLeft(f, "-"))
			}
		}
	case c.Charge.At.N == 0 && chargeLine.MatchString(s):
		c.Charge = readCharge(s, l)
	}
}

// sentence reads a SEN: line or a sentence comment. A comment after a
// SEN: line adds to that sentence.
func (r *countReader) sentence(l Line) {
	c := &r.c
	s := l.Text
	t := ""
	if mm := senLine.FindStringSubmatch(s); mm != nil {
		t = mm[1]
	} else {
		t = comSen.FindStringSubmatch(s)[1]
	}
	if r.di < 0 {
		c.Dispos = append(c.Dispos, Disposition{Kind: OtherDisposition, Text: "(sentence without a disposition)", At: l, Date: r.when, DateAt: r.whenAt})
		r.di = len(c.Dispos) - 1
	}
	r.lastSen, r.wraps = strings.TrimSpace(t), 0
	if old := c.Dispos[r.di].Sentence; old != nil && !senLine.MatchString(s) && len(old.Text) < 1000 {
		old.Text += ", " + t
		r.sen = old
		return
	}
	c.Dispos[r.di].Sentence = &Sentence{Text: t, At: l}
	r.sen = c.Dispos[r.di].Sentence
}

// classify reads a disposition's text.
func classify(text string, at Line, when date.Date, whenAt Line) Disposition {
	d := Disposition{Text: text, At: at, Date: when, DateAt: whenAt}
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(text, s) {
				return true
			}
		}
		return false
	}
	prop64 := has("11361.8", "PROP 64", "PROP64")
	switch {
	case strings.HasPrefix(letters(text), "CONVICTED"): // also "CO  N VI CTE D"
		d.Kind = Convicted
	case prop64 && has("REDUC", "REDESIG"):
		d.Kind, d.Section = Reduced, "prop64"
	case prop64 && has("DISM", "SET ASIDE", "SEAL"):
		// Dismissed and sealed as legally invalid (Health & Saf. Code,
		// § 11361.8): dismissed_under has no value of its own for it.
		d.Kind, d.Section = SetAside, "other"
	case isDEJ(text):
		d.Kind, d.Section = DEJ, "granted"
		if hasSection(text, "1000.3") || has("DISM") {
			d.Section = "1000.3"
		}
	case isDiversion(text):
		d.Kind, d.Section = Diverted, "granted"
		if has("DISM", "COMPLETE", "SUCCESS") {
			d.Section = "completed"
		}
	case has("SET ASIDE", "SET-ASIDE") || (has("1203.4") && has("DISM")):
		d.Kind = SetAside
		d.Section = "other"
		if m := setAsideSection.FindString(text); m != "" {
			d.Section = strings.ToLower(m)
		}
	case has("PROS REJ", "PROSECUTOR REJ", "PROS REL"):
		d.Kind = ProsRejected
	case has("DETENTION ONLY") || strings.HasPrefix(text, "RELEASED"):
		d.Kind = DetentionOnly
	case has("PROBATION REVOKED", "PROB REVOKED", "PROBATION REVO"):
		d.Kind = ProbationRevoked
	case has("SENTENCE MODIFIED", "SEN MODIFIED", "SENTENCE MOD"):
		d.Kind = SentenceModified
	case has("REDUCED", "REDUCTION", "REDESIG"):
		d.Kind = Reduced
		switch {
		case has("1170.18", "PROP 47", "PROP47"):
			d.Section = "prop47"
		case has("17(B)", "17B", "17 (B)"):
			d.Section = "17b"
		default:
			d.Section = "other"
		}
	case has("ACQUITTED", "NOT GUILTY"):
		d.Kind = Acquitted
	case has("DISMISSED", "DISM"):
		d.Kind = Dismissed
	default:
		d.Kind = OtherDisposition
	}
	return d
}

var setAsideSection = lazyRE(`1203\.4(?:1|2|3|9|25|A)?\b`)

const codes = `PC|BP|CC|CI|EC|FA|FC|FG|GC|HN|HS|IC|LC|MV|PR|RT|SH|UI|VC|WI`

var (
	section    = `\d{1,6}(?:\.\d{1,3})?[A-Z]?(?:\s*\([0-9A-Z]{1,4}\))*`
	chargeLine = lazyRE(`^(?:(664)\s*[/-]\s*)?(` + section + `)\.?(?:\s*[/-]\s*(664))?\s*(` + codes + `)\b\s*-?\s*(.*?)\s*(?:TOC\s*:\s*([FMIN]))?$`)
	codeToken  = lazyRE(`\b(` + codes + `)\b`)
)

// readCharge reads "496 PC-RECEIVE/ETC KNOWN STOLEN PROPERTY TOC:F".
func readCharge(s string, at Line) Charge {
	m := chargeLine.FindStringSubmatch(s)
	ch := Charge{At: at, Description: strings.TrimSpace(m[5]), TOC: m[6], Attempt: m[1] != "" || m[3] != ""}
	ch.Offense, ch.Problem = offense(m[4], m[2])
	return ch
}

// readCommentCharge reads the charge of a "COM: CHRG-484-487 (A) PC …"
// line: the last section before the code (the first are the lesser
// sections the clerk also typed), with 664 read as an attempt.
func readCommentCharge(s string, at Line) Charge {
	ch := Charge{At: at, FromComment: true}
	loc := codeToken.FindStringSubmatchIndex(s)
	if loc == nil {
		ch.Problem = fmt.Sprintf("no code (PC, HS, VC, …) in the charge comment %q", s)
		return ch
	}
	parts := strings.FieldsFunc(s[:loc[0]], func(r rune) bool { return r == '-' || r == '/' })
	var secs []string
	for _, p := range parts {
		p = strings.ReplaceAll(strings.TrimSpace(p), " ", "")
		if p == "664" {
			ch.Attempt = true
			continue
		}
		if p != "" {
			secs = append(secs, p)
		}
	}
	if len(secs) == 0 {
		ch.Problem = fmt.Sprintf("no section in the charge comment %q", s)
		return ch
	}
	ch.Description = strings.TrimLeft(strings.TrimSpace(s[loc[1]:]), "- ")
	ch.Offense, ch.Problem = offense(s[loc[2]:loc[3]], secs[len(secs)-1])
	return ch
}

// isDEJ reports whether a disposition is deferred entry of judgment
// (former Pen. Code §§ 1000 to 1000.4): "DEJ GRANTED PER 1000 PC",
// "DISMISSED PER 1000.3 PC".
func isDEJ(text string) bool {
	return hasWordIn(text, "DEJ") || strings.Contains(text, "DEFERRED ENTRY") ||
		hasSection(text, "1000") || hasSection(text, "1000.1") || hasSection(text, "1000.3")
}

// isDiversion reports whether a disposition is pretrial diversion (Pen.
// Code § 1001 and the § 1001.x programs: misdemeanor, mental health,
// military): "DIVERSION GRANTED PER 1001.95 PC".
func isDiversion(text string) bool {
	if strings.Contains(text, "DIVERSION") || strings.Contains(text, "DIVERTED") {
		return true
	}
	for _, t := range sectionTokens(text) {
		if t == "1001" || strings.HasPrefix(t, "1001.") {
			return true
		}
	}
	return false
}

// hasSection reports whether text names the section sec as a whole number
// ("1000" in "PER 1000 PC", not in "11000" or "1000.3").
func hasSection(text, sec string) bool {
	for _, t := range sectionTokens(text) {
		if t == sec {
			return true
		}
	}
	return false
}

// sectionTokens splits text into runs of digits and dots, without a
// trailing dot: "PER 1000.3 PC." gives ["1000.3"].
func sectionTokens(text string) []string {
	toks := strings.FieldsFunc(text, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	out := toks[:0]
	for _, t := range toks {
		if t = strings.Trim(t, "."); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// hasWordIn reports whether w is a word of text, words being runs of
// letters.
func hasWordIn(text, w string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r < 'A' || r > 'Z' }) {
		if f == w {
			return true
		}
	}
	return false
}
