package rapsheet

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the parser and the builder: neither
// may panic, and whatever Build returns must load with relief's case-file
// decoder (Build checks that itself and errors otherwise), so the only
// errors allowed are "not a RAP sheet", "nothing to import" and "too
// large for one case file".
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
		var large *TooLargeError
		if err != nil && !errors.As(err, &nothing) && !errors.As(err, &large) {
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

// BenchmarkImportLarge measures a long sheet: the cycles of every
// synthetic sheet under one personal block (about 50 cycles, 600 lines).
func BenchmarkImportLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("TO:CLETS RE: QHY.CA0349400.99.DOJRAP DATE:20261101\nCII/A99009999\nDOB/19700101 SEX/M\nNAM/01 LARGE,LEE\n")
	for _, p := range sheets(b) {
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if i := strings.Index(string(text), "* * * *"); i >= 0 {
			body := string(text)[i:]
			if j := strings.Index(body, "* * * END OF MESSAGE"); j >= 0 {
				body = body[:j]
			}
			sb.WriteString(body)
			sb.WriteString(body)
		}
	}
	sb.WriteString("* * * END OF MESSAGE * * *\n")
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		sh, err := Parse("large.txt", text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Build(sh, Options{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
}
