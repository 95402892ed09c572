package tmpl

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const head = "+++\nframe = \"letter\"\n+++\n" // three lines: bodies start on line 4

// renderBody renders body as the document doc.md.tmpl, next to partials.
func renderBody(body string, data any, opt Options, partials ...string) (string, error) {
	files := map[string]string{"doc.md.tmpl": head + body}
	for i := 0; i+1 < len(partials); i += 2 {
		files[partials[i]] = partials[i+1]
	}
	doc, err := NewSet(Layer{Name: "built-in", FS: mapFS(files)}).Render("doc.md.tmpl", data, opt)
	return string(doc.Body), err
}

type person struct{ Name string }

type caseData struct {
	Petitioner *person
	Counts     []string
	Extra      map[string]string
}

func sample() caseData {
	return caseData{Petitioner: &person{"Ada Lovelace"}, Counts: []string{"PC 484", "VC 23152"}, Extra: map[string]string{}}
}

// wantError checks that err is an *Error printing as want.
func wantError(t *testing.T, err error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %#v; want an *Error %q", err, want)
	}
	if err.Error() != want {
		t.Errorf("err:\n got %s\nwant %s", err, want)
	}
}

func TestRender(t *testing.T) {
	got, err := renderBody("Petitioner {{.Petitioner.Name}}\n{{range $i, $c := .Counts}}{{ordinal (add1 $i)}}: {{cite $c}}\n{{end}}", sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Petitioner Ada Lovelace\n1st: Pen. Code, § 484\n2nd: Veh. Code, § 23152\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, c := range []struct {
		e    Error
		want string
	}{
		{Error{Path: "a.md.tmpl", Line: 3, Col: 7, Msg: "m"}, "a.md.tmpl:3:7: m"},
		{Error{Path: "a.md.tmpl", Line: 3, Msg: "m"}, "a.md.tmpl:3: m"},
		{Error{Path: "a.md.tmpl", Col: 7, Msg: "m"}, "a.md.tmpl: m"},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.e, got, c.want)
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		// Parse errors: text/template gives only a line; the column is found
		// where the name can be.
		{"undefined function", "ok\n  {{foo .Petitioner}}", `doc.md.tmpl:5:5: function "foo" not defined`},
		{"unclosed action", "ok\n{{.Petitioner", `doc.md.tmpl:5: unclosed action`},
		{"missing end", "{{if .Counts}}\nx\n", `doc.md.tmpl:6: the template ends too early; is an {{end}} missing?`},
		{"unknown template", "\n{{template \"partials/nope.tmpl\" .}}", `doc.md.tmpl:5:12: no template named "partials/nope.tmpl"`},
		// Execution errors have a line and column.
		{"unknown field", "Name:\n  {{ .Petitioner.Nmae }}", `doc.md.tmpl:5:17: unknown field "Nmae" in .Petitioner`},
		{"unknown top field", "{{.Petitoner.Name}}", `doc.md.tmpl:4:3: unknown field "Petitoner"`},
		{"unknown field in variable", "{{with $p := .Petitioner}}{{$p.Nmae}}{{end}}", `doc.md.tmpl:4:31: unknown field "Nmae" in $p`},
		{"missing key", "{{.Extra.court}}", `doc.md.tmpl:4:9: map .Extra has no entry for key "court"`},
		{"function error", "{{cite \"ZZ 12\"}}", `doc.md.tmpl:4:3: cite: unknown code "ZZ" in "ZZ 12"; write it like "PC 1203.4" or "VC 23152"`},
		{"wrong arguments", "{{plural 2 \"count\"}}", `doc.md.tmpl:4:3: plural needs 3 arguments but was given 2`},
		{"fail", "{{if not .Counts}}{{end}}{{fail \"add at least one count\"}}", `doc.md.tmpl:4:28: add at least one count`},
		{"template recursion", "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}", `doc.md.tmpl:4:26: templates call one another more than 100 deep; does a template call itself without end?`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := renderBody(c.body, sample(), Options{})
			wantError(t, err, c.want)
		})
	}
}

func TestNilPointer(t *testing.T) {
	_, err := renderBody("{{.Petitioner.Name}}", caseData{}, Options{})
	wantError(t, err, `doc.md.tmpl:4:14: cannot read .Petitioner.Name: .Petitioner is empty (nil)`)
}

