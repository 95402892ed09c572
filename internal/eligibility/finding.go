// Package eligibility applies California's record-relief statutes to one
// person's case file. Check is a pure function of the file, the as-of date
// and the offense table: it reads no files, clock or environment. Every
// finding carries its outcome, the earliest date where one exists, the
// reasons with their citations, and a trace of the facts and arithmetic
// that led there. docs/law.md lists each remedy with its statute, what was
// checked against statute text, and what stays unconfirmed (and so review).
package eligibility

import "github.com/reliefkit/relief/internal/date"

// Outcome is the answer for one remedy.
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

// Remedy ids, as in `check --json` and the README table.
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
	// Propositions 47 and 64, fire camp, juvenile-age sealing, trafficking
	// vacatur, DOJ arrest relief and motions to vacate.
	RProp47  = "prop47"
	RProp64  = "prop64"
	R1203_4b = "1203.4b"
	R1203_45 = "1203.45"
	R236_14  = "236.14"
	R851_93  = "851.93"
	R1473_7  = "1473.7"
	RCOR     = "cor"
	RPardon  = "pardon"
)

// Reason is one sentence of explanation with the authority for it.
type Reason struct {
	Text string `json:"text"`           // one sentence
	Cite string `json:"cite,omitempty"` // the authority, e.g. "Pen. Code, § 1203.4, subd. (a)(1)"; absent for practice notes
}

// Finding is the answer for one remedy on one count, arrest or person.
type Finding struct {
	Remedy     string    `json:"remedy"`               // the remedy id
	Outcome    Outcome   `json:"outcome"`              // eligible | discretionary | automatic | not_yet | ineligible | review
	EligibleOn date.Date `json:"eligible_on,omitzero"` // the earliest day to file (or the day relief is expected); absent when there is none
	Reasons    []Reason  `json:"reasons"`              // why, each with its citation
	Trace      []string  `json:"trace"`                // the facts and date arithmetic used, in order
	// Next: what to do next, in one sentence.
	Next string `json:"next,omitempty"`
}

// Count is the findings for one count (1-based index in file order).
type Count struct {
	Index       int       `json:"index"`                 // 1-based, in file order
	Offense     string    `json:"offense"`               // as written in the case file
	Canonical   string    `json:"canonical,omitempty"`   // relief's reading of it, when different
	Level       string    `json:"level"`                 // felony | misdemeanor | infraction, at conviction
	Description string    `json:"description,omitempty"` // the offense in words
	Remedies    []Finding `json:"remedies"`              // one finding per remedy that applies to the count
}

// Case is the findings for one case.
type Case struct {
	ID           string   `json:"id"`                     // the case id (given, or case1, case2, …)
	CaseNumber   string   `json:"case_number"`            // as in the case file
	County       string   `json:"county"`                 // county of conviction
	Jurisdiction string   `json:"jurisdiction,omitempty"` // absent for California
	State        string   `json:"state,omitempty"`        // the state of an other_state case
	Counts       []Count  `json:"counts"`                 // per count, in file order
	Notes        []Reason `json:"notes,omitempty"`        // points for the attorney about the whole case
}

// Arrest is the findings for one arrest that did not end in conviction.
type Arrest struct {
	ID       string    `json:"id"`               // the arrest id (given, or arrest1, arrest2, …)
	Date     date.Date `json:"date,omitzero"`    // day of the arrest
	County   string    `json:"county,omitempty"` // county of the arrest
	Remedies []Finding `json:"remedies"`         // arrest-sealing findings
}

// Person is the findings that concern the whole person.
type Person struct {
	Remedies []Finding `json:"remedies"` // Certificate of Rehabilitation and pardon
	// Packets: which per-person packets relief draft writes, and why (see
	// PersonPackets).
	Packets []Plan `json:"packets,omitempty"`
}

// Report is everything Check found.
type Report struct {
	AsOf       date.Date `json:"as_of"`      // the day the findings are for
	Petitioner string    `json:"petitioner"` // the petitioner's name
	Cases      []Case    `json:"cases"`      // per case, in file order
	Arrests    []Arrest  `json:"arrests"`    // per arrest, in file order
	Person     Person    `json:"person"`     // findings about the whole person
	// Notes: points for attorney review that concern the whole file
	// (goals such as immigration or firearms).
	Notes []Reason `json:"notes,omitempty"`
	// Disclaimer: the report is a draft for attorney review.
	Disclaimer string `json:"disclaimer"`
}

// Disclaimer is printed with every report.
const Disclaimer = "Draft for attorney review. relief applies the statutes to the facts in the case file; it is not legal advice, and a court record may show facts the file does not."
