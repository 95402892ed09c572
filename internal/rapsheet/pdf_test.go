package rapsheet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf"
)

// sheetPDF lays a text sheet out as a PDF with a text layer, as relief's
// own writer draws text: perPage lines a page, each page headed by the
// message header and footed by "PAGE n OF m", as DOJ printouts are. A line
// with a run of blanks is drawn as two text operators, so the reader must
// join pieces of one baseline.
func sheetPDF(t testing.TB, text string, perPage int) []byte {
	t.Helper()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	header := lines[0]
	body := lines[1:]
	npages := (len(body) + perPage - 1) / perPage
	doc := drawlist.Doc{Title: "RAP sheet (synthetic)"}
	for p := 0; p < npages; p++ {
		page := drawlist.Page{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight}
		y := 40.0
		add := func(s string) {
			x := 36.0
			if i := strings.Index(strings.TrimLeft(s, " "), "  "); i > 0 {
				lead := len(s) - len(strings.TrimLeft(s, " "))
				first, rest := s[:lead+i], strings.TrimLeft(s[lead+i:], " ")
				page.Ops = append(page.Ops, drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: fonts.Sans, Size: 9, Text: strings.TrimSpace(first)})
				page.Ops = append(page.Ops, drawlist.Op{Kind: drawlist.Text, X: x + float64(lead+i+2)*5.4, Y: y, Face: fonts.Sans, Size: 9, Text: rest})
			} else if strings.TrimSpace(s) != "" {
				page.Ops = append(page.Ops, drawlist.Op{Kind: drawlist.Text, X: x, Y: y, Face: fonts.Sans, Size: 9, Text: strings.TrimSpace(s)})
			}
			y += 12
		}
		add(header)
		for _, l := range body[p*perPage : min(len(body), (p+1)*perPage)] {
			add(l)
		}
		add(fmt.Sprintf("PAGE %d OF %d", p+1, npages))
		doc.Pages = append(doc.Pages, page)
	}
	b, err := pdf.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPDF reads multi-page PDFs of two sheets (page breaks inside counts,
// a repeated header on every page) and requires the same case file values
// as the text, with page numbers in the comments.
func TestPDF(t *testing.T) {
	for _, tc := range []struct {
		name    string
		perPage int
	}{{"03-revoked-modified", 12}, {"05-range-comment", 7}, {"01-basic", 9}} {
		t.Run(tc.name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata", "sheets", tc.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			data := sheetPDF(t, string(text), tc.perPage)
			sh, err := ParsePDF(tc.name+".pdf", data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Build(sh, Options{AsOf: asOf, Source: tc.name + ".pdf"})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := mustImport(t, tc.name)
			gf, wf := load(t, got), load(t, want)
			if !reflect.DeepEqual(gf.Cases, wf.Cases) || !reflect.DeepEqual(gf.Arrests, wf.Arrests) || !reflect.DeepEqual(gf.Petitioner, wf.Petitioner) {
				t.Errorf("PDF and text differ:\n--- pdf\n%s\n--- text\n%s", got.TOML, want.TOML)
			}
			if !strings.Contains(string(got.TOML), "# page 2, line ") {
				t.Errorf("comments do not name pages:\n%s", got.TOML)
			}
		})
	}
}

// TestPDFWithoutText: a scan (no text layer) and a file that is not a PDF
// are refused by name.
func TestPDFWithoutText(t *testing.T) {
	scan, err := pdf.Render(drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: []drawlist.Op{{Kind: drawlist.Rect, X: 10, Y: 10, W: 100, H: 100, Fill: true}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"scan.pdf": scan, "junk.pdf": []byte("%PDF-1.4\nnot really"), "empty.pdf": nil} {
		_, err := ParsePDF(name, data)
		if !errors.Is(err, ErrNotRapSheet) || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// courierPDF writes a minimal PDF the way many report printers do: the
// standard Courier font with WinAnsiEncoding (no ToUnicode map), lines
// advanced with T* and a TJ array whose wide gap stands for the blanks
// between columns. Each page is a list of lines.
func courierPDF(pages [][]string) []byte {
	var objs []string
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>", "") // 1, 2 (pages filled below)
	objs = append(objs, font)                                    // 3
	var kids []string
	for _, lines := range pages {
		var c strings.Builder
		c.WriteString("BT /F1 9 Tf 11 TL 36 750 Td\n")
		for _, l := range lines {
			esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
			if a, b, ok := strings.Cut(esc, "  "); ok {
				fmt.Fprintf(&c, "[(%s) -1800 (%s)] TJ T*\n", a, strings.TrimLeft(b, " "))
			} else {
				fmt.Fprintf(&c, "(%s) Tj T*\n", esc)
			}
		}
		c.WriteString("ET")
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", c.Len(), c.String()))
		content := len(objs)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", content))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// TestCourierPDF reads a printer-style PDF (standard font, WinAnsi, T*,
// TJ gaps): the same values as the text sheet.
func TestCourierPDF(t *testing.T) {
	text, err := os.ReadFile("testdata/sheets/02-set-aside.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(text), "\n"), "\n")
	pages := [][]string{append(lines[:16:16], "PAGE 1 OF 2"), append([]string{lines[0]}, append(lines[16:], "PAGE 2 OF 2")...)}
	sh, err := ParsePDF("printer.pdf", courierPDF(pages))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Build(sh, Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := mustImport(t, "02-set-aside")
	gf, wf := load(t, got), load(t, want)
	if !reflect.DeepEqual(gf.Cases, wf.Cases) || !reflect.DeepEqual(gf.Petitioner, wf.Petitioner) {
		t.Errorf("printer PDF and text differ:\n--- pdf\n%s\n--- text\n%s", got.TOML, want.TOML)
	}
	if !strings.Contains(string(got.TOML), `county = "San Diego"  # page 1, line 13: 20140401 CASC SAN DIEGO`) {
		t.Errorf("the TJ gap was not read as a blank:\n%s", got.TOML)
	}
}
