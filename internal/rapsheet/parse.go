package rapsheet

import (
	"fmt"
	"strings"
	"time"

	"github.com/reliefkit/relief/internal/date"
)

// MaxSize is the largest sheet, in bytes, Parse reads. Real sheets are a few
// dozen kilobytes; the limit keeps hostile input cheap.
const MaxSize = 4 << 20

var (
	cycleDelim   = lazyRE(`^\*(?:[\s.,]*\*){2,}[\s.,]*$`)
	eventDelim   = lazyRE(`^-(?:\s*-)+$`)
	endMessage   = lazyRE(`^(?:\*[\s*]*)?END OF MESSAGE`)
	headerDate   = lazyRE(`\bDATE\s*:\s*(\d{8})\b`)
	dateLine     = lazyRE(`^(\d{8})(?:\s+(.*?))?(?:\s+TOC\s*:\s*([FMIN]))?$`)
	personal     = lazyRE(`\b(CII|DOB|SEX|RAC|NAM|HGT|WGT|EYE|HAI|HAIR|POB|FBI|CDL|SOC|INN|MNU|SMT|MDS|OCC)/`)
	nameCont     = lazyRE(`^(\d{2,3})\s+([A-Z][A-Z' .-]*,[A-Z' .,-]*)$`)
	pc290        = lazyRE(`\b290(?:\.\d+)?(?:\([A-Z0-9]+\))*\s*PC\b|\bPC\s*290\b`)
	repeatHeader = lazyRE(`\bRE:\s*QHY|\bDATE:\s*\d{8}|^RECORD OF ARRESTS|DEPARTMENT OF JUSTICE|^RESTRICTED`)
	eventish     = lazyRE(`^[A-Z][A-Z &/.]{2,30}\s*[:;]`)
)

// Parse reads a RAP sheet's text. name is used in messages only. It fails
// with a *NotRapSheetError when the text has neither a personal block nor
// any event; everything else it cannot read becomes a Warning.
func Parse(name string, text string) (*Sheet, error) {
	return parseLines(name, splitLines(text, 0, 1))
}

// parseLines parses cleaned lines (from text or from PDF pages).
func parseLines(name string, lines []Line) (*Sheet, error) {
	sh := &Sheet{Name: name}
	lines = joinStars(lines)
	var chunks [][]Line
	var cur []Line
	seen := map[string]bool{}
	for _, l := range lines {
		if repeatHeader.MatchString(l.Text) {
			if seen[l.Text] {
				continue // the message header repeated at the top of a page
			}
			seen[l.Text] = true
		}
		if endMessage.MatchString(l.Text) {
			break
		}
		if cycleDelim.MatchString(l.Text) {
			chunks = append(chunks, cur)
			cur = nil
			continue
		}
		cur = append(cur, l)
	}
	chunks = append(chunks, cur)

	inCycles := false
	for _, ch := range chunks {
		ch = dropBanners(ch)
		if len(ch) == 0 {
			continue
		}
		if !inCycles && !startsEvent(ch[0]) {
			sh.header(ch)
			continue
		}
		if startsEvent(ch[0]) {
			inCycles = true
			sh.Cycles = append(sh.Cycles, sh.cycle(ch))
			continue
		}
		sh.warn(ch[0], "text between cycles that is not an event; not imported: %q", ch[0].Raw)
	}
	if len(sh.Person.Names) == 0 && sh.Person.CII == "" {
		why := "no CII/ number and no NAM/ name block"
		if len(sh.Cycles) == 0 {
			why += ", and no arrest, court or custody event"
		}
		return nil, &NotRapSheetError{Name: name, Why: why}
	}
	if len(sh.Cycles) == 0 && len(sh.Person.Names) == 0 {
		return nil, &NotRapSheetError{Name: name, Why: "no NAM/ name block and no events"}
	}
	for _, c := range sh.Cycles {
		for _, e := range c.Events {
			if e.Kind == Registration && mentions290(e) {
				sh.Person.Register = true
			}
		}
	}
	return sh, nil
}

