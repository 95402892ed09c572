// Package rapsheet reads a California DOJ RAP sheet ("Record of Arrests and
// Prosecutions"), as text or as a PDF with a text layer, into structured
// events, and turns those events into a case file for relief.
//
// Reading is in two steps. Parse cleans the text (OCR variants of keywords,
// page headers, form feeds) and splits it into the personal block, cycles,
// events and counts, keeping for every fact the sheet line it came from.
// Build then decides what the events mean for a case file: convicted counts
// become cases, arrests that ended without a conviction become arrests, and
// every fact the sheet cannot give is listed for the attorney to confirm.
//
// The package never guesses a fact the law turns on: a date computed from a
// sentence length is written as a commented-out, "scheduled, not proven"
// value, so relief check answers review until someone confirms it. It does
// not do OCR, and it knows nothing about eligibility.
package rapsheet

import (
	"errors"
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/date"
)

// NotRapSheetError is returned by Parse for input that does not look like a
// RAP sheet at all (no CII, no name block and no events).
type NotRapSheetError struct {
	Name string // the file name as given
	Why  string
}

func (e *NotRapSheetError) Error() string {
	return fmt.Sprintf("%s: not a California DOJ RAP sheet: %s", e.Name, e.Why)
}

// ErrNotRapSheet is matched by errors.Is for every *NotRapSheetError.
var ErrNotRapSheet = errors.New("not a RAP sheet")

// Is makes errors.Is(err, ErrNotRapSheet) true.
func (e *NotRapSheetError) Is(target error) bool { return target == ErrNotRapSheet }

// NothingError is returned by Build for a sheet with no conviction or
// arrest that could be written as a value: a case file needs at least one,
// so nothing is written and the attorney is told what was missing.
type NothingError struct {
	Name    string
	Held    int      // entries that lacked a fact
	Confirm []string // what they lacked
}

func (e *NothingError) Error() string {
	msg := fmt.Sprintf("%s: no conviction or arrest on the sheet could be imported", e.Name)
	if e.Held > 0 {
		msg += fmt.Sprintf(" (%d lack a fact the sheet does not give: %s)", e.Held, strings.Join(e.Confirm, "; "))
	}
	return msg
}

// MaxFileSize is the largest case file relief's decoder reads (1 MiB).
const MaxFileSize = 1 << 20

// TooLargeError is returned by Build when a sheet holds more than one case
// file can: no real person's sheet does, so the input is probably several
// sheets run together, or not a sheet.
type TooLargeError struct {
	Name           string
	Size           int
	Cases, Arrests int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: %d cases and %d arrests make a case file of %d bytes, more than the %d a case file may hold; split the sheet (is it several sheets run together?)", e.Name, e.Cases, e.Arrests, e.Size, MaxFileSize)
}

// Line is one line of the sheet after clean-up, with where it was.
type Line struct {
	N    int    // 1-based line in the text (in the extracted text for a PDF)
	Page int    // 1-based page for a PDF; 0 for text
	Text string // cleaned: upper case, OCR variants fixed, blanks trimmed
	Raw  string // as read, trimmed, for comments
}

// Where is the line's location as a comment says it: "line 12" or
// "page 2, line 40".
func (l Line) Where() string {
	if l.Page > 0 {
		return fmt.Sprintf("page %d, line %d", l.Page, l.N)
	}
	return fmt.Sprintf("line %d", l.N)
}

// Sheet is a parsed RAP sheet.
type Sheet struct {
	Name     string // file name as given
	Date     date.Date
	DateLine Line
	Person   Person
	Cycles   []Cycle
	Warnings []Warning
}

// Warning is something in the sheet the parser kept but could not use, or a
// contradiction it found, with the line it is about.
type Warning struct {
	Line Line
	Msg  string
}

func (w Warning) String() string { return w.Line.Where() + ": " + w.Msg }

// Person is the personal-information block.
type Person struct {
	CII      string
	CIILine  Line
	DOB      date.Date
	DOBLine  Line
	Sex      string
	Names    []Name // in the sheet's order; the lowest code is the primary name
	Register bool   // a REGISTRATION cycle names PC 290
}

// Name is one NAM/ entry.
type Name struct {
	Code string // "01"
	Text string // as on the sheet: "DOE,JANE ANN"
	Line Line
}

