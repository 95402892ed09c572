package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/reliefkit/relief/internal/fonts"
)

// Each face is embedded as a Type0 font with Identity-H encoding over a
// CIDFontType2 whose CIDs are the TrueType glyph ids (CIDToGIDMap
// Identity). So a content stream shows glyph ids, the font program keeps
// the original ids (fonts.Face.Subset empties the glyphs not used), and
// the ToUnicode CMap maps each id back to the character it was drawn for,
// so the text can be searched and copied.

// fastRunes is how many runes a runeSet keeps in an array: Latin-1 and
// Latin Extended-A and -B, which is nearly every character a case file
// has.
const fastRunes = 0x250

// runeSet is the set of runes one face draws in one document.
type runeSet struct {
	fast [fastRunes]bool
	more map[rune]bool
	any  bool
}

func (s *runeSet) add(r rune) {
	s.any = true
	if r >= 0 && r < fastRunes {
		s.fast[r] = true
		return
	}
	if s.more == nil {
		s.more = map[rune]bool{}
	}
	s.more[r] = true
}

func (s *runeSet) reset() {
	if s.any {
		s.fast = [fastRunes]bool{}
		clear(s.more)
		s.any = false
	}
}

// baseMin is how many different characters a face must draw to get the
// base set (see embed).
const baseMin = 32

// baseSet is what a client's facts and relief's own papers are written
// in: ASCII letters and digits, the punctuation of names, addresses,
// dates, case numbers and code sections ("O'Neil-Park", "12 Elm St., #4",
// "459/460(b)"), the accented letters of Spanish names ("Muñoz", "José"),
// and what the built-in templates set besides: section signs, dashes,
// bullets, the ► of form items, the [ ] and _ of boxes and blanks, $ and
// =. So a court paper's heavily used faces nearly always draw within the
// set and get exactly its subset, which is made when relief is built
// (basefonts.go). Other ASCII symbols such as % or braces are left out:
// they are rare, and every glyph in the set is about 65 bytes in every
// heavily used face of every file.
const baseSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 !\"#&'(),-./:;?@" +
	"áéíñóú" + "$=[]_§–—•►"

// count returns how many runes s holds.
func (s *runeSet) count() int {
	n := len(s.more)
	for _, ok := range s.fast {
		if ok {
			n++
		}
	}
	return n
}

// sorted returns the runes in ascending order.
func (s *runeSet) sorted() []rune {
	var out []rune
	for r, ok := range s.fast {
		if ok {
			out = append(out, rune(r))
		}
	}
	start := len(out)
	for r := range s.more {
		out = append(out, r)
	}
	slices.Sort(out[start:])
	return out
}

// appendGlyphs appends the glyph ids of text in face f, two bytes each,
// for a literal string, and notes the runes. check has made sure f draws
// every rune. (Hex would be twice as long, and content streams are
// compressed on every render: their length is time.)
func (s *runeSet) appendGlyphs(b []byte, f fonts.Face, text string) []byte {
	for _, r := range text {
		gid, _ := f.GlyphID(r)
		s.add(r)
		b = appendLiteralByte(b, byte(gid>>8))
		b = appendLiteralByte(b, byte(gid))
	}
	return b
}

// appendLiteralByte appends c inside a literal string, escaping the
// delimiters, the backslash and the line ends a reader would normalise.
func appendLiteralByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	case '\n':
		return append(b, '\\', 'n')
	}
	return append(b, c)
}

// embedded is one face's font objects for one set of runes, ready to
// write: what depends on the glyphs, not on object numbers.
type embedded struct {
	name    string // the subset's BaseFont: a tag, "+", the PostScript name
	widths  []byte // the /W array
	program []byte // the subset TrueType program, deflated
	length1 int    // its length before deflating
	cmap    []byte // the ToUnicode CMap, deflated
}

// fontCache keeps the embedded fonts by face and rune set. A clinic's
// packets draw mostly the same characters, so most documents find their
// fonts here and skip subsetting and compressing them. Whether an entry is
// found changes only the time taken, never the bytes: an entry is a pure
// function of its key. A document that needs an entry another is still
// making waits for it rather than make it too: the packets of one draft
// render at once and start with the same fonts. The cache is emptied when
// it grows past fontCacheMax entries (a few megabytes).
var fontCache = struct {
	sync.Mutex
	m map[string]*cachedFont
}{m: map[string]*cachedFont{}}

// cachedFont is an entry of fontCache: e and err are set when done is
// closed.
type cachedFont struct {
	done chan struct{}
	e    *embedded
	err  error
}

const fontCacheMax = 256

