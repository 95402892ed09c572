package rapsheet

import (
	"errors"
	"strings"
	"testing"
)

// TestLargeInputs feeds sheets built to be long in one dimension each. They
// once took minutes (joining a delimiter broken over 50,000 lines,
// extending a sentence over 50,000 wrapped lines); each must now finish
// quickly under the test timeout, with a case file or a typed error.
func TestLargeInputs(t *testing.T) {
	head := "CII/A1\nNAM/01 A,B\n"
	court := "COURT:\n20200101 CASC ALAMEDA\nCNT:01 #1\n459 PC-X\n*DISPO:CONVICTED\nCONV STATUS:F\n"
	for name, in := range map[string]string{
		"delimiter over many lines": head + strings.Repeat("*\n", 50000),
		"sentence over many lines":  head + "* * * *\n" + court + "SEN: 1 YEARS PROBATION,\n" + strings.Repeat("FINE,\n", 50000),
		"many count ranges":         head + "* * * *\n" + strings.Repeat(court+"CNT:01-99 #1\n459 PC-X\n*DISPO:CONVICTED\nCONV STATUS:F\n", 200),
		"many cycles":               head + strings.Repeat("* * * *\n"+court, 3000),
		"many unknown events":       head + strings.Repeat("* * * *\nFOO BAR:\n", 10000),
	} {
		t.Run(name, func(t *testing.T) {
			sh, err := Parse("large.txt", in)
			if err == nil {
				var r *Result
				r, err = Build(sh, Options{AsOf: asOf})
				if err == nil {
					load(t, r)
					return
				}
			}
			var nothing *NothingError
			var large *TooLargeError
			if !errors.As(err, &nothing) && !errors.As(err, &large) && !errors.Is(err, ErrNotRapSheet) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
