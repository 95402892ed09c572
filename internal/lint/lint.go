package lint

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/law"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/tmpl"
)

// BuiltinLayer is the name of the built-in templates' layer.
const BuiltinLayer = "built-in"

// Case is a case file templates are rendered against.
type Case struct {
	Name string // for messages: a path, or `built-in case "six-counts"`
	File *casefile.File
	AsOf date.Date
}

//go:embed fixtures/*.toml
var fixtureFS embed.FS

var fixtures = sync.OnceValues(func() ([]Case, error) {
	names, err := fs.Glob(fixtureFS, "fixtures/*.toml")
	if err != nil {
		return nil, err
	}
	var out []Case
	for _, n := range names {
		b, err := fixtureFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		f, err := casefile.Decode(n, b, casefile.Options{CheckOffense: checkOffense})
		if err != nil {
			return nil, fmt.Errorf("built-in lint case: %w", err)
		}
		if f.AsOf.IsZero() {
			return nil, fmt.Errorf("built-in lint case %s has no as_of", n)
		}
		name := fmt.Sprintf("built-in case %q", strings.TrimSuffix(path.Base(n), ".toml"))
		out = append(out, Case{Name: name, File: f, AsOf: f.AsOf})
	}
	return out, nil
})

func checkOffense(s string) error {
	_, err := law.ParseRef(s)
	return err
}

// Fixtures returns the built-in cases every lint renders against: probation
// granted with an attorney, discretionary relief with a statement (so the
// declaration is drafted), and six counts (so the attachment is), with
// arrests for the sealing packet. They are small case files embedded from
// internal/lint/fixtures; the caller must not change them.
func Fixtures() ([]Case, error) { return fixtures() }

// Options for Check.
type Options struct {
	// Layer names the layer whose files are checked; "" checks every
	// template of the set.
	Layer string
	// Dirs are the folders layers are read from, by layer name, used to
	// name their files in messages (dir/dismissal/petition.md.tmpl). A
	// file of a layer not in Dirs is named by its template path.
	Dirs map[string]string
	// Cases are rendered against besides the built-in fixtures.
	Cases []Case
	// Creator goes into the PDFs' metadata.
	Creator string
}

// Problem is one thing wrong with a template.
type Problem struct {
	File string // the file to fix: a path in its layer's folder, or a template path
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Msg  string
	Case string // the case the problem showed with, when it depends on the data
}

// String formats the problem as "file:line:col: message", leaving out the
// parts that are unknown, and names the case when there is one.
func (p Problem) String() string {
	s := (&tmpl.Error{Path: p.File, Line: p.Line, Col: p.Col, Msg: p.Msg}).Error()
	if p.Case != "" {
		s += " (with " + p.Case + ")"
	}
	return s
}

// Result is what Check found.
type Result struct {
	Templates int       // template and packet files checked
	Cases     int       // cases that drafted at least one packet
	Problems  []Problem // de-duplicated, sorted by file and position
	// Notes are things worth saying that are not problems: a case that
	// drafts nothing, a document no case exercised.
	Notes []string
}

