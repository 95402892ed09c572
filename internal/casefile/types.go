// Package casefile reads one person's case file (TOML) into typed values and
// checks it. It knows the schema and what makes a file consistent; it knows
// nothing about eligibility or output. Every problem it reports carries the
// file name, the line (when the key is in the file) and the key path, and
// all problems in a file are reported together.
package casefile

import "github.com/reliefkit/relief/internal/date"

// File is a decoded case file. The comment on each field is its meaning in
// docs/casefile.md, which a test generates from these types: every key
// needs one.
type File struct {
	AsOf       date.Date   `toml:"as_of"`      // the day to check for; --as-of overrides it; default today
	Petitioner Petitioner  `toml:"petitioner"` // the person seeking relief (required)
	Attorney   *Attorney   `toml:"attorney"`   // the attorney of record; leave out when the person files on their own
	Status     Status      `toml:"status"`     // the person's situation on the as-of date
	Goals      Goals       `toml:"goals"`      // what the person hopes relief will do
	Cases      []Case      `toml:"cases"`      // one entry per court case (docket) with a conviction
	Arrests    []Arrest    `toml:"arrests"`    // arrests that did not end in a conviction
	Residences []Residence `toml:"residences"` // California addresses with dates (Certificate of Rehabilitation)
	Statement  Statement   `toml:"statement"`  // the person's own words, used in declarations
	Exhibits   []Exhibit   `toml:"exhibits"`   // supporting documents (PDF, PNG, JPEG) attached as lettered exhibits

	// Path is the file name used in messages; Hash is the SHA-256 of the
	// raw bytes (hex). Neither comes from TOML.
	Path string `toml:"-"`
	Hash string `toml:"-"`
	// Warnings are doubtful values that do not stop the file being used
	// (an offense subdivision the section does not have, a violation after
	// probation ended), sorted by line; see Problem.Warning.
	Warnings []Problem `toml:"-"`
}

// Petitioner is the person seeking relief.
type Petitioner struct {
	Name            string    `toml:"name"`              // full legal name, as on the court record (required)
	OtherNames      []string  `toml:"other_names"`       // other names on the record (aliases, former names)
	DOB             date.Date `toml:"dob"`               // date of birth
	Address         string    `toml:"address"`           // street address for the papers
	City            string    `toml:"city"`              // city of the address
	State           string    `toml:"state"`             // state of the address; empty means California
	Zip             string    `toml:"zip"`               // ZIP code of the address
	Phone           string    `toml:"phone"`             // telephone number for the papers
	Email           string    `toml:"email"`             // email address for the papers
	County          string    `toml:"county"`            // county of residence now
	CAResidentSince date.Date `toml:"ca_resident_since"` // start of continuous California residence
	// Language is the client letter's default language: "en" or "es";
	// empty means English.
	Language string `toml:"language"`
	// CII is the petitioner's California Identification and Information
	// number from the DOJ record, printed in the Certificate of
	// Rehabilitation caption.
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
	Name      string `toml:"name"`       // the attorney's name
	BarNumber string `toml:"bar_number"` // State Bar number
	Firm      string `toml:"firm"`       // firm or clinic
	Address   string `toml:"address"`    // office street address
	City      string `toml:"city"`       // office city
	State     string `toml:"state"`      // office state
	Zip       string `toml:"zip"`        // office ZIP code
	Phone     string `toml:"phone"`      // office telephone
	Email     string `toml:"email"`      // office email
}

// Status is the person's situation on the as-of date.
type Status struct {
	Custody         bool      `toml:"custody"`          // in jail or prison now
	Probation       bool      `toml:"probation"`        // on probation in any case now
	Parole          bool      `toml:"parole"`           // on parole, PRCS or mandatory supervision now
	SupervisionEnds date.Date `toml:"supervision_ends"` // when current probation or parole ends, if known
	PendingCharges  bool      `toml:"pending_charges"`  // charged with an offense now
	Registrant290   bool      `toml:"registrant_290"`   // must register under Pen. Code § 290
	MilitaryService bool      `toml:"military_service"` // served in the armed forces (Pen. Code § 1170.9 and § 1203.4 notes)
	LifeParole      bool      `toml:"life_parole"`      // on parole from a life sentence
	// DeathSentence: sentenced to death, which bars a Certificate of
	// Rehabilitation (Pen. Code, § 4852.01, subd. (c)).
	DeathSentence bool `toml:"death_sentence"`
}

// Goals are what the person hopes relief will do. Several of them need
// attorney review whatever the eligibility (see docs/law.md).
type Goals struct {
	Immigration  bool `toml:"immigration"`   // immigration consequences matter (a dismissal does not erase them)
	Firearms     bool `toml:"firearms"`      // wants firearm rights back
	PublicOffice bool `toml:"public_office"` // wants to run for or hold public office
	Licensing    bool `toml:"licensing"`     // wants a state professional licence
	PeaceOfficer bool `toml:"peace_officer"` // wants to work as a peace officer
}

