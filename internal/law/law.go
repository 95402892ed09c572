// Package law holds what relief knows about California offenses: the
// built-in offense table (level, wobbler, serious, violent, PC 290, 1170(h),
// VC 12810, statute of limitations, exclusion lists) and the parsing and
// citation of code sections. It states facts about offenses; it never
// decides eligibility.
package law

import "fmt"

// Tri is a yes/no that may depend on facts in the record of conviction.
type Tri int

const (
	No    Tri = iota // the table says no
	Yes              // the table says yes
	Facts            // depends on the record (e.g. "serious if a weapon was used"): attorney review
)

// String returns "no", "yes" or "facts".
func (t Tri) String() string {
	switch t {
	case No:
		return "no"
	case Yes:
		return "yes"
	case Facts:
		return "facts"
	}
	return fmt.Sprintf("Tri(%d)", int(t))
}

// Level is an offense's punishment class as the statute defines it.
type Level string

const (
	LevelFelony      Level = "felony"
	LevelMisdemeanor Level = "misdemeanor"
	LevelInfraction  Level = "infraction"
	LevelWobbler     Level = "wobbler"   // felony or misdemeanor (PC 17(b))
	LevelWobblette   Level = "wobblette" // misdemeanor or infraction (PC 17(d), 19.8)
)

// Excl1203_4b values: when a PC 1203.4(b) exclusion applies to an entry.
const (
	ExclNone        = ""
	ExclAlways      = "always"      // any conviction of the entry
	ExclFelony      = "felony"      // only a felony conviction (PC 261.5(d))
	ExclMisdemeanor = "misdemeanor" // only a misdemeanor conviction (VC 2800, 2801, 2803 via VC 42002.1)
)

// Offense is one row of the offense table: a code section, or a subdivision
// of one where the subdivision changes an answer.
type Offense struct {
	Code        string // canonical abbreviation: PC, VC, HS, BP, WI, GC, MV, ...
	Section     string // "459", "11350", "288a"
	Subdivision string // normalised, e.g. "(a)(1)"; "" for the whole section
	Degree      string // "first" | "second" where the degree changes the answer (PC 459)
	Label       string // short description in the project's own words
	Level       Level

	Serious        Tri // PC 1192.7(c)
	Violent        Tri // PC 667.5(c)
	Registrable290 Tri // PC 290(c)
	Realigned1170h Tri // punishable under PC 1170(h)
	VC12810        bool
	LifeTerm       bool // carries a life term (PC 4852.03 +4 years, 1192.7(c)(7))
	CORPlus4       bool // named in PC 4852.03(a)(1)(A)'s +4 list (187, 209, 219, 4500, 18755, MVC 1672(a))

	Excl1203_4b           string // see ExclNone..ExclMisdemeanor
	Excl4852_01c          bool   // bars a Certificate of Rehabilitation (PC 4852.01(c))
	ReducibleToInfraction bool   // listed in PC 19.8 (17(d)(2))

	// NoSOL says whether charges may be filed at any time (PC 799). Facts
	// means the answer turns on the record (offense date for PC 799(b),
	// victim's age for PC 801.1(a), the underlying count for an
	// enhancement): attorney review.
	NoSOL    Tri
	SOLYears int    // years to file charges when NoSOL is No (the base period when it is Facts)
	SOLCite  string // the statute that sets SOLYears or NoSOL, e.g. "PC 801"
	// SOLDiscovery (addition): the period runs from discovery of the
	// offense, not its commission (PC 803(c), 801.5), so the offense date
	// alone cannot show that it has run.
	SOLDiscovery bool

	// Prop47 says whether the section is one Proposition 47 made a
	// misdemeanor (Pen. Code, § 1170.18, subd. (a)): Facts when only some
	// conduct under it is (commercial burglary of $950 or less charged as
	// PC 459, forgery of a check of $950 or less). Prop47Value says the
	// test is a value of $950 or less. Prop64 marks the cannabis sections
	// of Health and Safety Code § 11361.8 (11357 to 11360).
	Prop47      Tri
	Prop47Value bool
	Prop64      bool

	AbuseCategory  string // "dv" | "child" | "elder" | "" (PC 851.91 pattern rule)
	PriorDependent string // note: level changes with priors (Prop 47 Note A, VC 23550)
	Former         string // the section's other number ("287" ↔ "288a"): a ref written with either number finds the entry
	// Subdivisions (section-level entries only) lists the section's
	// top-level subdivisions as the statute has them, "(a)(b)", or "none"
	// for a section without any; "" when the table does not record them.
	// A ref naming another subdivision gets SubdivisionProblem's warning.
	Subdivisions string
	Unconfirmed  bool   // some fact in the row is [UNCONFIRMED] in the sources
	Source       string // the statutes that make it so, e.g. "PC 461(b); 1170(h)(1)"
	Notes        string
}

// Ref is an offense as a person wrote it, parsed: "PC 664/211" is an
// attempted PC 211.
type Ref struct {
	Raw          string
	Code         string   // canonical abbreviation
	Section      string   // "211", "23152", "288a"
	Subdivisions []string // ["a", "1"] for (a)(1); nil for the whole section
	// Degree (addition) is "first" or "second" when the writer gave one
	// ("PC 459/460(a)", "PC 459 (first degree)", "PC 211/212.5(c)"), else "".
	Degree     string
	Attempt    bool // written with 664/
	Conspiracy bool // written with 182/ or 182(a)(1)/
}
