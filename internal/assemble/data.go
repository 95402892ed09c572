package assemble

import (
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// The types below are the data model templates see. Every string that
// comes from the case file is already escaped for Markdown, so a name with
// an asterisk prints as written.

// Person is the petitioner.
type Person struct {
	Name       string    // as in the case file
	OtherNames string    // "a, b and c"
	DOB        date.Date // zero when unknown
	DOBText    string    // "01/02/1980"
	Address    string
	City       string
	State      string
	Zip        string
	CityLine   string // "Fresno, CA 93721"
	Phone      string
	Email      string
	County     string
}

// Filer is who signs and files: the attorney, or the petitioner in pro per.
type Filer struct {
	Name       string
	IsAttorney bool
	BarNumber  string
	Firm       string
	Lines      []string // the attorney or party block, one line each
	raw        []string // the same lines unescaped, for the caption
	Role       string   // "Attorney for Petitioner" or "Petitioner in pro per"
	SignTitle  string   // under the signature line
	Signed     string   // "/s/ Name" with --sign typed; empty with --sign wet
	Date       string   // the as-of date with --sign typed; empty with --sign wet
}

// Court is where the petition is filed.
type Court struct {
	County string // "Fresno"
	Name   string // "Superior Court of California, County of Fresno"
	Branch string
}

// CountRow is one conviction as the forms list it.
type CountRow struct {
	Index       int
	Offense     string // "PC 459"
	Code        string // "PC"
	Section     string // "459"
	Level       string // "Felony"
	Description string
	Reduce17b   bool   // reduction to a misdemeanor is requested
	Reduce17d2  bool   // reduction to an infraction is requested
	Routes      string // dismissal sections that apply to it, e.g. "1203.4"
	SeeAttach   bool   // this row only says "See Attachment"
}

// Reason is one line of the eligibility basis.
type Reason struct {
	Text string
	Cite string
}

// Basis is one finding, for the cover page.
type Basis struct {
	Count   string // "Count 1 (PC 459, felony)"
	Remedy  string // "Pen. Code, § 1203.4"
	Outcome string // "eligible", "discretionary", …
	Date    string // from when, for not_yet
	Reasons []Reason
	Next    string
}

// Items are the CR-180 checkbox states (law reference §11.1).
type Items struct {
	Probation            bool // item 2, Pen. Code, § 1203.4
	ProbationFulfilled   bool // 2a
	ProbationEarly       bool // 2b
	ProbationJustice     bool // 2c
	NoProbation          bool // item 3, § 1203.4a
	HonestLife           bool // 3a
	NoProbationJustice   bool // 3b
	Trafficking          bool // item 4, § 1203.49
	CountyJail           bool // item 5, § 1203.41
	WithSupervision      bool // 5a
	WithoutSupervision   bool // 5b
	StatePrison          bool // § 1203.41 for a state-prison term (2023 amendment)
	PrisonPreRealignment bool // item 6, § 1203.42
	DEJ                  bool // item 7, § 1203.43
	DEJRecords           bool // 7a
}

// Statement is the petitioner's account, for the declaration.
type Statement struct {
	Employment string
	Education  string
	Family     string
	Community  string
	Treatment  string
	Reasons    string
	Empty      bool
	// Exhibits lists what is attached behind the declaration or petition,
	// lettered A, B, C; empty when nothing is.
	Exhibits []ExhibitRef
}

// CaseInfo is the case the packet is for.
type CaseInfo struct {
	ID             string
	Number         string
	ConvictionDate string // long form
	JudgmentDate   string
	Sentence       string // one phrase, e.g. "probation, ended March 1, 2020"
	DEJGranted     string
	DEJDismissed   string
}

// DismissalData is what the dismissal packet's templates see.
type DismissalData struct {
	AsOf          date.Date
	Today         string // the as-of date, long form
	Final         bool
	Petitioner    Person
	Filer         Filer
	Court         Court
	Case          CaseInfo
	Counts        []CountRow // every count with a dismissal route
	Table         []CountRow // the form's five rows
	Attachment    []CountRow // the rows that did not fit
	Items         Items
	Sections      []string // dismissal sections requested, e.g. ["1203.4"]
	SectionCites  string   // "Pen. Code, §§ 1203.4, 17, subd. (b)"
	Reduce17b     bool
	Reduce17d2    bool
	Discretionary bool
	Statement     Statement
	Basis         []Basis
	Review        []string // points for attorney review
	Automatic     []string // counts DOJ should already have relieved (Pen. Code, § 1203.425), e.g. "count 1"
	DA            string   // "District Attorney of Fresno County"
	Documents     []string // titles of the documents in the packet
	Disclaimer    string
}

func person(p casefile.Petitioner) Person {
	out := Person{
		Name: md(p.Name), DOB: p.DOB, Address: md(p.Address), City: md(p.City),
		State: md(p.State), Zip: md(p.Zip), Phone: md(p.Phone), Email: md(p.Email), County: md(p.County),
	}
	if out.State == "" {
		out.State = "CA"
	}
	if !p.DOB.IsZero() {
		out.DOBText = p.DOB.Time().Format("01/02/2006")
	}
	var names []string
	for _, n := range p.OtherNames {
		names = append(names, md(n))
	}
	out.OtherNames = oxford(names)
	out.CityLine = strings.TrimSpace(strings.TrimSuffix(out.City+", "+out.State+" "+out.Zip, ", "))
	return out
}

func filer(f *casefile.File, opt Options, asOf date.Date) Filer {
	pet := f.Petitioner
	var out Filer
	if a := f.Attorney; a != nil && a.Name != "" {
		out = Filer{Name: md(a.Name), IsAttorney: true, BarNumber: md(a.BarNumber), Firm: md(a.Firm),
			Role: "Attorney for Petitioner " + md(pet.Name), SignTitle: "Attorney for Petitioner"}
		first := a.Name
		if a.BarNumber != "" {
			first += " (SBN " + a.BarNumber + ")"
		}
		out.raw = appendNonEmpty(nil, first, a.Firm, a.Address,
			cityLine(a.City, a.State, a.Zip), prefix("Tel. ", a.Phone), a.Email, "Attorney for Petitioner")
	} else {
		out = Filer{Name: md(pet.Name), Role: "Petitioner in pro per", SignTitle: "Petitioner"}
		out.raw = appendNonEmpty(nil, pet.Name, pet.Address, cityLine(pet.City, pet.State, pet.Zip),
			prefix("Tel. ", pet.Phone), pet.Email, "Petitioner in pro per")
	}
	for _, l := range out.raw {
		out.Lines = append(out.Lines, md(l))
	}
	if opt.Sign == "typed" {
		out.Signed = "/s/ " + out.Name
		out.Date = asOf.Long()
	}
	return out
}

func cityLine(city, state, zip string) string {
	if city == "" {
		return ""
	}
	if state == "" {
		state = "CA"
	}
	return strings.TrimSpace(city + ", " + state + " " + zip)
}

func prefix(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}

func appendNonEmpty(out []string, ss ...string) []string {
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func oxford(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	case 2:
		return items[0] + " and " + items[1]
	}
	return strings.Join(items[:len(items)-1], ", ") + ", and " + items[len(items)-1]
}

func statement(s casefile.Statement) Statement {
	out := Statement{Employment: md(s.Employment), Education: md(s.Education), Family: md(s.Family),
		Community: md(s.Community), Treatment: md(s.Treatment), Reasons: md(s.Reasons)}
	out.Empty = s == casefile.Statement{}
	return out
}

func reasons(rs []eligibility.Reason) []Reason {
	out := make([]Reason, len(rs))
	for i, r := range rs {
		out[i] = Reason{Text: md(r.Text), Cite: md(r.Cite)}
	}
	return out
}
