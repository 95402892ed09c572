// Package fonts holds the typefaces relief embeds (Liberation Serif and
// Liberation Sans, metrically compatible with Times New Roman and Arial, as
// Cal. Rules of Court, rule 2.105 asks) and measures text with their real
// advance widths. Layout measures here and the PDF writer embeds the same
// bytes, so what layout wraps is what the page shows.
package fonts

import (
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// Face names one embedded typeface. The zero value is Serif.
type Face uint8

// The embedded faces.
const (
	Serif Face = iota
	SerifBold
	SerifItalic
	SerifBoldItalic
	Sans
	SansBold
	SansItalic
	SansBoldItalic
	numFaces
)

// PaperFaces are the faces court papers are set in: the serif body and
// the sans-serif form labels, each upright and bold.
var PaperFaces = [...]Face{Serif, SerifBold, Sans, SansBold}

var names = [numFaces]string{
	"serif", "serif-bold", "serif-italic", "serif-bolditalic",
	"sans", "sans-bold", "sans-italic", "sans-bolditalic",
}

var data = [numFaces]*[]byte{
	&liberationserifregular.TTF, &liberationserifbold.TTF,
	&liberationserifitalic.TTF, &liberationserifbolditalic.TTF,
	&liberationsansregular.TTF, &liberationsansbold.TTF,
	&liberationsansitalic.TTF, &liberationsansbolditalic.TTF,
}

// All lists every face in a fixed order.
func All() []Face {
	out := make([]Face, numFaces)
	for i := range out {
		out[i] = Face(i)
	}
	return out
}

func (f Face) String() string {
	if f >= numFaces {
		return fmt.Sprintf("face(%d)", uint8(f))
	}
	return names[f]
}

// Parse returns the face with the given name ("serif", "sans-bold", …).
func Parse(name string) (Face, bool) {
	for i, n := range names {
		if n == name {
			return Face(i), true
		}
	}
	return 0, false
}

// Styled returns the face of the same family with the given weight and slant.
func (f Face) Styled(bold, italic bool) Face {
	base := Serif
	if f >= Sans {
		base = Sans
	}
	if bold {
		base++
	}
	if italic {
		base += 2
	}
	return base
}

// Bold reports whether the face is a bold one.
func (f Face) Bold() bool { return f%4 == 1 || f%4 == 3 }

// Italic reports whether the face is an italic one.
func (f Face) Italic() bool { return f%4 >= 2 }

// TTF returns the TrueType bytes of the face. Callers must not modify them.
func (f Face) TTF() []byte { return *data[f] }

// fastLimit bounds the runes whose advances and glyph indexes are kept in
// arrays: Latin-1 and Latin Extended-A and -B. Other runes (dashes and
// curly quotes among them) are looked up in the font's character map.
const fastLimit = 0x250

// metrics is what measuring text needs of a face, read straight from the
// font's tables: no font parser runs and nothing is copied, so a face
// costs a few microseconds the first time a process measures with it.
// It does not change once made and is safe for concurrent use.
type metrics struct {
	unitsPerEm float64
	ascent     float64           // in font units
	descent    float64           // positive, in font units
	fast       [fastLimit]int32  // advance in font units; -1 = no glyph
	gid        [fastLimit]uint16 // glyph index; 0 = no glyph
	cmap       cmap
	hmetrics
}

var (
	once  [numFaces]sync.Once
	table [numFaces]*metrics
)

func get(f Face) *metrics {
	once[f].Do(func() {
		m, err := newMetrics(f.TTF())
		if err != nil {
			panic(fmt.Sprintf("fonts: embedded %s does not parse: %v", f, err))
		}
		table[f] = m
	})
	return table[f]
}

// newMetrics reads the metrics of the TrueType font ttf.
func newMetrics(ttf []byte) (*metrics, error) {
	src, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	hm, err := readHMetrics(src)
	if err != nil {
		return nil, err
	}
	head, hhea := src[tagHead], src[tagHhea]
	m := &metrics{
		unitsPerEm: float64(be16(head[18:])),
		ascent:     float64(int16(be16(hhea[4:]))),
		descent:    -float64(int16(be16(hhea[6:]))),
		hmetrics:   hm,
	}
	if m.unitsPerEm == 0 {
		return nil, errors.New("the head table gives no units per em")
	}
	if m.cmap, err = parseCmap(src[tagCmap]); err != nil {
		return nil, err
	}
	for r := range rune(fastLimit) {
		g := m.cmap.glyph(r)
		m.gid[r] = g
		m.fast[r] = m.glyphAdvance(g)
	}
	return m, nil
}

// glyphAdvance returns the advance of glyph g in font units, or -1 for
// glyph 0 (no glyph) and glyphs the font does not have.
func (m *metrics) glyphAdvance(g uint16) int32 {
	if g == 0 || int(g) >= m.numGlyphs {
		return -1
	}
	return int32(m.advanceOf(int(g)))
}

func (m *metrics) advance(r rune) int32 {
	if r >= 0 && r < fastLimit {
		return m.fast[r]
	}
	return m.glyphAdvance(m.cmap.glyph(r))
}

// Width returns the width in points of s set in face f at size points.
// Runes the face cannot draw count as zero; use Missing to find them.
func Width(f Face, size float64, s string) float64 {
	m := get(f)
	return float64(m.units(s)) * size / m.unitsPerEm
}

// Units returns the advance of s in f's font units. Units of a
// concatenation are the sum of the parts' units, so a caller growing a
// string can keep a running total instead of measuring it again.
func Units(f Face, s string) int64 { return get(f).units(s) }

func (m *metrics) units(s string) int64 {
	var units int64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			if a := m.fast[c]; a > 0 {
				units += int64(a)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if a := m.advance(r); a > 0 {
			units += int64(a)
		}
		i += n - 1
	}
	return units
}

// Scale converts font units of face f to points at size.
func Scale(f Face, size float64, units int64) float64 {
	return float64(units) * size / get(f).unitsPerEm
}

// Covers reports whether face f has a glyph for r.
func Covers(f Face, r rune) bool { return get(f).covers(r) }

func (m *metrics) covers(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || m.advance(r) >= 0
}

// Missing returns the first rune of s that face f cannot draw, and false
// when every rune is covered.
func Missing(f Face, s string) (rune, bool) {
	m := get(f)
	for i := 0; i < len(s); i++ {
		// Layout and the PDF writer check every word they set, nearly
		// all of it ASCII: those bytes need no decoding.
		if c := s[i]; c < utf8.RuneSelf {
			if m.fast[c] < 0 && !m.covers(rune(c)) {
				return rune(c), true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !m.covers(r) {
			return r, true
		}
		i += n - 1
	}
	return 0, false
}

// Ascent returns how far the face rises above the baseline at size points.
func Ascent(f Face, size float64) float64 {
	m := get(f)
	return m.ascent * size / m.unitsPerEm
}

// Descent returns how far the face falls below the baseline at size points
// (a positive number).
func Descent(f Face, size float64) float64 {
	m := get(f)
	return m.descent * size / m.unitsPerEm
}

// hmetrics is a face's horizontal metrics table with the counts from maxp
// and hhea that index it; both the text measurer and the subsetter read
// advances through it.
type hmetrics struct {
	hmtx        []byte
	numGlyphs   int
	numHMetrics int
}

// readHMetrics reads the glyph and metric counts from the tables in src
// and checks that hmtx holds them.
func readHMetrics(src map[uint32][]byte) (hmetrics, error) {
	head, hhea, maxp := src[tagHead], src[tagHhea], src[tagMaxp]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return hmetrics{}, errors.New("head, hhea or maxp table missing or too short")
	}
	h := hmetrics{hmtx: src[tagHmtx], numGlyphs: int(be16(maxp[4:])), numHMetrics: int(be16(hhea[34:]))}
	if h.numGlyphs == 0 || h.numHMetrics == 0 || h.numHMetrics > h.numGlyphs {
		return hmetrics{}, fmt.Errorf("%d glyphs with %d horizontal metrics", h.numGlyphs, h.numHMetrics)
	}
	if len(h.hmtx) < 4*h.numHMetrics+2*(h.numGlyphs-h.numHMetrics) {
		return hmetrics{}, errors.New("hmtx table too short")
	}
	return h, nil
}

// advanceOf returns the advance of glyph g, below numGlyphs, in font
// units: glyphs past the last full metric share its advance.
func (h hmetrics) advanceOf(g int) int {
	return int(be16(h.hmtx[4*min(g, h.numHMetrics-1):]))
}
