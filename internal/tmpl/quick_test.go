package tmpl

import (
	"strings"
	"testing"
	"text/template"
)

// TestTextTemplateBuiltins checks that every name knownFunc takes for one
// of text/template's own functions is one: a template without functions
// of its own parses a call to it.
func TestTextTemplateBuiltins(t *testing.T) {
	for name := range textTemplateBuiltins {
		if _, err := template.New("t").Parse("{{" + name + "}}"); err != nil {
			t.Errorf("%s is not a text/template built-in: %v", name, err)
		}
	}
}

// TestParseQuickAgrees checks that parsing without function maps accepts
// exactly what parsing with them accepts, and that the errors, which come
// from the checked parse, are text/template's: an unknown function, a
// syntax error after one, and an unknown function in a definition that a
// later file replaces.
func TestParseQuickAgrees(t *testing.T) {
	for _, tc := range []struct {
		name, body, partial, want string
	}{
		{"sprig and built-ins", `{{upper "a" | printf "%s"}}{{slice "abc" 1}}{{template "p" .}}`, `{{define "p"}}{{len .}}{{end}}`, ""},
		{"unknown function", "x\n{{nope 1}}", "", `doc.md.tmpl:5:3: function "nope" not defined`},
		{"unknown before a syntax error", "{{nope 1}}\n{{if}}", "", `doc.md.tmpl:4:3: function "nope" not defined`},
		{"syntax error", "{{upper}}\n{{if}}", "", `doc.md.tmpl:5: missing value for if`},
		{"removed function", `{{now}}`, "", `doc.md.tmpl:4:3: function "now" not defined; templates cannot read the clock`},
		{"unknown in a replaced definition", `{{define "p"}}ok{{end}}{{template "p"}}`, `{{define "p"}}{{nope}}{{end}}`, `partials/p.tmpl:1:17: function "nope" not defined`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"doc.md.tmpl": head + tc.body}
			if tc.partial != "" {
				files["partials/p.tmpl"] = tc.partial
			}
			s := NewSet(Layer{Name: "built-in", FS: mapFS(files)})
			err := s.Parse("doc.md.tmpl")
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Parse: %v; want %q", err, tc.want)
			}
		})
	}
}
