package draft

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	"rsc.io/pdf"
)

// pngs regenerates the page images in docs/images (needs pdftoppm from
// poppler-utils): go test ./internal/draft/ -run TestPageImages -pngs
var pngs = flag.Bool("pngs", false, "rewrite docs/images/*.png from the probation-completed example")

// TestExamplesPleading drafts every example's packets with --layout
// pleading, compares the dismissal packets' page text with
// <packet>.pleading.txt, and reads the dismissal and sealing PDFs back: every page after the cover has the numbered lines 1
// to 28 beside the text, no form number appears, and no glyph is drawn
// outside the page's printable box.
func TestExamplesPleading(t *testing.T) {
	n := 0
	for _, path := range examples(t) {
		dir := filepath.Dir(path)
		_, outs, _ := runExample(t, path, Options{Creator: "relief test", Layout: LayoutPleading})
		produced := map[string]bool{}
		for _, o := range outs {
			switch o.Packet.Kind {
			case assemble.Sealing:
				// Every document after its cover is on pleading paper too;
				// its words belong to the sealing templates' goldens.
				if len(o.Exhibits) == 0 {
					checkPleadingPDF(t, o.Packet.FileName, o.PDF)
				}
				continue
			case assemble.Dismissal:
			default:
				continue
			}
			n++
			txt := strings.TrimSuffix(o.Packet.FileName, ".pdf") + ".pleading.txt"
			produced[txt] = true
			text := layout.PlainText(o.PagesData)
			golden.Check(t, filepath.Join(dir, txt), []byte(text))
			for _, form := range []string{"CR-180", "CR-181", "MC-025", "MC-031"} {
				if strings.Contains(text, "format of "+form) || strings.Contains(text, "Format of "+form) {
					t.Errorf("%s: the pleading layout names Judicial Council form %s", o.Packet.FileName, form)
				}
			}
			if len(o.Exhibits) == 0 {
				// Exhibit packets nest relief's pages in imported forms,
				// which checkPleadingPDF's reader does not open.
				checkPleadingPDF(t, o.Packet.FileName, o.PDF)
			}
			// rsc.io/pdf does not report glyph widths for these fonts, so
			// where text ends comes from the draw list the PDF was
			// written from (TestWritersAgree checks the two agree).
			checkInside(t, o.Packet.FileName, o.PagesData[1:], 40, 566.5)
		}
		golden.Stale(t, dir, isPacketGolden(".pleading.txt"), produced)
	}
	if n < 10 {
		t.Errorf("only %d dismissal packets on pleading paper; want every example's", n)
	}
}

func checkPleadingPDF(t *testing.T, name string, b []byte) {
	t.Helper()
	doc, err := pdftext.Read(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i := 2; i <= r.NumPage(); i++ { // page 1 is the cover sheet
		// The line numbers are the first 28 pieces of text on the page,
		// one per numbered line, 24 points apart from the top.
		lines := strings.Split(doc.Pages[i-1], "\n")
		for k := 1; k <= 28; k++ {
			if k > len(lines) || lines[k-1] != strconv.Itoa(k) {
				t.Errorf("%s page %d: the numbered lines 1-28 are not all there (piece %d reads %q)", name, i, k, lines[min(k, len(lines))-1])
				break
			}
		}
		ys := map[float64]bool{}
		for _, g := range r.Page(i).Content().Text {
			if g.X < 18 || g.X+g.W > 594 || g.Y < 18 || g.Y > 780 {
				t.Errorf("%s page %d: a glyph is drawn outside the printable box at (%.1f, %.1f)", name, i, g.X, g.Y)
			}
			if g.X < 70 {
				ys[g.Y] = true
			}
		}
		for k := range 28 {
			if y := 792 - 90 - 24*float64(k); !ys[y] {
				t.Errorf("%s page %d: no line number at y %.0f (line %d)", name, i, y, k+1)
				break
			}
		}
	}
}

// TestPageImages renders the dismissal petition and order of the
// probation-completed example in both layouts to docs/images when run
// with -pngs; without it, it checks that the images are there.
func TestPageImages(t *testing.T) {
	out := filepath.Join("..", "..", "docs", "images")
	path := filepath.Join("..", "..", "examples", "probation-completed", "case.toml")
	names := []string{"dismissal-form-petition.png", "dismissal-form-order.png",
		"dismissal-pleading-petition.png", "dismissal-pleading-order.png"}
	if !*pngs {
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(out, n)); err != nil {
				t.Errorf("docs/images/%s is missing: run go test ./internal/draft/ -run TestPageImages -pngs", n)
			}
		}
		return
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("-pngs needs pdftoppm (poppler-utils)")
	}
	k := 0
	for _, l := range []string{LayoutForm, LayoutPleading} {
		_, outs, _ := runExample(t, path, Options{Creator: "relief", Layout: l, Assemble: assemble.Options{Packets: []string{assemble.Dismissal}}})
		o := outs[0]
		pdfPath := filepath.Join(t.TempDir(), "p.pdf")
		if err := os.WriteFile(pdfPath, o.PDF, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, doc := range []string{"Petition for Dismissal", "Order for Dismissal (proposed)"} {
			page := firstPage(t, o, doc)
			prefix := filepath.Join(t.TempDir(), "img")
			cmd := exec.Command(tool, "-r", "60", "-png", "-singlefile", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdfPath, prefix)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, b)
			}
			img, err := os.ReadFile(prefix + ".png")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, names[k]), img, 0o644); err != nil {
				t.Fatal(err)
			}
			k++
		}
	}
}

