package eligibility

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/law"
)

// Plan says whether relief drafts one of the packets that concern the whole
// person (the Certificate of Rehabilitation petition or the direct
// application for a Governor's pardon) and why. relief check prints the
// plan; relief draft follows it, so the two never disagree.
type Plan struct {
	Packet string `json:"packet"`         // cor or pardon
	Draft  bool   `json:"draft"`          // whether relief draft writes the packet
	Reason string `json:"reason"`         // why the packet is or is not drafted, in one sentence
	Cite   string `json:"cite,omitempty"` // the authority for the reason
}

// PersonPackets decides, from the person's Certificate of Rehabilitation
// and pardon findings, which per-person packets are drafted:
//
//   - the Certificate packet when the Certificate is open now (eligible or
//     discretionary);
//   - the direct pardon application only when the Certificate is closed to
//     the person (ineligible) and the file has a California felony: while
//     the Certificate is open, coming (not yet) or unresolved (review), the
//     Certificate is the usual route, because the court's certificate is
//     itself the application for a pardon (Pen. Code, § 4852.16), and a
//     misdemeanor-only record is usually better served by dismissal.
//
// A pardon finding that is itself closed (no California conviction) closes
// the pardon packet whatever the Certificate says.
func PersonPackets(f *casefile.File, rep *Report) (cor, pardon Plan) {
	cf, pf := personFinding(rep, RCOR), personFinding(rep, RPardon)
	cor = corPlan(cf)
	pardon = pardonPlan(f, cf, pf)
	return cor, pardon
}

func personFinding(rep *Report, remedy string) *Finding {
	for i := range rep.Person.Remedies {
		if rep.Person.Remedies[i].Remedy == remedy {
			return &rep.Person.Remedies[i]
		}
	}
	return nil
}

func corPlan(cf *Finding) Plan {
	p := Plan{Packet: RCOR, Cite: cite4852_01a}
	switch {
	case cf == nil:
		p.Reason = "no Certificate of Rehabilitation finding"
	case cf.Outcome == Eligible || cf.Outcome == Discretionary:
		p.Draft = true
		p.Reason = "the Certificate of Rehabilitation is open; its petition is drafted"
		p.Cite = cite4852_06
	case cf.Outcome == NotYet:
		p.Reason = "the period of rehabilitation runs until " + cf.EligibleOn.Long()
		p.Cite = cite4852_03
	case cf.Outcome == Review:
		p.Reason = "the Certificate finding needs attorney review first: " + lastText(cf)
	default:
		p.Reason = "a Certificate of Rehabilitation is not open: " + firstText(cf)
	}
	return p
}

func pardonPlan(f *casefile.File, cf, pf *Finding) Plan {
	p := Plan{Packet: RPardon, Cite: cite4852_16}
	switch {
	case pf == nil || pf.Outcome == Ineligible:
		p.Reason = "no California conviction the Governor can pardon"
		p.Cite = citeConstArtV8
		if pf != nil {
			p.Reason = firstText(pf)
		}
	case cf == nil:
		p.Reason = "the Certificate of Rehabilitation finding is missing, and it decides the route to a pardon"
	case cf.Outcome == Eligible || cf.Outcome == Discretionary:
		p.Reason = "the Certificate of Rehabilitation is open and is the usual route: the court's certificate becomes the application for a pardon"
	case cf.Outcome == NotYet:
		p.Reason = "the Certificate of Rehabilitation opens on " + cf.EligibleOn.Long() + " and is the usual route to a pardon"
	case cf.Outcome == Review:
		p.Reason = "the Certificate of Rehabilitation finding needs attorney review first, and it decides whether a pardon goes through the court or directly to the Governor"
	case californiaFelonyCases(f) == 0:
		p.Reason = "every California conviction is a misdemeanor or infraction today, which dismissal usually addresses"
		p.Cite = ""
	default:
		p.Draft = true
		p.Reason = "a Certificate of Rehabilitation is not open, so the application goes directly to the Governor"
		p.Cite = cite4802
	}
	return p
}

// Next is the next step the plan implies, for the pardon finding's "Next"
// line when the packet is not drafted.
func (p Plan) Next() string {
	if p.Draft {
		if p.Packet == RPardon {
			return "Prepare the application with a notice of intent for each county of conviction."
		}
		return ""
	}
	if p.Packet == RPardon {
		return fmt.Sprintf("No direct pardon application is drafted, because %s (relief draft --packet pardon drafts one if the attorney decides otherwise).", p.Reason)
	}
	return ""
}

// californiaFelonyCases counts the California cases with a count that is a
// felony today (not reduced).
func californiaFelonyCases(f *casefile.File) int {
	n := 0
	for i := range f.Cases {
		if cs := &f.Cases[i]; isCalifornia(cs) && hasFelony(cs) {
			n++
		}
	}
	return n
}

// applyPlans records the per-person packet plans on the report and makes
// the pardon finding's next step agree with its plan.
func applyPlans(f *casefile.File, rep *Report) {
	cor, pardon := PersonPackets(f, rep)
	rep.Person.Packets = []Plan{cor, pardon}
	if pf := personFinding(rep, RPardon); pf != nil && pf.Outcome != Ineligible {
		pf.Next = pardon.Next()
	}
}

func firstText(fd *Finding) string {
	if len(fd.Reasons) == 0 {
		return string(fd.Outcome)
	}
	return clause(fd.Reasons[0].Text)
}

func lastText(fd *Finding) string {
	if len(fd.Reasons) == 0 {
		return string(fd.Outcome)
	}
	return clause(fd.Reasons[len(fd.Reasons)-1].Text)
}

// clause turns a reason sentence into a clause that can follow a colon:
// no "Attorney review:" lead (the plan already says so), no final period.
func clause(s string) string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "Attorney review: "), ".")
	// "The petition ..." reads "the petition ..." after a colon; "PC 288"
	// or "DOJ" keep their capitals.
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] < 'A' || s[1] > 'Z') {
		s = strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// NotesFor returns the whole-file notes (Report.Notes) that concern case i:
// the notes about the person's goals, and a note a case's own facts raise
// (a prison term, a violation, an excluded sex offense) only when case i
// raises it. A cover for one case must not carry another case's notes. The
// notes come from the same rules as Report.Notes, run on that case alone.
func NotesFor(f *casefile.File, i int, rep *Report) []Reason {
	if i < 0 || i >= len(f.Cases) {
		return nil
	}
	one := *f
	one.Cases = f.Cases[i : i+1]
	e := &engine{f: &one, tab: law.Default(), boundary: DefaultBoundaryDays}
	cs := &one.Cases[0]
	var row []*countFacts
	for j := range cs.Counts {
		row = append(row, newCountFacts(e.tab, cs, &cs.Counts[j], j+1))
	}
	e.counts = [][]*countFacts{row}
	// The Certificate is the person's, not the case's: its finding comes
	// from the whole file's report.
	var cor Finding
	if fd := personFinding(rep, RCOR); fd != nil {
		cor = *fd
	}
	return e.personNotes(cor)
}
