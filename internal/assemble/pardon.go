package assemble

import (
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
)

// CountyNotice is the Pen. Code, § 4804 notice for one county of conviction.
type CountyNotice struct {
	County      string
	DA          string
	DAAddress   string // "" when the county table has none
	Convictions []Conviction
}

// PardonData is what the pardon packet's templates see. Notice is set for
// the documents that belong to one county (the notice and its proof of
// service).
type PardonData struct {
	AsOf            string
	Today           string
	Final           bool
	Petitioner      Person
	Filer           Filer
	Convictions     []Conviction // California convictions, which the Governor can pardon
	Other           []Conviction // federal and other states' convictions, which the Governor cannot
	Counties        []CountyNotice
	Notice          *CountyNotice
	TwoFelonies     bool
	Route           string // why this packet: the direct route, or that the COR route is open
	CORFirst        bool   // a Certificate of Rehabilitation is open and is the usual route
	LivesOutside    bool
	Statement       Statement
	GovernorAddress string
	Basis           []Basis
	Review          []string
	Documents       []string
	Plans           []string // the per-person packets and why each is or is not drafted
	Disclaimer      string
}

// pardon builds the Governor's pardon packet, or says why there is none.
// forced is true when --packet pardon asked for it.
func pardon(f *casefile.File, rep *eligibility.Report, opt Options, forced bool) (Packet, *Skip) {
	skip := func(reason string, missing ...string) (Packet, *Skip) {
		return Packet{}, &Skip{Kind: Pardon, Reason: reason, Missing: missing}
	}
	fd := personFinding(rep, eligibility.RPardon)
	if fd == nil || fd.Outcome == eligibility.Ineligible {
		why := "no California conviction the Governor can pardon"
		if fd != nil {
			why = barReason(fd)
		}
		return skip("a pardon application is not open: " + why)
	}
	// The plan is the one relief check prints; --packet pardon may
	// override a plan that does not draft, with a warning on the cover.
	_, plan := eligibility.PersonPackets(f, rep)
	var warning string
	if !plan.Draft {
		if !forced {
			return skip(plan.Reason + "; ask for it with --packet pardon to draft a direct application anyway")
		}
		warning = plan.Reason + "; the direct application was drafted because --packet pardon asked for it"
	}
	d := pardonData(f, rep, opt, fd, plan, warning)
	if missing := pardonMissing(f, &d); len(missing) > 0 {
		return skip("facts the documents need are missing", missing...)
	}
	return Packet{Kind: Pardon, FileName: "pardon.pdf", Title: "Application for a Governor's pardon, " + f.Petitioner.Name,
		Docs: pardonDocs(&d, opt), Warning: warning}, nil
}

// pardonData is what the pardon packet says: the applicant, the
// convictions split into those the Governor can pardon and the rest, one
// notice per county of conviction, the route and what to review. fd is
// the pardon finding; warning is set when --packet pardon overrode plan.
func pardonData(f *casefile.File, rep *eligibility.Report, opt Options, fd *eligibility.Finding, plan eligibility.Plan, warning string) PardonData {
	cf := personFinding(rep, eligibility.RCOR)
	corOpen := cf != nil && open(cf.Outcome)
	p := f.Petitioner
	d := PardonData{
		AsOf: rep.AsOf.String(), Today: rep.AsOf.Long(), Final: opt.Final,
		Petitioner: person(p), Filer: filer(f, opt, rep.AsOf),
		Statement: statement(f.Statement), GovernorAddress: GovernorAddress,
		LivesOutside: !p.LivesInCalifornia(), CORFirst: corOpen,
		Disclaimer: eligibility.Disclaimer,
	}
	cvs := convictions(f, rep)
	for _, c := range cvs {
		if c.California {
			d.Convictions = append(d.Convictions, c)
		} else {
			d.Other = append(d.Other, c)
		}
	}
	d.TwoFelonies = felonyCases(cvs) >= 2
	d.Plans = planLines(f, rep, Pardon)
	d.Counties = countyNotices(f, opt, d.Convictions)
	d.Route = pardonRoute(corOpen, plan, cf)
	d.Basis = []Basis{{Count: "The applicant", Remedy: "Cal. Const., art. V, § 8; Pen. Code, § 4800 and following",
		Outcome: string(fd.Outcome), Reasons: reasons(fd.Reasons), Next: md(fd.Next)}}
	if warning != "" {
		d.Review = append(d.Review, upperFirst(warning)+".")
	}
	d.Review = append(d.Review,
		"Compare this summary with the Governor's current application form and attach what it asks for; confirm the Governor's Office address.",
		"Say whether anyone was paid or given anything for helping with the application (Pen. Code, § 4807.2).")
	for _, county := range convictionCounties(f) {
		if n := daNote(opt.courtTable().Lookup(county)); n != "" {
			d.Review = append(d.Review, n)
		}
	}
	return d
}

