package batch

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"

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

// SummaryCSVBytes formats rows as summary.csv.
func SummaryCSVBytes(rows []Row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(csvHeader)
	for _, r := range rows {
		_ = w.Write([]string{r.Person, r.Source, r.Rows, r.Status, r.Remedies,
			strconv.Itoa(r.Packets), strconv.Itoa(r.Pages), r.NextDate, r.Error})
	}
	w.Flush()
	return b.Bytes()
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
// previous run's.
func WriteSummary(out string, rows []Row) error {
	js, err := SummaryJSONBytes(rows)
	if err != nil {
		return err
	}
	return safefile.WriteAll(out, []safefile.File{
		{Name: SummaryCSV, Data: SummaryCSVBytes(rows)},
		{Name: SummaryJSON, Data: js},
	}, true)
}
