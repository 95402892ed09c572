// Package config reads relief's own settings file: the defaults an office
// shares across every client, so that they need not be repeated in each
// case file. It is TOML, read strictly (an unknown key is a problem, with
// its line), and it holds no client data:
//
//	templates = "/path/to/dir"   # a template layer between --templates and the built-ins
//
//	[attorney]                   # defaults for the case file's [attorney] block
//	name = "Jordan Smith"
//	bar_number = "287654"
//	firm = "Smith Reentry Law"
//	address = "500 Broadway, Suite 200"
//	city = "Oakland"
//	state = "CA"
//	zip = "94607"
//	phone = "(510) 555-0199"
//	email = "jsmith@example.com"
//
//	[letterhead]                 # heads letter-frame documents
//	lines = ["Smith Reentry Law", "500 Broadway, Suite 200", "Oakland, CA 94607"]
//	default_county = "Alameda"
//
// The default location is os.UserConfigDir()/relief/config.toml; a missing
// file there is not an error (see DefaultPath).
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/courts"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/safefile"
	"github.com/reliefkit/relief/internal/suggest"
)

// Config is a decoded settings file. The zero Config is "no settings".
type Config struct {
	// Path is the file the settings came from; "" for none.
	Path string
	// Templates is a folder of templates layered between the user's
	// --templates folder and the built-ins (layer name "config"). A
	// relative path in the file is taken from the config file's folder;
	// here it is already resolved. "" for none.
	Templates string
	// Attorney holds defaults for the case file's [attorney] block; see
	// Merge.
	Attorney casefile.Attorney
	// Letterhead heads letter-frame documents (the pardon packet's letter
	// to the Governor's Office) in place of the filer's name and address.
	Letterhead Letterhead
	// Counties replace relief's county table (internal/courts) for the
	// courthouses and district attorneys' offices an office uses.
	Counties []courts.County
}

// Letterhead is the [letterhead] table.
type Letterhead struct {
	Lines         []string // centred at the top of a letter, first line bold
	DefaultCounty string   // the office's usual county, for letters
}

// Limits on what a config file may hold.
const (
	maxFileSize = 64 << 10 // bytes
	maxString   = 1000     // bytes in one value
	maxLines    = 10       // letterhead lines
)

// DefaultPath returns where relief looks for the config file when --config
// is not given: os.UserConfigDir()/relief/config.toml. It reads nothing but
// what os.UserConfigDir reads (XDG_CONFIG_HOME or HOME on Unix).
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "relief", "config.toml"), nil
}

// Problem is one thing wrong with a config file.
type Problem struct {
	File string
	Line int    // 1-based; 0 when no line applies
	Key  string // e.g. "attorney.name"; "" for the whole file
	Msg  string
}

