package draft

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf"
)

// imageMargin is the white margin around an image exhibit, in points.
const imageMargin = 36.0

// ExhibitPages are the pages of a packet's exhibits: a slip sheet drawn
// by relief ("EXHIBIT A" and the title) followed by the exhibit's own
// pages, for every exhibit in letter order. Foreign maps an index into
// Pages to the imported page or image drawn there; Marks has one bookmark
// per exhibit, indexed into Pages.
type ExhibitPages struct {
	Pages   []drawlist.Page
	Foreign map[int]pdf.Foreign
	Marks   []drawlist.Bookmark
}

// BuildExhibitPages lays out the exhibits refs names (from the packet's
// Exhibits) out of exs (from exhibit.Load, in case-file order). draftMark
// is printed at the top of each slip sheet; empty for none. A --split run
// calls it for the document a packet's Exhibits follow (ExhibitsAfter) and
// appends the result to that document's file.
func BuildExhibitPages(refs []assemble.ExhibitRef, exs []exhibit.Exhibit, draftMark string) (ExhibitPages, error) {
	var out ExhibitPages
	out.Foreign = map[int]pdf.Foreign{}
	for _, r := range refs {
		ex, ok := find(exs, r.Index)
		if !ok {
			return ExhibitPages{}, fmt.Errorf("exhibit %s (exhibits[%d]) was not loaded", r.Letter, r.Index)
		}
		out.Marks = append(out.Marks, drawlist.Bookmark{Title: "Exhibit " + r.Letter + ": " + ex.Title, Page: len(out.Pages)})
		out.Pages = append(out.Pages, slipSheet(r.Letter, ex.Title, draftMark))
		for k, sz := range ex.Pages {
			f := pdf.Foreign{PDF: ex.Data, Page: k + 1}
			if ex.Kind != exhibit.PDF {
				f = imageBox(ex)
			}
			out.Foreign[len(out.Pages)] = f
			out.Pages = append(out.Pages, stamp(drawlist.Page{Width: sz.W, Height: sz.H}, r.Letter, k+1, len(ex.Pages), draftMark))
		}
	}
	return out, nil
}

func find(exs []exhibit.Exhibit, index int) (exhibit.Exhibit, bool) {
	for _, e := range exs {
		if e.Index == index {
			return e, true
		}
	}
	return exhibit.Exhibit{}, false
}

// imageBox fits an image on a Letter page inside the margins, keeping its
// proportions (never stretched), centred across and set at the top margin.
func imageBox(ex exhibit.Exhibit) pdf.Foreign {
	maxW, maxH := drawlist.LetterWidth-2*imageMargin, drawlist.LetterHeight-2*imageMargin
	w, h := float64(ex.Width), float64(ex.Height)
	scale := min(maxW/w, maxH/h)
	w, h = w*scale, h*scale
	return pdf.Foreign{Image: ex.Data, X: (drawlist.LetterWidth - w) / 2, Y: imageMargin, W: w, H: h}
}

// stamp marks page k of an exhibit's n pages: "Exhibit A, page k of n"
// centred in the bottom margin, so that a page taken out of the stack can
// be put back, and the draft mark at the top as on relief's own pages. The
// marks are small and sit just inside the quarter inch a printer may not
// print, where a page's own content rarely reaches; they are drawn over
// the page, never over a white box that could hide what the client's
// document says.
func stamp(p drawlist.Page, letter string, k, n int, draftMark string) drawlist.Page {
	if draftMark != "" {
		centered(&p, 22, fonts.SansBold, 8, draftMark)
	}
	centered(&p, p.Height-20, fonts.Sans, 8, fmt.Sprintf("Exhibit %s, page %d of %d", letter, k, n))
	return p
}

// slipSheet is the page in front of an exhibit: its letter, large, and
// its title, wrapped and centred.
func slipSheet(letter, title, draftMark string) drawlist.Page {
	p := drawlist.Page{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight}
	if draftMark != "" {
		centered(&p, 22, fonts.SansBold, 8, draftMark)
	}
	centered(&p, 340, fonts.SerifBold, 28, "EXHIBIT "+letter)
	y := 380.0
	for _, line := range wrap(title, fonts.Serif, 14, 400) {
		centered(&p, y, fonts.Serif, 14, line)
		y += 18
	}
	return p
}

// centered draws s across the middle of page p with its baseline at y.
func centered(p *drawlist.Page, y float64, face fonts.Face, size float64, s string) {
	w := fonts.Width(face, size, s)
	p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Text, X: (p.Width - w) / 2, Y: y, Face: face, Size: size, Text: s})
}

