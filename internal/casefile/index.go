package casefile

import (
	"fmt"
	"strconv"
	"strings"
)

// BurntSushi/toml does not report where keys are, so this file holds a small,
// forgiving scanner of the TOML source that remembers the line (and column)
// of every key, table header and list element, under the same key paths the
// messages use: cases[1].counts[0].level. It never fails: on text it does
// not understand it skips to the end of the line, because its only jobs are
// to place messages and to refuse nesting deep enough to hurt the real
// parser (which recurses once per level of nested arrays or inline tables).
//
// Those are two jobs of different cost. Every file needs the limits, and
// checkLimits scans for them alone: no key paths, no maps, nothing kept. A
// file with a problem also needs the lines, and indexLines scans again,
// recording them. Both walk the text with the same code, so they stop at
// the same limit in the same place.

// Limits enforced before the TOML parser sees the text. Real case files need
// at most three levels of nesting and three dotted key parts.
const (
	maxDepth    = 16  // arrays and inline tables inside one another
	maxKeyParts = 16  // parts of one dotted key or table header
	maxItems    = 200 // entries of any list (cases, counts, arrests, …)
)

// pathElem is one step of a key path: a key, or an index into a list.
type pathElem struct {
	name  string
	index int // >= 0 for a list index; -1 for a key
}

// keyPath is a key path such as cases[1].counts[0].level.
type keyPath []pathElem

// key returns p extended by a key, without sharing p's backing array.
func (p keyPath) key(name string) keyPath {
	return append(p[:len(p):len(p)], pathElem{name: name, index: -1})
}

// at returns p extended by a list index.
func (p keyPath) at(i int) keyPath {
	return append(p[:len(p):len(p)], pathElem{index: i})
}

// parent returns p without its last step.
func (p keyPath) parent() keyPath {
	if len(p) == 0 {
		return p
	}
	return p[: len(p)-1 : len(p)-1]
}

// String formats the path for messages; keys that are not bare TOML keys
// are quoted.
func (p keyPath) String() string {
	var b strings.Builder
	for i, e := range p {
		if e.index >= 0 {
			b.WriteString("[")
			b.WriteString(strconv.Itoa(e.index))
			b.WriteString("]")
			continue
		}
		if i > 0 {
			b.WriteString(".")
		}
		b.WriteString(quoteKey(e.name))
	}
	return b.String()
}

// header returns how the table at p is written as a TOML header:
// "[[cases.counts]]" for cases[0].counts[1], "[cases.sentence]" otherwise.
func (p keyPath) header() string {
	var names []string
	for _, e := range p {
		if e.index < 0 {
			names = append(names, quoteKey(e.name))
		}
	}
	if len(p) > 0 && p[len(p)-1].index >= 0 {
		return "[[" + strings.Join(names, ".") + "]]"
	}
	return "[" + strings.Join(names, ".") + "]"
}

// quoteKey quotes a key unless it is a bare TOML key.
func quoteKey(s string) string {
	if s == "" {
		return `""`
	}
	for i := 0; i < len(s); i++ {
		if !isBareKeyByte(s[i]) || s[i] >= 0x80 {
			return strconv.Quote(s)
		}
	}
	return s
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c >= 0x80 // TOML 1.1 allows more; be forgiving
}

// position is where something starts in the source.
type position struct{ line, col int }

// lineIndex maps key paths to where they first appear.
type lineIndex struct {
	at     map[string]position
	byLine map[int][]keyAt // every key, header and element, by line

	// Set when the text is nested too deeply to hand to the parser.
	limit    string // message; "" when within limits
	limitPos position
	depth    int // deepest nesting of arrays and inline tables seen
}

// lazyIndex builds the lineIndex of src the first time it is asked for:
// only a file with a problem to report needs one.
type lazyIndex struct {
	src string
	idx *lineIndex
}

func (l *lazyIndex) get() *lineIndex {
	if l.idx == nil {
		l.idx = indexLines(l.src)
	}
	return l.idx
}

// line returns the line of p, or of its nearest ancestor present in the
// file; 0 when none is.
func (x *lineIndex) line(p keyPath) int {
	for {
		if pos, ok := x.at[p.String()]; ok {
			return pos.line
		}
		if len(p) == 0 {
			return 0
		}
		p = p.parent()
	}
}

// keyAt is a key path and the column where it starts.
type keyAt struct {
	col  int
	path string
}

// keyAt returns the key path that starts last on line at or before col: the
// key whose value a syntax error at (line, col) is in; "" when none does.
func (x *lineIndex) keyAt(line, col int) string {
	best := keyAt{}
	for _, k := range x.byLine[line] {
		if k.col <= col && k.col >= best.col { // later entries are deeper
			best = k
		}
	}
	return best.path
}

