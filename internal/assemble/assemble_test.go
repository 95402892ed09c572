package assemble

import (
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
	packets, skips, err := Build(f, rep, Options{})
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
	if err != nil || len(skips) != 1 || !strings.Contains(skips[0].String(), "petitioner.dob (CR-180 caption)") {
		t.Fatalf("skips %v, err %v", skips, err)
	}
	_, _, err = Build(f, rep, Options{Packets: []string{Dismissal}})
	if err == nil || !strings.Contains(err.Error(), "petitioner.dob") {
		t.Fatalf("--packet dismissal error = %v", err)
	}
	f.Petitioner.DOB = asOf.AddYears(-40)
	f.Petitioner.Name = "王小明"
	_, skips, _ = Build(f, rep, Options{})
	if len(skips) != 1 || !strings.Contains(skips[0].String(), `petitioner.name (the embedded fonts cannot print '王', U+738B)`) {
		t.Fatalf("CJK name: skips %v", skips)
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
