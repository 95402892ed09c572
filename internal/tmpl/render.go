package tmpl

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
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
// Render returns at once; the goroutine stops too, at its next write,
// function call, range or {{template}} call, each of which checks the
// deadline. A template cannot loop without one of those: ranges and
// recursion are the only loops, and both are guarded (see checkTree).
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
	p, err := s.load(path)
	if err != nil {
		return Doc{}, err
	}
	in, err := p.instance()
	if err != nil {
		return Doc{}, err
	}

	r := in.r
	r.start(opt.MaxOutput, time.Now().Add(opt.Timeout))
	out := &output{r: r}
	// Most renderings of a template are about as long as the last one.
	if n := int(p.size.Load()); n > 0 {
		out.buf.Grow(min(n+n/8, opt.MaxOutput))
	}
	done := make(chan error, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("internal error while rendering (please report it): %v", v)
			}
		}()
		err := in.tmpl.Execute(out, data)
		// The rendering is over, even if Render gave up waiting for it:
		// the instance can serve another. (After a panic it is dropped.)
		p.release(in)
		done <- err
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
	p.size.Store(int64(out.buf.Len()))
	return Doc{Path: path, Layer: p.layer, Front: p.front, Body: out.buf.Bytes()}, nil
}

// Parse checks the template at path without running it: the front matter
// of a document, the template syntax, the functions and {{template}} names
// it uses, and ranges over numbers above the limit. Partials are parsed
// with it, as Render would. Every error is an *Error.
func (s *Set) Parse(path string) error {
	if _, err := s.load(path); err != nil {
		return err
	}
	return nil
}

// prepared is a template parsed and checked, ready to run. It is made once
// per Set and path (see load) and shared by every rendering of the path,
// so it must not change once made.
type prepared struct {
	path   string
	layer  string
	front  Front
	files  map[string]file // by parse name (template path)
	trees  []namedTree     // the document's and every partial's, by name
	called []string        // the functions the trees call, sorted

	free sync.Pool    // *instance, ready to run
	size atomic.Int64 // length of the last output (at first, of the template), to size the next
}

// namedTree is one template of a prepared template set: the file's own, a
// partial's, or one that {{define}} makes.
type namedTree struct {
	name string
	tree *parse.Tree
}

// load returns the template at path parsed and checked. The Set parses
// each path once, when it is first asked for; until then, or when parsing
// fails, every call tries again (and reports the error again). Callers
// asking for a path being parsed wait for it rather than parse it too.
func (s *Set) load(path string) (*prepared, error) {
	if err := checkPath(path); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".tmpl") {
		return nil, &Error{Path: path, Msg: "not a template; templates are named *.md.tmpl (documents) or *.tmpl (partials)"}
	}
	v, ok := s.parsed.Load(path)
	if !ok {
		v, _ = s.parsed.LoadOrStore(path, new(parsed))
	}
	c := v.(*parsed)
	if p := c.p.Load(); p != nil {
		return p, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.p.Load(); p != nil {
		return p, nil
	}
	p, err := s.prepare(path)
	if err != nil {
		return nil, err
	}
	c.p.Store(p)
	return p, nil
}

