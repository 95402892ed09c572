package casefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/inputtext"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/suggest"
)

// Options controls loading.
type Options struct {
	// AsOf is the day the file is judged on. A conviction or other past
	// event after it is a problem. When zero, the file's own as_of is used,
	// then Today; when all are missing, those checks are skipped.
	AsOf date.Date
	// Today gives the fallback as-of date for a file without as_of (the CLI
	// passes the wall clock). It is called only when needed; nil skips.
	Today func() date.Date
	// CheckOffense validates an offense as written ("PC 459"); the CLI
	// passes law.ParseRef. Nil skips the check.
	CheckOffense func(string) error
	// WarnOffense looks again at an offense CheckOffense accepted and
	// returns a warning, or "" for none (the CLI names a subdivision the
	// section does not have). Nil skips the check.
	WarnOffense func(string) string
}

// Limits on input size.
const (
	maxFileSize      = 1 << 20 // bytes in one case file
	maxString        = 10_000  // bytes in one text value
	maxStatementText = 50_000  // bytes in one [statement] value
)

// emptyMsg is what an empty file gets.
const emptyMsg = "the file is empty; run `relief init` for a template"

// Load reads and checks the case file at path. File.Path is path as given.
// Every error it returns is an *Errors; when the file could not be read,
// errors.Is sees the underlying error (for example fs.ErrNotExist).
func Load(path string, opt Options) (*File, error) {
	// A FIFO or a device named as a case file must not hang or fill
	// memory: only a regular file is read, and never more than the cap.
	data, err := safefile.ReadRegular(path, maxFileSize, safefile.FollowLinks)
	switch {
	case errors.Is(err, safefile.ErrTooLarge):
		st, _ := os.Stat(path)
		size := int64(maxFileSize + 1)
		if st != nil {
			size = st.Size()
		}
		return nil, tooLarge(path, size)
	case errors.Is(err, safefile.ErrNotRegular):
		if st, serr := os.Stat(path); serr == nil && st.IsDir() {
			return nil, fileProblem(path, 0, "this is a folder, not a case file")
		}
		e := fileProblem(path, 0, "this is not a plain file (%v); name a case file", unwrapPathErr(err))
		e.cause = err
		return nil, e
	case err != nil:
		return nil, readError(path, err)
	}
	return Decode(path, data, opt)
}

// unwrapPathErr drops the "open NAME:" part of err; the message names the
// file already.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func readError(path string, err error) *Errors {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	e := fileProblem(path, 0, "cannot read the file: %s", msg)
	e.cause = err
	return e
}

func tooLarge(name string, size int64) *Errors {
	return fileProblem(name, 0, "the file is %d bytes; a case file may be at most 1 MiB (%d bytes)", size, maxFileSize)
}

// Decode checks the case file held in data; name is used in messages and
// as File.Path. It decodes strictly (unknown keys and wrong types are
// problems), fills in defaults, then validates. Every problem in the file
// is reported at once, as an *Errors; it never panics.
func Decode(name string, data []byte, opt Options) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fileProblem(name, 0, "internal error while reading the file (please report it): %v", r)
		}
	}()
	return decode(name, data, opt)
}

// decode is Decode without the safety net, so that tests and the fuzzer see
// panics.
func decode(name string, data []byte, opt Options) (*File, error) {
	if len(data) > maxFileSize {
		return nil, tooLarge(name, int64(len(data)))
	}
	d, raw, err := parse(name, data, caseFileSchema)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, fileProblem(name, 0, emptyMsg)
	}
	f := &File{Path: name}
	sum := sha256.Sum256(data)
	f.Hash = hex.EncodeToString(sum[:])
	d.value(nil, raw, reflect.ValueOf(f).Elem())
	d.defaults(f)
	d.validate(f, opt)
	if len(d.probs) > 0 {
		return nil, newErrors(name, d.probs)
	}
	if len(d.warns) > 0 {
		f.Warnings = newErrors(name, d.warns).Problems
	}
	return f, nil
}

// schema says how a kind of TOML file is read: the type its top level
// decodes into and the limits on its text.
type schema struct {
	what     string       // the kind of file, in messages: "case file"
	root     reflect.Type // the struct type of the top level
	maxText  int          // bytes in one text value
	longText int          // bytes in one value at a key longText allows; 0 for none
	// isLong reports whether the value at p may span lines and hold
	// longText bytes; nil for none.
	isLong func(p keyPath) bool
}

// caseFileSchema is the case file's: [statement] holds paragraphs.
var caseFileSchema = schema{
	what: "case file", root: reflect.TypeFor[File](), maxText: maxString, longText: maxStatementText,
	isLong: func(p keyPath) bool { return len(p) > 0 && p[0].name == "statement" },
}

