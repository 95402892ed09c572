// Package roster reads a CSV roster: many people's convictions in one
// spreadsheet, one row per count, with the person's and the case's columns
// repeated on each of their rows (docs/batch.md). Each person becomes the
// text of a case file (TOML), which casefile decodes and validates as usual;
// the problems it finds are mapped back to the roster's rows and columns, so
// every message reads "roster.csv:ROW: column: message".
//
// A row is numbered by the line of the file it starts on, the header being
// row 1: the numbers a spreadsheet shows.
package roster

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/inputtext"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/suggest"
)

// Where a column's value belongs.
type level int

const (
	personLevel level = iota // repeated on every row of the person
	caseLevel                // repeated on every row of the case
	countLevel               // one per row
)

// What a column holds.
type kind int

const (
	text  kind = iota
	day        // YYYY-MM-DD
	days       // YYYY-MM-DD dates separated by semicolons
	yesNo      // true/false, yes/no, 1/0
)

// column describes one roster column and the case-file key it fills.
type column struct {
	name  string
	level level
	kind  kind
	key   string // key inside its table: petitioner, the case, the count or the sentence
	table string // "", "petitioner", "statement", "case", "sentence", "count"
}

// columns lists every column a roster may have, in the order the
// documentation gives them.
var columns = []column{
	{name: "person_id", level: personLevel},
	{name: "name", level: personLevel, table: "petitioner", key: "name"},
	{name: "dob", level: personLevel, kind: day, table: "petitioner", key: "dob"},
	{name: "address", level: personLevel, table: "petitioner", key: "address"},
	{name: "city", level: personLevel, table: "petitioner", key: "city"},
	{name: "state", level: personLevel, table: "petitioner", key: "state"},
	{name: "zip", level: personLevel, table: "petitioner", key: "zip"},
	{name: "phone", level: personLevel, table: "petitioner", key: "phone"},
	{name: "email", level: personLevel, table: "petitioner", key: "email"},
	{name: "language", level: personLevel, table: "petitioner", key: "language"},
	{name: "case_id", level: caseLevel, table: "case", key: "id"},
	{name: "county", level: caseLevel, table: "case", key: "county"},
	{name: "case_number", level: caseLevel, table: "case", key: "case_number"},
	{name: "conviction_date", level: caseLevel, kind: day, table: "case", key: "conviction_date"},
	{name: "sentence_date", level: caseLevel, kind: day, table: "case", key: "sentence_date"},
	{name: "offense", level: countLevel, table: "count", key: "offense"},
	{name: "level", level: countLevel, table: "count", key: "level"},
	{name: "description", level: countLevel, table: "count", key: "description"},
	{name: "sentence_kind", level: caseLevel, table: "sentence", key: "kind"},
	{name: "probation_end", level: caseLevel, kind: day, table: "sentence", key: "probation_end"},
	{name: "terminated_early_on", level: caseLevel, kind: day, table: "sentence", key: "terminated_early_on"},
	{name: "violations", level: caseLevel, kind: days, table: "sentence", key: "violations"},
	{name: "revoked", level: caseLevel, kind: yesNo, table: "sentence", key: "revoked"},
	{name: "mandatory_supervision", level: caseLevel, kind: yesNo, table: "sentence", key: "mandatory_supervision"},
	{name: "released_on", level: caseLevel, kind: day, table: "sentence", key: "released_on"},
	{name: "supervision_ended_on", level: caseLevel, kind: day, table: "sentence", key: "supervision_ended_on"},
	{name: "completed_on", level: caseLevel, kind: day, table: "sentence", key: "completed_on"},
	{name: "statement_employment", level: personLevel, table: "statement", key: "employment"},
	{name: "statement_reasons", level: personLevel, table: "statement", key: "reasons"},
	{name: "as_of", level: personLevel, kind: day, key: "as_of"},
}

// Required lists the columns every roster's header must have.
var Required = []string{"person_id", "name", "case_id", "county", "conviction_date", "offense", "level"}

// Columns returns the names of every column a roster may have.
func Columns() []string {
	out := make([]string, len(columns))
	for i, c := range columns {
		out[i] = c.name
	}
	return out
}

