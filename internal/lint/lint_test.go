package lint

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/lint/fielddoc"
	"github.com/reliefkit/relief/internal/tmpl"
	"github.com/reliefkit/relief/templates"
)

// builtin returns the source of a built-in template.
func builtin(t *testing.T, p string) string {
	t.Helper()
	b, err := fs.ReadFile(templates.FS, p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// userSet layers files (path → source) over the built-ins as "user".
func userSet(files map[string]string) *tmpl.Set {
	m := fstest.MapFS{}
	for p, src := range files {
		m[p] = &fstest.MapFile{Data: []byte(src)}
	}
	return tmpl.NewSet(tmpl.Layer{Name: "user", FS: m}, tmpl.Layer{Name: BuiltinLayer, FS: templates.FS})
}

func check(t *testing.T, set *tmpl.Set, opt Options) Result {
	t.Helper()
	res, err := Check(set, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func problems(res Result) []string {
	out := make([]string, len(res.Problems))
	for i, p := range res.Problems {
		out[i] = p.String()
	}
	return out
}

// TestBuiltinsClean: every built-in template lints clean, and the built-in
// cases exercise every one of them (no document is checked for syntax
// only).
func TestBuiltinsClean(t *testing.T) {
	res := check(t, draft.Builtin(), Options{Creator: "lint test"})
	if len(res.Problems) > 0 {
		t.Errorf("built-in templates have problems:\n%s", strings.Join(problems(res), "\n"))
	}
	if len(res.Notes) > 0 {
		t.Errorf("notes on the built-ins (add a fixture case that drafts them):\n%s", strings.Join(res.Notes, "\n"))
	}
	entries, err := draft.Builtin().List()
	if err != nil {
		t.Fatal(err)
	}
	if res.Templates != len(entries) {
		t.Errorf("checked %d templates, want all %d", res.Templates, len(entries))
	}
	fx, err := Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != len(fx) || len(fx) < 3 {
		t.Errorf("%d of %d fixture cases drafted; want all, at least 3", res.Cases, len(fx))
	}
}

// TestFixturesCoverPackets: the fixtures draft every packet kind, the
// attachment, the declaration and the client letters, so lint renders
// every document.
func TestFixturesCoverPackets(t *testing.T) {
	fx, err := Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, k := range fx {
		rep := eligibility.Check(k.File, eligibility.Options{AsOf: k.AsOf})
		for _, kind := range assemble.Kinds {
			packets, _, err := assemble.Build(k.File, &rep, assemble.Options{Packets: []string{kind}})
			if err != nil {
				continue
			}
			for _, p := range packets {
				for _, d := range p.Docs {
					docs[d.Template] = true
				}
			}
		}
		for _, lang := range letterLangs {
			if p, err := assemble.Letter(k.File, &rep, lang, assemble.Options{}); err == nil {
				docs[p.Docs[0].Template] = true
			}
		}
	}
	entries, err := draft.Builtin().List()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Path, ".md.tmpl") && !docs[e.Path] {
			t.Errorf("no fixture case drafts %s; add one to internal/lint/fixtures", e.Path)
		}
	}
	for _, want := range []string{"dismissal/attachment.md.tmpl", "dismissal/declaration.md.tmpl"} {
		if !docs[want] {
			t.Errorf("no fixture drafts %s", want)
		}
	}
}

// TestProblems: each kind of mistake is found, located in the file to fix
// (named by its path in the user's folder), and reported once however
// many cases show it.
func TestProblems(t *testing.T) {
	decl := builtin(t, "dismissal/declaration.md.tmpl")
	brokenFront := strings.Replace(decl, "frame = \"jcform\"", "{{.Nope}", 1)
	// Line 6 of the file: the body starts after five lines of front matter.
	unknownField := "+++\nframe = \"jcform\"\ntitle = \"Attached Declaration\"\nform = \"MC-031\"\n+++\nI, {{.Petitioner.Name}}, declare {{.Statement.Nope}}.\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"front matter on line 2", map[string]string{"dismissal/declaration.md.tmpl": brokenFront},
			[]string{`tpl/dismissal/declaration.md.tmpl:2: front matter: expected '.' or '=', but got '{' instead`}},
		{"unknown field, found by rendering", map[string]string{"dismissal/declaration.md.tmpl": unknownField},
			[]string{`tpl/dismissal/declaration.md.tmpl:6:46: unknown field "Nope" in .Statement (with built-in case "discretionary")`}},
		{"unknown function", map[string]string{"dismissal/order.md.tmpl": "+++\nframe = \"jcform\"\ntitle = \"Order\"\n+++\n{{shout .Petitioner.Name}}\n"},
			[]string{`tpl/dismissal/order.md.tmpl:5:3: function "shout" not defined`}},
		{"Markdown relief cannot lay out", map[string]string{"sealing/order.md.tmpl": "+++\nframe = \"jcform\"\ntitle = \"Order\"\n+++\nText.\n\n```weird\nx\n```\n"},
			[]string{"tpl/sealing/order.md.tmpl:7:1: unknown special block ```weird (known: signature, lines, space, pagebreak, keep) (with built-in case \"discretionary\")"}},
		{"Markdown relief cannot lay out, not found in the template", map[string]string{"sealing/order.md.tmpl": "+++\nframe = \"jcform\"\ntitle = \"Order\"\n+++\nText.\n\n{{\"```\"}}weird\nx\n```\n"},
			[]string{"tpl/sealing/order.md.tmpl: in the Markdown the template produced, line 4: unknown special block ```weird (known: signature, lines, space, pagebreak, keep) (with built-in case \"discretionary\")"}},
		{"a character the fonts lack", map[string]string{"pardon/letter.md.tmpl": "+++\nframe = \"letter\"\ntitle = \"Letter\"\n+++\nSnow ☃.\n"},
			[]string{`tpl/pardon/letter.md.tmpl:5:6: the embedded fonts cannot print '☃' (U+2603) in "Snow ☃." (with built-in case "discretionary")`}},
		{"a document relief never drafts", map[string]string{"dismissal/declaraton.md.tmpl": decl},
			[]string{`tpl/dismissal/declaraton.md.tmpl: relief never drafts this document: it has no built-in counterpart and no packet lists it; did you mean dismissal/declaration.md.tmpl?`}},
		{"a broken partial", map[string]string{"partials/sig.tmpl": "{{if}}\n"},
			[]string{`tpl/partials/sig.tmpl:1: missing value for if`}},
		{"a packet file that is not TOML", map[string]string{"packets/dismissal.toml": "# packet\ndocs = [\"a\" \"b\"]\n"},
			[]string{`tpl/packets/dismissal.toml:2: not valid TOML: `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := check(t, userSet(tt.files), Options{Layer: "user", Dirs: map[string]string{"user": "tpl"}})
			got := problems(res)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				want := filepath.FromSlash(tt.want[i][:strings.Index(tt.want[i], ".")]) + tt.want[i][strings.Index(tt.want[i], "."):]
				if got[i] != want && !(strings.HasSuffix(want, ": ") && strings.HasPrefix(got[i], want)) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], want)
				}
			}
			if res.Templates != len(tt.files) {
				t.Errorf("checked %d templates, want the %d in the folder", res.Templates, len(tt.files))
			}
		})
	}
}