// scanner walks the source once, building a lineIndex.
type scanner struct {
	src       string
	pos       int
	line      int
	lineStart int // offset of the first byte of the current line

	idx   *lineIndex
	full  bool           // record key paths; false: only the limits and depth
	table keyPath        // the table the current [header] opened
	aot   map[string]int // array-of-tables path → entries seen so far
	stop  bool           // a limit was hit; stop scanning
}

// indexLines scans src, recording where every key path is.
func indexLines(src string) *lineIndex {
	s := &scanner{
		src:  src,
		line: 1,
		idx:  &lineIndex{at: make(map[string]position), byLine: make(map[int][]keyAt)},
		full: true,
		aot:  make(map[string]int),
	}
	s.top()
	return s.idx
}

// checkLimits scans src for the limits alone. Its answer has the limit,
// limitPos and depth that indexLines would give, and no key paths.
func checkLimits(src string) *lineIndex {
	s := &scanner{src: src, line: 1, idx: &lineIndex{}}
	s.top()
	return s.idx
}

// at extends p by a list index when the scanner records paths; otherwise
// it returns nil and allocates nothing.
func (s *scanner) at(p keyPath, i int) keyPath {
	if !s.full {
		return nil
	}
	return p.at(i)
}

func (s *scanner) eof() bool { return s.pos >= len(s.src) }

func (s *scanner) peek() byte { return s.peekAt(0) }

func (s *scanner) peekAt(n int) byte {
	if s.pos+n < len(s.src) {
		return s.src[s.pos+n]
	}
	return 0
}

func (s *scanner) advance() {
	if s.eof() {
		return
	}
	if s.src[s.pos] == '\n' {
		s.line++
		s.lineStart = s.pos + 1
	}
	s.pos++
}

func (s *scanner) here() position { return position{s.line, s.pos - s.lineStart + 1} }

func (s *scanner) record(p keyPath, at position) {
	if !s.full {
		return
	}
	k := p.String()
	if _, ok := s.idx.at[k]; !ok {
		s.idx.at[k] = at
	}
	s.idx.byLine[at.line] = append(s.idx.byLine[at.line], keyAt{at.col, k})
}

func (s *scanner) fail(at position, format string, args ...any) {
	if !s.stop {
		s.stop = true
		s.idx.limit = fmt.Sprintf(format, args...)
		s.idx.limitPos = at
	}
}

// skipSpace skips blanks within a line.
func (s *scanner) skipSpace() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r':
			s.pos++
		default:
			return
		}
	}
}

// skipLine moves to the newline ending the current line (not past it).
func (s *scanner) skipLine() {
	if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		s.pos += i
	} else {
		s.pos = len(s.src)
	}
}

// skipBlank skips blanks, newlines and comments (inside lists and tables).
func (s *scanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			s.skipLine()
		default:
			return
		}
	}
}

func (s *scanner) top() {
	for !s.eof() && !s.stop {
		s.skipSpace()
		switch s.peek() {
		case '\n':
			s.advance()
		case '#':
			s.skipLine()
		case '[':
			s.header()
		default:
			if !s.eof() {
				s.keyValue()
			}
		}
	}
}

// header reads "[a.b]" or "[[a.b]]" and makes it the current table.
func (s *scanner) header() {
	at := s.here()
	s.advance()
	aot := s.peek() == '['
	if aot {
		s.advance()
	}
	parts, ok := s.keyParts(at)
	s.skipSpace()
	if ok && s.full && s.peek() == ']' && (!aot || s.peekAt(1) == ']') {
		var p keyPath
		for i, part := range parts {
			p = p.key(part)
			s.record(p, at)
			k := p.String()
			if aot && i == len(parts)-1 {
				n := s.aot[k]
				s.aot[k] = n + 1
				p = p.at(n)
			} else if n, ok := s.aot[k]; ok {
				p = p.at(n - 1)
			}
		}
		s.table = p
		s.record(p, at)
	}
	s.skipLine()
}

// keyValue reads "key = value" (the key possibly dotted) in the current table.
func (s *scanner) keyValue() {
	at := s.here()
	parts, ok := s.keyParts(at)
	s.skipSpace()
	if !ok || s.peek() != '=' {
		s.skipLine()
		return
	}
	s.advance()
	p := s.table
	for _, part := range parts {
		p = p.key(part)
		s.record(p, at)
	}
	s.value(p, 0) // p is nil unless s.full: parts is then empty
	s.skipLine()
}

