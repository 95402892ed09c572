package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf16"
)

// This file gives the PDF writer what it needs to embed a face as a
// CIDFontType2 font with /CIDToGIDMap /Identity: the glyph index of a rune,
// the numbers for the font descriptor, advance widths by glyph, and a
// subset of the TrueType file that keeps every glyph at its original index.

// FontInfo holds the numbers a PDF font descriptor needs. Lengths are in
// font units (UnitsPerEm to the em), as the font's own tables give them.
type FontInfo struct {
	// PostScriptName is the font's PostScript name (name table ID 6), such
	// as "LiberationSerif-Bold".
	PostScriptName string
	// UnitsPerEm is the size of the em square in font units.
	UnitsPerEm int
	// BBox is the box enclosing every glyph: xMin, yMin, xMax, yMax from
	// the head table.
	BBox [4]int
	// Ascent and Descent are the hhea ascender and descender. Descent is
	// negative, as in the font.
	Ascent, Descent int
	// CapHeight is the height of capital letters (OS/2 sCapHeight), or
	// Ascent when the font does not record it.
	CapHeight int
	// ItalicAngle is the slant in degrees counter-clockwise from vertical
	// (post table); negative for faces that lean right, zero for upright.
	ItalicAngle float64
	// FixedPitch reports a monospaced face, Serif one with serifs, and
	// Italic a slanted one.
	FixedPitch, Serif, Italic bool
	// StemV estimates the thickness of vertical stems, which TrueType
	// fonts do not record: 80/1000 em for regular weights and 140/1000 em
	// for bold ones, converted to font units like the other fields (164
	// and 287 at 2048 units to the em). Scale it by 1000/UnitsPerEm along
	// with the rest for a PDF font descriptor.
	StemV int
}

// GlyphID returns the index of r's glyph in face f, and false when the
// face has no glyph for r. Indexes are those of the whole font, which
// Subset keeps. It is safe for concurrent use.
func (f Face) GlyphID(r rune) (uint16, bool) {
	m := get(f)
	if r >= 0 && r < fastLimit {
		g := m.gid[r]
		return g, g != 0
	}
	g := m.cmap.glyph(r)
	return g, g != 0
}

// Info returns the face's descriptor numbers. It computes them once.
func (f Face) Info() FontInfo { return mustLayout(f).info }

// Advance returns the advance width of glyph gid in font units, or 0 when
// the face has no such glyph.
func (f Face) Advance(gid uint16) int { return mustLayout(f).advance(int(gid)) }

// Subset returns a TrueType font holding only the given glyphs of face f,
// plus glyph 0 (.notdef) and the components of any composite glyph. Every
// glyph keeps its index, so the result suits a PDF CIDFontType2 font with
// an identity CID-to-glyph map; the glyphs left out are empty. The order of
// gids and any repeats do not matter: the same set of glyphs always gives
// the same bytes. A gid at or past the face's glyph count is an error.
//
// The font has the tables a PDF viewer needs (head, hhea, maxp, hmtx, loca
// and glyf), OS/2, and a post table without glyph names and a cmap that
// maps no characters, which keep it a well-formed TrueType file for readers
// that insist on those. Hinting is left out: the glyphs lose their
// instructions and the font its cvt, fpgm and prep tables, which only
// sharpen small text on low-resolution screens.
func (f Face) Subset(gids []uint16) ([]byte, error) { return f.AppendSubset(nil, gids) }

// AppendSubset appends the font Subset returns to dst and returns the
// extended slice; on error it returns dst unchanged. A caller that makes
// many subsets can reuse one buffer for them: each is some tens of
// kilobytes, and fresh memory costs a process more than the bytes do.
func (f Face) AppendSubset(dst []byte, gids []uint16) ([]byte, error) {
	if f >= numFaces {
		return dst, fmt.Errorf("fonts: subset of unknown %s", f)
	}
	l, err := faceLayout(f)
	if err != nil {
		return dst, fmt.Errorf("fonts: subset of %s: %w", f, err)
	}
	out, err := l.appendSubset(dst, gids)
	if err != nil {
		return dst, fmt.Errorf("fonts: subset of %s: %w", f, err)
	}
	return out, nil
}

