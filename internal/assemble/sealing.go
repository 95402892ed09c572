package assemble

import (
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/law"
)

// ArrestInfo is the arrest a sealing petition is about.
type ArrestInfo struct {
	ID              string
	Date            string // long form
	City            string
	County          string
	Agency          string
	ReportNumber    string
	CaseNumber      string
	Offenses        []string // "PC 242 (battery)"
	Charged         bool
	ChargedOffenses []string
	Disposition     string // in words
	DispositionDate string
}

// Ground says why the arrest qualifies (Pen. Code, § 851.91, subd. (a)).
type Ground struct {
	Limitations bool // no charges, and the limitation period has run
	Dismissed   bool // every charge dismissed and cannot be refiled
	Acquitted   bool
	Vacated     bool // conviction vacated or reversed on appeal
}

// SealingData is what the arrest-sealing packet's templates see.
type SealingData struct {
	AsOf               string
	Today              string
	Final              bool
	Petitioner         Person
	Filer              Filer
	Court              Court // the county of arrest
	Arrest             ArrestInfo
	Ground             Ground
	AsOfRight          bool // sealing as a matter of right
	InterestsOfJustice bool // a pattern of domestic violence, child or elder abuse
	Prosecutor         string
	ProsecutorAddress  string // "" when the county table has none
	Statement          Statement
	Basis              []Basis
	Review             []string
	Documents          []string
	Disclaimer         string
}

func offenseList(offs []string) []string {
	var out []string
	for _, o := range offs {
		s := md(o)
		if ref, err := law.ParseRef(o); err == nil {
			if m := law.Default().Lookup(ref); m.Offense != nil && m.Offense.Label != "" {
				s += " (" + md(m.Offense.Label) + ")"
			}
		}
		out = append(out, s)
	}
	return out
}

var dispositions = map[string]string{
	casefile.NoCharges:          "no charges were filed",
	casefile.Dismissed:          "every charge was dismissed",
	casefile.Acquitted:          "acquitted",
	casefile.Vacated:            "conviction vacated or reversed",
	casefile.DiversionCompleted: "diversion completed",
}

