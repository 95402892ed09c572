package casefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/suggest"
)

// checkOffense stands in for law.ParseRef: a code abbreviation, a space and
// a section number.
func checkOffense(s string) error {
	code, section, ok := strings.Cut(s, " ")
	if !ok || len(code) < 2 || strings.ToUpper(code) != code || section == "" || section[0] < '0' || section[0] > '9' {
		return fmt.Errorf("%q is not an offense like \"PC 459\" or \"VC 23152(a)\"", s)
	}
	return nil
}

func testOptions() Options { return Options{CheckOffense: checkOffense} }

func TestFullFile(t *testing.T) {
	f, err := Load("testdata/full.toml", testOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := date.MustParse
	tru := true
	checks := []struct {
		name      string
		got, want any
	}{
		{"Path", f.Path, "testdata/full.toml"},
		{"AsOf", f.AsOf, d("2026-11-26")},
		{"Petitioner.Name", f.Petitioner.Name, "Maria Elena Lopez"},
		{"Petitioner.OtherNames", f.Petitioner.OtherNames, []string{"Maria Lopez"}},
		{"Petitioner.DOB", f.Petitioner.DOB, d("1985-04-12")},
		{"Petitioner.County", f.Petitioner.County, "Alameda"},
		{"Petitioner.CAResidentSince", f.Petitioner.CAResidentSince, d("2012-03-01")},
		{"Attorney.BarNumber", f.Attorney.BarNumber, "287654"},
		{"Status.SupervisionEnds", f.Status.SupervisionEnds, d("2027-03-01")},
		{"len(Cases)", len(f.Cases), 1},
		{"Case.ID", f.Cases[0].ID, "oak-2015"},
		{"Case.Jurisdiction", f.Cases[0].Jurisdiction, California},
		{"Case.SentenceDate", f.Cases[0].SentenceDate, d("2015-07-15")},
		{"Count", f.Cases[0].Counts, []Count{{Offense: "PC 459", Level: Felony, ReducedOn: d("2019-01-01")}}},
		{"Sentence.Kind", f.Cases[0].Sentence.Kind, KindProbation},
		{"Sentence.Suspended", f.Cases[0].Sentence.Suspended, "imposition"},
		{"Sentence.Violations", f.Cases[0].Sentence.Violations, []date.Date{d("2016-05-01")}},
		{"Sentence.CompletedOn", f.Cases[0].Sentence.CompletedOn, d("2018-07-15")},
		{"Relief", f.Cases[0].Relief, Relief{DismissedOn: d("2019-03-01"), DismissedUnder: "1203.4"}},
		{"Arrest.ID", f.Arrests[0].ID, "arrest1"},
		{"Arrest.Disposition", f.Arrests[0].Disposition, NoCharges},
		{"Arrest.RefilingBarred", f.Arrests[0].RefilingBarred, &tru},
		{"Residence", f.Residences, []Residence{{From: d("2012-03-01"), To: d("2018-05-31"), Address: "88 Pine Street", City: "Oakland", County: "Alameda", State: "CA"}}},
		{"Statement.Reasons", f.Statement.Reasons, "A conviction on her record keeps her from a nursing license."},
		{"len(Hash)", len(f.Hash), 64},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

// TestSameAsLibrary checks that the hand-written decoding fills File as
// BurntSushi/toml's own typed decoding would, for a file in canonical form.
func TestSameAsLibrary(t *testing.T) {
	data, err := os.ReadFile("testdata/full.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode("full.toml", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want File
	md, err := toml.Decode(string(data), &want)
	if err != nil {
		t.Fatal(err)
	}
	if u := md.Undecoded(); len(u) > 0 {
		t.Fatalf("library left keys undecoded: %v", u)
	}
	got.Path, got.Hash = "", ""
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("decoded differently:\n got %+v\nwant %+v", *got, want)
	}
}

func TestDefaults(t *testing.T) {
	src := `
[petitioner]
name = "Sam Doe"
county = "los angeles county"

[[cases]]
county = "san francisco"
conviction_date = 2015-06-01
  [[cases.counts]]
  offense = "PC 459"
  level = "Misdemeanor"
  [cases.sentence]
  kind = "probation"

[[cases]]
county = "SAN DIEGO County"
conviction_date = 2016-06-01
jurisdiction = "federal"
  [[cases.counts]]
  offense = "PC 459"
  level = "felony"
  [cases.sentence]
  kind = "jail"

[[arrests]]
date = 2019-02-10
county = "Alameda"
disposition = "no_charges"

[[arrests]]
id = "second"
date = 2019-02-10
county = "Alameda"
disposition = "acquitted"
`
	f, err := Decode("client.toml", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want string
	}{
		{"cases[0].id", f.Cases[0].ID, "case1"},
		{"cases[1].id", f.Cases[1].ID, "case2"},
		{"arrests[0].id", f.Arrests[0].ID, "arrest1"},
		{"arrests[1].id", f.Arrests[1].ID, "second"},
		{"cases[0].jurisdiction", f.Cases[0].Jurisdiction, California},
		{"cases[1].jurisdiction", f.Cases[1].Jurisdiction, Federal},
		{"cases[0].sentence.suspended", f.Cases[0].Sentence.Suspended, "imposition"},
		{"cases[1].sentence.suspended", f.Cases[1].Sentence.Suspended, ""},
		{"cases[0].county", f.Cases[0].County, "San Francisco"},
		{"cases[1].county (federal: kept as written)", f.Cases[1].County, "SAN DIEGO County"},
		{"petitioner.county", f.Petitioner.County, "Los Angeles"},
		{"cases[0].counts[0].level", f.Cases[0].Counts[0].Level, Misdemeanor},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if !f.Cases[0].SentenceDate.IsZero() {
		t.Errorf("sentence_date defaulted to %s; JudgmentDate handles the default", f.Cases[0].SentenceDate)
	}
}

// TestBadFiles checks each testdata/bad/NAME.toml against NAME.want, the
// exact text of the error. Run with -update to rewrite the .want files.
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := errorText(t, data)
			golden.Check(t, strings.TrimSuffix(file, ".toml")+".want", []byte(got))
		})
	}
}

