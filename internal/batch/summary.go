package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/reliefkit/relief/internal/calendar"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Statuses of a person in the summary.
const (
	StatusOK        = "ok"        // packets drafted and written
	StatusSkipped   = "skipped"   // the input is good but no packet is supported yet
	StatusError     = "error"     // bad input, or the packets could not be drafted or written
	StatusUnchanged = "unchanged" // drafted by an earlier run from the same inputs; left as is
)

// Failure says why a person's status is "error", for the exit code.
type Failure int

const (
	NoFailure Failure = iota
	BadInput          // the case file, roster row or a template is wrong (exit 3)
	Exists            // files already there and not ours to replace (exit 2)
	Internal          // anything else, such as a full disk (exit 1)
)

// Summary file names in the output folder; no person may take them.
const (
	SummaryCSV  = "summary.csv"
	SummaryJSON = "summary.json"
)

// Row is one person's line in the summary.
type Row struct {
	Person   string `json:"person"`             // the person's folder name
	Source   string `json:"source"`             // the case file or roster (base name)
	Rows     string `json:"rows,omitempty"`     // the roster rows, like "2-3"
	Status   string `json:"status"`             // ok, skipped, error or unchanged
	Remedies string `json:"remedies"`           // "1203.4 eligible; 17b discretionary"
	Packets  int    `json:"packets"`            // PDFs in the person's folder
	Pages    int    `json:"pages"`              // pages across them
	NextDate string `json:"next_date,omitzero"` // earliest eligible_on among not_yet findings
	Error    string `json:"error,omitzero"`     // what went wrong, or why nothing was drafted
	Warnings string `json:"warnings,omitzero"`  // what to look at in what was drafted ("; "-separated)

	Failure Failure `json:"-"`
}

// csvHeader is the first line of summary.csv.
var csvHeader = []string{"person", "source", "rows", "status", "remedies", "packets", "pages", "next_date", "error", "warnings"}

// SummaryCSVBytes formats rows as summary.csv, as SummaryWriter writes
// it. Every cell goes through CSVCell, so no text from input runs as a
// spreadsheet formula.
func SummaryCSVBytes(rows []Row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range rows {
		_ = w.Write(csvRecord(r))
	}
	w.Flush()
	return b.Bytes()
}

// csvRecord is r's line of summary.csv.
func csvRecord(r Row) []string {
	rec := []string{r.Person, r.Source, r.Rows, r.Status, r.Remedies,
		strconv.Itoa(r.Packets), strconv.Itoa(r.Pages), r.NextDate, r.Error, r.Warnings}
	for i := range rec {
		rec[i] = CSVCell(rec[i])
	}
	return rec
}

// CSVCell neutralises a cell that a spreadsheet would take for a formula,
// following OWASP's rule for CSV injection: a cell starting with =, +, -,
// @, a tab or a carriage return gets a leading single quote, which
// spreadsheets show as text and do not evaluate. Every CSV relief writes
// passes its cells through it.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// absPath matches an absolute path of two or more elements in a message:
// a slash (or a Windows drive) at the start or after a blank, quote or
// parenthesis, up to the next blank, quote, colon or parenthesis, not
// ending in a slash (so "/s/", a typed signature, is left alone).
var absPath = regexp.MustCompile(`(^|[\s"'(])((?:[A-Za-z]:)?[/\\][^\s"':()/\\]+[/\\][^\s"':()]*[^\s"':()/\\])`)

// relative rewrites the paths in a summary message so that the summary
// holds no absolute path: paths inside the output folder become relative to
// it, and any other absolute path is cut to its last element. A summary is
// shared with people who need not know where the folder lives.
func relative(out, msg string) string {
	if msg == "" {
		return msg
	}
	sep := string(filepath.Separator)
	prefixes := []string{filepath.Clean(out) + sep}
	if abs, err := filepath.Abs(out); err == nil {
		prefixes = append(prefixes, abs+sep)
	}
	for _, p := range prefixes {
		if p != "."+sep {
			msg = strings.ReplaceAll(msg, p, "")
		}
	}
	return absPath.ReplaceAllStringFunc(msg, func(m string) string {
		sub := absPath.FindStringSubmatch(m)
		return sub[1] + filepath.Base(sub[2])
	})
}

// SummaryJSONBytes formats rows as summary.json, as SummaryWriter writes
// it: a list of objects with the same fields as summary.csv.
func SummaryJSONBytes(rows []Row) ([]byte, error) {
	var b bytes.Buffer
	for i, r := range rows {
		if err := jsonElement(&b, i, r); err != nil {
			return nil, err
		}
	}
	jsonEnd(&b, len(rows))
	return b.Bytes(), nil
}

