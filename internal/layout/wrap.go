package layout

import (
	"strings"

	"github.com/reliefkit/relief/internal/fonts"
)

// span is a piece of one line of text in one face, at x from the line
// start. Its text is src[lo:hi]: a following piece of the same run
// extends it by taking a longer slice, without copying.
type span struct {
	x      float64
	src    string
	lo, hi int
	face   fonts.Face
	units  int64 // the text's advance in font units, kept as text grows
}

func (s *span) text() string { return s.src[s.lo:s.hi] }

// textLine is one wrapped line.
type textLine struct {
	spans []span
	width float64
}

// piece is part of a word in one face: src[lo:hi] of a run's text
// ("**Pen.** Code" has two words; "bold**face**" is one word of two
// pieces).
type piece struct {
	src    string
	lo, hi int
	face   fonts.Face
	units  int64   // the text's advance in font units
	w      float64 // and in points
}

func (p *piece) text() string { return p.src[p.lo:p.hi] }

// word is a piece of text between spaces, possibly in several faces.
type word struct {
	pieces  []piece
	w       float64
	spaceW  float64 // width of the space after it (0 at a line break)
	newline bool    // a hard break follows
}

// lineBuf holds the lines and spans of wrapped text and the pieces of the
// word being placed. A pager keeps one for its paragraphs and reuses it
// for the next: every paragraph is drawn (its text becomes Ops, strings
// sharing the runs' bytes) before the next is wrapped, so the spans need
// not outlive it, and a fresh process pays a page fault for every new
// 4 KiB it touches. Text whose lines are kept, such as a table's cells,
// wraps with a lineBuf of its own (wrap).
type lineBuf struct {
	lines  []textLine
	spans  []span
	pieces []piece
}

// wrap breaks runs into lines no wider than width (the first line is
// first wide, to allow a hanging label or an indent). base is the
// regular face of the family; bold and italic runs take its variants.
func wrap(runs []run, base fonts.Face, size, first, width float64) []textLine {
	var b lineBuf
	return b.wrap(runs, base, size, first, width)
}

// wrap is the function wrap, into b: the lines it returns, and their
// spans, are overwritten by the next call.
func (b *lineBuf) wrap(runs []run, base fonts.Face, size, first, width float64) []textLine {
	b.lines, b.spans = b.lines[:0], b.spans[:0]
	start := 0 // where the spans of the line being filled start in b.spans
	limit := first
	x := 0.0
	flush := func() {
		// Capped, so that the next line's spans never write into it.
		b.lines = append(b.lines, textLine{spans: b.spans[start:len(b.spans):len(b.spans)], width: x})
		start = len(b.spans)
		x = 0
		limit = width
	}
	b.pieces = splitWords(runs, base, size, b.pieces, func(w word) {
		// A word wider than a whole line is cut between characters.
		for w.w > limit && len(w.pieces) > 0 && x == 0 {
			head, rest := cutWord(w, limit, size)
			if len(head.pieces) == 0 {
				break
			}
			b.spans = place(b.spans, start, head, x, size)
			x += head.w
			flush()
			w = rest
		}
		if x > 0 && x+w.w > limit {
			// Drop the trailing space of the line.
			flush()
		}
		b.spans = place(b.spans, start, w, x, size)
		x += w.w
		if w.newline {
			flush()
			return
		}
		x += w.spaceW
	})
	if len(b.spans) > start || len(b.lines) == 0 {
		flush()
	}
	// A line ends where its last span's text ends: trailing spaces do not
	// count towards the width.
	for i := range b.lines {
		if n := len(b.lines[i].spans); n > 0 {
			last := b.lines[i].spans[n-1]
			b.lines[i].width = last.x + fonts.Scale(last.face, size, last.units)
		}
	}
	return b.lines
}

// place appends w's pieces at x to the line whose spans are spans[start:],
// merging with the previous span when the face is the same and the text
// is contiguous.
func place(spans []span, start int, w word, x, size float64) []span {
	for i := range w.pieces {
		p := &w.pieces[i]
		if n := len(spans); n > start && spans[n-1].face == p.face {
			prev := &spans[n-1]
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
		spans = append(spans, span{x: x, src: p.src, lo: p.lo, hi: p.hi, face: p.face, units: p.units})
		x += p.w
	}
	return spans
}

// extend appends sep and p to the span. When they follow the span's text
// in the same run, the span just takes a longer slice of it.
func (s *span) extend(sep string, p *piece) {
	if sep != "" {
		s.units += fonts.Units(p.face, sep)
	}
	s.units += p.units
	if s.src == p.src && p.lo == s.hi+len(sep) && s.src[s.hi:p.lo] == sep {
		s.hi = p.hi
		return
	}
	t := s.text() + sep + p.text()
	s.src, s.lo, s.hi = t, 0, len(t)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// splitWords calls yield with each word of runs, in order, and returns
// buf for the next call. A word's pieces are in buf, which the next word
// reuses: yield keeps nothing of them (place copies them into spans).
func splitWords(runs []run, base fonts.Face, size float64, buf []piece, yield func(word)) []piece {
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
	cur := word{pieces: buf[:0]}
	// A space or a line break ends the word before it. A space that
	// follows no word (a second space) changes nothing: the word before it
	// already has the width of one space after it, as every face's space
	// is wider than zero.
	flushWord := func(sp bool, newline bool) {
		if len(cur.pieces) == 0 && !newline {
			return
		}
		if sp && len(cur.pieces) > 0 {
			cur.spaceW = space(cur.pieces[len(cur.pieces)-1].face)
		}
		cur.newline = newline
		yield(cur)
		cur = word{pieces: cur.pieces[:0]}
	}
	add := func(face fonts.Face, s string, lo, hi int) {
		units := fonts.Units(face, s[lo:hi])
		w := fonts.Scale(face, size, units)
		cur.pieces = append(cur.pieces, piece{src: s, lo: lo, hi: hi, face: face, units: units, w: w})
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
		yield(cur)
	}
	return cur.pieces[:0]
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
func (p *piece) slice(i, j int, size float64) piece {
	q := piece{src: p.src, lo: p.lo + i, hi: p.lo + j, face: p.face}
	q.units = fonts.Units(q.face, q.text())
	q.w = fonts.Scale(q.face, size, q.units)
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
		for i, r := range p.text() {
			rw := fonts.Width(p.face, size, string(r))
			if x+rw > limit && (pi > 0 || i > 0) {
				head.pieces = append(head.pieces, w.pieces[:pi]...)
				if i > 0 {
					head.pieces = append(head.pieces, p.slice(0, i, size))
				}
				rest.pieces = append(rest.pieces, p.slice(i, p.hi-p.lo, size))
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
		for i, r := range p.text() {
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
	if bestI+1 < p.hi-p.lo {
		rest.pieces = append(rest.pieces, p.slice(bestI+1, p.hi-p.lo, size))
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
