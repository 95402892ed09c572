package tmpl

import (
	"testing"
)

func TestFrontMatter(t *testing.T) {
	src := "+++\n" +
		"frame = \"jcform\"\n" +
		"title = \"PETITION FOR DISMISSAL\"\n" +
		"form = \"CR-180\"\n" +
		"revision = \"January 1, 2019\"\n" +
		"cites = \"Pen. Code, §§ 17(b), 1203.4\"\n" +
		"+++\n" +
		"body"
	doc, err := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{"cr180.md.tmpl": src})}).Render("cr180.md.tmpl", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Front{
		Frame: "jcform", Title: "PETITION FOR DISMISSAL", Short: "PETITION FOR DISMISSAL",
		Form: "CR-180", Revision: "January 1, 2019", Cites: "Pen. Code, §§ 17(b), 1203.4",
		Bookmark: "PETITION FOR DISMISSAL",
	}
	if doc.Front != want {
		t.Errorf("Front = %+v\nwant    %+v", doc.Front, want)
	}
	if string(doc.Body) != "body" {
		t.Errorf("Body = %q", doc.Body)
	}
}

func TestFrontMatterErrors(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"none", "Hello", `doc.md.tmpl:1: a document must start with front matter: a line +++, then frame = "pleading" (or "jcform", "letter", "cover") and the other settings, then a line +++`},
		{"yaml", "---\nframe: pleading\n---\n", "doc.md.tmpl:1: front matter is TOML between two lines of +++, not YAML between ---"},
		{"unclosed", "+++\nframe = \"letter\"\nHello", "doc.md.tmpl:1: the front matter that starts here never ends; add a line +++ after it"},
		{"unknown key", "+++\nframe = \"letter\"\n\ntitel = \"X\"\n+++\n", `doc.md.tmpl:4: unknown front-matter key "titel"; the keys are frame, title, short, form, revision, cites, bookmark, attachment`},
		{"unknown table", "+++\nframe = \"letter\"\n[extra]\na = 1\n+++\n", `doc.md.tmpl:3: unknown front-matter key "extra"; the keys are frame, title, short, form, revision, cites, bookmark, attachment`},
		{"first problem", "+++\nzzz = 1\ntitle = 5\n+++\n", `doc.md.tmpl:2: unknown front-matter key "zzz"; the keys are frame, title, short, form, revision, cites, bookmark, attachment`},
		{"first problem, other order", "+++\ntitle = 5\naaa = 1\n+++\n", `doc.md.tmpl:2: title must be text in quotes, like title = "..."`},
		{"syntax", "+++\nframe = \"letter\"\ntitle = \"unterminated\n+++\n", "doc.md.tmpl:3: front matter: strings cannot contain newlines"},
		{"not text", "+++\nframe = \"letter\"\n\n\ntitle = 5\n+++\n", `doc.md.tmpl:5: title must be text in quotes, like title = "..."`},
		{"no frame", "+++\ntitle = \"X\"\n+++\n", `doc.md.tmpl:1: the front matter has no frame; add frame = "pleading" (or "jcform", "letter", "cover")`},
		{"empty", "+++\n+++\n", `doc.md.tmpl:1: the front matter has no frame; add frame = "pleading" (or "jcform", "letter", "cover")`},
		{"bad frame", "+++\ntitle = \"X\"\nframe = \"pleadings\"\n+++\n", `doc.md.tmpl:3: unknown frame "pleadings"; use one of ["pleading" "jcform" "letter" "cover"]`},
		// Lines in the body count from the top of the file.
		{"body line", "+++\nframe = \"letter\"\n# a comment\n+++\nline 5\n{{.Nmae}}", `doc.md.tmpl:6:3: map has no entry for key "Nmae"`},
		{"body parse", "+++\nframe = \"letter\"\n+++\n\n{{if}}", `doc.md.tmpl:5: missing value for if`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewSet(Layer{Name: "user", FS: mapFS(map[string]string{"doc.md.tmpl": c.src})})
			_, err := s.Render("doc.md.tmpl", map[string]any{}, Options{})
			if err == nil || err.Error() != c.want {
				t.Errorf("Render:\n got %v\nwant %s", err, c.want)
			}
			if perr := s.Parse("doc.md.tmpl"); c.name != "body line" && (perr == nil || perr.Error() != c.want) {
				t.Errorf("Parse:\n got %v\nwant %s", perr, c.want)
			}
		})
	}
}

func TestFrontMatterTolerance(t *testing.T) {
	// A byte-order mark, CRLF line ends and trailing spaces on the fences.
	src := "\ufeff+++ \r\nframe = \"cover\"\r\nbookmark = \"Cover\"\r\n+++\r\nX"
	doc, err := NewSet(Layer{Name: "user", FS: mapFS(map[string]string{"c.md.tmpl": src})}).Render("c.md.tmpl", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Front.Frame != "cover" || doc.Front.Bookmark != "Cover" || string(doc.Body) != "X" {
		t.Errorf("got %+v", doc)
	}
}
