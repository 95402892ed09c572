// Package eligibility applies California's record-relief statutes to one
// person's case file. Check is a pure function of the file, the as-of date
// and the offense table: it reads no files, clock or environment. Every
// finding carries its outcome, the earliest date where one exists, the
// reasons with their citations, and a trace of the facts and arithmetic
// that led there.
package eligibility

import "github.com/reliefkit/relief/internal/date"

// Outcome is the answer for one remedy (design §3).
type Outcome string

const (
	// Eligible means the court must grant relief once asked.
	Eligible Outcome = "eligible"
	// Discretionary means the court may grant relief in the interests of justice.
	Discretionary Outcome = "discretionary"
	// Automatic means relief is expected without a petition (informational).
	Automatic Outcome = "automatic"
	// NotYet means relief becomes available on EligibleOn.
	NotYet Outcome = "not_yet"
	// Ineligible means the law bars the remedy; a reason cites the bar.
	Ineligible Outcome = "ineligible"
	// Review means facts are missing or the law needs an attorney's judgment.
	Review Outcome = "review"
)

// Remedy ids (design §3).
const (
	R17b     = "17b"
	R17d2    = "17d2"
	R1203_4  = "1203.4"
	R1203_4a = "1203.4a"
	R1203_41 = "1203.41"
	R1203_42 = "1203.42"
	R1203_43 = "1203.43"
	R1203_49 = "1203.49"
	R1203425 = "1203.425"
	R851_91  = "851.91"
	R851_87  = "851.87"
	R851_90  = "851.90"
	R851_8   = "851.8"
	RCOR     = "cor"
	RPardon  = "pardon"
)

// Reason is one sentence of explanation with the authority for it.
type Reason struct {
	Text string `json:"text"`
	Cite string `json:"cite,omitempty"`
}

// Finding is the answer for one remedy on one count, arrest or person.
type Finding struct {
	Remedy     string    `json:"remedy"`
	Outcome    Outcome   `json:"outcome"`
	EligibleOn date.Date `json:"eligible_on,omitzero"`
	Reasons    []Reason  `json:"reasons"`
	Trace      []string  `json:"trace"`
	// Next is what to do next, in one sentence (an extension of the contract).
	Next string `json:"next,omitempty"`
}

// Count is the findings for one count (1-based index in file order).
type Count struct {
	Index       int       `json:"index"`
	Offense     string    `json:"offense"`             // as written in the case file
	Canonical   string    `json:"canonical,omitempty"` // relief's reading of it, when different
	Level       string    `json:"level"`
	Description string    `json:"description,omitempty"`
	Remedies    []Finding `json:"remedies"`
}

// Case is the findings for one case.
type Case struct {
	ID           string   `json:"id"`
	CaseNumber   string   `json:"case_number"`
	County       string   `json:"county"`
	Jurisdiction string   `json:"jurisdiction,omitempty"`
	Counts       []Count  `json:"counts"`
	Notes        []Reason `json:"notes,omitempty"`
}

// Arrest is the findings for one arrest that did not end in conviction.
type Arrest struct {
	ID       string    `json:"id"`
	Date     date.Date `json:"date,omitzero"`
	County   string    `json:"county,omitempty"`
	Remedies []Finding `json:"remedies"`
}

// Person is the findings that concern the whole person.
type Person struct {
	Remedies []Finding `json:"remedies"`
	// Packets says which per-person packets relief draft writes and why
	// (an extension of the contract; see PersonPackets).
	Packets []Plan `json:"packets,omitempty"`
}

// Report is everything Check found (design §3 JSON).
type Report struct {
	AsOf       date.Date `json:"as_of"`
	Petitioner string    `json:"petitioner"`
	Cases      []Case    `json:"cases"`
	Arrests    []Arrest  `json:"arrests"`
	Person     Person    `json:"person"`
	// Notes are points for attorney review that concern the whole file
	// (goals such as immigration or firearms; the seed's "bars").
	Notes []Reason `json:"notes,omitempty"`
	// Disclaimer says the report is a draft for attorney review.
	Disclaimer string `json:"disclaimer"`
}

// Disclaimer is printed with every report.
const Disclaimer = "Draft for attorney review. relief applies the statutes to the facts in the case file; it is not legal advice, and a court record may show facts the file does not."
