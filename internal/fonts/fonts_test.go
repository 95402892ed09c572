package fonts

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestWidthMatchesTimesMetrics(t *testing.T) {
	// Liberation Serif is metrically compatible with Times New Roman, whose
	// AFM widths are per 1000 em: space 250, "H" 722, "i" 278.
	for _, tc := range []struct {
		s    string
		want float64
	}{
		{" ", 250}, {"H", 722}, {"i", 278}, {"Hi", 1000},
	} {
		got := Width(Serif, 1000, tc.s)
		if math.Abs(got-tc.want) > 1 {
			t.Errorf("Width(Serif, 1000, %q) = %.1f, want %.0f", tc.s, got, tc.want)
		}
	}
	// Arial/Helvetica: "H" 722, "i" 222.
	if got := Width(Sans, 1000, "i"); math.Abs(got-222) > 1 {
		t.Errorf("Width(Sans, 1000, i) = %.1f, want 222", got)
	}
}

func TestCoverage(t *testing.T) {
	for _, s := range []string{"Nguyễn Thị Hồng", "José Muñoz", "§ 1203.4 — “quoted”"} {
		if r, bad := Missing(Serif, s); bad {
			t.Errorf("Missing(Serif, %q) = %q, want every rune covered", s, r)
		}
	}
	if r, bad := Missing(Serif, "王小明"); !bad || r != '王' {
		t.Errorf("Missing(Serif, CJK) = %q, %v; want 王, true", r, bad)
	}
}

func TestStyledAndParse(t *testing.T) {
	if got := Sans.Styled(true, true); got != SansBoldItalic {
		t.Errorf("Sans.Styled(bold, italic) = %v", got)
	}
	if got := SerifBold.Styled(false, true); got != SerifItalic {
		t.Errorf("SerifBold.Styled(false, italic) = %v", got)
	}
	for _, f := range All() {
		if g, ok := Parse(f.String()); !ok || g != f {
			t.Errorf("Parse(%q) = %v, %v", f.String(), g, ok)
		}
	}
	if Ascent(Serif, 12) <= 0 || Descent(Serif, 12) <= 0 {
		t.Errorf("ascent/descent not positive: %v %v", Ascent(Serif, 12), Descent(Serif, 12))
	}
}

func BenchmarkWidth(b *testing.B) {
	s := "The petitioner respectfully asks the court to dismiss the conviction under Penal Code section 1203.4."
	for b.Loop() {
		Width(Serif, 12, s)
	}
}

// TestMetricsMatchSfnt checks the tables read in place against the font
// parser of golang.org/x/image: every BMP character's glyph and advance,
// and the vertical metrics.
func TestMetricsMatchSfnt(t *testing.T) {
	for _, f := range All() {
		fnt := mustParse(t, f.TTF())
		var buf sfnt.Buffer
		upem := fnt.UnitsPerEm()
		ppem := fixed.Int26_6(upem) << 6
		fm, err := fnt.Metrics(&buf, ppem, font.HintingNone)
		if err != nil {
			t.Fatal(err)
		}
		m := get(f)
		if m.unitsPerEm != float64(upem) || m.ascent != float64(fm.Ascent)/64 || m.descent != float64(fm.Descent)/64 {
			t.Errorf("%s: units per em %v, ascent %v, descent %v; sfnt has %v, %v, %v",
				f, m.unitsPerEm, m.ascent, m.descent, upem, float64(fm.Ascent)/64, float64(fm.Descent)/64)
		}
		covered := 0
		for r := range rune(0x10000) {
			gi, err := fnt.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatalf("%s: GlyphIndex(%U): %v", f, r, err)
			}
			want := int32(-1)
			if gi != 0 {
				adv, err := fnt.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
				if err != nil {
					t.Fatalf("%s: GlyphAdvance(%d): %v", f, gi, err)
				}
				want = int32(adv >> 6)
				covered++
			}
			if g, _ := f.GlyphID(r); g != uint16(gi) {
				t.Fatalf("%s: GlyphID(%U) = %d, sfnt has %d", f, r, g, gi)
			}
			if a := m.advance(r); a != want {
				t.Fatalf("%s: advance of %U = %d, sfnt has %d", f, r, a, want)
			}
		}
		if covered < 2000 {
			t.Errorf("%s: only %d characters covered; the test checks little", f, covered)
		}
	}
}

// TestMetricsMalformed damages the tables metrics reads: reading them
// fails or gives some glyph for every rune, and never panics.
func TestMetricsMalformed(t *testing.T) {
	orig := Serif.TTF()
	src, err := tableDirectory(orig)
	if err != nil {
		t.Fatal(err)
	}
	cmapAt := len(orig) - cap(src[tagCmap])
	rng := rand.New(rand.NewPCG(5, 6))
	b := slices.Clone(orig)
	var fails, passes int
	for i := range 3000 {
		// Half the damage goes to the directory and the small tables at
		// the start, half to the character map.
		at := 12 + rng.IntN(400)
		if i%2 == 1 {
			at = cmapAt + rng.IntN(len(src[tagCmap]))
		}
		v := byte(rng.IntN(256))
		b[at] = v
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("byte %d set to %#x: panic: %v", at, v, p)
				}
			}()
			m, err := newMetrics(b)
			if err != nil {
				fails++
				return
			}
			passes++
			for r := range rune(0x3000) {
				m.advance(r)
			}
			m.advance(0x1F600)
		}()
		b[at] = orig[at]
	}
	if fails == 0 || passes == 0 {
		t.Errorf("%d damaged fonts failed and %d passed; want some of each", fails, passes)
	}
}

// TestMissingFirst checks that Missing reports the first rune the face
// cannot draw, ASCII or not, and that an invalid byte counts as one.
func TestMissingFirst(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want rune
		bad  bool
	}{
		{"plain text\tand\nlines", 0, false},
		{"a\x01b", 1, true},
		{"é王\x02", '王', true},
		{"ok \x7f", 0x7f, true},
		{"bad \xff", utf8.RuneError, true},
	} {
		r, bad := Missing(Serif, tc.s)
		if r != tc.want || bad != tc.bad {
			t.Errorf("Missing(Serif, %q) = %q, %v; want %q, %v", tc.s, r, bad, tc.want, tc.bad)
		}
	}
}
