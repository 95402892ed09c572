package eligibility

import (
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
)

// Pen. Code, § 236.14, subd. (a): a person arrested for a nonviolent
// offense committed while a victim of human trafficking may petition to
// vacate the arrest, not only a conviction; the court grants on clear and
// convincing evidence, so the answer is never more than discretionary. A
// violent felony (§ 667.5, subd. (c)) is outside it.
func TestArrestVacatur236_14(t *testing.T) {
	base := casefile.Arrest{ID: "a", Date: d("2019-03-02"), County: "Alameda", Offenses: []string{"PC 647(b)"}, Disposition: "dismissed", Charged: true, TraffickingVictim: true}
	vacatur := func(a casefile.Arrest) (Finding, bool) {
		for _, f := range exact(arrestFile(a), "2026-01-01").Arrests[0].Remedies {
			if f.Remedy == R236_14 {
				return f, true
			}
		}
		return Finding{}, false
	}
	for _, tc := range []struct {
		name string
		mod  func(a *casefile.Arrest)
		w    want
	}{
		{"nonviolent offense: discretionary from the arrest", func(a *casefile.Arrest) {}, want{Discretionary, "2019-03-02", cite236_14a, false}},
		{"violent felony: outside the statute", func(a *casefile.Arrest) { a.Offenses = []string{"PC 211"} }, want{Ineligible, "", cite667_5c, false}},
		{"violent for some conduct: review", func(a *casefile.Arrest) { a.Offenses = []string{"PC 647(b)", "PC 459"} }, want{Review, "", cite667_5c, false}},
		{"offense not in the table: review", func(a *casefile.Arrest) { a.Offenses = []string{"PC 9999"} }, want{Review, "", cite667_5c, false}},
		{"no offenses: review", func(a *casefile.Arrest) { a.Offenses = nil }, want{Review, "", cite236_14a, false}},
		{"no trafficking evidence: no finding", func(a *casefile.Arrest) { a.TraffickingVictim = false }, want{absent: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := base
			tc.mod(&a)
			got, ok := vacatur(a)
			checkFinding(t, got, ok, tc.w)
		})
	}
}