var (
	layoutOnce [numFaces]sync.Once
	layouts    [numFaces]*sfntLayout
	layoutErrs [numFaces]error
)

func faceLayout(f Face) (*sfntLayout, error) {
	layoutOnce[f].Do(func() {
		l, err := parseLayout(f.TTF())
		if err == nil {
			l.info.Serif = f < Sans
			l.info.Italic = f.Italic()
			l.info.StemV = stemV(f.Bold(), l.info.UnitsPerEm)
		}
		layouts[f], layoutErrs[f] = l, err
	})
	return layouts[f], layoutErrs[f]
}

// mustLayout is faceLayout for the methods that cannot return an error. The
// fonts are embedded, so a failure is a broken build, as in get.
func mustLayout(f Face) *sfntLayout {
	l, err := faceLayout(f)
	if err != nil {
		panic(fmt.Sprintf("fonts: embedded %s does not parse: %v", f, err))
	}
	return l
}

func stemV(bold bool, unitsPerEm int) int {
	thousandths := 80
	if bold {
		thousandths = 140
	}
	return (thousandths*unitsPerEm + 500) / 1000
}

// Table tags, as big-endian numbers.
const (
	tagOS2  = 0x4f532f32 // "OS/2"
	tagCmap = 0x636d6170 // "cmap"
	tagCvt  = 0x63767420 // "cvt "
	tagFpgm = 0x6670676d // "fpgm"
	tagGlyf = 0x676c7966 // "glyf"
	tagHead = 0x68656164 // "head"
	tagHhea = 0x68686561 // "hhea"
	tagHmtx = 0x686d7478 // "hmtx"
	tagLoca = 0x6c6f6361 // "loca"
	tagMaxp = 0x6d617870 // "maxp"
	tagName = 0x6e616d65 // "name"
	tagPost = 0x706f7374 // "post"
	tagPrep = 0x70726570 // "prep"
)

// Composite glyph component flags.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// maxComponentDepth bounds the nesting of composite glyphs. Real fonts nest
// two or three deep; sfnt itself stops at eight.
const maxComponentDepth = 16

// headAdjustment is the offset of checkSumAdjustment in the head table.
const headAdjustment = 8

// sfntLayout is what Subset needs of a font, found once: the tables it
// copies and the glyph data, all slices of the embedded font. It does not
// change once made and is safe for concurrent use.
type sfntLayout struct {
	hmetrics
	glyf     []byte
	loca     []byte // numGlyphs+1 offsets into glyf, non-decreasing
	longLoca bool   // whether loca holds 32-bit offsets (else halved 16-bit ones)
	strip    bool   // whether subsets leave out the hinting instructions
	tables   []outTable
	info     FontInfo
}

// outTable is one table of a subset. The glyf, loca and hmtx tables are
// built for each subset; the rest are fixed bytes with a known checksum.
type outTable struct {
	tag  uint32
	data []byte // nil for glyf, loca and hmtx
	sum  uint32
}

var errTruncated = errors.New("table or glyph data runs past its end")

func parseLayout(ttf []byte) (*sfntLayout, error) { return parseLayoutWith(ttf, true) }

