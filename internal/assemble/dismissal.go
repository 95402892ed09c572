package assemble

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/law"
)

// formRows is how many convictions the CR-180 table holds; the rest go on
// an MC-025-style attachment.
const formRows = 5

var dismissalRoutes = []string{
	eligibility.R1203_4, eligibility.R1203_4a, eligibility.R1203_41,
	eligibility.R1203_42, eligibility.R1203_43, eligibility.R1203_49,
}

func isRoute(remedy string) bool {
	for _, r := range dismissalRoutes {
		if r == remedy {
			return true
		}
	}
	return false
}

func open(o eligibility.Outcome) bool {
	return o == eligibility.Eligible || o == eligibility.Discretionary
}

// dismissal builds the packet for case i, or says why there is none.
func dismissal(f *casefile.File, rep *eligibility.Report, i int, opt Options) (Packet, *Skip) {
	c := f.Cases[i]
	rc := rep.Cases[i]
	skip := func(reason string, missing ...string) (Packet, *Skip) {
		return Packet{}, &Skip{Kind: Dismissal, ID: c.ID, Reason: reason, Missing: missing}
	}
	if c.Jurisdiction != "" && c.Jurisdiction != casefile.California {
		return skip("the conviction is not from a California court, so no California dismissal petition applies")
	}
	ct, cty := court(opt, c.County, c.Court)
	d := DismissalData{
		AsOf: rep.AsOf, Today: rep.AsOf.Long(), Final: opt.Final,
		Petitioner: person(f.Petitioner), Filer: filer(f, opt, rep.AsOf),
		Court: ct,
		Case: CaseInfo{ID: md(c.ID), Number: md(c.CaseNumber), ConvictionDate: longDate(c.ConvictionDate),
			JudgmentDate: longDate(c.JudgmentDate()), Sentence: sentence(c.Sentence),
			DEJGranted: longDate(c.Sentence.DEJGrantedOn), DEJDismissed: longDate(c.Sentence.DEJDismissedOn)},
		Statement:  statement(f.Statement),
		Disclaimer: eligibility.Disclaimer,
	}
	d.DA, d.DAAddress = addressed(cty)
	w := weighCounts(&d, c, rc)
	if len(w.routes) == 0 {
		return skip(w.noRoute())
	}
	w.oneItemFor1170h(&d, c)
	for _, n := range rc.Notes {
		w.review = append(w.review, md(n.Text))
	}
	// Only the whole-file notes this case raises: another case's notes do
	// not belong on this cover.
	for _, n := range eligibility.NotesFor(f, i, rep) {
		w.review = append(w.review, md(n.Text))
	}
	if n := daNote(cty); n != "" {
		w.review = append(w.review, n)
	}
	d.Review = w.review
	d.Plans = planLines(f, rep, "")
	d.Items = items(f, i, w.routes, rep.AsOf)
	d.Order = orderItems(c, d.Counts, rc)
	d.fill(w.routes)

	missing := dismissalMissing(f, i, d.Discretionary)
	if len(missing) > 0 {
		return skip("facts the documents need are missing", missing...)
	}
	docs := dismissalDocs(&d)
	cap := withCourtAddress(dismissalCaption(f, c, &d), cty, c.Court)
	for k := range docs {
		docs[k].Data = &d
		docs[k].Caption = cap
	}
	return Packet{
		Kind: Dismissal, ID: c.ID, FileName: "dismissal-" + c.ID + ".pdf",
		Title: "Petition for dismissal, " + c.County + " County case " + c.CaseNumber,
		Docs:  docs,
	}, nil
}

// weighed is what the findings for a case's counts say about a dismissal:
// the routes open (by remedy, Discretionary winning over Eligible), the
// routes that open later, and the points for attorney review.
type weighed struct {
	routes map[string]eligibility.Outcome
	notYet []string
	review []string
}

