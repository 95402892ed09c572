package assemble

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// eligibilityRemedyIDs reads the remedy ids the eligibility package
// declares: every string constant named R… in its source. Reading the
// source means a remedy added there without letter wording fails
// TestRemedyWordsCoverEveryRemedy, with no list to keep in step.
func eligibilityRemedyIDs(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("../eligibility/*.go")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if vs.Type != nil {
					continue // typed constants such as the Outcome values
				}
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, "R") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					ids = append(ids, s)
				}
			}
		}
	}
	if len(ids) < 15 {
		t.Fatalf("found %d remedy ids in the eligibility package, want at least the 15 the README lists: %v", len(ids), ids)
	}
	return ids
}

// TestRemedyWordsCoverEveryRemedy: every remedy the rules can report has
// a plain name and sentence in both languages, and the ids added with the letter
// are there before the rules for them land.
func TestRemedyWordsCoverEveryRemedy(t *testing.T) {
	ids := eligibilityRemedyIDs(t)
	ids = append(ids, "prop47", "prop64", "1203.4b", "1203.45", "236.14", "851.93", "1473.7")
	for _, id := range ids {
		for _, lang := range []string{English, Spanish} {
			w, ok := remedyWords[id][lang]
			if !ok || w.Name == "" || w.What == "" {
				t.Errorf("remedy %q has no letter wording in %q (add it to remedyWords in letterwords.go)", id, lang)
			}
		}
	}
	for id, byLang := range remedyWords {
		if len(byLang) != 2 {
			t.Errorf("remedy %q has wording in %d languages, want en and es", id, len(byLang))
		}
	}
	for cite, byLang := range barWords {
		if byLang[English] == "" || byLang[Spanish] == "" {
			t.Errorf("bar %q lacks a line in one language", cite)
		}
	}
}

// TestLetterUnknownRemedy: a remedy id the table does not know yet gets
// the generic sentence in the letter's language, not an empty line.
func TestLetterUnknownRemedy(t *testing.T) {
	f := &casefile.File{Petitioner: casefile.Petitioner{Name: "Ana Ruiz"}, Cases: []casefile.Case{{ID: "c1", County: "Fresno"}}}
	rep := &eligibility.Report{AsOf: date.MustParse("2026-11-26"), Cases: []eligibility.Case{{ID: "c1", County: "Fresno",
		Counts: []eligibility.Count{{Index: 1, Offense: "PC 459", Remedies: []eligibility.Finding{
			{Remedy: "9999.9", Outcome: eligibility.Eligible},
			{Remedy: "9999.8", Outcome: eligibility.Ineligible, Reasons: []eligibility.Reason{{Text: "x", Cite: "Pen. Code, § 9999.8"}}},
		}}}}}}
	for lang, want := range map[string][2]string{
		English: {"Another kind of relief", "The law does not allow it in your situation."},
		Spanish: {"Otro tipo de alivio", "La ley no lo permite en su situación."},
	} {
		p, err := Letter(f, rep, lang, Options{})
		if err != nil {
			t.Fatal(err)
		}
		g := p.Docs[0].Data.(*LetterData).Groups[0]
		if len(g.Now) != 1 || g.Now[0].Name != want[0] || g.Now[0].What == "" {
			t.Errorf("%s: open item %+v, want the generic name %q", lang, g.Now, want[0])
		}
		if len(g.Not) != 1 || !strings.HasPrefix(g.Not[0].Reason, want[1]) {
			t.Errorf("%s: barred item %+v, want the generic reason %q", lang, g.Not, want[1])
		}
	}
	if _, err := Letter(f, rep, "fr", Options{}); err == nil {
		t.Error("a letter in French was built; want an error")
	}
}

func TestWrittenDate(t *testing.T) {
	for _, c := range []struct{ d, lang, want string }{
		{"2027-05-20", English, "May 20, 2027"},
		{"2027-05-20", Spanish, "20 de mayo de 2027"},
		{"2026-01-01", Spanish, "1 de enero de 2026"},
		{"2026-12-31", Spanish, "31 de diciembre de 2026"},
	} {
		if got := writtenDate(date.MustParse(c.d), c.lang); got != c.want {
			t.Errorf("writtenDate(%s, %s) = %q, want %q", c.d, c.lang, got, c.want)
		}
	}
	if got := joinList([]string{"1", "2", "3"}, Spanish); got != "1, 2 y 3" {
		t.Errorf("Spanish list %q", got)
	}
	if got := joinList([]string{"1", "2"}, English); got != "1 and 2" {
		t.Errorf("English list %q", got)
	}
}

