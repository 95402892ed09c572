// Package assemble decides, from a case file and its findings, which
// packets to draft and which documents each holds, and builds the data each
// template sees. It renders nothing: internal/tmpl fills the words and
// internal/layout gives them paper.
package assemble

import (
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/courts"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Packet kinds, one PDF each.
const (
	Dismissal = "dismissal"
	COR       = "cor"
	Pardon    = "pardon"
	Sealing   = "sealing"
)

// Kinds lists the packet kinds in the order draft writes them.
var Kinds = []string{Dismissal, Sealing, COR, Pardon, Prop47, Prop64, FireCamp}

// Options control what is assembled.
type Options struct {
	// Sign is "typed" (a "/s/ Name" signature) or "wet" (blank lines).
	Sign string
	// Final drops the draft mark.
	Final bool
	// Letterhead, when set, heads letters (the config file's
	// [letterhead] lines) instead of the filer's name and address.
	Letterhead []string
	// Packets limits the kinds drafted; empty means every kind the
	// findings support. A kind asked for here whose facts are missing is
	// an error, not a warning.
	Packets []string
	// Courts is the county table captions and proofs of service are
	// addressed from; nil means the built-in one (internal/courts).
	Courts *courts.Table
	// Glyphs says which characters the papers can print. When it is set,
	// Build drafts nothing from a case file with text it cannot print
	// (the text would come out blank) and names the fields. draft.Run
	// sets it to the embedded fonts when it is nil; assemble sets no type
	// and does not know them.
	Glyphs Glyphs
}

// Glyphs reports the first rune of s that the papers' fonts cannot print,
// with ok true, or ok false when they print all of s.
type Glyphs interface {
	Missing(s string) (r rune, ok bool)
}

// Packet is one PDF file.
type Packet struct {
	Kind     string
	ID       string // case or arrest id; empty for per-person packets
	FileName string
	Title    string
	Docs     []Doc
	// Warning is set when a packet was drafted because it was asked for,
	// although the findings do not call for it.
	Warning string
	// Lang is the language of a client letter ("en", "es"); "" for court
	// papers, which are in English. It picks the words of the page
	// footer and the draft mark.
	Lang string
	// Exhibits are the case file's exhibits this packet carries, lettered,
	// and ExhibitsAfter the index in Docs of the document they follow.
	Exhibits      []ExhibitRef
	ExhibitsAfter int
}

// Caption is what a document's frame prints around its body, taken from
// the case. It has exactly the fields of layout.Caption, which draft
// converts it to (layout.Caption(c)): assemble decides what the caption
// says, layout where it goes, and neither imports the other.
type Caption struct {
	Filer     []string // attorney or party block (letterhead on letters), one line each
	Court     []string // court title lines
	Parties   []string // case title, left of centre on pleading paper
	Defendant string   // form frame: DEFENDANT
	DOB       string   // form frame: DATE OF BIRTH
	// Matter is true when no court case was filed (an arrest sealed under
	// § 851.91 that was never charged): the caption names the person as
	// the petitioner in the matter of the petition, not as a defendant in
	// People v.
	Matter     bool
	CaseNumber string
	Hearing    []string // pleading: lines under the paper title
	// Form frame: the court box's address lines, from the county table;
	// empty lines stay blank for the filer.
	CourtStreet, CourtMailing, CourtCityZip, CourtBranch string
}

// Doc is one document of a packet: the template that words it, the data it
// sees, and the caption its frame prints.
type Doc struct {
	Template string // path in the template set, e.g. "dismissal/petition.md.tmpl"
	Data     any
	Caption  Caption
	// Name, when set, is the document's file-name stem in a split packet
	// ("notice-fresno"); otherwise the template's name is used.
	Name string
}

// Skip says why a packet the findings might call for was not drafted.
type Skip struct {
	Kind, ID string
	Reason   string
	Missing  []string // case-file fields a document needs, e.g. "petitioner.dob"
}

func (s Skip) String() string {
	name := s.Kind
	if s.ID != "" {
		name += " packet for " + s.ID
	} else {
		name += " packet"
	}
	msg := name + ": " + s.Reason
	if s.Kind == "" { // the file stops every packet
		msg = s.Reason
	}
	if len(s.Missing) > 0 {
		msg += " (missing: " + strings.Join(s.Missing, ", ") + ")"
	}
	return msg
}

// MissingError is returned when a packet asked for by name cannot be drafted.
type MissingError struct{ Skips []Skip }

func (e *MissingError) Error() string {
	var parts []string
	for _, s := range e.Skips {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, "; ")
}

// Build returns the packets to draft and the ones skipped with the reason.
// When opt.Packets names a kind that cannot be drafted, the error is a
// *MissingError.
func Build(f *casefile.File, rep *eligibility.Report, opt Options) ([]Packet, []Skip, error) {
	if opt.Sign == "" {
		opt.Sign = "typed"
	}
	want := map[string]bool{}
	for _, k := range opt.Packets {
		want[k] = true
	}
	all := len(want) == 0
	// Text the fonts cannot print would come out blank: no packet is
	// drafted from such a file, and the error names the fields. It is an
	// input error whether or not packets were asked for by name, since
	// the file, not the findings, stops every packet.
	if bad := unprintable(f, opt.Glyphs); len(bad) > 0 {
		return nil, nil, &MissingError{[]Skip{{Reason: "no packet can be drafted: text in the case file cannot be printed with the embedded fonts", Missing: bad}}}
	}
	var packets []Packet
	var skips, forced []Skip
	// add files a packet, or its skip: a skip is an error when the packet
	// was asked for by name, and for per-case packets only when facts are
	// missing (another case of the file may still be drafted).
	add := func(kind string, p Packet, skip *Skip, perCase bool) {
		switch {
		case skip == nil:
			packets = append(packets, p)
		case want[kind] && (!perCase || len(skip.Missing) > 0):
			forced = append(forced, *skip)
		default:
			skips = append(skips, *skip)
		}
	}
	if all || want[Dismissal] {
		for i := range f.Cases {
			p, skip := dismissal(f, rep, i, opt)
			add(Dismissal, p, skip, true)
		}
	}
	for _, kind := range ReliefKinds {
		if all || want[kind] {
			for i := range f.Cases {
				if hasReliefFinding(rep, i, kind) {
					p, skip := reliefPacket(f, rep, i, kind, opt)
					add(kind, p, skip, true)
				}
			}
		}
	}
	if all || want[Sealing] {
		for i := range f.Arrests {
			p, skip := sealing(f, rep, i, opt)
			add(Sealing, p, skip, true)
		}
	}
	if all || want[COR] {
		p, skip := cor(f, rep, opt)
		add(COR, p, skip, false)
	}
	if all || want[Pardon] {
		p, skip := pardon(f, rep, opt, want[Pardon])
		add(Pardon, p, skip, false)
	}
	for i := range packets {
		attachExhibits(f, &packets[i])
	}
	if len(forced) > 0 {
		return nil, nil, &MissingError{forced}
	}
	if len(want) > 0 && len(packets) == 0 && len(skips) > 0 {
		return nil, nil, &MissingError{skips}
	}
	return packets, skips, nil
}

// md makes user-supplied text safe to print inside Markdown: every
// character Markdown could read as formatting is escaped.
func md(s string) string {
	if !strings.ContainsAny(s, "\\`*_{}[]<>#|~&!-+.)\r") {
		return s // most names, dates and numbers need nothing
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '{', '}', '[', ']', '<', '>', '#', '|', '~', '&', '!':
			b.WriteByte('\\')
		case '-', '+':
			// A list marker only matters at the start of a line.
			if i == 0 || s[i-1] == '\n' {
				b.WriteByte('\\')
			}
		case '.', ')':
			// "12." or "3)" at the start of a line would start a list.
			if digitsBefore(s, i) {
				b.WriteByte('\\')
			}
		case '\r':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func digitsBefore(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	return j < i && (j == 0 || s[j-1] == '\n')
}

// fields collects the case-file fields a packet needs and lacks, each
// with the document that needs it.
type fields []string

func (m *fields) need(ok bool, field string) {
	if !ok {
		*m = append(*m, field)
	}
}

func longDate(d date.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Long()
}
