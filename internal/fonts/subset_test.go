package fonts

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const sample = "Hello, World! §1203.4 Nguyễn Thị Ánh"

// glyphsOf returns the glyph indexes of the runes of s that f covers.
func glyphsOf(t testing.TB, f Face, s string) []uint16 {
	t.Helper()
	var gids []uint16
	for _, r := range s {
		g, ok := f.GlyphID(r)
		if !ok {
			t.Fatalf("%s has no glyph for %q", f, r)
		}
		gids = append(gids, g)
	}
	return gids
}

func mustSubset(t testing.TB, f Face, gids []uint16) []byte {
	t.Helper()
	out, err := f.Subset(gids)
	if err != nil {
		t.Fatalf("%s.Subset: %v", f, err)
	}
	return out
}

func mustParse(t testing.TB, b []byte) *sfnt.Font {
	t.Helper()
	fnt, err := sfnt.Parse(b)
	if err != nil {
		t.Fatalf("sfnt.Parse: %v", err)
	}
	return fnt
}

// segments loads glyph g at one pixel per font unit, so nothing rounds.
func segments(t testing.TB, fnt *sfnt.Font, g uint16) sfnt.Segments {
	t.Helper()
	var buf sfnt.Buffer
	ppem := fixed.I(int(fnt.UnitsPerEm()))
	segs, err := fnt.LoadGlyph(&buf, sfnt.GlyphIndex(g), ppem, nil)
	if err != nil {
		t.Fatalf("LoadGlyph(%d): %v", g, err)
	}
	return slices.Clone(segs)
}

func advance(t testing.TB, fnt *sfnt.Font, g uint16) fixed.Int26_6 {
	t.Helper()
	var buf sfnt.Buffer
	ppem := fixed.I(int(fnt.UnitsPerEm()))
	a, err := fnt.GlyphAdvance(&buf, sfnt.GlyphIndex(g), ppem, font.HintingNone)
	if err != nil {
		t.Fatalf("GlyphAdvance(%d): %v", g, err)
	}
	return a
}

func TestSubsetKeepsGlyphs(t *testing.T) {
	for _, f := range All() {
		orig := mustParse(t, f.TTF())
		gids := glyphsOf(t, f, sample)
		sub := mustParse(t, mustSubset(t, f, gids))
		if sub.NumGlyphs() != orig.NumGlyphs() {
			t.Errorf("%s: subset has %d glyphs, want %d", f, sub.NumGlyphs(), orig.NumGlyphs())
		}
		for _, g := range append(gids, 0) {
			want, got := segments(t, orig, g), segments(t, sub, g)
			if len(want) == 0 && g != 0 {
				if r := []rune(sample)[slices.Index(gids, g)]; r != ' ' {
					t.Errorf("%s: original glyph %d (%q) is empty", f, g, r)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: glyph %d: subset has %d segments, original %d (or they differ)", f, g, len(got), len(want))
			}
			if a, b := advance(t, sub, g), advance(t, orig, g); a != b {
				t.Errorf("%s: glyph %d: subset advance %v, original %v", f, g, a, b)
			}
		}
		z, _ := f.GlyphID('Z')
		if len(segments(t, orig, z)) == 0 {
			t.Fatalf("%s: original Z is empty", f)
		}
		if n := len(segments(t, sub, z)); n != 0 {
			t.Errorf("%s: Z was not asked for, but the subset has %d segments for it", f, n)
		}
		if a := advance(t, sub, z); a != 0 {
			t.Errorf("%s: Z was not asked for, but the subset gives it advance %v", f, a)
		}
	}
}

type dirEntry struct {
	tag           string
	sum, off, len uint32
}

// directory parses a font's table directory, failing on anything out of
// place: wrong version, bad search fields, unsorted or misaligned tables.
func directory(t *testing.T, b []byte) []dirEntry {
	t.Helper()
	if len(b) < 12 || be32(b) != 0x00010000 {
		t.Fatalf("not a TrueType 1.0 font")
	}
	n := int(be16(b[4:]))
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	sr, es, rs := be16(b[6:]), be16(b[8:]), be16(b[10:])
	if int(sr) != 16*pow || 1<<es != pow || int(rs) != 16*n-16*pow {
		t.Errorf("searchRange %d entrySelector %d rangeShift %d for %d tables", sr, es, rs, n)
	}
	var dir []dirEntry
	for i := range n {
		r := b[12+16*i:]
		e := dirEntry{string(r[:4]), be32(r[4:]), be32(r[8:]), be32(r[12:])}
		if i > 0 && e.tag <= dir[i-1].tag {
			t.Errorf("table %q after %q", e.tag, dir[i-1].tag)
		}
		if e.off%4 != 0 || uint64(e.off)+uint64(e.len) > uint64(len(b)) || int(e.off) < 12+16*n {
			t.Fatalf("table %q at %d+%d in a %d-byte file", e.tag, e.off, e.len, len(b))
		}
		dir = append(dir, e)
	}
	return dir
}

func tableData(t *testing.T, b []byte, tag string) []byte {
	t.Helper()
	for _, e := range directory(t, b) {
		if e.tag == tag {
			return b[e.off : e.off+e.len]
		}
	}
	t.Fatalf("no %q table", tag)
	return nil
}

func wordSum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

func TestSubsetChecksums(t *testing.T) {
	want := []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "post"}
	for _, f := range All() {
		b := mustSubset(t, f, glyphsOf(t, f, sample))
		if tags := checkSums(t, f.String(), b); !slices.Equal(tags, want) {
			t.Errorf("%s: tables %q, want %q", f, tags, want)
		}
		head := tableData(t, b, "head")
		if be16(head[50:]) != 1 {
			t.Errorf("%s: indexToLocFormat %d, want 1", f, be16(head[50:]))
		}
	}
}

