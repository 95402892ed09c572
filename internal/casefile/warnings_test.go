package casefile

import (
	"strings"
	"testing"
)

// TestWarnings: a violation dated after probation ended and an offense the
// caller's WarnOffense doubts are warnings, each with its line and key; the
// file still loads. Probation ends on terminated_early_on when it came
// first, else on probation_end.
func TestWarnings(t *testing.T) {
	const src = `[petitioner]
name = "A"

[[cases]]
county = "Alameda"
conviction_date = 2010-01-01

  [[cases.counts]]
  offense = "PC 459(c)"
  level = "felony"

  [cases.sentence]
  kind = "probation"
  probation_end = 2013-01-01
  terminated_early_on = 2012-01-01
  violations = [2011-06-01, 2012-06-01]

[[cases]]
county = "Alameda"
conviction_date = 2014-01-01

  [[cases.counts]]
  offense = "PC 459"
  level = "felony"

  [cases.sentence]
  kind = "probation"
  probation_end = 2016-01-01
  violations = [2016-01-01]
`
	opt := testOptions()
	opt.WarnOffense = func(s string) string {
		if s == "PC 459(c)" {
			return "no such subdivision"
		}
		return ""
	}
	f, err := Decode("client.toml", []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range f.Warnings {
		got = append(got, w.Warning())
	}
	want := []string{
		"client.toml:9: warning: cases[0].counts[0].offense: no such subdivision",
		"client.toml:16: warning: cases[0].sentence.violations[1]: 2012-06-01 is after probation ended (terminated_early_on = 2012-01-01); check the date, or record the extension or revocation that kept probation going",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoWarningsWithoutCause: a violation on the last day of probation is
// within it, and a file without probation dates has nothing to compare.
func TestNoWarningsWithoutCause(t *testing.T) {
	const src = `[petitioner]
name = "A"
[[cases]]
county = "Alameda"
conviction_date = 2010-01-01
[[cases.counts]]
offense = "PC 459"
level = "felony"
[cases.sentence]
kind = "probation"
violations = [2011-06-01]
`
	f, err := Decode("client.toml", []byte(src), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("unexpected warnings: %v", f.Warnings)
	}
}