// TestLetterAgreesWithFindings checks, over every example and in both
// languages, that the letter says what the findings say: each remedy it
// lists as open now is eligible or discretionary on those counts, each
// one it lists for later is not_yet with the same date, and nothing open
// or coming in the findings is left out. The letter's next date is the
// earliest not_yet date of the findings.
func TestLetterAgreesWithFindings(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/*/case.toml")
	if len(paths) < 12 {
		t.Fatalf("%d examples", len(paths))
	}
	for _, path := range paths {
		name := filepath.Base(filepath.Dir(path))
		f, rep := load(t, name)
		for _, lang := range []string{English, Spanish} {
			p, err := Letter(f, rep, lang, Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := p.Docs[0].Data.(*LetterData)
			got := letterClaims(d)
			want, next := findingClaims(rep)
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s/%s: the letter says\n  %s\nthe findings say\n  %s", name, lang, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if d.NextDate != writtenDate(next, lang) {
				t.Errorf("%s/%s: next date %q, findings' earliest not_yet %s", name, lang, d.NextDate, next)
			}
		}
	}
}

// letterClaims lists what the letter says is open or coming, one string
// per group, remedy, count and date.
func letterClaims(d *LetterData) []string {
	var out []string
	for gi, g := range d.Groups {
		for _, l := range []struct {
			what  string
			items []LetterItem
		}{{"now", g.Now}, {"later", g.Later}, {"auto", g.Auto}} {
			for _, it := range l.items {
				for _, c := range it.counts {
					on := ""
					if l.what == "later" {
						on = it.On.String()
					}
					out = append(out, strings.Join([]string{strconv.Itoa(gi), l.what, it.Remedy, c, on}, " "))
				}
			}
		}
	}
	return out
}

// findingClaims lists the same from the report, and the earliest not_yet
// date.
func findingClaims(rep *eligibility.Report) ([]string, date.Date) {
	var out []string
	var next date.Date
	add := func(gi int, fd eligibility.Finding, count string) {
		what, on := "", ""
		switch fd.Outcome {
		case eligibility.Eligible, eligibility.Discretionary:
			what = "now"
		case eligibility.NotYet:
			what, on = "later", fd.EligibleOn.String()
			if next.IsZero() || fd.EligibleOn.Before(next) {
				next = fd.EligibleOn
			}
		case eligibility.Automatic:
			what = "auto"
		default:
			return
		}
		out = append(out, strings.Join([]string{strconv.Itoa(gi), what, fd.Remedy, count, on}, " "))
	}
	gi := 0
	for _, c := range rep.Cases {
		for _, n := range c.Counts {
			for _, fd := range n.Remedies {
				add(gi, fd, strconv.Itoa(n.Index))
			}
		}
		gi++
	}
	for _, a := range rep.Arrests {
		for _, fd := range a.Remedies {
			add(gi, fd, "")
		}
		gi++
	}
	for _, fd := range rep.Person.Remedies {
		add(gi, fd, "")
	}
	return out, next
}

// TestLetterHeadAndSender: the config file's letterhead heads the letter
// when there is one, else the attorney's block; the client's words are
// escaped for Markdown; petitioner facts pass through.
func TestLetterHeadAndSender(t *testing.T) {
	f, rep := load(t, "waiting-dates")
	p, err := Letter(f, rep, Spanish, Options{Letterhead: []string{"Clínica Legal", "1 Calle A"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Docs[0].Caption.Filer; !slices.Equal(got, []string{"Clínica Legal", "1 Calle A"}) {
		t.Errorf("letterhead %q, want the config file's lines", got)
	}
	if p.FileName != "letter-es.pdf" || p.Lang != Spanish || p.Docs[0].Template != "letter/es/letter.md.tmpl" {
		t.Errorf("packet %q %q %q", p.FileName, p.Lang, p.Docs[0].Template)
	}
	d := p.Docs[0].Data.(*LetterData)
	if d.Sender.Name != "Lucía Herrera" || d.Sender.Phone != "(831) 555-0100" || !d.Sender.IsAttorney {
		t.Errorf("sender %+v", d.Sender)
	}
	if d.Today != "26 de noviembre de 2026" || d.NextDate != "1 de octubre de 2027" {
		t.Errorf("dates %q, %q", d.Today, d.NextDate)
	}
	p, _ = Letter(f, rep, English, Options{})
	if got := p.Docs[0].Caption.Filer; len(got) < 3 || got[0] != "Salinas Valley Legal Aid" || got[1] != "Lucía Herrera" {
		t.Errorf("letterhead without a config: %q, want the attorney's firm, name and address", got)
	}
	f.Petitioner.Name = "Ana *Star* Ruiz"
	f.Attorney = nil
	p, _ = Letter(f, rep, English, Options{})
	d = p.Docs[0].Data.(*LetterData)
	if d.Client.Name != `Ana \*Star\* Ruiz` || d.Sender.IsAttorney || len(p.Docs[0].Caption.Filer) != 0 {
		t.Errorf("client %q, sender %+v, letterhead %q", d.Client.Name, d.Sender, p.Docs[0].Caption.Filer)
	}
}

// TestSpanishTerms: the Spanish names use the terms of docs/glossary-es.md
// for the remedies clients ask about most.
func TestSpanishTerms(t *testing.T) {
	for id, term := range map[string]string{
		"1203.4": "Desestimación", "1203.4a": "Desestimación", "1203.41": "Desestimación",
		"17b": "Reducción", "17d2": "Reducción", "851.91": "Sellado",
		"cor": "Certificado de Rehabilitación", "pardon": "Indulto",
	} {
		if got := remedyWords[id][Spanish].Name; !strings.HasPrefix(got, term) {
			t.Errorf("remedy %s is %q in Spanish; the glossary says %q", id, got, term)
		}
	}
}