// TestProblemsAcrossLayers: without a layer every template is checked, and
// a file is named by its path in its own layer's folder.
func TestProblemsAcrossLayers(t *testing.T) {
	set := tmpl.NewSet(
		tmpl.Layer{Name: "user", FS: fstest.MapFS{"dismissal/cover.md.tmpl": {Data: []byte("+++\nframe = \"cover\"\n+++\n{{.Nope}}\n")}}},
		tmpl.Layer{Name: "config", FS: fstest.MapFS{"dismissal/order.md.tmpl": {Data: []byte("+++\nframe = \"paper\"\n+++\n")}}},
		tmpl.Layer{Name: BuiltinLayer, FS: templates.FS},
	)
	res := check(t, set, Options{Dirs: map[string]string{"user": "mine", "config": "office"}})
	want := []string{
		filepath.Join("mine", "dismissal", "cover.md.tmpl") + `:4:3: unknown field "Nope" (with built-in case "discretionary")`,
		filepath.Join("office", "dismissal", "order.md.tmpl") + `:2: unknown frame "paper"; use one of ["pleading" "jcform" "letter" "cover"]`,
	}
	if got := problems(res); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	entries, _ := set.List()
	if res.Templates != len(entries) {
		t.Errorf("checked %d templates, want all %d", res.Templates, len(entries))
	}
}

