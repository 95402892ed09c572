package assemble

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

var asOf = date.MustParse("2026-11-26")

func load(t *testing.T, example string) (*casefile.File, *eligibility.Report) {
	t.Helper()
	f, err := casefile.Load(filepath.Join("..", "..", "examples", example, "case.toml"), casefile.Options{AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	return f, &rep
}

func TestDismissalProbationCompleted(t *testing.T) {
	f, rep := load(t, "probation-completed")
	packets, skips, err := Build(f, rep, Options{Packets: []string{Dismissal}})
	if err != nil {
		t.Fatal(err)
	}
	if len(packets) != 1 || len(skips) != 0 {
		t.Fatalf("packets %d, skips %v", len(packets), skips)
	}
	p := packets[0]
	if p.FileName != "dismissal-oak-2015.pdf" {
		t.Errorf("file name %q", p.FileName)
	}
	d := p.Docs[0].Data.(*DismissalData)
	if !d.Items.Probation || !d.Items.ProbationFulfilled || d.Items.ProbationJustice || d.Items.NoProbation {
		t.Errorf("CR-180 items: %+v", d.Items)
	}
	if !d.Reduce17b || len(d.Table) != 2 || !d.Table[0].Reduce17b || d.Table[1].Reduce17b {
		t.Errorf("17(b) marks: %v, table %+v", d.Reduce17b, d.Table)
	}
	// 17(b) is discretionary, but dismissal is mandatory: no declaration.
	for _, doc := range p.Docs {
		if strings.Contains(doc.Template, "declaration") {
			t.Errorf("declaration drafted although every dismissal route is mandatory")
		}
	}
	if d.SectionCites != "Pen. Code, §§ 17(b), 1203.4" {
		t.Errorf("section cites %q", d.SectionCites)
	}
}

func TestDismissalSkips(t *testing.T) {
	for _, tc := range []struct{ example, want string }{
		{"still-on-probation", "not available yet: count 1 under 1203.4 from"},
		{"excluded-sex-offense", "no count of this case has a dismissal route open"},
		{"pending-charges", "need attorney review"},
	} {
		f, rep := load(t, tc.example)
		packets, skips, err := Build(f, rep, Options{})
		skips = only(skips, Dismissal)
		if err != nil || len(packets) != 0 || len(skips) != 1 || !strings.Contains(skips[0].Reason, tc.want) {
			t.Errorf("%s: packets %d, skips %v, err %v; want a skip saying %q", tc.example, len(packets), skips, err, tc.want)
		}
		if _, _, err := Build(f, rep, Options{Packets: []string{Dismissal}}); err == nil {
			t.Errorf("%s: --packet dismissal gave no error", tc.example)
		}
	}
}

func TestMissingFactsNameTheField(t *testing.T) {
	f, rep := load(t, "probation-completed")
	f.Petitioner.DOB = date.Date{}
	_, skips, err := Build(f, rep, Options{})
	skips = only(skips, Dismissal)
	if err != nil || len(skips) != 1 || !strings.Contains(skips[0].String(), "petitioner.dob (CR-180 caption)") {
		t.Fatalf("skips %v, err %v", skips, err)
	}
	_, _, err = Build(f, rep, Options{Packets: []string{Dismissal}})
	if err == nil || !strings.Contains(err.Error(), "petitioner.dob") {
		t.Fatalf("--packet dismissal error = %v", err)
	}
	f.Petitioner.DOB = asOf.AddYears(-40)
	// Unprintable text stops every packet, asked for or not: an input
	// error naming the field, never a run that silently writes nothing.
	f.Petitioner.Name = "王小明"
	packets, skips, err := Build(f, rep, Options{Glyphs: noCJK{}})
	var me *MissingError
	if !errors.As(err, &me) || len(packets) != 0 || len(skips) != 0 ||
		!strings.Contains(err.Error(), `petitioner.name (the embedded fonts cannot print '王', U+738B)`) {
		t.Fatalf("CJK name: packets %d, skips %v, err %v", len(packets), skips, err)
	}
}

func TestOverflowGoesToAttachment(t *testing.T) {
	rows := make([]CountRow, 7)
	for i := range rows {
		rows[i].Index = i + 1
	}
	table, attach := split(rows)
	if len(table) != formRows || !table[4].SeeAttach || len(attach) != 3 || attach[0].Index != 5 {
		t.Fatalf("table %+v attach %+v", table, attach)
	}
	if table, attach := split(rows[:5]); len(table) != 5 || attach != nil {
		t.Fatalf("five rows should fit: %d, %d", len(table), len(attach))
	}
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"O'Brien *Jr*":  `O'Brien \*Jr\*`,
		"1. Main St":    `1\. Main St`,
		"A & B [x] | y": `A \& B \[x\] \| y`,
	} {
		if got := md(in); got != want {
			t.Errorf("md(%q) = %q, want %q", in, got, want)
		}
	}
}

func only(skips []Skip, kind string) []Skip {
	var out []Skip
	for _, s := range skips {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

func TestSealingPacket(t *testing.T) {
	f, rep := load(t, "arrest-sealing")
	packets, skips, err := Build(f, rep, Options{Packets: []string{Sealing}})
	if err != nil {
		t.Fatal(err)
	}
	// The diverted arrest is also an § 851.91 arrest once the limitation
	// period has run, so it gets a CR-409 packet too.
	if len(packets) != 3 || packets[0].FileName != "sealing-no-charges-2020.pdf" || packets[1].FileName != "sealing-dv-2022.pdf" || packets[2].FileName != "sealing-diversion-2023.pdf" {
		t.Fatalf("packets %v", packets)
	}
	if div := packets[2].Docs[0].Data.(*SealingData); !div.Ground.Limitations || div.Ground.Dismissed {
		t.Errorf("diverted arrest, no charges filed: ground %+v", div.Ground)
	}
	right := packets[0].Docs[0].Data.(*SealingData)
	if !right.AsOfRight || right.InterestsOfJustice || !right.Ground.Limitations {
		t.Errorf("no-charges arrest: %+v %+v", right.Ground, right.AsOfRight)
	}
	dv := packets[1].Docs[0].Data.(*SealingData)
	if dv.AsOfRight || !dv.InterestsOfJustice || !dv.Ground.Dismissed {
		t.Errorf("dv arrest: ground %+v, of right %v", dv.Ground, dv.AsOfRight)
	}
	reasons := map[string]string{}
	for _, s := range skips {
		reasons[s.ID] = s.Reason
	}
	for id, want := range map[string]string{
		"theft-2025":  "not available until January 21, 2029",
		"murder-2018": "no statute of limitations",
	} {
		if !strings.Contains(reasons[id], want) {
			t.Errorf("skip for %s = %q, want it to say %q", id, reasons[id], want)
		}
	}
}

func TestCORRecipientsAndPardonRoute(t *testing.T) {
	f, rep := load(t, "cor-two-counties")
	packets, skips, err := Build(f, rep, Options{Packets: []string{COR}})
	if err != nil || len(packets) != 1 {
		t.Fatalf("packets %v skips %v err %v", packets, skips, err)
	}
	d := packets[0].Docs[0].Data.(*CORData)
	var names []string
	for _, r := range d.Recipients {
		names = append(names, r.Name)
	}
	want := []string{"Santa Cruz County District Attorney's Office", "District Attorney of Monterey County", "Governor of California"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("recipients %q, want %q", names, want)
	}
	if !d.TwoFelonies || d.Court.County != "Santa Cruz" {
		t.Errorf("two felonies %v, court %q", d.TwoFelonies, d.Court.County)
	}
	// The COR route is open, so a pardon packet is drafted only on request,
	// with a warning.
	_, skips, _ = Build(f, rep, Options{})
	if s := only(skips, Pardon); len(s) != 1 || !strings.Contains(s[0].Reason, "usual route") {
		t.Errorf("pardon skips %v", s)
	}
	packets, _, err = Build(f, rep, Options{Packets: []string{Pardon}})
	if err != nil || len(packets) != 1 || packets[0].Warning == "" {
		t.Fatalf("forced pardon: %v %v", packets, err)
	}
	pd := packets[0].Docs[0].Data.(*PardonData)
	if len(pd.Counties) != 2 || len(packets[0].Docs) != 3+2*2 {
		t.Errorf("one notice and proof per county of conviction: counties %d, docs %d", len(pd.Counties), len(packets[0].Docs))
	}
	n := packets[0].Docs[3].Data.(*PardonData).Notice
	if n == nil || n.County != "Monterey" || len(n.Convictions) != 1 || n.Convictions[0].CaseNumber != "SS100001A" {
		t.Errorf("first notice %+v", n)
	}
}

func TestPardonOutOfState(t *testing.T) {
	f, rep := load(t, "out-of-state-pardon")
	packets, _, err := Build(f, rep, Options{Packets: []string{Pardon}})
	if err != nil || len(packets) != 1 || packets[0].Warning != "" {
		t.Fatalf("packets %v err %v", packets, err)
	}
	d := packets[0].Docs[0].Data.(*PardonData)
	if !d.LivesOutside || d.CORFirst || len(d.Other) != 1 || len(d.Convictions) != 1 {
		t.Errorf("outside %v, COR first %v, other %d, California %d", d.LivesOutside, d.CORFirst, len(d.Other), len(d.Convictions))
	}
	if !strings.Contains(d.Route, "goes directly to the Governor") {
		t.Errorf("route %q", d.Route)
	}
}

// While the Certificate finding needs review, draft writes no pardon
// packet, as check says; asked for by name, the cover names the review and
// does not call the Certificate closed.
func TestPardonWaitsForCertificateReview(t *testing.T) {
	f, rep := load(t, "still-on-probation")
	f.Petitioner.Address, f.Petitioner.City = "1 Main Street", "San Jose"
	f.Statement.Reasons = "work"
	if got := personFinding(rep, eligibility.RCOR).Outcome; got != eligibility.Review {
		t.Fatalf("cor outcome %s, want review", got)
	}
	_, plan := eligibility.PersonPackets(f, rep)
	packets, skips, err := Build(f, rep, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packets {
		if p.Kind == Pardon {
			t.Fatal("pardon packet drafted while check says it is not")
		}
	}
	if s := only(skips, Pardon); len(s) != 1 || !strings.HasPrefix(s[0].Reason, plan.Reason) {
		t.Errorf("pardon skip %v does not give check's reason %q", s, plan.Reason)
	}
	packets, _, err = Build(f, rep, Options{Packets: []string{Pardon}})
	if err != nil || len(packets) != 1 {
		t.Fatalf("forced pardon: %v %v", packets, err)
	}
	d := packets[0].Docs[0].Data.(*PardonData)
	if strings.Contains(d.Route, "not open") || !strings.Contains(d.Route, "attorney review") {
		t.Errorf("route %q", d.Route)
	}
}

// Every cover of one person states the same Certificate and pardon plan.
func TestCoversAgree(t *testing.T) {
	f, rep := load(t, "out-of-state-pardon")
	packets, _, err := Build(f, rep, Options{})
	if err != nil || len(packets) != 2 {
		t.Fatalf("packets %v err %v", packets, err)
	}
	dis := packets[0].Docs[0].Data.(*DismissalData).Plans
	par := packets[1].Docs[0].Data.(*PardonData).Plans
	// The pardon cover leaves out its own line; the rest is the same.
	if len(dis) != 2 || len(par) != 1 || par[0] != dis[0] || !strings.Contains(dis[1], "drafted in pardon.pdf") {
		t.Errorf("dismissal cover plans %q, pardon cover plans %q", dis, par)
	}
	for _, r := range packets[0].Docs[0].Data.(*DismissalData).Review {
		if strings.Contains(r, "Certificate of Rehabilitation remains open") {
			t.Errorf("dismissal cover calls the Certificate open: %q", r)
		}
	}
}

// The § 4852.03 computation reads as one sentence per conviction: length,
// start, end and filing date; the petition's caption names the CII number
// and the California cases.
func TestCORPeriodSentences(t *testing.T) {
	f, rep := load(t, "cor-two-counties")
	packets, _, err := Build(f, rep, Options{Packets: []string{COR}})
	if err != nil || len(packets) != 1 {
		t.Fatalf("packets %v err %v", packets, err)
	}
	d := packets[0].Docs[0].Data.(*CORData)
	// Monterey: released from prison June 1, 2011; 5 + 2 years (no life
	// term, no registration) ends June 1, 2018.
	want := "Case SS100001A (Monterey County): the period of seven years (five years plus two, Pen. Code, § 4852.03, subd. (a)) began on June 1, 2011, when petitioner was released from custody, and ended on June 1, 2018, before this petition's filing date of November 26, 2026."
	if len(d.Period) == 0 || d.Period[0] != want {
		t.Errorf("period[0] = %q\nwant        %q", d.Period, want)
	}
	for _, p := range d.Period {
		if strings.Contains(p, "petition after that") || strings.Contains(p, "5 + ") {
			t.Errorf("engine arithmetic leaked into the petition: %q", p)
		}
	}
	cap := strings.Join(packets[0].Docs[1].Caption.Parties, "|")
	for _, w := range []string{"CII No. A09876543", "Monterey County case no. SS100001A", "Santa Cruz County case no. 13CR0456"} {
		if !strings.Contains(cap, w) {
			t.Errorf("caption %q lacks %q", cap, w)
		}
	}
	if len(d.Declaration) == 0 || d.Declaration[0].Heading != "Work." {
		t.Errorf("declaration %+v", d.Declaration)
	}
}

// noCJK stands in for the embedded fonts, which have no CJK ideographs.
type noCJK struct{}

func (noCJK) Missing(s string) (rune, bool) {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return r, true
		}
	}
	return 0, false
}
