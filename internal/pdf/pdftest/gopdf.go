// Package pdftest holds what tests of PDF output use and the product does
// not: RenderGopdf, a second, independent writer of the draw list.
//
// RenderGopdf was relief's first writer, built on github.com/signintech/gopdf.
// pdf.Render replaced it: gopdf compresses every content stream with a new
// zlib writer, formats each glyph with fmt and subsets every font again for
// every document, which held drafting to about 200 pages a second. It stays
// as a second opinion: tests render the same documents with both writers
// and compare what a reader gets back. Only tests import this package;
// gopdf itself stays a product dependency, for pdf.RenderForeign (exhibits).
package pdftest

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/signintech/gopdf"
)

// Parsing a TrueType file costs more than drawing a page, so each face is
// parsed once per process and kept in a gopdf.FontContainer. gopdf copies
// the parsed font into each document and keeps the per-document subset
// apart, so sharing it is safe across documents and goroutines.
var (
	container gopdf.FontContainer
	parsed    [256]struct { // by fonts.Face, a uint8
		once sync.Once
		err  error
	}
)

func addFace(gp *gopdf.GoPdf, f fonts.Face) error {
	p := &parsed[f]
	p.once.Do(func() { p.err = container.AddTTFFontData(family(f), f.TTF()) })
	if p.err != nil {
		return fmt.Errorf("font %s: %w", f, p.err)
	}
	return gp.AddTTFFontFromFontContainer(family(f), &container)
}

// family is face f's font name in gopdf and in the file: its PostScript
// name, as pdf.Render names it.
func family(f fonts.Face) string { return f.Info().PostScriptName }

// RenderGopdf returns the PDF bytes for doc written by gopdf. It checks doc
// exactly as pdf.Render does (pdf.Check); the same doc gives identical bytes.
func RenderGopdf(doc drawlist.Doc) (out []byte, err error) {
	used, err := pdf.Check(doc)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("gopdf panicked: %v", r)
		}
	}()
	gp, err := build(doc, used)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	// gopdf ignores its writer's errors, and a bytes.Buffer has none.
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func build(doc drawlist.Doc, used []fonts.Face) (*gopdf.GoPdf, error) {
	first := doc.Pages[0]
	gp := new(gopdf.GoPdf)
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: first.Width, H: first.Height}})
	info := gopdf.PdfInfo{
		Title:    bmp(doc.Title),
		Author:   bmp(doc.Author),
		Subject:  bmp(doc.Subject),
		Creator:  bmp(doc.Creator),
		Producer: "relief",
	}
	if !doc.Created.IsZero() {
		y, m, d := doc.Created.Time().Date()
		info.CreationDate = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	gp.SetInfo(info)
	// Fonts go first: SetFont scans the object list from the start.
	for _, f := range used {
		if err := addFace(gp, f); err != nil {
			return nil, err
		}
	}

	d := drawer{gp: gp, face: -1}
	marks := doc.Bookmarks
	for i, p := range doc.Pages {
		gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: p.Width, H: p.Height}})
		for ; len(marks) > 0 && marks[0].Page == i; marks = marks[1:] {
			// The outline's destination top is the default page height
			// minus the current y plus 20; make it this page's top edge.
			gp.SetY(first.Height + 20 - p.Height)
			gp.AddOutlineWithPosition(bmp(marks[0].Title))
		}
		d.fill, d.stroke, d.width, d.drawn = 0, 0, 1, false
		for j, op := range p.Ops {
			if err := d.op(op); err != nil {
				return nil, fmt.Errorf("page %d (op %d): %w", i+1, j, err)
			}
		}
		if !d.drawn {
			// A page without a content stream would get an empty /Contents.
			gp.SetGrayFill(0)
		}
	}
	return gp, nil
}

// drawer issues gopdf calls for ops, skipping state changes that would
// not change anything.
type drawer struct {
	gp   *gopdf.GoPdf
	face int // current font, -1 for none; gopdf repeats it in every text object
	size float64
	// The PDF graphics state, which every page starts afresh.
	fill, stroke, width float64
	drawn               bool // whether the page has any content yet
}

func (d *drawer) op(op drawlist.Op) error {
	gp := d.gp
	gray := min(max(op.Gray, 0), 1)
	switch op.Kind {
	case drawlist.Text:
		if op.Text == "" {
			return nil
		}
		// gopdf writes no marked content: an op's Actual (a checkbox's
		// U+2612 or U+2610) is lost and its Text drawn as it is, which for
		// a checkbox is an invisible space.
		if int(op.Face) != d.face {
			if err := gp.SetFontWithStyle(family(op.Face), gopdf.Regular, op.Size); err != nil {
				return fmt.Errorf("font %s: %w", op.Face, err)
			}
			d.face, d.size = int(op.Face), op.Size
		} else if op.Size != d.size {
			gp.SetFontSize(op.Size)
			d.size = op.Size
		}
		d.setFill(gray)
		// gopdf's Text puts the baseline at y (Cell would put the top
		// of the typo ascender there).
		gp.SetXY(op.X, op.Y)
		if err := gp.Text(op.Text); err != nil {
			return fmt.Errorf("text %q: %w", op.Text, err)
		}
	case drawlist.Line:
		if op.Stroke <= 0 {
			return nil
		}
		d.setStroke(gray, op.Stroke)
		gp.Line(op.X, op.Y, op.X2, op.Y2)
	case drawlist.Rect:
		style := gopdf.DrawPaintStyle
		switch {
		case op.Fill && op.Stroke > 0:
			style = gopdf.DrawFillPaintStyle
		case op.Fill:
			style = gopdf.FillPaintStyle
		case op.Stroke <= 0:
			return nil
		}
		if op.Stroke > 0 {
			d.setStroke(gray, op.Stroke)
		}
		if op.Fill {
			d.setFill(gray)
		}
		err := gp.RectFromUpperLeftWithOpts(gopdf.DrawableRectOptions{
			X: op.X, Y: op.Y, Rect: gopdf.Rect{W: op.W, H: op.H}, PaintStyle: style,
		})
		if err != nil {
			return fmt.Errorf("rect: %w", err)
		}
	}
	d.drawn = true
	return nil
}

func (d *drawer) setFill(gray float64) {
	if gray != d.fill {
		d.gp.SetGrayFill(gray)
		d.fill = gray
	}
}

func (d *drawer) setStroke(gray, width float64) {
	if gray != d.stroke {
		d.gp.SetGrayStroke(gray)
		d.stroke = gray
	}
	if width != d.width {
		d.gp.SetLineWidth(width)
		d.width = width
	}
}

// bmp replaces runes outside the Basic Multilingual Plane with U+FFFD:
// gopdf writes metadata and outline titles as UTF-16 without surrogate
// pairs. pdf.RenderForeign has the same function for the same reason.
func bmp(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
