// Package casefile reads one person's case file (TOML) into typed values and
// checks it. It knows the schema and what makes a file consistent; it knows
// nothing about eligibility or output. Every problem it reports carries the
// file name, the line (when the key is in the file) and the key path, and
// all problems in a file are reported together.
package casefile

import "github.com/reliefkit/relief/internal/date"

// File is a decoded case file. Field names follow the TOML keys of the
// contract in docs/design.md §2; additions are documented on each field.
type File struct {
	AsOf       date.Date   `toml:"as_of"`
	Petitioner Petitioner  `toml:"petitioner"`
	Attorney   *Attorney   `toml:"attorney"`
	Status     Status      `toml:"status"`
	Goals      Goals       `toml:"goals"`
	Cases      []Case      `toml:"cases"`
	Arrests    []Arrest    `toml:"arrests"`
	Residences []Residence `toml:"residences"`
	Statement  Statement   `toml:"statement"`

	// Path is the file name used in messages; Hash is the SHA-256 of the
	// raw bytes (hex). Neither comes from TOML.
	Path string `toml:"-"`
	Hash string `toml:"-"`
}

// Petitioner is the person seeking relief.
type Petitioner struct {
	Name            string    `toml:"name"`
	OtherNames      []string  `toml:"other_names"`
	DOB             date.Date `toml:"dob"`
	Address         string    `toml:"address"`
	City            string    `toml:"city"`
	State           string    `toml:"state"`
	Zip             string    `toml:"zip"`
	Phone           string    `toml:"phone"`
	Email           string    `toml:"email"`
	County          string    `toml:"county"`            // county of residence now
	CAResidentSince date.Date `toml:"ca_resident_since"` // start of continuous California residence
	// CII is the petitioner's California Identification and Information
	// number from the DOJ record (an addition), printed in the Certificate
	// of Rehabilitation caption.
	CII string `toml:"cii"`
}

// LivesInCalifornia reports whether the petitioner's state is California
// (an empty state is taken as California, the usual case for these files).
func (p Petitioner) LivesInCalifornia() bool {
	switch p.State {
	case "", "CA", "ca", "California", "california":
		return true
	}
	return false
}

// Attorney is the filer when the petitioner is represented.
type Attorney struct {
	Name      string `toml:"name"`
	BarNumber string `toml:"bar_number"`
	Firm      string `toml:"firm"`
	Address   string `toml:"address"`
	City      string `toml:"city"`
	State     string `toml:"state"`
	Zip       string `toml:"zip"`
	Phone     string `toml:"phone"`
	Email     string `toml:"email"`
}

// Status is the person's situation on the as-of date.
type Status struct {
	Custody         bool      `toml:"custody"`
	Probation       bool      `toml:"probation"`
	Parole          bool      `toml:"parole"` // parole, PRCS or mandatory supervision
	SupervisionEnds date.Date `toml:"supervision_ends"`
	PendingCharges  bool      `toml:"pending_charges"`
	Registrant290   bool      `toml:"registrant_290"`
	MilitaryService bool      `toml:"military_service"`
	LifeParole      bool      `toml:"life_parole"`
	// Additions: a death sentence bars a Certificate of Rehabilitation
	// (Pen. Code, § 4852.01, subd. (c)).
	DeathSentence bool `toml:"death_sentence"`
}

// Goals are what the person hopes relief will do. Several of them need
// attorney review whatever the eligibility (law reference §14.5).
type Goals struct {
	Immigration  bool `toml:"immigration"`
	Firearms     bool `toml:"firearms"`
	PublicOffice bool `toml:"public_office"`
	Licensing    bool `toml:"licensing"`
	PeaceOfficer bool `toml:"peace_officer"`
}

// Jurisdiction values.
const (
	California = "california"
	Federal    = "federal"
	OtherState = "other_state"
)

// Case is one court case (one docket) with its counts.
type Case struct {
	ID             string    `toml:"id"`
	County         string    `toml:"county"`
	CaseNumber     string    `toml:"case_number"`
	Court          string    `toml:"court"` // addition: branch or court name
	OffenseDate    date.Date `toml:"offense_date"`
	ConvictionDate date.Date `toml:"conviction_date"`
	SentenceDate   date.Date `toml:"sentence_date"` // default ConvictionDate
	Jurisdiction   string    `toml:"jurisdiction"`  // default california
	Counts         []Count   `toml:"counts"`
	Sentence       Sentence  `toml:"sentence"`
	Relief         Relief    `toml:"relief"`
}

// JudgmentDate is the day judgment was pronounced: the sentence date when
// given, else the conviction date.
func (c Case) JudgmentDate() date.Date {
	if !c.SentenceDate.IsZero() {
		return c.SentenceDate
	}
	return c.ConvictionDate
}

// Level values.
const (
	Felony      = "felony"
	Misdemeanor = "misdemeanor"
	Infraction  = "infraction"
)

