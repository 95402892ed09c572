package draft

import (
	"bytes"
	"io/fs"
	"path/filepath"
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
