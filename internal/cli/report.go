package cli

import (
	"fmt"
	"io"
	"strings"

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
	p := &printer{w: w}
	p.line(0, "Relief report for %s, as of %s", r.Petitioner, r.AsOf)
	p.line(0, "%s", r.Disclaimer)
	for _, c := range r.Cases {
		p.blank()
		head := "Case " + c.ID
		if c.CaseNumber != "" {
			head += " · " + c.CaseNumber
		}
		head += " · " + c.County + " County"
		if c.Jurisdiction != "" {
			head += " · " + strings.ReplaceAll(c.Jurisdiction, "_", " ")
		}
		p.line(0, "%s", head)
		for _, n := range c.Notes {
			p.reason(1, n)
		}
		for _, n := range c.Counts {
			desc := ""
			if n.Description != "" {
				desc = ": " + n.Description
			}
			name := n.Offense
			if n.Canonical != "" {
				name += " [" + n.Canonical + "]"
			}
			p.line(1, "Count %d: %s (%s)%s", n.Index, name, n.Level, desc)
			for _, f := range n.Remedies {
				p.finding(2, f, trace)
			}
		}
	}
	for _, a := range r.Arrests {
		p.blank()
		p.line(0, "Arrest %s · %s · %s County", a.ID, a.Date, a.County)
		for _, f := range a.Remedies {
			p.finding(1, f, trace)
		}
	}
	p.blank()
	p.line(0, "The person")
	for _, f := range r.Person.Remedies {
		p.finding(1, f, trace)
	}
	if len(r.Notes) > 0 {
		p.blank()
		p.line(0, "Points for the attorney")
		for _, n := range r.Notes {
			p.reason(1, n)
		}
	}
	// Next steps, once each, with every place that needs them.
	var order []string
	where := map[string][]string{}
	add := func(place string, f eligibility.Finding) {
		if f.Next == "" || f.Outcome == eligibility.Ineligible {
			return
		}
		if _, ok := where[f.Next]; !ok {
			order = append(order, f.Next)
		}
		where[f.Next] = append(where[f.Next], place)
	}
	for _, c := range r.Cases {
		for _, n := range c.Counts {
			for _, f := range n.Remedies {
				add(fmt.Sprintf("case %s count %d (%s)", c.ID, n.Index, f.Remedy), f)
			}
		}
	}
	for _, a := range r.Arrests {
		for _, f := range a.Remedies {
			add("arrest "+a.ID, f)
		}
	}
	for _, f := range r.Person.Remedies {
		add(remedyNames[f.Remedy], f)
	}
	if len(order) > 0 {
		p.blank()
		p.line(0, "What to do next")
		for _, next := range order {
			p.line(1, "- %s (%s)", next, strings.Join(where[next], "; "))
		}
	}
}

type printer struct{ w io.Writer }

func (p *printer) blank() { fmt.Fprintln(p.w) }

func (p *printer) line(indent int, format string, args ...any) {
	fmt.Fprintf(p.w, "%s%s\n", strings.Repeat("  ", indent), fmt.Sprintf(format, args...))
}

func (p *printer) reason(indent int, r eligibility.Reason) {
	if r.Cite != "" {
		p.line(indent, "- %s [%s]", r.Text, r.Cite)
	} else {
		p.line(indent, "- %s", r.Text)
	}
}

func (p *printer) finding(indent int, f eligibility.Finding, trace bool) {
	name := remedyNames[f.Remedy]
	if name == "" {
		name = f.Remedy
	}
	p.line(indent, "%s: %s", name, outcomeText(f))
	for _, r := range f.Reasons {
		p.reason(indent+1, r)
	}
	if trace {
		for _, t := range f.Trace {
			p.line(indent+1, "· %s", t)
		}
	}
	if f.Next != "" && f.Outcome != eligibility.Ineligible {
		p.line(indent+1, "Next: %s", f.Next)
	}
}
