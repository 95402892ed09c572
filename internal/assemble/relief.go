package assemble

import (
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// Packet kinds for the remedies (Prop 47, Prop 64, fire camp) that a court grants on a
// pleading of its own: Prop 47 (Pen. Code, § 1170.18), Prop 64 (Health &
// Saf. Code, § 11361.8) and fire-camp dismissal (Pen. Code, § 1203.4b).
// No Judicial Council form was verified for them, so each is drafted on
// pleading paper.
const (
	Prop47   = "prop47"
	Prop64   = "prop64"
	FireCamp = "firecamp"
)

// ReliefKinds lists these packet kinds in the order draft writes them.
var ReliefKinds = []string{Prop47, Prop64, FireCamp}

// reliefRemedy is the finding each kind drafts.
var reliefRemedy = map[string]string{
	Prop47: eligibility.RProp47, Prop64: eligibility.RProp64, FireCamp: eligibility.R1203_4b,
}

// prop47Deadline is Pen. Code, § 1170.18, subd. (j): later filings need
// good cause.
var prop47Deadline = date.MustParse("2022-11-04")

// ReliefData is what the Prop 47, Prop 64 and fire-camp packets see: one
// case and the counts the petition asks relief for.
type ReliefData struct {
	AsOf       string
	Today      string // the as-of date, long form
	Final      bool
	Kind       string // "prop47", "prop64" or "firecamp"
	Petitioner Person
	Filer      Filer
	Court      Court
	Case       CaseInfo
	Counts     []ReliefCount
	// Running is true when the sentence is still being served, so the
	// petition asks to recall it rather than to redesignate or dismiss.
	Running bool
	// Late is true for a Prop 47 filing after November 4, 2022, which
	// needs a showing of good cause (Pen. Code, § 1170.18, subd. (j)).
	Late bool
	// Released is the release from custody (fire camp), long form.
	Released   string
	Statement  Statement
	Basis      []Basis
	Review     []string // points for attorney review
	DA         string   // "District Attorney of Fresno County"
	Documents  []string // titles of the documents in the packet
	Disclaimer string
}

// ReliefCount is one count the petition asks relief for.
type ReliefCount struct {
	Index       int
	Offense     string // as written in the case file
	Level       string // "felony", "misdemeanor", "infraction"
	Description string
	Value       string // "$600" for a value-based Prop 47 offense, else ""
	Outcome     string // "eligible" or "discretionary"
}

var reliefPacketTitle = map[string]string{
	Prop47: "Proposition 47 petition", Prop64: "Proposition 64 petition", FireCamp: "Fire-camp dismissal petition",
}

var reliefTitles = map[string]string{
	"cover.md.tmpl":            "This cover sheet (not for filing)",
	"petition.md.tmpl":         "Petition, with verification",
	"order.md.tmpl":            "Order, proposed",
	"proof-of-service.md.tmpl": "Proof of service on the prosecutor, to be signed by the server",
}

// hasReliefFinding reports whether case i has a finding of kind's remedy.
func hasReliefFinding(rep *eligibility.Report, i int, kind string) bool {
	for _, n := range rep.Cases[i].Counts {
		for _, fd := range n.Remedies {
			if fd.Remedy == reliefRemedy[kind] {
				return true
			}
		}
	}
	return false
}

// reliefPacket builds the kind's packet for case i, or says why there is
// none. Only counts whose finding is open (eligible or discretionary) are
// asked for; counts that need review are named on the cover.
func reliefPacket(f *casefile.File, rep *eligibility.Report, i int, kind string, opt Options) (Packet, *Skip) {
	c := f.Cases[i]
	skip := func(reason string, missing ...string) (Packet, *Skip) {
		return Packet{}, &Skip{Kind: kind, ID: c.ID, Reason: reason, Missing: missing}
	}
	d := ReliefData{
		AsOf: rep.AsOf.String(), Today: rep.AsOf.Long(), Final: opt.Final, Kind: kind,
		Petitioner: person(f.Petitioner), Filer: filer(f, opt, rep.AsOf),
		Court: Court{County: md(c.County), Name: "Superior Court of California, County of " + md(c.County), Branch: md(c.Court)},
		Case: CaseInfo{ID: md(c.ID), Number: md(c.CaseNumber), ConvictionDate: longDate(c.ConvictionDate),
			JudgmentDate: longDate(c.JudgmentDate()), Sentence: sentence(c.Sentence)},
		Late:       kind == Prop47 && rep.AsOf.After(prop47Deadline),
		Released:   longDate(c.Sentence.ReleasedOn),
		Statement:  statement(f.Statement),
		DA:         "District Attorney of " + md(c.County) + " County",
		Disclaimer: eligibility.Disclaimer,
	}
	first := collectRelief(&d, f, rep, i, kind)
	switch {
	case len(d.Counts) == 0 && first != nil && first.Outcome == eligibility.NotYet:
		return skip("relief is not available until " + first.EligibleOn.Long())
	case len(d.Counts) == 0 && first != nil && first.Outcome == eligibility.Review:
		return skip("the findings need attorney review first: " + lastReason(first))
	case len(d.Counts) == 0 && first != nil:
		return skip("relief is not available: " + barReason(first))
	case len(d.Counts) == 0:
		return skip("no count of this case qualifies")
	}
	p := f.Petitioner
	var missing fields
	missing.need(p.Name != "", "petitioner.name")
	missing.need(!p.DOB.IsZero(), "petitioner.dob (caption)")
	missing.need(p.Address != "" && p.City != "", "petitioner.address and petitioner.city (verification)")
	missing.need(c.CaseNumber != "", "cases["+c.ID+"].case_number (caption)")
	missing.need(kind != FireCamp || !d.Statement.Empty, "[statement] (the showing for relief in the interests of justice, Pen. Code, § 1203.4b)")
	if len(missing) > 0 {
		return skip("facts the documents need are missing", missing...)
	}
	docs := []Doc{{Template: kind + "/cover.md.tmpl"}, {Template: kind + "/petition.md.tmpl"},
		{Template: kind + "/order.md.tmpl"}, {Template: kind + "/proof-of-service.md.tmpl"}}
	caption := Caption{
		Filer:      d.Filer.raw,
		Court:      []string{"SUPERIOR COURT OF CALIFORNIA", "COUNTY OF " + strings.ToUpper(c.County)},
		Parties:    []string{"PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", strings.ToUpper(p.Name) + ",", "Defendant."},
		Defendant:  strings.ToUpper(p.Name),
		DOB:        d.Petitioner.DOBText,
		CaseNumber: c.CaseNumber,
	}
	for k := range docs {
		d.Documents = append(d.Documents, reliefTitles[strings.TrimPrefix(docs[k].Template, kind+"/")])
		docs[k].Data = &d
		docs[k].Caption = caption
	}
	return Packet{Kind: kind, ID: c.ID, FileName: kind + "-" + c.ID + ".pdf",
		Title: reliefPacketTitle[kind] + ", " + c.County + " County case " + c.CaseNumber, Docs: docs}, nil
}

// collectRelief adds to d the counts of case i whose finding of kind's
// remedy is open, with their basis, and the ones that need review; it
// returns the finding that explains a skip when no count is open.
func collectRelief(d *ReliefData, f *casefile.File, rep *eligibility.Report, i int, kind string) *eligibility.Finding {
	c := f.Cases[i]
	var first *eligibility.Finding
	for ci, count := range rep.Cases[i].Counts {
		for k := range count.Remedies {
			fd := &count.Remedies[k]
			if fd.Remedy != reliefRemedy[kind] {
				continue
			}
			if first == nil {
				first = fd
			}
			if !open(fd.Outcome) {
				if fd.Outcome == eligibility.Review {
					d.Review = append(d.Review, "Count "+strconv.Itoa(count.Index)+" ("+md(count.Offense)+"): "+md(lastReason(fd)))
				}
				continue
			}
			first = fd
			d.Counts = append(d.Counts, reliefCount(c.Counts[ci], count, fd))
			d.Basis = append(d.Basis, basis(count, *fd))
			// The engine traces "sentence running: …" when it chose a
			// petition to recall rather than an application.
			for _, t := range fd.Trace {
				if strings.HasPrefix(t, "sentence running") {
					d.Running = true
				}
			}
		}
	}
	return first
}

// reliefCount is one count as the petition lists it.
func reliefCount(cc casefile.Count, rc eligibility.Count, fd *eligibility.Finding) ReliefCount {
	out := ReliefCount{Index: rc.Index, Offense: md(cc.Offense), Level: cc.Level, Description: md(rc.Description), Outcome: string(fd.Outcome)}
	if cc.PropertyValue != nil {
		out.Value = "$" + strconv.Itoa(*cc.PropertyValue)
	}
	return out
}
