package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/adler32"
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
)

// The objects of a file, by number. Pages, outline entries and fonts
// follow in that order, so every number is known before anything is
// written and the objects go out in numeric order.
const (
	objCatalog = 1 + iota
	objPages
	objResources
	objInfo
	objFirstPage // page i is objFirstPage+2i, its content stream the next one
)

// objsPerFont is the number of objects one embedded face takes: the Type0
// font, its CIDFontType2 descendant, the font descriptor, the TrueType
// program and the ToUnicode CMap.
const objsPerFont = 5

// writer holds one render's output and the scratch space it reuses. The
// scratch parts come from a pool; out is the caller's.
type writer struct {
	out     []byte
	offsets []int // byte offset of each object, by number; [0] unused
	content []byte
	zbuf    bytes.Buffer
	used    [len(family)]runeSet
}

var writers = sync.Pool{New: func() any { return new(writer) }}

// contentCap is the room a writer's content buffer starts with. Court
// pages take 4 to 12 KB of content; grown by append from nothing, the
// buffer would pass through a dozen sizes on the first page, each in
// fresh memory that a cold process pays a page fault for.
const contentCap = 16 << 10

// compress appends data to dst as a zlib stream (RFC 1950), which is what
// /FlateDecode reads. The deflate body is klauspost's stateless encoder:
// it keeps no tables between calls (a few kilobytes of stack and one
// pooled token buffer), where a zlib.Writer at the fastest level allocates
// about 800 kB of tables that a cold process pays for in page faults, and
// on the embedded fonts it is smaller and about twice as fast. The whole
// input goes in one call, so the bytes depend only on data.
func compress(dst *bytes.Buffer, data []byte) {
	dst.Write(zlibHeader[:])
	flate.StatelessDeflate(dst, data, true, nil) // a bytes.Buffer does not fail
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32.Checksum(data))
	dst.Write(sum[:])
}

// zlibHeader is the two-byte zlib header: deflate with a 32 KiB window
// (0x78) and the "fastest" level hint, with the check bits that make the
// pair a multiple of 31.
var zlibHeader = [2]byte{0x78, 0x01}

