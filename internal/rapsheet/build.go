package rapsheet

import (
	"fmt"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

// Options controls Build.
type Options struct {
	// ID names the case file (ID + ".toml"); empty means a name made from
	// the sheet's primary name.
	ID string
	// AsOf, when set, is written as the file's as_of. Dates on the sheet
	// after it are contradictions: kept in comments, not as values.
	AsOf date.Date
	// Today stands in for AsOf in those checks when AsOf is zero, so the
	// file loads on the day it is imported; it is not written.
	Today date.Date
	// Source is the sheet's file name as the header should show it.
	Source string
}

// limit is the day no event on the sheet may be after.
func (o Options) limit() date.Date {
	if !o.AsOf.IsZero() {
		return o.AsOf
	}
	return o.Today
}

// Result is a case file built from a sheet.
type Result struct {
	FileName string // "<id>.toml"
	TOML     []byte
	Confirm  []string  // facts to confirm, as listed at the top of the file
	Warnings []Warning // the sheet's warnings and the contradictions found
	Cases    int       // [[cases]] written as values
	Arrests  int       // [[arrests]] written as values
	Held     int       // entries written commented out, for the attorney to finish
}

// kv is one key of a table: written "key = val  # note", or commented out
// when off.
type kv struct {
	key, val, note string
	off            bool
}

// block is a TOML table with its keys, comment lines and sub-tables.
type block struct {
	header   string // "[[cases]]"
	indent   string
	note     string
	top      []string // alerts, before the keys
	comments []string // notes, after the keys
	kvs      []kv
	subs     []*block
	off      bool // the whole table is commented out
}

func (b *block) set(key, val, note string) { b.kvs = append(b.kvs, kv{key: key, val: val, note: note}) }
func (b *block) hold(key, val, note string) {
	b.kvs = append(b.kvs, kv{key: key, val: val, note: note, off: true})
}
func (b *block) alert(format string, args ...any) {
	b.top = append(b.top, fmt.Sprintf(format, args...))
}
func (b *block) comment(format string, args ...any) {
	b.comments = append(b.comments, fmt.Sprintf(format, args...))
}

// builder turns a parsed sheet into blocks.
type builder struct {
	sh       *Sheet
	opt      Options
	confirm  []string
	warnings []Warning
	cases    []*block
	arrests  []*block
	status   []kv
	ids      map[string]bool
	next     map[string]int  // next suffix to try per id base
	seen     map[string]bool // items already in confirm
}

// Build turns a parsed sheet into a case file. The file always loads with
// relief's case-file decoder; an error means a bug in Build, and names the
// problem.
func Build(sh *Sheet, opt Options) (*Result, error) {
	b := &builder{sh: sh, opt: opt, ids: map[string]bool{}, next: map[string]int{}, seen: map[string]bool{}}
	b.warnings = append(b.warnings, sh.Warnings...)
	for i := range sh.Cycles {
		b.cycle(&sh.Cycles[i])
	}
	if sh.Person.Register {
		b.status = append(b.status, kv{key: "registrant_290", val: "true", note: b.registrationNote() + " (TO CONFIRM that the duty continues)"})
		b.toConfirm("registration: whether the duty to register under Pen. Code, § 290 still applies (a registrant may petition under § 290.5 to end it)")
	}
	name := opt.ID
	if name == "" {
		name = slug(sh.Person.Primary().Text)
		if name == "" {
			name = "cii-" + slug(sh.Person.CII)
		}
		if name == "cii-" {
			name = "rapsheet"
		}
	}
	sort.SliceStable(b.warnings, func(i, j int) bool {
		wi, wj := b.warnings[i].Line, b.warnings[j].Line
		if wi.Page != wj.Page {
			return wi.Page < wj.Page
		}
		return wi.N < wj.N
	})
	res := &Result{FileName: name + ".toml", Warnings: b.warnings}
	for _, blk := range b.cases {
		if blk.off {
			res.Held++
		} else {
			res.Cases++
		}
	}
	for _, blk := range b.arrests {
		if blk.off {
			res.Held++
		} else {
			res.Arrests++
		}
	}
	if res.Cases == 0 && res.Arrests == 0 {
		return nil, &NothingError{Name: sh.Name, Held: res.Held, Confirm: b.confirm}
	}
	b.baseConfirm()
	res.Confirm = b.confirm
	res.TOML = b.write()
	if len(res.TOML) > MaxFileSize {
		return nil, &TooLargeError{Name: sh.Name, Size: len(res.TOML), Cases: res.Cases, Arrests: res.Arrests}
	}
	opts := casefile.Options{AsOf: opt.limit(), CheckOffense: checkOffense}
	if _, err := casefile.Decode(res.FileName, res.TOML, opts); err != nil {
		return nil, fmt.Errorf("rapsheet: the case file built from %s does not load (a bug in relief): %w", sh.Name, err)
	}
	return res, nil
}

// toConfirm adds a fact to the list at the top of the file, once.
func (b *builder) toConfirm(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if !b.seen[s] {
		b.seen[s] = true
		b.confirm = append(b.confirm, s)
	}
}

func (b *builder) warn(l Line, format string, args ...any) {
	b.warnings = append(b.warnings, Warning{Line: l, Msg: fmt.Sprintf(format, args...)})
}

// baseConfirm lists what no RAP sheet gives.
func (b *builder) baseConfirm() {
	b.toConfirm("petitioner: address, phone, county of residence and the start of continuous California residence ([[residences]] for a Certificate of Rehabilitation)")
	b.toConfirm("status on the as-of date: custody, probation, parole or other supervision, pending charges (the keys default to false; the sheet cannot prove a negative)")
	if len(b.cases) > 0 {
		b.toConfirm("each case: whether every term of the sentence was completed and when (completed_on, or completed = true), probation violations (violations), release from custody (released_on) and end of parole or supervision (supervision_ended_on)")
	}
	b.toConfirm("the petitioner's statement ([statement]) for declarations")
	b.toConfirm("anything the sheet lacks: DOJ records miss dispositions and later court events; compare with the court dockets")
}

func (b *builder) registrationNote() string {
	for _, c := range b.sh.Cycles {
		for _, e := range c.Events {
			if e.Kind == Registration {
				for _, l := range e.Lines {
					if pc290.MatchString(l.Text) {
						return src(l)
					}
				}
			}
		}
	}
	return ""
}

// uniqueID returns base, or base-2, base-3 … when taken.
func (b *builder) uniqueID(base string) string {
	id := base
	for b.ids[strings.ToLower(id)] {
		n := max(b.next[base], 2)
		b.next[base] = n + 1
		id = fmt.Sprintf("%s-%d", base, n)
	}
	b.ids[strings.ToLower(id)] = true
	return id
}

// src is the comment naming a sheet line: "line 12: CNT:01 #123".
func src(l Line) string {
	if l.N == 0 {
		return ""
	}
	t := l.Raw
	if t == "" {
		t = l.Text
	}
	t = strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfeff || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, t)), " ")
	return l.Where() + ": " + cut(t, 90)
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
