package cli

import (
	"io"
	"os"
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
	asOf := date.MustParse("2026-11-26")
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := casefile.Decode("fuzz.toml", data, casefile.Options{AsOf: asOf, CheckOffense: checkOffense})
		if err != nil {
			return
		}
		r := eligibility.Check(cf, eligibility.Options{AsOf: asOf})
		writeReport(io.Discard, r, true)
		if err := writeJSON(io.Discard, r); err != nil {
			t.Fatal(err)
		}
	})
}