// write lays out the whole file. doc has passed check, and used lists the
// faces its text uses.
func write(doc drawlist.Doc, used []fonts.Face) ([]byte, error) {
	w := writers.Get().(*writer)
	defer func() {
		w.out = nil
		for i := range w.used {
			w.used[i].reset()
		}
		writers.Put(w)
	}()

	nPages := len(doc.Pages)
	objOutlines := objFirstPage + 2*nPages
	objFirstFont := objOutlines
	if len(doc.Bookmarks) > 0 {
		objFirstFont += 1 + len(doc.Bookmarks)
	}
	size := objFirstFont + objsPerFont*len(used)

	w.out = make([]byte, 0, sizeHint(doc, used))
	w.offsets = slices.Grow(w.offsets[:0], size)[:size]
	w.out = append(w.out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"...)

	w.begin(objCatalog)
	w.out = append(w.out, "<</Type/Catalog/Pages 2 0 R"...)
	if len(doc.Bookmarks) > 0 {
		w.out = append(w.out, "/Outlines "...)
		w.out = appendRef(w.out, objOutlines)
		w.out = append(w.out, "/PageMode/UseOutlines"...)
	}
	w.out = append(w.out, ">>"...)
	w.end()

	w.begin(objPages)
	w.out = append(w.out, "<</Type/Pages/Kids["...)
	for i := range nPages {
		if i > 0 {
			w.out = append(w.out, ' ')
		}
		w.out = appendRef(w.out, objFirstPage+2*i)
	}
	w.out = append(w.out, "]/Count "...)
	w.out = strconv.AppendInt(w.out, int64(nPages), 10)
	w.out = append(w.out, ">>"...)
	w.end()

	// One resource dictionary serves every page; a page that does not use
	// a font simply does not name it.
	w.begin(objResources)
	w.out = append(w.out, "<</ProcSet[/PDF/Text]/Font<<"...)
	for i, f := range used {
		w.out = appendFontName(w.out, f)
		w.out = append(w.out, ' ')
		w.out = appendRef(w.out, objFirstFont+objsPerFont*i)
	}
	w.out = append(w.out, ">>>>"...)
	w.end()

	w.begin(objInfo)
	w.info(doc)
	w.end()

	for i, p := range doc.Pages {
		n := objFirstPage + 2*i
		w.begin(n)
		w.out = append(w.out, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 "...)
		w.out = appendNum(w.out, p.Width)
		w.out = append(w.out, ' ')
		w.out = appendNum(w.out, p.Height)
		w.out = append(w.out, "]/Resources 3 0 R/Contents "...)
		w.out = appendRef(w.out, n+1)
		w.out = append(w.out, ">>"...)
		w.end()
		w.begin(n + 1)
		w.pageContent(p)
		w.stream(w.content)
		w.end()
	}

	if len(doc.Bookmarks) > 0 {
		w.outlines(doc, objOutlines)
	}

	for i, f := range used {
		e, err := embed(f, &w.used[f])
		if err != nil {
			return nil, err
		}
		w.font(f, e, objFirstFont+objsPerFont*i)
	}

	return w.trailer(size), nil
}

func (w *writer) begin(n int) {
	w.offsets[n] = len(w.out)
	w.out = strconv.AppendInt(w.out, int64(n), 10)
	w.out = append(w.out, " 0 obj\n"...)
}

func (w *writer) end() { w.out = append(w.out, "\nendobj\n"...) }

// stream writes data, deflated unless it is empty, as a stream object's
// dictionary and body.
func (w *writer) stream(data []byte) {
	deflated := len(data) > 0
	if deflated {
		w.zbuf.Reset()
		compress(&w.zbuf, data)
		data = w.zbuf.Bytes()
	}
	w.out = append(w.out, "<</Length "...)
	w.out = strconv.AppendInt(w.out, int64(len(data)), 10)
	if deflated {
		w.out = append(w.out, "/Filter/FlateDecode"...)
	}
	w.out = append(w.out, ">>stream\n"...)
	w.out = append(w.out, data...)
	w.out = append(w.out, "\nendstream"...)
}

// info writes the document information dictionary. The creation date is
// the as-of date at midnight UTC, never the clock.
func (w *writer) info(doc drawlist.Doc) {
	w.out = append(w.out, "<<"...)
	for _, kv := range [...]struct{ key, val string }{
		{"/Title", doc.Title}, {"/Author", doc.Author}, {"/Subject", doc.Subject},
		{"/Creator", doc.Creator}, {"/Producer", "relief"},
	} {
		if kv.val != "" {
			w.out = append(w.out, kv.key...)
			w.out = appendText(w.out, kv.val)
		}
	}
	if !doc.Created.IsZero() {
		w.out = append(w.out, "/CreationDate(D:"...)
		w.out = doc.Created.Time().AppendFormat(w.out, "20060102")
		w.out = append(w.out, "000000Z)"...)
	}
	w.out = append(w.out, ">>"...)
}

// outlines writes the outline root at obj and one entry per bookmark after
// it, each opening its page at the top edge.
func (w *writer) outlines(doc drawlist.Doc, obj int) {
	n := len(doc.Bookmarks)
	w.begin(obj)
	w.out = append(w.out, "<</Type/Outlines/First "...)
	w.out = appendRef(w.out, obj+1)
	w.out = append(w.out, "/Last "...)
	w.out = appendRef(w.out, obj+n)
	w.out = append(w.out, "/Count "...)
	w.out = strconv.AppendInt(w.out, int64(n), 10)
	w.out = append(w.out, ">>"...)
	w.end()
	for i, b := range doc.Bookmarks {
		w.begin(obj + 1 + i)
		w.out = append(w.out, "<</Title"...)
		w.out = appendText(w.out, b.Title)
		w.out = append(w.out, "/Parent "...)
		w.out = appendRef(w.out, obj)
		if i > 0 {
			w.out = append(w.out, "/Prev "...)
			w.out = appendRef(w.out, obj+i)
		}
		if i < n-1 {
			w.out = append(w.out, "/Next "...)
			w.out = appendRef(w.out, obj+2+i)
		}
		w.out = append(w.out, "/Dest["...)
		w.out = appendRef(w.out, objFirstPage+2*b.Page)
		w.out = append(w.out, "/XYZ 0 "...)
		w.out = appendNum(w.out, doc.Pages[b.Page].Height)
		w.out = append(w.out, " null]>>"...)
		w.end()
	}
}

// trailer writes the cross-reference table and the trailer and returns
// the finished file. The file identifier is a hash of everything before
// it, so it changes exactly when the content does.
func (w *writer) trailer(size int) []byte {
	sum := sha256.Sum256(w.out)
	id := hex.EncodeToString(sum[:16])
	xref := len(w.out)
	w.out = append(w.out, "xref\n0 "...)
	w.out = strconv.AppendInt(w.out, int64(size), 10)
	w.out = append(w.out, "\n0000000000 65535 f \n"...)
	for _, off := range w.offsets[1:size] {
		w.out = appendPadded(w.out, off)
		w.out = append(w.out, " 00000 n \n"...)
	}
	w.out = append(w.out, "trailer\n<</Size "...)
	w.out = strconv.AppendInt(w.out, int64(size), 10)
	w.out = append(w.out, "/Root 1 0 R/Info 4 0 R/ID[<"...)
	w.out = append(w.out, id...)
	w.out = append(w.out, "><"...)
	w.out = append(w.out, id...)
	w.out = append(w.out, ">]>>\nstartxref\n"...)
	w.out = strconv.AppendInt(w.out, int64(xref), 10)
	w.out = append(w.out, "\n%%EOF\n"...)
	return w.out
}

// pageContent fills w.content with the content stream of p, skipping
// state changes that would not change anything, and notes the runes each
// face draws.
func (w *writer) pageContent(p drawlist.Page) {
	c := w.content[:0]
	if cap(c) == 0 {
		c = make([]byte, 0, contentCap)
	}
	// The graphics state every page starts with.
	face, size := -1, 0.0
	fill, stroke, width := 0.0, 0.0, 1.0
	setFill := func(g float64) {
		if g != fill {
			c = appendNum(c, g)
			c = append(c, " g\n"...)
			fill = g
		}
	}
	setStroke := func(g, wd float64) {
		if g != stroke {
			c = appendNum(c, g)
			c = append(c, " G\n"...)
			stroke = g
		}
		if wd != width {
			c = appendNum(c, wd)
			c = append(c, " w\n"...)
			width = wd
		}
	}
	for _, op := range p.Ops {
		gray := min(max(op.Gray, 0), 1)
		switch op.Kind {
		case drawlist.Text:
			if op.Text == "" {
				continue
			}
			if int(op.Face) != face || op.Size != size {
				c = appendFontName(c, op.Face)
				c = append(c, ' ')
				c = appendNum(c, op.Size)
				c = append(c, " Tf\n"...)
				face, size = int(op.Face), op.Size
			}
			setFill(gray)
			if op.Actual != "" {
				// Marked content whose ActualText replaces the glyphs
				// inside it for every reader (ISO 32000-1, 14.9.4); the
				// glyphs are invisible (rendering mode 3), since the
				// drawing beside them is what the eye reads.
				c = append(c, "/Span<</ActualText"...)
				c = appendText(c, op.Actual)
				c = append(c, ">>BDC 3 Tr\n"...)
			}
			c = append(c, "BT "...)
			c = appendNum(c, op.X)
			c = append(c, ' ')
			c = appendNum(c, p.Height-op.Y)
			c = append(c, " Td("...)
			c = w.used[op.Face].appendGlyphs(c, op.Face, op.Text)
			c = append(c, ")Tj ET\n"...)
			if op.Actual != "" {
				c = append(c, "0 Tr EMC\n"...)
			}
		case drawlist.Line:
			if op.Stroke <= 0 {
				continue
			}
			setStroke(gray, op.Stroke)
			c = appendNum(c, op.X)
			c = append(c, ' ')
			c = appendNum(c, p.Height-op.Y)
			c = append(c, " m "...)
			c = appendNum(c, op.X2)
			c = append(c, ' ')
			c = appendNum(c, p.Height-op.Y2)
			c = append(c, " l S\n"...)
		case drawlist.Rect:
			paint := "S"
			switch {
			case op.Fill && op.Stroke > 0:
				paint = "B"
			case op.Fill:
				paint = "f"
			case op.Stroke <= 0:
				continue
			}
			if op.Stroke > 0 {
				setStroke(gray, op.Stroke)
			}
			if op.Fill {
				setFill(gray)
			}
			c = appendNum(c, op.X)
			c = append(c, ' ')
			c = appendNum(c, p.Height-op.Y-op.H)
			c = append(c, ' ')
			c = appendNum(c, op.W)
			c = append(c, ' ')
			c = appendNum(c, op.H)
			c = append(c, " re "...)
			c = append(c, paint...)
			c = append(c, '\n')
		}
	}
	w.content = c
}

// appendNum appends x rounded to three decimals, without trailing zeros
// or exponent: "612", "0.75", "-3.125".
func appendNum(b []byte, x float64) []byte {
	n := int64(math.Round(x * 1000))
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	if f := n % 1000; f != 0 {
		d := [4]byte{'.', byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		k := len(d)
		for d[k-1] == '0' {
			k--
		}
		b = append(b, d[:k]...)
	}
	return b
}

func appendRef(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	return append(b, " 0 R"...)
}

// appendFontName appends the resource name of face f, "/F0" to "/F7".
func appendFontName(b []byte, f fonts.Face) []byte {
	return append(b, '/', 'F', byte('0'+f))
}

// appendPadded appends n as ten digits, as a cross-reference entry needs.
func appendPadded(b []byte, n int) []byte {
	var d [10]byte
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, d[:]...)
}

// appendText appends s as a PDF text string: a literal string when s is
// printable ASCII, otherwise UTF-16BE with a byte order mark, in hex.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '(', ')', '\\':
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	var units [2]uint16
	for _, r := range s {
		if r == utf8.RuneError {
			r = '\uFFFD'
		}
		u := units[:1]
		if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' {
			units = [2]uint16{uint16(r1), uint16(r2)}
			u = units[:2]
		} else {
			units[0] = uint16(r)
		}
		for _, x := range u {
			b = appendHex16(b, x)
		}
	}
	return append(b, '>')
}

const hexDigits = "0123456789ABCDEF"

func appendHex16(b []byte, x uint16) []byte {
	return append(b, hexDigits[x>>12], hexDigits[x>>8&15], hexDigits[x>>4&15], hexDigits[x&15])
}

// sizeHint guesses the size of the file: about 10 KB per subset font and
// 2 KB per page, as the examples' packets have.
func sizeHint(doc drawlist.Doc, used []fonts.Face) int {
	return 4096 + 10<<10*len(used) + 2<<10*len(doc.Pages)
}
