package fielddoc

import (
	"fmt"
	"reflect"
	"strings"
)

// Reference writes Markdown reference tables for a tree of struct types
// (a case file's TOML keys, a report's JSON fields): one table per struct,
// one row per tagged field with its name, type and comment.
type Reference struct {
	Docs Docs
	// Tag is the struct tag that names a field ("toml", "json"); its text
	// before a comma is the key, and "-" or an empty key skips the field.
	Tag string
	// Type names a field's type and, for a nested struct (or a slice of
	// them, or a pointer to one), returns that struct type for a table of
	// its own.
	Type func(reflect.Type) (name string, nested reflect.Type)
	// Heading titles a nested table from its dotted path and its type.
	// Tables with the same title are written once.
	Heading func(path string, list bool, t reflect.Type) string
}

// Write returns the tables for t, titled title, and the dotted paths of the
// fields that have no comment: a reference must say what every key means.
func (r Reference) Write(title string, t reflect.Type) (md string, missing []string) {
	var b strings.Builder
	r.table(&b, &missing, map[string]bool{title: true}, title, "", t)
	return b.String(), missing
}

func (r Reference) table(b *strings.Builder, missing *[]string, done map[string]bool, title, prefix string, t reflect.Type) {
	fmt.Fprintf(b, "\n## %s\n\n", title)
	if d := r.Docs[t.Name()]; d != "" && prefix != "" {
		fmt.Fprintf(b, "%s\n\n", d)
	}
	b.WriteString("| key | type | meaning |\n|---|---|---|\n")
	type sub struct {
		title, path string
		t           reflect.Type
	}
	var subs []sub
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get(r.Tag), ",")
		if key == "" || key == "-" {
			continue
		}
		path := key
		if prefix != "" {
			path = prefix + "." + key
		}
		// A doc comment may start with the Go name, as Go comments do.
		doc := r.Docs[t.Name()+"."+f.Name]
		for _, p := range []string{": ", " is ", " are "} {
			doc = strings.TrimPrefix(doc, f.Name+p)
		}
		if doc == "" {
			*missing = append(*missing, fmt.Sprintf("%s (%s.%s)", path, t.Name(), f.Name))
		}
		name, nested := r.Type(f.Type)
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", key, name, strings.ReplaceAll(doc, "|", `\|`))
		if nested != nil {
			if h := r.Heading(path, f.Type.Kind() == reflect.Slice, nested); !done[h] {
				done[h] = true
				subs = append(subs, sub{h, path, nested})
			}
		}
	}
	for _, s := range subs {
		r.table(b, missing, done, s.title, s.path, s.t)
	}
}
