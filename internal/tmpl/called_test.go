package tmpl

import (
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/templates"
)

// TestCalledFuncs checks that calledFuncs finds a function wherever a
// template can name one.
func TestCalledFuncs(t *testing.T) {
	body := `{{f1}}{{f2 .X | f3 "a"}}{{$v := f4 (f5 f6)}}{{f7.Field}}{{(f8 1).Field}}` +
		`{{if f9}}{{f10}}{{else if f11}}{{f12}}{{else}}{{f13}}{{end}}` +
		`{{range $i, $x := f14}}{{f15}}{{break}}{{else}}{{f16}}{{end}}` +
		`{{with f17}}{{f18}}{{else with f19}}{{f20}}{{else}}{{f21}}{{end}}` +
		`{{define "d"}}{{f22}}{{end}}{{template "d" f23}}{{block "b" f24}}{{f25}}{{end}}` +
		`{{/* f99 */}}{{.f98}}{{$.X.f97}}{{"f96"}}{{and 1 (len "x") (eq 1 1)}}`
	funcs := map[string]any{}
	for i := 1; i <= 25; i++ {
		funcs["f"+strconv.Itoa(i)] = func(...any) any { return nil }
	}
	builtin := map[string]any{"and": 0, "len": 0, "eq": 0}
	trees, err := parse.Parse("t", body, "", "", funcs, builtin)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, tree := range trees {
		calledFuncs(tree, got)
	}
	want := slices.Sorted(maps.Keys(funcs))
	want = slices.Sorted(slices.Values(append(want, slices.Collect(maps.Keys(builtin))...)))
	if names := slices.Sorted(maps.Keys(got)); !slices.Equal(names, want) {
		t.Errorf("calledFuncs:\n got %q\nwant %q", names, want)
	}
}

// sameWithCalledFuncs runs the template at path with data twice, once with
// only the functions it calls (as Render does) and once with all of them,
// and reports any difference in output or error.
func sameWithCalledFuncs(t *testing.T, s *Set, path string, data func() any) {
	t.Helper()
	p, err := s.load(path)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(called bool) (string, string) {
		r := new(run)
		r.start(defaultMaxOutput, time.Now().Add(time.Minute))
		funcs := r.funcs()
		if called {
			funcs = r.funcsFor(p.called)
		}
		tm := template.New(path).Option("missingkey=error").Funcs(funcs)
		for _, nt := range p.trees {
			if _, err := tm.AddParseTree(nt.name, nt.tree); err != nil {
				t.Fatal(err)
			}
		}
		out := &output{r: r}
		if err := tm.Execute(out, data()); err != nil {
			return out.buf.String(), p.translate(err).Error()
		}
		return out.buf.String(), ""
	}
	out1, err1 := exec(true)
	out2, err2 := exec(false)
	if out1 != out2 || err1 != err2 {
		t.Errorf("%s with the functions it calls:\n%q %s\nwith all of them:\n%q %s", path, out1, err1, out2, err2)
	}
}