// checkSums checks the file's checksum adjustment, every table's checksum
// and the padding between tables. It returns the tables' tags.
func checkSums(t *testing.T, name string, b []byte) []string {
	t.Helper()
	if len(b)%4 != 0 {
		t.Errorf("%s: length %d is not a multiple of 4", name, len(b))
	}
	if s := wordSum(b); s != 0xB1B0AFBA {
		t.Errorf("%s: file sums to %#08x, want 0xB1B0AFBA", name, s)
	}
	var tags []string
	for _, e := range directory(t, b) {
		tags = append(tags, e.tag)
		data := slices.Clone(b[e.off : e.off+e.len])
		if e.tag == "head" {
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		if s := wordSum(data); s != e.sum {
			t.Errorf("%s: table %q sums to %#08x, directory says %#08x", name, e.tag, s, e.sum)
		}
		for _, c := range b[e.off+e.len : min(len(b), pad4(int(e.off+e.len)))] {
			if c != 0 {
				t.Errorf("%s: table %q has non-zero padding", name, e.tag)
			}
		}
	}
	return tags
}

// components lists the component glyphs of a composite glyph, parsed here
// independently of the subsetter.
func components(glyph []byte) []int {
	var out []int
	p := 10
	for {
		flags := binary.BigEndian.Uint16(glyph[p:])
		out = append(out, int(binary.BigEndian.Uint16(glyph[p+2:])))
		size := 4 + 2
		if flags&1 != 0 {
			size += 2
		}
		if flags&8 != 0 {
			size += 2
		} else if flags&0x40 != 0 {
			size += 4
		} else if flags&0x80 != 0 {
			size += 8
		}
		p += size
		if flags&0x20 == 0 {
			return out
		}
	}
}

// glyphData returns each glyph's bytes, decoded from the font's own loca
// and glyf tables.
func glyphData(t *testing.T, b []byte) [][]byte {
	t.Helper()
	head, maxp := tableData(t, b, "head"), tableData(t, b, "maxp")
	loca, glyf := tableData(t, b, "loca"), tableData(t, b, "glyf")
	n := int(be16(maxp[4:]))
	at := func(i int) uint32 {
		if be16(head[50:]) == 0 {
			return 2 * uint32(be16(loca[2*i:]))
		}
		return be32(loca[4*i:])
	}
	out := make([][]byte, n)
	for i := range out {
		out[i] = glyf[at(i):at(i+1)]
	}
	return out
}

func TestSubsetComposite(t *testing.T) {
	found, drawn, nested := 0, 0, 0
	for _, f := range All() {
		orig := mustParse(t, f.TTF())
		data := glyphData(t, f.TTF())
		need := make([]bool, len(data))
		for g, d := range data {
			if len(d) == 0 || int16(be16(d)) >= 0 {
				continue
			}
			found++
			if testing.Short() && found%16 != 0 {
				continue
			}
			// Everything the composite needs, found independently.
			clear(need)
			need[0] = true
			var walk func(int)
			walk = func(g int) {
				need[g] = true
				if d := data[g]; len(d) > 0 && int16(be16(d)) < 0 {
					for _, c := range components(d) {
						if len(data[c]) > 0 && int16(be16(data[c])) < 0 {
							nested++
						}
						walk(c)
					}
				}
			}
			walk(g)

			b := mustSubset(t, f, []uint16{uint16(g)})
			sub := mustParse(t, b)
			for i, d := range glyphData(t, b) {
				if want := need[i] && len(data[i]) > 0; (len(d) > 0) != want {
					t.Errorf("%s: subset of composite %d: glyph %d has %d bytes, original %d, needed %v",
						f, g, i, len(d), len(data[i]), need[i])
				}
			}
			// A few composites (the no-break space) are made of empty glyphs.
			want := segments(t, orig, uint16(g))
			if len(want) > 0 {
				drawn++
			}
			if segs := segments(t, sub, uint16(g)); !reflect.DeepEqual(segs, want) {
				t.Errorf("%s: composite %d: subset outline differs from the original", f, g)
			}
		}
	}
	if drawn == 0 {
		t.Fatal("no composite glyph with an outline in any face")
	}
	t.Logf("checked %d composite glyphs, %d with outlines, %d nested components", found, drawn, nested)
}

func TestSubsetDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, f := range All() {
		gids := glyphsOf(t, f, sample+"fi—“”")
		want := mustSubset(t, f, gids)
		for range 5 {
			shuffled := append(slices.Clone(gids), gids[:len(gids)/2]...)
			shuffled = append(shuffled, 0, 0)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if got := mustSubset(t, f, shuffled); !bytes.Equal(got, want) {
				t.Fatalf("%s: reordered input gave different bytes", f)
			}
		}
		if !bytes.Equal(mustSubset(t, f, nil), mustSubset(t, f, []uint16{0})) {
			t.Errorf("%s: nil and {0} differ", f)
		}
	}
}

