// Package config reads relief's own settings file: the defaults an office
// shares across every client, so that they need not be repeated in each
// case file. It is TOML, read by the case file's decoder
// (casefile.DecodeDoc): strictly, an unknown key is a problem with its line,
// and the messages read as the case file's do. It holds no client data:
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
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/courts"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/safefile"
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
	Lines         []string `toml:"lines"`          // centred at the top of a letter, first line bold
	DefaultCounty string   `toml:"default_county"` // the office's usual county, for letters
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

// Problem is one thing wrong with a config file, formatted as a case-file
// problem is: "file:line: key: message".
type Problem = casefile.Problem

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
// the default location treat that as "no settings". A relative templates
// folder is taken from the config file's folder and must exist.
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
	return decode(path, data, filepath.Dir(path))
}

// Decode checks the config file held in data; name is used in messages
// and as Config.Path. A relative templates folder is returned as written
// (Load resolves it). Every problem is reported at once, as an *Error.
func Decode(name string, data []byte) (Config, error) {
	return decode(name, data, "")
}

// fileTOML is the config file's schema: the keys it may hold, decoded the
// way a case file's are (casefile.DecodeDoc).
type fileTOML struct {
	Templates  *string               `toml:"templates"` // nil when left out
	Attorney   casefile.Attorney     `toml:"attorney"`
	Letterhead Letterhead            `toml:"letterhead"`
	Counties   map[string]countyTOML `toml:"counties"`
}

// decode is Decode; with dir set, it also resolves the templates folder
// against dir and checks that it is a folder.
func decode(name string, data []byte, dir string) (Config, error) {
	if len(data) > maxFileSize {
		return Config{}, fileError(name, 0, nil, "the file is larger than %d KiB; a config file holds a few settings", maxFileSize>>10)
	}
	var raw fileTOML
	doc := casefile.DecodeDoc(name, data, &raw, casefile.DocSchema{What: "config file", MaxText: maxString})
	c := Config{Path: name, Attorney: raw.Attorney, Letterhead: raw.Letterhead}
	if raw.Templates != nil {
		c.Templates = templatesFolder(doc, *raw.Templates, dir)
	}
	printable(doc, []string{"attorney"}, &c.Attorney)
	letterhead(doc, &c.Letterhead)
	c.Counties = counties(doc, raw.Counties, name)
	if probs := doc.Problems(); probs != nil {
		return Config{}, &Error{Problems: probs}
	}
	return c, nil
}

// templatesFolder checks the templates key and, with dir set, resolves it
// against dir and checks that it names a folder.
func templatesFolder(doc *casefile.Doc, t, dir string) string {
	if t == "" {
		doc.Add([]string{"templates"}, `is empty; give a folder, like templates = "/path/to/templates", or leave the key out`)
		return ""
	}
	if dir == "" {
		return t
	}
	if !filepath.IsAbs(t) {
		t = filepath.Join(dir, t)
	}
	if st, err := os.Stat(t); err != nil || !st.IsDir() {
		doc.Add([]string{"templates"}, "%s is not a folder; give the folder of templates (see `relief templates export`)", t)
	}
	return t
}

// printable checks that the embedded fonts can print every text field of
// the struct v points to, the table at keys: these values go on papers.
func printable(doc *casefile.Doc, keys []string, v any) {
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("toml"), ",")
		f := rv.Field(i)
		if f.Kind() != reflect.String || name == "" {
			continue
		}
		k := append(slices.Clone(keys), name)
		if !printableText(doc, k, f.String()) {
			f.SetString("")
		}
	}
}

// printableText reports whether the fonts can print s, and when not says
// so at keys.
func printableText(doc *casefile.Doc, keys []string, s string) bool {
	if r, bad := fonts.Missing(fonts.Serif, s); bad {
		doc.Add(keys, "the embedded fonts cannot print %q (U+%04X)", r, r)
		return false
	}
	return true
}

// letterhead checks the [letterhead] table: lines that fit at the top of a
// letter, in text the fonts can print.
func letterhead(doc *casefile.Doc, l *Letterhead) {
	if !printableText(doc, []string{"letterhead", "default_county"}, l.DefaultCounty) {
		l.DefaultCounty = ""
	}
	if len(l.Lines) > maxLines {
		doc.Add([]string{"letterhead", "lines"}, "has %d lines; at most %d fit at the top of a letter", len(l.Lines), maxLines)
		l.Lines = nil
		return
	}
	for _, s := range l.Lines {
		if !printableText(doc, []string{"letterhead", "lines"}, s) {
			l.Lines = nil
			return
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