// Count is one conviction within a case.
type Count struct {
	Offense string `toml:"offense"`
	Level   string `toml:"level"` // at conviction
	Attempt bool   `toml:"attempt"`

	// Optional overrides of the offense table.
	Description           string `toml:"description"`
	Wobbler               *bool  `toml:"wobbler"`
	Requires290           *bool  `toml:"requires_290"`
	Serious               *bool  `toml:"serious"`
	Violent               *bool  `toml:"violent"`
	Realigned             *bool  `toml:"realigned"`               // 1170(h) eligible today
	ReducibleToInfraction *bool  `toml:"reducible_to_infraction"` // addition: PC 19.8 / 17(d)
	LifeTerm              *bool  `toml:"life_term"`               // addition: carries a life sentence

	ReducedOn    date.Date `toml:"reduced_on"`    // already reduced to a misdemeanor
	ReducedUnder string    `toml:"reduced_under"` // addition: "17b" | "prop47" | "other"

	// Additions for PC 1203.49: the count is PC 647(b) and there is
	// evidence that it resulted from being a victim of human trafficking.
	TraffickingVictim bool `toml:"trafficking_victim"`
}

// Sentence kinds.
const (
	KindProbation = "probation"
	KindJail      = "jail"
	KindJail1170h = "jail_1170h"
	KindPrison    = "prison"
	KindFine      = "fine"
	KindDEJ       = "dej"
	KindDiversion = "diversion"
)

// Sentence is the judgment in a case and how it went.
type Sentence struct {
	Kind                 string      `toml:"kind"`
	Suspended            string      `toml:"suspended"` // probation: imposition (default) | execution
	ProbationEnd         date.Date   `toml:"probation_end"`
	TerminatedEarlyOn    date.Date   `toml:"terminated_early_on"`
	Violations           []date.Date `toml:"violations"`
	Revoked              bool        `toml:"revoked"`
	MandatorySupervision bool        `toml:"mandatory_supervision"`
	ReleasedOn           date.Date   `toml:"released_on"`
	SupervisionEndedOn   date.Date   `toml:"supervision_ended_on"`
	CompletedOn          date.Date   `toml:"completed_on"`

	// Addition: a misdemeanor or infraction sentence (jail, fine, other
	// terms) fully performed. Unknown when omitted.
	Completed *bool `toml:"completed"`
	// Additions for deferred entry of judgment (PC 1203.43).
	DEJGrantedOn   date.Date `toml:"dej_granted_on"`
	DEJDismissedOn date.Date `toml:"dej_dismissed_on"` // dismissed under former PC 1000.3
}

// Relief already granted in a case.
type Relief struct {
	DismissedOn    date.Date `toml:"dismissed_on"`
	DismissedUnder string    `toml:"dismissed_under"`
	// Additions.
	AutomaticReliefOn date.Date `toml:"automatic_relief_on"` // DOJ 1203.425 notation seen
}

// Arrest dispositions.
const (
	NoCharges          = "no_charges"
	Dismissed          = "dismissed"
	Acquitted          = "acquitted"
	Vacated            = "vacated"
	DiversionCompleted = "diversion_completed"
)

// Arrest is an arrest that did not end in a conviction.
type Arrest struct {
	ID              string    `toml:"id"`
	Date            date.Date `toml:"date"`
	County          string    `toml:"county"`
	City            string    `toml:"city"`
	Agency          string    `toml:"agency"`
	ReportNumber    string    `toml:"report_number"`
	Offenses        []string  `toml:"offenses"`
	Charged         bool      `toml:"charged"`
	ChargedOffenses []string  `toml:"charged_offenses"` // addition
	ChargesFiledOn  date.Date `toml:"charges_filed_on"` // addition (PC 851.8 deadline)
	CaseNumber      string    `toml:"case_number"`
	Disposition     string    `toml:"disposition"`
	DispositionDate date.Date `toml:"disposition_date"`
	RefilingBarred  *bool     `toml:"refiling_barred"`

	// Additions.
	Diversion         string    `toml:"diversion"`          // prefiling | court (when disposition is diversion_completed)
	SOLExpiresOn      date.Date `toml:"sol_expires_on"`     // limitation date from the record, overrides the table
	EvadedProsecution bool      `toml:"evaded_prosecution"` // charged with evading prosecution (e.g. identity fraud)
	FactualInnocence  bool      `toml:"factual_innocence"`  // client asserts no reasonable cause (PC 851.8)
	AbuseCategory     string    `toml:"abuse_category"`     // dv | child | elder, when facts make it one
}

// Residence is one California address with its dates.
type Residence struct {
	From    date.Date `toml:"from"`
	To      date.Date `toml:"to"` // unset for the current address
	Address string    `toml:"address"`
	City    string    `toml:"city"`
	County  string    `toml:"county"`
	State   string    `toml:"state"`
}

// Statement is the petitioner's own words, used by declarations.
type Statement struct {
	Employment string `toml:"employment"`
	Education  string `toml:"education"`
	Family     string `toml:"family"`
	Community  string `toml:"community"`
	Treatment  string `toml:"treatment"`
	Reasons    string `toml:"reasons"`
}