func columnNamed(name string) *column {
	for i := range columns {
		if columns[i].name == name {
			return &columns[i]
		}
	}
	return nil
}

// MaxIDLen is the longest person_id: it names a folder and a file.
const MaxIDLen = 64

// Problem is one thing wrong with a roster.
type Problem struct {
	File   string // the roster's name as given
	Row    int    // first row (line) concerned; 0 for the whole file
	RowEnd int    // last row when the problem concerns several; 0 otherwise
	Column string // the column, when one is to blame
	Msg    string
}

// String formats the problem as "file:ROW: column: message", with anything
// that would act on a terminal (a NUL from a UTF-16 file, say) escaped.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(inputtext.Escape(p.File))
	if p.Row > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(p.Row))
		if p.RowEnd > p.Row {
			b.WriteString("-")
			b.WriteString(strconv.Itoa(p.RowEnd))
		}
	}
	b.WriteString(": ")
	if p.Column != "" {
		b.WriteString(inputtext.Escape(p.Column))
		b.WriteString(": ")
	}
	b.WriteString(inputtext.Escape(p.Msg))
	return b.String()
}

// Errors is a list of problems, one per line when printed.
type Errors struct {
	Problems []Problem
}

func (e *Errors) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sortProblems orders problems by row, then by column in the order
// Columns gives (problems with the whole row first).
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Row, b.Row), cmp.Compare(columnIndex(a.Column), columnIndex(b.Column)))
	})
}

func columnIndex(name string) int {
	return slices.IndexFunc(columns, func(c column) bool { return c.name == name })
}

// Limits on a roster. The file cap bounds what one run reads; the row cap
// bounds what one CSV record can cost (a 200 MB cell used to cost 660 MB);
// the cell caps are the case file's limits on one text value.
const (
	MaxSize      = 64 << 20 // bytes in a roster
	MaxRowSize   = 1 << 20  // bytes in one record (row), quoted line breaks included
	maxCell      = 10_000   // bytes in one cell
	maxTextCell  = 50_000   // bytes in one statement_* cell
	maxCases     = 200      // cases of one person: a case file's limit
	maxCounts    = 200      // counts of one case: a case file's limit
	maxRowsShown = 3        // rows a "too many" problem names before "…"
)

// Roster is a parsed roster.
type Roster struct {
	Name   string    // as given to Parse, used in messages
	People []*Person // in order of first appearance
	// Orphans are problems with rows that name no usable person.
	Orphans []Problem
}

// Person is one person's rows. Parse keeps only the person's raw records;
// their values are checked and gathered when first needed (Problems,
// Decode, TOML), so that a roster of many people costs little more than
// its text until each person is drafted, and a caller that drops a person
// once done (as relief batch does) frees them.
type Person struct {
	ID   string
	Rows []int // the person's rows, ascending

	file  string
	cols  []*column  // the roster's columns, shared
	recs  [][]string // the person's records, in row order; nil once built
	built bool
	probs []Problem       // problems found reading the rows
	vals  map[string]cell // person-level values
	cases []*rcase
	byID  map[string]*rcase // cases by id
}

// cell is a value and the row it came from.
type cell struct {
	val string
	row int
}

type rcase struct {
	id     string
	rows   []int
	vals   map[string]cell
	counts []rcount
}

type rcount struct {
	row  int
	vals map[string]string
}