// weighCounts reads the findings of every count of case c, adding to d
// the counts with a route open, the legal basis of each route and the
// reductions asked for.
func weighCounts(d *DismissalData, c casefile.Case, rc eligibility.Case) *weighed {
	w := &weighed{routes: map[string]eligibility.Outcome{}}
	for ci, count := range rc.Counts {
		row := countRow(c.Counts[ci], count)
		var rowRoutes []string
		for _, fd := range count.Remedies {
			if w.finding(d, &row, count, fd) {
				rowRoutes = append(rowRoutes, fd.Remedy)
			}
		}
		if len(rowRoutes) > 0 {
			row.Routes = strings.Join(rowRoutes, ", ")
			d.Counts = append(d.Counts, row)
		}
	}
	return w
}

// finding weighs one finding for one count, and reports whether it opens
// a dismissal route for the count's row.
func (w *weighed) finding(d *DismissalData, row *CountRow, count eligibility.Count, fd eligibility.Finding) (route bool) {
	reduction := fd.Remedy == eligibility.R17b || fd.Remedy == eligibility.R17d2
	if (isRoute(fd.Remedy) || reduction) && open(fd.Outcome) {
		d.Basis = append(d.Basis, basis(count, fd))
	}
	if fd.Remedy == eligibility.R1203425 && fd.Outcome == eligibility.Automatic {
		d.Automatic = append(d.Automatic, fmt.Sprintf("count %d", count.Index))
	}
	switch {
	case isRoute(fd.Remedy) && open(fd.Outcome):
		route = true
		if w.routes[fd.Remedy] != eligibility.Discretionary {
			w.routes[fd.Remedy] = fd.Outcome
		}
	case isRoute(fd.Remedy) && fd.Outcome == eligibility.NotYet:
		w.notYet = append(w.notYet, fmt.Sprintf("count %d under %s from %s", count.Index, fd.Remedy, fd.EligibleOn.Long()))
	case fd.Remedy == eligibility.R17b && open(fd.Outcome):
		row.Reduce17b = true
		d.Reduce17b = true
	case fd.Remedy == eligibility.R17d2 && open(fd.Outcome):
		row.Reduce17d2 = true
		d.Reduce17d2 = true
	}
	if fd.Outcome == eligibility.Review && (isRoute(fd.Remedy) || reduction) {
		r := fd.Remedy
		if len(fd.Reasons) > 0 {
			r += ": " + md(fd.Reasons[len(fd.Reasons)-1].Text)
		}
		w.review = append(w.review, fmt.Sprintf("Count %d (%s), %s", count.Index, row.Offense, r))
	}
	return route
}

// noRoute says why no petition is drafted when no route is open.
func (w *weighed) noRoute() string {
	switch {
	case len(w.notYet) > 0:
		return "dismissal is not available yet: " + strings.Join(w.notYet, "; ")
	case len(w.review) > 0:
		return "the findings need attorney review before a petition can be drafted: " + strings.Join(w.review, "; ")
	}
	return "no count of this case has a dismissal route open"
}

// oneItemFor1170h handles a pre-realignment prison term for an
// 1170(h)-type offense, which opens both § 1203.41 (SB 731's prison route)
// and § 1203.42. The petition asks under one item: § 1203.42, written for
// exactly this sentence, and without § 1203.41's registration exclusion.
func (w *weighed) oneItemFor1170h(d *DismissalData, c casefile.Case) {
	if _, ok := w.routes[eligibility.R1203_42]; !ok || c.Sentence.Kind != casefile.KindPrison {
		return
	}
	if _, both := w.routes[eligibility.R1203_41]; both {
		delete(w.routes, eligibility.R1203_41)
		for k := range d.Counts {
			d.Counts[k].Routes = strings.ReplaceAll(d.Counts[k].Routes, eligibility.R1203_41+", ", "")
		}
		w.review = append(w.review, "§ 1203.41 is open too; the petition asks under § 1203.42 (attorney review).")
	}
}