// parse checks the encoding and limits of data and parses it as TOML,
// returning a decoder for it and the parsed values.
func parse(name string, data []byte, sc schema) (*decoder, map[string]any, error) {
	if e := checkEncoding(name, data, sc.what); e != nil {
		return nil, nil, e
	}
	src := string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) // UTF-8 byte-order mark
	// Only the limits are checked now; the line index, which costs as much
	// again, is built the first time a message needs a line.
	if lim := checkLimits(src); lim.limit != "" {
		return nil, nil, fileProblem(name, lim.limitPos.line, "%s", lim.limit)
	}
	idx := &lazyIndex{src: src}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil, nil, &Errors{Problems: []Problem{syntaxProblem(name, src, idx, err)}}
	}
	return &decoder{name: name, idx: idx, bad: make(map[string]bool), schema: sc}, raw, nil
}

// checkEncoding refuses text that is not UTF-8, naming where it goes wrong.
// what is the kind of file, for messages.
func checkEncoding(name string, data []byte, what string) *Errors {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return fileProblem(name, 0, "the file is UTF-16 text; save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		return fileProblem(name, line, "the file contains a NUL byte at offset %d; it looks like a binary file, not a TOML %s", i, what)
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		return fileProblem(name, line, "the file is not UTF-8 text: byte 0x%02x at offset %d; save it as UTF-8", data[i], i)
	}
	return nil
}

// syntaxProblem turns the TOML parser's error into a problem.
func syntaxProblem(name, src string, idx *lazyIndex, err error) Problem {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Problem{File: name, Msg: "cannot read the file as TOML: " + strings.TrimPrefix(err.Error(), "toml: ")}
	}
	p := Problem{File: name, Line: pe.Position.Line, Col: column(src, pe.Position)}
	if p.Line <= 0 {
		p.Line, p.Col = 0, 0
	}
	// The parser's error kinds are unexported, so its message text is all
	// there is to recognise the two cases worth rewording.
	msg := pe.Message
	if v, ok := strings.CutPrefix(msg, "invalid datetime: "); ok {
		if s, err := strconv.Unquote(v); err == nil {
			v = s
		}
		p.Key = idx.get().keyAt(p.Line, p.Col)
		p.Msg = date.Explain(v)
		return p
	}
	if strings.HasSuffix(msg, "' has already been defined.") {
		if p.Key = idx.get().keyAt(p.Line, p.Col); p.Key != "" {
			p.Msg = "is set more than once; keep only one"
			return p
		}
	}
	p.Msg = "syntax error: " + cleanTOMLMessage(msg)
	return p
}

// column returns the 1-based byte column of pos in src. It recomputes what
// the parser reports, which is one line off for the first byte of a line.
func column(src string, pos toml.Position) int {
	if pos.Start < 0 || pos.Start > len(src) || pos.Line < 1 {
		return pos.Col
	}
	lineStart := strings.LastIndexByte(src[:pos.Start], '\n') + 1
	if strings.Count(src[:lineStart], "\n")+1 != pos.Line {
		return pos.Col // Start and Line disagree; trust the parser
	}
	return pos.Start - lineStart + 1
}

// cleanTOMLMessage rewords the parser's messages for people who are not
// programmers.
func cleanTOMLMessage(msg string) string {
	if k, ok := between(msg, "Key '", "' has already been defined."); ok {
		return k + " is set more than once"
	}
	if k, ok := between(msg, "Key '", "' was already created as a hash."); ok {
		return k + " is already a table and cannot be set again"
	}
	if k, ok := between(msg, "Key '", "' was already created and cannot be used as an array."); ok {
		return k + " is already set and cannot also be a list of tables"
	}
	msg = strings.TrimSuffix(msg, ".")
	msg = strings.ReplaceAll(msg, "EOF", "end of file")
	if r, n := utf8.DecodeRuneInString(msg); r >= 'A' && r <= 'Z' && !strings.HasPrefix(msg, "TOML") {
		msg = strings.ToLower(msg[:n]) + msg[n:]
	}
	return msg
}

// between returns what s holds between prefix and suffix.
func between(s, prefix, suffix string) (string, bool) {
	s, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return "", false
	}
	return strings.CutSuffix(s, suffix)
}

// decoder maps the parsed TOML onto File, collecting every problem.
type decoder struct {
	schema
	name  string
	idx   *lazyIndex
	probs []Problem
	warns []Problem       // what is doubtful but not wrong: File.Warnings
	bad   map[string]bool // key paths whose value was unusable

	defaultID map[string]bool // cases[i] and arrests[i] whose id is the default
}

func (d *decoder) add(p keyPath, format string, args ...any) {
	d.probs = append(d.probs, d.problem(p, format, args...))
}

