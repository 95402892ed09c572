package assemble

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Conviction is one case as the Certificate of Rehabilitation and pardon
// papers list it.
type Conviction struct {
	ID           string
	County       string
	CaseNumber   string
	Date         string // conviction date, long form
	Offenses     string // "PC 470(a) (forgery), felony"
	Felony       bool
	Sentence     string
	Released     string // release from custody
	Discharged   string // end of probation, parole or supervision
	Dismissed    string // "dismissed under Pen. Code, § 1203.4 on …"
	California   bool
	Jurisdiction string // "California", "federal court", "another state"
}

// Residence is one address in the residence history.
type Residence struct {
	From, To                     string
	Address, City, County, State string
}

// Recipient is someone a notice goes to.
type Recipient struct {
	Name    string
	Role    string
	Address string // empty when the filer must add it
}

// CORData is what the Certificate of Rehabilitation packet's templates see.
type CORData struct {
	AsOf        string
	Today       string
	Final       bool
	Petitioner  Person
	Filer       Filer
	Court       Court // the county of residence
	Convictions []Conviction
	EligibleOn  string
	Period      []string // the date arithmetic behind the period of rehabilitation
	Residences  []Residence
	Statement   Statement
	Recipients  []Recipient
	TwoFelonies bool // a pardon then needs the Supreme Court's recommendation
	Registrable bool // a PC 290 offense: the 1203.4 dismissal is required
	Basis       []Basis
	Review      []string
	Documents   []string
	Plans       []string // the per-person packets and why each is or is not drafted
	// Declaration is the petitioner's statement as the paragraphs of a
	// first-person declaration, each with its heading; the petition itself
	// speaks of the petitioner in the third person.
	Declaration []Paragraph
	Disclaimer  string
}

// Paragraph is one headed paragraph of a declaration.
type Paragraph struct {
	Heading string // "Work."
	Text    string
}