// firstPage returns the 1-based page where the document bookmarked title
// starts.
func firstPage(t *testing.T, o Output, title string) int {
	t.Helper()
	head := strings.ToUpper(strings.TrimSuffix(title, " (proposed)"))
	for i := range o.PagesData {
		pt := layout.PlainText(o.PagesData[i : i+1])
		if strings.Contains(pt, head) && (strings.Contains(pt, "Page 1 of") || strings.Contains(pt, "Case No.")) {
			return i + 1
		}
	}
	t.Fatalf("no page starts %q", title)
	return 0
}

// TestFormLayoutInsideBoxes reads every example's form-layout dismissal
// packet back and checks that no glyph is drawn past the form's margins
// (36 points left and right, with half a point for rounding) or within a
// quarter inch of the top or bottom edge.
func TestFormLayoutInsideBoxes(t *testing.T) {
	for _, path := range examples(t) {
		_, outs, _ := runExample(t, path, Options{})
		for _, o := range outs {
			if o.Packet.Kind != assemble.Dismissal {
				continue
			}
			checkInside(t, o.Packet.FileName, o.PagesData, 35.5, 576.5)
			r, err := pdf.NewReader(bytes.NewReader(o.PDF), int64(len(o.PDF)))
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i <= r.NumPage(); i++ {
				for _, g := range r.Page(i).Content().Text {
					if g.X < 35.5 || g.X > 576.5 || g.Y < 18 || g.Y > 774 {
						t.Errorf("%s page %d: a glyph at (%.1f, %.1f) is outside the margins", o.Packet.FileName, i, g.X, g.Y)
						break
					}
				}
			}
		}
	}
}

// checkInside reports drawn text that extends past left or right, measured
// with the fonts' real widths, or lies within a quarter inch of the top or
// bottom edge; rules and boxes must stay on the page.
func checkInside(t *testing.T, name string, pages []drawlist.Page, left, right float64) {
	t.Helper()
	for i, pg := range pages {
		for _, op := range pg.Ops {
			switch op.Kind {
			case drawlist.Text:
				end := op.X + fonts.Width(op.Face, op.Size, op.Text)
				if op.X < left || end > right || op.Y < 18 || op.Y > 774 {
					t.Errorf("%s: %q on a page runs outside its box (x %.1f to %.1f, y %.1f)", name, op.Text, op.X, end, op.Y)
					return
				}
			case drawlist.Rect, drawlist.Line:
				x2, y2 := op.X2, op.Y2
				if op.Kind == drawlist.Rect {
					x2, y2 = op.X+op.W, op.Y+op.H
				}
				if op.X < 0 || op.Y < 0 || x2 > pg.Width || y2 > pg.Height {
					t.Errorf("%s page %d: a rule or box leaves the page", name, i+1)
					return
				}
			}
		}
	}
}