// warn records a warning at p: the file is usable, but a value in it is
// doubtful enough that the reader should look at the record again.
func (d *decoder) warn(p keyPath, format string, args ...any) {
	d.warns = append(d.warns, d.problem(p, format, args...))
}

// problem builds the problem at p, with its line.
func (d *decoder) problem(p keyPath, format string, args ...any) Problem {
	line := d.idx.get().line(p)
	if n := len(p); n > 0 && p[n-1].index < 0 && len(p[n-1].name) > 64 {
		// Only an unknown key can be this long; don't repeat all of it.
		p = append(p.parent(), pathElem{name: short(p[n-1].name), index: -1})
	}
	return Problem{
		File: d.name,
		Line: line,
		Key:  p.String(),
		Msg:  fmt.Sprintf(format, args...),
	}
}

// short shortens text quoted in a message to 40 characters.
func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "…"
	}
	return s
}

// reject reports an unusable value at p and remembers it, so that
// validation does not also call it missing.
func (d *decoder) reject(p keyPath, format string, args ...any) {
	d.bad[p.String()] = true
	d.add(p, format, args...)
}

// value stores v (a value from the TOML parser) into rv, the field at p.
func (d *decoder) value(p keyPath, v any, rv reflect.Value) {
	if rv.Type() == reflect.TypeFor[date.Date]() {
		d.date(p, v, rv)
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		n := reflect.New(rv.Type().Elem())
		d.value(p, v, n.Elem())
		if !d.bad[p.String()] {
			rv.Set(n)
		}
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.reject(p, "expected a table (%s on a line of its own, then its keys), found %s", p.header(), describe(v))
			return
		}
		d.table(p, m, rv)
	case reflect.Map:
		d.namedTables(p, v, rv)
	case reflect.Slice:
		items, ok := asList(v)
		if !ok {
			d.reject(p, "expected %s, found %s", describeList(p, rv.Type()), describe(v))
			return
		}
		if len(items) > maxItems {
			d.reject(p, "has %d entries; at most %d are allowed", len(items), maxItems)
			return
		}
		s := reflect.MakeSlice(rv.Type(), len(items), len(items))
		for i, item := range items {
			d.value(p.at(i), item, s.Index(i))
		}
		rv.Set(s)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			d.reject(p, "expected text in quotes, found %s", describe(v))
			return
		}
		multiline := d.isLong != nil && d.isLong(p)
		limit := d.maxText
		if multiline {
			limit = d.longText
		}
		if len(s) > limit {
			d.reject(p, "the text is too long (%d bytes); at most %d are allowed here", len(s), limit)
			return
		}
		// Every text value, whatever its key, is normalised and checked
		// here, so that keys added later are covered without a rule of
		// their own.
		s, msg := inputtext.Clean(s, multiline)
		if msg != "" {
			d.reject(p, "%s", msg)
			return
		}
		rv.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.reject(p, "expected true or false, found %s", describe(v))
			return
		}
		rv.SetBool(b)
	case reflect.Int:
		n, ok := v.(int64)
		if !ok {
			d.reject(p, "expected a whole number, found %s", describe(v))
			return
		}
		if n > 1<<40 || n < -(1<<40) {
			d.reject(p, "%d is out of range", n)
			return
		}
		rv.SetInt(n)
	default:
		d.reject(p, "internal error: no decoder for %s", rv.Type())
	}
}

// table decodes a TOML table into a struct, reporting unknown keys.
func (d *decoder) table(p keyPath, m map[string]any, rv reflect.Value) {
	fields := tomlFields(rv.Type())
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		i := slices.IndexFunc(fields, func(f tomlField) bool { return f.name == k })
		if i < 0 {
			d.unknown(p, k)
			continue
		}
		d.value(p.key(k), m[k], rv.Field(fields[i].index))
	}
}

// namedTables decodes a table of tables whose keys are names the schema
// does not fix ([counties."Santa Cruz"]) into a map from name to struct.
func (d *decoder) namedTables(p keyPath, v any, rv reflect.Value) {
	m, ok := v.(map[string]any)
	if !ok || rv.Type().Key().Kind() != reflect.String {
		d.reject(p, "expected tables like %s, found %s", p.key("Name").header(), describe(v))
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := reflect.MakeMapWithSize(rv.Type(), len(m))
	for _, k := range keys {
		ev := reflect.New(rv.Type().Elem()).Elem()
		d.value(p.key(k), m[k], ev)
		out.SetMapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()), ev)
	}
	rv.Set(out)
}

