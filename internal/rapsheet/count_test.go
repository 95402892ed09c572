package rapsheet

import (
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/date"
)

// courtCount parses a sheet holding one court event with the given count
// lines and returns its first count.
func courtCount(t *testing.T, lines ...string) Count {
	t.Helper()
	text := "CII/A99000999\nNAM/01 VARIANT,VAL\n* * * *\nCOURT: NAM:01\n20200101  CASC ALAMEDA\nCNT:01 #V1\n" + strings.Join(lines, "\n") + "\n* * * END OF MESSAGE * * *\n"
	sh, err := Parse("variant.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Cycles) != 1 || len(sh.Cycles[0].Events) != 1 || len(sh.Cycles[0].Events[0].Counts) == 0 {
		t.Fatalf("parsed %+v", sh.Cycles)
	}
	return sh.Cycles[0].Events[0].Counts[0]
}

// TestCountVariants covers the spellings a count takes on real-format
// sheets (rapsheet-format.md §3): flags, realignment markers, junk
// punctuation, charges in comments, dispositions and sentences in their
// OCR-damaged and comment forms.
func TestCountVariants(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		offense string
		attempt bool
		kind    DispoKind
		status  string
		senText string
	}{
		{"plain", []string{"496 PC-RECEIVE/ETC KNOWN STOLEN PROPERTY", "*DISPO:CONVICTED", "CONV STATUS:MISDEMEANOR", "SEN: 012 MONTHS PROBATION, 045 DAYS JAIL"},
			"PC 496", false, Convicted, "M", "012 MONTHS PROBATION, 045 DAYS JAIL"},
		{"flags before charge", []string{"-BENCH WARRANT         -PROBATION REVO", "11359 HS-POSSESS MARIJUANA FOR SALE", "DISPO:DISMISSED"},
			"HS 11359", false, Dismissed, "", ""},
		{"attempt flag", []string{"-ATTEMPTED", "459 PC-BURGLARY", "*DISPO:CONVICTED", "CONV STATUS:FELONY"},
			"PC 459", true, Convicted, "F", ""},
		{"664 suffix", []string{"211/664 PC-ROBBERY", "*DISPO:CONVICTED", "CONV STATUS:FELONY"},
			"PC 211", true, Convicted, "F", ""},
		{"realignment marker and punctuation", []string{".-1170 (H) PC-SENTENCING", "  .496. PC-RECEIVE/ETC KNOWN STOLEN PROPERTY", "*DISPO:CONVICTED", "CONV STATUS:FELONY"},
			"PC 496", false, Convicted, "F", ""},
		{"charge in a counted comment", []string{"SEE COMMENT FOR CHARGE", "DISPO:CONVICTED", "CONV STATUS:FELONY", "COM: SEN-X3 YR PROB, 6 MO JL WORK, $971 FINE $420 RSTN", "COM: CNT 01 CHRG-484-487 (A) PC SECOND DEGREE"},
			"PC 487(a)", false, Convicted, "F", "3 YR PROB, 6 MO JL WORK, $971 FINE $420 RSTN"},
		{"malformed charge comment", []string{" SEE. COMMENT FOR CHARGE", "DISPO:CONVICTED", "CONV STATUS:FELONY", ".COM; CHRG 490,2 PC"},
			"PC 490.2", false, Convicted, "F", ""},
		{"spaced dispo", []string{"23152(A) VC-DUI", "DI SP O:CONVICTED blah .", " CONV STATUS : FELONY"},
			"VC 23152(a)", false, Convicted, "F", ""},
		{"letters spread out", []string{"23152(A) VC-DUI", "DISPO:CO  N VI CTE D", "CONV STATUS:MISDEMEANOR"},
			"VC 23152(a)", false, Convicted, "M", ""},
		{"wrapped sentence then date", []string{"602 PC-TRESPASS", "*DISPO:CONVICTED", "CONV STATUS:MISDEMEANOR", "SEN: 012 MONTHS PROBATION, 045 DAYS JAIL, FINE, FINE SS,", "     CONCURRENT", "20130116"},
			"PC 602", false, Convicted, "M", "012 MONTHS PROBATION, 045 DAYS JAIL, FINE, FINE SS, CONCURRENT"},
		{"junk before sentence", []string{"602 PC-TRESPASS", "*DISPO:CONVICTED", "CONV STATUS:MISDEMEANOR", "' SEN: 012 MONTHS PROBATION", "- ."},
			"PC 602", false, Convicted, "M", "012 MONTHS PROBATION"},
		{"xsen comment", []string{"666 PC-PETTY THEFT WITH PRIOR", "*DISPO: CONVICTED", "CONV STATUS :MISDEMEANOR", "COM: XSEN:3 YR PROB,90 DS JL, FINE FNSS RSTN"},
			"PC 666", false, Convicted, "M", "3 YR PROB,90 DS JL, FINE FNSS RSTN"},
		{"no charge", []string{"TRAFFIC VIOLATION", "*DISPO:CONVICTED", "CONV STATUS:MISDEMEANOR", "SEN: 003 DAYS JAIL"},
			"", false, Convicted, "M", "003 DAYS JAIL"},
		{"pros rej", []string{"242 PC-BATTERY", "DISPO:PROS REJ-LACK OF SUFFICIENT EVIDENCE"}, "PC 242", false, ProsRejected, "", ""},
		{"detention only", []string{"647(F) PC-DRUNK IN PUBLIC", "DISPO:RELEASED/DETENTION ONLY"}, "PC 647(f)", false, DetentionOnly, "", ""},
		{"1385", []string{"459 PC-BURGLARY", "DISPO:DISMISSED/FURTHERANCE OF JUSTICE"}, "PC 459", false, Dismissed, "", ""},
		{"acquitted", []string{"459 PC-BURGLARY", "DISPO:ACQUITTED"}, "PC 459", false, Acquitted, "", ""},
		{"other", []string{"459 PC-BURGLARY", "DISPO:PROC SUSP/COMM MENTALLY INCOMP 1370 PC"}, "PC 459", false, OtherDisposition, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := courtCount(t, tt.lines...)
			if c.Charge.Offense != tt.offense || c.Charge.Attempt != tt.attempt {
				t.Errorf("charge = %q attempt %v (%s), want %q attempt %v", c.Charge.Offense, c.Charge.Attempt, c.Charge.Problem, tt.offense, tt.attempt)
			}
			if len(c.Dispos) == 0 {
				t.Fatal("no disposition")
			}
			d := c.Dispos[0]
			if d.Kind != tt.kind || d.Status != tt.status {
				t.Errorf("dispo = %s/%q, want %s/%q", d.Kind, d.Status, tt.kind, tt.status)
			}
			got := ""
			if d.Sentence != nil {
				got = d.Sentence.Text
			}
			if strings.TrimLeft(got, ", ") != tt.senText && strings.TrimLeft(strings.TrimPrefix(got, "X"), ", ") != tt.senText {
				t.Errorf("sentence = %q, want %q", got, tt.senText)
			}
		})
	}
}

