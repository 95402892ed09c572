// Package pdf turns a draw list (internal/drawlist) into PDF bytes.
//
// The writer is the project's own (writer.go, font.go): drafting a clinic's
// batch is bound by PDF writing, and a writer that knows it only ever
// draws text, lines and boxes can subset each font once per glyph set per
// process, compress with pooled writers at the fast level and format
// numbers without fmt. pdftest.RenderGopdf writes the same draw list with
// github.com/signintech/gopdf; tests read both back and compare them.
//
// The output depends on nothing but the drawlist.Doc: no clock, no random
// document ids, fonts in a fixed order under stable names. The same Doc
// always gives the same bytes. Every font is embedded, subset to the glyphs
// used, content streams are compressed, and each drawlist.Bookmark becomes
// one outline entry.
//
// The draw list is checked before anything is drawn, so a bad Doc is an
// error naming the page and the operation, never a PDF with blank or
// substituted glyphs.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"math"
	"unicode"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
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

// Write writes the PDF for doc to w. Nothing is written when doc is invalid.
func Write(w io.Writer, doc drawlist.Doc) error {
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
func Render(doc drawlist.Doc) ([]byte, error) {
	used, err := Check(doc)
	if err != nil {
		return nil, err
	}
	return write(doc, used)
}

// Check validates doc as Render does, with the same errors, and returns
// the faces its text uses, in face order. Another writer of the draw list
// (pdftest.RenderGopdf) calls it to refuse exactly what Render refuses.
func Check(doc drawlist.Doc) ([]fonts.Face, error) {
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
			if op.Kind == drawlist.Text && op.Text != "" {
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

var kindName = [...]string{drawlist.Text: "text", drawlist.Line: "line", drawlist.Rect: "rect"}

var fieldName = [...]string{"X", "Y", "X2", "Y2", "W", "H", "Size", "Stroke", "Gray"}

func checkOp(op drawlist.Op) error {
	if op.Kind == 0 || int(op.Kind) >= len(kindName) {
		return fmt.Errorf("unknown op kind %d", op.Kind)
	}
	fields := [...]float64{op.X, op.Y, op.X2, op.Y2, op.W, op.H, op.Size, op.Stroke, op.Gray}
	for i, v := range fields {
		if !finite(v) {
			return fmt.Errorf("%s op: %s is %v, not a finite number", kindName[op.Kind], fieldName[i], v)
		}
	}
	if op.Kind != drawlist.Text {
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
