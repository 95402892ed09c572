package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/reliefkit/relief/internal/safefile"
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

	Failure Failure `json:"-"`
}

// csvHeader is the first line of summary.csv.
var csvHeader = []string{"person", "source", "rows", "status", "remedies", "packets", "pages", "next_date", "error"}

// SummaryCSVBytes formats rows as summary.csv. Every cell goes through
// CSVCell, so no text from input runs as a spreadsheet formula.
func SummaryCSVBytes(rows []Row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range rows {
		rec := []string{r.Person, r.Source, r.Rows, r.Status, r.Remedies,
			strconv.Itoa(r.Packets), strconv.Itoa(r.Pages), r.NextDate, r.Error}
		for i := range rec {
			rec[i] = CSVCell(rec[i])
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
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

// absPath matches an absolute path in a message: a slash (or a Windows
// drive) at the start or after a blank, quote or parenthesis, up to the
// next blank, quote, colon or parenthesis.
var absPath = regexp.MustCompile(`(^|[\s"'(])((?:[A-Za-z]:)?[/\\][^\s"':()]*)`)

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

// SummaryJSONBytes formats rows as summary.json: a list of objects with the
// same fields as summary.csv.
func SummaryJSONBytes(rows []Row) ([]byte, error) {
	if rows == nil {
		rows = []Row{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteSummary writes summary.csv and summary.json into out, replacing the
// previous run's. Paths in the error messages are made relative to out
// first (see relative).
func WriteSummary(out string, rows []Row) error {
	rows = slices.Clone(rows)
	for i := range rows {
		rows[i].Error = relative(out, rows[i].Error)
	}
	js, err := SummaryJSONBytes(rows)
	if err != nil {
		return err
	}
	return safefile.WriteAll(out, []safefile.File{
		{Name: SummaryCSV, Data: SummaryCSVBytes(rows)},
		{Name: SummaryJSON, Data: js},
	}, true)
}
