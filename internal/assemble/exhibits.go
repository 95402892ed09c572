package assemble

import (
	"path"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// ExhibitRef is one exhibit as a packet carries it.
type ExhibitRef struct {
	Index  int    // position in the case file's [[exhibits]]
	Letter string // "A", "B", …, in case-file order within the packet
	Title  string // without a final period, escaped for Markdown as every case-file string
}

// supported returns the index of the document a packet's exhibits follow,
// and whether the packet carries exhibits that do not name packets: a
// packet with a declaration (the discretionary dismissal's MC-031-style
// declaration, a sealing petition's declaration in the interests of
// justice), the Certificate of Rehabilitation petition, whose body is the
// petitioner's account, the pardon application and the fire-camp
// petition, which argues the interests of justice. A packet without
// such a document carries only exhibits that name it, behind its petition
// (and the petition's attachment, when it has one), which lists them.
func supported(p *Packet) (int, bool) {
	find := func(base string) int {
		return slices.IndexFunc(p.Docs, func(d Doc) bool { return path.Base(d.Template) == base })
	}
	if i := find("declaration.md.tmpl"); i >= 0 {
		return i, true
	}
	switch p.Kind {
	case COR:
		if i := find("petition.md.tmpl"); i >= 0 {
			return i, true
		}
	case Pardon:
		if i := find("application.md.tmpl"); i >= 0 {
			return i, true
		}
	case FireCamp:
		// The § 1203.4b petition argues the interests of justice from the
		// petitioner's statement.
		if i := find("petition.md.tmpl"); i >= 0 {
			return i, true
		}
	case Sealing:
		// The petition carries a declaration when sealing is asked in
		// the interests of justice.
		if i := find("petition.md.tmpl"); i >= 0 {
			if d, ok := p.Docs[i].Data.(*SealingData); ok && d.InterestsOfJustice {
				return i, true
			}
		}
	}
	// Otherwise behind the petition, or behind the attachment that
	// continues it.
	if i := find("attachment.md.tmpl"); i >= 0 {
		return i, false
	}
	return find("petition.md.tmpl"), false
}

// attachExhibits letters the exhibits p carries and gives the list to the
// templates (Statement.Exhibits).
func attachExhibits(f *casefile.File, p *Packet) {
	after, byDefault := supported(p)
	if after < 0 || len(f.Exhibits) == 0 {
		return
	}
	var refs []ExhibitRef
	for i, e := range f.Exhibits {
		carried := byDefault
		if len(e.Packets) > 0 {
			carried = slices.Contains(e.Packets, p.Kind)
		}
		if carried && len(refs) < 26 {
			// The templates end the sentence; a title ending in "Co." must
			// not give "Co..".
			title := strings.TrimRight(strings.TrimSpace(e.Title), ".")
			refs = append(refs, ExhibitRef{Index: i, Letter: string(rune('A' + len(refs))), Title: md(title)})
		}
	}
	if len(refs) == 0 {
		return
	}
	p.Exhibits, p.ExhibitsAfter = refs, after
	var st *Statement
	var docs *[]string // the cover's list of what is inside, one entry per document
	switch d := p.Docs[after].Data.(type) {
	case *DismissalData:
		st, docs = &d.Statement, &d.Documents
	case *CORData:
		st, docs = &d.Statement, &d.Documents
	case *PardonData:
		st, docs = &d.Statement, &d.Documents
	case *SealingData:
		st, docs = &d.Statement, &d.Documents
	case *ReliefData:
		st, docs = &d.Statement, &d.Documents
	default:
		return
	}
	st.Exhibits = refs
	if after < len(*docs) {
		var lines []string
		for _, r := range refs {
			lines = append(lines, "Exhibit "+r.Letter+": "+md(strings.TrimSpace(f.Exhibits[r.Index].Title)))
		}
		*docs = slices.Insert(slices.Clone(*docs), after+1, lines...)
	}
}
