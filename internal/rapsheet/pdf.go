package rapsheet

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"rsc.io/pdf"

	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

// ParsePDF reads a RAP sheet from a PDF with a text layer. Lines are
// numbered per page, and comments say "page 2, line 14". A PDF without text
// (a scan) or one that cannot be read is a *NotRapSheetError naming why.
func ParsePDF(name string, data []byte) (*Sheet, error) {
	pages, err := pdfPages(data)
	if err != nil {
		return nil, &NotRapSheetError{Name: name, Why: "cannot read the PDF: " + err.Error()}
	}
	var lines []Line
	chars := 0
	for i, p := range pages {
		chars += len(strings.TrimSpace(p))
		lines = append(lines, splitLines(p, i+1, 1)...)
	}
	if chars == 0 {
		return nil, &NotRapSheetError{Name: name, Why: "the PDF has no text layer (a scan needs OCR first, which relief does not do)"}
	}
	return parseLines(name, lines)
}

// segment is one text-showing operator's text at its position.
type segment struct {
	x, y, end float64
	text      string
}

// pdfPages returns each page's text, one line per baseline. rsc.io/pdf
// parses the file (it panics on some malformed files; the panic becomes an
// error); the text is decoded through each font's ToUnicode map when it has
// one, else byte by byte.
func pdfPages(data []byte) (pages []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("malformed PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	n := r.NumPage()
	if n > 500 {
		return nil, fmt.Errorf("%d pages; a RAP sheet has far fewer", n)
	}
	for i := 1; i <= n; i++ {
		pages = append(pages, pageLines(r.Page(i)))
	}
	return pages, nil
}

// fontDecoder decodes one font's strings.
type fontDecoder struct {
	uni   map[int]rune
	wide  bool // two-byte codes (Identity-H)
	font  pdf.Font
	plain bool
}

func newDecoder(f pdf.Font) *fontDecoder {
	d := &fontDecoder{font: f}
	enc := f.V.Key("Encoding")
	d.wide = enc.Kind() == pdf.Name && strings.HasPrefix(enc.Name(), "Identity")
	if tu := f.V.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if b, err := io.ReadAll(tu.Reader()); err == nil {
			d.uni = pdftext.ToUnicode(b)
		}
	}
	d.plain = d.uni == nil && !d.wide
	return d
}

// decode returns the text of raw and its number of glyphs.
func (d *fontDecoder) decode(raw string) (string, int) {
	var b strings.Builder
	step := 1
	if d.wide {
		step = 2
	}
	n := 0
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if step == 2 {
			code = code<<8 | int(raw[i+1])
		}
		n++
		if r, ok := d.uni[code]; ok {
			b.WriteRune(r)
		} else if step == 1 && code >= 0x20 && code < 0x7f || step == 1 && code >= 0xa0 {
			b.WriteRune(rune(code)) // WinAnsi and Latin-1 agree here
		} else if code == '\t' {
			b.WriteByte(' ')
		}
	}
	return b.String(), n
}

// pageLines interprets a page's content stream, keeping only where text is
// shown, and joins the pieces on one baseline left to right.
func pageLines(page pdf.Page) string {
	decs := map[string]*fontDecoder{}
	var dec *fontDecoder
	var segs []segment
	var tm, tlm [6]float64
	size, leading := 10.0, 0.0
	ident := [6]float64{1, 0, 0, 1, 0, 0}
	moveTo := func(tx, ty float64) {
		tlm[4] += tx*tlm[0] + ty*tlm[2]
		tlm[5] += tx*tlm[1] + ty*tlm[3]
		tm = tlm
	}
	show := func(raw string) {
		if dec == nil {
			return
		}
		text, n := dec.decode(raw)
		scale := math.Hypot(tm[0], tm[1])
		if scale == 0 {
			scale = 1
		}
		w := float64(n) * 0.6 * size * scale
		segs = append(segs, segment{x: tm[4], y: tm[5], end: tm[4] + w, text: text})
		tm[4] += w
	}
	pdf.Interpret(page.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for k := len(args) - 1; k >= 0; k-- {
			args[k] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "BT":
			tm, tlm = ident, ident
		case "Tf":
			if len(args) == 2 {
				key := args[0].Name()
				if decs[key] == nil {
					decs[key] = newDecoder(page.Font(key))
				}
				dec, size = decs[key], num(1)
			}
		case "TL":
			leading = num(0)
		case "Td":
			moveTo(num(0), num(1))
		case "TD":
			leading = -num(1)
			moveTo(num(0), num(1))
		case "Tm":
			if len(args) == 6 {
				for i := range tm {
					tm[i] = num(i)
				}
				tlm = tm
			}
		case "T*":
			moveTo(0, -leading)
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'", "\"":
			moveTo(0, -leading)
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				for k := 0; k < args[0].Len(); k++ {
					v := args[0].Index(k)
					if v.Kind() == pdf.String {
						show(v.RawString())
					} else {
						// A wide negative adjustment is a gap between
						// words or columns.
						adj := v.Float64()
						if adj < -200 {
							segs = append(segs, segment{x: tm[4], y: tm[5], end: tm[4], text: " "})
						}
						tm[4] -= adj / 1000 * size * math.Hypot(tm[0], tm[1])
					}
				}
			}
		}
	})
	return joinSegments(segs, size)
}

// joinSegments sorts segments top to bottom and left to right, joining
// those on one baseline with a space where they are apart.
func joinSegments(segs []segment, size float64) string {
	sort.SliceStable(segs, func(i, j int) bool {
		if math.Abs(segs[i].y-segs[j].y) > 1 {
			return segs[i].y > segs[j].y
		}
		return segs[i].x < segs[j].x
	})
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			p := segs[i-1]
			switch {
			case math.Abs(p.y-s.y) > 1:
				b.WriteByte('\n')
			case s.x > p.end+0.1*size && !strings.HasSuffix(p.text, " ") && !strings.HasPrefix(s.text, " "):
				b.WriteByte(' ')
			}
		}
		b.WriteString(s.text)
	}
	return b.String()
}
