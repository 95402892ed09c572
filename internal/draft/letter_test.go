package draft

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	"github.com/reliefkit/relief/templates"
)

var letterLangs = []string{assemble.English, assemble.Spanish}

// TestExamplesLetter drafts the client letter of every example in both
// languages and compares what each page says with letter-<lang>.txt
// beside the case. A letter is one to three pages.
func TestExamplesLetter(t *testing.T) {
	for _, path := range examples(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f, _, _ := runExample(t, path, Options{LayoutOnly: true})
			rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
			for _, lang := range letterLangs {
				o, err := Letter(f, &rep, lang, Options{Creator: "relief test", LayoutOnly: true})
				if err != nil {
					t.Fatal(err)
				}
				if o.Pages < 1 || o.Pages > 3 {
					t.Errorf("%s letter has %d pages, want 1 to 3", lang, o.Pages)
				}
				text := layout.PlainText(o.PagesData)
				golden.Check(t, filepath.Join(dir, "letter-"+lang+".txt"), []byte(text))
			}
		})
	}
}

// TestLetterReadsBack opens the Spanish letter with a PDF reader: the
// client's name, the dates in Spanish, the Spanish page numbers and the
// draft mark are on the pages, and the bytes are the same twice.
func TestLetterReadsBack(t *testing.T) {
	f, _, _ := runExample(t, "../../examples/still-on-probation/case.toml", Options{LayoutOnly: true})
	rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
	a, err := Letter(f, &rep, assemble.Spanish, Options{Creator: "relief test"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Letter(f, &rep, assemble.Spanish, Options{Creator: "relief test"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Error("the same letter drafted twice gave different bytes")
	}
	doc, err := pdftext.Read(a.PDF)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(doc.Pages, "\n")
	for _, want := range []string{f.Petitioner.Name, "20 de mayo de 2027", "Página 1 de", LetterMarkES, "Desestimación"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish letter lacks %q", want)
		}
	}
	if a.Packet.FileName != "letter-es.pdf" {
		t.Errorf("file name %q", a.Packet.FileName)
	}
	final, err := Letter(f, &rep, assemble.English, Options{Assemble: assemble.Options{Final: true}, LayoutOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := layout.PlainText(final.PagesData); strings.Contains(s, "DRAFT") {
		t.Error("--final letter still carries the draft mark")
	}
}

// TestLetterTemplatesMatch: every built-in English letter template has a
// Spanish counterpart at the same path under letter/es/, and the two use
// the same fields, so a fact shown in one language is shown in the other.
func TestLetterTemplatesMatch(t *testing.T) {
	en, err := fs.Glob(templates.FS, "letter/en/*.tmpl")
	if err != nil || len(en) == 0 {
		t.Fatalf("no English letter templates: %v", err)
	}
	es, _ := fs.Glob(templates.FS, "letter/es/*.tmpl")
	if len(es) != len(en) {
		t.Errorf("%d English and %d Spanish letter templates", len(en), len(es))
	}
	for _, p := range en {
		q := "letter/es/" + strings.TrimPrefix(p, "letter/en/")
		fe, fs := templateFields(t, p), templateFields(t, q)
		if !slices.Equal(fe, fs) {
			t.Errorf("%s uses %v\n%s uses %v", p, fe, q, fs)
		}
		if len(fe) < 10 {
			t.Errorf("%s: only %d fields found; the parser walk is broken", p, len(fe))
		}
	}
}

// templateFields lists, sorted and once each, the fields a template reads
// (".Client.Name", ".Has.Judge"): every field chain in its parse tree.
func templateFields(t *testing.T, p string) []string {
	t.Helper()
	src, err := fs.ReadFile(templates.FS, p)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	body := string(src)
	if parts := strings.SplitN(body, "+++", 3); len(parts) == 3 {
		body = parts[2]
	}
	tr := parse.New(p)
	tr.Mode = parse.SkipFuncCheck
	if _, err := tr.Parse(body, "{{", "}}", map[string]*parse.Tree{}); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	seen := map[string]bool{}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.FieldNode:
			seen["."+strings.Join(n.Ident, ".")] = true
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(tr.Root)
	var out []string
	for f := range seen {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// TestLetterReadingLevel holds the English letter of every example to
// about an eighth-grade reading level: its Flesch-Kincaid grade (0.39 ×
// words per sentence + 11.8 × syllables per word − 15.59, syllables
// counted by vowel groups) must not pass 8.5. Offense codes ("PC 459")
// count as one short word; headings and the page frame are left out.
func TestLetterReadingLevel(t *testing.T) {
	for _, path := range examples(t) {
		f, _, _ := runExample(t, path, Options{LayoutOnly: true})
		rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
		o, err := Letter(f, &rep, assemble.English, Options{LayoutOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		g := fkGrade(letterProse(layout.PlainText(o.PagesData)))
		t.Logf("%s: grade %.1f", filepath.Base(filepath.Dir(path)), g)
		if g > 8.5 {
			t.Errorf("%s: the English letter reads at grade %.1f; keep it at 8.5 or below (shorter sentences, shorter words)", path, g)
		}
	}
	if g := fkGrade("The court may, in its discretion and in the interests of justice, order the dismissal of the accusatory pleading notwithstanding the defendant's unsatisfactory performance."); g < 12 {
		t.Errorf("a sentence from a statute reads at grade %.1f; the measure is broken", g)
	}
}

var reCode = regexp.MustCompile(`\b(PC|VC|HS|BP) [0-9][0-9A-Za-z().,/]*`)

// letterProse keeps the sentences of a letter's page text: lines of the
// page frame (draft mark, footer, page breaks) are dropped.
func letterProse(text string) string {
	var keep []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "=== page") || strings.Contains(l, "DRAFT") || strings.Contains(l, "Page ") {
			continue
		}
		keep = append(keep, l)
	}
	return reCode.ReplaceAllString(strings.Join(keep, " "), "code")
}

func fkGrade(text string) float64 {
	var sentences, words, syllables int
	for _, s := range regexp.MustCompile(`[.!?](\s|$)`).Split(text, -1) {
		n := 0
		for _, w := range strings.Fields(s) {
			if k := syllableCount(w); k > 0 {
				n++
				syllables += k
			}
		}
		if n > 2 {
			sentences++
		}
		words += n
	}
	if sentences == 0 || words == 0 {
		return 0
	}
	return 0.39*float64(words)/float64(sentences) + 11.8*float64(syllables)/float64(words) - 15.59
}

// syllableCount estimates the syllables of an English word by its vowel
// groups, less a silent final e; 0 for a token with no letters.
func syllableCount(w string) int {
	w = strings.ToLower(strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, w))
	if w == "" {
		return 0
	}
	if len(w) <= 3 {
		return 1
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") {
		w = w[:len(w)-1]
	}
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prev {
			n++
		}
		prev = v
	}
	return max(n, 1)
}