// parseLayoutWith is parseLayout; strip says whether to drop the hints.
func parseLayoutWith(ttf []byte, strip bool) (*sfntLayout, error) {
	src, err := tableDirectory(ttf)
	if err != nil {
		return nil, err
	}
	for _, tag := range []uint32{tagHead, tagHhea, tagMaxp, tagHmtx, tagLoca, tagGlyf} {
		if src[tag] == nil {
			return nil, fmt.Errorf("no %q table", tagString(tag))
		}
	}
	hm, err := readHMetrics(src)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp := src[tagHead], src[tagHhea], src[tagMaxp]
	l := &sfntLayout{hmetrics: hm, glyf: src[tagGlyf], strip: strip}
	if err := l.checkLoca(src[tagLoca], be16(head[50:])); err != nil {
		return nil, err
	}

	// The head table of a subset differs from the original only in its
	// checksum adjustment, filled in per subset, and in always using long
	// glyph offsets.
	newHead := append([]byte(nil), head[:54]...)
	binary.BigEndian.PutUint32(newHead[headAdjustment:], 0)
	binary.BigEndian.PutUint16(newHead[50:], 1)
	l.add(tagHead, newHead)
	l.add(tagHhea, hhea)
	l.add(tagMaxp, maxp)
	l.add(tagCmap, emptyCmap)
	// cvt, fpgm and prep only serve the glyph programs appendGlyph leaves out.
	for _, tag := range []uint32{tagOS2} {
		if t := src[tag]; t != nil {
			l.add(tag, t)
		}
	}
	if post := src[tagPost]; len(post) >= 32 {
		// Version 3.0 keeps the header (italic angle, underline, pitch)
		// and drops the glyph names.
		p := append([]byte(nil), post[:32]...)
		binary.BigEndian.PutUint32(p, 0x00030000)
		l.add(tagPost, p)
	}
	for _, tag := range []uint32{tagGlyf, tagLoca, tagHmtx} {
		l.tables = append(l.tables, outTable{tag: tag})
	}
	// Tables go in tag order, as the directory must be sorted.
	for i := 1; i < len(l.tables); i++ {
		for j := i; j > 0 && l.tables[j].tag < l.tables[j-1].tag; j-- {
			l.tables[j], l.tables[j-1] = l.tables[j-1], l.tables[j]
		}
	}

	l.info = FontInfo{
		PostScriptName: postScriptName(src[tagName]),
		UnitsPerEm:     int(be16(head[18:])),
		BBox: [4]int{
			int(int16(be16(head[36:]))), int(int16(be16(head[38:]))),
			int(int16(be16(head[40:]))), int(int16(be16(head[42:]))),
		},
		Ascent:  int(int16(be16(hhea[4:]))),
		Descent: int(int16(be16(hhea[6:]))),
	}
	l.info.CapHeight = l.info.Ascent
	if os2 := src[tagOS2]; len(os2) >= 90 && be16(os2) >= 2 {
		l.info.CapHeight = int(int16(be16(os2[88:])))
	}
	if post := src[tagPost]; len(post) >= 16 {
		l.info.ItalicAngle = float64(int32(be32(post[4:]))) / 65536
		l.info.FixedPitch = be32(post[12:]) != 0
	}
	return l, nil
}

// checkLoca keeps the glyph offsets, in either format, after checking
// that every glyph lies inside the glyf table.
func (l *sfntLayout) checkLoca(loca []byte, format uint16) error {
	n := l.numGlyphs + 1
	switch format {
	case 0:
		if len(loca) < 2*n {
			return errors.New("loca table too short")
		}
	case 1:
		if len(loca) < 4*n {
			return errors.New("loca table too short")
		}
		l.longLoca = true
	default:
		return fmt.Errorf("unknown indexToLocFormat %d", format)
	}
	l.loca = loca
	for i := range l.numGlyphs {
		if l.offset(i) > l.offset(i+1) {
			return fmt.Errorf("glyph %d ends before it starts", i)
		}
	}
	if uint64(l.offset(l.numGlyphs)) > uint64(len(l.glyf)) {
		return errors.New("glyph data runs past the glyf table")
	}
	return nil
}

// offset returns where glyph g starts in the glyf table (for g =
// numGlyphs, where the last one ends).
func (l *sfntLayout) offset(g int) uint32 {
	if l.longLoca {
		return be32(l.loca[4*g:])
	}
	return 2 * uint32(be16(l.loca[2*g:]))
}

// raw returns glyph g's data as the font holds it.
func (l *sfntLayout) raw(g int) []byte { return l.glyf[l.offset(g):l.offset(g+1)] }

// keptLen returns the length of glyph g's data in a subset: without
// hinting instructions when l.strip, padded to four bytes.
func (l *sfntLayout) keptLen(g int) int {
	if l.strip {
		return pad4(unhintedLen(l.raw(g)))
	}
	return pad4(len(l.raw(g)))
}

