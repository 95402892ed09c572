package tmpl

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Layer is one place templates come from.
type Layer struct {
	Name string // "user" (--templates DIR), "config" or "built-in"
	FS   fs.FS
}

// Set is a stack of layers. For each relative path the first layer that has
// the file wins, so a user can override one built-in template by putting a
// file at the same path in their own folder. Templates see files only
// through the Set. A Set is safe for concurrent use if its file systems
// are.
//
// A Set reads each file once, lists the layers once and parses each
// template (with the partials) once: it is a snapshot for one run, shared
// by every document rendered in it (a batch renders the same templates for
// every person). Slices it returns are shared and must not be modified.
type Set struct {
	layers []Layer

	sources sync.Map // path → source, for files read successfully
	mu      sync.Mutex
	list    []Entry // nil until List succeeds

	parsed sync.Map     // path → *parsed
	parses atomic.Int64 // templates parsed so far, for tests
}

// parsed holds a template once it has been parsed and checked.
type parsed struct {
	mu sync.Mutex               // held while parsing
	p  atomic.Pointer[prepared] // nil until parsed without error
}

type source struct {
	b     []byte
	layer string
}

// NewSet returns a Set searching layers in the order given. Layers with a
// nil FS are left out.
func NewSet(layers ...Layer) *Set {
	s := &Set{}
	for _, l := range layers {
		if l.FS != nil {
			s.layers = append(s.layers, l)
		}
	}
	return s
}

// Entry is one file of a Set.
type Entry struct {
	Path    string   // slash-separated relative path
	Layer   string   // the layer the file is taken from
	Shadows []string // lower layers that also have this path, in order
}

// maxSource is the largest template file read, in bytes.
const maxSource = 1 << 20

// List returns every template (*.tmpl, including *.md.tmpl documents) and
// packet definition (*.toml) across the layers, sorted by path. Files and
// folders whose names start with "." are skipped.
func (s *Set) List() ([]Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.list != nil {
		return s.list, nil
	}
	list, err := s.scan()
	if err != nil {
		return nil, err
	}
	s.list = list
	return list, nil
}

// scan walks every layer for List.
func (s *Set) scan() ([]Entry, error) {
	byPath := make(map[string]*Entry)
	for _, l := range s.layers {
		err := fs.WalkDir(l.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !listed(p) || checkPath(p) != nil {
				return nil
			}
			if e := byPath[p]; e != nil {
				e.Shadows = append(e.Shadows, l.Name)
			} else {
				byPath[p] = &Entry{Path: p, Layer: l.Name}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading the %s templates: %w", l.Name, err)
		}
	}
	list := make([]Entry, 0, len(byPath))
	for _, e := range byPath {
		list = append(list, *e)
	}
	slices.SortFunc(list, func(a, b Entry) int { return cmp.Compare(a.Path, b.Path) })
	return list, nil
}

func listed(p string) bool {
	return strings.HasSuffix(p, ".tmpl") || strings.HasSuffix(p, ".toml")
}

// isDocument reports whether p names a document template.
func isDocument(p string) bool { return strings.HasSuffix(p, ".md.tmpl") }

// isPartial reports whether p names a partial: a *.tmpl file that is not a
// document, inside a folder named "partials".
func isPartial(p string) bool {
	return strings.HasSuffix(p, ".tmpl") && !isDocument(p) &&
		(strings.HasPrefix(p, "partials/") || strings.Contains(p, "/partials/"))
}

// Source returns the contents of path from the first layer that has it,
// and that layer's name. When no layer has it the error is an *Error for
// which errors.Is(err, fs.ErrNotExist) holds.
func (s *Set) Source(path string) (src []byte, layer string, err error) {
	if err := checkPath(path); err != nil {
		return nil, "", err
	}
	if v, ok := s.sources.Load(path); ok {
		src := v.(source)
		return src.b, src.layer, nil
	}
	for _, l := range s.layers {
		b, err := readFile(l.FS, path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, "", &Error{Path: path, Msg: fmt.Sprintf("cannot read it from the %s templates: %v", l.Name, err), cause: err}
		}
		s.sources.Store(path, source{b, l.Name})
		return b, l.Name, nil
	}
	names := make([]string, len(s.layers))
	for i, l := range s.layers {
		names[i] = l.Name
	}
	return nil, "", &Error{Path: path, Msg: fmt.Sprintf("no such template (looked in: %s)", strings.Join(names, ", ")), cause: fs.ErrNotExist}
}

// checkPath refuses paths that could leave a layer or mean different
// files on different systems.
func checkPath(p string) error {
	if !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`) {
		return &Error{Path: p, Msg: `not a valid template path; write it relative to the templates folder with forward slashes and no "..", like "dismissal/petition.md.tmpl"`}
	}
	return nil
}

// readFile reads at most maxSource bytes of name.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("it is a folder, not a file")
	} else if err == nil && !st.Mode().IsRegular() {
		return nil, errors.New("it is not a plain file (a named pipe or a device?)")
	} else if err == nil && st.Size() <= maxSource {
		// Room for the whole file and the read that finds its end, so
		// the file is read into one allocation.
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, maxSource+1)); err != nil {
		return nil, unwrapPath(err)
	}
	b := buf.Bytes()
	if len(b) > maxSource {
		return nil, fmt.Errorf("the file is larger than %s", size(maxSource))
	}
	return b, nil
}

// unwrapPath drops the "open NAME:" part of an error; the caller names the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// size formats a byte count the way the limits are stated: "1 MiB".
func size(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
