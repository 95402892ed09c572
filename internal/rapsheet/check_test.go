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