func TestNoTemplates(t *testing.T) {
	res := check(t, userSet(map[string]string{"notes.txt": "x"}), Options{Layer: "user", Dirs: map[string]string{"user": "empty"}})
	got := problems(res)
	if len(got) != 1 || !strings.HasPrefix(got[0], "empty: no templates found") {
		t.Errorf("problems: %q", got)
	}
}

// TestCases: cases given are rendered against too; one that drafts nothing
// is a note, not a problem.
func TestCases(t *testing.T) {
	fx, err := Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	nothing := *fx[0].File
	nothing.Cases, nothing.Arrests, nothing.Residences = nil, nil, nil
	mine := fx[1]
	mine.Name = "clients/mine.toml"
	res := check(t, draft.Builtin(), Options{Cases: []Case{mine, {Name: "clients/empty.toml", File: &nothing, AsOf: fx[0].AsOf}}})
	if len(res.Problems) > 0 {
		t.Errorf("problems: %q", problems(res))
	}
	if res.Cases != len(fx)+1 {
		t.Errorf("Cases = %d, want %d", res.Cases, len(fx)+1)
	}
	if len(res.Notes) != 1 || !strings.HasPrefix(res.Notes[0], "clients/empty.toml: drafts nothing") {
		t.Errorf("notes: %q", res.Notes)
	}
	// A problem that shows with the user's case names it.
	res = check(t, userSet(map[string]string{"dismissal/declaration.md.tmpl": "+++\nframe = \"jcform\"\n+++\n{{.Nope}}\n"}),
		Options{Layer: "user", Cases: []Case{mine}})
	if got := problems(res); len(got) != 1 || !strings.HasSuffix(got[0], `(with clients/mine.toml)`) && !strings.HasSuffix(got[0], `(with built-in case "discretionary")`) {
		t.Errorf("problems: %q", got)
	}
}

// TestFieldDocsCurrent fails when fielddocs_gen.go no longer matches the
// comments in internal/assemble: run `go generate ./internal/lint`.
func TestFieldDocsCurrent(t *testing.T) {
	files, err := fielddoc.ReadDir("../assemble")
	if err != nil {
		t.Fatal(err)
	}
	want, err := fielddoc.Generate("lint", "fieldDocs", "internal/assemble", files)
	if err != nil {
		t.Fatal(err)
	}
	golden.Generated(t, "fielddocs_gen.go", want, "go generate ./internal/lint")
}

// TestExtraDocs: the descriptions written here are for real fields that
// internal/assemble leaves uncommented.
func TestExtraDocs(t *testing.T) {
	known := map[string]bool{}
	models, err := Models()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(reflect.Type)
	seen := map[reflect.Type]bool{}
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t == dateType {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			known[t.Name()+"."+t.Field(i).Name] = true
			walk(t.Field(i).Type)
		}
	}
	for _, m := range models {
		walk(m.typ)
	}
	for k := range extraDocs {
		if !known[k] {
			t.Errorf("extraDocs[%q] names no field of a template data model; remove it", k)
		}
		if _, ok := fieldDocs[k]; ok {
			t.Errorf("extraDocs[%q]: internal/assemble now has a comment for it; remove it here", k)
		}
	}
}