func TestSubsetOutOfRange(t *testing.T) {
	n := mustParse(t, Serif.TTF()).NumGlyphs()
	for _, g := range []uint16{uint16(n), uint16(n + 1), 0xffff} {
		if _, err := Serif.Subset([]uint16{1, g}); err == nil {
			t.Errorf("Subset with glyph %d of %d: no error", g, n)
		}
	}
	if _, err := Serif.Subset([]uint16{uint16(n - 1)}); err != nil {
		t.Errorf("Subset with the last glyph: %v", err)
	}
	if _, err := numFaces.Subset(nil); err == nil {
		t.Error("Subset of an unknown face: no error")
	}
}

// TestSubsetMalformed feeds the subsetter damaged fonts. It must return an
// error or a font, never panic.
func TestSubsetMalformed(t *testing.T) {
	orig := Serif.TTF()
	gids := glyphsOf(t, Serif, sample)
	var fails, passes int
	try := func(what string, f func() error) {
		t.Helper()
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%s: panic: %v", what, p)
			}
		}()
		if err := f(); err != nil {
			fails++
		} else {
			passes++
		}
	}
	parseAndSubset := func(b []byte) func() error {
		return func() error {
			l, err := parseLayout(b)
			if err != nil {
				return err
			}
			_, err = l.subset(gids)
			return err
		}
	}
	for _, n := range []int{0, 11, 12, 100, 316, 400, 16200, 26600, len(orig) / 2} {
		try(fmt.Sprintf("truncated to %d", n), parseAndSubset(orig[:n]))
	}

	// Damage the directory, head, hhea, maxp, loca and the start of glyf.
	rng := rand.New(rand.NewPCG(3, 4))
	tries := 5000
	if testing.Short() {
		tries = 500
	}
	b := slices.Clone(orig)
	for i := range tries {
		at, v := 12+rng.IntN(27000), byte(rng.IntN(256))
		if i%2 == 0 {
			v = 0xff
		}
		b[at] = v
		try(fmt.Sprintf("byte %d set to %#x", at, v), parseAndSubset(b))
		b[at] = orig[at]
	}

	// Damage composite glyphs' component records in place, then subset
	// the glyph alone.
	l, err := parseLayout(b)
	if err != nil {
		t.Fatal(err)
	}
	var composites []int
	for g := range l.numGlyphs {
		if d := l.raw(g); len(d) > 0 && int16(be16(d)) < 0 {
			composites = append(composites, g)
		}
	}
	for i := range 10 * tries {
		g := composites[rng.IntN(len(composites))]
		d := l.raw(g)
		at, v := 10+rng.IntN(len(d)-10), byte(rng.IntN(256))
		if i%2 == 0 {
			v = 0xff
		}
		old := d[at]
		d[at] = v
		try(fmt.Sprintf("glyph %d byte %d set to %#x", g, at, v), func() error {
			_, err := l.subset([]uint16{uint16(g)})
			return err
		})
		d[at] = old
	}
	if fails == 0 || passes == 0 {
		t.Errorf("%d damaged fonts failed and %d passed; want some of each", fails, passes)
	}
	t.Logf("%d damaged fonts failed, %d passed", fails, passes)
}