func TestMissingKey(t *testing.T) {
	_, err := renderBody("{{.name}} and {{.nmae}}", map[string]any{"name": "Ada"}, Options{})
	wantError(t, err, `doc.md.tmpl:4:17: map has no entry for key "nmae"`)
}

func TestPartials(t *testing.T) {
	caption := "{{define \"court\"}}SUPERIOR COURT{{end}}" +
		"{{template \"court\"}}\n{{.Petitioner.Name}}, Petitioner"
	got, err := renderBody("{{template \"partials/caption.tmpl\" .}}\nbody", sample(), Options{},
		"partials/caption.tmpl", caption,
		"dismissal/partials/sig.tmpl", "unused, but must parse")
	if err != nil {
		t.Fatal(err)
	}
	if want := "SUPERIOR COURT\nAda Lovelace, Petitioner\nbody"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	// An error inside a partial names the partial, at its own lines.
	_, err = renderBody("{{template \"partials/caption.tmpl\" .}}", sample(), Options{},
		"partials/caption.tmpl", "line 1\n{{.Petitioner.Nmae}}")
	wantError(t, err, `partials/caption.tmpl:2:14: unknown field "Nmae" in .Petitioner`)

	// So does a parse error in any partial, used or not.
	_, err = renderBody("x", sample(), Options{}, "partials/broken.tmpl", "\n\n{{end}}")
	wantError(t, err, `partials/broken.tmpl:3: unexpected {{end}}`)
}

func TestParse(t *testing.T) {
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{
		"ok.md.tmpl":             head + "{{template \"partials/p.tmpl\" .}}",
		"bad.md.tmpl":            head + "\n{{range 100000}}{{end}}",
		"partials/p.tmpl":        "{{.X}}",
		"partials/bad.tmpl":      "{{foo}}",
		"packets/dismissal.toml": "",
	})})
	// A broken partial breaks every template, as it would break every
	// rendering; the error names the partial.
	wantError(t, s.Parse("ok.md.tmpl"), `partials/bad.tmpl:1:3: function "foo" not defined`)
	wantError(t, s.Parse("partials/p.tmpl"), `partials/bad.tmpl:1:3: function "foo" not defined`)
	wantError(t, s.Parse("bad.md.tmpl"), `partials/bad.tmpl:1:3: function "foo" not defined`)
	wantError(t, s.Parse("partials/bad.tmpl"), `partials/bad.tmpl:1:3: function "foo" not defined`)
	wantError(t, s.Parse("packets/dismissal.toml"), `packets/dismissal.toml: not a template; templates are named *.md.tmpl (documents) or *.tmpl (partials)`)
	_, err := s.Render("partials/p.tmpl", nil, Options{})
	wantError(t, err, `partials/p.tmpl: not a document template; documents are named *.md.tmpl`)
}

func TestOutputLimit(t *testing.T) {
	_, err := renderBody("{{range until 10000}}{{range until 200}}xxxxxxxxxx{{end}}{{end}}", nil, Options{})
	wantError(t, err, `doc.md.tmpl: output exceeds 1 MiB; check for runaway loops`)

	got, err := renderBody("{{range until 10}}x{{end}}", nil, Options{MaxOutput: 10})
	if err != nil || got != "xxxxxxxxxx" {
		t.Errorf("exactly at the limit: %q, %v", got, err)
	}
	_, err = renderBody("{{range until 11}}x{{end}}", nil, Options{MaxOutput: 10})
	wantError(t, err, `doc.md.tmpl: output exceeds 10 bytes; check for runaway loops`)
}