// Jurisdiction values.
const (
	California = "california"
	Federal    = "federal"
	OtherState = "other_state"
)

// Case is one court case (one docket) with its counts.
type Case struct {
	ID             string    `toml:"id"`              // used in file names: letters, digits, . _ - only; default case1, case2, …
	County         string    `toml:"county"`          // county of conviction (required)
	CaseNumber     string    `toml:"case_number"`     // the court's case number
	Court          string    `toml:"court"`           // courthouse or branch, when it matters for filing
	OffenseDate    date.Date `toml:"offense_date"`    // when the offense was committed
	ConvictionDate date.Date `toml:"conviction_date"` // plea or verdict (required)
	SentenceDate   date.Date `toml:"sentence_date"`   // judgment pronounced; default conviction_date
	Jurisdiction   string    `toml:"jurisdiction"`    // california (default) | federal | other_state
	// State is the state of an other_state conviction ("NV"); county is
	// then that state's county and each count's offense that state's
	// statute ("NRS 205.060").
	State    string   `toml:"state"`
	Counts   []Count  `toml:"counts"`   // the counts of conviction, at least one
	Sentence Sentence `toml:"sentence"` // the judgment and how it went
	Relief   Relief   `toml:"relief"`   // relief already granted in this case
}

// IsCalifornia reports whether a California court entered the conviction.
func (c Case) IsCalifornia() bool { return c.Jurisdiction == "" || c.Jurisdiction == California }

// DEJ reports whether the case ended in a completed deferred entry of
// judgment or a diversion rather than a conviction: the sentence kind is
// dej or diversion, or the charges were dismissed under former PC 1000.3.
func (c Case) DEJ() bool {
	return c.Sentence.Kind == KindDEJ || c.Sentence.Kind == KindDiversion || c.Relief.DismissedUnder == "1000.3"
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
	Offense string `toml:"offense"` // code and section (required): "PC 459", "VC 23152(b)", "HS 11350(a)", "PC 664/211"; a subdivision the offense table knows the section lacks gets a warning
	Level   string `toml:"level"`   // felony | misdemeanor | infraction, at conviction (required)
	Attempt bool   `toml:"attempt"` // an attempt (Pen. Code § 664)

	// Optional overrides of the offense table, for when the record says
	// otherwise.

	Description           string `toml:"description"`             // words for the offense on the papers
	Wobbler               *bool  `toml:"wobbler"`                 // punishable as a felony or a misdemeanor
	Requires290           *bool  `toml:"requires_290"`            // requires registration under Pen. Code § 290
	Serious               *bool  `toml:"serious"`                 // a serious felony (Pen. Code § 1192.7, subd. (c))
	Violent               *bool  `toml:"violent"`                 // a violent felony (Pen. Code § 667.5, subd. (c))
	Realigned             *bool  `toml:"realigned"`               // 1170(h) eligible today
	ReducibleToInfraction *bool  `toml:"reducible_to_infraction"` // may be reduced to an infraction (Pen. Code § 17, subd. (d); § 19.8)
	LifeTerm              *bool  `toml:"life_term"`               // carries a life sentence

	ReducedOn    date.Date `toml:"reduced_on"`    // already reduced to a misdemeanor
	ReducedUnder string    `toml:"reduced_under"` // the law it was reduced under: "17b" | "prop47" | "prop64" | "other"

	// PropertyValue is the value of the property, check or loss in whole
	// dollars, for the value-based Prop 47 offenses (Pen. Code, § 1170.18);
	// left out when the file does not say.
	PropertyValue *int `toml:"property_value"`

	// TraffickingVictim: there is evidence that the conviction resulted
	// from being a victim of human trafficking (Pen. Code §§ 1203.49, 236.14).
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
	Kind                 string      `toml:"kind"`                  // probation | jail | jail_1170h | prison | fine | dej | diversion
	Suspended            string      `toml:"suspended"`             // probation: imposition (default) | execution
	ProbationEnd         date.Date   `toml:"probation_end"`         // scheduled or actual end of probation
	TerminatedEarlyOn    date.Date   `toml:"terminated_early_on"`   // probation terminated early (Pen. Code § 1203.3)
	Violations           []date.Date `toml:"violations"`            // dates of probation violations found or admitted; one after probation ended gets a warning
	Revoked              bool        `toml:"revoked"`               // probation revoked and not reinstated
	MandatorySupervision bool        `toml:"mandatory_supervision"` // jail_1170h split sentence with mandatory supervision
	ReleasedOn           date.Date   `toml:"released_on"`           // release from custody
	SupervisionEndedOn   date.Date   `toml:"supervision_ended_on"`  // discharge from parole, PRCS or mandatory supervision
	CompletedOn          date.Date   `toml:"completed_on"`          // every term of the sentence done; worked out when left out

	// Completed: a misdemeanor or infraction sentence (jail, fine, other
	// terms) fully performed. Unknown when omitted.
	Completed *bool `toml:"completed"`
	// Deferred entry of judgment (Pen. Code § 1203.43).

	DEJGrantedOn   date.Date `toml:"dej_granted_on"`   // deferred entry of judgment granted
	DEJDismissedOn date.Date `toml:"dej_dismissed_on"` // dismissed under former PC 1000.3
	// FireCamp: the person served on a fire-camp or
	// county incarcerated hand crew or at an institutional firehouse
	// (Pen. Code, § 1203.4b).
	FireCamp bool `toml:"fire_camp"`
}