func TestInfo(t *testing.T) {
	names := map[Face]string{
		Serif: "LiberationSerif", SerifBold: "LiberationSerif-Bold",
		SerifItalic: "LiberationSerif-Italic", SerifBoldItalic: "LiberationSerif-BoldItalic",
		Sans: "LiberationSans", SansBold: "LiberationSans-Bold",
		SansItalic: "LiberationSans-Italic", SansBoldItalic: "LiberationSans-BoldItalic",
	}
	for _, f := range All() {
		in := f.Info()
		if in.PostScriptName != names[f] {
			t.Errorf("%s: PostScriptName %q, want %q", f, in.PostScriptName, names[f])
		}
		if in.UnitsPerEm != 2048 {
			t.Errorf("%s: UnitsPerEm %d, want 2048", f, in.UnitsPerEm)
		}
		if f.Italic() != (in.ItalicAngle < 0) || in.ItalicAngle < -20 {
			t.Errorf("%s: ItalicAngle %v", f, in.ItalicAngle)
		}
		if in.Italic != f.Italic() || in.Serif != (f < Sans) || in.FixedPitch {
			t.Errorf("%s: Italic %v Serif %v FixedPitch %v", f, in.Italic, in.Serif, in.FixedPitch)
		}
		if in.BBox[0] >= 0 || in.BBox[1] >= 0 || in.BBox[2] <= in.BBox[0] || in.BBox[3] <= in.Ascent-200 {
			t.Errorf("%s: BBox %v, Ascent %d", f, in.BBox, in.Ascent)
		}
		// Ascent and descent agree with what layout measures.
		if float64(in.Ascent) != Ascent(f, 2048) || float64(-in.Descent) != Descent(f, 2048) {
			t.Errorf("%s: Ascent %d Descent %d, layout has %v %v", f, in.Ascent, in.Descent, Ascent(f, 2048), Descent(f, 2048))
		}
		if in.CapHeight <= 1000 || in.CapHeight >= in.Ascent {
			t.Errorf("%s: CapHeight %d, Ascent %d", f, in.CapHeight, in.Ascent)
		}
		if in.StemV <= 0 || f.Bold() != (in.StemV > 200) {
			t.Errorf("%s: StemV %d", f, in.StemV)
		}
	}
}

func TestGlyphID(t *testing.T) {
	runes := []rune{-1, 0x1EC5, 0x1ECB, 0x2014, 0x201C, 0x20AC, 0x2122, 0xFB01, 0x738B, 0xFFFF, 0x1F600, 0x10FFFF}
	for r := range rune(0x600) {
		runes = append(runes, r)
	}
	for _, f := range All() {
		fnt := mustParse(t, f.TTF())
		var buf sfnt.Buffer
		for _, r := range runes {
			want, err := fnt.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatalf("%s: GlyphIndex(%q): %v", f, r, err)
			}
			for range 2 { // the second time from the cache
				g, ok := f.GlyphID(r)
				if g != uint16(want) || ok != (want != 0) {
					t.Errorf("%s: GlyphID(%U) = %d, %v; want %d", f, r, g, ok, want)
				}
			}
			if g, ok := f.GlyphID(r); ok && r < fastLimit {
				if a, u := f.Advance(g), Units(f, string(r)); int64(a) != u {
					t.Errorf("%s: Advance(GlyphID(%U)) = %d, Units = %d", f, r, a, u)
				}
			}
		}
		if f.Advance(0xffff) != 0 {
			t.Errorf("%s: Advance of a glyph past the end is not 0", f)
		}
	}
	// Concurrent callers (run with -race).
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for r := rune(0x2000 + 64*i); r < rune(0x2000+64*i+256); r++ {
				Face(i).GlyphID(r)
				Face(i).GlyphID(r - 0x1000)
			}
		})
	}
	wg.Wait()
}

