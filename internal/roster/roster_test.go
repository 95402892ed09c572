package roster

import (
	"errors"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/law"
)

var asOf = date.MustParse("2026-11-26")

func opts() casefile.Options {
	return casefile.Options{AsOf: asOf, CheckOffense: func(s string) error {
		_, err := law.ParseRef(s)
		return err
	}}
}

func parse(t *testing.T, src string) *Roster {
	t.Helper()
	ro, err := Parse("roster.csv", strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return ro
}

// problems returns the messages of err, which must be an *Errors.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var re *Errors
	if !errors.As(err, &re) {
		t.Fatalf("error %v (%T) is not an *Errors", err, err)
	}
	var out []string
	for _, p := range re.Problems {
		out = append(out, p.String())
	}
	return out
}

func wantProblems(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const good = "\ufeffPerson_ID, name ,dob,case_id,county,conviction_date,offense,level,sentence_kind,probation_end,violations,mandatory_supervision,statement_reasons,as_of\n" +
	"p1,Ann One,1980-01-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,probation,2018-07-15,2016-01-01; 2016-02-02,,\"Two\nlines, \"\"quoted\"\"\",2026-11-26\n" +
	"p2,Bo Two,1981-01-02,c1,Fresno,2012-01-01,PC 484(a),misdemeanor,jail,,,no,,\n" +
	"\n" +
	",,,,,,,,,,,,,\n" +
	"p1,,,c1,,,PC 148(a)(1),misdemeanor,,,,,,\n" +
	"p1,Ann One,,c2,Alameda,2019-03-04,HS 11378,felony,jail_1170h,,,yes,,\n"

func TestParseGood(t *testing.T) {
	ro := parse(t, good)
	if len(ro.Orphans) != 0 {
		t.Fatalf("orphans: %v", ro.Orphans)
	}
	if len(ro.People) != 2 {
		t.Fatalf("%d people, want 2", len(ro.People))
	}
	p1, p2 := ro.People[0], ro.People[1]
	// Rows are lines: the quoted cell of row 2 spans two lines, so p2 is on
	// line 4, and the blank lines (5 and 6) are skipped.
	if p1.ID != "p1" || RowRange(p1.Rows) != "2,7-8" {
		t.Errorf("p1 = %s rows %s, want p1 rows 2,7-8", p1.ID, RowRange(p1.Rows))
	}
	if p2.ID != "p2" || RowRange(p2.Rows) != "4" {
		t.Errorf("p2 = %s rows %s, want p2 rows 4", p2.ID, RowRange(p2.Rows))
	}
	for _, p := range ro.People {
		if len(p.Problems()) > 0 {
			t.Errorf("%s: %v", p.ID, p.Problems())
		}
	}
	want := `# Case file for p1, converted by relief from a roster (one CSV row per count).
as_of = 2026-11-26

[petitioner]
name = "Ann One"
dob = 1980-01-02

[[cases]]
id = "c1"
county = "Alameda"
conviction_date = 2015-06-01

  [[cases.counts]]
  offense = "PC 602"
  level = "misdemeanor"

  [[cases.counts]]
  offense = "PC 148(a)(1)"
  level = "misdemeanor"

  [cases.sentence]
  kind = "probation"
  probation_end = 2018-07-15
  violations = [2016-01-01, 2016-02-02]

[[cases]]
id = "c2"
county = "Alameda"
conviction_date = 2019-03-04

  [[cases.counts]]
  offense = "HS 11378"
  level = "felony"

  [cases.sentence]
  kind = "jail_1170h"
  mandatory_supervision = true

[statement]
reasons = "Two\nlines, \"quoted\""
`
	if got := string(p1.TOML()); got != want {
		t.Errorf("p1's case file:\n%s\nwant:\n%s", got, want)
	}
	f, err := p1.Decode(opts())
	if err != nil {
		t.Fatalf("Decode p1: %v", err)
	}
	if f.Path != "p1.toml" || len(f.Cases) != 2 || len(f.Cases[0].Counts) != 2 || f.Statement.Reasons != "Two\nlines, \"quoted\"" {
		t.Errorf("decoded p1 = %+v", f)
	}
	f2, err := p2.Decode(opts())
	if err != nil {
		t.Fatalf("Decode p2: %v", err)
	}
	if f2.Cases[0].Sentence.MandatorySupervision || !f2.AsOf.IsZero() {
		t.Errorf("decoded p2 = %+v", f2)
	}
}

// The case file is a function of the values only: other row numbers, column
// order or roster name give the same bytes (and so the same batch key).
func TestTOMLIndependentOfLayout(t *testing.T) {
	a := parse(t, "person_id,name,case_id,county,conviction_date,offense,level\nx,Ann,c1,Alameda,2015-06-01,PC 602,misdemeanor\n")
	b, err := Parse("other.csv", strings.NewReader("level,offense,conviction_date,county,case_id,name,person_id\n,,,,,,\nmisdemeanor,PC 602,2015-06-01,Alameda,c1,Ann,x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(a.People[0].TOML()) != string(b.People[0].TOML()) {
		t.Errorf("different case files:\n%s\n%s", a.People[0].TOML(), b.People[0].TOML())
	}
}

func TestParseBadHeader(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{"roster.csv: the roster is empty; it needs a header row naming its columns (person_id, name, case_id, county, conviction_date, offense, level)"}},
		{"unknown", "person_id,name,case_id,cuonty,county,conviction_date,offense,level,shoe_size\n", []string{
			`roster.csv:1: cuonty: unknown column (did you mean "county"?)`,
			"roster.csv:1: shoe_size: unknown column; the columns allowed are " + strings.Join(Columns(), ", "),
		}},
		{"missing", "person_id,name,case_id,conviction_date,offense\n", []string{
			"roster.csv:1: county: missing column; a roster needs the columns person_id, name, case_id, county, conviction_date, offense, level",
			"roster.csv:1: level: missing column; a roster needs the columns person_id, name, case_id, county, conviction_date, offense, level",
		}},
		{"twice", "person_id,name,case_id,county,conviction_date,offense,level,Name\n", []string{
			"roster.csv:1: name: the column appears twice; keep one",
		}},
		{"unnamed", "person_id,name,case_id,county,conviction_date,offense,level,\n", []string{
			"roster.csv:1: column 8 has no name; every column needs one of: " + strings.Join(Columns(), ", "),
		}},
		{"csv", "person_id,name,case_id,county,conviction_date,offense,level\np1,\"Ann,c1\n", []string{
			"roster.csv:2: cannot read the roster as CSV: extraneous or missing \" in quoted-field",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ro, err := Parse("roster.csv", strings.NewReader(tc.src))
			if err == nil {
				t.Fatalf("no error; people %v", ro.People)
			}
			wantProblems(t, problems(t, err), tc.want)
		})
	}
}

