package rapsheet

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/layout"
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
	doc := layout.Doc{Title: "RAP sheet (synthetic)"}
	for p := 0; p < npages; p++ {
		page := layout.Page{Width: layout.LetterWidth, Height: layout.LetterHeight}
		y := 40.0
		add := func(s string) {
			x := 36.0
			if i := strings.Index(strings.TrimLeft(s, " "), "  "); i > 0 {
				lead := len(s) - len(strings.TrimLeft(s, " "))
				first, rest := s[:lead+i], strings.TrimLeft(s[lead+i:], " ")
				page.Ops = append(page.Ops, layout.Op{Kind: layout.Text, X: x, Y: y, Face: fonts.Sans, Size: 9, Text: strings.TrimSpace(first)})
				page.Ops = append(page.Ops, layout.Op{Kind: layout.Text, X: x + float64(lead+i+2)*5.4, Y: y, Face: fonts.Sans, Size: 9, Text: rest})
			} else if strings.TrimSpace(s) != "" {
				page.Ops = append(page.Ops, layout.Op{Kind: layout.Text, X: x, Y: y, Face: fonts.Sans, Size: 9, Text: strings.TrimSpace(s)})
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
	scan, err := pdf.Render(layout.Doc{Pages: []layout.Page{{Width: 612, Height: 792, Ops: []layout.Op{{Kind: layout.Rect, X: 10, Y: 10, W: 100, H: 100, Fill: true}}}}})
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