// sealing builds the CR-409 packet for arrest i, or says why there is none.
func sealing(f *casefile.File, rep *eligibility.Report, i int, opt Options) (Packet, *Skip) {
	a := f.Arrests[i]
	ra := rep.Arrests[i]
	skip := func(reason string, missing ...string) (Packet, *Skip) {
		return Packet{}, &Skip{Kind: Sealing, ID: a.ID, Reason: reason, Missing: missing}
	}
	var fd *eligibility.Finding
	var other []string
	for k := range ra.Remedies {
		r := &ra.Remedies[k]
		if r.Remedy == eligibility.R851_91 {
			fd = r
		} else if open(r.Outcome) {
			other = append(other, r.Remedy)
		}
	}
	switch {
	case fd == nil && len(other) > 0:
		return skip("relief drafts the CR-409 petition for Pen. Code, § 851.91 only; a petition under § " + strings.Join(other, ", § ") + " is not built yet")
	case fd == nil:
		return skip("no sealing remedy applies to this arrest")
	case fd.Outcome == eligibility.NotYet:
		return skip("sealing is not available until " + fd.EligibleOn.Long())
	case fd.Outcome == eligibility.Review:
		return skip("the findings need attorney review first: " + lastReason(fd))
	case !open(fd.Outcome):
		return skip("the arrest does not qualify: " + barReason(fd))
	}
	ct, cty := court(opt, a.County, "")
	d := SealingData{
		AsOf: rep.AsOf.String(), Today: rep.AsOf.Long(), Final: opt.Final,
		Petitioner: person(f.Petitioner), Filer: filer(f, opt, rep.AsOf),
		Court: ct,
		Arrest: ArrestInfo{
			ID: md(a.ID), Date: longDate(a.Date), City: md(a.City), County: md(a.County), Agency: md(a.Agency),
			ReportNumber: md(a.ReportNumber), CaseNumber: md(a.CaseNumber), Offenses: offenseList(a.Offenses),
			Charged: a.Charged, ChargedOffenses: offenseList(a.ChargedOffenses),
			Disposition: dispositions[a.Disposition], DispositionDate: longDate(a.DispositionDate),
		},
		// A completed diversion is sealed under § 851.91 on the ground the
		// engine used: dismissed charges that cannot be refiled, or else
		// the limitation period (eligibility.r851_91).
		Ground: Ground{
			Limitations: a.Disposition == casefile.NoCharges || a.Disposition == casefile.DiversionCompleted && !divertedDismissed(a),
			Dismissed:   a.Disposition == casefile.Dismissed || divertedDismissed(a),
			Acquitted:   a.Disposition == casefile.Acquitted,
			Vacated:     a.Disposition == casefile.Vacated,
		},
		AsOfRight:          fd.Outcome == eligibility.Eligible,
		InterestsOfJustice: fd.Outcome == eligibility.Discretionary,
		Statement:          statement(f.Statement),
		Disclaimer:         eligibility.Disclaimer,
	}
	d.Prosecutor, d.ProsecutorAddress = addressed(cty)
	if d.Arrest.Agency == "" {
		d.Arrest.Agency = "the arresting agency"
	}
	d.Basis = append(d.Basis, Basis{Count: "Arrest " + md(a.ID) + " (" + d.Arrest.Date + ")", Remedy: "Pen. Code, § 851.91",
		Outcome: string(fd.Outcome), Reasons: reasons(fd.Reasons), Next: md(fd.Next)})
	if !fd.EligibleOn.IsZero() {
		d.Basis[0].Date = fd.EligibleOn.Long()
	}
	d.Review = append(d.Review, "If a city attorney prosecutes misdemeanors in "+md(a.City)+", serve that office as well as, or instead of, the district attorney.")
	if n := daNote(cty); n != "" {
		d.Review = append(d.Review, n)
	}

	var missing fields
	missing.need(f.Petitioner.Name != "", "petitioner.name")
	missing.need(!f.Petitioner.DOB.IsZero(), "petitioner.dob (CR-409 item 1)")
	missing.need(f.Petitioner.Address != "" && f.Petitioner.City != "", "petitioner.address and petitioner.city (CR-409 item 1)")
	missing.need(a.County != "", "arrests["+a.ID+"].county (where to file)")
	missing.need(!a.Date.IsZero(), "arrests["+a.ID+"].date (CR-409 arrest details)")
	missing.need(len(a.Offenses) > 0, "arrests["+a.ID+"].offenses (CR-409 offenses arrested for)")
	missing.need(!a.Charged || a.CaseNumber != "", "arrests["+a.ID+"].case_number (charges were filed)")
	if d.InterestsOfJustice {
		missing.need(!f.Statement.Empty(), "[statement] (why sealing serves the interests of justice)")
	}
	if len(missing) > 0 {
		return skip("facts the documents need are missing", missing...)
	}

	docs := []Doc{
		{Template: "sealing/cover.md.tmpl"},
		{Template: "sealing/petition.md.tmpl"},
		{Template: "sealing/order.md.tmpl"},
		{Template: "sealing/proof-of-service.md.tmpl"},
	}
	for _, doc := range docs {
		d.Documents = append(d.Documents, docTitles[doc.Template])
	}
	caption := Caption{
		Filer:      d.Filer.raw,
		Court:      []string{"SUPERIOR COURT OF CALIFORNIA", "COUNTY OF " + strings.ToUpper(a.County)},
		Defendant:  strings.ToUpper(f.Petitioner.Name),
		DOB:        d.Petitioner.DOBText,
		CaseNumber: a.CaseNumber,
		Matter:     !a.Charged && a.CaseNumber == "" && a.Diversion != "court",
	}
	caption = withCourtAddress(caption, cty, "")
	for k := range docs {
		docs[k].Data = &d
		docs[k].Caption = caption
	}
	return Packet{
		Kind: Sealing, ID: a.ID, FileName: "sealing-" + a.ID + ".pdf",
		Title: "Petition to seal arrest records, " + a.County + " County, arrest of " + a.Date.Long(),
		Docs:  docs,
	}, nil
}

// barReason is the reason that decides an ineligible finding (the first)
// or a review (the last, where the missing fact is named).
// divertedDismissed reports whether a completed diversion ended in charges
// dismissed that cannot be refiled.
func divertedDismissed(a casefile.Arrest) bool {
	return a.Disposition == casefile.DiversionCompleted && a.Charged && a.RefilingBarred != nil && *a.RefilingBarred
}

func barReason(fd *eligibility.Finding) string {
	if fd.Outcome == eligibility.Ineligible && len(fd.Reasons) > 0 {
		return fd.Reasons[0].Text
	}
	return lastReason(fd)
}

func lastReason(fd *eligibility.Finding) string {
	if len(fd.Reasons) == 0 {
		return string(fd.Outcome)
	}
	return fd.Reasons[len(fd.Reasons)-1].Text
}