// asciiGlyphs returns the glyphs of the printable ASCII characters.
func asciiGlyphs(t testing.TB, f Face) []uint16 {
	var s []rune
	for r := ' '; r <= '~'; r++ {
		s = append(s, r)
	}
	return glyphsOf(t, f, string(s))
}

func TestSubsetSize(t *testing.T) {
	for _, f := range All() {
		b := mustSubset(t, f, asciiGlyphs(t, f))
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		w.Write(b)
		w.Close()
		t.Logf("%-16s ASCII subset %6d bytes, %6d zlib (font %d)", f, len(b), z.Len(), len(f.TTF()))
		if len(b) > len(f.TTF())/4 {
			t.Errorf("%s: ASCII subset is %d bytes of the font's %d", f, len(b), len(f.TTF()))
		}
	}
}

func BenchmarkSubset(b *testing.B) {
	gids := asciiGlyphs(b, Serif)
	mustSubset(b, Serif, gids)
	b.ReportAllocs()
	for b.Loop() {
		Serif.Subset(gids)
	}
}

func TestSubsetMetrics(t *testing.T) {
	for _, f := range All() {
		gids := glyphsOf(t, f, sample)
		b := mustSubset(t, f, gids)
		orig, sub := tableData(t, f.TTF(), "hmtx"), tableData(t, b, "hmtx")
		if len(orig) != len(sub) {
			t.Fatalf("%s: hmtx is %d bytes, original %d", f, len(sub), len(orig))
		}
		nh := int(be16(tableData(t, b, "hhea")[34:]))
		data := glyphData(t, b)
		for g := range data {
			at, size := 4*g, 4
			if g >= nh {
				at, size = 4*nh+2*(g-nh), 2
			}
			want := orig[at : at+size]
			// Kept: asked for, .notdef, or a component of a composite.
			if g != 0 && !slices.Contains(gids, uint16(g)) && len(data[g]) == 0 {
				want = make([]byte, size)
			}
			if !bytes.Equal(sub[at:at+size], want) {
				t.Errorf("%s: hmtx entry of glyph %d is %x, want %x", f, g, sub[at:at+size], want)
			}
		}
	}
}

// sfntFile assembles a font from tables, in tag order, without checksums.
func sfntFile(tables map[string][]byte) []byte {
	tags := slices.Sorted(maps.Keys(tables))
	out := make([]byte, 12+16*len(tags))
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(len(tags)))
	for i, tag := range tags {
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(tables[tag])))
		out = append(out, tables[tag]...)
		out = append(out, make([]byte, pad4(len(out))-len(out))...)
	}
	return out
}

func u16s(v ...int) []byte {
	var b []byte
	for _, x := range v {
		b = binary.BigEndian.AppendUint16(b, uint16(x))
	}
	return b
}

// synthFont builds a TrueType font with a short loca table around the
// given glyph data, which must have even lengths. Glyph g has advance
// 100*(g+1) if it has a full horizontal metric, and left side bearing g+1.
func synthFont(glyphs [][]byte, numHMetrics int) []byte {
	var glyf, loca, hmtx []byte
	for _, g := range glyphs {
		loca = append(loca, u16s(len(glyf)/2)...)
		glyf = append(glyf, g...)
	}
	loca = append(loca, u16s(len(glyf)/2)...)
	for g := range glyphs {
		if g < numHMetrics {
			hmtx = append(hmtx, u16s(100*(g+1))...)
		}
		hmtx = append(hmtx, u16s(g+1)...)
	}
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head, 0x00010000)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5)
	binary.BigEndian.PutUint16(head[18:], 1000) // unitsPerEm; indexToLocFormat 0
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint32(hhea, 0x00010000)
	binary.BigEndian.PutUint16(hhea[34:], uint16(numHMetrics))
	maxp := make([]byte, 32)
	binary.BigEndian.PutUint32(maxp, 0x00010000)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(glyphs)))
	post := make([]byte, 32)
	binary.BigEndian.PutUint32(post, 0x00030000)
	return sfntFile(map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "post": post,
	})
}