// errorText decodes data and returns the error text, one problem a line.
func errorText(t *testing.T, data []byte) string {
	t.Helper()
	f, err := decode("client.toml", data, testOptions())
	if err == nil {
		t.Fatalf("decoded without error: %+v", f)
	}
	var e *Errors
	if !errors.As(err, &e) {
		t.Fatalf("error is %T, want *Errors: %v", err, err)
	}
	if f != nil {
		t.Errorf("got a File along with errors")
	}
	return err.Error() + "\n"
}

// TestGeneratedBadFiles covers inputs too big to keep in testdata.
func TestGeneratedBadFiles(t *testing.T) {
	const head = "[petitioner]\nname = \"Sam Doe\"\n"
	const aCase = "[[cases]]\ncounty = \"Alameda\"\nconviction_date = 2015-06-01\n[[cases.counts]]\noffense = \"PC 459\"\nlevel = \"felony\"\n"
	huge := head + "# " + strings.Repeat("x", 5<<20) + "\n" + aCase
	tests := []struct {
		name string
		src  string
		want string
	}{
		{
			"huge file",
			huge,
			fmt.Sprintf("client.toml: the file is %d bytes; a case file may be at most 1 MiB (1048576 bytes)\n", len(huge)),
		},
		{
			"huge name",
			"[petitioner]\nname = \"" + strings.Repeat("x", 20_000) + "\"\n" + aCase,
			"client.toml:2: petitioner.name: the text is too long (20000 bytes); at most 10000 are allowed here\n",
		},
		{
			"huge statement",
			head + aCase + "[statement]\nreasons = '''" + strings.Repeat("y", 50_001) + "'''\n",
			"client.toml:10: statement.reasons: the text is too long (50001 bytes); at most 50000 are allowed here\n",
		},
		{
			"deeply nested arrays",
			head + "x = " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n",
			"client.toml:3: lists or tables are nested more than 16 levels deep; a case file never needs that\n",
		},
		{
			"deeply nested inline tables",
			head + "x = " + strings.Repeat("{a=", 50_000) + "1" + strings.Repeat("}", 50_000) + "\n",
			"client.toml:3: lists or tables are nested more than 16 levels deep; a case file never needs that\n",
		},
		{
			"unclosed nesting",
			head + "x = " + strings.Repeat("[{a=", 50_000) + "\n",
			"client.toml:3: lists or tables are nested more than 16 levels deep; a case file never needs that\n",
		},
		{
			"long dotted key",
			head + strings.Repeat("a.", 100_000) + "b = 1\n",
			"client.toml:3: a key or table name has more than 16 dotted parts; a case file never needs that many\n",
		},
		{
			"long table name",
			head + "[" + strings.Repeat("a.", 100_000) + "b]\n",
			"client.toml:3: a key or table name has more than 16 dotted parts; a case file never needs that many\n",
		},
		{
			"too many cases",
			head + strings.Repeat(aCase, 201),
			"client.toml:3: cases: has 201 entries; at most 200 are allowed\n",
		},
		{
			"too many counts",
			head + aCase + strings.Repeat("[[cases.counts]]\noffense = \"PC 484\"\nlevel = \"misdemeanor\"\n", 200),
			"client.toml:6: cases[0].counts: has 201 entries; at most 200 are allowed\n",
		},
		{
			"too many list items",
			head + aCase + "[cases.sentence]\nviolations = [" + strings.Repeat("2016-01-01, ", 201) + "]\n",
			"client.toml:10: cases[0].sentence.violations: has 201 entries; at most 200 are allowed\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errorText(t, []byte(tt.src)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("[petitioner]\nname = \"Sam Doe\"\n")
	for i := range 150 {
		fmt.Fprintf(&b, "junk%03d = 1\n", i)
	}
	_, err := Decode("client.toml", []byte(b.String()), Options{})
	var e *Errors
	if !errors.As(err, &e) {
		t.Fatalf("got %v", err)
	}
	if n := len(e.Problems); n != maxProblems+1 {
		t.Fatalf("%d problems, want %d", n, maxProblems+1)
	}
	last := e.Problems[maxProblems].String()
	if want := "client.toml: … and 51 more problems; fix the ones above first"; last != want {
		t.Errorf("last problem = %q, want %q", last, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(big, make([]byte, maxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
		is   error
	}{
		{filepath.Join(dir, "missing.toml"), filepath.Join(dir, "missing.toml") + ": cannot read the file: no such file or directory", fs.ErrNotExist},
		{dir, dir + ": this is a folder, not a case file", nil},
		{big, big + ": the file is 1048577 bytes; a case file may be at most 1 MiB (1048576 bytes)", nil},
	}
	for _, tt := range tests {
		f, err := Load(tt.path, Options{})
		var e *Errors
		if f != nil || !errors.As(err, &e) {
			t.Errorf("Load(%s) = %v, %v; want *Errors", tt.path, f, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Load(%s) error:\n%s\nwant:\n%s", tt.path, err, tt.want)
		}
		if tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Load(%s): errors.Is(err, %v) = false", tt.path, tt.is)
		}
	}
}

func TestAsOfOption(t *testing.T) {
	src := []byte(`
as_of = 2030-01-01
[petitioner]
name = "Sam Doe"
[[cases]]
county = "Alameda"
conviction_date = 2020-06-01
  [[cases.counts]]
  offense = "PC 459"
  level = "felony"
`)
	if _, err := Decode("client.toml", src, Options{}); err != nil {
		t.Errorf("with the file's as_of: %v", err)
	}
	_, err := Decode("client.toml", src, Options{AsOf: date.MustParse("2019-01-01")})
	want := "client.toml:7: cases[0].conviction_date: 2020-06-01 is after the as-of date 2019-01-01; a conviction cannot be later than the day the file is judged on"
	if err == nil || err.Error() != want {
		t.Errorf("with Options.AsOf:\n%v\nwant:\n%s", err, want)
	}
}

func TestDecodeRecoversPanics(t *testing.T) {
	src := []byte("[petitioner]\nname = \"Sam\"\n[[cases]]\ncounty = \"Alameda\"\nconviction_date = 2015-06-01\n[[cases.counts]]\noffense = \"PC 459\"\nlevel = \"felony\"\n")
	_, err := Decode("client.toml", src, Options{CheckOffense: func(string) error { panic("boom") }})
	want := "client.toml: internal error while reading the file (please report it): boom"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestLineIndex(t *testing.T) {
	src := `as_of = 2026-11-26 # comment [x]
[petitioner]
name = "a # not a comment"
other_names = [
  "b",   # first
  'c]',
]
note = """
[[cases]]
x = 1
"""

[[cases]]
id = "one"
sentence.kind = "jail"
  [[cases.counts]]
  offense = "PC 1"
  [[cases.counts]]
  offense = 'PC 2'
  [cases.sentence]
  violations = [2016-01-01,
    2017-01-01]

[[cases]]
counts = [
  { offense = "PC 3", level = "felony" },
  {
    offense = "PC 4",
  },
]
"quoted key" = 1
[[arrests]]
`
	x := indexLines(src)
	if x.limit != "" {
		t.Fatal(x.limit)
	}
	tests := []struct {
		path string
		line int
	}{
		{"as_of", 1},
		{"petitioner", 2},
		{"petitioner.name", 3},
		{"petitioner.other_names", 4},
		{"petitioner.other_names[0]", 5},
		{"petitioner.other_names[1]", 6},
		{"petitioner.note", 8},
		{"cases", 13},
		{"cases[0]", 13},
		{"cases[0].id", 14},
		{"cases[0].sentence", 15},
		{"cases[0].sentence.kind", 15},
		{"cases[0].counts[0]", 16},
		{"cases[0].counts[0].offense", 17},
		{"cases[0].counts[1].offense", 19},
		{"cases[0].sentence.violations", 21},
		{"cases[0].sentence.violations[1]", 22},
		{"cases[1]", 24},
		{"cases[1].counts[0].level", 26},
		{"cases[1].counts[1]", 27},
		{"cases[1].counts[1].offense", 28},
		{`cases[1]."quoted key"`, 31},
		{"arrests[0]", 32},
	}
	for _, tt := range tests {
		if pos, ok := x.at[tt.path]; !ok || pos.line != tt.line {
			t.Errorf("%s: line %d (found %v), want %d", tt.path, pos.line, ok, tt.line)
		}
	}
	if x.depth != 2 {
		t.Errorf("depth = %d, want 2", x.depth)
	}
	// Fallback to the nearest parent.
	p := keyPath{{name: "cases", index: -1}, {index: 0}, {name: "counts", index: -1}, {index: 1}, {name: "level", index: -1}}
	if got := x.line(p); got != 18 {
		t.Errorf("line(%s) = %d, want 18", p, got)
	}
	if got := x.line(keyPath{{name: "nothing", index: -1}}); got != 0 {
		t.Errorf("line(nothing) = %d, want 0", got)
	}
}

func TestCounties(t *testing.T) {
	if n := len(californiaCounties()); n != 58 {
		t.Fatalf("%d counties, want 58", n)
	}
	tests := []struct{ in, want, suggest string }{
		{"Alameda", "Alameda", ""},
		{"alameda county", "Alameda", ""},
		{"  San   Luis Obispo  County ", "San Luis Obispo", ""},
		{"CONTRA COSTA", "Contra Costa", ""},
		{"Los Angelas", "", "Los Angeles"},
		{"San Fransisco County", "", "San Francisco"},
		{"Cook", "", ""},
		{"County", "", ""},
	}
	for _, tt := range tests {
		got, ok := normalizeCounty(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("normalizeCounty(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if tt.want == "" {
			if s := closestCounty(tt.in); s != tt.suggest {
				t.Errorf("closestCounty(%q) = %q, want %q", tt.in, s, tt.suggest)
			}
		}
	}
}

func TestIDRules(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"oak-2015", true},
		{"case_1.a", true},
		{"_x", true},
		{"9", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"a/b", false},
		{`a\b`, false},
		{"..", false},
		{"a..b", false},
		{".hidden", false},
		{"-rf", false},
		{"a b", false},
		{"café", false},
	}
	for _, tt := range tests {
		if msg := idProblem(tt.id, "dismissal"); (msg == "") != tt.ok {
			t.Errorf("idProblem(%q) = %q, want ok=%v", tt.id, msg, tt.ok)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"name", "nmae", 1},
		{"name", "names", 1},
		{"kitten", "sitting", 3},
		{"abc", "", 3},
	}
	for _, tt := range tests {
		if got := suggest.Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "c.toml", Msg: "m"}, "c.toml: m"},
		{Problem{File: "c.toml", Line: 3, Msg: "m"}, "c.toml:3: m"},
		{Problem{File: "c.toml", Line: 3, Col: 9, Msg: "m"}, "c.toml:3:9: m"},
		{Problem{File: "c.toml", Line: 3, Key: "a.b", Msg: "m"}, "c.toml:3: a.b: m"},
		{Problem{File: "c.toml", Col: 9, Msg: "m"}, "c.toml: m"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}