func TestCountLimitsFailFast(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"until", "\n{{range until 100000000}}{{end}}", `doc.md.tmpl:5:9: until: that would make 100000000 numbers; the limit is 10,000`},
		{"range literal", "\n  {{range 100000000}}{{end}}", `doc.md.tmpl:5:11: range over 100000000 is more than the limit of 10,000`},
		{"range literal with variable", "{{range $i := (100000000)}}{{end}}", `doc.md.tmpl:4:16: range over 100000000 is more than the limit of 10,000`},
		{"range computed", "{{$n := mul 10000 10000}}{{range $n}}{{end}}", `doc.md.tmpl:4:34: range over 100000000 is more than the limit of 10,000`},
		{"nested loops", "{{range 10000}}{{range until 10000}}{{end}}{{end}}", `doc.md.tmpl:4:24: the loops have run more than 1,000,000 times in all; check for runaway loops`},
		{"repeat", "{{repeat 100000000 \"x\"}}", `doc.md.tmpl:4:3: repeat: the count 100000000 is more than the limit of 10,000`},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := renderBody(c.body, nil, Options{})
			wantError(t, err, c.want)
			// Refused before allocating or looping (nested loops do run
			// up to the limit on iterations).
			if d := time.Since(start); d > 500*time.Millisecond && c.name != "nested loops" {
				t.Errorf("took %v", d)
			}
		})
	}
	// The literal is refused before anything runs, so Parse sees it too.
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{"doc.md.tmpl": head + "{{range 10001}}{{end}}"})})
	wantError(t, s.Parse("doc.md.tmpl"), `doc.md.tmpl:4:9: range over 10001 is more than the limit of 10,000`)
	if _, err := renderBody("{{range 10000}}{{end}}", nil, Options{}); err != nil {
		t.Errorf("range 10000: %v", err)
	}
}

func TestValueLimits(t *testing.T) {
	for _, c := range []struct{ name, body, want string }{
		{"doubling", "{{$s := \"x\"}}{{range until 64}}{{$s = print $s $s}}{{end}}", `doc.md.tmpl:4:39: print: the result would be larger than 1 MiB; check for runaway loops`},
		{"doubling list", "{{$l := list 1}}{{range until 64}}{{$l = concat $l $l}}{{end}}", `doc.md.tmpl:4:42: concat: the result is larger than 1 MiB; check for runaway loops`},
		{"dict containing itself", "{{$d := dict}}{{$_ := set $d \"me\" $d}}{{$d}}", `doc.md.tmpl:4:23: set: the result has lists or dicts nested more than 100 deep, or one that contains itself`},
		{"replace", "{{$s := repeat 2000 \"x\"}}{{replace \"\" $s $s}}", `doc.md.tmpl:4:28: replace: the result would be larger than 1 MiB; check for runaway loops`},
		{"printf", "{{printf \"%99999d\" 1}}", `doc.md.tmpl:4:3: printf: width 99999 is more than the limit of 10,000`},
		{"printf repeat", "{{$f := repeat 10000 \"%[1]s\"}}{{printf $f (repeat 1000 \"x\")}}", `doc.md.tmpl:4:33: printf: the result would be larger than 1 MiB; check for runaway loops`},
		{"indent", "{{indent 10000 (repeat 1000 \"\\n\")}}", `doc.md.tmpl:4:3: indent: the result would be larger than 1 MiB; check for runaway loops`},
		{"join", "{{join (repeat 1000 \"-\") (until 10000)}}", `doc.md.tmpl:4:3: join: the result would be larger than 1 MiB; check for runaway loops`},
		{"total", "{{range until 10000}}{{$s := repeat 1000 \"xxxxxxxxxx\"}}{{end}}", `doc.md.tmpl:4:30: repeat: the template has computed more than 64 MiB of values; check for runaway loops`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := renderBody(c.body, nil, Options{})
			wantError(t, err, c.want)
		})
	}
}

func TestTimeLimit(t *testing.T) {
	// Allowed by every count limit, but slow: half a million hashes.
	body := "{{range until 1000}}{{range until 500}}{{$h := sha256sum \"x\"}}{{end}}{{end}}"
	start := time.Now()
	_, err := renderBody(body, nil, Options{Timeout: 20 * time.Millisecond})
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("took %v", d)
	}
	var e *Error
	if !errors.As(err, &e) || e.Path != "doc.md.tmpl" || e.Msg != "rendering took longer than 20ms; check for runaway loops" {
		t.Errorf("err = %v", err)
	}
	// A loop that only writes stops at its next write.
	_, err = renderBody("{{range 10000}}{{range 99}}{{.}}{{end}}{{end}}", nil, Options{Timeout: time.Nanosecond})
	if err == nil || !strings.HasSuffix(err.Error(), "rendering took longer than 1ns; check for runaway loops") {
		t.Errorf("err = %v", err)
	}
}
