// Package fonts holds the typefaces relief embeds (Liberation Serif and
// Liberation Sans, metrically compatible with Times New Roman and Arial, as
// Cal. Rules of Court, rule 2.105 asks) and measures text with their real
// advance widths. Layout measures here and the PDF writer embeds the same
// bytes, so what layout wraps is what the page shows.
package fonts

import (
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
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
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

// fastRunes are the runes whose widths are kept in an array: Latin-1,
// Latin Extended-A/B and the general punctuation block (quotes, dashes,
// the section sign's neighbours).
const fastLimit = 0x250

type metrics struct {
	unitsPerEm float64
	ascent     float64           // in font units
	descent    float64           // positive, in font units
	fast       [fastLimit]int32  // advance in font units; -1 = no glyph
	gid        [fastLimit]uint16 // glyph index; 0 = no glyph
	mu         sync.Mutex
	font       *sfnt.Font
	buf        sfnt.Buffer
	slow       map[rune]int32
	slowGID    map[rune]uint16 // glyph indexes of runes past fastLimit
}

var (
	once  [numFaces]sync.Once
	table [numFaces]*metrics
)

func get(f Face) *metrics {
	once[f].Do(func() {
		fnt, err := sfnt.Parse(f.TTF())
		if err != nil {
			panic(fmt.Sprintf("fonts: embedded %s does not parse: %v", f, err))
		}
		m := &metrics{font: fnt, slow: map[rune]int32{}, slowGID: map[rune]uint16{}}
		upem := fnt.UnitsPerEm()
		m.unitsPerEm = float64(upem)
		ppem := fixed.Int26_6(upem) << 6
		if fm, err := fnt.Metrics(&m.buf, ppem, font.HintingNone); err == nil {
			m.ascent = float64(fm.Ascent) / 64
			m.descent = float64(fm.Descent) / 64
		}
		for r := range rune(fastLimit) {
			m.fast[r] = m.lookup(r, ppem)
			m.gid[r] = m.glyphIndex(r)
		}
		table[f] = m
	})
	return table[f]
}

// lookup returns the advance of r in font units, or -1 when the face has no
// glyph for it. The caller holds mu or is the initializer.
func (m *metrics) lookup(r rune, ppem fixed.Int26_6) int32 {
	gi, err := m.font.GlyphIndex(&m.buf, r)
	if err != nil || gi == 0 {
		return -1
	}
	adv, err := m.font.GlyphAdvance(&m.buf, gi, ppem, font.HintingNone)
	if err != nil {
		return -1
	}
	return int32(adv >> 6)
}

func (m *metrics) advance(r rune) int32 {
	if r >= 0 && r < fastLimit {
		return m.fast[r]
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if a, ok := m.slow[r]; ok {
		return a
	}
	a := m.lookup(r, fixed.Int26_6(int(m.unitsPerEm))<<6)
	m.slow[r] = a
	return a
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
	for _, r := range s {
		if !m.covers(r) {
			return r, true
		}
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
