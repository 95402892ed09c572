package casefile

import (
	"fmt"
	"reflect"
)

// Doc is a TOML file other than a case file read the way a case file is:
// strictly (an unknown key is a problem that suggests the key meant), each
// value's type checked against the struct it decodes into, text cleaned
// and limited as case-file text is, and every problem placed at its line
// under its key path ("file:line: key: message"). relief's settings file
// (internal/config) is read through it, so the two files give the same
// messages. Checks of the caller's own go through Add.
type Doc struct {
	d *decoder
}

// DocSchema says how DecodeDoc reads a file.
type DocSchema struct {
	What    string // the kind of file, in messages: "config file"
	MaxText int    // bytes in one text value
}

// DecodeDoc decodes data, named name in messages, into dst, a pointer to a
// struct whose fields carry toml tags (string, bool, int, date.Date,
// pointers, slices, structs, and maps from names to structs for tables
// such as [counties."Santa Cruz"]). A file that cannot be parsed gives a Doc
// holding its one problem. DecodeDoc never panics on any input.
func DecodeDoc(name string, data []byte, dst any, sc DocSchema) (doc *Doc) {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("casefile.DecodeDoc: dst is %T, want a pointer to a struct", dst))
	}
	defer func() {
		if r := recover(); r != nil {
			doc = &Doc{d: &decoder{name: name, idx: &lazyIndex{}, bad: map[string]bool{}}}
			doc.d.probs = fileProblem(name, 0, "internal error while reading the file (please report it): %v", r).Problems
		}
	}()
	d, raw, err := parse(name, data, schema{what: sc.What, root: rv.Elem().Type(), maxText: sc.MaxText})
	if err != nil {
		e := err.(*Errors)
		return &Doc{d: &decoder{name: name, idx: &lazyIndex{}, bad: map[string]bool{}, probs: e.Problems}}
	}
	d.value(nil, raw, rv.Elem())
	return &Doc{d: d}
}

// Add reports a problem at the key path made of keys ("attorney", "name"),
// with the line where the file sets it (or its nearest enclosing table).
// Keys are names, never list indexes.
func (doc *Doc) Add(keys []string, format string, args ...any) {
	var p keyPath
	for _, k := range keys {
		p = p.key(k)
	}
	doc.d.reject(p, format, args...)
}

// OK reports whether the value at keys was decoded without a problem, so
// that a check of the caller's does not repeat one already reported.
func (doc *Doc) OK(keys ...string) bool {
	var p keyPath
	for _, k := range keys {
		p = p.key(k)
	}
	return !doc.d.bad[p.String()]
}

// Problems returns every problem found, sorted by line and key; nil when
// the file is good.
func (doc *Doc) Problems() []Problem {
	if len(doc.d.probs) == 0 {
		return nil
	}
	return newErrors(doc.d.name, doc.d.probs).Problems
}
