package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

// checkboxDoc draws two checkboxes as layout does: a square (with an X
// when checked) and an invisible space whose ActualText is the state.
func checkboxDoc() drawlist.Doc {
	box := func(y float64, checked bool) []drawlist.Op {
		ops := []drawlist.Op{{Kind: drawlist.Rect, X: 72, Y: y - 8, W: 8, H: 8, Stroke: 0.6}}
		mark := drawlist.EmptyBox
		if checked {
			ops = append(ops, drawlist.Op{Kind: drawlist.Line, X: 73, Y: y - 7, X2: 79, Y2: y - 1, Stroke: 1})
			mark = drawlist.CheckedBox
		}
		return append(ops,
			drawlist.Op{Kind: drawlist.Text, X: 72, Y: y, Face: fonts.Sans, Size: 10, Text: " ", Actual: mark},
			drawlist.Op{Kind: drawlist.Text, X: 84, Y: y, Face: fonts.Sans, Size: 10, Text: "granted"})
	}
	ops := append(box(100, true), box(120, false)...)
	return drawlist.Doc{Pages: []drawlist.Page{{Width: 612, Height: 792, Ops: ops}}}
}

// TestCheckboxTextLayer reads a checked box back as U+2612 and an empty
// one as U+2610, with relief's reader and, when installed, poppler's
// pdftotext (what a clerk's copy-paste and a screen reader see).
func TestCheckboxTextLayer(t *testing.T) {
	_, b := render(t, checkboxDoc())
	doc, err := pdftext.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Pages[0], "☒\ngranted\n☐\ngranted\n"; got != want {
		t.Errorf("pdftext reads %q, want %q", got, want)
	}
	if boxes := doc.Boxes[0]; len(boxes) != 2 || !boxes[0].Checked || boxes[1].Checked {
		t.Errorf("drawn boxes %+v, want one checked then one empty", boxes)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "boxes.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(string(out)); strings.Join(got, " ") != "☒ granted ☐ granted" {
		t.Errorf("pdftotext reads %q, want ☒ granted ☐ granted", got)
	}
}
