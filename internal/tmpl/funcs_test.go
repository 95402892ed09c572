package tmpl

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/golden"
)

// forbidden pins the functions templates must not have: those that read
// the clock, the environment, randomness, the network or files, make keys,
// or depend on the operating system. Changing the list is a decision, not
// a side effect of a sprig upgrade.
var forbidden = []string{
	// clock, local time zone, sprig dates
	"now", "ago", "date", "dateInZone", "date_in_zone", "dateModify", "date_modify",
	"mustDateModify", "must_date_modify", "htmlDate", "htmlDateInZone", "toDate",
	"mustToDate", "duration", "durationRound", "unixEpoch",
	// randomness
	"randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt",
	"shuffle", "uuidv4",
	// environment, network, operating system
	"env", "expandenv", "getHostByName", "osBase", "osClean", "osDir", "osExt", "osIsAbs",
	// keys, certificates, passwords
	"bcrypt", "htpasswd", "derivePassword", "genPrivateKey", "buildCustomCert", "genCA",
	"genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert",
	"genSignedCertWithKey", "encryptAES", "decryptAES",
}

func TestForbiddenFunctions(t *testing.T) {
	if got, want := slices.Sorted(maps.Keys(removed)), slices.Sorted(slices.Values(forbidden)); !slices.Equal(got, want) {
		t.Errorf("removed = %q\nwant      %q", got, want)
	}
	names := FuncNames()
	for _, name := range forbidden {
		if slices.Contains(names, name) {
			t.Errorf("FuncNames includes %q", name)
		}
		_, err := renderBody("{{"+name+"}}", nil, Options{})
		if want := fmt.Sprintf(`doc.md.tmpl:4:3: function %q not defined; `, name); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("{{%s}}: err = %v; want %s…", name, err, want)
		}
	}
	// Everything sprig has is either kept or forbidden.
	for name := range sprig.TxtFuncMap() {
		if !slices.Contains(names, name) && !slices.Contains(forbidden, name) {
			t.Errorf("sprig's %q is neither available nor forbidden", name)
		}
	}
}

// TestFuncNames pins the whole list of functions, for the docs; run
// `go test -update` after a deliberate change.
func TestFuncNames(t *testing.T) {
	names := FuncNames()
	if !slices.IsSorted(names) || slices.Contains(names, rangeGuard) {
		t.Errorf("FuncNames = %q", names)
	}
	golden.Check(t, "testdata/funcs.golden", []byte(strings.Join(names, "\n")+"\n"))
}

func TestHelpers(t *testing.T) {
	data := map[string]any{
		"Date":  date.MustParse("2026-11-26"),
		"Unset": date.Date{},
		"Time":  time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC),
		"Yes":   true,
		"No":    false,
		"Secs":  []string{"17(b)", "1203.4"},
		"Names": []string{"Ann", "Bo", "Cy"},
		"Text":  "*bold* [link](http://x) #1 a_b <b> 1. ok! x|y ~z~ &amp; `c` {d} +e -f \\g h=i",
	}
	for _, c := range []struct{ body, want string }{
		{`{{longDate .Date}}|{{longDate "2026-11-26"}}|{{longDate .Unset}}|{{longDate ""}}|{{longDate .Time}}`, "November 26, 2026|November 26, 2026|||June 1, 2015"},
		{`{{isoDate .Date}}|{{isoDate "2015-06-01"}}|{{isoDate .Unset}}`, "2026-11-26|2015-06-01|"},
		{`{{cite "1203.4"}}|{{cite "VC 23152"}}|{{cite "HS 11350"}}|{{cite "BP 4060"}}|{{cite "WI 707"}}|{{cite "GC 6200"}}|{{cite "PC 17(b)"}}|{{cite "§ 1203.4"}}`,
			"Pen. Code, § 1203.4|Veh. Code, § 23152|Health & Saf. Code, § 11350|Bus. & Prof. Code, § 4060|Welf. & Inst. Code, § 707|Gov. Code, § 6200|Pen. Code, § 17(b)|Pen. Code, § 1203.4"},
		{`{{cites "17(b)" "1203.4"}}|{{cites .Secs}}|{{cites "1203.4"}}|{{cites "PC 1203.4" "VC 23152" "PC 17(b)"}}|{{cites}}`,
			"Pen. Code, §§ 17(b), 1203.4|Pen. Code, §§ 17(b), 1203.4|Pen. Code, § 1203.4|Pen. Code, §§ 1203.4, 17(b); Veh. Code, § 23152|"},
		{"- [{{check .Yes}}] a\n- [{{check .No}}] b", "- [x] a\n- [ ] b"},
		{`{{yesNo .Yes}} {{yesNo .No}}`, "Yes No"},
		{`{{range list 1 2 3 4 11 12 13 21 22 23 101 111 112 0 -1}}{{ordinal .}} {{end}}{{ordinal "2"}}`,
			"1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 101st 111th 112th 0th -1st 2nd"},
		{`{{oxford (list)}}|{{oxford (list "a")}}|{{oxford (list "a" "b")}}|{{oxford .Names}}`, "|a|a and b|Ann, Bo, and Cy"},
		{`{{plural 1 "count" "counts"}} {{plural 2 "count" "counts"}} {{plural 0 "count" "counts"}} {{plural .Names "name" "names"}} {{plural (len .Names) "x" "xs"}}`,
			"count counts counts names xs"},
		{`{{md .Text}}`, "\\*bold\\* \\[link\\]\\(http://x\\) \\#1 a\\_b \\<b\\> 1\\. ok\\! x\\|y \\~z\\~ \\&amp; \\`c\\` \\{d\\} \\+e \\-f \\\\g h\\=i"},
		{`{{md "plain text, with comma"}}|{{md 12}}`, "plain text, with comma|12"},
		{`{{upperFirst "élan vital"}}|{{upperFirst ""}}|{{upperFirst "x"}}`, "Élan vital||X"},
		{`{{range lines "a\r\nb\n\nc\n"}}[{{.}}]{{end}}|{{len (lines "")}}`, "[a][b][][c]|0"},
		{`{{.Missing | default "none"}}`, "none"},
		{`{{"x" | default "none"}}|{{upper "a"}}|{{join ", " (list "a" "b")}}|{{trim "  t "}}`, "x|A|a, b|t"},
	} {
		data := maps.Clone(data)
		data["Missing"] = nil
		got, err := renderBody(c.body, data, Options{})
		if err != nil || got != c.want {
			t.Errorf("%s\n got %q, %v\nwant %q", c.body, got, err, c.want)
		}
	}
}

func TestHelperErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{{longDate "2023-02-30"}}`, `longDate: "2023-02-30" is not a date in the form YYYY-MM-DD`},
		{`{{longDate 5}}`, `longDate: expected a date, got int`},
		{`{{cite ""}}`, `cite: no section given`},
		{`{{cite "PC1203.4"}}`, `cite: "PC1203.4" is not a section; write it like "1203.4" or "VC 23152"`},
		{`{{cites "1203.4" 5}}`, `cites: expected a list, got "5" (int)`},
		{`{{ordinal "first"}}`, `ordinal: expected a whole number, got "first" (string)`},
		{`{{ordinal 1.5}}`, `ordinal: expected a whole number, got "1.5" (float64)`},
		{`{{oxford 5}}`, `oxford: expected a list, got "5" (int)`},
		{`{{check "yes"}}`, `9: wrong kind of value: expected bool, found "yes"`},
		{`{{check .}}`, `9: wrong kind of value: expected bool, got map[string]interface {}`},
	} {
		_, err := renderBody(c.body, map[string]any{}, Options{})
		want := "doc.md.tmpl:4:3: " + c.want
		if strings.HasPrefix(c.want, "9:") {
			want = "doc.md.tmpl:4:" + c.want
		}
		if err == nil || err.Error() != want {
			t.Errorf("%s\n got %v\nwant %s", c.body, err, want)
		}
	}
}

// TestReplacementsMatchSprig checks that the count-limited replacements
// give sprig's answers below the limit.
func TestReplacementsMatchSprig(t *testing.T) {
	sp := sprig.TxtFuncMap()
	ours := (&run{max: defaultMaxOutput, maxValue: defaultMaxOutput}).funcs()
	call := func(m map[string]any, name string, args ...any) string {
		t.Helper()
		src := "{{" + name
		for i := range args {
			src += fmt.Sprintf(" (index .A %d)", i)
		}
		tm, err := template.New("t").Funcs(m).Parse(src + "}}")
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := tm.Execute(&b, map[string]any{"A": args}); err != nil {
			return "error: " + err.Error()
		}
		return b.String()
	}
	cases := [][]any{}
	for _, n := range []int{-3, 0, 1, 5} {
		cases = append(cases, []any{"until", n})
	}
	for _, a := range [][3]int{{0, 10, 3}, {10, 0, -3}, {0, 10, -1}, {10, 0, 1}, {5, 5, 1}, {0, 10, 0}, {-5, 5, 2}} {
		cases = append(cases, []any{"untilStep", a[0], a[1], a[2]})
	}
	for _, a := range [][]int{{}, {5}, {0}, {-2}, {1, 5}, {5, 1}, {1, 2, 10}, {10, -2, 1}, {10, 2, 1}, {1, -2, 10}, {3, 0, 3}, {1, 2, 3, 4}} {
		args := []any{"seq"}
		for _, n := range a {
			args = append(args, n)
		}
		cases = append(cases, args)
	}
	for _, a := range [][2]int{{0, 3}, {1, 100}, {3, 3}, {-1, 2}, {0, -1}} {
		cases = append(cases, []any{"substr", a[0], a[1], "hello"})
	}
	cases = append(cases,
		[]any{"repeat", 3, "ab"}, []any{"indent", 2, "a\nb"}, []any{"nindent", 2, "a"},
		[]any{"replace", "a", "xy", "banana"}, []any{"replace", "", "-", "abc"},
		[]any{"wrapWith", 3, "<br>", "aaa bbb ccc"}, []any{"regexReplaceAll", "a(n)", "banana", "[$1]"},
		[]any{"join", "-", []int{1, 2, 3}}, []any{"cat", "a", 1, nil, "b"},
		[]any{"printf", "%05.1f|%-4s|%[1]v|%%", 3.14159, "ab"}, []any{"print", 1, 2, "a", "b", 3},
		[]any{"chunk", 2, []int{1, 2, 3, 4, 5}}, []any{"uniq", []int{1, 2, 1, 3, 2}},
	)
	for _, c := range cases {
		name := c[0].(string)
		fromSprig := sp[name]
		if fromSprig == nil { // print and printf are text/template's
			fromSprig = map[string]any{"print": fmt.Sprint, "printf": fmt.Sprintf}[name]
		}
		got, want := call(ours, name, c[1:]...), call(map[string]any{name: fromSprig}, name, c[1:]...)
		if got != want {
			t.Errorf("%s %v: got %q, sprig gives %q", name, c[1:], got, want)
		}
	}
	// substr does not panic where sprig's does.
	for _, a := range [][2]int{{2, 1}, {9, 10}, {-1, -1}} {
		if got := call(ours, "substr", a[0], a[1], "hello"); got != "" {
			t.Errorf("substr %d %d: %q", a[0], a[1], got)
		}
	}
}

func TestCountLimits(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`{{until 10001}}`, `until: that would make 10001 numbers; the limit is 10,000`},
		{`{{until -10001}}`, `until: that would make 10001 numbers; the limit is 10,000`},
		{`{{untilStep -9223372036854775808 9223372036854775807 1}}`, `untilStep: that would make 18446744073709551615 numbers; the limit is 10,000`},
		{`{{untilStep 0 9223372036854775807 4611686018427387904}}`, ``},
		{`{{seq 20000}}`, `seq: that would make 20000 numbers; the limit is 10,000`},
		{`{{repeat 10001 "x"}}`, `repeat: the count 10001 is more than the limit of 10,000`},
		{`{{repeat -1 "x"}}`, `repeat: the count -1 is negative`},
		{`{{indent 100000 "x"}}`, `indent: the count 100000 is more than the limit of 10,000`},
		{`{{nindent -1 "x"}}`, `nindent: the count -1 is negative`},
		{`{{chunk 0 (list 1 2)}}`, `chunk: the chunk size must be at least 1`},
		{`{{uniq (concat (until 10000) (list 1))}}`, `uniq: the list has 10001 items, more than the limit of 10,000`},
		{`{{printf "%*d" 5 1}}`, `printf: widths given as * are not supported`},
		{`{{printf "%.20000f" 1.0}}`, `printf: width 20000 is more than the limit of 10,000`},
	} {
		_, err := renderBody(c.body, nil, Options{})
		switch want := "doc.md.tmpl:4:3: " + c.want; {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.body, err)
		case c.want != "" && (err == nil || err.Error() != want):
			t.Errorf("%s\n got %v\nwant %s", c.body, err, want)
		}
	}
	// At the limits themselves all is well.
	for _, body := range []string{`{{len (until 10000)}}`, `{{len (repeat 10000 "x")}}`, `{{range 10000}}{{end}}`, `{{len (seq 10000)}}`} {
		if _, err := renderBody(body, nil, Options{}); err != nil {
			t.Errorf("%s: %v", body, err)
		}
	}
}

func TestParseFuncsIn(t *testing.T) {
	got := parseFuncsIn([]string{`{{ upper .Name }} {{template "x"}}`, `{{ define "x" }}{{ trim " a " | lower }}{{ end }} uppercase lowered`})
	names := slices.Sorted(maps.Keys(got))
	if want := []string{"lower", "trim", "upper"}; !slices.Equal(names, want) {
		t.Errorf("functions %v, want %v", names, want)
	}
	for _, n := range names {
		if got[n] == nil {
			t.Errorf("%s has no function", n)
		}
	}
}