// wrap breaks s into lines no wider than width, at spaces, and inside a
// word (a long file name or web address) only when the word alone is
// wider than a line.
func wrap(s string, face fonts.Face, size, width float64) []string {
	var lines []string
	line := ""
	var words []string
	for _, w := range strings.Fields(s) {
		for fonts.Width(face, size, w) > width {
			r := []rune(w)
			n := len(r) - 1
			for n > 1 && fonts.Width(face, size, string(r[:n])) > width {
				n--
			}
			words = append(words, string(r[:n]))
			w = string(r[n:])
		}
		words = append(words, w)
	}
	for _, w := range words {
		next := w
		if line != "" {
			next = line + " " + w
		}
		if line != "" && fonts.Width(face, size, next) > width {
			lines = append(lines, line)
			next = w
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// withExhibits puts the packet's exhibit pages after the document they
// follow and shifts the later bookmarks. It needs one bookmark per
// document, which layout gives.
func withExhibits(p assemble.Packet, pages []drawlist.Page, marks []drawlist.Bookmark, exs []exhibit.Exhibit, draftMark string) ([]drawlist.Page, []drawlist.Bookmark, map[int]pdf.Foreign, error) {
	if len(marks) != len(p.Docs) {
		return nil, nil, nil, fmt.Errorf("%s: %d bookmarks for %d documents; cannot place the exhibits", p.FileName, len(marks), len(p.Docs))
	}
	ep, err := BuildExhibitPages(p.Exhibits, exs, draftMark)
	if err != nil {
		return nil, nil, nil, err
	}
	at := len(pages)
	if next := p.ExhibitsAfter + 1; next < len(marks) {
		at = marks[next].Page
	}
	all, ms, foreign := insertExhibits(pages, marks, at, p.ExhibitsAfter+1, ep)
	return all, ms, foreign, nil
}

// AppendExhibits returns doc with the exhibits refs names appended, their
// bookmarks after doc's, and the foreign pages to pass to RenderDoc. A
// --split run calls it for the one document a packet's exhibits follow
// (Packet.Docs[Packet.ExhibitsAfter]), so that each exhibit set goes in
// that document's file.
func AppendExhibits(doc drawlist.Doc, refs []assemble.ExhibitRef, exs []exhibit.Exhibit, draftMark string) (drawlist.Doc, map[int]pdf.Foreign, error) {
	ep, err := BuildExhibitPages(refs, exs, draftMark)
	if err != nil {
		return drawlist.Doc{}, nil, err
	}
	var foreign map[int]pdf.Foreign
	doc.Pages, doc.Bookmarks, foreign = insertExhibits(doc.Pages, doc.Bookmarks, len(doc.Pages), len(doc.Bookmarks), ep)
	return doc, foreign, nil
}

// RenderDoc writes doc with relief's own writer, or with gopdf when it has
// foreign pages (design §6: pages relief does not draw go through gopdf).
func RenderDoc(doc drawlist.Doc, foreign map[int]pdf.Foreign) ([]byte, error) {
	if len(foreign) == 0 {
		return pdf.Render(doc)
	}
	return pdf.RenderForeign(doc, foreign)
}

// insertExhibits puts ep's pages at page index at, its bookmarks at index
// markAt of marks (shifting the later ones), and returns the foreign pages
// indexed into the result.
func insertExhibits(pages []drawlist.Page, marks []drawlist.Bookmark, at, markAt int, ep ExhibitPages) ([]drawlist.Page, []drawlist.Bookmark, map[int]pdf.Foreign) {
	n := len(ep.Pages)
	all := make([]drawlist.Page, 0, len(pages)+n)
	all = append(append(append(all, pages[:at]...), ep.Pages...), pages[at:]...)
	ms := make([]drawlist.Bookmark, 0, len(marks)+len(ep.Marks))
	ms = append(ms, marks[:markAt]...)
	ms = append(ms, shift(ep.Marks, at)...)
	ms = append(ms, shift(marks[markAt:], n)...)
	foreign := make(map[int]pdf.Foreign, len(ep.Foreign))
	for i, f := range ep.Foreign {
		foreign[i+at] = f
	}
	return all, ms, foreign
}

func shift(marks []drawlist.Bookmark, by int) []drawlist.Bookmark {
	out := make([]drawlist.Bookmark, len(marks))
	for i, m := range marks {
		m.Page += by
		out[i] = m
	}
	return out
}