// String formats the problem as "file:line: key: message", leaving out
// the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
	}
	b.WriteString(": ")
	if p.Key != "" {
		b.WriteString(p.Key + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Error is every problem found in one config file, sorted by line. It is
// the only error type Load and Decode return. When the file could not be
// read, errors.Is sees the cause (for example fs.ErrNotExist).
type Error struct {
	Problems []Problem
	cause    error
}

// Error formats the problems one per line.
func (e *Error) Error() string {
	s := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the I/O error that stopped Load, if any.
func (e *Error) Unwrap() error { return e.cause }

func fileError(name string, line int, cause error, format string, args ...any) *Error {
	return &Error{Problems: []Problem{{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}}, cause: cause}
}

// Load reads the config file at path. A file that does not exist is an
// error for which errors.Is(err, fs.ErrNotExist) holds; callers looking at
// the default location treat that as "no settings".
func Load(path string) (Config, error) {
	// OpenRegular does not block on a named pipe and refuses one (and
	// devices): a config file is read at the start of most commands.
	f, err := safefile.OpenRegular(path, safefile.FollowLinks)
	if errors.Is(err, safefile.ErrNotRegular) {
		if st, serr := os.Stat(path); serr == nil && st.IsDir() {
			return Config{}, fileError(path, 0, nil, "this is a folder, not a config file")
		}
	}
	if err != nil {
		var pe *fs.PathError
		msg := err.Error()
		if errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return Config{}, fileError(path, 0, err, "cannot read the config file: %s", msg)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return Config{}, fileError(path, 0, nil, "this is a folder, not a config file")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return Config{}, fileError(path, 0, err, "cannot read the config file: %v", err)
	}
	c, err := Decode(path, data)
	if err != nil {
		return Config{}, err
	}
	if c.Templates != "" && !filepath.IsAbs(c.Templates) {
		c.Templates = filepath.Join(filepath.Dir(path), c.Templates)
	}
	if c.Templates != "" {
		if st, err := os.Stat(c.Templates); err != nil || !st.IsDir() {
			return Config{}, &Error{Problems: []Problem{{File: path, Line: keyLine(string(data), "", "templates"),
				Key: "templates", Msg: fmt.Sprintf("%s is not a folder; give the folder of templates (see `relief templates export`)", c.Templates)}}}
		}
	}
	return c, nil
}

// Decode checks the config file held in data; name is used in messages
// and as Config.Path. A relative templates folder is returned as written
// (Load resolves it). Every problem is reported at once, as an *Error.
func Decode(name string, data []byte) (Config, error) {
	if len(data) > maxFileSize {
		return Config{}, fileError(name, 0, nil, "the file is larger than %d KiB; a config file holds a few settings", maxFileSize>>10)
	}
	if !utf8.Valid(data) {
		return Config{}, fileError(name, 0, nil, "the file is not UTF-8 text; save it as UTF-8")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return Config{}, fileError(name, 1+bytes.Count(data[:i], []byte("\n")), nil, "the file contains a NUL byte; it is not a TOML config file")
	}
	src := string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fileError(name, pe.Position.Line, nil, "syntax error: %s", tomlMessage(pe.Message))
		}
		return Config{}, fileError(name, 0, nil, "cannot read the file as TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
	}
	d := &decoder{name: name, src: src}
	c := Config{Path: name}
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch k {
		case "templates":
			c.Templates = d.str("", k, v)
			if c.Templates == "" && d.ok("", k) {
				d.add("", k, `is empty; give a folder, like templates = "/path/to/templates", or leave the key out`)
			}
		case "attorney":
			d.attorney(v, &c.Attorney)
		case "letterhead":
			d.letterhead(v, &c.Letterhead)
		case "counties":
			d.counties(v, &c.Counties)
		default:
			d.unknown("", k, topKeys)
		}
	}
	if len(d.probs) > 0 {
		slices.SortStableFunc(d.probs, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Key, b.Key))
		})
		return Config{}, &Error{Problems: d.probs}
	}
	return c, nil
}

var (
	topKeys        = []string{"templates", "attorney", "letterhead", "counties"}
	attorneyKeys   = []string{"name", "bar_number", "firm", "address", "city", "state", "zip", "phone", "email"}
	letterheadKeys = []string{"lines", "default_county"}
)

type decoder struct {
	name  string
	src   string
	probs []Problem
	bad   map[string]bool
}