// Relief already granted in a case.
type Relief struct {
	DismissedOn       date.Date `toml:"dismissed_on"`        // the day a dismissal was granted
	DismissedUnder    string    `toml:"dismissed_under"`     // the section it was granted under: "1203.4", "1203.4a", "1203.41", …
	AutomaticReliefOn date.Date `toml:"automatic_relief_on"` // DOJ's automatic relief (Pen. Code § 1203.425) already shows on the record
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
	ID              string    `toml:"id"`               // used in file names; default arrest1, arrest2, …
	Date            date.Date `toml:"date"`             // day of the arrest (required)
	County          string    `toml:"county"`           // county of the arrest (required)
	City            string    `toml:"city"`             // city of the arrest
	Agency          string    `toml:"agency"`           // arresting agency
	ReportNumber    string    `toml:"report_number"`    // the agency's report or booking number
	Offenses        []string  `toml:"offenses"`         // offenses arrested for, as in a count's offense
	Charged         bool      `toml:"charged"`          // were charges filed?
	ChargedOffenses []string  `toml:"charged_offenses"` // offenses charged, when they differ from the arrest offenses
	ChargesFiledOn  date.Date `toml:"charges_filed_on"` // day charges were filed (Pen. Code § 851.8 deadline)
	CaseNumber      string    `toml:"case_number"`      // the court's case number when charges were filed
	Disposition     string    `toml:"disposition"`      // no_charges | dismissed | acquitted | vacated | diversion_completed
	DispositionDate date.Date `toml:"disposition_date"` // day of the disposition
	RefilingBarred  *bool     `toml:"refiling_barred"`  // dismissed charges that cannot be refiled (Pen. Code § 1387)

	Diversion         string    `toml:"diversion"`          // prefiling | court (when disposition is diversion_completed)
	SOLExpiresOn      date.Date `toml:"sol_expires_on"`     // limitation date from the record, overrides the table
	EvadedProsecution bool      `toml:"evaded_prosecution"` // charged with evading prosecution (e.g. identity fraud)
	FactualInnocence  bool      `toml:"factual_innocence"`  // the person says there was no reasonable cause to arrest (Pen. Code § 851.8)
	AbuseCategory     string    `toml:"abuse_category"`     // dv | child | elder, when facts make it one
	// TraffickingVictim: there is evidence that the arrest resulted from
	// being a victim of human trafficking (Pen. Code § 236.14 vacates
	// arrests as well as convictions).
	TraffickingVictim bool `toml:"trafficking_victim"`
	// Unconfirmed marks an arrest whose facts were imported (relief import
	// rapsheet) and not yet checked against the court's record: DOJ
	// records often miss court events and dispositions. Until the key is
	// removed, no finding for the arrest is better than review.
	Unconfirmed bool `toml:"unconfirmed"`
}

// Residence is one California address with its dates.
type Residence struct {
	From    date.Date `toml:"from"`    // first day at the address
	To      date.Date `toml:"to"`      // last day; leave out for the current address
	Address string    `toml:"address"` // street address
	City    string    `toml:"city"`    // city
	County  string    `toml:"county"`  // county
	State   string    `toml:"state"`   // state; empty means California
}

// Statement is the petitioner's own words, used by declarations.
type Statement struct {
	Employment string `toml:"employment"` // work history and current job
	Education  string `toml:"education"`  // schooling, training and certificates
	Family     string `toml:"family"`     // family responsibilities
	Community  string `toml:"community"`  // volunteering and community ties
	Treatment  string `toml:"treatment"`  // treatment, recovery and programs completed
	Reasons    string `toml:"reasons"`    // why relief matters now
	// SignedOn is the day the declarant signed the statement: only then
	// may a declarant's signature be typed ("/s/ Name").
	SignedOn date.Date `toml:"signed_on"`
}

// Empty reports whether the statement has no words (a signing date alone
// is not a statement).
func (s Statement) Empty() bool {
	s.SignedOn = date.Date{}
	return s == Statement{}
}

// Exhibit is a supporting document attached behind the declaration or
// petition it supports, lettered A, B, C in each packet.
type Exhibit struct {
	File    string   `toml:"file"`    // the document: a .pdf, .png or .jpg file, relative to the case file's folder (required)
	Title   string   `toml:"title"`   // what it is, as the declaration lists it: "a letter from the petitioner's employer" (required)
	Packets []string `toml:"packets"` // packets that carry it: dismissal, sealing, cor, pardon, prop47, prop64, firecamp; default every packet with a declaration or petition narrative

	// Line is the line of the entry's file key, for messages about the
	// file itself; it does not come from TOML.
	Line int `toml:"-"`
}
