// Package pdf turns a layout draw list into PDF bytes with
// github.com/signintech/gopdf.
//
// The output depends on nothing but the layout.Doc: no clock, no random
// document ids, fonts registered in a fixed order under stable names. The
// same Doc always gives the same bytes. Every font is embedded (subset to
// the glyphs used, as gopdf does), content streams are compressed, and
// each layout.Bookmark becomes one outline entry.
//
// The draw list is checked before anything is drawn, so a bad Doc is an
// error naming the page and the operation, never a PDF with blank or
// substituted glyphs.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/signintech/gopdf"
)

// family is the PDF font name of each face, indexed by fonts.Face: the
// PostScript names of the Liberation fonts.
var family = [...]string{
	fonts.Serif:           "LiberationSerif",
	fonts.SerifBold:       "LiberationSerif-Bold",
	fonts.SerifItalic:     "LiberationSerif-Italic",
	fonts.SerifBoldItalic: "LiberationSerif-BoldItalic",
	fonts.Sans:            "LiberationSans",
	fonts.SansBold:        "LiberationSans-Bold",
	fonts.SansItalic:      "LiberationSans-Italic",
	fonts.SansBoldItalic:  "LiberationSans-BoldItalic",
}

// Parsing a TrueType file costs more than drawing a page, so each face is
// parsed once per process and kept in a gopdf.FontContainer. gopdf copies
// the parsed font into each document and keeps the per-document subset
// apart, so sharing it is safe across documents and goroutines.
var (
	container gopdf.FontContainer
	parsed    [len(family)]struct {
		once sync.Once
		err  error
	}
)

func addFace(gp *gopdf.GoPdf, f fonts.Face) error {
	p := &parsed[f]
	p.once.Do(func() { p.err = container.AddTTFFontData(family[f], f.TTF()) })
	if p.err != nil {
		return fmt.Errorf("font %s: %w", f, p.err)
	}
	return gp.AddTTFFontFromFontContainer(family[f], &container)
}

// Write writes the PDF for doc to w. Nothing is written when doc is invalid.
func Write(w io.Writer, doc layout.Doc) error {
	b, err := Render(doc)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Render returns the PDF bytes for doc. The same doc gives identical bytes.
//
// Render fails, drawing nothing, when doc has no pages, a page size or op
// field is not a finite number, an op has an unknown kind, a Text op has a
// Size <= 0, an unknown face or a rune its face cannot draw, or a bookmark
// points outside the document or before the previous one. Errors name the
// page (counting from 1) and the op (its index in Page.Ops).
//
// Text ops with empty Text, Line ops with Stroke <= 0 and Rect ops with
// neither Stroke > 0 nor Fill draw nothing.
func Render(doc layout.Doc) (out []byte, err error) {
	used, err := check(doc)
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
	buf.Grow(sizeHint(doc, used))
	// gopdf ignores its writer's errors, and a bytes.Buffer has none.
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sizeHint guesses the output size from a pleading's: about 12 KB per
// subset font and 2 KB per page.
func sizeHint(doc layout.Doc, used []fonts.Face) int {
	return 4096 + 12<<10*len(used) + 2<<10*len(doc.Pages)
}

// check validates doc and returns the faces its text uses, in face order.
func check(doc layout.Doc) ([]fonts.Face, error) {
	if len(doc.Pages) == 0 {
		return nil, errors.New("the document has no pages")
	}
	var used [len(family)]bool
	for i, p := range doc.Pages {
		if !finite(p.Width, p.Height) || p.Width <= 0 || p.Height <= 0 {
			return nil, fmt.Errorf("page %d: bad page size %v × %v", i+1, p.Width, p.Height)
		}
		for j, op := range p.Ops {
			if err := checkOp(op); err != nil {
				return nil, fmt.Errorf("page %d (op %d): %w", i+1, j, err)
			}
			if op.Kind == layout.Text && op.Text != "" {
				used[op.Face] = true
			}
		}
	}
	prev := 0
	for i, b := range doc.Bookmarks {
		if b.Page < prev || b.Page >= len(doc.Pages) {
			return nil, fmt.Errorf("bookmark %d %q: page index %d is out of order or outside the document's %d pages",
				i, b.Title, b.Page, len(doc.Pages))
		}
		prev = b.Page
	}
	var faces []fonts.Face
	for f, ok := range used {
		if ok {
			faces = append(faces, fonts.Face(f))
		}
	}
	return faces, nil
}

var kindName = [...]string{layout.Text: "text", layout.Line: "line", layout.Rect: "rect"}

var fieldName = [...]string{"X", "Y", "X2", "Y2", "W", "H", "Size", "Stroke", "Gray"}

func checkOp(op layout.Op) error {
	if op.Kind == 0 || int(op.Kind) >= len(kindName) {
		return fmt.Errorf("unknown op kind %d", op.Kind)
	}
	fields := [...]float64{op.X, op.Y, op.X2, op.Y2, op.W, op.H, op.Size, op.Stroke, op.Gray}
	for i, v := range fields {
		if !finite(v) {
			return fmt.Errorf("%s op: %s is %v, not a finite number", kindName[op.Kind], fieldName[i], v)
		}
	}
	if op.Kind != layout.Text {
		return nil
	}
	if int(op.Face) >= len(family) {
		return fmt.Errorf("text %q: unknown font %s", op.Text, op.Face)
	}
	if op.Size <= 0 {
		return fmt.Errorf("text %q: font size %v is not positive", op.Text, op.Size)
	}
	for _, r := range op.Text {
		if unicode.IsControl(r) {
			return fmt.Errorf("text %q: control character %U cannot be drawn", op.Text, r)
		}
	}
	if r, ok := fonts.Missing(op.Face, op.Text); ok {
		return fmt.Errorf("text %q: the font %s has no glyph for %q (%U)", op.Text, op.Face, r, r)
	}
	return nil
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func build(doc layout.Doc, used []fonts.Face) (*gopdf.GoPdf, error) {
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

func (d *drawer) op(op layout.Op) error {
	gp := d.gp
	gray := min(max(op.Gray, 0), 1)
	switch op.Kind {
	case layout.Text:
		if op.Text == "" {
			return nil
		}
		if int(op.Face) != d.face {
			if err := gp.SetFontWithStyle(family[op.Face], gopdf.Regular, op.Size); err != nil {
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
	case layout.Line:
		if op.Stroke <= 0 {
			return nil
		}
		d.setStroke(gray, op.Stroke)
		gp.Line(op.X, op.Y, op.X2, op.Y2)
	case layout.Rect:
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
// pairs.
func bmp(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
