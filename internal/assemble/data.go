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
	Signed     string   // "/s/ Name" with --sign typed when the filer is the attorney of record, or a self-represented petitioner whose [statement] signed_on is set; otherwise empty
	Date       string   // the date beside Signed: the as-of date for the attorney, signed_on for the petitioner
	// DeclarantSigned is the petitioner's own signature on sworn statements
	// (declarations, verifications, applications): "/s/ Name" only with
	// --sign typed and [statement] signed_on set, else empty for a wet one.
	DeclarantSigned string
	DeclarantDate   string // signed_on, long form, when DeclarantSigned is set
}

// Court is where the petition is filed.
type Court struct {
	County string // "Fresno"
	Name   string // "Superior Court of California, County of Fresno"
	Branch string // the courthouse: the case's court = "...", else the county table's
	// The courthouse's address from the county table (internal/courts),
	// empty when no source confirmed it; Source and Checked say where and
	// when it was checked.
	Street, Mailing, CityZip string
	Source, Checked          string
	Note                     string // what the filer should still confirm
}

// Address is the court's address on one line, or "".
func (c Court) Address() string {
	if c.Street == "" {
		return ""
	}
	return c.Street + ", " + c.CityZip
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
	StatePrison          bool // 5c: § 1203.41 for a state-prison term (SB 731, operative July 1, 2023)
	PrisonPreRealignment bool // item 6, § 1203.42
	DEJ                  bool // item 7, § 1203.43
	DEJRecords           bool // 7a: the court's records show the dismissal
	DEJDeclaration       bool // 7b: the petitioner declares it instead
	HistoryAttached      bool // 7b(1): DOJ criminal history attached
	HistoryNotAttached   bool // 7b(2): not attached
}

// OrderItems are the CR-181-style choices of the proposed order: which
// convictions the grants reach, each "only the following" entry naming
// the charge and the date of conviction.
type OrderItems struct {
	Reduce                bool     // item 1
	ReduceAllFelonies     bool     // every felony count is reduced
	ReduceAllMisdemeanors bool     // every misdemeanor count is reduced
	ReduceOnly            []string // otherwise, the counts reduced
	DismissAll            bool     // item 3: every count of the case is dismissed
	DismissOnly           []string // otherwise, the counts dismissed
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
	AsOf            date.Date
	Today           string // the as-of date, long form
	Final           bool
	Petitioner      Person
	Filer           Filer
	Court           Court
	Case            CaseInfo
	Counts          []CountRow // every count with a dismissal route
	Table           []CountRow // the form's five rows
	Attachment      []CountRow // the rows that did not fit
	Items           Items
	Order           OrderItems
	Sections        []string // dismissal sections requested, e.g. ["1203.4"]
	SectionCites    string   // "Pen. Code, §§ 1203.4, 17, subd. (b)"
	Reduce17b       bool
	Reduce17d2      bool
	Discretionary   bool
	Statement       Statement
	Basis           []Basis
	Review          []string // points for attorney review
	Automatic       []string // counts DOJ should already have relieved (Pen. Code, § 1203.425), e.g. "count 1"
	AutomaticCounts string   // the same in one phrase, e.g. "counts 1 and 2"
	DA              string   // "District Attorney of Fresno County", or the office's name from the county table
	DAAddress       string   // the office's address on one line; "" when the table has none
	Plans           []string // the per-person packets and why each is or is not drafted
	NoticeCite      string   // the statute that sets the 15-day notice to the prosecutor for the sections asked
	NoticeOpen      []string // sections asked whose own notice rule relief does not state, e.g. "1203.49"
	Documents       []string // titles of the documents in the packet
	Disclaimer      string
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
	// A typed signature stands for the attorney of record only; the
	// petitioner's own signature is typed only once the case file records
	// that the petitioner signed (Cal. Rules of Court, rule 2.257).
	if opt.Sign == "typed" {
		if signed := f.Statement.SignedOn; !signed.IsZero() {
			out.DeclarantSigned = "/s/ " + md(pet.Name)
			out.DeclarantDate = signed.Long()
		}
		switch {
		case out.IsAttorney:
			out.Signed = "/s/ " + out.Name
			out.Date = asOf.Long()
		default:
			out.Signed, out.Date = out.DeclarantSigned, out.DeclarantDate
		}
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
	out.Empty = s.Empty()
	return out
}

func reasons(rs []eligibility.Reason) []Reason {
	out := make([]Reason, len(rs))
	for i, r := range rs {
		out[i] = Reason{Text: md(r.Text), Cite: md(r.Cite)}
	}
	return out
}