// keyParts reads a possibly dotted, possibly quoted key. Unless s.full it
// only counts the parts, and returns none.
func (s *scanner) keyParts(at position) ([]string, bool) {
	var parts []string
	n := 0
	for !s.stop {
		s.skipSpace()
		var part string
		switch c := s.peek(); {
		case s.eof():
			return nil, false
		case c == '"':
			start := s.pos + 1
			s.skipBasicString()
			if s.full {
				raw := s.src[start:max(start, s.pos-1)]
				if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
					part = u
				} else {
					part = raw
				}
			}
		case c == '\'':
			start := s.pos + 1
			s.skipLiteralString()
			part = s.src[start:max(start, s.pos-1)]
		case isBareKeyByte(c):
			start := s.pos
			for !s.eof() && isBareKeyByte(s.peek()) {
				s.pos++
			}
			part = s.src[start:s.pos]
		default:
			return nil, false
		}
		if n++; s.full {
			parts = append(parts, part)
		}
		if n > maxKeyParts {
			s.fail(at, "a key or table name has more than %d dotted parts; a case file never needs that many", maxKeyParts)
			return nil, false
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts, true
		}
		s.advance()
	}
	return nil, false
}

// value skips one value, recording list elements and inline-table keys
// under p; depth is the nesting of the list or table holding it.
func (s *scanner) value(p keyPath, depth int) {
	s.skipSpace()
	switch s.peek() {
	case '"':
		s.skipBasicString()
	case '\'':
		s.skipLiteralString()
	case '[':
		s.array(p, depth+1)
	case '{':
		s.inlineTable(p, depth+1)
	default: // number, date, boolean or junk
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.pos++
		}
	}
}

func (s *scanner) nest(depth int) bool {
	s.idx.depth = max(s.idx.depth, depth)
	if depth > maxDepth {
		s.fail(s.here(), "lists or tables are nested more than %d levels deep; a case file never needs that", maxDepth)
		return false
	}
	return true
}

func (s *scanner) array(p keyPath, depth int) {
	if !s.nest(depth) {
		return
	}
	s.advance() // '['
	for i := 0; !s.eof() && !s.stop; {
		s.skipBlank()
		switch s.peek() {
		case ']':
			s.advance()
			return
		case ',':
			s.advance()
			continue
		}
		if s.eof() {
			return
		}
		start := s.pos
		if i <= maxItems {
			s.record(s.at(p, i), s.here())
		}
		s.value(s.at(p, i), depth)
		i++
		if s.pos == start {
			s.advance() // junk such as '}': make progress
		}
	}
}

func (s *scanner) inlineTable(p keyPath, depth int) {
	if !s.nest(depth) {
		return
	}
	s.advance() // '{'
	for !s.eof() && !s.stop {
		s.skipBlank()
		switch s.peek() {
		case '}':
			s.advance()
			return
		case ',':
			s.advance()
			continue
		}
		start := s.pos
		at := s.here()
		parts, ok := s.keyParts(at)
		s.skipSpace()
		if ok && s.peek() == '=' {
			s.advance()
			kp := p
			for _, part := range parts {
				kp = kp.key(part)
				s.record(kp, at)
			}
			// kp is nil unless s.full: parts is then empty
			s.value(kp, depth)
		}
		if s.pos == start {
			s.advance()
		}
	}
}

// skipBasicString skips a "…" or """…""" string, escapes included.
func (s *scanner) skipBasicString() {
	if s.peekAt(1) == '"' && s.peekAt(2) == '"' {
		s.pos += 3
		for !s.eof() {
			switch {
			case s.peek() == '\\':
				s.advance()
				s.advance()
			case s.peek() == '"' && s.peekAt(1) == '"' && s.peekAt(2) == '"':
				s.pos += 3
				for k := 0; k < 2 && s.peek() == '"'; k++ { // quotes before the closing ones
					s.pos++
				}
				return
			default:
				s.advance()
			}
		}
		return
	}
	s.pos++
	for !s.eof() {
		switch s.peek() {
		case '\\':
			s.pos++
			if !s.eof() && s.peek() != '\n' {
				s.pos++
			}
		case '"':
			s.pos++
			return
		case '\n':
			return // unterminated: leave the newline for the caller
		default:
			s.pos++
		}
	}
}

// skipLiteralString skips a literal string, single-line or multi-line.
func (s *scanner) skipLiteralString() {
	if s.peekAt(1) == '\'' && s.peekAt(2) == '\'' {
		s.pos += 3
		for !s.eof() {
			if s.peek() == '\'' && s.peekAt(1) == '\'' && s.peekAt(2) == '\'' {
				s.pos += 3
				for k := 0; k < 2 && s.peek() == '\''; k++ {
					s.pos++
				}
				return
			}
			s.advance()
		}
		return
	}
	s.pos++
	for !s.eof() {
		switch s.peek() {
		case '\'':
			s.pos++
			return
		case '\n':
			return
		}
		s.pos++
	}
}
