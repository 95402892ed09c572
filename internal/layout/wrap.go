package layout

import (
	"strings"

	"github.com/reliefkit/relief/internal/fonts"
)

// span is a piece of one line of text in one face, at x from the line start.
type span struct {
	x     float64
	face  fonts.Face
	text  string
	units int64 // the text's advance in font units, kept as text grows
	// When text is src[lo:hi] of a run's text, a following piece of the
	// same run extends it without copying.
	src    string
	lo, hi int
}

// textLine is one wrapped line.
type textLine struct {
	spans []span
	width float64
}

// word is a piece of text between spaces, possibly in several faces
// ("**Pen.** Code" has two words; "bold**face**" is one word of two pieces).
type piece struct {
	face  fonts.Face
	text  string
	w     float64
	units int64 // text's advance in font units
	// text is src[lo:hi]; place uses this to grow a span over a run's
	// own bytes instead of concatenating strings.
	src    string
	lo, hi int
}

type word struct {
	pieces  []piece
	w       float64
	spaceW  float64 // width of the space after it (0 at a line break)
	newline bool    // a hard break follows
}

// wrap breaks runs into lines no wider than width (the first line is
// first wide, to allow a hanging label or an indent). base is the
// regular face of the family; bold and italic runs take its variants.
func wrap(runs []run, base fonts.Face, size, first, width float64) []textLine {
	words := splitWords(runs, base, size)
	var lines []textLine
	var cur textLine
	limit := first
	x := 0.0
	flush := func() {
		cur.width = x
		lines = append(lines, cur)
		cur = textLine{}
		x = 0
		limit = width
	}
	for _, w := range words {
		// A word wider than a whole line is cut between characters.
		for w.w > limit && len(w.pieces) > 0 && x == 0 {
			head, rest := cutWord(w, limit, size)
			if len(head.pieces) == 0 {
				break
			}
			place(&cur, head, x, size)
			x += head.w
			flush()
			w = rest
		}
		if x > 0 && x+w.w > limit {
			// Drop the trailing space of the line.
			flush()
		}
		place(&cur, w, x, size)
		x += w.w
		if w.newline {
			flush()
			continue
		}
		x += w.spaceW
	}
	if len(cur.spans) > 0 || len(lines) == 0 {
		cur.width = x
		lines = append(lines, cur)
	}
	// A line ends where its last span's text ends: trailing spaces do not
	// count towards the width.
	for i := range lines {
		if n := len(lines[i].spans); n > 0 {
			last := lines[i].spans[n-1]
			lines[i].width = last.x + fonts.Scale(last.face, size, last.units)
		}
	}
	return lines
}

// place appends w's pieces to line at x, merging with the previous span
// when the face is the same and the text is contiguous.
func place(line *textLine, w word, x, size float64) {
	for _, p := range w.pieces {
		if n := len(line.spans); n > 0 && line.spans[n-1].face == p.face {
			prev := &line.spans[n-1]
			gap := x - (prev.x + fonts.Scale(prev.face, size, prev.units))
			if gap < 0.01 && gap > -0.01 {
				prev.extend("", p)
				x += p.w
				continue
			}
			// Join across one space in the same face.
			if sp := fonts.Width(p.face, size, " "); sp > 0 && abs(gap-sp) < 0.01 {
				prev.extend(" ", p)
				x += p.w
				continue
			}
		}
		line.spans = append(line.spans, span{x: x, face: p.face, text: p.text, units: p.units, src: p.src, lo: p.lo, hi: p.hi})
		x += p.w
	}
}

// extend appends sep and p to the span. When they follow the span's text
// in the same run, the span just takes a longer slice of it.
func (s *span) extend(sep string, p piece) {
	if sep != "" {
		s.units += fonts.Units(p.face, sep)
	}
	s.units += p.units
	if s.src != "" && s.src == p.src && p.lo == s.hi+len(sep) && s.src[s.hi:p.lo] == sep {
		s.hi = p.hi
		s.text = s.src[s.lo:s.hi]
		return
	}
	s.text += sep + p.text
	s.src, s.lo, s.hi = s.text, 0, len(s.text)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func splitWords(runs []run, base fonts.Face, size float64) []word {
	var words []word
	var cur word
	var spaceW [8]float64 // the width of a space per face, when measured
	space := func(f fonts.Face) float64 {
		if int(f) >= len(spaceW) {
			return fonts.Width(f, size, " ")
		}
		if spaceW[f] == 0 {
			spaceW[f] = fonts.Width(f, size, " ")
		}
		return spaceW[f]
	}
	flushWord := func(sp bool, newline bool) {
		if len(cur.pieces) == 0 && !newline {
			if n := len(words); sp && n > 0 && words[n-1].spaceW == 0 && !words[n-1].newline {
				last := words[n-1].pieces
				words[n-1].spaceW = space(last[len(last)-1].face)
			}
			return
		}
		if sp && len(cur.pieces) > 0 {
			cur.spaceW = space(cur.pieces[len(cur.pieces)-1].face)
		}
		cur.newline = newline
		words = append(words, cur)
		cur = word{}
	}
	// Every word's pieces live in one array: a word's slice of it is
	// capped, so nothing appended later can overwrite it.
	n := 0
	for _, r := range runs {
		n += 1 + strings.Count(r.text, " ") + strings.Count(r.text, "\n") + strings.Count(r.text, "\t")
	}
	all := make([]piece, 0, n)
	words = make([]word, 0, n)
	first := 0 // where the current word's pieces start in all
	add := func(face fonts.Face, s string, lo, hi int) {
		units := fonts.Units(face, s[lo:hi])
		w := fonts.Scale(face, size, units)
		if len(cur.pieces) == 0 {
			first = len(all)
		}
		all = append(all, piece{face: face, text: s[lo:hi], w: w, units: units, src: s, lo: lo, hi: hi})
		cur.pieces = all[first:len(all):len(all)]
		cur.w += w
	}
	for _, r := range runs {
		face := base.Styled(r.bold, r.italic)
		start := 0
		s := r.text
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == ' ' || c == '\n' || c == '\t' {
				if c == ' ' && i+1 < len(s) && glued(s[start:i], s[i+1]) {
					continue // the space stays inside the word
				}
				if i > start {
					add(face, s, start, i)
				}
				flushWord(c != '\n', c == '\n')
				start = i + 1
			}
		}
		if start < len(s) {
			add(face, s, start, len(s))
		}
	}
	if len(cur.pieces) > 0 {
		words = append(words, cur)
	}
	return words
}