// fill sets what follows from the routes: the sections asked under, in
// petition order, whether relief is discretionary, and the grouped and
// cited forms the templates print.
func (d *DismissalData) fill(routes map[string]eligibility.Outcome) {
	for _, r := range dismissalRoutes {
		if o, ok := routes[r]; ok {
			d.Sections = append(d.Sections, r)
			if o == eligibility.Discretionary {
				d.Discretionary = true
			}
		}
	}
	d.AutomaticCounts = countList(d.Automatic)
	d.Basis = groupBasis(d.Basis)
	d.SectionCites = sectionCites(d.Sections, d.Reduce17b, d.Reduce17d2)
	d.NoticeCite, d.NoticeOpen = noticeCites(d.Sections)
	d.Table, d.Attachment = split(d.Counts)
}

// dismissalDocs lists the packet's documents in filing order, and names
// them in d.Documents for the cover.
func dismissalDocs(d *DismissalData) []Doc {
	docs := []Doc{
		{Template: "dismissal/cover.md.tmpl"},
		{Template: "dismissal/petition.md.tmpl"},
	}
	if len(d.Attachment) > 0 {
		docs = append(docs, Doc{Template: "dismissal/attachment.md.tmpl"})
	}
	if d.Discretionary {
		docs = append(docs, Doc{Template: "dismissal/declaration.md.tmpl"})
	}
	docs = append(docs, Doc{Template: "dismissal/order.md.tmpl"}, Doc{Template: "dismissal/proof-of-service.md.tmpl"})
	for _, doc := range docs {
		d.Documents = append(d.Documents, docTitles[doc.Template])
	}
	return docs
}

// dismissalCaption is the People v. petitioner caption of case c.
func dismissalCaption(f *casefile.File, c casefile.Case, d *DismissalData) Caption {
	return Caption{
		Filer:      d.Filer.raw,
		Court:      []string{"SUPERIOR COURT OF CALIFORNIA", "COUNTY OF " + strings.ToUpper(c.County)},
		Parties:    []string{"PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", strings.ToUpper(f.Petitioner.Name) + ",", "Defendant."},
		Defendant:  strings.ToUpper(f.Petitioner.Name),
		DOB:        d.Petitioner.DOBText,
		CaseNumber: c.CaseNumber,
	}
}

func dismissalMissing(f *casefile.File, i int, discretionary bool) []string {
	c := f.Cases[i]
	p := f.Petitioner
	var missing fields
	missing.need(p.Name != "", "petitioner.name")
	missing.need(!p.DOB.IsZero(), "petitioner.dob (CR-180 caption)")
	missing.need(p.Address != "" && p.City != "", "petitioner.address and petitioner.city (CR-180 verification)")
	missing.need(c.CaseNumber != "", "cases["+c.ID+"].case_number (CR-180 caption)")
	missing.need(c.County != "", "cases["+c.ID+"].county (where to file)")
	missing.need(!c.ConvictionDate.IsZero() || !c.Sentence.DEJGrantedOn.IsZero(), "cases["+c.ID+"].conviction_date (CR-180 item 1)")
	if discretionary {
		missing.need(!f.Statement.Empty(), "[statement] (the MC-031 declaration supporting relief in the interests of justice)")
	}
	return missing
}

func countRow(cc casefile.Count, rc eligibility.Count) CountRow {
	row := CountRow{Index: rc.Index, Offense: md(rc.Offense), Level: upperFirst(rc.Level), Description: md(rc.Description)}
	written := rc.Offense
	if rc.Canonical != "" {
		written = rc.Canonical
	}
	if ref, err := law.ParseRef(written); err == nil {
		row.Code = ref.Code
		s := ref.String()
		row.Section = strings.TrimSpace(strings.TrimPrefix(s, ref.Code))
	} else {
		row.Section = md(cc.Offense)
	}
	return row
}