// embed returns face f's font objects for the runes in s.
//
// A face that draws baseMin or more different characters also gets the
// characters of baseSet, drawn or not. Such a face carries the
// client's own words (names, addresses, case numbers), and without the
// base set one client's Q and the next one's Z would make nearly every
// packet of a batch subset and compress its fonts afresh. The base set
// costs about 3 KB. A face drawing fewer characters is left as it is:
// it sets a few words (a heading, an italic caption), often the same from
// packet to packet, and a subset of a dozen glyphs takes about 0.1 ms to
// make when it is not.
func embed(f fonts.Face, s *runeSet) (*embedded, error) {
	if s.count() >= baseMin {
		for _, r := range baseSet {
			s.add(r)
		}
	}
	runes := s.sorted()
	key := keyOf(f, runes)
	if e := builtSubset(f, key); e != nil {
		return e, nil
	}
	fontCache.Lock()
	c := fontCache.m[string(key)]
	if c == nil {
		if len(fontCache.m) >= fontCacheMax {
			clear(fontCache.m) // entries being made still reach their waiters
		}
		c = &cachedFont{done: make(chan struct{})}
		fontCache.m[string(key)] = c
		fontCache.Unlock()
		c.make(f, runes, key)
		if c.err != nil {
			// Not kept: the next document tries again.
			fontCache.Lock()
			if fontCache.m[string(key)] == c {
				delete(fontCache.m, string(key))
			}
			fontCache.Unlock()
		}
		return c.e, c.err
	}
	fontCache.Unlock()
	<-c.done
	return c.e, c.err
}

// keyOf is the cache key of face f's subset for runes, which are sorted.
func keyOf(f fonts.Face, runes []rune) []byte {
	key := make([]byte, 0, 1+2*len(runes))
	key = append(key, byte(f))
	for _, r := range runes {
		key = utf8.AppendRune(key, r)
	}
	return key
}

// make makes the entry and marks it done, even should making it panic.
func (c *cachedFont) make(f fonts.Face, runes []rune, key []byte) {
	defer close(c.done)
	fontsMade.Add(1)
	c.e, c.err = newEmbedded(f, runes, key)
}

// fontsMade counts the entries made, for tests.
var fontsMade atomic.Int64

// programBufs hold subset font programs between subsetting and
// deflating them: only the deflated program is kept, and reusing the
// buffer spares a cold process fresh memory for each face it embeds.
var programBufs = sync.Pool{New: func() any { return new([]byte) }}

type glyph struct {
	id uint16
	r  rune // the smallest rune drawn with this glyph
}

func newEmbedded(f fonts.Face, runes []rune, key []byte) (*embedded, error) {
	info := f.Info()
	glyphs := make([]glyph, 0, len(runes))
	seen := map[uint16]bool{}
	for _, r := range runes {
		id, ok := f.GlyphID(r)
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		glyphs = append(glyphs, glyph{id, r})
	}
	slices.SortFunc(glyphs, func(a, b glyph) int { return int(a.id) - int(b.id) })
	ids := make([]uint16, len(glyphs))
	for i, g := range glyphs {
		ids[i] = g.id
	}
	buf := programBufs.Get().(*[]byte)
	defer programBufs.Put(buf)
	program, err := f.AppendSubset((*buf)[:0], ids)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f, err)
	}
	*buf = program

	e := &embedded{name: subsetTag(key) + "+" + info.PostScriptName, length1: len(program)}
	scale := 1000 / float64(info.UnitsPerEm)
	// /W [first [w w w] first [w] …], one list per run of consecutive ids.
	w := []byte{'['}
	for i, g := range glyphs {
		if i == 0 || g.id != glyphs[i-1].id+1 {
			if i > 0 {
				w = append(w, "]"...)
			}
			w = strconv.AppendInt(w, int64(g.id), 10)
			w = append(w, '[')
		} else {
			w = append(w, ' ')
		}
		w = appendNum(w, float64(f.Advance(g.id))*scale)
	}
	if len(glyphs) > 0 {
		w = append(w, ']')
	}
	e.widths = append(w, ']')

	e.program = deflate(program)
	e.cmap = deflate(toUnicode(glyphs))
	return e, nil
}

// subsetTag derives the six capital letters a subset font's name starts
// with from the key, so different subsets get different names.
func subsetTag(key []byte) string {
	h := fnv.New64a()
	h.Write(key)
	n := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + n%26)
		n /= 26
	}
	return string(tag[:])
}