var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// glued reports whether the space between word (the text of the word so
// far) and the byte next after the space must not break a line: after
// "§" or "§§" ("§ 1203.4"), after an inline checkbox, and inside a long
// date ("June 1, 2015").
func glued(word string, next byte) bool {
	// An inline checkbox stays with the word it labels.
	if strings.HasSuffix(word, "§") || strings.HasSuffix(word, boxEmpty) || strings.HasSuffix(word, boxChecked) {
		return true
	}
	if next < '0' || next > '9' {
		return false
	}
	for _, m := range months {
		rest, ok := strings.CutPrefix(word, m)
		if !ok {
			continue
		}
		if rest == "" {
			return true // "June" + "1,"
		}
		// "June 1," + "2015"
		rest, ok = strings.CutSuffix(strings.TrimPrefix(rest, " "), ",")
		return ok && len(rest) > 0 && len(rest) <= 2 && strings.Trim(rest, "0123456789") == ""
	}
	return false
}

// slice returns the piece of p's text from byte i to j.
func (p piece) slice(i, j int, size float64) piece {
	q := piece{face: p.face, text: p.text[i:j], units: fonts.Units(p.face, p.text[i:j])}
	q.w = fonts.Scale(p.face, size, q.units)
	if p.src != "" {
		q.src, q.lo, q.hi = p.src, p.lo+i, p.lo+j
	}
	return q
}

// cutWord splits w so that the head fits in limit (at least one rune):
// at the last glued space that lets it fit ("March 1," / "2010"), else
// between characters.
func cutWord(w word, limit, size float64) (head, rest word) {
	if h, r, ok := cutAtSpace(w, limit, size); ok {
		return h, r
	}
	x := 0.0
	for pi, p := range w.pieces {
		for i, r := range p.text {
			rw := fonts.Width(p.face, size, string(r))
			if x+rw > limit && (pi > 0 || i > 0) {
				head.pieces = append(head.pieces, w.pieces[:pi]...)
				if i > 0 {
					head.pieces = append(head.pieces, p.slice(0, i, size))
				}
				rest.pieces = append(rest.pieces, p.slice(i, len(p.text), size))
				rest.pieces = append(rest.pieces, w.pieces[pi+1:]...)
				for _, q := range head.pieces {
					head.w += q.w
				}
				for _, q := range rest.pieces {
					rest.w += q.w
				}
				rest.spaceW, rest.newline = w.spaceW, w.newline
				return head, rest
			}
			x += rw
		}
	}
	return w, word{}
}

// cutAtSpace splits w after its last glued space that leaves a head no
// wider than limit, dropping the space; ok is false when there is none.
func cutAtSpace(w word, limit, size float64) (head, rest word, ok bool) {
	x := 0.0
	bestP, bestI := -1, -1
	for pi, p := range w.pieces {
		for i, r := range p.text {
			if r == ' ' && x <= limit && (pi > 0 || i > 0) {
				bestP, bestI = pi, i
			}
			x += fonts.Width(p.face, size, string(r))
		}
	}
	if bestP < 0 {
		return word{}, word{}, false
	}
	p := w.pieces[bestP]
	head.pieces = append(head.pieces, w.pieces[:bestP]...)
	if bestI > 0 {
		head.pieces = append(head.pieces, p.slice(0, bestI, size))
	}
	if bestI+1 < len(p.text) {
		rest.pieces = append(rest.pieces, p.slice(bestI+1, len(p.text), size))
	}
	rest.pieces = append(rest.pieces, w.pieces[bestP+1:]...)
	for _, q := range head.pieces {
		head.w += q.w
	}
	for _, q := range rest.pieces {
		rest.w += q.w
	}
	rest.spaceW, rest.newline = w.spaceW, w.newline
	return head, rest, len(head.pieces) > 0 && len(rest.pieces) > 0
}

// plain returns the text of runs without styling.
func plain(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return b.String()
}
