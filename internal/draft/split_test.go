package draft

import (
	"path"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

// TestSplitKeepsCoverApart splits every example's packets (--split) and
// reads each PDF back: the cover sheet is instructions.pdf and no filed
// document carries any of its text; the filed documents come in filing
// order with the proof of service last; together the parts hold every
// page of the packet.
func TestSplitKeepsCoverApart(t *testing.T) {
	split := 0
	for _, p := range examples(t) {
		_, outs, _ := runExample(t, p, Options{Split: true})
		for _, o := range outs {
			split++
			checkSplit(t, o)
		}
	}
	if split == 0 {
		t.Fatal("no packet was split")
	}
}

func checkSplit(t *testing.T, o Output) {
	t.Helper()
	name := o.Packet.FileName
	if len(o.Parts) != len(o.Packet.Docs) {
		t.Fatalf("%s: %d parts for %d documents", name, len(o.Parts), len(o.Packet.Docs))
	}
	cover := o.Parts[0]
	if cover.Name != Instructions || cover.Filed {
		t.Fatalf("%s: first part %q (filed %v), want the cover as %s", name, cover.Name, cover.Filed, Instructions)
	}
	coverDoc, err := pdftext.Read(cover.PDF)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	coverText := strings.Join(coverDoc.Pages, "\n")
	if !strings.Contains(coverText, "Cover sheet") {
		t.Errorf("%s: instructions.pdf is not the cover sheet", name)
	}
	// The cover's own sentences: its long lines that no other document of
	// the packet prints (a proof of service may list the same titles).
	rest := layout.PlainText(o.PagesData[cover.Pages:])
	var marks []string
	for _, l := range strings.Split(coverText, "\n") {
		if l = strings.TrimSpace(l); len(l) > 40 && !strings.Contains(rest, l) {
			marks = append(marks, l)
		}
	}
	if len(marks) == 0 {
		t.Errorf("%s: the cover has no text of its own to look for", name)
	}
	pages, last := cover.Pages, -1
	for i, part := range o.Parts[1:] {
		pages += part.Pages
		if !part.Filed {
			t.Errorf("%s: %s is not marked filed", name, part.Name)
		}
		stem := strings.TrimSuffix(path.Base(part.Source), ".md.tmpl")
		if rank := filingRank[stem]; rank < last {
			t.Errorf("%s: %s comes after a document that is filed later", name, part.Name)
		} else {
			last = rank
		}
		if i == len(o.Parts)-2 && stem != "proof-of-service" {
			t.Errorf("%s: the last filed document is %s, not the proof of service", name, part.Name)
		}
		doc, err := pdftext.Read(part.PDF)
		if err != nil {
			t.Fatalf("%s/%s: %v", name, part.Name, err)
		}
		if len(doc.Pages) != part.Pages {
			t.Errorf("%s/%s: %d pages read back, %d laid out", name, part.Name, len(doc.Pages), part.Pages)
		}
		text := strings.Join(doc.Pages, "\n")
		for _, bad := range append([]string{"Cover sheet", "not for filing", "not for sending"}, marks...) {
			if strings.Contains(text, bad) {
				t.Errorf("%s/%s carries cover text %q", name, part.Name, bad)
			}
		}
	}
	if pages != o.Pages {
		t.Errorf("%s: the parts hold %d pages, the packet %d", name, pages, o.Pages)
	}
}

// TestSplitCarriesExhibits splits the exhibits example: the exhibits go
// in the file of the declaration that lists them, after its own pages,
// with their slip sheets, bookmarks and page marks; no other file holds an
// exhibit; the imported letter reads back from the declaration's file.
func TestSplitCarriesExhibits(t *testing.T) {
	_, whole, _ := runExample(t, exhibitExample, Options{})
	_, outs, _ := runExample(t, exhibitExample, Options{Split: true})
	if len(outs) != 1 || len(whole) != 1 {
		t.Fatalf("%d packets, want 1", len(outs))
	}
	o := outs[0]
	// The declaration's own pages in the unsplit packet: from its first
	// page to the first slip sheet.
	first, slip := -1, -1
	for i, pg := range whole[0].PagesData {
		text := layout.PlainText([]drawlist.Page{pg})
		if first < 0 && strings.Contains(text, "ATTACHED DECLARATION") {
			first = i
		}
		if slip < 0 && strings.Contains(text, "EXHIBIT A") {
			slip = i
		}
	}
	declPages := slip - first
	if first < 0 || declPages < 1 {
		t.Fatalf("declaration at page %d, first slip sheet at %d", first+1, slip+1)
	}
	var carried []string
	for _, part := range o.Parts {
		pages, err := pdftext.ReadDeep(part.PDF)
		if err != nil {
			t.Fatalf("%s: %v", part.Name, err)
		}
		text := strings.Join(pages, "\n")
		if !strings.Contains(text, "EXHIBIT A") {
			continue
		}
		carried = append(carried, part.Name)
		if part.Source != "dismissal/declaration.md.tmpl" {
			t.Errorf("%s carries the exhibits; the declaration lists them", part.Name)
		}
		// Own pages, slip A, the letter's page, slip B, the image's page.
		if want := declPages + 4; part.Pages != want || len(pages) != want {
			t.Errorf("%s: %d pages (%d read back), want %d", part.Name, part.Pages, len(pages), want)
		}
		n := len(pages)
		if !strings.Contains(pages[n-4], "EXHIBIT A") || !strings.Contains(pages[n-3], "has worked for us since 2021") ||
			!strings.Contains(pages[n-3], "Exhibit A, page 1 of 1") || !strings.Contains(pages[n-2], "EXHIBIT B") ||
			!strings.Contains(pages[n-1], "Exhibit B, page 1 of 1") {
			t.Errorf("%s: exhibit pages out of order: %q", part.Name, pages[n-4:])
		}
	}
	if len(carried) != 1 {
		t.Errorf("exhibits in %v, want them in the declaration's file only", carried)
	}
	checkSplit(t, o)
}