// appendGlyph appends glyph g's data as a subset holds it, keptLen bytes.
func (l *sfntLayout) appendGlyph(dst []byte, g int) []byte {
	start := len(dst)
	if l.strip {
		dst = appendUnhinted(dst, l.raw(g))
	} else {
		dst = append(dst, l.raw(g)...)
	}
	for (len(dst)-start)%4 != 0 {
		dst = append(dst, 0)
	}
	return dst
}

// componentSize returns the length of a composite glyph's component
// record with the given flags: flags and glyph index, two arguments of one
// or two bytes each, and the optional scale or matrix.
func componentSize(flags uint16) int {
	n := 4 + 2
	if flags&argsAreWords != 0 {
		n += 2
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// weHaveInstructions is the composite component flag saying instructions
// follow the last component.
const weHaveInstructions = 0x0100

// instructions finds the hinting instructions in glyph data d. A simple
// glyph's are the n bytes after the length word at at; a composite
// glyph's follow its last component, which ends at at, and n counts every
// byte after that. ok is false when d's structure does not parse.
func instructions(d []byte) (at, n int, composite, ok bool) {
	if len(d) < 10 {
		return 0, 0, false, false
	}
	if nc := int(int16(be16(d))); nc >= 0 {
		at = 10 + 2*nc // the instruction length follows the contour ends
		if len(d) < at+2 || len(d) < at+2+int(be16(d[at:])) {
			return 0, 0, false, false
		}
		return at, int(be16(d[at:])), false, true
	}
	at = 10
	for {
		if len(d) < at+4 {
			return 0, 0, true, false
		}
		flags := be16(d[at:])
		n := componentSize(flags)
		if len(d) < at+n {
			return 0, 0, true, false
		}
		at += n
		if flags&moreComponents == 0 {
			return at, len(d) - at, true, true
		}
	}
}

// unhintedLen is the length of what appendUnhinted appends for d.
func unhintedLen(d []byte) int {
	at, n, composite, ok := instructions(d)
	switch {
	case !ok:
		return len(d)
	case composite:
		return at
	}
	return len(d) - n
}

// appendUnhinted appends glyph data d without its instructions.
// Hinting adjusts outlines to a screen's pixel grid; PDF viewers and
// printers rasterize for themselves, and the instructions are about a
// third of each glyph's bytes, so an embedded subset is smaller without
// them. A glyph whose structure does not parse is kept as it is.
func appendUnhinted(dst, d []byte) []byte {
	at, n, composite, ok := instructions(d)
	if !ok {
		return append(dst, d...)
	}
	if !composite {
		dst = append(dst, d[:at]...)
		dst = append(dst, 0, 0) // no instructions
		return append(dst, d[at+2+n:]...)
	}
	start := len(dst)
	dst = append(dst, d[:at]...)
	for c := start + 10; ; {
		flags := be16(dst[c:]) &^ weHaveInstructions
		binary.BigEndian.PutUint16(dst[c:], flags)
		c += componentSize(flags)
		if flags&moreComponents == 0 {
			return dst
		}
	}
}

func (l *sfntLayout) add(tag uint32, data []byte) {
	l.tables = append(l.tables, outTable{tag: tag, data: data, sum: checksum(data)})
}

// emptyCmap maps no characters: one format 4 subtable (Windows, Unicode
// BMP) with only the closing 0xFFFF segment.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // platform 3, encoding 1, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language 0
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xff, 0xff, 0, 0, 0xff, 0xff, // endCode, reservedPad, startCode
	0, 1, 0, 0, // idDelta, idRangeOffset
}

// postScriptName reads name ID 6, preferring the Windows Unicode record
// and falling back to the Macintosh Roman one. It is "" if there is none.
func postScriptName(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	count, base := int(be16(name[2:])), int(be16(name[4:]))
	mac := ""
	for i := range count {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		r := name[rec:]
		platform, encoding, id := be16(r), be16(r[2:]), be16(r[6:])
		size, off := int(be16(r[8:])), base+int(be16(r[10:]))
		if id != 6 || off+size > len(name) {
			continue
		}
		s := name[off : off+size]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10) && size%2 == 0:
			u := make([]uint16, size/2)
			for j := range u {
				u[j] = be16(s[2*j:])
			}
			return string(utf16.Decode(u))
		case platform == 1 && encoding == 0 && mac == "":
			mac = string(s)
		}
	}
	return mac
}