// Check lints the templates of set. See the package comment. The error is
// for failures to read the templates or the built-in cases, not for
// problems found.
func Check(set *tmpl.Set, opt Options) (Result, error) {
	entries, err := set.List()
	if err != nil {
		return Result{}, err
	}
	cases, err := Fixtures()
	if err != nil {
		return Result{}, err
	}
	cases = append(slices.Clip(cases), opt.Cases...)
	frames, err := draft.BuiltinFrames()
	if err != nil {
		return Result{}, err
	}
	c := &checker{set: set, opt: opt, frames: frames, layerOf: map[string]tmpl.Entry{}, seen: map[string]bool{}, failed: map[string]bool{},
		used: map[string]bool{}, rendered: map[string]bool{}}
	for _, e := range entries {
		c.layerOf[e.Path] = e
		if strings.HasSuffix(e.Path, ".md.tmpl") {
			c.docs = append(c.docs, e.Path)
		}
	}
	var res Result
	selected := c.selectLayer(entries)
	res.Templates = len(selected)
	// 1. Every file on its own: front matter, syntax, functions.
	c.checkFiles(selected)
	// 2. Every document rendered and laid out with the data of each packet
	// of its folder, then every packet drafted whole, for each case.
	for _, k := range cases {
		if why, drafted := c.checkCase(k); drafted {
			res.Cases++
		} else {
			res.Notes = append(res.Notes, fmt.Sprintf("%s: drafts nothing, so no template was rendered with it (%s)", k.Name, strings.Join(why, "; ")))
		}
	}
	// 3. Documents of the checked layer that relief never drafts.
	res.Notes = append(res.Notes, c.unused(selected)...)
	slices.SortStableFunc(c.probs, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	res.Problems = c.probs
	return res, nil
}

// selectLayer returns the entries of the layer being checked (all of them
// when no layer is named), and reports a named layer that has none.
func (c *checker) selectLayer(entries []tmpl.Entry) []tmpl.Entry {
	var selected []tmpl.Entry
	for _, e := range entries {
		if c.opt.Layer == "" || e.Layer == c.opt.Layer {
			selected = append(selected, e)
		}
	}
	if len(selected) == 0 && c.opt.Layer != "" {
		where := c.opt.Dirs[c.opt.Layer]
		if where == "" {
			where = "the " + c.opt.Layer + " templates"
		}
		c.add(Problem{File: where, Msg: "no templates found: relief reads *.md.tmpl documents, *.tmpl partials in partials/ folders and *.toml packet files, by their paths relative to the folder, like dismissal/declaration.md.tmpl"})
	}
	return selected
}

// checkFiles parses each selected file on its own.
func (c *checker) checkFiles(selected []tmpl.Entry) {
	for _, e := range selected {
		switch {
		case strings.HasSuffix(e.Path, ".toml"):
			c.checkTOML(e.Path)
		default:
			if err := c.set.Parse(e.Path); err != nil {
				c.tmplError(err, "")
				c.failed[e.Path] = true
			}
		}
	}
}

// checkCase drafts case k with every variant of the options, rendering
// each document of every packet's folders with the packet's data, then
// the packets whole. It reports whether any packet was drafted, and if
// none was, why.
func (c *checker) checkCase(k Case) (why []string, drafted bool) {
	rep := eligibility.Check(k.File, eligibility.Options{AsOf: k.AsOf})
	for _, aopt := range variants() {
		packets, skips, err := assemble.Build(k.File, &rep, aopt)
		var me *assemble.MissingError
		switch {
		case errors.As(err, &me):
			if aopt.Sign == "typed" {
				why = append(why, me.Error())
			}
			continue
		case err != nil:
			c.add(Problem{File: k.Name, Msg: err.Error()})
			continue
		case len(packets) == 0:
			if aopt.Sign == "typed" {
				for _, s := range skips {
					why = append(why, s.String())
				}
			}
			continue
		}
		drafted = true
		if !c.renderPackets(packets, k.Name) {
			continue // already reported; the packets would fail the same way
		}
		_, _, err = draft.Run(k.File, &rep, draft.Options{Assemble: aopt, Templates: c.set, Creator: c.opt.Creator, LayoutOnly: true})
		if err != nil {
			c.draftError(err, k.Name)
		}
	}
	c.checkLetters(k, &rep)
	return why, drafted
}

// renderPackets renders every document in the folders of the packets'
// documents with each packet's data, so a template is checked even when
// the packet would not include it. It reports whether all of them
// rendered.
func (c *checker) renderPackets(packets []assemble.Packet, caseName string) (ok bool) {
	ok = true
	for _, p := range packets {
		folders := map[string]bool{}
		for _, d := range p.Docs {
			c.used[d.Template] = true
			folders[path.Dir(d.Template)] = true
		}
		for _, doc := range c.docs {
			if !folders[path.Dir(doc)] {
				continue
			}
			if c.failed[doc] || c.partialFailed() {
				ok = false
				continue
			}
			c.rendered[doc] = true
			if !c.renderDoc(doc, p, caseName) {
				ok = false
			}
		}
	}
	return ok
}

// unused reports the selected documents no packet drafts: a problem for a
// user's new file (relief would never use it), a note for a built-in one
// that no case rendered.
func (c *checker) unused(selected []tmpl.Entry) (notes []string) {
	for _, e := range selected {
		if !strings.HasSuffix(e.Path, ".md.tmpl") || c.used[e.Path] {
			continue
		}
		switch {
		case e.Layer != BuiltinLayer && !slices.Contains(e.Shadows, BuiltinLayer):
			c.add(Problem{File: c.name(e.Path), Msg: unusedMsg(e.Path, c.used)})
		case !c.rendered[e.Path] && !c.failed[e.Path]:
			notes = append(notes, fmt.Sprintf("%s: checked for syntax only: no case given drafts a packet with it", c.name(e.Path)))
		}
	}
	return notes
}

type checker struct {
	set     *tmpl.Set
	opt     Options
	frames  layout.Frames
	layerOf map[string]tmpl.Entry
	probs   []Problem
	seen    map[string]bool
	failed  map[string]bool // templates that failed to parse or render
	docs    []string        // every document template of the set
	// used are the documents some packet drafts; rendered, those
	// rendered at least once.
	used, rendered map[string]bool
}

// name is how messages name the template at p: its path in the folder of
// its layer, when that is known.
func (c *checker) name(p string) string {
	if e, ok := c.layerOf[p]; ok {
		if dir := c.opt.Dirs[e.Layer]; dir != "" {
			return filepath.Join(dir, filepath.FromSlash(p))
		}
	}
	return p
}

// add records p unless the same problem is already recorded.
func (c *checker) add(p Problem) {
	key := fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.probs = append(c.probs, p)
}

// partialFailed reports whether a partial failed to parse; every document
// parses every partial, so none can render.
func (c *checker) partialFailed() bool {
	for p := range c.failed {
		if !strings.HasSuffix(p, ".md.tmpl") {
			return true
		}
	}
	return false
}

func (c *checker) tmplError(err error, kase string) {
	var te *tmpl.Error
	if errors.As(err, &te) {
		c.add(Problem{File: c.name(te.Path), Line: te.Line, Col: te.Col, Msg: te.Msg, Case: kase})
		return
	}
	c.add(Problem{File: "templates", Msg: err.Error(), Case: kase})
}

// renderDoc renders the document at doc with the data of packet p and lays
// it out alone on its frame, reporting what goes wrong.
func (c *checker) renderDoc(doc string, p assemble.Packet, kase string) bool {
	d := p.Docs[0]
	for _, x := range p.Docs {
		if x.Template == doc {
			d = x
		}
	}
	r, err := c.set.Render(doc, d.Data, tmpl.Options{})
	if err != nil {
		c.tmplError(err, kase)
		c.failed[doc] = true
		return false
	}
	ld := layout.Document{
		Source: r.Path, Frame: r.Front.Frame, Title: r.Front.Title, Short: r.Front.Short,
		Form: r.Front.Form, Revision: r.Front.Revision, Cites: r.Front.Cites,
		Bookmark: r.Front.Bookmark, Attachment: r.Front.Attachment, Body: r.Body, Caption: layout.Caption(d.Caption),
	}
	if _, _, err := layout.Pages([]layout.Document{ld}, c.frames, layout.Options{Draft: draft.DraftMark}); err != nil {
		c.layoutError(err, kase)
		c.failed[doc] = true
		return false
	}
	return true
}

func (c *checker) layoutError(err error, kase string) {
	var le *layout.Error
	if !errors.As(err, &le) {
		c.add(Problem{File: "layout", Msg: err.Error(), Case: kase})
		return
	}
	p := Problem{File: c.name(le.Source), Msg: le.Msg, Case: kase}
	src, _, serr := c.set.Source(le.Source)
	if serr == nil {
		p.Line, p.Col = locate(string(src), le.Msg)
	}
	if p.Line > 0 {
		// Found in the template: its position replaces the output's.
		p.Msg = reOutputLine().ReplaceAllString(p.Msg, "")
	} else {
		// Layout reads the Markdown the template produced, so its line
		// numbers count lines of that output.
		p.Msg = strings.Replace(p.Msg, "rendered Markdown line ", "in the Markdown the template produced, line ", 1)
	}
	c.add(p)
}

// The patterns of layout's messages, compiled when lint first reports
// one rather than when relief starts.
var (
	reOutputLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^rendered Markdown line \d+: `) })
	reGlyph      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`cannot print '(.+?)' \(U\+`) })
	reBlock      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("(```[a-z]+)") })
)

// locate finds in the template source the text a layout message is about
// (a character the fonts lack, a special block) and returns its line and
// column, when it is written in the template exactly once; 0, 0 when it is
// not (it came from the case file, or is ambiguous).
func locate(src, msg string) (line, col int) {
	var needle string
	if m := reGlyph().FindStringSubmatch(msg); m != nil {
		if r, err := strconv.Unquote("'" + m[1] + "'"); err == nil {
			needle = r
		} else {
			needle = m[1]
		}
	} else if m := reBlock().FindStringSubmatch(msg); m != nil {
		needle = m[1]
	}
	if needle == "" || strings.Count(src, needle) != 1 {
		return 0, 0
	}
	i := strings.Index(src, needle)
	line = 1 + strings.Count(src[:i], "\n")
	return line, i - strings.LastIndexByte(src[:i], '\n')
}

func (c *checker) draftError(err error, kase string) {
	var te *tmpl.Error
	var le *layout.Error
	switch {
	case errors.As(err, &te):
		c.tmplError(err, kase)
	case errors.As(err, &le):
		c.layoutError(err, kase)
	default:
		c.add(Problem{File: kase, Msg: "drafting the packet: " + err.Error()})
	}
}

// checkTOML checks that a packet file is TOML.
func (c *checker) checkTOML(p string) {
	src, _, err := c.set.Source(p)
	if err != nil {
		c.tmplError(err, "")
		return
	}
	var v map[string]any
	if _, err := toml.Decode(string(src), &v); err != nil {
		pr := Problem{File: c.name(p), Msg: "not valid TOML: " + strings.TrimPrefix(err.Error(), "toml: ")}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pr.Line, pr.Msg = pe.Position.Line, "not valid TOML: "+pe.Message
		}
		c.add(pr)
	}
}

// variants are the ways each case is drafted: every packet kind asked for
// by name (so that a packet drafted only on request, like a direct pardon
// application, is exercised too), with a typed signature and as a draft,
// and with wet signatures as final papers.
func variants() []assemble.Options {
	var out []assemble.Options
	for _, sign := range []string{"typed", "wet"} {
		for _, kind := range assemble.Kinds {
			out = append(out, assemble.Options{Sign: sign, Final: sign == "wet", Packets: []string{kind}})
		}
	}
	return out
}

// unusedMsg explains that relief never drafts the document at p and
// suggests the drafted document nearest in name.
func unusedMsg(p string, used map[string]bool) string {
	var names []string
	for u := range used {
		names = append(names, u)
	}
	slices.Sort(names)
	msg := "relief never drafts this document: it has no built-in counterpart and no packet lists it"
	if s := Closest(p, names); s != "" {
		return msg + fmt.Sprintf("; did you mean %s?", s)
	}
	return msg + "; documents are found by their paths, like " + strings.Join(firstN(names, 3), ", ")
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }
