// Package drawlist holds the draw list: pages of positioned text, lines
// and boxes, as plain data. Layout makes it (internal/layout), the PDF
// writer turns it into bytes (internal/pdf), and tests compare it. It has
// types and constants only, so that the writer depends on neither layout
// nor the Markdown parser behind it.
package drawlist

import (
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/fonts"
)

// Letter paper in points (Cal. Rules of Court, rule 2.103).
const (
	LetterWidth  = 612.0
	LetterHeight = 792.0
)

// Doc is one PDF file: a packet of one or more documents.
type Doc struct {
	Title   string    // PDF metadata title
	Subject string    // PDF metadata subject
	Author  string    // the filer
	Creator string    // "relief <version>"
	Created date.Date // the as-of date; written as midnight UTC
	Pages   []Page
	// Bookmarks has one entry per document in the packet, in page order.
	Bookmarks []Bookmark
}

// Bookmark is an outline entry pointing at the first page of a document.
type Bookmark struct {
	Title string
	Page  int // 0-based index into Doc.Pages
}

// Page is one page. Coordinates are in points from the top-left corner,
// y growing downwards.
type Page struct {
	Width, Height float64
	Ops           []Op
}

// OpKind says what an Op draws.
type OpKind uint8

// The kinds of drawing operation.
const (
	// Text draws Text in Face at Size with its left end at X and its
	// baseline at Y.
	Text OpKind = iota + 1
	// Line draws a straight line from (X, Y) to (X2, Y2), Stroke points wide.
	Line
	// Rect draws a rectangle with top-left corner (X, Y), size W × H:
	// outlined with a Stroke-wide line when Stroke > 0, filled when Fill.
	Rect
)

// Op is one drawing operation. Gray is the colour for text, stroke and
// fill: 0 is black, 1 is white. The one-byte fields come first, so that
// they share one word: a page holds a hundred ops or more, and an Op
// is 112 bytes rather than 128.
type Op struct {
	Kind   OpKind
	Face   fonts.Face
	Fill   bool
	X, Y   float64
	X2, Y2 float64 // Line only
	W, H   float64 // Rect only
	Size   float64
	Stroke float64
	Gray   float64
	Text   string
	// Actual, on a Text op, is what a reader extracts instead of Text: the
	// writer draws Text invisibly inside a marked-content span whose
	// ActualText is Actual. A drawn checkbox reads back this way as
	// U+2612 (checked) or U+2610 (empty).
	Actual string
}

// The text a checkbox reads back as (design §8).
const (
	CheckedBox = "\u2612"
	EmptyBox   = "\u2610"
)
