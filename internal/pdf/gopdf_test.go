package pdf_test

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/pdf/pdftest"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	rscpdf "rsc.io/pdf"
)

// TestSameAsGopdf reads back what Render and pdftest.RenderGopdf write for the same
// documents and compares them: every text run (text, position, font, size,
// gray), every shape operator, the metadata and the checkboxes pdftext
// finds. Two independent writers agreeing is the check that neither
// misplaces anything.
func TestSameAsGopdf(t *testing.T) {
	docs := map[string]drawlist.Doc{"sample": pdf.SampleDoc(), "pleading": pdf.Pleading(3)}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			ours, err := pdf.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := pdftest.RenderGopdf(doc)
			if err != nil {
				t.Fatal(err)
			}
			compareReadBack(t, ours, theirs)
		})
	}
}

// compareReadBack fails when two PDFs read back differently.
func compareReadBack(t *testing.T, ours, theirs []byte) {
	t.Helper()
	a, err := pdftext.Read(ours)
	if err != nil {
		t.Fatalf("ours: %v", err)
	}
	b, err := pdftext.Read(theirs)
	if err != nil {
		t.Fatalf("gopdf's: %v", err)
	}
	if fmt.Sprint(a.Pages) != fmt.Sprint(b.Pages) {
		t.Errorf("page text differs:\nours  %q\ngopdf %q", a.Pages, b.Pages)
	}
	if fmt.Sprint(a.Sizes) != fmt.Sprint(b.Sizes) || fmt.Sprint(a.Boxes) != fmt.Sprint(b.Boxes) {
		t.Errorf("sizes or boxes differ:\nours  %v %v\ngopdf %v %v", a.Sizes, a.Boxes, b.Sizes, b.Boxes)
	}
	for k, v := range b.Info {
		if k != "CreationDate" && a.Info[k] != v {
			t.Errorf("Info %s: ours %q, gopdf %q", k, a.Info[k], v)
		}
	}

	ra := reader(t, ours)
	rb := reader(t, theirs)
	for i := 1; i <= rb.NumPage(); i++ {
		runsA, opsA := pdf.ReadPage(t, ra, i)
		runsB, opsB := pdf.ReadPage(t, rb, i)
		if len(runsA) != len(runsB) {
			t.Fatalf("page %d: %d text runs, gopdf %d", i, len(runsA), len(runsB))
		}
		for k := range runsA {
			x, y := runsA[k], runsB[k]
			if x.Text != y.Text || x.Font != y.Font || x.Size != y.Size || x.Gray != y.Gray ||
				math.Abs(x.X-y.X) > 0.01 || math.Abs(x.Y-y.Y) > 0.01 || math.Abs(x.Width-y.Width) > float64(len([]rune(x.Text)))*x.Size/1000 {
				// gopdf truncates each width to whole 1/1000 em; Render
				// keeps three decimals.
				t.Errorf("page %d run %d:\nours  %+v\ngopdf %+v", i, k, x, y)
			}
		}
		s, g := shapes(opsA), shapes(opsB)
		if s == "" && g == "g 0.00; " {
			continue // gopdf needs one operator to give an empty page a stream
		}
		if s != g {
			t.Errorf("page %d shapes:\nours  %s\ngopdf %s", i, s, g)
		}
	}
}

func reader(t *testing.T, b []byte) *rscpdf.Reader {
	t.Helper()
	r, err := rscpdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// shapes lists the graphics operators that draw or set colour and width,
// rounded to what a page can show.
func shapes(ops []pdf.Op) string {
	var b bytes.Buffer
	for _, o := range ops {
		switch o.Name {
		case "g", "G", "w", "re", "m", "l", "S", "f", "B":
			fmt.Fprintf(&b, "%s", o.Name)
			for _, a := range o.Args {
				fmt.Fprintf(&b, " %.2f", a)
			}
			b.WriteString("; ")
		}
	}
	return b.String()
}

func BenchmarkRenderGopdf6Pages(b *testing.B) { pdf.BenchRender(b, pdftest.RenderGopdf) }