// RowRange formats rows compactly: "2-4", "2-3,7".
func RowRange(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", rows[i], rows[j]))
		} else {
			parts = append(parts, strconv.Itoa(rows[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// Parse reads a roster. A problem with the file as a whole (no header, an
// unknown or missing column, broken CSV, UTF-16 text, over MaxSize bytes or
// a row over MaxRowSize) is returned as an *Errors and nothing else is
// read. A problem with a row is kept with its person (see Problems), or in
// Orphans when the row names no person, so the other people can go on.
func Parse(name string, r io.Reader) (*Roster, error) {
	ro := &Roster{Name: name}
	byID := map[string]*Person{}
	_, err := scan(name, r, func(cols []*column, idCol int, rec []string, row int, _ int64) {
		ro.addRow(byID, cols, idCol, rec, row)
	})
	if err != nil {
		return nil, err
	}
	sortProblems(ro.Orphans)
	return ro, nil
}

// scan reads a roster's header and then passes each record to visit with
// its row and the byte offset in r where it starts, within the limits
// Parse describes. It returns the columns, one per field of the header.
func scan(name string, r io.Reader, visit func(cols []*column, idCol int, rec []string, row int, off int64)) ([]*column, error) {
	fatal := func(row int, col, format string, args ...any) error {
		return &Errors{Problems: []Problem{{File: name, Row: row, Column: col, Msg: fmt.Sprintf(format, args...)}}}
	}
	br := bufio.NewReader(r)
	if msg := checkEncoding(br); msg != "" {
		return nil, fatal(0, "", "%s", msg)
	}
	lim := &limitReader{r: br, line: 1}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1
	csvError := func(err error) error {
		var le *limitError
		var pe *csv.ParseError
		switch {
		case errors.As(err, &le):
			return fatal(le.row, "", "%s", le.msg)
		case errors.As(err, &pe):
			return fatal(pe.Line, "", "cannot read the roster as CSV: %v", pe.Err)
		}
		return fatal(0, "", "cannot read the roster: %v", err)
	}

	header, err := cr.Read()
	if err == io.EOF {
		return nil, fatal(0, "", "the roster is empty; it needs a header row naming its columns (%s)", strings.Join(Required, ", "))
	}
	if err != nil {
		return nil, csvError(err)
	}
	cols, err := readHeader(name, header)
	if err != nil {
		return nil, err
	}
	idCol := slices.IndexFunc(cols, func(c *column) bool { return c != nil && c.name == "person_id" })
	for {
		off := cr.InputOffset()
		rec, err := cr.Read()
		if err == io.EOF {
			return cols, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		row, _ := cr.FieldPos(0)
		visit(cols, idCol, rec, row, off)
	}
}

// checkEncoding refuses UTF-16 text and binary files before the CSV reader
// turns their NUL bytes into column names.
func checkEncoding(br *bufio.Reader) string {
	head, _ := br.Peek(1024)
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return "the roster is UTF-16 text; save it as UTF-8 CSV (in a spreadsheet: CSV UTF-8)"
	case bytes.IndexByte(head, 0) >= 0:
		return "the roster contains NUL bytes: it is UTF-16 text or not text at all; save it as UTF-8 CSV"
	}
	return ""
}

// limitReader passes on a roster's bytes, failing once the roster passes
// MaxSize bytes or one record passes MaxRowSize: it follows CSV quoting
// (a line break inside quotes does not end a record) well enough to know
// where records end, so a single huge cell fails fast instead of being
// gathered into memory by the CSV reader.
type limitReader struct {
	r        io.Reader
	total    int
	inRecord int  // bytes of the current record so far
	quoted   bool // inside a quoted field
	line     int  // line the current record started on
	at       int  // current line
}

// limitError is a limit the roster passed, with the row to name.
type limitError struct {
	row int
	msg string
}

func (e *limitError) Error() string { return e.msg }

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		switch p[i] {
		case '"':
			l.quoted = !l.quoted // "" inside quotes toggles twice
		case '\n':
			l.at++
			if !l.quoted {
				l.inRecord = -1
				l.line = l.at + 1
			}
		}
		l.inRecord++
		if l.inRecord > MaxRowSize {
			return 0, &limitError{row: l.line, msg: fmt.Sprintf("the row is longer than %d MiB; is a quote left open? A cell may hold at most %d bytes", MaxRowSize>>20, maxTextCell)}
		}
	}
	l.total += n
	if l.total > MaxSize {
		return 0, &limitError{msg: fmt.Sprintf("the roster is larger than %d MiB; split it into several rosters", MaxSize>>20)}
	}
	return n, err
}

// readHeader maps each field of the header to its column.
func readHeader(name string, header []string) ([]*column, error) {
	var probs []Problem
	cols := make([]*column, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // byte-order mark from spreadsheets
		}
		h = strings.ToLower(strings.TrimSpace(h))
		switch c := columnNamed(h); {
		case h == "":
			probs = append(probs, Problem{File: name, Row: 1, Msg: fmt.Sprintf("column %d has no name; every column needs one of: %s", i+1, strings.Join(Columns(), ", "))})
		case c == nil:
			msg := "unknown column"
			if s := suggest.Closest(h, Columns()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				msg += "; the columns allowed are " + strings.Join(Columns(), ", ")
			}
			probs = append(probs, Problem{File: name, Row: 1, Column: short(h), Msg: msg})
		case seen[h]:
			probs = append(probs, Problem{File: name, Row: 1, Column: h, Msg: "the column appears twice; keep one"})
		default:
			seen[h] = true
			cols[i] = c
		}
	}
	for _, r := range Required {
		if !seen[r] {
			probs = append(probs, Problem{File: name, Row: 1, Column: r, Msg: "missing column; a roster needs the columns " + strings.Join(Required, ", ")})
		}
	}
	if len(probs) > 0 {
		return nil, &Errors{Problems: probs}
	}
	return cols, nil
}

// addRow files one record under its person, keeping it as it is; a row
// that names no usable person has its problems found now, as an orphan.
func (ro *Roster) addRow(byID map[string]*Person, cols []*column, idCol int, rec []string, row int) {
	id, orphan := rowID(ro.Name, cols, idCol, rec, row)
	if id == "" {
		ro.Orphans = append(ro.Orphans, orphan...)
		return
	}
	p := byID[id]
	if p == nil {
		p = &Person{ID: id, file: ro.Name, cols: cols}
		byID[id] = p
		ro.People = append(ro.People, p)
	}
	p.Rows = append(p.Rows, row)
	p.recs = append(p.recs, rec)
}

// rowID returns the person a record belongs to. A blank record belongs to
// nobody and has no problem (an empty line in a spreadsheet export); a
// record naming no usable person returns "" and its problems.
func rowID(file string, cols []*column, idCol int, rec []string, row int) (string, []Problem) {
	if isBlank(rec) {
		return "", nil
	}
	id := ""
	if idCol < len(rec) {
		id = strings.TrimSpace(rec[idCol])
	}
	if id == "" || checkValue(cols[idCol], id) != "" || !utf8.ValidString(id) {
		vals, probs := rowValues(file, cols, rec, row)
		if vals["person_id"] == "" && !slices.ContainsFunc(probs, func(p Problem) bool { return p.Column == "person_id" }) {
			probs = append(probs, Problem{File: file, Row: row, Column: "person_id", Msg: "missing; every row needs the id of the person it belongs to"})
		}
		return "", probs
	}
	return id, nil
}

func isBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// rowValues checks each cell of a record and returns the usable values by
// column, with the problems of the others.
func rowValues(file string, cols []*column, rec []string, row int) (map[string]string, []Problem) {
	vals := map[string]string{}
	var probs []Problem
	bad := func(col, format string, args ...any) {
		probs = append(probs, Problem{File: file, Row: row, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
	for i, v := range rec {
		if i >= len(cols) || cols[i] == nil {
			continue
		}
		c := cols[i]
		v = strings.TrimSpace(v)
		limit := maxCell
		if c.table == "statement" {
			limit = maxTextCell
		}
		switch {
		case !utf8.ValidString(v):
			bad(c.name, "is not UTF-8 text; save the roster as UTF-8 CSV")
			continue
		case strings.IndexByte(v, 0) >= 0:
			bad(c.name, "contains a NUL byte")
			continue
		case len(v) > limit:
			bad(c.name, "is %d bytes long; a cell may hold at most %d", len(v), limit)
			continue
		case v == "":
			continue
		}
		if msg := checkValue(c, v); msg != "" {
			bad(c.name, "%s", msg)
			continue
		}
		vals[c.name] = v
	}
	if len(rec) != len(cols) {
		probs = append(probs, Problem{File: file, Row: row, Msg: fmt.Sprintf("has %d fields, but the header has %d columns", len(rec), len(cols))})
	}
	return vals, probs
}

// Problems returns the problems found reading the person's rows (not
// those casefile finds in the case file made from them; see Decode),
// sorted by row and column; nil when the rows read well.
func (p *Person) Problems() []Problem {
	p.build()
	return p.probs
}

// build checks and gathers the person's records, once.
func (p *Person) build() {
	if p.built {
		return
	}
	p.built = true
	p.vals = map[string]cell{}
	for i, rec := range p.recs {
		if !p.add(rec, p.Rows[i]) {
			break
		}
	}
	p.recs = nil
	sortProblems(p.probs)
}

// add files one of the person's records under its case and count. It
// reports false when the person has passed a case file's limits, after
// which the rest of their rows are not read.
func (p *Person) add(rec []string, row int) bool {
	vals, probs := rowValues(p.file, p.cols, rec, row)
	p.probs = append(p.probs, probs...)
	for _, col := range columns {
		if v, ok := vals[col.name]; ok && col.level == personLevel && col.name != "person_id" {
			p.merge(p.vals, col.name, v, row, "repeat the person's value on each of their rows, or leave it blank")
		}
	}

	caseID := vals["case_id"]
	if caseID == "" {
		if !slices.ContainsFunc(probs, func(p Problem) bool { return p.Column == "case_id" }) {
			p.problem(row, "case_id", "missing; every row needs the id of the case its count belongs to (it names the PDF, like dismissal-<case_id>.pdf)")
		}
		return true
	}
	c := p.byID[caseID]
	if c == nil {
		if len(p.cases) == maxCases {
			p.problem(row, "case_id", "person %s has more than %d cases; a case file holds at most %d, so the rows from here on were not read", p.ID, maxCases, maxCases)
			return false
		}
		c = &rcase{id: caseID, vals: map[string]cell{}}
		if p.byID == nil {
			p.byID = map[string]*rcase{}
		}
		p.byID[caseID] = c
		p.cases = append(p.cases, c)
	}
	if len(c.counts) == maxCounts {
		p.problem(row, "offense", "case %s has more than %d counts; a case file holds at most %d, so the rows from here on were not read", caseID, maxCounts, maxCounts)
		return false
	}
	c.rows = append(c.rows, row)
	count := rcount{row: row, vals: map[string]string{}}
	for _, col := range columns {
		v, ok := vals[col.name]
		if !ok || col.name == "case_id" {
			continue
		}
		switch col.level {
		case caseLevel:
			p.merge(c.vals, col.name, v, row, fmt.Sprintf("repeat case %s's value on each of its rows, or leave it blank", caseID))
		case countLevel:
			count.vals[col.name] = v
		}
	}
	c.counts = append(c.counts, count)
	return true
}

// merge keeps the first value of a repeated column and reports a later row
// that gives a different one.
func (p *Person) merge(m map[string]cell, col, v string, row int, hint string) {
	prev, ok := m[col]
	if !ok {
		m[col] = cell{v, row}
		return
	}
	if prev.val != v {
		p.problem(row, col, "%q differs from %q on row %d; %s", short(v), short(prev.val), prev.row, hint)
	}
}

func (p *Person) problem(row int, col, format string, args ...any) {
	p.probs = append(p.probs, Problem{File: p.file, Row: row, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// checkValue checks a value's form; the case file's rules check the rest.
func checkValue(c *column, v string) string {
	switch {
	case c.name == "person_id":
		if len(v) > MaxIDLen {
			return fmt.Sprintf("%q is %d characters long; a person_id may have at most %d", short(v), len(v), MaxIDLen)
		}
		if _, err := safefile.Join(".", v); err != nil {
			return fmt.Sprintf("%q cannot name a folder or file: use only letters, digits, '-', '_' and '.', not starting with '.'", short(v))
		}
	case c.kind == day:
		if d, err := date.Parse(v); err != nil {
			return date.Explain(short(v))
		} else if err := date.CheckRange(d); err != nil {
			return err.Error()
		}
	case c.kind == days:
		for _, d := range strings.Split(v, ";") {
			d = strings.TrimSpace(d)
			if d == "" {
				continue
			}
			t, err := date.Parse(d)
			if err != nil {
				return date.Explain(short(d)) + "; separate several dates with semicolons"
			}
			if err := date.CheckRange(t); err != nil {
				return err.Error()
			}
		}
	case c.kind == yesNo:
		if _, ok := parseBool(v); !ok {
			return fmt.Sprintf("%q is not true or false; write true, false, yes or no, or leave it blank", short(v))
		}
	}
	return ""
}

func parseBool(v string) (bool, bool) {
	switch strings.ToLower(v) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}

// short shortens text quoted in a message to 40 characters.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "…"
	}
	return s
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