func (l *sfntLayout) advance(gid int) int {
	if gid < 0 || gid >= l.numGlyphs {
		return 0
	}
	return l.advanceOf(gid)
}

// glyphSet is a bit set of glyph indexes.
type glyphSet []uint64

func (s glyphSet) has(g int) bool { return s[g>>6]&(1<<(g&63)) != 0 }

// subset builds the subset font.
func (l *sfntLayout) subset(gids []uint16) ([]byte, error) { return l.appendSubset(nil, gids) }

// appendSubset builds the subset font at the end of dst. It sizes the font
// before writing it, so dst grows at most once.
func (l *sfntLayout) appendSubset(dst []byte, gids []uint16) ([]byte, error) {
	var words [1 << 10]uint64 // enough for 65536 glyphs
	keep := glyphSet(words[:(l.numGlyphs+63)/64])
	glyfSize := 0
	if err := l.mark(keep, 0, 0, &glyfSize); err != nil {
		return nil, err
	}
	for _, g := range gids {
		if int(g) >= l.numGlyphs {
			return nil, fmt.Errorf("glyph %d out of range (the font has %d)", g, l.numGlyphs)
		}
		if err := l.mark(keep, int(g), 0, &glyfSize); err != nil {
			return nil, err
		}
	}

	numTables := len(l.tables)
	dirSize := 12 + 16*numTables
	size := dirSize
	for i := range l.tables {
		size += pad4(l.tableSize(&l.tables[i], glyfSize))
	}
	if uint64(size) > 1<<32-1 {
		return nil, errors.New("subset exceeds 4 GiB")
	}
	start := len(dst)
	dst = slices.Grow(dst, size)[:start+size]
	out := dst[start:]
	clear(out) // the tables are written over zeros

	// Offset table. searchRange is 16 times the largest power of two not
	// above numTables; entrySelector is that power's log2.
	entrySelector := bits.Len(uint(numTables)) - 1
	searchRange := 16 << entrySelector
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(numTables))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*numTables-searchRange))

	off, headOff := dirSize, -1
	for i := range l.tables {
		t := &l.tables[i]
		n := l.tableSize(t, glyfSize)
		dst := out[off : off+n]
		sum := t.sum
		switch t.tag {
		case tagGlyf:
			sum = l.writeGlyf(dst, keep)
		case tagLoca:
			sum = l.writeLoca(dst, keep)
		case tagHmtx:
			sum = l.writeHmtx(dst, keep)
		default:
			copy(dst, t.data)
			if t.tag == tagHead {
				headOff = off
			}
		}
		rec := out[12+16*i:]
		binary.BigEndian.PutUint32(rec, t.tag)
		binary.BigEndian.PutUint32(rec[4:], sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(n))
		off += pad4(n)
	}

	// checkSumAdjustment makes the whole file sum to 0xB1B0AFBA. Tables are
	// zero-padded, so the file's sum is the directory's plus the tables'.
	total := checksum(out[:dirSize])
	for i := range numTables {
		total += be32(out[12+16*i+4:])
	}
	binary.BigEndian.PutUint32(out[headOff+headAdjustment:], 0xB1B0AFBA-total)
	return dst, nil
}

func (l *sfntLayout) tableSize(t *outTable, glyfSize int) int {
	switch t.tag {
	case tagGlyf:
		return glyfSize
	case tagLoca:
		return 4 * (l.numGlyphs + 1)
	case tagHmtx:
		return 4*l.numHMetrics + 2*(l.numGlyphs-l.numHMetrics)
	}
	return len(t.data)
}

