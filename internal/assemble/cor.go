package assemble

import (
	"fmt"
	"regexp"
	"strconv"
	"sync"

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
	d.Period = periodSentences(fd.Trace, f.Cases, rep.AsOf)
	d.Plans = planLines(f, rep, COR)
	d.Declaration = paragraphs(d.Statement)
	d.TwoFelonies = felonyCases(d.Convictions) >= 2
	d.Registrable = registrable(f)
	d.Basis = []Basis{{Count: "The petitioner", Remedy: "Pen. Code, § 4852.01", Outcome: string(fd.Outcome),
		Date: d.EligibleOn, Reasons: reasons(fd.Reasons), Next: md(fd.Next)}}
	// Pen. Code, § 4852.07: the district attorney where the petition is
	// filed, the district attorney of each county of conviction, and the
	// Governor's Office.
	seen := map[string]bool{}
	var notes []string
	addDA := func(county, role string) {
		if county == "" || seen[county] {
			return
		}
		seen[county] = true
		c := opt.courtTable().Lookup(county)
		name, addr := addressed(c)
		d.Recipients = append(d.Recipients, Recipient{Name: name, Role: role, Address: addr})
		if n := daNote(c); n != "" {
			notes = append(notes, n)
		}
	}
	addDA(p.County, "district attorney of the county where the petition is filed")
	for _, county := range convictionCounties(f) {
		addDA(county, "district attorney of a county of conviction")
	}
	d.Recipients = append(d.Recipients, Recipient{Name: "Governor of California", Role: "notice to the Governor", Address: GovernorAddress})
	d.Review = append(d.Review,
		"Confirm the Governor's Office address and each district attorney's address before serving.",
		"Many courts have a local Certificate of Rehabilitation packet or ask for a probation report; check the local rules of the "+d.Court.Name+".")
	d.Review = append(d.Review, notes...)

	var missing fields
	missing.need(p.Name != "", "petitioner.name")
	missing.need(!p.DOB.IsZero(), "petitioner.dob (petition caption)")
	missing.need(p.Address != "" && p.City != "", "petitioner.address and petitioner.city (petition and verification)")
	missing.need(p.County != "", "petitioner.county (the county of residence, where the petition is filed)")
	missing.need(len(f.Residences) > 0, "[[residences]] (the residence history for at least the five years before filing, Pen. Code, § 4852.06)")
	missing.need(!f.Statement.Empty(), "[statement] (conduct and rehabilitation, Pen. Code, § 4852.05)")
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

// periodRe reads the engine's trace line for one case's period of
// rehabilitation: "case ID: period starts HOW DATE; 5 + N years = END".
// It and the two below are compiled at first use: at start-up the three
// cost every command, relief version included, 60 KB of fresh memory.
var periodRe = lazyRegexp(`^case (.+): period starts (.+) (\d{4}-\d{2}-\d{2}); 5 \+ (\d+) years = (\d{4}-\d{2}-\d{2})$`)

// supervisionRe and residenceRe read the trace lines on the last
// supervision and on continuous residence.
var (
	supervisionRe = lazyRegexp(`^last probation/parole/supervision ends (\d{4}-\d{2}-\d{2})`)
	residenceRe   = lazyRegexp(`^continuous California residence since (\d{4}-\d{2}-\d{2})`)
)

// lazyRegexp returns a function that compiles expr the first time it is
// called and returns the same *regexp.Regexp after that.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var yearWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// periodSentences states the Pen. Code, § 4852.03 computation as a
// petition does: one sentence per conviction with the period's length, its
// start, its end and the filing date, then one on the end of supervision and
// one on residence (§ 4852.06), from the engine's trace. filed is the date
// the petition is prepared for filing (the as-of date).
func periodSentences(trace []string, cases []casefile.Case, filed date.Date) []string {
	var out []string
	for _, t := range trace {
		if m := periodRe().FindStringSubmatch(t); m != nil {
			start, _ := date.Parse(m[3])
			end, _ := date.Parse(m[5])
			extra, _ := strconv.Atoi(m[4])
			out = append(out, fmt.Sprintf("Case %s: the period of %s years (five years plus %s, Pen. Code, § 4852.03, subd. (a)) began on %s, when petitioner was %s, and ended on %s, before this petition's filing date of %s.",
				caseLabel(m[1], cases), word(5+extra), word(extra), start.Long(), howStarted(m[2]), end.Long(), filed.Long()))
			continue
		}
		if m := supervisionRe().FindStringSubmatch(t); m != nil {
			d, _ := date.Parse(m[1])
			out = append(out, fmt.Sprintf("Petitioner's last probation, parole or other supervision ended on %s, before the filing date (Pen. Code, § 4852.06).", d.Long()))
			continue
		}
		if m := residenceRe().FindStringSubmatch(t); m != nil {
			d, _ := date.Parse(m[1])
			out = append(out, fmt.Sprintf("Petitioner has lived in California continuously since %s, more than five years before the filing date (Pen. Code, § 4852.06).", d.Long()))
		}
	}
	return out
}

// caseLabel names a case by its number and county, not the file's id.
func caseLabel(id string, cases []casefile.Case) string {
	for _, c := range cases {
		if c.ID == id {
			if c.CaseNumber != "" {
				return md(c.CaseNumber) + " (" + md(c.County) + " County)"
			}
			return md(c.County) + " County"
		}
	}
	return md(id)
}

// howStarted turns the engine's "released from custody" or "placed on
// probation" into words that follow "when petitioner was".
func howStarted(how string) string {
	switch how {
	case "judgment":
		return "sentenced"
	case "released to probation":
		return "released from custody to probation"
	}
	return how
}

func word(n int) string {
	if n >= 0 && n < len(yearWords) {
		return yearWords[n]
	}
	return strconv.Itoa(n)
}
