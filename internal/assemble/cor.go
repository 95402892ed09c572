package assemble

import (
	"regexp"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/law"
)

// cor builds the Certificate of Rehabilitation packet, or says why there
// is none.
func cor(f *casefile.File, rep *eligibility.Report, opt Options) (Packet, *Skip) {
	skip := func(reason string, missing ...string) (Packet, *Skip) {
		return Packet{}, &Skip{Kind: COR, Reason: reason, Missing: missing}
	}
	// The plan is the one relief check prints.
	if plan, _ := eligibility.PersonPackets(f, rep); !plan.Draft {
		return skip(plan.Reason)
	}
	fd := personFinding(rep, eligibility.RCOR)
	p := f.Petitioner
	d := CORData{
		AsOf: rep.AsOf.String(), Today: rep.AsOf.Long(), Final: opt.Final,
		Petitioner: person(p), Filer: filer(f, opt, rep.AsOf),
		Court:       func() Court { ct, _ := court(opt, p.County, ""); return ct }(),
		Convictions: convictions(f, rep),
		EligibleOn:  longDate(fd.EligibleOn),
		Residences:  residences(f.Residences),
		Statement:   statement(f.Statement),
		Disclaimer:  eligibility.Disclaimer,
	}
	d.Period = periodLines(fd.Trace, f.Cases)
	d.Plans = planLines(f, rep, COR)
	d.TwoFelonies = felonyCases(d.Convictions) >= 2
	d.Registrable = registrable(f)
	d.Basis = []Basis{{Count: "The petitioner", Remedy: "Pen. Code, § 4852.01", Outcome: string(fd.Outcome),
		Date: d.EligibleOn, Reasons: reasons(fd.Reasons), Next: md(fd.Next)}}
	// Pen. Code, § 4852.07: the district attorney where the petition is
	// filed, the district attorney of each county of conviction, and the
	// Governor's Office.
	seen := map[string]bool{}
	addDA := func(county, role string) {
		if county == "" || seen[county] {
			return
		}
		seen[county] = true
		name, addr := addressed(opt.courtTable().Lookup(county))
		d.Recipients = append(d.Recipients, Recipient{Name: name, Role: role, Address: addr})
	}
	addDA(p.County, "district attorney of the county where the petition is filed")
	for _, county := range convictionCounties(f) {
		addDA(county, "district attorney of a county of conviction")
	}
	d.Recipients = append(d.Recipients, Recipient{Name: "Governor of California", Role: "notice to the Governor", Address: GovernorAddress})
	d.Review = append(d.Review,
		"Confirm the Governor's Office address and each district attorney's address before serving.",
		"Many courts have a local Certificate of Rehabilitation packet or ask for a probation report; check the local rules of the "+d.Court.Name+".")

	var missing fields
	missing.need(p.Name != "", "petitioner.name")
	missing.need(!p.DOB.IsZero(), "petitioner.dob (petition caption)")
	missing.need(p.Address != "" && p.City != "", "petitioner.address and petitioner.city (petition and verification)")
	missing.need(p.County != "", "petitioner.county (the county of residence, where the petition is filed)")
	missing.need(len(f.Residences) > 0, "[[residences]] (the residence history for at least the five years before filing, Pen. Code, § 4852.06)")
	missing.need(f.Statement != casefile.Statement{}, "[statement] (conduct and rehabilitation, Pen. Code, § 4852.05)")
	if len(missing) > 0 {
		return skip("facts the documents need are missing", missing...)
	}
	docs := []Doc{
		{Template: "cor/cover.md.tmpl"},
		{Template: "cor/petition.md.tmpl"},
		{Template: "cor/notice.md.tmpl"},
		{Template: "cor/proof-of-service.md.tmpl"},
		{Template: "cor/order.md.tmpl"},
	}
	for _, doc := range docs {
		d.Documents = append(d.Documents, docTitles[doc.Template])
	}
	caption := inReCaption(f, d.Filer.raw, p.County, "for a Certificate of Rehabilitation.")
	for k := range docs {
		docs[k].Data = &d
		docs[k].Caption = caption
	}
	return Packet{Kind: COR, FileName: "cor.pdf",
		Title: "Petition for Certificate of Rehabilitation and Pardon, " + p.County + " County", Docs: docs}, nil
}

// registrable reports whether any count requires PC 290 registration,
// by the case file's override or the offense table.
func registrable(f *casefile.File) bool {
	for _, c := range f.Cases {
		for _, cnt := range c.Counts {
			if cnt.Requires290 != nil {
				if *cnt.Requires290 {
					return true
				}
				continue
			}
			if ref, err := law.ParseRef(cnt.Offense); err == nil {
				if m := law.Default().Lookup(ref); m.Offense != nil && m.Offense.Registrable290 == law.Yes {
					return true
				}
			}
		}
	}
	return false
}

var (
	isoDate   = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	fileKeyRe = regexp.MustCompile(` \([^()]*(\[\[|petitioner\.)[^()]*\)`)
)

// periodLines turns the engine's trace of the period of rehabilitation into
// sentences fit for a petition: long dates, case numbers instead of the
// file's ids, no case-file key names, and no line about the as-of date.
func periodLines(trace []string, cases []casefile.Case) []string {
	var out []string
	for _, t := range trace {
		if strings.HasPrefix(t, "earliest date ") {
			continue
		}
		t = fileKeyRe.ReplaceAllString(t, "")
		for _, c := range cases {
			if c.CaseNumber != "" {
				t = strings.ReplaceAll(t, "case "+c.ID+":", "case "+c.CaseNumber+" ("+c.County+" County):")
			}
		}
		t = isoDate.ReplaceAllStringFunc(t, func(s string) string {
			if d, err := date.Parse(s); err == nil {
				return d.Long()
			}
			return s
		})
		out = append(out, md(upperFirst(t)))
	}
	return out
}
