package rapsheet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/golden"
)

// asOf is the day every test imports on; no test reads the clock.
var asOf = date.MustParse("2026-11-26")

// sheets lists the synthetic sheets in testdata/sheets. None is a real
// person's record.
func sheets(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob("testdata/sheets/*.txt")
	if err != nil || len(paths) < 15 {
		tb.Fatalf("found %d sheets (%v), want at least 15", len(paths), err)
	}
	return paths
}

// importFile parses and builds one sheet as the CLI does.
func importFile(tb testing.TB, path string) (*Result, error) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	sh, err := Parse(filepath.Base(path), string(b))
	if err != nil {
		return nil, err
	}
	return Build(sh, Options{AsOf: asOf, Source: path})
}

// load decodes a built file with relief's own case-file decoder.
func load(tb testing.TB, r *Result) *casefile.File {
	tb.Helper()
	f, err := casefile.Decode(r.FileName, r.TOML, casefile.Options{CheckOffense: checkOffense})
	if err != nil {
		tb.Fatalf("%s does not load: %v\n%s", r.FileName, err, r.TOML)
	}
	return f
}

// TestGoldens compares each sheet's case file (or error) with
// testdata/golden/<sheet>.toml (or .err), and checks that every file
// loads with the case-file decoder.
func TestGoldens(t *testing.T) {
	for _, p := range sheets(t) {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		t.Run(name, func(t *testing.T) {
			r, err := importFile(t, p)
			if err != nil {
				golden.Check(t, filepath.Join("testdata", "golden", name+".err"), []byte(err.Error()+"\n"))
				return
			}
			load(t, r)
			golden.Check(t, filepath.Join("testdata", "golden", name+".toml"), r.TOML)
		})
	}
}