// A one-point simple glyph, padded to even length for a short loca.
func simpleGlyph(x int) []byte {
	return append(u16s(1, 0, 0, x, x, 0, 0), 0x37, byte(x), byte(x), 0)
}

// Composite glyph flags, spelled out here apart from subset.go.
const words, xy, scale, more, xyScale, twoByTwo = 0x1, 0x2, 0x8, 0x20, 0x40, 0x80

// compositeGlyph returns a composite glyph header followed by records.
func compositeGlyph(records ...[]byte) []byte {
	return slices.Concat(append([][]byte{u16s(0xffff, 0, 0, 100, 100)}, records...)...)
}

// TestSubsetSyntheticComposite covers what Liberation does not have:
// every component argument and scale form, nested composites, a short
// loca table, and fewer full horizontal metrics than glyphs.
func TestSubsetSyntheticComposite(t *testing.T) {
	// Each record but the last is followed by another, so a record read
	// at the wrong length derails the rest.
	composite := compositeGlyph(
		u16s(words|xy|more, 1, 10, 20),                          // word arguments
		u16s(xy|twoByTwo|more, 2, 0x0102, 0x4000, 0, 0, 0x4000), // 2×2
		u16s(xy|scale|more, 5, 0x0a14, 0x4000),                  // byte arguments, one scale
		u16s(words|xy|xyScale|more, 6, 5, 6, 0x4000, 0x2000),    // x and y scales
		u16s(xy, 8, 0)) // byte arguments, no scale
	nested := compositeGlyph(u16s(xy, 7, 0))
	// Glyph 4, the last with a full horizontal metric, is left out; 5 to
	// 8 share its advance.
	glyphs := [][]byte{nil, simpleGlyph(1), simpleGlyph(2), composite, simpleGlyph(4),
		simpleGlyph(5), nested, simpleGlyph(7), simpleGlyph(8)}
	l, err := parseLayout(synthFont(glyphs, 5))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.advance(7); got != 500 {
		t.Errorf("advance of glyph 7 = %d, want the last full metric's 500", got)
	}
	b, err := l.subset([]uint16{3})
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, "synthetic", b)
	sub := mustParse(t, b)
	for g, d := range glyphData(t, b) {
		want := glyphs[g]
		if g == 4 {
			want = nil
		}
		if !bytes.Equal(d[:min(len(d), len(want))], want) || pad4(len(want)) != len(d) {
			t.Errorf("glyph %d is %x, want %x padded to 4 bytes", g, d, want)
		}
	}
	// Glyphs past the last full metric share its advance, even dropped ones.
	for g, want := range []fixed.Int26_6{100, 200, 300, 400, 500, 500, 500, 500, 500} {
		if got := advance(t, sub, uint16(g)); got != want<<6 {
			t.Errorf("subset advance of glyph %d = %v, want %d", g, got, want)
		}
	}
	hm, want := tableData(t, b, "hmtx"), u16s(100, 1, 200, 2, 300, 3, 400, 4, 500, 0, 6, 7, 8, 9)
	if !bytes.Equal(hm, want) {
		t.Errorf("hmtx %x, want %x", hm, want)
	}

	// Now with glyph 4 kept.
	b, err = l.subset([]uint16{4, 7})
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, "synthetic with glyph 4", b)
	hm, want = tableData(t, b, "hmtx"), u16s(100, 1, 0, 0, 0, 0, 0, 0, 500, 5, 0, 0, 8, 0)
	if !bytes.Equal(hm, want) {
		t.Errorf("hmtx %x, want %x", hm, want)
	}
}