// jsonElement writes element i of the summary list, opening the list
// before the first.
func jsonElement(w *bytes.Buffer, i int, r Row) error {
	if i == 0 {
		w.WriteString("[\n  ")
	} else {
		w.WriteString(",\n  ")
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("  ", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	w.Truncate(w.Len() - 1) // Encode's newline
	return nil
}

// jsonEnd closes a summary list of n elements.
func jsonEnd(w *bytes.Buffer, n int) {
	if n == 0 {
		w.WriteString("[]\n")
		return
	}
	w.WriteString("\n]\n")
}

// WriteSummary writes summary.csv and summary.json for rows into out,
// replacing the previous run's, through a SummaryWriter.
func WriteSummary(out string, rows []Row) error {
	w, err := NewSummaryWriter(out)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.Add(r); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Close()
}

// SummaryWriter writes summary.csv and summary.json one row at a time, so
// that a batch holds no person's row once it is written: each file goes to
// a private temporary file (".relief-*.tmp", mode 0600) in the output
// folder, and Close renames both into place, replacing the previous run's
// (a rename never writes through a link). Paths in the rows' errors are made
// relative to the folder first (see relative).
type SummaryWriter struct {
	out  string
	csvF *pendingFile
	jsF  *pendingFile
	csv  *csv.Writer
	el   bytes.Buffer
	n    int
}

// NewSummaryWriter starts the summary of a run into out.
func NewSummaryWriter(out string) (*SummaryWriter, error) {
	w := &SummaryWriter{out: out}
	var err error
	if w.csvF, err = newPendingFile(out, SummaryCSV, "writing the summary"); err != nil {
		return nil, err
	}
	if w.jsF, err = newPendingFile(out, SummaryJSON, "writing the summary"); err != nil {
		w.Abort()
		return nil, err
	}
	w.csv = csv.NewWriter(w.csvF)
	if err := w.csv.Write(csvHeader); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// Add writes one person's row.
func (w *SummaryWriter) Add(r Row) error {
	r.Error = relative(w.out, r.Error)
	r.Warnings = relative(w.out, r.Warnings)
	if err := w.csv.Write(csvRecord(r)); err != nil {
		return err
	}
	w.el.Reset()
	if err := jsonElement(&w.el, w.n, r); err != nil {
		return err
	}
	w.n++
	_, err := w.jsF.Write(w.el.Bytes())
	return err
}

// Close finishes both files, syncs them and renames them into place. On
// failure nothing replaces the previous summary.
func (w *SummaryWriter) Close() error {
	w.el.Reset()
	jsonEnd(&w.el, w.n)
	w.jsF.Write(w.el.Bytes())
	w.csv.Flush()
	err := errors.Join(w.csv.Error(), w.csvF.finish(), w.jsF.finish())
	if err == nil {
		err = w.csvF.rename()
	}
	if err == nil {
		err = w.jsF.rename()
	}
	if err != nil {
		w.Abort()
		return fmt.Errorf("writing the summary: %w", err)
	}
	return nil
}

// Abort removes the temporary files.
func (w *SummaryWriter) Abort() {
	for _, f := range []*pendingFile{w.csvF, w.jsF} {
		if f != nil {
			f.abort()
		}
	}
}

// calendarWriter writes the clinic's calendar (--calendar) a person at a
// time, like SummaryWriter, so that no person's events stay in memory.
type calendarWriter struct {
	*pendingFile
	n int
}

func newCalendarWriter(out, name string) (*calendarWriter, error) {
	p, err := newPendingFile(out, CalendarFile, "writing the calendar")
	if err != nil {
		return nil, err
	}
	w := &calendarWriter{pendingFile: p}
	if _, err := w.WriteString(calendar.Header(name)); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// Add writes one person's events.
func (w *calendarWriter) Add(events []calendar.Event) error {
	w.n += len(events)
	_, err := w.WriteString(calendar.EncodeEvents(events))
	return err
}

// Close ends the calendar, syncs it and renames it into place; on failure
// nothing replaces the previous run's calendar.
func (w *calendarWriter) Close() error {
	w.WriteString(calendar.Footer)
	if err := w.commit(); err != nil {
		return fmt.Errorf("writing the calendar: %w", err)
	}
	return nil
}

// Abort removes the temporary file.
func (w *calendarWriter) Abort() { w.abort() }