// Primary returns the person's primary name (the lowest name code), or the
// zero Name when the sheet has none.
func (p Person) Primary() Name {
	if len(p.Names) == 0 {
		return Name{}
	}
	best := p.Names[0]
	for _, n := range p.Names[1:] {
		if n.Code < best.Code {
			best = n
		}
	}
	return best
}

// Cycle is one arrest-to-disposition history.
type Cycle struct {
	Start  Line
	Events []Event
}

// EventKind is what an event header says the event is.
type EventKind string

// Event kinds.
const (
	Arrest       EventKind = "ARR/DET/CITE"
	Supplemental EventKind = "SUPPLEMENTAL ARR"
	Court        EventKind = "COURT"
	Custody      EventKind = "CUSTODY"
	Probation    EventKind = "PROBATION"
	Applicant    EventKind = "APPLICANT"
	MentalHealth EventKind = "MENTAL HLTH CUS/SUPV"
	Deceased     EventKind = "DECEASED"
	Registration EventKind = "REGISTRATION"
	Unknown      EventKind = "UNRECOGNIZED"
)

// Event is one event of a cycle.
type Event struct {
	Kind    EventKind
	Header  Line   // the identifier line
	Agency  string // ORI name on the date line: "CASC LOS ANGELES"
	Subtype string // CUSTODY:CDC → "CDC"
	Date    date.Date
	DateAt  Line
	Counts  []Count
	Lines   []Line // every line of the event, for comments and warnings
}

// Count is one count of an event (a range CNT:001-003 is expanded into
// identical counts).
type Count struct {
	Number  int
	Range   string // "001-003" when the count came from a range
	At      Line   // the CNT: line
	Case    string // "#..." number, inherited from the previous count when absent
	Charge  Charge
	Dispos  []Disposition
	Flags   []string // -ATTEMPTED, -WARRANT, …
	Realign bool     // a 1170(H) PC-SENTENCING marker line
}

// Charge is a count's offense.
type Charge struct {
	Offense     string // relief syntax: "PC 496", "HS 11359(d)"; "" when unread
	Attempt     bool
	Description string
	TOC         string // type of charge: F, M, I or N
	FromComment bool   // SEE COMMENT FOR CHARGE, read from a COM: line
	At          Line
	Problem     string // why Offense is empty
}

// DispoKind classifies a disposition.
type DispoKind string

// Disposition kinds.
const (
	Convicted        DispoKind = "convicted"
	Dismissed        DispoKind = "dismissed"
	ProsRejected     DispoKind = "pros_rej"
	DetentionOnly    DispoKind = "detention_only"
	Acquitted        DispoKind = "acquitted"
	SetAside         DispoKind = "set_aside"
	ProbationRevoked DispoKind = "probation_revoked"
	SentenceModified DispoKind = "sentence_modified"
	Reduced          DispoKind = "reduced"
	// DEJ is deferred entry of judgment under former Pen. Code § 1000:
	// Section "granted", or "1000.3" for the dismissal that ends it.
	DEJ DispoKind = "dej"
	// Diverted is pretrial diversion (Pen. Code § 1001.x): Section
	// "granted", or "completed" for the dismissal that ends it.
	Diverted         DispoKind = "diversion"
	OtherDisposition DispoKind = "other"
)

// Disposition is one DISPO: line with what follows it.
type Disposition struct {
	Kind     DispoKind
	Text     string // after "DISPO:"
	Date     date.Date
	DateAt   Line // the date line of an update, or the event's date line
	At       Line
	Status   string // CONV STATUS first letter: F, M, I
	StatusAt Line
	Section  string // SetAside: "1203.4", "1203.4a", …, "other"; Reduced: "17b", "prop47", "prop64", "other"; DEJ and Diverted: see their kinds
	Sentence *Sentence
}

// Sentence is what SEN: lines (or a sentence comment) say.
type Sentence struct {
	Text      string
	At        Line
	Probation Length
	Jail      Length
	Prison    Length
	PrisonSS  bool // prison term suspended (execution suspended)
	ImpSS     bool // imposition of sentence suspended
	Fine      bool
	Restn     bool
	Other     []string
}

// Length is a term of probation, jail or prison.
type Length struct {
	Present bool
	Years   int
	Months  int
	Days    int
	Text    string
}

// Known reports whether the length was given.
func (l Length) Known() bool { return l.Years+l.Months+l.Days > 0 }
