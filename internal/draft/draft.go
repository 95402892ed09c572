// Package draft runs the documents pipeline for one case file: findings →
// packets (assemble) → Markdown (tmpl) → pages (layout) → PDF bytes (pdf).
// It writes nothing; the caller decides where the bytes go. The same input
// and as-of date always give the same bytes.
package draft

import (
	"fmt"
	"sync"

	"github.com/reliefkit/relief/forms"
	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/tmpl"
)

// DraftMark is printed at the top of every page unless Final is set.
const DraftMark = "DRAFT — for attorney review — not reviewed for filing"

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
	// LayoutOnly stops after layout: Output.PagesData is filled and PDF is
	// nil. Checks that need the pages but not the bytes (lint, fuzzing)
	// use it to run faster.
	LayoutOnly bool
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
	PagesData []layout.Page
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

// BuiltinFrames returns the frames embedded from forms/, read once.
func BuiltinFrames() (layout.Frames, error) {
	framesOnce.Do(func() { builtinFrames, framesErr = layout.LoadFrames(forms.FS) })
	return builtinFrames, framesErr
}

// Run drafts every packet the findings support (or the ones asked for).
func Run(f *casefile.File, rep *eligibility.Report, opt Options) ([]Output, []assemble.Skip, error) {
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
	workers := min(max(opt.Workers, 1), len(packets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], errs[i] = render(packets[i], set, frames, filerName(f), rep, opt)
			}
		}()
	}
	for i := range packets {
		next <- i
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

func render(p assemble.Packet, set *tmpl.Set, frames layout.Frames, author string, rep *eligibility.Report, opt Options) (Output, error) {
	out := Output{Packet: p}
	docs := make([]layout.Document, 0, len(p.Docs))
	for _, d := range p.Docs {
		r, err := set.Render(d.Template, d.Data, tmpl.Options{})
		if err != nil {
			return Output{}, err
		}
		out.Templates = append(out.Templates, Source{Path: r.Path, Layer: r.Layer})
		docs = append(docs, layout.Document{
			Source: r.Path, Frame: r.Front.Frame, Title: r.Front.Title, Short: r.Front.Short,
			Form: r.Front.Form, Revision: r.Front.Revision, Cites: r.Front.Cites,
			Bookmark: r.Front.Bookmark, Body: r.Body, Caption: d.Caption,
		})
	}
	lopt := layout.Options{Draft: DraftMark}
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
	doc := layout.Doc{
		Title: p.Title, Subject: "Draft prepared by relief for attorney review",
		Author: author, Creator: opt.Creator, Created: rep.AsOf,
		Pages: pages, Bookmarks: marks,
	}
	if opt.Assemble.Final {
		doc.Subject = p.Title
	}
	b, err := RenderDoc(doc, foreign)
	if err != nil {
		return Output{}, fmt.Errorf("%s: %w", p.FileName, err)
	}
	out.PDF, out.Pages, out.PagesData = b, len(pages), pages
	return out, nil
}

// filerName is who files the papers: the attorney, or the petitioner.
func filerName(f *casefile.File) string {
	if f.Attorney != nil && f.Attorney.Name != "" {
		return f.Attorney.Name
	}
	return f.Petitioner.Name
}