func (sh *Sheet) warn(l Line, format string, args ...any) {
	sh.Warnings = append(sh.Warnings, Warning{Line: l, Msg: fmt.Sprintf(format, args...)})
}

var starOnly = lazyRE(`^[*\s.,]*\*[*\s.,]*$`)

// joinStars joins a cycle delimiter broken over lines ("*" on each of
// four lines) into one delimiter line. Each line is matched once, so a
// long run costs no more than its length.
func joinStars(lines []Line) []Line {
	out := lines[:0:0]
	inRun := false
	for _, l := range lines {
		star := starOnly.MatchString(l.Text)
		if star && inRun {
			out[len(out)-1].Text = "* * * *"
			continue
		}
		inRun = star
		out = append(out, l)
	}
	return out
}

// dropBanners removes banner lines ("** POTENTIAL FELONY STRIKE ENTRY **",
// the RESTRICTED notice) that may sit between cycle delimiters.
func dropBanners(ch []Line) []Line {
	out := ch[:0:0]
	for _, l := range ch {
		if strings.HasPrefix(l.Text, "**") || bannerLine.MatchString(l.Text) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// header reads the message header and the personal-information block.
func (sh *Sheet) header(ch []Line) {
	p := &sh.Person
	inNames := false
	for _, l := range ch {
		if m := headerDate.FindStringSubmatch(l.Text); m != nil && sh.Date.IsZero() {
			if d, ok := ymd(m[1]); ok {
				sh.Date, sh.DateLine = d, l
			}
		}
		if inNames {
			if m := nameCont.FindStringSubmatch(l.Text); m != nil {
				p.Names = append(p.Names, Name{Code: m[1], Text: tidyName(m[2]), Line: l})
				continue
			}
		}
		fields := personalFields(l.Text)
		if len(fields) > 0 {
			inNames = false
		}
		for _, f := range fields {
			val := f[1]
			if val == "" {
				continue
			}
			switch f[0] {
			case "CII":
				if p.CII == "" {
					p.CII, p.CIILine = strings.Fields(val)[0], l
				}
			case "DOB":
				if d, ok := ymd(strings.Fields(val)[0]); ok && p.DOB.IsZero() {
					p.DOB, p.DOBLine = d, l
				}
			case "SEX":
				p.Sex = val
			case "NAM":
				inNames = true
				if m := nameCont.FindStringSubmatch(val); m != nil {
					p.Names = append(p.Names, Name{Code: m[1], Text: tidyName(m[2]), Line: l})
				}
			}
		}
	}
}

// personalFields splits "DOB/19800101 SEX/F RAC/HISP" into {key, value}
// pairs.
func personalFields(s string) [][2]string {
	idx := personal.FindAllStringSubmatchIndex(s, -1)
	out := make([][2]string, 0, len(idx))
	for i, m := range idx {
		end := len(s)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		out = append(out, [2]string{s[m[2]:m[3]], strings.TrimSpace(s[m[1]:end])})
	}
	return out
}

func tidyName(s string) string { return strings.Join(strings.Fields(s), " ") }

// identify reads an event identifier line. ok is false for a line that is
// not one; an identifier-shaped line the grammar does not know gives
// Unknown when atStart (the first line of an event).
func identify(l Line, atStart bool) (kind EventKind, sub string, ok bool) {
	s := l.Text
	head, rest, colon := strings.Cut(s, ":")
	if !colon {
		head, rest, colon = strings.Cut(s, ";")
	}
	key := letters(head)
	if !colon && strings.HasPrefix(letters(s), "MENTALHLTH") {
		return MentalHealth, "", true
	}
	switch {
	case !colon || len(head) > 40:
		return "", "", false
	case strings.Contains(key, "DETCITE") || strings.Contains(key, "PETCITE") || key == "ARRDET" || strings.HasSuffix(key, "RRDETCIT"):
		return Arrest, "", true
	case strings.HasPrefix(key, "SUPPLEMENTALARR") || key == "SUPPLARR":
		return Supplemental, "", true
	case key == "COURT" || key == "COURI" || key == "OURT" || key == "CQURT" || key == "C0URT":
		return Court, "", true
	case strings.HasPrefix(key, "CUSTODY"):
		sub := strings.TrimSpace(rest)
		if i := strings.Index(sub, "  "); i >= 0 {
			sub = sub[:i]
		}
		if f := strings.Fields(sub); len(f) > 0 && strings.HasPrefix(f[0], "NAM") {
			sub = ""
		}
		return Custody, sub, true
	case key == "PROBATION":
		return Probation, "", true
	case key == "APPLICANT":
		return Applicant, "", true
	case strings.HasPrefix(key, "MENTALHLTH"):
		return MentalHealth, "", true
	case key == "DECEASED":
		return Deceased, "", true
	case key == "REGISTRATION":
		return Registration, "", true
	}
	if atStart && eventish.MatchString(s) && !countKeyword(s) {
		return Unknown, strings.TrimSpace(head), true
	}
	return "", "", false
}

// countKeyword reports lines that belong inside a count even when they
// look like an event identifier.
func countKeyword(s string) bool {
	for _, k := range []string{"CNT:", "COM:", "SEN:", "DISPO:", "CONV STATUS:", "DCN:", "ARR BY", "NAM:", "DOB:", "TOC:", "CRT #", "RE:", "TO:", "FROM:"} {
		if strings.HasPrefix(s, k) {
			return true
		}
	}
	return false
}

func startsEvent(l Line) bool {
	_, _, ok := identify(l, true)
	return ok
}

func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cycle splits a cycle's lines into events: a new event starts at an
// identifier line, and after a dashed rule any identifier-shaped line starts
// one (an unrecognised event). A dashed rule followed by ordinary text is a
// rule inside the event and joins it.
func (sh *Sheet) cycle(ch []Line) Cycle {
	c := Cycle{Start: ch[0]}
	var groups [][]Line
	atStart := true
	for _, l := range ch {
		if eventDelim.MatchString(l.Text) {
			atStart = true
			continue
		}
		if _, _, ok := identify(l, atStart); ok || len(groups) == 0 {
			groups = append(groups, []Line{l})
		} else {
			groups[len(groups)-1] = append(groups[len(groups)-1], l)
		}
		atStart = false
	}
	for _, g := range groups {
		c.Events = append(c.Events, sh.event(g))
	}
	return c
}

// event reads one event: identifier line, date line, counts.
func (sh *Sheet) event(ls []Line) Event {
	e := Event{Header: ls[0], Lines: ls}
	kind, sub, ok := identify(ls[0], true)
	if !ok {
		kind = Unknown
		sub = ls[0].Text
	}
	e.Kind = kind
	if kind == Custody {
		e.Subtype = sub
	}
	if kind == Unknown {
		sh.warn(ls[0], "unrecognised event %q; kept on the sheet, not imported", strings.TrimRight(sub, ":; "))
	}
	body := ls[1:]
	for i, l := range body {
		if m := dateLine.FindStringSubmatch(l.Text); m != nil {
			if d, ok := ymd(m[1]); ok {
				e.Date, e.DateAt, e.Agency = d, l, strings.TrimSpace(m[2])
			} else {
				sh.warn(l, "event date %q is not a real date", m[1])
				e.DateAt, e.Agency = l, strings.TrimSpace(m[2])
			}
			body = body[i+1:]
			break
		}
		if strings.HasPrefix(l.Text, "CNT:") {
			body = body[i:]
			break
		}
	}
	if e.DateAt.N == 0 {
		sh.warn(ls[0], "%s event without a date line", e.Kind)
	}
	e.Counts = sh.counts(&e, body)
	return e
}

func mentions290(e Event) bool {
	for _, l := range e.Lines {
		if pc290.MatchString(l.Text) {
			return true
		}
	}
	return false
}

// ymd reads YYYYMMDD as a real calendar date.
func ymd(s string) (date.Date, bool) {
	if len(s) != 8 {
		return date.Date{}, false
	}
	t, err := time.Parse("20060102", s)
	if err != nil || t.Year() < 1900 {
		return date.Date{}, false
	}
	return date.FromTime(t), true
}