func split(rows []CountRow) (table, attach []CountRow) {
	if len(rows) <= formRows {
		return rows, nil
	}
	table = append(table, rows[:formRows-1]...)
	table = append(table, CountRow{SeeAttach: true})
	return table, rows[formRows-1:]
}

// items maps the open routes to the petition's own items (law reference
// §11.1): each route checks its item and exactly the sub-items the file
// supports, never an item of another route.
func items(f *casefile.File, i int, routes map[string]eligibility.Outcome, asOf date.Date) Items {
	var it Items
	s := f.Cases[i].Sentence
	if o, ok := routes[eligibility.R1203_4]; ok {
		it.Probation = true
		// Check all that apply: completion is stated whenever the file
		// shows it, also when relief is discretionary for another reason
		// (a Vehicle Code § 12810 offense).
		it.ProbationEarly = !s.TerminatedEarlyOn.IsZero()
		it.ProbationFulfilled = !it.ProbationEarly && probationFulfilled(s, asOf) && !violated(f, i)
		it.ProbationJustice = o == eligibility.Discretionary
	}
	if o, ok := routes[eligibility.R1203_4a]; ok {
		it.NoProbation = true
		it.HonestLife = o == eligibility.Eligible
		it.NoProbationJustice = o == eligibility.Discretionary
	}
	_, it.Trafficking = routes[eligibility.R1203_49]
	if _, ok := routes[eligibility.R1203_41]; ok {
		it.CountyJail = true
		switch {
		case s.Kind == casefile.KindPrison:
			it.StatePrison = true // SB 731's route: item 5c, not 5a/5b
		case s.MandatorySupervision:
			it.WithSupervision = true
		default:
			it.WithoutSupervision = true
		}
	}
	_, it.PrisonPreRealignment = routes[eligibility.R1203_42]
	if _, ok := routes[eligibility.R1203_43]; ok {
		it.DEJ = true
		it.DEJRecords = true
	}
	return it
}

// probationFulfilled reports whether the file shows probation completed:
// its end has passed and it was not revoked.
func probationFulfilled(s casefile.Sentence, asOf date.Date) bool {
	end := s.ProbationEnd
	if !s.CompletedOn.IsZero() {
		end = s.CompletedOn
	}
	return !s.Revoked && !end.IsZero() && end.Before(asOf)
}

// violated reports whether the file shows a violation of probation in
// case i: one listed, a revocation, or a new conviction during the term.
func violated(f *casefile.File, i int) bool {
	c := &f.Cases[i]
	s := c.Sentence
	end := s.ProbationEnd
	if !s.TerminatedEarlyOn.IsZero() {
		end = s.TerminatedEarlyOn
	}
	return len(s.Violations) > 0 || s.Revoked || eligibility.ConvictedDuring(f, c, end) != ""
}

// orderItems chooses the proposed order's "ALL" or "only the following"
// boxes: ALL when the grant reaches every count of its kind in the case,
// otherwise the counts by charge and date of conviction.
func orderItems(c casefile.Case, counts []CountRow, rc eligibility.Case) OrderItems {
	var o OrderItems
	when := longDate(c.ConvictionDate)
	if when == "" {
		when = longDate(c.Sentence.DEJGrantedOn)
	}
	label := func(r CountRow) string { return fmt.Sprintf("Count %d, %s, convicted %s", r.Index, r.Offense, when) }
	felonies, misdemeanors := 0, 0
	for _, cnt := range rc.Counts {
		switch cnt.Level {
		case casefile.Felony:
			felonies++
		case casefile.Misdemeanor:
			misdemeanors++
		}
	}
	r17b, r17d2 := 0, 0
	var reduced []string
	for _, r := range counts {
		if r.Reduce17b {
			r17b++
		}
		if r.Reduce17d2 {
			r17d2++
		}
		if r.Reduce17b || r.Reduce17d2 {
			reduced = append(reduced, label(r))
		}
	}
	o.Reduce = len(reduced) > 0
	o.ReduceAllFelonies = r17b > 0 && r17b == felonies && r17d2 == 0
	o.ReduceAllMisdemeanors = r17d2 > 0 && r17d2 == misdemeanors && r17b == 0
	if o.Reduce && !o.ReduceAllFelonies && !o.ReduceAllMisdemeanors {
		o.ReduceOnly = reduced
	}
	o.DismissAll = len(counts) == len(rc.Counts)
	if !o.DismissAll {
		for _, r := range counts {
			o.DismissOnly = append(o.DismissOnly, label(r))
		}
	}
	return o
}