// paragraphs lists the statement's parts in the order a declaration
// gives them, each under a heading that names what it is about.
func paragraphs(s Statement) []Paragraph {
	var out []Paragraph
	for _, p := range []Paragraph{
		{"Work.", s.Employment}, {"Education.", s.Education}, {"Family.", s.Family},
		{"Community.", s.Community}, {"Treatment and recovery.", s.Treatment}, {"Why I ask for this relief.", s.Reasons},
	} {
		if p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

// GovernorAddress is where pardon papers and COR notices go.
const GovernorAddress = "Governor's Office, Attn: Legal Affairs Secretary, 1021 O Street, Suite 9000, Sacramento, CA 95814"

func convictions(f *casefile.File, rep *eligibility.Report) []Conviction {
	var out []Conviction
	for i, c := range f.Cases {
		cv := Conviction{
			ID: md(c.ID), County: md(c.County), CaseNumber: md(c.CaseNumber), Date: longDate(c.ConvictionDate),
			Sentence: sentence(c.Sentence), Released: longDate(c.Sentence.ReleasedOn),
			California: c.Jurisdiction == "" || c.Jurisdiction == casefile.California,
		}
		// A federal or another state's conviction is printed under its own
		// court and sentence: never "state prison" for a federal term.
		switch c.Jurisdiction {
		case casefile.Federal:
			cv.Jurisdiction = "United States District Court (federal)"
			cv.Sentence = foreignSentence(c.Sentence, "federal prison")
		case casefile.OtherState:
			cv.Jurisdiction = "court of another state"
			if c.County != "" {
				cv.Jurisdiction += " (" + md(c.County) + ")"
			}
			cv.Sentence = foreignSentence(c.Sentence, "prison")
		default:
			cv.Jurisdiction = "California"
		}
		for _, d := range []date.Date{c.Sentence.SupervisionEndedOn, c.Sentence.TerminatedEarlyOn, c.Sentence.ProbationEnd, c.Sentence.CompletedOn} {
			if !d.IsZero() && cv.Discharged == "" {
				cv.Discharged = d.Long()
			}
		}
		if !c.Relief.DismissedOn.IsZero() {
			under := c.Relief.DismissedUnder
			if under == "" {
				under = "1203.4"
			}
			cv.Dismissed = fmt.Sprintf("dismissed under Pen. Code, § %s on %s", md(under), c.Relief.DismissedOn.Long())
		}
		var offs []string
		for k, cnt := range rep.Cases[i].Counts {
			s := md(cnt.Offense)
			// California's offense table describes California sections
			// only; another jurisdiction's count keeps the file's words.
			if desc := c.Counts[k].Description; desc != "" {
				s += " (" + md(desc) + ")"
			} else if cnt.Description != "" && cv.California {
				s += " (" + md(cnt.Description) + ")"
			}
			s += ", " + cnt.Level
			offs = append(offs, s)
			if cnt.Level == casefile.Felony {
				cv.Felony = true
			}
		}
		cv.Offenses = strings.Join(offs, "; ")
		out = append(out, cv)
	}
	return out
}

func residences(rs []casefile.Residence) []Residence {
	out := make([]Residence, 0, len(rs))
	for _, r := range rs {
		to := "present"
		if !r.To.IsZero() {
			to = r.To.Long()
		}
		st := r.State
		if st == "" {
			st = "CA"
		}
		out = append(out, Residence{From: longDate(r.From), To: to, Address: md(r.Address), City: md(r.City), County: md(r.County), State: md(st)})
	}
	return out
}

// personFinding returns the person-level finding for remedy.
func personFinding(rep *eligibility.Report, remedy string) *eligibility.Finding {
	for i := range rep.Person.Remedies {
		if rep.Person.Remedies[i].Remedy == remedy {
			return &rep.Person.Remedies[i]
		}
	}
	return nil
}

// convictionCounties lists the California counties of conviction, sorted.
func convictionCounties(f *casefile.File) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range f.Cases {
		if (c.Jurisdiction == "" || c.Jurisdiction == casefile.California) && c.County != "" && !seen[c.County] {
			seen[c.County] = true
			out = append(out, c.County)
		}
	}
	sort.Strings(out)
	return out
}

func felonyCases(cs []Conviction) int {
	n := 0
	for _, c := range cs {
		if c.Felony && c.California {
			n++
		}
	}
	return n
}

// inReCaption is the pleading caption of a proceeding the person brings in
// their own name. Under the case title it names the petitioner's CII number
// when the file has it and the California cases the petition concerns, so a
// clerk and the district attorney can find the records.
func inReCaption(f *casefile.File, filerLines []string, county, what string) Caption {
	parties := []string{"In the Matter of the Petition of", strings.ToUpper(f.Petitioner.Name) + ",", "Petitioner,", what}
	if f.Petitioner.CII != "" {
		parties = append(parties, "CII No. "+f.Petitioner.CII)
	}
	for _, c := range f.Cases {
		if (c.Jurisdiction == "" || c.Jurisdiction == casefile.California) && c.CaseNumber != "" {
			parties = append(parties, c.County+" County case no. "+c.CaseNumber)
		}
	}
	return Caption{
		Filer:      filerLines,
		Court:      []string{"SUPERIOR COURT OF THE STATE OF CALIFORNIA", "FOR THE COUNTY OF " + strings.ToUpper(county)},
		Parties:    parties,
		CaseNumber: "________________",
		Hearing:    []string{"Date: ______________", "Time: ______________", "Dept.: ______________"},
	}
}

// planLines states, for every cover, the decision relief check prints on
// the Certificate of Rehabilitation and the direct pardon application, so
// that the covers of one person's packets agree with the findings and with
// each other. The sentences are short: a cover is one page. A packet's
// own cover leaves out its own line (own is the packet kind, or "").
func planLines(f *casefile.File, rep *eligibility.Report, own string) []string {
	cor, pardon := eligibility.PersonPackets(f, rep)
	var out []string
	switch {
	case own == COR:
	case cor.Draft:
		out = append(out, "Certificate of Rehabilitation: open; its petition is drafted in cor.pdf ("+md(cor.Cite)+").")
	default:
		out = append(out, "Certificate of Rehabilitation: no petition drafted; "+md(cor.Reason)+".")
	}
	switch {
	case own == Pardon:
	case pardon.Draft:
		out = append(out, "Governor's pardon: a direct application is drafted in pardon.pdf, because "+md(pardon.Reason)+" ("+md(pardon.Cite)+").")
	case cor.Draft:
		out = append(out, "Governor's pardon: no direct application; the court's certificate becomes the application for a pardon ("+md(pardon.Cite)+").")
	default:
		out = append(out, "Governor's pardon: no direct application drafted, because "+md(pardon.Reason)+".")
	}
	return out
}

// foreignSentence words a federal or another state's sentence: custody is
// that jurisdiction's prison (custody), not California's state prison, and a
// county-jail term under Pen. Code, § 1170, subd. (h) cannot apply.
func foreignSentence(s casefile.Sentence, custody string) string {
	switch s.Kind {
	case casefile.KindPrison, casefile.KindJail1170h:
		return custody
	case casefile.KindJail:
		return "jail"
	}
	return sentence(s)
}
