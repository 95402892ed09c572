// Package draft runs the documents pipeline for one case file: findings →
// packets (assemble) → Markdown (tmpl) → pages (layout) → PDF bytes (pdf).
// It writes nothing; the caller decides where the bytes go. The same input
// and as-of date always give the same bytes.
package draft

import (
	"fmt"
	"sync"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/tmpl"
)

// DraftMark is printed at the top of every page unless Final is set;
// SelfDraftMark instead when no attorney is of record, whose papers no
// attorney will review.
const (
	DraftMark     = "DRAFT — for attorney review — not reviewed for filing"
	SelfDraftMark = "DRAFT — check every fact before filing"
)

// Options for one run.
type Options struct {
	Assemble assemble.Options
	// Templates is the layered template set; nil means the built-ins only.
	Templates *tmpl.Set
	// Creator goes into the PDF metadata, e.g. "relief 0.3.0".
	Creator string
	// Workers is how many packets are rendered at once; 0 or 1 renders
	// them one after another (batch parallelizes across people instead).
	Workers int
	// Layout is "form" (the default: Judicial-Council-style form frames)
	// or "pleading": every form-framed document goes on pleading paper
	// (Cal. Rules of Court, rules 2.100-2.119) with no form number, which
	// a court must accept for an optional form (rule 1.35).
	Layout string
	// LayoutOnly stops after layout: Output.PagesData is filled and PDF is
	// nil. Checks that need the pages but not the bytes (lint, fuzzing)
	// use it to run faster.
	LayoutOnly bool
	// Split also cuts every packet into one PDF per document (Output.Parts):
	// the cover sheet apart, the filed documents in filing order.
	Split bool
	// Exhibits are the case file's exhibits, read and checked
	// (exhibit.Load); nil makes Run load them itself.
	Exhibits []exhibit.Exhibit
}

// Output is one drafted packet.
type Output struct {
	Packet    assemble.Packet
	PDF       []byte
	Pages     int
	Templates []Source // the template behind each document, in order
	// Exhibits are the exhibits attached, in letter order.
	Exhibits []exhibit.Exhibit
	// Text is what each page says, for goldens and checks.
	PagesData []drawlist.Page
	// Parts is the packet cut into one PDF per document, with Split.
	Parts []Part
}

// Source names a template and the layer it came from.
type Source struct {
	Path  string `json:"path"`
	Layer string `json:"layer"`
}

var (
	framesOnce    sync.Once
	builtinFrames layout.Frames
	framesErr     error
)

// BuiltinFrames returns the frames of forms/, checked once. They are
// compiled into frames_gen.go (go generate ./internal/draft; a test fails
// while it differs from forms/), so no TOML is parsed at start-up.
func BuiltinFrames() (layout.Frames, error) {
	framesOnce.Do(func() { builtinFrames, framesErr = layout.BuildFrames(builtinFrameList) })
	return builtinFrames, framesErr
}

// Glyphs answers assemble's question of which characters the papers can
// print: the case file's words are set in the serif faces.
type Glyphs struct{}

// Missing returns the first rune of s the serif face cannot print.
func (Glyphs) Missing(s string) (rune, bool) { return fonts.Missing(fonts.Serif, s) }

var _ assemble.Glyphs = Glyphs{}

// Run drafts every packet the findings support (or the ones asked for).
func Run(f *casefile.File, rep *eligibility.Report, opt Options) ([]Output, []assemble.Skip, error) {
	if opt.Assemble.Glyphs == nil {
		opt.Assemble.Glyphs = Glyphs{}
	}
	packets, skips, err := assemble.Build(f, rep, opt.Assemble)
	if err != nil {
		return nil, nil, err
	}
	if opt.Exhibits == nil && len(f.Exhibits) > 0 {
		if opt.Exhibits, err = exhibit.Load(f); err != nil {
			return nil, nil, err
		}
	}
	set := opt.Templates
	if set == nil {
		set = Builtin()
	}
	frames, err := BuiltinFrames()
	if err != nil {
		return nil, nil, err
	}
	outs := make([]Output, len(packets))
	errs := make([]error, len(packets))
	// With more than one worker, the workers first parse every template
	// the packets use, each once, then render. Packets mostly use the
	// same templates, so rendering alone would have every worker wait on
	// the first one's parse of each template in turn; parsing them as
	// separate jobs spreads that one-time work over the workers. A parse
	// error is left for the render that needs the template to report, in
	// packet order.
	var jobs []func()
	if opt.Workers > 1 {
		for _, t := range templatesOf(packets) {
			jobs = append(jobs, func() { _ = set.Parse(t) })
		}
	}
	author := filerName(f)
	for i, p := range packets {
		jobs = append(jobs, func() { outs[i], errs[i] = render(p, set, frames, author, rep, opt) })
	}
	next := make(chan func())
	var wg sync.WaitGroup
	for range min(max(opt.Workers, 1), len(jobs)) {
		wg.Go(func() {
			for job := range next {
				job()
			}
		})
	}
	for _, job := range jobs {
		next <- job
	}
	close(next)
	wg.Wait()
	// The first error in packet order, so the message does not depend on
	// timing.
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return outs, skips, nil
}