// unknown reports a key the schema does not have, suggesting what was meant.
func (d *decoder) unknown(p keyPath, k string) {
	kp := p.key(k)
	// A key of the enclosing table written after a sub-table's header is the
	// usual TOML slip: county after [[cases.counts]] belongs to the case.
	if len(p) > 0 {
		owner := p.parent()
		if p[len(p)-1].index >= 0 {
			owner = owner.parent()
		}
		if slices.Contains(names(d.typeAt(owner)), k) {
			if len(owner) == 0 {
				d.add(kp, "unknown key in %s; %s belongs at the top of the file: move it above the first [table] line", p.header(), k)
			} else {
				d.add(kp, "unknown key in %s; %s belongs to %s: move it up, right below the %s line", p.header(), k, owner, owner.header())
			}
			return
		}
	}
	here := names(d.typeAt(p))
	if s := suggest.Closest(k, here); s != "" {
		d.add(kp, "unknown key (did you mean %q?)", s)
		return
	}
	where := "at the top of the file"
	if len(p) > 0 {
		where = "in " + p.header()
	}
	d.add(kp, "unknown key; the keys allowed %s are %s", where, strings.Join(here, ", "))
}

// typeAt returns the struct type of the table at p ([] indexes and the
// names of named tables skipped).
func (d *decoder) typeAt(p keyPath) reflect.Type {
	t := d.root
	for _, e := range p {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if e.index >= 0 {
			continue
		}
		if t.Kind() == reflect.Map {
			t = t.Elem()
			continue
		}
		fields := tomlFields(t)
		i := slices.IndexFunc(fields, func(f tomlField) bool { return f.name == e.name })
		if i < 0 {
			return nil
		}
		t = t.Field(fields[i].index).Type
	}
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	return t
}

// names lists the TOML keys of struct type t in declaration order.
func names(t reflect.Type) []string {
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for _, f := range tomlFields(t) {
		out = append(out, f.name)
	}
	return out
}

type tomlField struct {
	name  string
	index int
}

// tomlFields lists the fields of t that TOML keys decode into.
// fieldCache holds tomlFields' answer per struct type: the case-file types
// are few and fixed, and reflecting over them for every table of every
// file was a tenth of decoding.
var fieldCache sync.Map // reflect.Type → []tomlField

func tomlFields(t reflect.Type) []tomlField {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]tomlField)
	}
	out := scanFields(t)
	fieldCache.Store(t, out)
	return out
}

func scanFields(t reflect.Type) []tomlField {
	var out []tomlField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if !f.IsExported() || name == "-" || name == "" {
			continue
		}
		out = append(out, tomlField{name, i})
	}
	return out
}

// date decodes a TOML local date or a quoted YYYY-MM-DD.
func (d *decoder) date(p keyPath, v any, rv reflect.Value) {
	switch x := v.(type) {
	case time.Time:
		// BurntSushi/toml marks values without a time zone by these
		// location names (internal.LocalDate and friends).
		switch x.Location().String() {
		case "date-local":
			d.setDate(p, date.FromTime(x), rv)
		case "time-local":
			d.reject(p, "expected a date like 2015-06-01, found a time of day (%s)", x.Format(time.TimeOnly))
		case "datetime-local":
			d.reject(p, "expected a date like 2015-06-01, found a date and time (%s); write the day only", x.Format("2006-01-02T15:04:05"))
		default:
			d.reject(p, "expected a date like 2015-06-01, found a date and time (%s); write the day only", x.Format(time.RFC3339))
		}
	case string:
		t, err := date.Parse(x)
		if err != nil {
			d.reject(p, "%s", date.Explain(x))
			return
		}
		d.setDate(p, t, rv)
	default:
		d.reject(p, "expected a date like 2015-06-01, found %s", describe(v))
	}
}

// setDate stores a date that is in date's range; the zero date and other
// dates outside it are refused, so that a zero Date always means the key
// was not given.
func (d *decoder) setDate(p keyPath, t date.Date, rv reflect.Value) {
	if err := date.CheckRange(t); err != nil {
		d.reject(p, "%v", err)
		return
	}
	rv.Set(reflect.ValueOf(t))
}

// asList returns the elements of a TOML array or array of tables.
func asList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out, true
	}
	return nil, false
}

// describe names a parsed TOML value for messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("text (%q)", short(x))
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v (without quotes)", x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time of day"
		}
		return "a date and time"
	case []any:
		return "a list"
	case []map[string]any:
		return "a list of tables"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("a value of type %T", v)
}

// describeList names what the list field at p expects.
func describeList(p keyPath, t reflect.Type) string {
	switch t {
	case reflect.TypeFor[[]string]():
		if n := len(p); n > 0 && strings.HasSuffix(p[n-1].name, "offenses") {
			return `a list of text values, like ["PC 242"]`
		}
		return `a list of text values, like ["first", "second"]`
	case reflect.TypeFor[[]date.Date]():
		return "a list of dates, like [2016-05-01]"
	}
	return "a list of tables, each starting with a " + p.at(0).header() + " line"
}