// mark adds glyph g to keep, with its components if it is a composite, and
// adds the kept size of any glyph it adds to glyfSize.
func (l *sfntLayout) mark(keep glyphSet, g, depth int, glyfSize *int) error {
	if keep.has(g) {
		return nil
	}
	keep[g>>6] |= 1 << (g & 63)
	data := l.raw(g)
	if len(data) == 0 {
		return nil
	}
	if len(data) < 10 {
		return fmt.Errorf("glyph %d: %w", g, errTruncated)
	}
	*glyfSize += l.keptLen(g)
	if int16(be16(data)) >= 0 {
		return nil
	}
	if depth >= maxComponentDepth {
		return fmt.Errorf("glyph %d: composite glyphs nest more than %d deep", g, maxComponentDepth)
	}
	for p := 10; ; {
		if p+4 > len(data) {
			return fmt.Errorf("glyph %d: %w", g, errTruncated)
		}
		flags, c := be16(data[p:]), int(be16(data[p+2:]))
		p += componentSize(flags)
		if p > len(data) {
			return fmt.Errorf("glyph %d: %w", g, errTruncated)
		}
		if c >= l.numGlyphs {
			return fmt.Errorf("glyph %d: component %d out of range", g, c)
		}
		if err := l.mark(keep, c, depth+1, glyfSize); err != nil {
			return err
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// writeGlyf writes the kept glyphs in index order, each padded to four
// bytes, and returns the table's checksum. dst is zeroed.
func (l *sfntLayout) writeGlyf(dst []byte, keep glyphSet) uint32 {
	glyf := dst[:0]
	for w, bitsLeft := range keep {
		for bitsLeft != 0 {
			g := w<<6 | bits.TrailingZeros64(bitsLeft)
			bitsLeft &= bitsLeft - 1
			glyf = l.appendGlyph(glyf, g)
		}
	}
	return checksum(glyf)
}

// writeLoca writes long offsets matching writeGlyf, glyphs left out being
// empty, and returns the table's checksum.
func (l *sfntLayout) writeLoca(dst []byte, keep glyphSet) uint32 {
	dst = dst[:4*(l.numGlyphs+1)]
	off, sum := uint32(0), uint32(0)
	for g := range l.numGlyphs {
		binary.BigEndian.PutUint32(dst[4*g:], off)
		sum += off
		if keep.has(g) {
			off += uint32(l.keptLen(g))
		}
	}
	binary.BigEndian.PutUint32(dst[4*l.numGlyphs:], off)
	return sum + off
}

// writeHmtx copies the metrics of the kept glyphs and leaves the rest zero,
// which compresses well, and returns the table's checksum. dst is zeroed.
func (l *sfntLayout) writeHmtx(dst []byte, keep glyphSet) uint32 {
	nh, sum := l.numHMetrics, uint32(0)
	if last := 4 * (nh - 1); nh < l.numGlyphs && !keep.has(nh-1) {
		// Glyphs past the last full metric share its advance.
		copy(dst[last:last+2], l.hmtx[last:])
		sum += be32(dst[last:])
	}
	for w, bitsLeft := range keep {
		for bitsLeft != 0 {
			g := w<<6 | bits.TrailingZeros64(bitsLeft)
			bitsLeft &= bitsLeft - 1
			if g < nh {
				copy(dst[4*g:4*g+4], l.hmtx[4*g:])
				sum += be32(dst[4*g:])
				continue
			}
			// A left side bearing alone, in the high or low half of a word.
			i := 4*nh + 2*(g-nh)
			copy(dst[i:i+2], l.hmtx[i:])
			sum += uint32(be16(dst[i:])) << (16 * (1 - i/2%2))
		}
	}
	return sum
}

// checksum is the TrueType table checksum: the sum of the big-endian
// uint32 words of b, zero-padded to a multiple of four bytes.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += be32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += be32(last[:])
	}
	return sum
}

func pad4(n int) int { return (n + 3) &^ 3 }

func be16(b []byte) uint16 { return binary.BigEndian.Uint16(b) }
func be32(b []byte) uint32 { return binary.BigEndian.Uint32(b) }

func tagString(tag uint32) string {
	return string([]byte{byte(tag >> 24), byte(tag >> 16), byte(tag >> 8), byte(tag)})
}