// toUnicode returns the CMap that maps each glyph id back to its rune.
// Runs of consecutive ids for consecutive Latin-1 characters share one
// bfrange line (within one high byte of the id, as the format asks); every
// other glyph gets a bfchar line. Ghostscript 10 reads a one-glyph bfrange
// to a character past U+00FF wrongly (an em dash comes out as "4"), and
// readers of every kind handle bfchar.
func toUnicode(glyphs []glyph) []byte {
	type span struct {
		lo, hi uint16
		r      rune
	}
	var chars, ranges []span
	for i := 0; i < len(glyphs); {
		g := glyphs[i]
		s := span{g.id, g.id, g.r}
		for i++; i < len(glyphs); i++ {
			n := glyphs[i]
			if n.id != s.hi+1 || n.id&0xFF == 0 || n.r != s.r+rune(n.id-s.lo) || n.r > 0xFF {
				break
			}
			s.hi = n.id
		}
		if s.hi > s.lo {
			ranges = append(ranges, s)
		} else {
			chars = append(chars, s)
		}
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// Each section holds at most 100 lines.
	for _, sec := range [...]struct {
		kind  string
		spans []span
	}{{"bfrange", ranges}, {"bfchar", chars}} {
		for spans := sec.spans; len(spans) > 0; {
			n := min(len(spans), 100)
			fmt.Fprintf(&b, "%d begin%s\n", n, sec.kind)
			for _, s := range spans[:n] {
				line := append(appendHex16(append(b.AvailableBuffer(), '<'), s.lo), "> <"...)
				if sec.kind == "bfrange" {
					line = append(appendHex16(line, s.hi), "> <"...)
				}
				b.Write(append(appendUTF16(line, s.r), ">\n"...))
			}
			fmt.Fprintf(&b, "end%s\n", sec.kind)
			spans = spans[n:]
		}
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// appendUTF16 appends r in UTF-16BE hex, as a surrogate pair beyond the
// Basic Multilingual Plane.
func appendUTF16(b []byte, r rune) []byte {
	if r > 0xFFFF {
		r -= 0x10000
		b = appendHex16(b, uint16(0xD800+(r>>10)))
		return appendHex16(b, uint16(0xDC00+(r&0x3FF)))
	}
	return appendHex16(b, uint16(r))
}

// deflate compresses a font program or CMap at the fast level. A better
// level saves about 5% of a subset's size for twice the time, and a cold
// `relief draft` compresses every font it uses.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data) / 2)
	compress(&b, data)
	return b.Bytes()
}

// font writes face f's five objects from obj on.
func (w *writer) font(f fonts.Face, e *embedded, obj int) {
	info := f.Info()
	scale := 1000 / float64(info.UnitsPerEm)

	w.begin(obj)
	w.out = append(w.out, "<</Type/Font/Subtype/Type0/BaseFont/"...)
	w.out = append(w.out, e.name...)
	w.out = append(w.out, "/Encoding/Identity-H/DescendantFonts["...)
	w.out = appendRef(w.out, obj+1)
	w.out = append(w.out, "]/ToUnicode "...)
	w.out = appendRef(w.out, obj+4)
	w.out = append(w.out, ">>"...)
	w.end()

	w.begin(obj + 1)
	w.out = append(w.out, "<</Type/Font/Subtype/CIDFontType2/BaseFont/"...)
	w.out = append(w.out, e.name...)
	w.out = append(w.out, "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "...)
	w.out = appendRef(w.out, obj+2)
	w.out = append(w.out, "/CIDToGIDMap/Identity/W"...)
	w.out = append(w.out, e.widths...)
	w.out = append(w.out, ">>"...)
	w.end()

	// Flags: Symbolic (the glyphs are reached by id, not by a standard
	// encoding), plus FixedPitch, Serif and Italic as the face is.
	flags := 4
	if info.FixedPitch {
		flags |= 1
	}
	if info.Serif {
		flags |= 2
	}
	if info.Italic {
		flags |= 64
	}
	w.begin(obj + 2)
	w.out = append(w.out, "<</Type/FontDescriptor/FontName/"...)
	w.out = append(w.out, e.name...)
	w.out = append(w.out, "/Flags "...)
	w.out = strconv.AppendInt(w.out, int64(flags), 10)
	w.out = append(w.out, "/FontBBox["...)
	for i, v := range info.BBox {
		if i > 0 {
			w.out = append(w.out, ' ')
		}
		w.out = appendNum(w.out, float64(v)*scale)
	}
	w.out = append(w.out, "]/ItalicAngle "...)
	w.out = appendNum(w.out, info.ItalicAngle)
	w.out = append(w.out, "/Ascent "...)
	w.out = appendNum(w.out, float64(info.Ascent)*scale)
	w.out = append(w.out, "/Descent "...)
	w.out = appendNum(w.out, float64(info.Descent)*scale)
	w.out = append(w.out, "/CapHeight "...)
	w.out = appendNum(w.out, float64(info.CapHeight)*scale)
	w.out = append(w.out, "/StemV "...)
	w.out = appendNum(w.out, float64(info.StemV)*scale)
	w.out = append(w.out, "/FontFile2 "...)
	w.out = appendRef(w.out, obj+3)
	w.out = append(w.out, ">>"...)
	w.end()

	w.begin(obj + 3)
	w.rawStream(e.program, "/Length1 "+strconv.Itoa(e.length1))
	w.end()

	w.begin(obj + 4)
	w.rawStream(e.cmap, "")
	w.end()
}

// rawStream writes an already deflated stream.
func (w *writer) rawStream(data []byte, extra string) {
	w.out = append(w.out, "<</Length "...)
	w.out = strconv.AppendInt(w.out, int64(len(data)), 10)
	w.out = append(w.out, "/Filter/FlateDecode"...)
	w.out = append(w.out, extra...)
	w.out = append(w.out, ">>stream\n"...)
	w.out = append(w.out, data...)
	w.out = append(w.out, "\nendstream"...)
}
