package rapsheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/eligibility"
)

// dismissals need facts no RAP sheet gives: when probation ended, whether
// the sentence was completed, when the person was released (Pen. Code,
// §§ 1203.4, subd. (a)(1); 1203.4a, subd. (a); 1203.41, subd. (a);
// 1203.42, subd. (a)).
var dismissals = map[string]bool{"1203.4": true, "1203.4a": true, "1203.41": true, "1203.42": true}

// TestCheckNeverEligibleOnAGuess runs relief's eligibility rules on every
// imported file: no dismissal may be anything but review (or ineligible,
// which turns on the offense alone), and no conviction remedy may be
// eligible, until the facts to confirm are confirmed.
func TestCheckNeverEligibleOnAGuess(t *testing.T) {
	checked := 0
	for _, p := range sheets(t) {
		r, err := importFile(t, p)
		if err != nil {
			continue
		}
		f := load(t, r)
		rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		for _, c := range rep.Cases {
			for _, n := range c.Counts {
				for _, fd := range n.Remedies {
					checked++
					if dismissals[fd.Remedy] && fd.Outcome != eligibility.Review && fd.Outcome != eligibility.Ineligible {
						t.Errorf("%s case %s count %d: %s is %s, want review until completion is confirmed", name, c.ID, n.Index, fd.Remedy, fd.Outcome)
					}
					if fd.Outcome == eligibility.Eligible {
						t.Errorf("%s case %s count %d: %s is eligible on facts the sheet does not prove", name, c.ID, n.Index, fd.Remedy)
					}
				}
			}
		}
		for _, a := range rep.Arrests {
			for _, fd := range a.Remedies {
				checked++
				if fd.Outcome == eligibility.Eligible {
					t.Errorf("%s arrest %s: %s is eligible on facts the sheet does not prove", name, a.ID, fd.Remedy)
				}
			}
		}
		for _, fd := range rep.Person.Remedies {
			if fd.Remedy == "cor" && fd.Outcome != eligibility.Review && fd.Outcome != eligibility.Ineligible {
				t.Errorf("%s: Certificate of Rehabilitation is %s without a residence history", name, fd.Outcome)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("only %d findings checked", checked)
	}
}

// TestImportedDEJDiversionProp64 follows the dispositions the importer
// maps into case-file keys (deferred entry of judgment under former Pen.
// Code § 1000, court diversion under § 1001.x, Prop 64 redesignation and
// dismissal under Health & Saf. Code § 11361.8) through relief's rules:
// none of the cases or arrests may come out eligible while the sheet's
// facts are unconfirmed.
func TestImportedDEJDiversionProp64(t *testing.T) {
	r, f := mustImport(t, "17-dej-diversion-prop64")
	if len(f.Cases) != 3 || len(f.Arrests) != 1 {
		t.Fatalf("%d cases and %d arrests, want 3 and 1:\n%s", len(f.Cases), len(f.Arrests), r.TOML)
	}
	dej, redesig, dism, div := f.Cases[0], f.Cases[1], f.Cases[2], f.Arrests[0]
	if dej.Sentence.Kind != "dej" || dej.Sentence.DEJGrantedOn.String() != "2008-03-20" || !dej.Sentence.DEJDismissedOn.IsZero() || !dej.DEJ() {
		t.Errorf("DEJ case: %+v", dej.Sentence)
	}
	if n := redesig.Counts[0]; n.ReducedUnder != "prop64" || n.ReducedOn.String() != "2019-03-15" {
		t.Errorf("Prop 64 redesignation: %+v", n)
	}
	if dism.Relief.DismissedUnder != "other" || dism.Relief.DismissedOn.String() != "2020-01-20" {
		t.Errorf("Prop 64 dismissal: %+v", dism.Relief)
	}
	if div.Disposition != "diversion_completed" || div.Diversion != "court" {
		t.Errorf("diversion: %+v", div)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	for _, c := range rep.Cases {
		for _, n := range c.Counts {
			for _, fd := range n.Remedies {
				if fd.Outcome == eligibility.Eligible {
					t.Errorf("case %s: %s is eligible on the sheet's word", c.ID, fd.Remedy)
				}
			}
		}
	}
	for _, a := range rep.Arrests {
		for _, fd := range a.Remedies {
			if fd.Outcome == eligibility.Eligible {
				t.Errorf("arrest %s: %s is eligible on the sheet's word", a.ID, fd.Remedy)
			}
		}
	}
	for _, want := range []string{"# dej_dismissed_on = 2009-10-01", "former Pen. Code § 1000", "§ 11361.8 (Prop 64)", "Pen. Code § 1001.x diversion"} {
		if !strings.Contains(string(r.TOML), want) {
			t.Errorf("the imported file does not say %q", want)
		}
	}
}

// TestConfirmingUnlocks shows the other side: once the attorney confirms
// the probation end (removing the "# "), the same case is decided.
func TestConfirmingUnlocks(t *testing.T) {
	r, _ := mustImport(t, "01-basic")
	confirmed := strings.Replace(string(r.TOML), "  # probation_end = 2018-06-01", "  probation_end = 2018-06-01", 1)
	if confirmed == string(r.TOML) {
		t.Fatal("no commented probation_end to confirm")
	}
	f := load(t, &Result{FileName: r.FileName, TOML: []byte(confirmed)})
	rep := eligibility.Check(f, eligibility.Options{AsOf: asOf})
	for _, fd := range rep.Cases[0].Counts[0].Remedies {
		if fd.Remedy == "1203.4" && fd.Outcome == eligibility.Review {
			t.Errorf("1203.4 still review after the probation end is confirmed: %+v", fd.Reasons)
		}
	}
}
