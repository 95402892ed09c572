package casefile

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	unorm "golang.org/x/text/unicode/norm"

	"github.com/reliefkit/relief/internal/date"

	"github.com/BurntSushi/toml"
)

// FuzzDecode checks that decoding never panics, always returns either a
// File or an *Errors with at least one problem, gives the same answer
// twice, that the limits-only scan agrees with the full line scan, and
// that the line scanner never sees deeper nesting than the TOML parser does
// (so it never refuses a valid file as too deep).
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"testdata/*.toml", "testdata/bad/*.toml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("a = [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]"))
	// Text that passes a schema but breaks a terminal or the papers, and
	// dates at and past the ends of the range.
	for _, name := range []string{`"Jane\rELIGIBLE"`, `"J\u001b[8mane"`, `"Nun\u0303ez"`, `"x\u0353"`, `"a\u202eb"`,
		`"\u05e9\u05e8\u05d4"`, `"a\u200bb"`, `"Ann\u00adMarie"`, `"\u0085"`, `"` + strings.Repeat("Ab", 6000) + `"`} {
		f.Add([]byte("[petitioner]\nname = " + name + "\ndob = 1980-01-01\n[[cases]]\ncounty = \"Alameda\"\nconviction_date = 2015-06-01\n[[cases.counts]]\noffense = \"PC 459\"\nlevel = \"felony\"\n[statement]\nreasons = \"\"\"a\n\tb\u001b\"\"\"\n"))
	}
	for _, d := range []string{"0001-01-01", "0000-01-01", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01"} {
		f.Add([]byte("as_of = " + d + "\n[petitioner]\nname = \"A\"\ndob = " + d + "\n[[arrests]]\ndate = " + d + "\ncounty = \"Alameda\"\ndisposition = \"dismissed\"\n"))
	}
	f.Add([]byte("a = [{b = [{c = 1}]}]\n'q'.\"r\" = '''x\n'''"))

	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := decode("fuzz.toml", data, Options{CheckOffense: checkOffense})
		switch {
		case err == nil && file == nil:
			t.Fatal("no File and no error")
		case err != nil && file != nil:
			t.Fatal("both a File and an error")
		case err != nil:
			var e *Errors
			if !errors.As(err, &e) {
				t.Fatalf("error is %T, want *Errors", err)
			}
			if len(e.Problems) == 0 {
				t.Fatal("*Errors without problems")
			}
			for _, p := range e.Problems {
				if p.File != "fuzz.toml" || p.Msg == "" || p.Line < 0 || p.Col < 0 {
					t.Fatalf("malformed problem %#v", p)
				}
			}
		}

		// The limits-only scan decode runs stops where the full scan does.
		full, lim := indexLines(string(data)), checkLimits(string(data))
		if lim.limit != full.limit || lim.limitPos != full.limitPos || lim.depth != full.depth {
			t.Fatalf("checkLimits = %q at %v, depth %d; indexLines = %q at %v, depth %d",
				lim.limit, lim.limitPos, lim.depth, full.limit, full.limitPos, full.depth)
		}

		if file != nil {
			acceptedValues(t, reflect.ValueOf(file).Elem(), false)
		}

		_, err2 := decode("fuzz.toml", data, Options{CheckOffense: checkOffense})
		if errText(err) != errText(err2) {
			t.Fatalf("decoding twice differs:\n%v\n---\n%v", err, err2)
		}

		if len(data) > 4096 {
			return // the parser recursion below is only safe on small inputs
		}
		if file != nil {
			// What we accept, the library's own typed decoding accepts too.
			var lib File
			if _, err := toml.Decode(string(data), &lib); err != nil {
				t.Fatalf("accepted, but toml.Decode into File fails: %v", err)
			}
		}
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err == nil {
			if got, real := indexLines(string(data)).depth, nesting(raw)-1; got > real {
				t.Fatalf("scanner saw nesting %d, the parser %d", got, real)
			}
		}
	})
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// nesting is the depth of lists and tables in a parsed value, not counting
// the top-level table.
func nesting(v any) int {
	deepest := 0
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			deepest = max(deepest, 1+nesting(e))
		}
		return max(deepest, 1)
	case []map[string]any:
		for _, e := range x {
			deepest = max(deepest, 1+nesting(e))
		}
		return max(deepest, 1)
	case []any:
		for _, e := range x {
			deepest = max(deepest, 1+nesting(e))
		}
		return max(deepest, 1)
	}
	return 0
}

// acceptedValues fails when a decoded file holds text or a date the
// decoder should have refused: text not in NFC, or holding a control
// character (a line break or tab only in [statement]), a format character
// or a soft hyphen; a date outside date.Earliest to date.Latest.
func acceptedValues(t *testing.T, v reflect.Value, multiline bool) {
	t.Helper()
	if v.Type() == reflect.TypeFor[date.Date]() {
		if d := v.Interface().(date.Date); !d.IsZero() && date.CheckRange(d) != nil {
			t.Fatalf("accepted the date %s", d)
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			acceptedValues(t, v.Elem(), multiline)
		}
	case reflect.Slice:
		for i := range v.Len() {
			acceptedValues(t, v.Index(i), multiline)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() && f.Tag.Get("toml") != "-" {
				acceptedValues(t, v.Field(i), multiline || f.Name == "Statement")
			}
		}
	case reflect.String:
		s := v.String()
		if !unorm.NFC.IsNormalString(s) {
			t.Fatalf("accepted text not in NFC: %q", s)
		}
		for _, r := range s {
			if multiline && (r == '\n' || r == '\t') {
				continue
			}
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("accepted %U in %q", r, s)
			}
		}
	}
}