// countyNotices is one § 4804 notice per county of conviction, addressed
// to its district attorney, with the California convictions entered there.
func countyNotices(f *casefile.File, opt Options, cvs []Conviction) []CountyNotice {
	var out []CountyNotice
	for _, county := range convictionCounties(f) {
		n := CountyNotice{County: md(county)}
		n.DA, n.DAAddress = addressed(opt.courtTable().Lookup(county))
		for _, c := range cvs {
			if c.County == md(county) {
				n.Convictions = append(n.Convictions, c)
			}
		}
		out = append(out, n)
	}
	return out
}

// pardonRoute says why the application goes to the Governor directly:
// the Certificate of Rehabilitation is open (and usual), the plan would
// not draft it, the Certificate is barred, or nothing else applies. cf is
// the Certificate finding, nil when there is none.
func pardonRoute(corOpen bool, plan eligibility.Plan, cf *eligibility.Finding) string {
	switch {
	case corOpen:
		return "A Certificate of Rehabilitation is open to the applicant; it is the usual route, because the court's certificate is forwarded to the Governor as an application for a pardon (Pen. Code, § 4852.16). This direct application is an alternative."
	case !plan.Draft:
		return upperFirst(md(plan.Reason)) + ". This direct application was asked for; attorney review."
	case cf != nil && len(cf.Reasons) > 0:
		return "A Certificate of Rehabilitation is not open (" + md(lowerFirst(strings.TrimSuffix(barReason(cf), "."))) + "), so the application goes directly to the Governor (Pen. Code, § 4802)."
	default:
		return "The application goes directly to the Governor (Pen. Code, § 4802)."
	}
}

// pardonMissing names the case-file facts the pardon documents need and
// the file lacks.
func pardonMissing(f *casefile.File, d *PardonData) fields {
	p := f.Petitioner
	var missing fields
	missing.need(p.Name != "", "petitioner.name")
	missing.need(!p.DOB.IsZero(), "petitioner.dob (application and notices)")
	missing.need(p.Address != "" && p.City != "", "petitioner.address and petitioner.city (application)")
	missing.need(len(d.Counties) > 0, "a California case with a county (the notice of intention goes to that county's district attorney)")
	missing.need(!f.Statement.Empty(), "[statement] (rehabilitation and why a pardon is needed)")
	return missing
}

// pardonDocs lays out the packet: the cover, the letter and the
// application summary, then each county's notice of intention and its
// proof of service, all on the filer's (or the config file's) letterhead.
// It also lists the documents' titles in d for the cover.
func pardonDocs(d *PardonData, opt Options) []Doc {
	docs := []Doc{{Template: "pardon/cover.md.tmpl"}, {Template: "pardon/letter.md.tmpl"}, {Template: "pardon/application.md.tmpl"}}
	for _, doc := range docs {
		d.Documents = append(d.Documents, docTitles[doc.Template])
	}
	for _, n := range d.Counties {
		d.Documents = append(d.Documents, docTitles["pardon/notice.md.tmpl"]+", to the "+n.DA, "Proof of service of that notice")
	}
	// The letterhead is the config file's, else the filer's name and
	// address without the role line.
	letter := Caption{Filer: d.Filer.raw[:len(d.Filer.raw)-1]}
	if len(opt.Letterhead) > 0 {
		letter.Filer = opt.Letterhead
	}
	for k := range docs {
		docs[k].Data = d
		docs[k].Caption = letter
	}
	for i := range d.Counties {
		nd := *d
		nd.Notice = &d.Counties[i]
		// Split packets name each county's notice and proof apart.
		slug := slugify(d.Counties[i].County)
		docs = append(docs,
			Doc{Template: "pardon/notice.md.tmpl", Data: &nd, Caption: letter, Name: "notice-" + slug},
			Doc{Template: "pardon/proof-of-service.md.tmpl", Data: &nd, Caption: letter, Name: "proof-of-service-" + slug})
	}
	return docs
}

// slugify makes a file-name part of a county name: "Los Angeles" becomes
// "los-angeles". Only ASCII letters and digits survive.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "county"
	}
	return b.String()
}

// lowerFirst lowers a sentence's first letter so it can follow other
// words, unless it starts an abbreviation ("PC 288", "DOJ").
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] < 'A' || s[1] > 'Z') {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
