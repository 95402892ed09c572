package cli

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
)

// FuzzCheck runs the whole check path (decode, validate, check, report) on
// arbitrary bytes: it must never panic, whatever the file says.
func FuzzCheck(f *testing.F) {
	for _, p := range exampleCases(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, name := range []string{`"Jane\rELIGIBLE"`, `"J\u001b[8mane"`, `"Nun\u0303ez"`, `"a\u202eb"`, `"a\u200bb"`} {
		f.Add([]byte("[petitioner]\nname = " + name + "\n[[cases]]\ncounty = \"Alameda\"\ncase_number = " + name + "\nconviction_date = 2015-06-01\n[[cases.counts]]\noffense = \"PC 459\"\nlevel = \"felony\"\n"))
	}
	asOf := date.MustParse("2026-11-26")
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := casefile.Decode("fuzz.toml", data, casefile.Options{AsOf: asOf, CheckOffense: checkOffense})
		if err != nil {
			if strings.ContainsAny(err.Error(), "\x1b\r\u202e\u2066") {
				t.Fatalf("raw control character in the error: %q", err)
			}
			return
		}
		r := eligibility.Check(cf, eligibility.Options{AsOf: asOf})
		var out strings.Builder
		writeReport(&out, r, true)
		if strings.ContainsAny(out.String(), "\x1b\r\u202e\u2066") {
			t.Fatalf("the report holds a raw control character:\n%q", out.String())
		}
		if err := writeJSON(io.Discard, r); err != nil {
			t.Fatal(err)
		}
	})
}