func TestModels(t *testing.T) {
	models, err := Models()
	if err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, m := range models {
		folders = append(folders, strings.TrimSuffix(m.Templates, "/*.md.tmpl"))
	}
	for _, k := range assemble.Kinds {
		if !slices.Contains(folders, k) {
			t.Errorf("no data model for %s/ documents (folders: %v); add a fixture case that drafts it", k, folders)
		}
	}
	d := models[0]
	if d.Name != "DismissalData" || d.Templates != "dismissal/*.md.tmpl" || !strings.Contains(d.Description, "dismissal packet") {
		t.Fatalf("first model: %+v", d)
	}
	byPath := map[string]Field{}
	for _, f := range d.Fields {
		if _, dup := byPath[f.Path]; dup {
			t.Errorf("%s listed twice", f.Path)
		}
		byPath[f.Path] = f
	}
	for _, want := range []Field{
		{".AsOf", "date", "the as-of date the eligibility was judged on; print it with longDate or isoDate"},
		{".Today", "string", "the as-of date, long form"},
		{".Petitioner", "Person", "the petitioner"},
		{".Petitioner.Name", "string", "as in the case file"},
		{".Petitioner.DOB", "date", "zero when unknown"},
		{".Filer.Lines", "list of string", "the attorney or party block, one line each"},
		{".Counts", "list of CountRow", "every count with a dismissal route"},
		{".Counts[].Offense", "string", `e.g. "PC 459"`},
		{".Counts[].Index", "number", "the count's number in the case, from 1"},
		{".Attachment[].Reduce17b", "bool", "reduction to a misdemeanor is requested"},
		{".Basis[].Reasons[].Cite", "string", "the statute or case it rests on"},
		{".Items.Probation", "bool", "item 2, Pen. Code, § 1203.4"},
	} {
		if got := byPath[want.Path]; got != want {
			t.Errorf("field %s:\n got %+v\nwant %+v", want.Path, got, want)
		}
	}
	for p := range byPath {
		if strings.Contains(p, "raw") {
			t.Errorf("unexported field listed: %s", p)
		}
	}
}

func TestNear(t *testing.T) {
	names := []string{"dismissal/declaration.md.tmpl", "dismissal/petition.md.tmpl", "sealing/petition.md.tmpl", "cor/petition.md.tmpl"}
	tests := []struct {
		in   string
		want []string
	}{
		{"dismisal/declaraton", []string{"dismissal/declaration.md.tmpl"}},
		{"declaraton.md.tmpl", []string{"dismissal/declaration.md.tmpl"}},
		{"petiton", []string{"cor/petition.md.tmpl", "dismissal/petition.md.tmpl", "sealing/petition.md.tmpl"}},
		{"sealing", []string{"sealing/petition.md.tmpl"}},
		{"zzzzzzzz", nil},
	}
	for _, tt := range tests {
		if got := Near(tt.in, names, 3); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Near(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Closest("dismissal/petiton.md.tmpl", names); got != "dismissal/petition.md.tmpl" {
		t.Errorf("Closest = %q", got)
	}
}

// TestLetterLinted: the client letter's templates are rendered against
// the built-in cases in both languages, so a mistake in an office's
// Spanish letter is reported with its line, and a letter in a language
// relief does not write is reported as never drafted.
func TestLetterLinted(t *testing.T) {
	es := strings.Replace(builtin(t, "letter/es/letter.md.tmpl"), "Estimado/a {{.Client.Name}}:", "Estimado/a {{.Client.Nmae}}:", 1)
	if !strings.Contains(es, "Nmae") {
		t.Fatal("the Spanish greeting moved; update the test")
	}
	res := check(t, userSet(map[string]string{
		"letter/es/letter.md.tmpl": es,
		"letter/fr/letter.md.tmpl": builtin(t, "letter/en/letter.md.tmpl"),
	}), Options{Layer: "user", Dirs: map[string]string{"user": "tpl"}})
	got := strings.Join(problems(res), "\n")
	if !strings.Contains(got, `tpl/letter/es/letter.md.tmpl:`) || !strings.Contains(got, `unknown field "Nmae" in .Client`) {
		t.Errorf("the broken Spanish letter is not reported:\n%s", got)
	}
	if !strings.Contains(got, "tpl/letter/fr/letter.md.tmpl: relief never drafts this document") {
		t.Errorf("a French letter is not reported as never drafted:\n%s", got)
	}
}
