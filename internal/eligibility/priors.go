package eligibility

import (
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/law"
)

const cite1170h3 = "Pen. Code, § 1170, subd. (h)(3)"

// priorFelonies applies PC 1170(h)(3) to the person's record other than
// the case cs: a prior felony conviction for a serious (PC 1192.7(c)) or
// violent (PC 667.5(c)) felony, or a duty to register under PC 290, sends
// a felony sentence to state prison, so the person could not have been
// sentenced under 1170(h). It answers Yes (with the conviction that does
// it), No, or Facts when a prior's classification is unknown (another
// jurisdiction's conviction, a section the table does not know, or one
// whose answer depends on the record).
func (e *engine) priorFelonies(cs *casefile.Case) (law.Tri, string) {
	if e.f.Status.Registrant290 {
		return law.Yes, "the person must register under PC 290 (status.registrant_290)"
	}
	var unknown []string
	for i := range e.f.Cases {
		other := &e.f.Cases[i]
		if other == cs || other.DEJ() {
			continue
		}
		for _, cf := range e.counts[i] {
			if cf.requires290 == law.Yes {
				return law.Yes, fmt.Sprintf("%s (case %s) requires PC 290 registration", cf.name(), other.ID)
			}
			if !other.ConvictionDate.Before(cs.ConvictionDate) || cf.n.Level != casefile.Felony {
				if cf.requires290 == law.Facts {
					unknown = append(unknown, fmt.Sprintf("whether %s (case %s) requires PC 290 registration", cf.name(), other.ID))
				}
				continue
			}
			switch {
			case !other.IsCalifornia():
				unknown = append(unknown, fmt.Sprintf("whether the %s felony %s (case %s) has the elements of a California serious or violent felony", strings.ReplaceAll(other.Jurisdiction, "_", " "), cf.n.Offense, other.ID))
			case cf.serious == law.Yes || cf.violent == law.Yes:
				return law.Yes, fmt.Sprintf("the prior felony %s (case %s, %s) is a serious or violent felony", cf.name(), other.ID, other.ConvictionDate)
			case cf.serious == law.Facts || cf.violent == law.Facts || cf.requires290 == law.Facts:
				unknown = append(unknown, fmt.Sprintf("whether the prior felony %s (case %s) is serious, violent or registrable", cf.name(), other.ID))
			}
		}
	}
	if len(unknown) > 0 {
		return law.Facts, strings.Join(unknown, "; ")
	}
	return law.No, ""
}
