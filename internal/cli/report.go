package cli

import (
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

var remedyNames = map[string]string{
	eligibility.R17b:     "Reduction to misdemeanor (PC 17(b))",
	eligibility.R17d2:    "Reduction to infraction (PC 17(d)(2))",
	eligibility.R1203_4:  "Dismissal after probation (PC 1203.4)",
	eligibility.R1203_4a: "Dismissal without probation (PC 1203.4a)",
	eligibility.R1203_41: "Dismissal of a jail or prison felony (PC 1203.41)",
	eligibility.R1203_42: "Dismissal of a pre-2011 prison term (PC 1203.42)",
	eligibility.R1203_43: "Vacating a DEJ plea (PC 1203.43)",
	eligibility.R1203_49: "Dismissal for a trafficking victim (PC 1203.49)",
	eligibility.R1203425: "Automatic relief by DOJ (PC 1203.425)",
	eligibility.RProp47:  "Prop 47 resentencing or redesignation (PC 1170.18)",
	eligibility.RProp64:  "Prop 64 cannabis relief (HS 11361.8)",
	eligibility.R1203_4b: "Dismissal after fire-camp service (PC 1203.4b)",
	eligibility.R1203_45: "Sealing of a misdemeanor committed under 18 (PC 1203.45)",
	eligibility.R236_14:  "Vacatur for a trafficking victim (PC 236.14)",
	eligibility.R851_93:  "Automatic arrest relief by DOJ (PC 851.93)",
	eligibility.R1473_7:  "Motion to vacate (PC 1473.7)",
	eligibility.R851_91:  "Arrest sealing (PC 851.91)",
	eligibility.R851_87:  "Sealing after prefiling diversion (PC 851.87)",
	eligibility.R851_90:  "Sealing after court diversion (PC 851.90)",
	eligibility.R851_8:   "Factual innocence (PC 851.8)",
	eligibility.RCOR:     "Certificate of Rehabilitation (PC 4852.01)",
	eligibility.RPardon:  "Governor's pardon (Cal. Const., art. V, § 8)",
}

func outcomeText(f eligibility.Finding) string {
	switch f.Outcome {
	case eligibility.Eligible:
		return "ELIGIBLE: the court must grant"
	case eligibility.Discretionary:
		if f.Remedy == eligibility.RPardon {
			return "DISCRETIONARY: the Governor may grant"
		}
		return "DISCRETIONARY: the court may grant"
	case eligibility.Automatic:
		return "AUTOMATIC: expected without a petition"
	case eligibility.NotYet:
		return "NOT YET: available from " + f.EligibleOn.String()
	case eligibility.Ineligible:
		return "NOT AVAILABLE"
	case eligibility.Review:
		return "ATTORNEY REVIEW"
	}
	return string(f.Outcome)
}

// writeReport prints the findings for people: grouped by case, each count's
// remedies with their reasons, then arrests, the person and next steps.
func writeReport(w io.Writer, r eligibility.Report, trace bool) {
	w.Write(appendReport(nil, r, trace))
}

// appendReport appends writeReport's text to b. relief check formats
// thousands of reports, so the text is appended piece by piece (no fmt, no
// intermediate strings) into a buffer its workers reuse.
func appendReport(b []byte, r eligibility.Report, trace bool) []byte {
	p := &printer{b: b}
	p.start(0).str("Relief report for ").str(r.Petitioner).str(", as of ").date(r.AsOf).end()
	p.start(0).str(r.Disclaimer).end()
	for _, c := range r.Cases {
		p.blank()
		p.start(0).str("Case ").str(c.ID)
		if c.CaseNumber != "" {
			p.str(" · ").str(c.CaseNumber)
		}
		p.str(" · ").str(c.County).str(" County")
		if c.Jurisdiction != "" {
			p.str(" · ").str(strings.ReplaceAll(c.Jurisdiction, "_", " "))
			if c.State != "" {
				p.str(" (").str(c.State).str(")")
			}
		}
		p.end()
		for _, n := range c.Notes {
			p.reason(1, n)
		}
		for _, n := range c.Counts {
			p.start(1).str("Count ").int(n.Index).str(": ").str(n.Offense)
			if n.Canonical != "" {
				p.str(" [").str(n.Canonical).str("]")
			}
			p.str(" (").str(n.Level).str(")")
			if n.Description != "" {
				p.str(": ").str(n.Description)
			}
			p.end()
			for _, f := range n.Remedies {
				p.finding(2, f, trace)
			}
		}
	}
	for _, a := range r.Arrests {
		p.blank()
		p.start(0).str("Arrest ").str(a.ID).str(" · ").date(a.Date).str(" · ").str(a.County).str(" County").end()
		for _, f := range a.Remedies {
			p.finding(1, f, trace)
		}
	}
	p.blank()
	p.start(0).str("The person").end()
	for _, f := range r.Person.Remedies {
		p.finding(1, f, trace)
	}
	for _, pl := range r.Person.Packets {
		p.plan(1, pl)
	}
	if len(r.Notes) > 0 {
		p.blank()
		p.start(0).str("Points for the attorney").end()
		for _, n := range r.Notes {
			p.reason(1, n)
		}
	}
	// Next steps, once each, with every place that needs them. A place is
	// named only for a finding that has a next step.
	var order []string
	var where map[string][]string
	add := func(next, place string) {
		if where == nil {
			where = map[string][]string{}
		}
		if _, ok := where[next]; !ok {
			order = append(order, next)
		}
		where[next] = append(where[next], place)
	}
	for _, c := range r.Cases {
		for _, n := range c.Counts {
			for _, f := range n.Remedies {
				if hasNext(f) {
					add(f.Next, "case "+c.ID+" count "+strconv.Itoa(n.Index)+" ("+f.Remedy+")")
				}
			}
		}
	}
	for _, a := range r.Arrests {
		for _, f := range a.Remedies {
			if hasNext(f) {
				add(f.Next, "arrest "+a.ID)
			}
		}
	}
	for _, f := range r.Person.Remedies {
		if hasNext(f) {
			add(f.Next, remedyNames[f.Remedy])
		}
	}
	if len(order) > 0 {
		p.blank()
		p.start(0).str("What to do next").end()
		for _, next := range order {
			p.start(1).str("- ").str(next).str(" (")
			for i, place := range where[next] {
				if i > 0 {
					p.str("; ")
				}
				p.str(place)
			}
			p.str(")").end()
		}
	}
	return p.b
}

// hasNext reports whether f's next step is printed.
func hasNext(f eligibility.Finding) bool {
	return f.Next != "" && f.Outcome != eligibility.Ineligible
}

// printer appends the report's lines to b. Each line is start, pieces, end.
type printer struct{ b []byte }

func (p *printer) blank() { p.b = append(p.b, '\n') }

// start begins a line indented by indent levels of two spaces.
func (p *printer) start(indent int) *printer {
	for range indent {
		p.b = append(p.b, "  "...)
	}
	return p
}

func (p *printer) end() { p.b = append(p.b, '\n') }

func (p *printer) str(s string) *printer {
	p.b = append(p.b, s...)
	return p
}

func (p *printer) int(n int) *printer {
	p.b = strconv.AppendInt(p.b, int64(n), 10)
	return p
}

// date appends d as date.Date.String does: YYYY-MM-DD, nothing when unset.
func (p *printer) date(d date.Date) *printer {
	if !d.IsZero() {
		p.b = d.Time().AppendFormat(p.b, time.DateOnly)
	}
	return p
}

func (p *printer) reason(indent int, r eligibility.Reason) {
	p.start(indent).str("- ").str(r.Text)
	if r.Cite != "" {
		p.str(" [").str(r.Cite).str("]")
	}
	p.end()
}

// packetNames name the per-person packets in the report.
var packetNames = map[string]string{
	eligibility.RCOR:    "Certificate of Rehabilitation petition",
	eligibility.RPardon: "Direct pardon application",
}

// plan prints whether relief draft writes a per-person packet, and why.
func (p *printer) plan(indent int, pl eligibility.Plan) {
	p.start(indent).str("Packet: ").str(packetNames[pl.Packet]).str(": ")
	if pl.Draft {
		p.str("drafted")
	} else {
		p.str("not drafted")
	}
	p.str(" (").str(pl.Reason)
	if pl.Cite != "" {
		p.str("; ").str(pl.Cite)
	}
	p.str(")").end()
}

func (p *printer) finding(indent int, f eligibility.Finding, trace bool) {
	name := remedyNames[f.Remedy]
	if name == "" {
		name = f.Remedy
	}
	p.start(indent).str(name).str(": ")
	if f.Outcome == eligibility.NotYet {
		// outcomeText without building the string.
		p.str("NOT YET: available from ").date(f.EligibleOn)
	} else {
		p.str(outcomeText(f))
	}
	p.end()
	for _, r := range f.Reasons {
		p.reason(indent+1, r)
	}
	if trace {
		for _, t := range f.Trace {
			p.start(indent + 1).str("· ").str(t).end()
		}
	}
	if hasNext(f) {
		p.start(indent + 1).str("Next: ").str(f.Next).end()
	}
}