func path(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

func (d *decoder) add(table, key, format string, args ...any) {
	if d.bad == nil {
		d.bad = map[string]bool{}
	}
	d.bad[path(table, key)] = true
	d.probs = append(d.probs, Problem{File: d.name, Line: keyLine(d.src, table, key), Key: path(table, key), Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) ok(table, key string) bool { return !d.bad[path(table, key)] }

func (d *decoder) unknown(table, key string, allowed []string) {
	if s := suggest.Closest(key, allowed); s != "" {
		d.add(table, key, "unknown key (did you mean %q?)", s)
		return
	}
	where := "at the top of the file"
	if table != "" {
		where = "in [" + table + "]"
	}
	d.add(table, key, "unknown key; the keys allowed %s are %s", where, strings.Join(allowed, ", "))
}

// str returns v as text, or reports why it is not usable text.
func (d *decoder) str(table, key string, v any) string {
	s, ok := v.(string)
	switch {
	case !ok:
		d.add(table, key, "expected text in quotes, found %s", describe(v))
		return ""
	case len(s) > maxString:
		d.add(table, key, "the text is too long (%d bytes); at most %d are allowed", len(s), maxString)
		return ""
	}
	return s
}

// text is str for text printed on the papers: the embedded fonts must be
// able to print it.
func (d *decoder) text(table, key string, v any) string {
	s := d.str(table, key, v)
	if r, bad := fonts.Missing(fonts.Serif, s); bad {
		d.add(table, key, "the embedded fonts cannot print %q (U+%04X)", r, r)
		return ""
	}
	return s
}

func (d *decoder) table(key string, v any, allowed []string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		d.add("", key, "expected a table ([%s] on a line of its own, then its keys), found %s", key, describe(v))
		return nil
	}
	for _, k := range sortedKeys(m) {
		if !slices.Contains(allowed, k) {
			d.unknown(key, k, allowed)
			delete(m, k)
		}
	}
	return m
}

func (d *decoder) attorney(v any, a *casefile.Attorney) {
	m := d.table("attorney", v, attorneyKeys)
	for _, k := range sortedKeys(m) {
		s := d.text("attorney", k, m[k])
		switch k {
		case "name":
			a.Name = s
		case "bar_number":
			a.BarNumber = s
		case "firm":
			a.Firm = s
		case "address":
			a.Address = s
		case "city":
			a.City = s
		case "state":
			a.State = s
		case "zip":
			a.Zip = s
		case "phone":
			a.Phone = s
		case "email":
			a.Email = s
		}
	}
}

func (d *decoder) letterhead(v any, l *Letterhead) {
	m := d.table("letterhead", v, letterheadKeys)
	for _, k := range sortedKeys(m) {
		switch k {
		case "default_county":
			l.DefaultCounty = d.text("letterhead", k, m[k])
		case "lines":
			items, ok := m[k].([]any)
			if !ok {
				d.add("letterhead", k, `expected a list of text values, like ["Smith Reentry Law", "Oakland, CA 94607"], found %s`, describe(m[k]))
				continue
			}
			if len(items) > maxLines {
				d.add("letterhead", k, "has %d lines; at most %d fit at the top of a letter", len(items), maxLines)
				continue
			}
			for _, it := range items {
				s := d.text("letterhead", k, it)
				if !d.ok("letterhead", k) {
					break
				}
				l.Lines = append(l.Lines, s)
			}
			if !d.ok("letterhead", k) {
				l.Lines = nil
			}
		}
	}
}

// Merge fills the case file's [attorney] block from the config file's
// defaults, field by field: a value in the case file always wins, and an
// empty one is taken from the config file. A case file without [attorney]
// gets the config file's attorney whole. When the case file names a
// different attorney, that attorney's bar number and email are never taken
// from the config file, since they belong to one person. Nothing happens
// when the config file has no [attorney].
func (c Config) Merge(f *casefile.File) {
	def := c.Attorney
	if def == (casefile.Attorney{}) {
		return
	}
	if f.Attorney == nil || *f.Attorney == (casefile.Attorney{}) {
		a := def
		f.Attorney = &a
		return
	}
	a := *f.Attorney
	other := a.Name != "" && !strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(def.Name))
	fill := func(dst *string, v string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = v
		}
	}
	fill(&a.Name, def.Name)
	fill(&a.Firm, def.Firm)
	fill(&a.Address, def.Address)
	fill(&a.City, def.City)
	fill(&a.State, def.State)
	fill(&a.Zip, def.Zip)
	fill(&a.Phone, def.Phone)
	if !other {
		fill(&a.BarNumber, def.BarNumber)
		fill(&a.Email, def.Email)
	}
	f.Attorney = &a
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// describe names a parsed TOML value for messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			x = x[:37] + "…"
		}
		return fmt.Sprintf("text (%q)", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v (without quotes)", x)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date or time"
}

// tomlMessage makes the TOML parser's message read like the others.
func tomlMessage(msg string) string {
	msg = strings.TrimSuffix(msg, ".")
	if msg != "" && msg[0] >= 'A' && msg[0] <= 'Z' && !strings.HasPrefix(msg, "TOML") {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return msg
}
