package casefile

import (
	"errors"
	"strings"
	"testing"
)

// minimal is a valid case file with one value to replace: NAME.
const minimal = `as_of = 2026-11-26
[petitioner]
name = NAME
[[cases]]
id = "c1"
county = "Alameda"
conviction_date = 2015-06-01
  [[cases.counts]]
  offense = "PC 459"
  level = "misdemeanor"
[statement]
reasons = REASONS
`

func decodeWith(t *testing.T, name, reasons string) (*File, error) {
	t.Helper()
	src := strings.Replace(strings.Replace(minimal, "NAME", name, 1), "REASONS", reasons, 1)
	return Decode("p.toml", []byte(src), testOptions())
}

// Control characters in one-line values are refused where they are decoded,
// with the file, line and key; a multi-line value may hold line breaks and
// tabs but no other control.
func TestControlCharacters(t *testing.T) {
	for _, c := range []struct{ name, reasons, want string }{
		{`"Jane\rELIGIBLE"`, `"ok"`, "p.toml:3: petitioner.name: contains a line break"},
		{`"Jane\u001b[8mDoe"`, `"ok"`, "p.toml:3: petitioner.name: contains the control character U+001B"},
		{`"""Jane
Doe"""`, `"ok"`, "p.toml:3: petitioner.name: contains a line break"},
		{`"Jane\tDoe"`, `"ok"`, "p.toml:3: petitioner.name: contains a tab"},
		{`"Jane"`, `"I work\u001b[2J"`, "p.toml:12: statement.reasons: contains the control character U+001B"},
	} {
		_, err := decodeWith(t, c.name, c.reasons)
		var ce *Errors
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("name %s, reasons %s: got %v; want %q", c.name, c.reasons, err, c.want)
			continue
		}
		if strings.ContainsAny(err.Error(), "\r\x1b") {
			t.Errorf("the error holds raw control characters: %q", err.Error())
		}
	}
	f, err := decodeWith(t, `"Jane Doe"`, "\"\"\"First line.\n\tSecond line.\"\"\"")
	if err != nil {
		t.Fatal(err)
	}
	if f.Statement.Reasons != "First line.\n\tSecond line." {
		t.Errorf("statement = %q", f.Statement.Reasons)
	}
}

// Every text value, in any table or list, is normalised to NFC and checked:
// the walk covers keys nobody wrote a rule for.
func TestUnicodeRules(t *testing.T) {
	f, err := decodeWith(t, `"Nun\u0303ez Ann\u00adMarie"`, `"ok"`)
	if err != nil {
		t.Fatal(err)
	}
	if f.Petitioner.Name != "Nuñez AnnMarie" {
		t.Errorf("name = %q, want NFC without soft hyphen", f.Petitioner.Name)
	}
	for _, c := range []struct{ name, want string }{
		{`"\u05e9\u05e8\u05d4 Cohen"`, "petitioner.name: contains Hebrew text"},
		{`"Jane \u202eeoD"`, "petitioner.name: contains the invisible bidirectional control U+202E"},
		{`"Ja\u200bne"`, "petitioner.name: contains the invisible zero-width character U+200B"},
		{`"Jx\u0353ne"`, "petitioner.name: contains the combining mark U+0353"},
	} {
		_, err := decodeWith(t, c.name, `"ok"`)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	// Deeper keys and list elements are covered too.
	src := strings.Replace(strings.Replace(minimal, "NAME", `"Jane"`, 1), "REASONS", `"ok"`, 1)
	src = strings.Replace(src, `county = "Alameda"`, "county = \"Alameda\"\ncase_number = \"A\\u202e1\"", 1)
	src = strings.Replace(src, "[petitioner]\n", "[petitioner]\nother_names = [\"J\\u200bD\"]\n", 1)
	_, err = Decode("p.toml", []byte(src), testOptions())
	for _, want := range []string{"petitioner.other_names[0]: contains the invisible zero-width", "cases[0].case_number: contains the invisible bidirectional"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// An unknown key with control characters in its name is printed escaped.
func TestUnknownKeyEscaped(t *testing.T) {
	src := strings.Replace(strings.Replace(minimal, "NAME", `"Jane"`, 1), "REASONS", `"ok"`, 1)
	src = strings.Replace(src, "[petitioner]\n", "[petitioner]\n\"x\\u001b[8m\" = 1\n", 1)
	_, err := Decode("p.toml", []byte(src), testOptions())
	if err == nil || strings.Contains(err.Error(), "\x1b") || !strings.Contains(err.Error(), `x\x1b[8m`) {
		t.Errorf("got %q", err)
	}
}

// Dates outside 1900-2100 are refused, so the zero date can never be given
// and a zero Date always means "not given".
func TestDateRange(t *testing.T) {
	base := strings.Replace(strings.Replace(minimal, "NAME", `"Jane"`, 1), "REASONS", `"ok"`, 1)
	for _, c := range []struct{ old, new, want string }{
		{"as_of = 2026-11-26", "as_of = 0001-01-01", "p.toml:1: as_of: 0001-01-01 is outside the dates relief accepts (1900-01-01 to 2100-12-31)"},
		{"as_of = 2026-11-26", `as_of = "0000-01-01"`, "as_of: 0000-01-01 is outside"},
		{"[petitioner]\n", "[petitioner]\ndob = 0000-01-01\n", "petitioner.dob: 0000-01-01 is outside"},
		{"[petitioner]\n", "[petitioner]\ndob = 1899-12-31\n", "petitioner.dob: 1899-12-31 is outside"},
		{"conviction_date = 2015-06-01", "conviction_date = 2101-01-01", "cases[0].conviction_date: 2101-01-01 is outside"},
	} {
		_, err := Decode("p.toml", []byte(strings.Replace(base, c.old, c.new, 1)), testOptions())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.new, err, c.want)
		}
	}
	f, err := Decode("p.toml", []byte(strings.Replace(base, "[petitioner]\n", "[petitioner]\ndob = 1900-01-01\n", 1)), testOptions())
	if err != nil || f.Petitioner.DOB.String() != "1900-01-01" {
		t.Errorf("the first day of the range: %v %v", f, err)
	}
}
