package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
)

// PlainText returns the text of the pages as a person reads it: one block
// per page, lines top to bottom, pieces on a line left to right with the
// gaps between them kept as spaces, and text with an ActualText (drawn
// checkboxes: "\u2612" checked, "\u2610" empty) as that text.
// Goldens compare it; it is also what a clerk's text extraction sees.
func PlainText(pages []drawlist.Page) string {
	var b strings.Builder
	for i, pg := range pages {
		fmt.Fprintf(&b, "=== page %d ===\n", i+1)
		for _, l := range pageLines(pg) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

type piecePos struct {
	x, y, end float64
	text      string
}

func pageLines(pg drawlist.Page) []string {
	var ps []piecePos
	for _, op := range pg.Ops {
		if op.Kind != drawlist.Text {
			continue
		}
		w := fonts.Width(op.Face, op.Size, op.Text)
		text := op.Text
		if op.Actual != "" {
			text = op.Actual
			w = op.Size * 0.8 // the drawn box
		}
		ps = append(ps, piecePos{op.X, op.Y, op.X + w, text})
	}
	sort.SliceStable(ps, func(i, j int) bool {
		if math.Abs(ps[i].y-ps[j].y) > 1.5 {
			return ps[i].y < ps[j].y
		}
		return ps[i].x < ps[j].x
	})
	var out []string
	var cur strings.Builder
	lastY, lastEnd := math.Inf(-1), 0.0
	for _, p := range ps {
		if math.Abs(p.y-lastY) > 1.5 {
			if cur.Len() > 0 {
				out = append(out, cur.String())
			}
			cur.Reset()
			lastY, lastEnd = p.y, 0
		} else if p.x > lastEnd-1 {
			cur.WriteByte(' ')
		}
		cur.WriteString(p.text)
		lastEnd = p.end
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