// prepare parses the template at path, with every partial, into one
// template set, and checks it. The caller has checked the path. Only the
// trees are kept: each instance is a template set of its own.
func (s *Set) prepare(path string) (*prepared, error) {
	s.parses.Add(1)
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
	entries, err := s.List()
	if err != nil {
		return nil, &Error{Path: path, Msg: err.Error(), cause: err}
	}
	var partials []file
	for _, e := range entries {
		if !isPartial(e.Path) || e.Path == path {
			continue
		}
		ps, _, err := s.Source(e.Path)
		if err != nil {
			return nil, err
		}
		partials = append(partials, file{name: e.Path, src: string(ps)})
	}
	doc := file{name: path, src: body, offset: offset}
	// Until a rendering says better, a document's output is guessed to
	// be about as long as its template, so that the first rendering
	// does not grow its buffer from nothing.
	p.size.Store(int64(len(body)))
	base := p.parseQuick(doc, partials)
	if base == nil {
		if base, err = p.parseChecked(doc, partials); err != nil {
			return nil, err
		}
	}

	all := base.Templates()
	slices.SortFunc(all, func(a, b *template.Template) int { return cmp.Compare(a.Name(), b.Name()) })
	defined := func(name string) bool { return base.Lookup(name) != nil }
	called := map[string]bool{rangeGuard: true, callGuard: true, leaveGuard: true}
	for _, t := range all {
		p.trees = append(p.trees, namedTree{t.Name(), t.Tree})
		if t.Tree == nil {
			continue
		}
		if e := checkTree(t.Tree, defined); e != nil {
			e.Line += p.files[e.Path].offset
			return nil, e
		}
		calledFuncs(t.Tree, called)
	}
	p.called = slices.Sorted(maps.Keys(called))
	return p, nil
}

// instance is a template set made from a prepared one to run it, with
// functions guarded by a run of its own. It shares the parse trees; only
// the function map is its own, and it holds only the functions the trees
// call. An instance serves one rendering at a time: Render readies its run
// for each (see run.start), and when the rendering ends the instance is
// kept for the next one, so that its functions are made once, not once a
// rendering.
type instance struct {
	r    *run
	tmpl *template.Template
}

// instance returns an instance of p ready to run, reusing one a rendering
// has finished with when there is one.
func (p *prepared) instance() (*instance, error) {
	if v := p.free.Get(); v != nil {
		return v.(*instance), nil
	}
	r := new(run)
	t := template.New(p.path).Option("missingkey=error").Funcs(r.funcsFor(p.called))
	for _, nt := range p.trees {
		if _, err := t.AddParseTree(nt.name, nt.tree); err != nil {
			return nil, p.translate(err)
		}
	}
	return &instance{r: r, tmpl: t}, nil
}

// release keeps in, whose rendering has ended, for another.
func (p *prepared) release(in *instance) { p.free.Put(in) }

// parseQuick parses the partials, then the document, into one template
// set without looking up the functions they call, and returns it, or nil
// when a file does not parse or calls a function templates do not have.
// The parser needs functions only to refuse unknown names, and making a
// function map for every template set costs more than the parse: so the
// names are checked here, on the trees, and parseChecked is left to give
// the error text/template gives.
func (p *prepared) parseQuick(doc file, partials []file) *template.Template {
	base := template.New(doc.name).Option("missingkey=error")
	called := make(map[string]bool)
	for _, f := range append(partials, doc) {
		p.files[f.name] = f
		tree := parse.New(f.name)
		tree.Mode = parse.SkipFuncCheck
		trees := make(map[string]*parse.Tree)
		if _, err := tree.Parse(f.src, "", "", trees); err != nil {
			return nil
		}
		// Every tree is checked, even one a later {{define}} replaces,
		// as the parser would have checked it.
		for name, t := range trees {
			calledFuncs(t, called)
			// As text/template's Parse does.
			if _, err := base.AddParseTree(name, t); err != nil {
				return nil
			}
		}
	}
	for name := range called {
		if !knownFunc(name) {
			return nil
		}
	}
	return base
}

// parseChecked parses the partials, then the document, into one template
// set as text/template does, with the functions the sources name.
func (p *prepared) parseChecked(doc file, partials []file) (*template.Template, error) {
	srcs := []string{doc.src}
	for _, f := range partials {
		srcs = append(srcs, f.src)
	}
	base := template.New(doc.name).Option("missingkey=error").Funcs(parseFuncsIn(srcs))
	for _, f := range append(partials, doc) {
		t := base
		if f.name != doc.name {
			t = base.New(f.name)
		}
		p.files[f.name] = f
		if _, err := t.Parse(f.src); err != nil {
			return nil, p.translate(err)
		}
	}
	return base, nil
}

func (p *prepared) translate(err error) *Error {
	return translate(err, p.files, p.path)
}