// TestSubsetBrokenGlyphs checks that damaged glyph data gives an error.
func TestSubsetBrokenGlyphs(t *testing.T) {
	simple := simpleGlyph(1)
	// A chain of composites, each naming the next, 20 deep.
	var chain [][]byte
	for g := 1; g <= 20; g++ {
		chain = append(chain, compositeGlyph(u16s(xy, g+1, 0)))
	}
	chain = append([][]byte{nil}, append(chain, simple)...)
	for _, tc := range []struct {
		name   string
		glyphs [][]byte
		ok     bool
	}{
		{"fine", [][]byte{nil, compositeGlyph(u16s(xy, 2, 0)), simple}, true},
		{"names itself", [][]byte{nil, compositeGlyph(u16s(xy|more, 1, 0), u16s(xy, 2, 0)), simple}, true},
		{"component out of range", [][]byte{nil, compositeGlyph(u16s(xy, 3, 0)), simple}, false},
		{"no last record", [][]byte{nil, compositeGlyph(u16s(xy|more, 2, 0)), simple}, false},
		{"record cut short", [][]byte{nil, compositeGlyph(u16s(xy|scale, 2, 0)), simple}, false},
		{"glyph shorter than its header", [][]byte{nil, simple[:8], simple}, false},
		{"nested too deep", chain, false},
	} {
		l, err := parseLayout(synthFont(tc.glyphs, len(tc.glyphs)))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if _, err := l.subset([]uint16{1}); (err == nil) != tc.ok {
			t.Errorf("%s: error %v", tc.name, err)
		}
	}

	// Glyph offsets that run backwards or past the glyf table.
	font := synthFont([][]byte{nil, simple, simple}, 3)
	at := bytes.Index(font, u16s(0, 0, 9, 18)) // the short loca table
	for _, loca := range [][]byte{u16s(0, 0, 18, 9), u16s(0, 0, 9, 19)} {
		bad := slices.Clone(font)
		copy(bad[at:], loca)
		if _, err := parseLayout(bad); err == nil {
			t.Errorf("loca %x: no error", loca)
		}
	}
}

// TestSubsetHasNoHints checks that the kept glyphs lost their instructions
// (and kept their outlines: TestSubset compares those) and that the
// original glyphs had some to lose.
func TestSubsetHasNoHints(t *testing.T) {
	for _, f := range All() {
		gids := glyphsOf(t, f, sample)
		b := mustSubset(t, f, gids)
		glyf, loca := tableData(t, b, "glyf"), tableData(t, b, "loca")
		hinted := 0
		orig := mustLayoutOriginal(t, f)
		for _, g := range gids {
			d := glyf[binary.BigEndian.Uint32(loca[4*g:]):binary.BigEndian.Uint32(loca[4*g+4:])]
			if len(d) == 0 {
				continue // an empty glyph, such as the space
			}
			if nc := int(int16(be16(d))); nc >= 0 {
				if n := be16(d[10+2*nc:]); n != 0 {
					t.Errorf("%s: glyph %d keeps %d bytes of instructions", f, g, n)
				}
			}
			od := orig.raw(int(g))
			if nc := int(int16(be16(od))); nc >= 0 && be16(od[10+2*nc:]) > 0 {
				hinted++
			}
		}
		if hinted == 0 {
			t.Errorf("%s: no original glyph had instructions; the test checks nothing", f)
		}
	}
}

// mustLayoutOriginal parses f's font without stripping anything.
func mustLayoutOriginal(t *testing.T, f Face) *sfntLayout {
	t.Helper()
	l, err := parseLayoutWith(f.TTF(), false)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// BenchmarkFaceTables reads what measuring and embedding need of every
// face, as a process does the first time it uses them: the metrics and
// the subsetting layout.
func BenchmarkFaceTables(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range All() {
			if _, err := newMetrics(f.TTF()); err != nil {
				b.Fatal(err)
			}
			if _, err := parseLayout(f.TTF()); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestAppendSubsetReusesDirtyBuffers checks that a subset appended to a
// buffer that held other bytes is the same as a fresh one, and that the
// bytes before it are kept.
func TestAppendSubsetReusesDirtyBuffers(t *testing.T) {
	for _, f := range []Face{Serif, SansBold} {
		gids := glyphsOf(t, f, sample)
		want := mustSubset(t, f, gids)
		buf := bytes.Repeat([]byte{0xA5}, 3*len(want))
		got, err := f.AppendSubset(buf[:7], gids)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[:7], buf[:7]) || !bytes.Equal(got[7:], want) {
			t.Errorf("%s: AppendSubset onto a used buffer differs from Subset", f)
		}
		if &got[0] != &buf[0] {
			t.Errorf("%s: AppendSubset did not reuse a buffer with room", f)
		}
		if _, err := f.AppendSubset(buf[:7], []uint16{0xffff}); err == nil {
			t.Errorf("%s: AppendSubset of a glyph out of range did not fail", f)
		}
	}
}