// TestSentenceParts reads sentence parts by the rules of the format:
// a duration before PROBATION/PROB, JAIL/JL or PRISON; PRISON SS is
// suspended, not prison.
func TestSentenceParts(t *testing.T) {
	s := &Sentence{Text: "FINE SS, 012 MONTHS PROBATION, 045 DAYS JAIL, 001 YEARS PRISON, ANOTHER ONE"}
	parseSentence(s)
	if s.Probation.Months != 12 || s.Jail.Days != 45 || s.Prison.Years != 1 || !s.Fine || len(s.Other) != 1 {
		t.Errorf("%+v", s)
	}
	s = &Sentence{Text: "1 YR PRISON SS, 1 YR JL CC"}
	parseSentence(s)
	if s.Prison.Present || !s.PrisonSS || s.Jail.Years != 1 {
		t.Errorf("%+v", s)
	}
	s = &Sentence{Text: ", , JAIL"}
	parseSentence(s)
	if !s.Jail.Present || s.Jail.Known() {
		t.Errorf("bare JAIL: %+v", s)
	}
}

// TestIdentify covers every event identifier and its OCR variants.
func TestIdentify(t *testing.T) {
	for in, want := range map[string]EventKind{
		"ARR/DET/CITE: NAM:01": Arrest, "ARR/DET/CITE; NAM:01": Arrest, "RR/DET/CITE: NAM:01": Arrest, "ARR/PET/CITE: NAM:02": Arrest,
		"SUPPLEMENTAL ARR: NAM:01": Supplemental, "COURT: NAM:01": Court, "COURI: NAM:01": Court, "OURT: NAM:01": Court,
		"CUSTODY:CDC": Custody, "CUSTODY:FED & OOS": Custody, "PROBATION: NAM:01": Probation, "APPLICANT: NAM:01": Applicant,
		"MENTAL HLTH CUS/SUPV": MentalHealth, "DECEASED: NAM:01": Deceased, "REGISTRATION: NAM:01": Registration,
		"INTERST COMP PAROLEE: NAM:01": Unknown,
	} {
		got, _, ok := identify(Line{Text: clean(in)}, true)
		if !ok || got != want {
			t.Errorf("identify(%q) = %s %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"CNT:01 #123", "COM: SEN-X3 YR PROB", "ARR BY: CAPD MOUNTAIN VIEW", "20150101  CASC ALAMEDA"} {
		if _, _, ok := identify(Line{Text: clean(in)}, true); ok {
			t.Errorf("identify(%q) took a count line for an event", in)
		}
	}
}

// TestCycleDelimiters: delimiters with specks, middle dots, or one
// asterisk a line still separate cycles; a row of asterisks inside the
// personal block does not start one; a registration cycle's later events
// need no identifier.
func TestCycleDelimiters(t *testing.T) {
	text := strings.Join([]string{
		"CII/A01234557", "DOB/19681122    SEX/M  RAC/WHITE", "*********************", "NAM/01 LAST, FIRST", "02 NAME, BOB",
		"  .   * *, * *.  ", "COURT: NAM:01", "20100101 CASC FRESNO", "CNT:01 #A", "459 PC-BURGLARY", "*DISPO:CONVICTED", "CONV STATUS:FELONY",
		".,* * \u00b7* * .", "COURT: NAM:01", "20110101 CASC FRESNO", "CNT:01 #B", "602 PC-TRESPASS", "*DISPO:CONVICTED", "CONV STATUS:MISDEMEANOR",
		"*", "*", "*", "*", "REGISTRATION:", "19960101", "CNT:01 #ABCDE", "11590 HS-REGISTRATION OF CNTL SUB OFFENDER",
		"- - - -", "20030101", "CNT:01 #EFHIHJ", "290 PC-PREREGISTRATION OF SEX OFFENDER",
		"* END OF MESSAGE.", "some stuff",
	}, "\n")
	sh, err := Parse("delims.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(sh.Cycles) != 3 {
		t.Fatalf("%d cycles, want 3", len(sh.Cycles))
	}
	if got := sh.Person.Names; len(got) != 2 || got[1].Text != "NAME, BOB" || personName(got[0].Text) != "First Last" {
		t.Errorf("names = %+v", got)
	}
	if !sh.Person.Register {
		t.Error("the 290 PC event of the registration cycle was missed")
	}
}

// TestClassifyDEJDiversionProp64: the dispositions that name deferred
// entry of judgment (former Pen. Code §§ 1000-1000.3), pretrial diversion
// (§ 1001.x) or Proposition 64 (Health & Saf. Code § 11361.8) are told
// apart from plain dismissals and reductions, and a section number that
// merely contains 1000 is not DEJ.
func TestClassifyDEJDiversionProp64(t *testing.T) {
	for _, tt := range []struct {
		text    string
		kind    DispoKind
		section string
	}{
		{"DEJ GRANTED PER 1000 PC", DEJ, "granted"},
		{"DEFERRED ENTRY OF JUDGMENT", DEJ, "granted"},
		{"DISMISSED PER 1000.3 PC-DEJ COMPLETED", DEJ, "1000.3"},
		{"PROC SUSP-1000.1 PC", DEJ, "granted"},
		{"DIVERSION GRANTED PER 1001.95 PC", Diverted, "granted"},
		{"DISMISSED-DIVERSION COMPLETED 1001.95 PC", Diverted, "completed"},
		{"DISM PER 1001.36 PC", Diverted, "completed"},
		{"REDESIGNATED MISD PER 11361.8 HS (PROP 64)", Reduced, "prop64"},
		{"CONV DISMISSED AND SEALED PER 11361.8 HS", SetAside, "other"},
		{"REDESIGNATED MISD PER 1170.18 PC", Reduced, "prop47"},
		{"DISMISSED PER 11000 HS", Dismissed, ""},
		{"DISMISSED/FURTHERANCE OF JUSTICE", Dismissed, ""},
	} {
		d := classify(tt.text, Line{}, date.Date{}, Line{})
		if d.Kind != tt.kind || d.Section != tt.section {
			t.Errorf("%q: %s %q, want %s %q", tt.text, d.Kind, d.Section, tt.kind, tt.section)
		}
	}
}
