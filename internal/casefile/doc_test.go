package casefile

import (
	"strings"
	"testing"
)

// TestDecodeDoc: another kind of file read through DecodeDoc gets the case
// file's rules and messages: strict keys with suggestions, type checks,
// text limits, named tables, lines, and the caller's own problems placed
// at their keys.
func TestDecodeDoc(t *testing.T) {
	type office struct {
		Street string `toml:"street"`
	}
	type settings struct {
		Title   string            `toml:"title"`
		Lines   []string          `toml:"lines"`
		Offices map[string]office `toml:"offices"`
	}
	src := `title = "Office"
lines = ["a", 2]
colour = "blue"

[offices."Santa Cruz"]
street = "1 Main"

[offices.Alpine]
stret = "x"
`
	var s settings
	doc := DecodeDoc("s.toml", []byte(src), &s, DocSchema{What: "settings file", MaxText: 100})
	doc.Add([]string{"offices", "Santa Cruz", "street"}, "is not an address")
	var got []string
	for _, p := range doc.Problems() {
		got = append(got, p.String())
	}
	want := []string{
		`s.toml:2: lines[1]: expected text in quotes, found the number 2`,
		`s.toml:3: colour: unknown key; the keys allowed at the top of the file are title, lines, offices`,
		`s.toml:6: offices."Santa Cruz".street: is not an address`,
		`s.toml:9: offices.Alpine.stret: unknown key (did you mean "street"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s.Title != "Office" || s.Offices["Santa Cruz"].Street != "1 Main" {
		t.Errorf("decoded %+v", s)
	}
	if doc.OK("offices", "Santa Cruz", "street") || !doc.OK("title") {
		t.Error("OK does not follow the problems reported")
	}

	bad := DecodeDoc("s.toml", []byte("title = \n"), &s, DocSchema{What: "settings file", MaxText: 100})
	if p := bad.Problems(); len(p) != 1 || !strings.HasPrefix(p[0].String(), "s.toml:1:") || !strings.Contains(p[0].Msg, "syntax error") {
		t.Errorf("syntax error: %v", p)
	}
	if p := DecodeDoc("s.toml", []byte("a\x00"), &s, DocSchema{What: "settings file"}).Problems(); len(p) != 1 || !strings.Contains(p[0].Msg, "not a TOML settings file") {
		t.Errorf("NUL: %v", p)
	}
}

// TestUnknownKeyNamesItsTable: the list of allowed keys says which table
// it is for, and a table given a value says how to write the table.
func TestUnknownKeyNamesItsTable(t *testing.T) {
	_, err := Decode("c.toml", []byte("[petitioner]\nname = \"A\"\nzzzzzzzzzz = 1\n"), testOptions())
	if err == nil || !strings.Contains(err.Error(), "c.toml:3: petitioner.zzzzzzzzzz: unknown key; the keys allowed in [petitioner] are name, other_names,") {
		t.Errorf("unknown key: %v", err)
	}
	_, err = Decode("c.toml", []byte("petitioner = \"A\"\n"), testOptions())
	if err == nil || !strings.Contains(err.Error(), `c.toml:1: petitioner: expected a table ([petitioner] on a line of its own, then its keys), found text ("A")`) {
		t.Errorf("table given a value: %v", err)
	}
}
