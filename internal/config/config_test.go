package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
)

const full = `# Smith Reentry Law
templates = "/srv/relief/templates"

[attorney]
name = "Jordan Smith"
bar_number = "287654"
firm = "Smith Reentry Law"
address = "500 Broadway, Suite 200"
city = "Oakland"
state = "CA"
zip = "94607"
phone = "(510) 555-0199"
email = "jsmith@example.com"

[letterhead]
lines = ["Smith Reentry Law", "500 Broadway, Suite 200", "Oakland, CA 94607"]
default_county = "Alameda"
`

func TestDecodeFull(t *testing.T) {
	got, err := Decode("config.toml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Path:      "config.toml",
		Templates: "/srv/relief/templates",
		Attorney: casefile.Attorney{Name: "Jordan Smith", BarNumber: "287654", Firm: "Smith Reentry Law",
			Address: "500 Broadway, Suite 200", City: "Oakland", State: "CA", Zip: "94607",
			Phone: "(510) 555-0199", Email: "jsmith@example.com"},
		Letterhead: Letterhead{
			Lines:         []string{"Smith Reentry Law", "500 Broadway, Suite 200", "Oakland, CA 94607"},
			DefaultCounty: "Alameda",
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode:\n got %+v\nwant %+v", got, want)
	}
}

func TestDecodeEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing set\n", "\ufeff"} {
		got, err := Decode("c.toml", []byte(src))
		if err != nil {
			t.Errorf("%q: %v", src, err)
		}
		if !reflect.DeepEqual(got, Config{Path: "c.toml"}) {
			t.Errorf("%q: %+v", src, got)
		}
	}
}