func sectionCites(sections []string, r17b, r17d2 bool) string {
	var parts []string
	if r17b {
		parts = append(parts, "17(b)")
	}
	if r17d2 {
		parts = append(parts, "17(d)(2)")
	}
	parts = append(parts, sections...)
	if len(parts) == 1 {
		return "Pen. Code, § " + parts[0]
	}
	return "Pen. Code, §§ " + strings.Join(parts, ", ")
}

func sentence(s casefile.Sentence) string {
	switch s.Kind {
	case casefile.KindProbation:
		out := "probation"
		switch {
		case !s.TerminatedEarlyOn.IsZero():
			out += ", terminated early on " + s.TerminatedEarlyOn.Long()
		case !s.ProbationEnd.IsZero():
			out += ", ending " + s.ProbationEnd.Long()
		}
		return out
	case casefile.KindJail:
		return "county jail"
	case casefile.KindJail1170h:
		if s.MandatorySupervision {
			return "county jail under Pen. Code, § 1170, subd. (h), with mandatory supervision"
		}
		return "county jail under Pen. Code, § 1170, subd. (h)"
	case casefile.KindPrison:
		return "state prison"
	case casefile.KindFine:
		return "a fine"
	case casefile.KindDEJ:
		return "deferred entry of judgment"
	case casefile.KindDiversion:
		return "diversion"
	}
	return md(s.Kind)
}

var docTitles = map[string]string{
	"dismissal/cover.md.tmpl":            "This cover sheet (not for filing)",
	"dismissal/petition.md.tmpl":         "Petition for Dismissal",
	"dismissal/attachment.md.tmpl":       "Attachment 1: further convictions",
	"dismissal/declaration.md.tmpl":      "Declaration in support",
	"dismissal/order.md.tmpl":            "Order for Dismissal, proposed",
	"dismissal/proof-of-service.md.tmpl": "Proof of service on the district attorney, to be signed by the server",
	"sealing/cover.md.tmpl":              "This cover sheet (not for filing)",
	"sealing/petition.md.tmpl":           "Petition to Seal Arrest and Related Records (CR-409 style)",
	"sealing/order.md.tmpl":              "Order to Seal Arrest and Related Records, proposed (CR-410 style)",
	"sealing/proof-of-service.md.tmpl":   "Proof of service on the prosecutor and the arresting agency, to be signed by the server",
	"cor/cover.md.tmpl":                  "This cover sheet (not for filing)",
	"cor/petition.md.tmpl":               "Petition for Certificate of Rehabilitation and Pardon, with verification",
	"cor/notice.md.tmpl":                 "Notice of Filing of Petition for Certificate of Rehabilitation (Pen. Code, § 4852.07)",
	"cor/proof-of-service.md.tmpl":       "Proof of service of the notice on each recipient",
	"cor/order.md.tmpl":                  "Order and Certificate of Rehabilitation, proposed",
	"pardon/cover.md.tmpl":               "This cover sheet (not for filing)",
	"pardon/letter.md.tmpl":              "Cover letter to the Governor's Office",
	"pardon/application.md.tmpl":         "Application summary for a Governor's pardon",
	"pardon/notice.md.tmpl":              "Notice of Intention to Apply for Executive Clemency (Pen. Code, § 4804)",
	"pardon/proof-of-service.md.tmpl":    "Proof of service of the notice by declaration",
}

