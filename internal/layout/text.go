package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/reliefkit/relief/internal/fonts"
)

// PlainText returns the text of the pages as a person reads it: one block
// per page, lines top to bottom, pieces on a line left to right with the
// gaps between them kept as spaces, and drawn checkboxes as "[x]" or "[ ]".
// Goldens compare it; it is also what a clerk's text extraction sees.
func PlainText(pages []Page) string {
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

func pageLines(pg Page) []string {
	var ps []piecePos
	for i, op := range pg.Ops {
		switch op.Kind {
		case Text:
			w := fonts.Width(op.Face, op.Size, op.Text)
			ps = append(ps, piecePos{op.X, op.Y, op.X + w, op.Text})
		case Rect:
			if op.Fill || op.W > 20 || op.H > 20 || math.Abs(op.W-op.H) > 0.01 {
				continue
			}
			mark := "[ ]"
			if i+1 < len(pg.Ops) && pg.Ops[i+1].Kind == Line && pg.Ops[i+1].X >= op.X && pg.Ops[i+1].X2 <= op.X+op.W {
				mark = "[x]"
			}
			y := op.Y + op.H - op.H/0.8*0.1
			ps = append(ps, piecePos{op.X, y, op.X + op.W, mark})
		}
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
