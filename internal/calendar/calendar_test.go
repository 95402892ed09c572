package calendar

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// component is one parsed BEGIN…END block.
type component struct {
	Name  string
	Props []prop
	Subs  []*component
}

type prop struct {
	Name, Params, Value string
}

func (c *component) get(name string) []prop {
	var out []prop
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

var reName = regexp.MustCompile(`^[A-Z][A-Z0-9-]*$`)

// parseICS is a strict RFC 5545 reader for what Encode writes: every line
// ends in CRLF, no physical line is longer than 75 octets, folds start
// with one space, names are upper-case, BEGIN and END nest, and TEXT
// escapes are valid. It returns the VCALENDAR component.
func parseICS(b []byte) (*component, error) {
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("not UTF-8")
	}
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		return nil, fmt.Errorf("does not end in CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.ContainsAny(l, "\r\n") {
			return nil, fmt.Errorf("line %d: bare CR or LF", i+1)
		}
		if len(l) > 75 {
			return nil, fmt.Errorf("line %d: %d octets, more than 75", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("line %d: folded inside a UTF-8 character", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				return nil, fmt.Errorf("line %d: continuation with nothing before it", i+1)
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []*component
	var root *component
	for i, l := range lines {
		colon := strings.IndexByte(l, ':')
		if colon < 0 {
			return nil, fmt.Errorf("content line %d has no colon: %q", i+1, l)
		}
		name, value := l[:colon], l[colon+1:]
		params := ""
		if semi := strings.IndexByte(name, ';'); semi >= 0 {
			name, params = name[:semi], name[semi+1:]
		}
		if !reName.MatchString(name) {
			return nil, fmt.Errorf("content line %d: bad name %q", i+1, name)
		}
		switch name {
		case "BEGIN":
			c := &component{Name: value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Subs = append(top.Subs, c)
			} else if root != nil {
				return nil, fmt.Errorf("content line %d: a second top-level component", i+1)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != value {
				return nil, fmt.Errorf("content line %d: END:%s does not close the open component", i+1, value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("content line %d: property outside a component", i+1)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, prop{name, params, value})
		}
	}
	if len(stack) != 0 || root == nil || root.Name != "VCALENDAR" {
		return nil, fmt.Errorf("not one closed VCALENDAR")
	}
	return root, nil
}

// unescape reads a TEXT value, failing on an escape RFC 5545 does not
// define or an unescaped comma or semicolon.
func unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 == len(s) {
				return "", fmt.Errorf("trailing backslash in %q", s)
			}
			i++
			switch s[i] {
			case '\\', ';', ',':
				b.WriteByte(s[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("bad escape \\%c in %q", s[i], s)
			}
		case ',', ';':
			return "", fmt.Errorf("unescaped %q in %q", c, s)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func names(r string) string { return "Remedy " + r }

func report() *eligibility.Report {
	on := date.MustParse("2027-05-20")
	return &eligibility.Report{
		AsOf: date.MustParse("2026-11-26"),
		Cases: []eligibility.Case{{ID: "sj-2024", CaseNumber: "C2401234", County: "Santa Clara", Counts: []eligibility.Count{
			{Index: 1, Remedies: []eligibility.Finding{
				{Remedy: "1203.4", Outcome: eligibility.NotYet, EligibleOn: on, Next: "Wait until 2027-05-20, or ask to end probation early; then file."},
				{Remedy: "17b", Outcome: eligibility.Discretionary},
			}},
			{Index: 2, Remedies: []eligibility.Finding{{Remedy: "1203.4", Outcome: eligibility.NotYet, EligibleOn: on}}},
		}}},
		Arrests: []eligibility.Arrest{{ID: "a1", Date: date.MustParse("2025-01-20"), Remedies: []eligibility.Finding{
			{Remedy: "851.91", Outcome: eligibility.NotYet, EligibleOn: date.MustParse("2029-01-21")},
		}}},
		Person: eligibility.Person{Remedies: []eligibility.Finding{{Remedy: "cor", Outcome: eligibility.Review, EligibleOn: date.MustParse("2031-05-20")}}},
	}
}

// TestEncodeParses writes a calendar with long, accented, comma- and
// semicolon-laden text and reads it back with the strict parser: every
// not_yet date is an all-day event with its title and description intact.
func TestEncodeParses(t *testing.T) {
	name := "José Ñúñez-Álvarez; also \"Pepe\", of Oxnard\\Ventura"
	evs := Events(Person{Name: name, Report: report()}, names)
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2 (counts 1 and 2 share one; review and discretionary are not dates): %+v", len(evs), evs)
	}
	b := Encode("Clinic: "+name, evs)
	cal, err := parseICS(b)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	for _, want := range []string{"VERSION", "PRODID"} {
		if len(cal.get(want)) != 1 {
			t.Errorf("VCALENDAR has %d %s", len(cal.get(want)), want)
		}
	}
	if len(cal.Subs) != len(evs) {
		t.Fatalf("%d VEVENTs, want %d", len(cal.Subs), len(evs))
	}
	wantDates := [][2]string{{"20270520", "20270521"}, {"20290121", "20290122"}}
	for i, ev := range cal.Subs {
		if ev.Name != "VEVENT" {
			t.Fatalf("component %q", ev.Name)
		}
		for _, req := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"} {
			if n := len(ev.get(req)); n != 1 {
				t.Errorf("event %d has %d %s", i, n, req)
			}
		}
		if p := ev.get("DTSTART")[0]; p.Params != "VALUE=DATE" || p.Value != wantDates[i][0] {
			t.Errorf("event %d DTSTART %+v, want the all-day date %s", i, p, wantDates[i][0])
		}
		if p := ev.get("DTEND")[0]; p.Value != wantDates[i][1] {
			t.Errorf("event %d DTEND %s, want the next day", i, p.Value)
		}
		if got := ev.get("DTSTAMP")[0].Value; got != "20261126T000000Z" {
			t.Errorf("DTSTAMP %s, want the as-of date", got)
		}
		sum, err := unescape(ev.get("SUMMARY")[0].Value)
		if err != nil {
			t.Fatal(err)
		}
		if sum != evs[i].Summary {
			t.Errorf("summary read back as %q, want %q", sum, evs[i].Summary)
		}
		desc, err := unescape(ev.get("DESCRIPTION")[0].Value)
		if err != nil {
			t.Fatal(err)
		}
		if desc != evs[i].Description {
			t.Errorf("description read back as %q, want %q", desc, evs[i].Description)
		}
	}
	if s := evs[0].Summary; !strings.Contains(s, name) || !strings.Contains(s, "case C2401234") || !strings.Contains(s, "counts 1, 2") || !strings.Contains(s, "Remedy 1203.4") {
		t.Errorf("title %q lacks the client, case, counts or remedy", s)
	}
	if !strings.Contains(evs[0].Description, "What to file: a petition for dismissal") {
		t.Errorf("description %q does not say what to file", evs[0].Description)
	}
	if !bytes.Equal(b, Encode("Clinic: "+name, Events(Person{Name: name, Report: report()}, names))) {
		t.Error("the same input gave different bytes")
	}
}

// TestUIDStable: the UID does not depend on the date or the as-of date (a
// moved date updates the event), but does on the client and the remedy.
func TestUIDStable(t *testing.T) {
	a := Events(Person{Name: "Ana", Report: report()}, names)
	r := report()
	r.AsOf = date.MustParse("2027-01-05")
	r.Cases[0].Counts[0].Remedies[0].EligibleOn = date.MustParse("2027-06-01")
	r.Cases[0].Counts[1].Remedies[0].EligibleOn = date.MustParse("2027-06-01")
	b := Events(Person{Name: "Ana", Report: r}, names)
	if a[0].UID != b[0].UID {
		t.Errorf("UID changed with the date: %s, %s", a[0].UID, b[0].UID)
	}
	c := Events(Person{Name: "Ana B", Report: report()}, names)
	if a[0].UID == c[0].UID || a[0].UID == a[1].UID {
		t.Error("two different events share a UID")
	}
}

// TestFold checks folding at the octet limit on its own, with a
// two-octet character straddling it.
func TestFold(t *testing.T) {
	var b strings.Builder
	s := "SUMMARY:" + strings.Repeat("a", 66) + "ñ" + strings.Repeat("b", 200)
	fold(&b, s)
	for _, l := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("bad folded line %q (%d octets)", l, len(l))
		}
	}
	if got := strings.ReplaceAll(b.String(), "\r\n ", ""); got != s+"\r\n" {
		t.Error("unfolding does not give the line back")
	}
	if got := escape("a,b;c\\d\ne\x01"); got != `a\,b\;c\\d\ne ` {
		t.Errorf("escape = %q", got)
	}
}

// TestExampleCalendarsParse reads every example's calendar.ics (the
// goldens relief calendar writes) with the strict parser.
func TestExampleCalendarsParse(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/*/calendar.ics")
	if len(paths) < 4 {
		t.Fatalf("only %d example calendars", len(paths))
	}
	events := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cal, err := parseICS(b)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, ev := range cal.Subs {
			for _, name := range []string{"SUMMARY", "DESCRIPTION"} {
				for _, pr := range ev.get(name) {
					if _, err := unescape(pr.Value); err != nil {
						t.Errorf("%s: %s: %v", p, name, err)
					}
				}
			}
			events++
		}
	}
	if events == 0 {
		t.Error("no example calendar has an event")
	}
}
