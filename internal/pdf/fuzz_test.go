package pdf_test

import (
	"encoding/binary"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/pdf/pdftest"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

// FuzzWriters builds a draw list from the fuzzer's bytes and texts, renders
// it with Render and with pdftest.RenderGopdf, and requires that Render either
// refuses it with an error (and so must gopdf's path, which shares the
// check) or writes a file that reads back with exactly the text drawn,
// one line per text op, as gopdf's does.
func FuzzWriters(f *testing.F) {
	f.Add([]byte{1, 0, 10, 20, 12, 0}, "Petition (Pen. Code § 1203.4) — Nguyễn Thị Hồng", "“quoted” \\ backslash")
	f.Add([]byte{2, 3, 1, 1, 200, 100, 3, 4, 5, 6, 1, 0}, "", "x")
	f.Add([]byte{1, 7, 0, 0, 1, 255}, "()\\\r\n", "ÀÉÎÕÜ ñ ç ß")
	f.Fuzz(func(t *testing.T, ops []byte, a, b string) {
		if len(ops) > 600 || len(a) > 300 || len(b) > 300 {
			return
		}
		doc := drawlist.Doc{Title: a, Author: b, Pages: []drawlist.Page{{Width: 612, Height: 792}}}
		texts := []string{a, b, strings.ToUpper(a), b + a}
		var want []string
		for len(ops) >= 6 {
			op := ops[:6]
			ops = ops[6:]
			p := &doc.Pages[len(doc.Pages)-1]
			x, y := float64(op[2])*2.4, float64(op[3])*3.1
			switch op[0] % 4 {
			case 0:
				doc.Pages = append(doc.Pages, drawlist.Page{Width: 200 + float64(op[1])*4, Height: 200 + float64(op[2])*4})
			case 1:
				s := texts[int(op[5])%len(texts)]
				if !utf8.ValidString(s) {
					s = strings.ToValidUTF8(s, "?")
				}
				p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: fonts.Face(op[1] % 8),
					Size: 4 + float64(op[4]%40), Text: s, Gray: float64(op[5]%3) / 2})
				if s != "" {
					want = append(want, s)
				}
			case 2:
				p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Line, X: x, Y: y, X2: y, Y2: x, Stroke: float64(op[4]%4) / 2})
			case 3:
				w := float64(binary.BigEndian.Uint16(op[4:])) / 100
				p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Rect, X: x, Y: y, W: w, H: math.Mod(w, 17),
					Stroke: float64(op[1]%3) / 2, Fill: op[1]%2 == 0, Gray: float64(op[5]) / 255})
			}
		}
		ours, err := pdf.Render(doc)
		if err != nil {
			if _, gerr := pdftest.RenderGopdf(doc); gerr == nil {
				t.Fatalf("Render refused a document gopdf's path accepts: %v", err)
			}
			return
		}
		got, err := pdftext.Read(ours)
		if err != nil {
			t.Fatalf("the file does not read back: %v", err)
		}
		var lines []string
		for _, p := range got.Pages {
			lines = append(lines, strings.Split(strings.TrimSuffix(p, "\n"), "\n")...)
		}
		lines = dropEmpty(lines)
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Fatalf("read back %q, drew %q", lines, want)
		}
		theirs, err := pdftest.RenderGopdf(doc)
		if err != nil {
			t.Fatalf("gopdf refused what Render wrote: %v", err)
		}
		if g, err := pdftext.Read(theirs); err != nil || strings.Join(g.Pages, "") != strings.Join(got.Pages, "") {
			t.Fatalf("gopdf's file reads %q (%v), ours %q", g.Pages, err, got.Pages)
		}
	})
}

func dropEmpty(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