var remedyTitle = map[string]string{
	eligibility.R17b: "Pen. Code, § 17, subd. (b)", eligibility.R17d2: "Pen. Code, § 17, subd. (d)(2)",
	eligibility.R1203_4: "Pen. Code, § 1203.4", eligibility.R1203_4a: "Pen. Code, § 1203.4a",
	eligibility.R1203_41: "Pen. Code, § 1203.41", eligibility.R1203_42: "Pen. Code, § 1203.42",
	eligibility.R1203_43: "Pen. Code, § 1203.43", eligibility.R1203_49: "Pen. Code, § 1203.49",
	eligibility.R1203425: "Pen. Code, § 1203.425",
}

func basis(count eligibility.Count, fd eligibility.Finding) Basis {
	title := remedyTitle[fd.Remedy]
	if title == "" {
		title = fd.Remedy
	}
	b := Basis{
		Count:   fmt.Sprintf("Count %d (%s, %s)", count.Index, md(count.Offense), count.Level),
		Remedy:  title,
		Outcome: strings.ReplaceAll(string(fd.Outcome), "_", " "),
		Reasons: reasons(fd.Reasons),
		Next:    md(fd.Next),
	}
	if !fd.EligibleOn.IsZero() {
		b.Date = fd.EligibleOn.Long()
	}
	return b
}

// groupBasis merges findings that say the same thing for several counts
// ("Counts 1, 2 and 3 (…)"), so the cover stays one page.
func groupBasis(bs []Basis) []Basis {
	type key struct{ remedy, outcome, date, reasons string }
	var out []Basis
	var counts [][]string
	at := map[key]int{}
	for _, b := range bs {
		var rs []string
		for _, r := range b.Reasons {
			rs = append(rs, r.Text+"|"+r.Cite)
		}
		k := key{b.Remedy, b.Outcome, b.Date, strings.Join(rs, "\n")}
		if i, ok := at[k]; ok {
			counts[i] = append(counts[i], b.Count)
			continue
		}
		at[k] = len(out)
		out = append(out, b)
		counts = append(counts, []string{b.Count})
	}
	for i := range out {
		if len(counts[i]) > 1 {
			out[i].Count = "Counts " + oxford(trimCount(counts[i]))
		}
	}
	return out
}

// countList joins "count 1", "count 2" as "counts 1 and 2".
func countList(counts []string) string {
	switch len(counts) {
	case 0:
		return ""
	case 1:
		return counts[0]
	}
	return "counts " + oxford(trimCount(counts))
}

// trimCount drops the word "Count" from labels joined into one.
func trimCount(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = strings.TrimPrefix(strings.TrimPrefix(l, "Count "), "count ")
	}
	return out
}

// noticeRule is where each dismissal section requires 15 days' notice of
// the petition to the prosecuting attorney. Section 1203.4 keeps the rule
// in subdivision (d)(1) since the 2023 fee repeal; the others carry the
// same sentence in their own text. Sections 1203.43 and 1203.49 have no
// such sentence that relief has checked, so the cover sends them to review.
var noticeRule = map[string]string{
	"1203.4":  "1203.4, subd. (d)(1)",
	"1203.4a": "1203.4a",
	"1203.41": "1203.41",
	"1203.42": "1203.42",
}

// noticeCites returns the citation of the 15-day notice rule for the
// sections asked, and the sections whose notice rule is left to review.
func noticeCites(sections []string) (string, []string) {
	var cites, open []string
	for _, s := range sections {
		if c, ok := noticeRule[s]; ok {
			cites = append(cites, c)
		} else {
			open = append(open, s)
		}
	}
	switch len(cites) {
	case 0:
		return "", open
	case 1:
		return "Pen. Code, § " + cites[0], open
	}
	sep := ", "
	if strings.Contains(strings.Join(cites, ""), "subd.") {
		sep = "; "
	}
	return "Pen. Code, §§ " + strings.Join(cites, sep), open
}
