package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode checks that reading a settings file never panics, returns
// either settings or an *Error with at least one problem naming the file,
// places each problem on a line the file has, and gives the same answer
// twice. Seeds cover every table, named county tables, the text checks
// (control characters, combining marks, bidi controls, long values) and
// the usual TOML slips.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`templates = "tpl"
[attorney]
name = "Jordan Smith"
bar_number = "287654"
[letterhead]
lines = ["Smith Reentry Law", "Oakland, CA 94607"]
default_county = "Alameda"
[counties."santa cruz"]
courthouse = "Watsonville Courthouse"
court_street = "1 Second Street"
court_city = "Watsonville"
[counties.Alpine]
da_street = "1 Main"
`))
	for _, v := range []string{`"J\rELIGIBLE"`, `"J\u001b[8mane"`, `"Nun\u0303ez"`, `"a\u202eb"`, `"a\u200bb"`, `"\u05e9\u05e8\u05d4"`, `"` + strings.Repeat("x", 1200) + `"`, `5`, `true`, `2020-01-01`, `["a"]`, `{ name = "x" }`} {
		f.Add([]byte("[attorney]\nname = " + v + "\n[letterhead]\nlines = [" + v + "]\n[counties.Alameda]\nda_name = " + v + "\n"))
	}
	for _, s := range []string{"counties = 1\n", "[counties]\nAlameda = 2\n", "attorney.name.first = \"x\"\n", "[[attorney]]\nname = \"x\"\n",
		"templates = \"\"\ntemplates = \"x\"\n", "[letterhead]\nlines = [[\"a\"]]\n", "\xff\xfe", "\n\x00", "a = [[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Decode("fuzz.toml", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("error %v (%T) is not an *Error with problems", err, err)
			}
			lines := strings.Count(string(data), "\n") + 1
			for _, p := range e.Problems {
				if p.File != "fuzz.toml" || p.Line < 0 || p.Line > lines || p.Msg == "" {
					t.Fatalf("bad problem %+v (file has %d lines)", p, lines)
				}
			}
		} else if c.Path != "fuzz.toml" {
			t.Fatalf("Path = %q", c.Path)
		}
		c2, err2 := Decode("fuzz.toml", data)
		if !reflect.DeepEqual(c, c2) || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatal("two decodes of the same bytes differ")
		}
	})
}
