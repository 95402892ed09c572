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
		for _, o := range outs {
			switch o.Packet.Kind {
			case assemble.Sealing:
				// Every document after its cover is on pleading paper too;
				// its words belong to the sealing templates' goldens.
				checkPleadingPDF(t, o.Packet.FileName, o.PDF)
				continue
			case assemble.Dismissal:
			default:
				continue
			}
			n++
			txt := strings.TrimSuffix(o.Packet.FileName, ".pdf") + ".pleading.txt"
			text := layout.PlainText(o.PagesData)
			golden.Check(t, filepath.Join(dir, txt), []byte(text))
			for _, form := range []string{"CR-180", "CR-181", "MC-025", "MC-031"} {
				if strings.Contains(text, "format of "+form) || strings.Contains(text, "Format of "+form) {
					t.Errorf("%s: the pleading layout names Judicial Council form %s", o.Packet.FileName, form)
				}
			}
			checkPleadingPDF(t, o.Packet.FileName, o.PDF)
		}
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
			if g.X >= 80 && g.X+g.W > 566.5 && g.W > 0.5 {
				t.Errorf("%s page %d: a glyph crosses the right rule (ends at %.1f, y %.1f)", name, i, g.X+g.W, g.Y)
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
