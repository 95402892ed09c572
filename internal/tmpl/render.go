package tmpl

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"
)

// Options bounds one rendering.
type Options struct {
	MaxOutput int           // largest output in bytes; 0 means 1 MiB
	Timeout   time.Duration // longest rendering; 0 means 2s
}

const (
	defaultMaxOutput = 1 << 20
	defaultTimeout   = 2 * time.Second
)

// Doc is a rendered document.
type Doc struct {
	Path, Layer string
	Front       Front
	Body        []byte // rendered Markdown
}

// Render renders the document template at path (a *.md.tmpl file) with
// data. Every error is an *Error located in the file to fix; on error no
// output is returned.
//
// The template runs in its own goroutine. When it passes opt.Timeout,
// Render returns at once and abandons the goroutine; the goroutine stops at
// its next write, function call or range, each of which checks the
// deadline, but a template that loops without any of those (deep
// {{template}} recursion, say) runs on until it ends.
func (s *Set) Render(path string, data any, opt Options) (Doc, error) {
	if opt.MaxOutput <= 0 {
		opt.MaxOutput = defaultMaxOutput
	}
	if opt.Timeout <= 0 {
		opt.Timeout = defaultTimeout
	}
	if err := checkPath(path); err != nil {
		return Doc{}, err
	}
	if !isDocument(path) {
		return Doc{}, &Error{Path: path, Msg: "not a document template; documents are named *.md.tmpl"}
	}
	r := &run{max: opt.MaxOutput, maxValue: max(opt.MaxOutput, defaultMaxOutput)}
	p, err := s.prepare(path, r)
	if err != nil {
		return Doc{}, err
	}

	r.deadline = time.Now().Add(opt.Timeout)
	out := &output{r: r}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("internal error while rendering (please report it): %v", v)
			}
		}()
		done <- p.tmpl.Execute(out, data)
	}()
	timer := time.NewTimer(opt.Timeout)
	defer timer.Stop()
	select {
	case err = <-done:
	case <-timer.C:
		err = errTimeout
	}
	if err != nil {
		e := p.translate(err)
		switch {
		case errors.Is(err, errTimeout):
			e.Msg = fmt.Sprintf("rendering took longer than %s; check for runaway loops", opt.Timeout)
		case errors.Is(err, errOutput):
			e.Msg = fmt.Sprintf("output exceeds %s; check for runaway loops", size(opt.MaxOutput))
		}
		return Doc{}, e
	}
	return Doc{Path: path, Layer: p.layer, Front: p.front, Body: out.buf.Bytes()}, nil
}

// Parse checks the template at path without running it: the front matter
// of a document, the template syntax, the functions and {{template}} names
// it uses, and ranges over numbers above the limit. Partials are parsed
// with it, as Render would. Every error is an *Error.
func (s *Set) Parse(path string) error {
	if _, err := s.prepare(path, &run{max: defaultMaxOutput, maxValue: defaultMaxOutput}); err != nil {
		return err
	}
	return nil
}

// prepared is a template parsed and checked, ready to run.
type prepared struct {
	path  string
	layer string
	front Front
	tmpl  *template.Template
	files map[string]file // by parse name (template path)
}

// prepare parses the template at path, with every partial, into one
// template set whose functions are guarded by r, and checks it.
func (s *Set) prepare(path string, r *run) (*prepared, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".tmpl") {
		return nil, &Error{Path: path, Msg: "not a template; templates are named *.md.tmpl (documents) or *.tmpl (partials)"}
	}
	src, layer, err := s.Source(path)
	if err != nil {
		return nil, err
	}
	p := &prepared{path: path, layer: layer, files: make(map[string]file)}
	body, offset := string(src), 0
	if isDocument(path) {
		if p.front, body, offset, err = splitDocument(path, body); err != nil {
			return nil, err
		}
	}
	p.tmpl = template.New(path).Option("missingkey=error").Funcs(r.funcs())

	entries, err := s.List()
	if err != nil {
		return nil, &Error{Path: path, Msg: err.Error(), cause: err}
	}
	for _, e := range entries {
		if !isPartial(e.Path) || e.Path == path {
			continue
		}
		ps, _, err := s.Source(e.Path)
		if err != nil {
			return nil, err
		}
		if err := p.parse(p.tmpl.New(e.Path), string(ps), 0); err != nil {
			return nil, err
		}
	}
	if err := p.parse(p.tmpl, body, offset); err != nil {
		return nil, err
	}

	all := p.tmpl.Templates()
	slices.SortFunc(all, func(a, b *template.Template) int { return cmp.Compare(a.Name(), b.Name()) })
	defined := func(name string) bool { return p.tmpl.Lookup(name) != nil }
	for _, t := range all {
		if t.Tree == nil {
			continue
		}
		if e := checkTree(t.Tree, defined); e != nil {
			e.Line += p.files[e.Path].offset
			return nil, e
		}
	}
	return p, nil
}

// parse parses src, which starts offset lines into its file, into t.
func (p *prepared) parse(t *template.Template, src string, offset int) error {
	p.files[t.Name()] = file{src: src, offset: offset}
	if _, err := t.Parse(src); err != nil {
		return p.translate(err)
	}
	return nil
}

func (p *prepared) translate(err error) *Error {
	return translate(err, p.files, p.path)
}