const header = "person_id,name,dob,case_id,county,conviction_date,offense,level,sentence_kind,probation_end,violations,mandatory_supervision\n"

func TestParseBadValues(t *testing.T) {
	ro := parse(t, header+
		"a,Ann,1980-01-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,probation,2018-07-15,,\n"+ // 2
		"a,Ann,1980-01-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,probation,2018-07-15,2016-02-30,maybe\n"+ // 3
		"b,Bo,1980-13-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n"+ // 4
		",Nobody,,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n"+ // 5
		"c,Cy,,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n"+ // 6
		"c,Cyrus,,,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n"+ // 7
		"../d,Di,,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n"+ // 8
		"e,Ed,,c1,Alameda,2015-06-01\n"+ // 9
		"f,Fay,,c1,Alameda,yesterday,PC 602,misdemeanor,,,,\n") // 10
	var got []string
	for _, p := range ro.Orphans {
		got = append(got, p.String())
	}
	for _, p := range ro.People {
		if _, err := p.Decode(opts()); err != nil {
			got = append(got, problems(t, err)...)
		}
	}
	wantProblems(t, got, []string{
		"roster.csv:5: person_id: missing; every row needs the id of the person it belongs to",
		`roster.csv:8: person_id: "../d" cannot name a folder or file: use only letters, digits, '-', '_' and '.', not starting with '.'`,
		"roster.csv:3: violations: 2016-02-30 is not a real date: February 2016 has 29 days; separate several dates with semicolons",
		`roster.csv:3: mandatory_supervision: "maybe" is not true or false; write true, false, yes or no, or leave it blank`,
		"roster.csv:4: dob: 1980-13-02 is not a real date: there is no month 13",
		`roster.csv:7: name: "Cyrus" differs from "Cy" on row 6; repeat the person's value on each of their rows, or leave it blank`,
		"roster.csv:7: case_id: missing; every row needs the id of the case its count belongs to (it names the PDF, like dismissal-<case_id>.pdf)",
		"roster.csv:9: has 6 fields, but the header has 12 columns",
		`roster.csv:10: conviction_date: "yesterday" is not a date; write dates as YYYY-MM-DD, like 2015-06-01`,
	})
	if n := len(ro.People); n != 5 {
		t.Errorf("%d people, want 5 (a, b, c, e, f)", n)
	}
}

