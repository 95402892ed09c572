package rapsheet

import (
	"errors"
	"os"
	"testing"
)

// FuzzParse feeds arbitrary text to the parser and the builder: neither
// may panic, and whatever Build returns must load with relief's case-file
// decoder (Build checks that itself and errors otherwise), so the only
// errors allowed are "not a RAP sheet" and "nothing to import".
func FuzzParse(f *testing.F) {
	for _, p := range sheets(f) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("CII/A1\nNAM/01 A,B\n* * * *\nCOURT:\n20200101 CASC\nCNT:1-99 #\n1 PC\n*DISPO:CONVICTED\nCONV STATUS:F\nSEN: 99999 YEARS PROBATION")
	f.Fuzz(func(t *testing.T, text string) {
		sh, err := Parse("fuzz.txt", text)
		if err != nil {
			if !errors.Is(err, ErrNotRapSheet) {
				t.Fatalf("Parse: %v", err)
			}
			return
		}
		_, err = Build(sh, Options{AsOf: asOf})
		var nothing *NothingError
		if err != nil && !errors.As(err, &nothing) {
			t.Fatalf("Build: %v", err)
		}
	})
}

// BenchmarkImport measures parsing and building one sheet (the
// revoked-and-modified sheet, two events a cycle), including the decode
// that proves the file loads.
func BenchmarkImport(b *testing.B) {
	text, err := os.ReadFile("testdata/sheets/03-revoked-modified.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		sh, err := Parse("bench.txt", string(text))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(sh, Options{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportPDF is BenchmarkImport from a three-page PDF.
func BenchmarkImportPDF(b *testing.B) {
	text, err := os.ReadFile("testdata/sheets/03-revoked-modified.txt")
	if err != nil {
		b.Fatal(err)
	}
	data := sheetPDF(b, string(text), 12)
	b.ReportAllocs()
	for b.Loop() {
		sh, err := ParsePDF("bench.pdf", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(sh, Options{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}