// TestCalledFuncsSuffice checks that templates that call functions in
// every way run the same with only the functions they call.
func TestCalledFuncsSuffice(t *testing.T) {
	files := map[string]string{
		"partials/p.tmpl": `{{define "p"}}{{upper .}}{{end}}[{{lower "P"}}]`,
		"a.md.tmpl": head + `{{template "p" "x"}}{{template "partials/p.tmpl"}}{{print 1 | printf "%s-%d" "n"}}` +
			`{{if eq (len .Items) 3}}{{html "<>"}}{{else if not true}}{{js "x"}}{{end}}` +
			`{{range $i, $x := .Items}}{{ordinal (add1 $i)}}{{cite $x}}{{else}}{{urlquery "?"}}{{end}}` +
			`{{with .Extra}}{{index . "court" | quote}}{{end}}{{slice "abcdef" 1 3}}{{join "," (list 1 2)}}` +
			`{{repeat 2 "ab"}}{{(dict "k" "v").k}}{{call .F 2}}{{and 1 0}}{{or 0 2}}`,
	}
	for i, body := range []string{
		"Hello {{.Name}}",
		"{{longDate .Date}} {{md .Name}} {{cites .Items}} {{oxford .Items}} {{check .Yes}}",
		"{{$s := \"x\"}}{{range until 3}}{{$s = print $s $s}}{{end}}{{$s}}",
		"{{$d := dict}}{{$_ := set $d \"a\" 1}}{{toJson $d}}",
		"{{printf \"%5d\" 1}}{{printf \"%[1]v%[1]v\" .Extra}}",
		"{{if empty .Name}}x{{else if contains \"A\" .Name}}{{trim \" y \"}}{{end}}{{with first .Items}}{{.}}{{end}}",
		"{{cite \"ZZ 12\"}}", "{{.Nmae}}", "{{range add 20000 1}}{{end}}",
	} {
		files["f"+strconv.Itoa(i)+".md.tmpl"] = head + body
	}
	data := func() any {
		d := fuzzData()
		d["F"] = func(n int) int { return n * 2 }
		return d
	}
	s := NewSet(Layer{Name: "user", FS: mapFS(files)})
	for _, path := range slices.Sorted(maps.Keys(files)) {
		if isDocument(path) {
			sameWithCalledFuncs(t, s, path, data)
		}
	}
}

// TestBuiltinsWithCalledFuncs runs every built-in document of every
// example's packets with only the functions it calls.
func TestBuiltinsWithCalledFuncs(t *testing.T) {
	cases, err := filepath.Glob("../../examples/*/case.toml")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	s := NewSet(Layer{Name: "built-in", FS: templates.FS})
	seen := map[string]bool{}
	for _, path := range cases {
		f, err := casefile.Load(path, casefile.Options{})
		if err != nil {
			continue // examples of errors
		}
		rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
		packets, _, err := assemble.Build(f, &rep, assemble.Options{})
		if err != nil {
			continue
		}
		for _, pk := range packets {
			for _, d := range pk.Docs {
				seen[d.Template] = true
				sameWithCalledFuncs(t, s, d.Template, func() any { return d.Data })
			}
		}
	}
	if len(seen) < 10 {
		t.Errorf("only %d built-in templates run: %q", len(seen), slices.Sorted(maps.Keys(seen)))
	}
}

// FuzzCalledFuncs checks that Render finds every function a template that
// parses calls: text/template checked the names when parsing, so a
// function "not defined" when running can only be one calledFuncs missed.
func FuzzCalledFuncs(f *testing.F) {
	for _, s := range []string{
		`{{.Name | upper}}{{$v := lower (trim " x ")}}{{(dict "a" 1).a}}{{(list 1).X}}`,
		`{{if empty .Name}}{{else if contains "A" .Name}}{{upper "y"}}{{else}}{{lower "z"}}{{end}}`,
		`{{range $i, $x := until 3}}{{add1 $i}}{{break}}{{else}}{{sub 1 1}}{{end}}`,
		`{{with first .Items}}{{.}}{{else with last .Items}}{{.}}{{else}}{{title "x"}}{{end}}`,
		`{{define "d"}}{{quote .}}{{end}}{{template "d" (squote "x")}}{{block "b" (upper "q")}}{{lower .}}{{end}}`,
		`{{template "partials/p.tmpl" .}}{{print (printf "%d" (len .Items)) (html "<")}}`,
	} {
		f.Add(s)
	}
	opt := Options{MaxOutput: 64 << 10, Timeout: 200 * time.Millisecond}
	f.Fuzz(func(t *testing.T, body string) {
		s := NewSet(Layer{Name: "user", FS: mapFS(map[string]string{
			"doc.md.tmpl":     head + body,
			"partials/p.tmpl": `{{define "p"}}{{upper .}}{{end}}[{{.Name | lower}}]`,
		})})
		if s.Parse("doc.md.tmpl") != nil {
			return
		}
		_, err := s.Render("doc.md.tmpl", fuzzData(), opt)
		if err != nil && strings.Contains(err.Error(), "is not a defined function") {
			t.Fatalf("%s: %v", body, err)
		}
	})
}
