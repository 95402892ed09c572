package tmpl

import (
	"errors"
	"testing"
	"time"

	"github.com/reliefkit/relief/internal/date"
)

// fuzzData is fresh for every run: templates can change maps (sprig's set).
func fuzzData() map[string]any {
	return map[string]any{
		"Name":       "Ada *Lovelace*",
		"N":          3,
		"Yes":        true,
		"Date":       date.MustParse("2026-11-26"),
		"Items":      []string{"PC 484", "VC 23152", "1203.4"},
		"Petitioner": &person{Name: "Ada"},
		"Extra":      map[string]any{"court": "Alameda"},
	}
}

// FuzzRender checks that no template body makes Render panic, pass its
// limits, or return anything but output or an *Error.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"Hello {{.Name}}",
		"{{range $i, $x := .Items}}{{ordinal (add1 $i)}} {{cite $x}}\n{{end}}",
		"{{template \"partials/p.tmpl\" .}}",
		"{{longDate .Date}} {{md .Name}} {{cites .Items}} {{oxford .Items}} {{check .Yes}}",
		"{{.Nmae}} {{.Petitioner.Nmae}}",
		"{{if}}", "{{end}}", "{{define \"x\"}}", "{{/* unclosed",
		"{{range until 100000000}}{{end}}",
		"{{range 100000000}}{{end}}",
		"{{range 10000}}{{range 10000}}{{end}}{{end}}",
		"{{range until 10000}}{{range until 100}}{{$x := sha1sum \"x\"}}{{end}}{{end}}",
		"{{$s := \"x\"}}{{range until 64}}{{$s = print $s $s}}{{end}}{{$s}}",
		"{{$d := dict}}{{$_ := set $d \"a\" $d}}{{toJson $d}}",
		"{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}",
		"{{define \"r\"}}{{template \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}",
		"{{define \"a\"}}{{template \"b\" .}}{{template \"b\" .}}{{end}}{{define \"b\"}}{{template \"c\" .}}{{template \"c\" .}}{{end}}{{define \"c\"}}x{{end}}{{range until 1000}}{{template \"a\" $}}{{end}}",
		"{{block \"b\" .}}{{template \"b\" .}}{{end}}",
		"{{printf \"%9999d\" 1}}{{printf \"%[1]v%[1]v\" .Extra}}",
		"{{range until 10000}}{{repeat 10000 \"x\"}}{{end}}",
		"{{env \"HOME\"}}{{now}}",
	} {
		f.Add(s)
	}
	opt := Options{MaxOutput: 64 << 10, Timeout: 200 * time.Millisecond}
	f.Fuzz(func(t *testing.T, body string) {
		s := NewSet(Layer{Name: "user", FS: mapFS(map[string]string{
			"doc.md.tmpl":     head + body,
			"partials/p.tmpl": "[{{.Name}}]",
		})})
		start := time.Now()
		doc, err := s.Render("doc.md.tmpl", fuzzData(), opt)
		if d := time.Since(start); d > opt.Timeout+time.Second {
			t.Errorf("took %v", d)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Path == "" || e.Msg == "" || e.Line < 0 || e.Col < 0 {
				t.Fatalf("err = %#v", err)
			}
			if doc.Body != nil {
				t.Fatalf("output %q with error %v", doc.Body, err)
			}
			return
		}
		if len(doc.Body) > opt.MaxOutput {
			t.Fatalf("output of %d bytes", len(doc.Body))
		}
	})
}