// TestDecodeProblems checks that each mistake is reported with the line it
// is on, and that every problem in a file is reported at once.
func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown top-level key", "templates = \"x\"\ncolour = \"blue\"\n",
			[]string{`c.toml:2: colour: unknown key; the keys allowed at the top of the file are templates, attorney, letterhead, counties`}},
		{"misspelt top-level key", "template = \"x\"\n",
			[]string{`c.toml:1: template: unknown key (did you mean "templates"?)`}},
		{"unknown attorney key", "[attorney]\nname = \"A\"\n\nnmae = \"B\"\n",
			[]string{`c.toml:4: attorney.nmae: unknown key (did you mean "name"?)`}},
		{"dotted key", "# comment\nattorney.barnumber = \"1\"\n",
			[]string{`c.toml:2: attorney.barnumber: unknown key (did you mean "bar_number"?)`}},
		{"quoted key", "[letterhead]\n\"default county\" = \"Alameda\"\n",
			[]string{`c.toml:2: letterhead."default county": unknown key (did you mean "default_county"?)`}},
		{"inline table", "x = 1\nattorney = { name = \"A\", fax = \"1\" }\n",
			[]string{
				`c.toml:1: x: unknown key; the keys allowed at the top of the file are templates, attorney, letterhead, counties`,
				`c.toml:2: attorney.fax: unknown key; the keys allowed in [attorney] are name, bar_number, firm, address, city, state, zip, phone, email`,
			}},
		{"unknown table", "[attorny]\nname = \"A\"\n",
			[]string{`c.toml:1: attorny: unknown key (did you mean "attorney"?)`}},
		{"wrong types", "templates = 5\n[attorney]\nname = true\n[letterhead]\nlines = [\"a\", 2]\n",
			[]string{
				`c.toml:1: templates: expected text in quotes, found the number 5`,
				`c.toml:3: attorney.name: expected text in quotes, found true (without quotes)`,
				`c.toml:5: letterhead.lines[1]: expected text in quotes, found the number 2`,
			}},
		{"table given a value", "attorney = \"Jordan Smith\"\n",
			[]string{`c.toml:1: attorney: expected a table ([attorney] on a line of its own, then its keys), found text ("Jordan Smith")`}},
		{"lines not a list", "[letterhead]\nlines = \"Smith Law\"\n",
			[]string{`c.toml:2: letterhead.lines: expected a list of text values, like ["first", "second"], found text ("Smith Law")`}},
		{"too many lines", "[letterhead]\nlines = [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]\n",
			[]string{`c.toml:2: letterhead.lines: has 11 lines; at most 10 fit at the top of a letter`}},
		{"empty templates", "\ntemplates = \"\"\n",
			[]string{`c.toml:2: templates: is empty; give a folder, like templates = "/path/to/templates", or leave the key out`}},
		{"unprintable", "[attorney]\nname = \"Jordan ☃ Smith\"\n",
			[]string{`c.toml:2: attorney.name: the embedded fonts cannot print '☃' (U+2603)`}},
		{"too long", "[attorney]\nfirm = \"" + strings.Repeat("x", 1001) + "\"\n",
			[]string{`c.toml:2: attorney.firm: the text is too long (1001 bytes); at most 1000 are allowed here`}},
		{"syntax", "[attorney]\nname = Jordan\n",
			[]string{`c.toml:2:8: syntax error: expected value but found "Jordan" instead`}},
		{"not UTF-8", "name = \"\xff\"\n",
			[]string{`c.toml:1: the file is not UTF-8 text: byte 0xff at offset 8; save it as UTF-8`}},
		// Settings are text cleaned as case-file text is: a control
		// character would act on the terminal or the papers.
		{"control character", "[letterhead]\nlines = [\"Smith\\u001b[8m Law\"]\n",
			[]string{`c.toml:2: letterhead.lines[0]: `}},
		{"counties not tables", "counties = \"Alameda\"\n",
			[]string{`c.toml:1: counties: expected tables like [counties.Name], found text ("Alameda")`}},
		{"county key misspelt", "[counties.Alameda]\nda_stret = \"1 Main\"\n",
			[]string{`c.toml:2: counties.Alameda.da_stret: unknown key (did you mean "da_street"?)`}},
		{"UTF-16", "\xff\xfet\x00=\x00", []string{`c.toml: the file is UTF-16 text; save it as UTF-8`}},
		{"NUL", "\n\x00", []string{`c.toml:2: the file contains a NUL byte at offset 1; it looks like a binary file, not a TOML config file`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode("c.toml", []byte(tt.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if len(ce.Problems) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ce.Problems), len(tt.want), err)
			}
			for i, p := range ce.Problems {
				if got := p.String(); !strings.HasPrefix(got, tt.want[i]) || (!strings.HasSuffix(tt.want[i], ": ") && got != tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "tpl"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// A relative templates folder is taken from the config file's folder.
	c, err := Load(write("rel.toml", "templates = \"tpl\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "tpl"); c.Templates != want {
		t.Errorf("Templates = %q, want %q", c.Templates, want)
	}
	if c.Path != filepath.Join(dir, "rel.toml") {
		t.Errorf("Path = %q", c.Path)
	}

	// A folder that is not there is a problem on the templates line.
	p := write("missing.toml", "# office\n\ntemplates = \"nowhere\"\n")
	_, err = Load(p)
	if err == nil || !strings.HasPrefix(err.Error(), p+":3: templates: ") || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("missing folder: %v", err)
	}

	// A file that is not there: errors.Is sees fs.ErrNotExist.
	_, err = Load(filepath.Join(dir, "none.toml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	var ce *Error
	if !errors.As(err, &ce) {
		t.Errorf("missing file: %T, want *Error", err)
	}

	// A folder is not a config file.
	if _, err := Load(dir); err == nil || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder: %v", err)
	}
}

func TestDefaultPath(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the user config folder is $HOME/.config only on Linux")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(home, ".config", "relief", "config.toml"); p != want {
		t.Errorf("DefaultPath = %q, want %q", p, want)
	}
}

func TestMerge(t *testing.T) {
	office := casefile.Attorney{Name: "Jordan Smith", BarNumber: "287654", Firm: "Smith Reentry Law",
		Address: "500 Broadway", City: "Oakland", State: "CA", Zip: "94607", Phone: "510", Email: "js@example.com"}
	tests := []struct {
		name     string
		defaults casefile.Attorney
		in       *casefile.Attorney
		want     *casefile.Attorney
	}{
		{"no defaults, no attorney", casefile.Attorney{}, nil, nil},
		{"no defaults keep the case's", casefile.Attorney{}, &casefile.Attorney{Name: "A"}, &casefile.Attorney{Name: "A"}},
		{"no attorney takes the defaults", office, nil, &office},
		{"an empty [attorney] takes the defaults", office, &casefile.Attorney{}, &office},
		{"the case wins field by field", office,
			&casefile.Attorney{Name: "Jordan Smith", Phone: "415", City: "San Francisco"},
			&casefile.Attorney{Name: "Jordan Smith", BarNumber: "287654", Firm: "Smith Reentry Law",
				Address: "500 Broadway", City: "San Francisco", State: "CA", Zip: "94607", Phone: "415", Email: "js@example.com"}},
		{"the same attorney, written differently", office,
			&casefile.Attorney{Name: " jordan smith "},
			&casefile.Attorney{Name: " jordan smith ", BarNumber: "287654", Firm: "Smith Reentry Law",
				Address: "500 Broadway", City: "Oakland", State: "CA", Zip: "94607", Phone: "510", Email: "js@example.com"}},
		{"another attorney never gets this one's bar number or email", office,
			&casefile.Attorney{Name: "Alex Rivera"},
			&casefile.Attorney{Name: "Alex Rivera", Firm: "Smith Reentry Law",
				Address: "500 Broadway", City: "Oakland", State: "CA", Zip: "94607", Phone: "510"}},
		{"no name in the case takes the default name", office,
			&casefile.Attorney{Firm: "Rivera Law"},
			&casefile.Attorney{Name: "Jordan Smith", BarNumber: "287654", Firm: "Rivera Law",
				Address: "500 Broadway", City: "Oakland", State: "CA", Zip: "94607", Phone: "510", Email: "js@example.com"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &casefile.File{Attorney: tt.in}
			var before *casefile.Attorney
			if tt.in != nil {
				c := *tt.in
				before = &c
			}
			Config{Attorney: tt.defaults}.Merge(f)
			if !reflect.DeepEqual(f.Attorney, tt.want) {
				t.Errorf("Merge:\n got %+v\nwant %+v", f.Attorney, tt.want)
			}
			if tt.in != nil && !reflect.DeepEqual(tt.in, before) {
				t.Errorf("Merge changed the case file's attorney in place: %+v", tt.in)
			}
		})
	}
}

// TestProblemLines: problems are placed on the line that sets the key,
// whatever the TOML spelling (comments, quoted keys, spaced headers,
// multi-line lists, dotted keys under a table).
func TestProblemLines(t *testing.T) {
	src := `# comment
templates = ""
[attorney]
  name = "Jordan ☃"   # with a comment
"bar_number" = 1
[ letterhead ]
lines = [
  "a = b",
  2,
]
attorney.city = "under [letterhead], this is letterhead.attorney.city"
`
	_, err := Decode("c.toml", []byte(src))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("Decode: %v, want *Error", err)
	}
	want := []string{
		"c.toml:2: templates: is empty",
		"c.toml:4: attorney.name: the embedded fonts cannot print",
		"c.toml:5: attorney.bar_number: expected text in quotes, found the number 1",
		"c.toml:9: letterhead.lines[1]: expected text in quotes, found the number 2",
		"c.toml:11: letterhead.attorney: unknown key",
	}
	if len(ce.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(ce.Problems), len(want), err)
	}
	for i, p := range ce.Problems {
		if !strings.HasPrefix(p.String(), want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, p, want[i])
		}
	}
}