func mustImport(t *testing.T, name string) (*Result, *casefile.File) {
	t.Helper()
	r, err := importFile(t, filepath.Join("testdata", "sheets", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return r, load(t, r)
}

func day(s string) date.Date { return date.MustParse(s) }

// TestFacts checks, sheet by sheet, the facts each sheet states, read off
// the sheets themselves.
func TestFacts(t *testing.T) {
	t.Run("person", func(t *testing.T) {
		_, f := mustImport(t, "01-basic")
		p := f.Petitioner
		if p.Name != "Maria Elena Sample" || !p.DOB.Equal(day("1985-04-12")) {
			t.Errorf("petitioner = %q %s", p.Name, p.DOB)
		}
		if strings.Join(p.OtherNames, "|") != "Maria Sample|Maria E Example" {
			t.Errorf("other names = %q", p.OtherNames)
		}
	})
	t.Run("conviction and dismissed count", func(t *testing.T) {
		_, f := mustImport(t, "01-basic")
		if len(f.Cases) != 1 || len(f.Cases[0].Counts) != 1 {
			t.Fatalf("cases = %+v, want one case with the one convicted count", f.Cases)
		}
		c := f.Cases[0]
		if c.County != "Alameda" || c.CaseNumber != "15-CR-012345" || !c.ConvictionDate.Equal(day("2015-06-01")) {
			t.Errorf("case = %s %s %s", c.County, c.CaseNumber, c.ConvictionDate)
		}
		if n := c.Counts[0]; n.Offense != "PC 459" || n.Level != casefile.Felony {
			t.Errorf("count = %+v", n)
		}
		if c.Sentence.Kind != casefile.KindProbation || !c.Sentence.ProbationEnd.IsZero() {
			t.Errorf("sentence = %+v; a probation end computed from a length must not be a value", c.Sentence)
		}
		if len(f.Arrests) != 1 || f.Arrests[0].Disposition != casefile.NoCharges || f.Arrests[0].County != "Alameda" {
			t.Errorf("arrests = %+v, want the PROS REJ arrest as no_charges in Alameda (Oakland)", f.Arrests)
		}
	})
	t.Run("set aside", func(t *testing.T) {
		_, f := mustImport(t, "02-set-aside")
		rl := f.Cases[0].Relief
		if rl.DismissedUnder != "1203.4" || !rl.DismissedOn.Equal(day("2018-06-15")) {
			t.Errorf("relief = %+v", rl)
		}
	})
	t.Run("revoked then modified", func(t *testing.T) {
		_, f := mustImport(t, "03-revoked-modified")
		s := f.Cases[0].Sentence
		if s.Kind != casefile.KindProbation || s.Revoked || len(s.Violations) != 1 || !s.Violations[0].Equal(day("2017-08-22")) {
			t.Errorf("sentence = %+v, want reinstated probation with the revocation as a violation", s)
		}
	})
	t.Run("reductions", func(t *testing.T) {
		_, f := mustImport(t, "04-reduced")
		a, b := f.Cases[0].Counts[0], f.Cases[1].Counts[0]
		if a.ReducedUnder != "17b" || !a.ReducedOn.Equal(day("2013-02-04")) || b.ReducedUnder != "prop47" || !b.ReducedOn.Equal(day("2015-03-10")) {
			t.Errorf("reductions = %+v / %+v", a, b)
		}
		if f.Cases[1].Sentence.Kind != casefile.KindPrison {
			t.Errorf("kind = %q, want prison", f.Cases[1].Sentence.Kind)
		}
	})
	t.Run("ranges, comments, attempts", func(t *testing.T) {
		_, f := mustImport(t, "05-range-comment")
		ns := f.Cases[0].Counts
		if len(ns) != 5 {
			t.Fatalf("%d counts, want 3 from CNT:001-003 and 2 more", len(ns))
		}
		for _, n := range ns[:3] {
			if n.Offense != "HS 11359(d)" || n.Level != casefile.Misdemeanor {
				t.Errorf("range count = %+v", n)
			}
		}
		if ns[3].Offense != "PC 487(a)" || ns[4].Offense != "PC 211" || !ns[4].Attempt || ns[4].Level != casefile.Felony {
			t.Errorf("counts 4, 5 = %+v, %+v", ns[3], ns[4])
		}
	})
	t.Run("custody without court", func(t *testing.T) {
		r, f := mustImport(t, "06-custody-cdc")
		if len(f.Cases) != 1 || f.Cases[0].County != "Alameda" || f.Cases[0].Sentence.Kind != casefile.KindPrison {
			t.Fatalf("cases = %+v", f.Cases)
		}
		if r.Held != 1 || !strings.Contains(string(r.TOML), "# [[cases]]  # CUSTODY event, line 19") {
			t.Errorf("the custody event without a county must be kept, commented out (held %d)", r.Held)
		}
	})
	t.Run("registration", func(t *testing.T) {
		_, f := mustImport(t, "07-registration")
		if !f.Status.Registrant290 {
			t.Error("a REGISTRATION cycle for 290 PC must set status.registrant_290")
		}
		_, g := mustImport(t, "01-basic")
		if g.Status.Registrant290 {
			t.Error("registrant_290 set without a registration cycle")
		}
	})
	t.Run("arrest outcomes", func(t *testing.T) {
		r, f := mustImport(t, "08-detention-acquitted")
		if len(f.Arrests) != 2 || f.Arrests[0].Disposition != casefile.NoCharges || f.Arrests[1].Disposition != casefile.Acquitted {
			t.Fatalf("arrests = %+v", f.Arrests)
		}
		if a := f.Arrests[1]; !a.Charged || a.CaseNumber != "21CF00333" || !a.DispositionDate.Equal(day("2022-01-10")) || a.County != "Orange" {
			t.Errorf("acquitted arrest = %+v", a)
		}
		if r.Held != 1 {
			t.Errorf("held = %d, want the arrest with no disposition held back", r.Held)
		}
	})
	t.Run("ocr and page noise", func(t *testing.T) {
		_, f := mustImport(t, "09-ocr-noise")
		c := f.Cases[0]
		if c.County != "Riverside" || len(c.Counts) != 2 || c.Counts[0].Level != casefile.Misdemeanor || c.Counts[1].Level != casefile.Infraction {
			t.Errorf("case = %+v", c)
		}
		if c.Sentence.Kind != casefile.KindProbation {
			t.Errorf("sentence across the page break = %+v", c.Sentence)
		}
	})
	t.Run("events kept as warnings", func(t *testing.T) {
		r, f := mustImport(t, "10-events")
		if len(f.Cases) != 1 || len(f.Arrests) != 0 {
			t.Errorf("cases %d arrests %d", len(f.Cases), len(f.Arrests))
		}
		var msgs []string
		for _, w := range r.Warnings {
			msgs = append(msgs, w.String())
		}
		all := strings.Join(msgs, "\n")
		for _, want := range []string{"line 7: APPLICANT", "line 30: PROBATION", `line 36: unrecognised event "INTERST COMP PAROLEE"`, "line 39: MENTAL HLTH", "line 44: CUSTODY event with no sentence"} {
			if !strings.Contains(all, want) {
				t.Errorf("warnings lack %q:\n%s", want, all)
			}
		}
	})
	t.Run("contradictions", func(t *testing.T) {
		r, f := mustImport(t, "11-contradictions")
		if !f.Petitioner.DOB.IsZero() || !f.Cases[0].Relief.DismissedOn.IsZero() || len(f.Cases) != 1 || len(f.Arrests) != 0 {
			t.Errorf("contradicted values must stay comments: %+v", f)
		}
		for _, want := range []string{"# dob = 2020-01-01", "# dismissed_on = 2014-01-01", "# conviction_date = 2029-01-01", `event date "20151340" is not a real date`} {
			if !strings.Contains(string(r.TOML), want) {
				t.Errorf("file lacks %q", want)
			}
		}
	})
	t.Run("sentence forms", func(t *testing.T) {
		_, f := mustImport(t, "12-sentence-forms")
		want := []struct{ kind, susp string }{{"probation", "execution"}, {"probation", "imposition"}, {"fine", ""}, {"", ""}}
		for i, w := range want {
			if s := f.Cases[i].Sentence; s.Kind != w.kind || s.Suspended != w.susp {
				t.Errorf("case %d sentence = %q/%q, want %q/%q", i, s.Kind, s.Suspended, w.kind, w.susp)
			}
		}
		if f.Cases[1].County != "Kern" {
			t.Errorf("CAMC BAKERSFIELD county = %q, want Kern", f.Cases[1].County)
		}
	})
	t.Run("realigned", func(t *testing.T) {
		_, f := mustImport(t, "13-realigned")
		if f.Cases[0].Sentence.Kind != casefile.KindJail1170h {
			t.Errorf("kind = %q", f.Cases[0].Sentence.Kind)
		}
	})
	t.Run("dismissed in court", func(t *testing.T) {
		_, f := mustImport(t, "14-dismissed-court")
		a := f.Arrests[0]
		if a.Disposition != casefile.Dismissed || !a.Charged || a.RefilingBarred != nil || a.CaseNumber != "SCD190001" || len(a.Offenses) != 2 {
			t.Errorf("arrest = %+v", a)
		}
	})
}

// TestNotARapSheet: a letter is refused with a typed error naming it.
func TestNotARapSheet(t *testing.T) {
	_, err := importFile(t, "testdata/sheets/15-not-a-rapsheet.txt")
	var ne *NotRapSheetError
	if !errors.As(err, &ne) || !errors.Is(err, ErrNotRapSheet) || !strings.HasPrefix(err.Error(), "15-not-a-rapsheet.txt: ") {
		t.Fatalf("err = %v", err)
	}
	_, err = importFile(t, "testdata/sheets/16-nothing-importable.txt")
	var nothing *NothingError
	if !errors.As(err, &nothing) || nothing.Held != 3 {
		t.Fatalf("err = %v, want a NothingError with 3 held back", err)
	}
}