// templatesOf lists the templates the packets' documents use, each once,
// in the order they are first used.
func templatesOf(packets []assemble.Packet) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range packets {
		for _, d := range p.Docs {
			if !seen[d.Template] {
				seen[d.Template] = true
				out = append(out, d.Template)
			}
		}
	}
	return out
}

func render(p assemble.Packet, set *tmpl.Set, frames layout.Frames, author string, rep *eligibility.Report, opt Options) (Output, error) {
	out := Output{Packet: p}
	docs := make([]layout.Document, 0, len(p.Docs))
	names := make([]string, 0, len(p.Docs))
	for _, d := range p.Docs {
		names = append(names, d.Name)
		r, err := set.Render(d.Template, d.Data, tmpl.Options{})
		if err != nil {
			return Output{}, err
		}
		out.Templates = append(out.Templates, Source{Path: r.Path, Layer: r.Layer})
		doc := layout.Document{
			Source: r.Path, Frame: r.Front.Frame, Title: r.Front.Title, Short: r.Front.Short,
			Form: r.Front.Form, Revision: r.Front.Revision, Cites: r.Front.Cites,
			Bookmark: r.Front.Bookmark, Attachment: r.Front.Attachment, Body: r.Body, Caption: layout.Caption(d.Caption),
		}
		if opt.Layout == LayoutPleading && doc.Frame == "jcform" {
			toPleading(&doc)
		}
		docs = append(docs, doc)
	}
	lopt := layout.Options{Draft: DraftMark}
	if author == "" {
		lopt.Draft = SelfDraftMark
	}
	if p.Lang != "" {
		lopt = letterOptions(p.Lang)
	}
	if opt.Assemble.Final {
		lopt.Draft = ""
	}
	pages, marks, err := layout.Pages(docs, frames, lopt)
	if err != nil {
		return Output{}, err
	}
	// A split packet cuts relief's own pages by document and adds the
	// exhibits to the one document they follow.
	ownPages, ownMarks := pages, marks
	var foreign map[int]pdf.Foreign
	if len(p.Exhibits) > 0 {
		if pages, marks, foreign, err = withExhibits(p, pages, marks, opt.Exhibits, lopt.Draft); err != nil {
			return Output{}, err
		}
		for _, r := range p.Exhibits {
			ex, _ := find(opt.Exhibits, r.Index)
			out.Exhibits = append(out.Exhibits, ex)
		}
	}
	if opt.LayoutOnly {
		out.Pages, out.PagesData = len(pages), pages
		return out, nil
	}
	doc := drawlist.Doc{
		Title: p.Title, Subject: "Draft prepared by relief for attorney review",
		Author: author, Creator: opt.Creator, Created: rep.AsOf,
		Pages: pages, Bookmarks: marks,
	}
	switch {
	case opt.Assemble.Final:
		doc.Subject = p.Title
	case author == "":
		doc.Subject = "Draft prepared by relief"
	}
	b, err := RenderDoc(doc, foreign)
	if err != nil {
		return Output{}, fmt.Errorf("%s: %w", p.FileName, err)
	}
	out.PDF, out.Pages, out.PagesData = b, len(pages), pages
	if opt.Split {
		ex := noExhibits
		if len(p.Exhibits) > 0 {
			ex = exhibitsOf(p, opt.Exhibits, lopt.Draft)
		}
		if out.Parts, err = splitParts(docs, names, ownPages, ownMarks, doc, ex); err != nil {
			return Output{}, fmt.Errorf("%s: %w", p.FileName, err)
		}
	}
	return out, nil
}

// The layouts of --layout.
const (
	LayoutForm     = "form"
	LayoutPleading = "pleading"
)

// toPleading puts a form-framed document on pleading paper: no form
// number, and a case title in the rule 2.111 style when the caption has
// only the form's DEFENDANT line.
func toPleading(doc *layout.Document) {
	doc.Frame, doc.Form, doc.Revision = "pleading", "", ""
	c := &doc.Caption
	switch {
	case len(c.Parties) > 0 || c.Defendant == "":
	case c.Matter:
		c.Parties = []string{"In the Matter of the Petition of", c.Defendant + ",", "Petitioner."}
	default:
		c.Parties = []string{"PEOPLE OF THE STATE OF CALIFORNIA,", "Plaintiff,", "v.", c.Defendant + ",", "Defendant."}
	}
	if len(c.Hearing) == 0 {
		c.Hearing = []string{"Date: ______________", "Time: ______________", "Dept.: ______________"}
	}
}

// filerName is the PDF's author: the attorney of record, or nothing. A
// self-represented petitioner's name stays out of the file's metadata,
// which travels with every copy of the file.
func filerName(f *casefile.File) string {
	if f.Attorney != nil && f.Attorney.Name != "" {
		return f.Attorney.Name
	}
	return ""
}
