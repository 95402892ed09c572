package tmpl

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// layered is a Set with three layers, the user's overriding one built-in
// document and the config layer overriding one partial.
func layered() *Set {
	return NewSet(
		Layer{Name: "user", FS: mapFS(map[string]string{
			"dismissal/petition.md.tmpl": "+++\nframe = \"pleading\"\n+++\nuser petition",
			"mine.md.tmpl":               "+++\nframe = \"letter\"\n+++\n{{template \"partials/sig.tmpl\" .}}",
			".git/config.tmpl":           "hidden folder",
			".draft.md.tmpl":             "hidden file",
			"notes.txt":                  "not a template",
		})},
		Layer{Name: "config", FS: mapFS(map[string]string{
			"partials/sig.tmpl": "config signature",
		})},
		Layer{Name: "nil"}, // left out
		Layer{Name: "built-in", FS: mapFS(map[string]string{
			"dismissal/petition.md.tmpl": "+++\nframe = \"pleading\"\n+++\nbuilt-in petition",
			"dismissal/order.md.tmpl":    "+++\nframe = \"pleading\"\n+++\norder",
			"partials/sig.tmpl":          "built-in signature",
			"packets/dismissal.toml":     "docs = []",
		})},
	)
}

func TestList(t *testing.T) {
	got, err := layered().List()
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Path: "dismissal/order.md.tmpl", Layer: "built-in"},
		{Path: "dismissal/petition.md.tmpl", Layer: "user", Shadows: []string{"built-in"}},
		{Path: "mine.md.tmpl", Layer: "user"},
		{Path: "packets/dismissal.toml", Layer: "built-in"},
		{Path: "partials/sig.tmpl", Layer: "config", Shadows: []string{"built-in"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List:\n got %+v\nwant %+v", got, want)
	}
}

func TestSourceFirstLayerWins(t *testing.T) {
	s := layered()
	for path, want := range map[string][2]string{
		"dismissal/petition.md.tmpl": {"user", "+++\nframe = \"pleading\"\n+++\nuser petition"},
		"dismissal/order.md.tmpl":    {"built-in", "+++\nframe = \"pleading\"\n+++\norder"},
		"partials/sig.tmpl":          {"config", "config signature"},
	} {
		src, layer, err := s.Source(path)
		if err != nil || layer != want[0] || string(src) != want[1] {
			t.Errorf("Source(%q) = %q, %q, %v; want %q, %q", path, src, layer, err, want[1], want[0])
		}
	}
	// A user layer overriding a partial changes what documents render.
	doc, err := s.Render("mine.md.tmpl", nil, Options{})
	if err != nil || string(doc.Body) != "config signature" || doc.Layer != "user" {
		t.Errorf("Render = %q from %q, %v", doc.Body, doc.Layer, err)
	}
}

func TestSourceMissing(t *testing.T) {
	_, _, err := layered().Source("dismissal/nope.md.tmpl")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %#v; want an *Error wrapping fs.ErrNotExist", err)
	}
	want := "dismissal/nope.md.tmpl: no such template (looked in: user, config, built-in)"
	if err.Error() != want {
		t.Errorf("err = %q; want %q", err, want)
	}
}

func TestBadPaths(t *testing.T) {
	s := layered()
	for _, p := range []string{"", ".", "../x.md.tmpl", "/etc/x.md.tmpl", "a/../b.md.tmpl", `dismissal\petition.md.tmpl`, "a//b.md.tmpl", "./a.md.tmpl"} {
		if _, _, err := s.Source(p); err == nil {
			t.Errorf("Source(%q) succeeded", p)
		}
		if _, err := s.Render(p, nil, Options{}); err == nil {
			t.Errorf("Render(%q) succeeded", p)
		}
		if err := s.Parse(p); err == nil {
			t.Errorf("Parse(%q) succeeded", p)
		}
	}
}

func TestUserLayerOnDisk(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "dismissal"), 0o755); err != nil {
		t.Fatal(err)
	}
	doc := "+++\nframe = \"pleading\"\ntitle = \"PETITION\"\n+++\nHello {{.Name}}"
	if err := os.WriteFile(filepath.Join(dir, "dismissal", "petition.md.tmpl"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSet(Layer{Name: "user", FS: os.DirFS(dir)})
	got, err := s.Render("dismissal/petition.md.tmpl", map[string]string{"Name": "Ada"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Body) != "Hello Ada" || got.Front.Title != "PETITION" || got.Layer != "user" {
		t.Errorf("got %+v", got)
	}
	if _, err := NewSet(Layer{Name: "user", FS: os.DirFS(filepath.Join(dir, "missing"))}).List(); err == nil {
		t.Error("List of a missing folder succeeded")
	}
}

func TestSourceTooLarge(t *testing.T) {
	s := NewSet(Layer{Name: "user", FS: fstest.MapFS{"big.md.tmpl": {Data: make([]byte, maxSource+1)}}})
	_, _, err := s.Source("big.md.tmpl")
	if err == nil || err.Error() != "big.md.tmpl: cannot read it from the user templates: the file is larger than 1 MiB" {
		t.Errorf("err = %v", err)
	}
}
