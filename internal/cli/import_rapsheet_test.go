package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/pdf"
)

// TestImportRapsheetPDF imports a folder holding a two-page text-layer PDF
// sheet (drawn with relief's own writer): the case file names the page of
// each value, loads with relief check, and a second run without --force
// writes nothing.
func TestImportRapsheetPDF(t *testing.T) {
	sheet := []string{
		"TO:CLETS  RE: QHY.CA0349400.20000100.DOJRAP  DATE:20261001 TIME:09:00:00",
		"CII/A99000100", "DOB/19900101 SEX/F", "NAM/01 PAPER,PAT", "* * * *",
		"COURT: NAM:01", "20160510  CASC LOS ANGELES", "CNT:01 #BA000100",
		"11377(A) HS-POSSESS CONTROLLED SUBSTANCE", "*DISPO:CONVICTED",
		// page break inside the count
		"CONV STATUS:MISDEMEANOR", "SEN: 3 YEARS PROBATION,", "30 DAYS JAIL, FINE",
		"* * * END OF MESSAGE * * *",
	}
	var doc drawlist.Doc
	for p, lines := range [][]string{sheet[:10], sheet[10:]} {
		page := drawlist.Page{Width: 612, Height: 792}
		for i, l := range append(append([]string{sheet[0]}, lines...), "PAGE "+string(rune('1'+p))+" OF 2") {
			if p == 0 && i == 0 {
				continue // the header is the first line of page 1 already
			}
			page.Ops = append(page.Ops, drawlist.Op{Kind: drawlist.Text, X: 36, Y: 40 + float64(i)*12, Face: fonts.Sans, Size: 9, Text: l})
		}
		doc.Pages = append(doc.Pages, page)
	}
	data, err := pdf.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "paper.pdf"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	run := func() (string, string, error) {
		var o, e bytes.Buffer
		opts := &ImportRapsheetOptions{Env: Env{Streams: Streams{Out: &o, Err: &e}, Now: noClock(t)}, Paths: []string{in}, OutDir: out, AsOf: "2026-11-26"}
		err := importRapsheetRun(opts)
		return o.String(), e.String(), err
	}
	stdout, stderr, err := run()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "paper-pat.toml") || !strings.Contains(stdout, "1 case, 0 arrests") {
		t.Errorf("stdout = %q", stdout)
	}
	b, err := os.ReadFile(filepath.Join(out, "paper-pat.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`level = "misdemeanor"  # page 2, line 2: CONV STATUS:MISDEMEANOR`, // line 1 is the repeated header
		`offense = "HS 11377(a)"  # page 1, line 9:`,
		"# probation_end = 2019-05-10  # scheduled, not proven",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("case file lacks %q:\n%s", want, b)
		}
	}
	var rep bytes.Buffer
	copts := &CheckOptions{Env: Env{Streams: Streams{Out: &rep, Err: &rep}, Now: noClock(t)}, Paths: []string{filepath.Join(out, "paper-pat.toml")}}
	if err := checkRun(copts); err != nil {
		t.Fatalf("check: %v\n%s", err, rep.String())
	}
	if !strings.Contains(rep.String(), "Dismissal after probation (PC 1203.4): ATTORNEY REVIEW") {
		t.Errorf("check report:\n%s", rep.String())
	}
	if _, _, err := run(); err == nil {
		t.Error("a second import without --force replaced the file")
	}
}

// TestRapsheetExample re-imports examples/rapsheet-import/sheet.txt and
// compares the result with imported.toml, then checks that case.toml (the
// file after the attorney's confirmations, which the example goldens draft
// into packets) keeps every imported value and table exactly, in order.
func TestRapsheetExample(t *testing.T) {
	dir := "../../examples/rapsheet-import"
	out := t.TempDir()
	var o, e bytes.Buffer
	opts := &ImportRapsheetOptions{Env: Env{Streams: Streams{Out: &o, Err: &e}, Now: noClock(t)},
		Paths: []string{filepath.Join(dir, "sheet.txt")}, OutDir: out, ID: "imported", AsOf: "2026-11-26"}
	if err := importRapsheetRun(opts); err != nil {
		t.Fatalf("%v\n%s", err, e.String())
	}
	got, err := os.ReadFile(filepath.Join(out, "imported.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// The header names the sheet as given; the golden is written from
	// inside the example folder.
	got = bytes.ReplaceAll(got, []byte(filepath.Join(dir, "sheet.txt")), []byte("sheet.txt"))
	golden.Check(t, filepath.Join(dir, "imported.toml"), got)

	confirmed, err := os.ReadFile(filepath.Join(dir, "case.toml"))
	if err != nil {
		t.Fatal(err)
	}
	rest := string(confirmed)
	for _, l := range strings.Split(string(got), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if strings.HasPrefix(l, "unconfirmed = true") {
			// Removed by the attorney once the arrest is checked: the
			// confirmed file must not keep it.
			if strings.Contains(string(confirmed), "\nunconfirmed = true") {
				t.Errorf("case.toml, the confirmed file, still says unconfirmed = true")
			}
			continue
		}
		i := strings.Index(rest, "\n"+l+"\n")
		if i < 0 {
			t.Errorf("case.toml lost or reordered the imported line %q", l)
			continue
		}
		rest = rest[i+len(l)+1:]
	}
}
