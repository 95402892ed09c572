package draft

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf"
)

// Part is one document of a split packet: its own PDF, named for its place
// in the filing order (design §8, --split).
type Part struct {
	// Name is the file name inside the packet's folder: "01-petition.pdf"
	// for a filed document, "instructions.pdf" for the cover sheet.
	Name   string
	Title  string
	Source string // the template behind it
	// Filed is false for the cover sheet, which is the filer's
	// instructions and never goes to the court.
	Filed     bool
	PDF       []byte
	Pages     int
	PagesData []drawlist.Page
}

// Instructions is the split packet's file for the cover sheet.
const Instructions = "instructions.pdf"

// filingRank orders a packet's documents as a clerk expects them: the
// petition (or the pardon application and its letter) first, then the
// declaration, the attachment, the notices, the proposed order, and the
// proof of service last. Documents not listed keep their place after
// these.
var filingRank = map[string]int{
	"letter": 0, "petition": 1, "application": 1, "declaration": 2, "attachment": 3,
	"notice": 4, "order": 5, "proof-of-service": 6,
}

// partExhibits adds a packet's exhibits to the document they follow when
// a packet is split: at says which document (an index into the packet's
// documents, -1 for none) and add appends the exhibit pages to that
// document's own.
type partExhibits struct {
	at  int
	add func(drawlist.Doc) (drawlist.Doc, map[int]pdf.Foreign, error)
}

var noExhibits = partExhibits{at: -1}

// exhibitsOf is the partExhibits of packet p, whose exhibits come from exs.
func exhibitsOf(p assemble.Packet, exs []exhibit.Exhibit, draftMark string) partExhibits {
	return partExhibits{at: p.ExhibitsAfter, add: func(doc drawlist.Doc) (drawlist.Doc, map[int]pdf.Foreign, error) {
		return AppendExhibits(doc, p.Exhibits, exs, draftMark)
	}}
}

// splitParts cuts a packet's laid-out pages (relief's own, without
// exhibits) into one PDF per document at the bookmarks (one per document,
// in order), the cover sheet apart, the rest numbered in filing order.
// The exhibits, if any, go at the end of the file of the document they
// follow, so each exhibit set is filed with the declaration or petition
// that lists it.
func splitParts(docs []layout.Document, names []string, pages []drawlist.Page, marks []drawlist.Bookmark, meta drawlist.Doc, ex partExhibits) ([]Part, error) {
	type piece struct {
		part Part
		rank int
		at   int
	}
	var filed []piece
	var parts []Part
	for i, d := range docs {
		end := len(pages)
		if i+1 < len(marks) {
			end = marks[i+1].Page
		}
		pp := pages[marks[i].Page:end]
		doc := meta
		doc.Title = d.Title
		doc.Pages = pp
		doc.Bookmarks = []drawlist.Bookmark{{Title: marks[i].Title, Page: 0}}
		var foreign map[int]pdf.Foreign
		if i == ex.at {
			var err error
			if doc, foreign, err = ex.add(doc); err != nil {
				return nil, fmt.Errorf("%s: %w", d.Source, err)
			}
		}
		b, err := RenderDoc(doc, foreign)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.Source, err)
		}
		part := Part{Title: d.Title, Source: d.Source, PDF: b, Pages: len(doc.Pages), PagesData: doc.Pages}
		stem := strings.TrimSuffix(path.Base(d.Source), ".md.tmpl")
		if stem == "cover" {
			part.Name = Instructions
			parts = append(parts, part)
			continue
		}
		part.Filed = true
		rank, ok := filingRank[stem]
		if !ok {
			rank = len(filingRank)
		}
		if names[i] != "" {
			stem = names[i]
		}
		part.Name = stem
		filed = append(filed, piece{part, rank, i})
	}
	sort.SliceStable(filed, func(a, b int) bool { return filed[a].rank < filed[b].rank })
	for n, p := range filed {
		p.part.Name = fmt.Sprintf("%02d-%s.pdf", n+1, p.part.Name)
		parts = append(parts, p.part)
	}
	return parts, nil
}