// Problems casefile finds in the generated case file come back naming the
// roster's row and column.
func TestDecodeMapsProblemsToRows(t *testing.T) {
	ro := parse(t, header+
		"a,Ann,1980-01-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,probation,2018-07-15,,\n"+ // 2
		"a,,,c1,,,PC 602,felonyy,,,2014-02-03,\n"+ // 3
		"a,,,C1,Alamda,2030-06-01,,misdemeanor,probaton,,,\n"+ // 4
		"b,,2016-01-02,c1,Alameda,2015-06-01,PC 602,misdemeanor,probation,2012-07-15,,\n") // 5
	var got []string
	for _, p := range ro.People {
		_, err := p.Decode(opts())
		if err == nil {
			t.Fatalf("%s: no error", p.ID)
		}
		got = append(got, problems(t, err)...)
	}
	wantProblems(t, got, []string{
		`roster.csv:3: level: "felonyy" is not one of felony, misdemeanor, infraction`,
		"roster.csv:3: violations: 2014-02-03 is before the conviction date 2015-06-01",
		`roster.csv:4: case_id: id "C1" differs from the id "c1" of case c1 (row 2) only in upper and lower case; both would name the same file on Windows and macOS`,
		`roster.csv:4: county: "Alamda" is not a California county (did you mean "Alameda"?)`,
		"roster.csv:4: conviction_date: 2030-06-01 is after the as-of date 2026-11-26; a conviction cannot be later than the day the file is judged on",
		`roster.csv:4: offense: missing; the offense is required, like "PC 459"`,
		`roster.csv:4: sentence_kind: "probaton" is not one of probation, jail, jail_1170h, prison, fine, dej, diversion`,
		"roster.csv:5: name: missing; the petitioner's name is required",
		"roster.csv:5: dob: 2016-01-02 is after the conviction date of case c1 (2015-06-01)",
		"roster.csv:5: probation_end: 2012-07-15 is before the conviction date 2015-06-01",
	})
}

func TestTOMLString(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:     `"plain"`,
		`a "b" \ c`: `"a \"b\" \\ c"`,
		"tab\there": `"tab\there"`,
		"bell\a":    `"bell\u0007"`,
		"ünïcode":   `"ünïcode"`,
	} {
		if got := tomlString(in); got != want {
			t.Errorf("tomlString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestRowRange(t *testing.T) {
	for _, tc := range []struct {
		rows []int
		want string
	}{
		{nil, ""}, {[]int{2}, "2"}, {[]int{2, 3, 4}, "2-4"}, {[]int{2, 3, 7}, "2-3,7"}, {[]int{2, 4, 6}, "2,4,6"},
	} {
		if got := RowRange(tc.rows); got != tc.want {
			t.Errorf("RowRange(%v) = %q, want %q", tc.rows, got, tc.want)
		}
	}
}

// FuzzParse: whatever the bytes, Parse and Decode never panic, and every
// case file made from a roster is valid TOML (any problem is about values).
func FuzzParse(f *testing.F) {
	f.Add(good)
	f.Add(header + "a,\"x\"\"y\",,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n")
	for _, name := range []string{"Jane\rELIGIBLE", "J\x1b[8mane", "Nun\u0303ez", "a\u202eb", "\u05e9\u05e8", "a\u200bb", "x\u0353", strings.Repeat("long ", 3000)} {
		f.Add(header + "a,\"" + name + "\",,c1,Alameda,2015-06-01,PC 602,misdemeanor,,,,\n")
	}
	f.Add("\xff\xfep\x00e\x00r\x00")
	f.Add(header + "a,Ann,0000-01-01,c1,Alameda,0001-01-01,PC 602,misdemeanor,,,,\n")
	f.Fuzz(func(t *testing.T, src string) {
		ro, err := Parse("fuzz.csv", strings.NewReader(src))
		if err != nil {
			return
		}
		for _, p := range ro.People {
			_, err := p.Decode(opts())
			var re *Errors
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("Decode: %v", err)
			}
			if re != nil {
				for _, pr := range re.Problems {
					if strings.ContainsAny(pr.String(), "\x00\x1b\r\u202e") {
						t.Fatalf("raw control character in %q", pr.String())
					}
					if strings.Contains(pr.Msg, "syntax error") {
						t.Fatalf("generated TOML does not parse: %s\n%s", pr, p.TOML())
					}
				}
			}
		}
	})
}

// TestLanguageColumn: a clinic marks the clients who read Spanish in the
// roster, and their case files carry it, so batch --letters writes each
// letter in the client's language; a value the case file does not accept
// is reported at its row and column.
func TestLanguageColumn(t *testing.T) {
	ro := parse(t, "person_id,name,case_id,county,conviction_date,offense,level,language\n"+
		"p1,Ana Uno,c1,Fresno,2015-06-01,PC 602,misdemeanor,es\n"+
		"p2,Bea Dos,c2,Fresno,2015-06-01,PC 602,misdemeanor,fr\n")
	f, err := ro.People[0].Decode(opts())
	if err != nil {
		t.Fatal(err)
	}
	if f.Petitioner.Language != "es" {
		t.Errorf("language = %q, want es", f.Petitioner.Language)
	}
	_, err = ro.People[1].Decode(opts())
	if err == nil || !strings.Contains(err.Error(), ":3: language:") {
		t.Errorf("a language the case file refuses: %v, want it at row 3, column language", err)
	}
}
