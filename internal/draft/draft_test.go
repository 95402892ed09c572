package draft

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/law"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/pdf/pdftest"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

func examples(tb testing.TB) []string {
	tb.Helper()
	cases, err := filepath.Glob("../../examples/*/case.toml")
	if err != nil || len(cases) == 0 {
		tb.Fatalf("no examples: %v", err)
	}
	return cases
}

func runExample(tb testing.TB, path string, opt Options) (*casefile.File, []Output, []assemble.Skip) {
	tb.Helper()
	f, err := casefile.Load(path, casefile.Options{Today: func() date.Date {
		tb.Fatal("the wall clock was read; give the example an as_of date")
		return date.Date{}
	}})
	if err != nil {
		tb.Fatal(err)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
	outs, skips, err := Run(f, &rep, opt)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return f, outs, skips
}

// TestExamplesDraft drafts every example and compares what each page says
// with <packet>.txt beside the case, plus draft.txt listing the packets
// and the skipped ones with their reasons.
func TestExamplesDraft(t *testing.T) {
	drafted := 0
	for _, path := range examples(t) {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, outs, skips := runExample(t, path, Options{Creator: "relief test"})
			var sum strings.Builder
			produced := map[string]bool{}
			for _, o := range outs {
				fmt.Fprintf(&sum, "%s: %d pages, %s\n", o.Packet.FileName, o.Pages, strings.Join(docNames(o), ", "))
				txt := strings.TrimSuffix(o.Packet.FileName, ".pdf") + ".txt"
				produced[txt] = true
				golden.Check(t, filepath.Join(dir, txt), []byte(layout.PlainText(o.PagesData)))
				// Design §5: every packet starts with a one-page cover.
				if first := layout.PlainText(o.PagesData[:1]); !strings.Contains(first, "Cover sheet") || !strings.Contains(first, "Page 1 of 1") {
					t.Errorf("%s: the cover sheet is not one page:\n%s", o.Packet.FileName, first)
				}
				drafted++
			}
			for _, s := range skips {
				fmt.Fprintf(&sum, "skipped %s\n", s)
			}
			if sum.Len() == 0 {
				sum.WriteString("nothing to draft\n")
			}
			golden.Check(t, filepath.Join(dir, "draft.txt"), []byte(sum.String()))
			golden.Stale(t, dir, isPacketGolden(".txt"), produced)
		})
	}
	if drafted < 8 {
		t.Errorf("only %d packets drafted across the examples; want at least 8", drafted)
	}
}

// isPacketGolden reports whether a file of an example's folder is the
// golden text of a packet, named for the packet's PDF with ext (".txt",
// ".pleading.txt") in place of ".pdf".
func isPacketGolden(ext string) func(string) bool {
	return func(name string) bool {
		stem, ok := strings.CutSuffix(name, ext)
		if !ok || strings.Contains(stem, ".") {
			return false
		}
		for _, kind := range assemble.Kinds {
			if stem == kind || strings.HasPrefix(stem, kind+"-") {
				return true
			}
		}
		return false
	}
}

func docNames(o Output) []string {
	var out []string
	for _, s := range o.Templates {
		out = append(out, filepath.Base(s.Path))
	}
	return out
}

// TestPDFReadsBack opens each PDF with a PDF reader and finds the facts of
// the case and the checkbox states on the pages, rather than trusting bytes.
func TestPDFReadsBack(t *testing.T) {
	f, outs, _ := runExample(t, "../../examples/probation-completed/case.toml", Options{})
	if len(outs) != 1 {
		t.Fatalf("%d packets", len(outs))
	}
	o := outs[0]
	doc, err := pdftext.Read(o.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != o.Pages {
		t.Fatalf("PDF has %d pages, layout made %d", len(doc.Pages), o.Pages)
	}
	for i, sz := range doc.Sizes {
		if sz != [2]float64{612, 792} {
			t.Errorf("page %d is %v, want Letter", i+1, sz)
		}
	}
	text := strings.Join(doc.Pages, "\n")
	for _, want := range []string{
		f.Petitioner.Name, f.Cases[0].CaseNumber, "PETITION FOR DISMISSAL", "ORDER FOR DISMISSAL",
		DraftMark, "Pen. Code, § 1203.4", "DEFENDANT:", strings.ToUpper(f.Petitioner.Name),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if got := doc.Info["Title"]; got != o.Packet.Title {
		t.Errorf("PDF title %q, want %q", got, o.Packet.Title)
	}
	if got := doc.Info["CreationDate"]; !strings.HasPrefix(got, "D:20261126") {
		t.Errorf("PDF creation date %q, want the as-of date", got)
	}
	// The checkboxes are drawn: the PDF must hold as many boxes, checked
	// the same way, as the layout placed, page by page.
	for i, pg := range o.PagesData {
		var want []bool
		for k, op := range pg.Ops {
			if op.Kind == drawlist.Rect && !op.Fill && op.W == op.H && op.W < 15 {
				want = append(want, k+1 < len(pg.Ops) && pg.Ops[k+1].Kind == drawlist.Line &&
					pg.Ops[k+1].X >= op.X && pg.Ops[k+1].X2 <= op.X+op.W)
			}
		}
		var got []bool
		for _, b := range doc.Boxes[i] {
			got = append(got, b.Checked)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("page %d: PDF checkboxes %v, layout placed %v", i+1, got, want)
		}
	}
	// On the petition (page 2), item 2 and 2a are checked, the rest of
	// items 2-7 are not.
	var checked, boxes int
	for _, b := range doc.Boxes[1] {
		boxes++
		if b.Checked {
			checked++
		}
	}
	if checked != 2 || boxes < 10 {
		t.Errorf("petition page: %d of %d boxes checked, want 2 (items 2 and 2a)", checked, boxes)
	}
	pt := layout.PlainText(o.PagesData)
	for _, want := range []string{"2. ☒ Felony or misdemeanor with probation granted", "a. ☒ has fulfilled", "c. ☐ should be granted", "3. ☐ Misdemeanor or infraction"} {
		if !strings.Contains(pt, want) {
			t.Errorf("petition lacks %q", want)
		}
	}
}

func TestSameInputSameBytes(t *testing.T) {
	for _, path := range examples(t) {
		_, a, _ := runExample(t, path, Options{})
		_, b, _ := runExample(t, path, Options{})
		for i := range a {
			if !bytes.Equal(a[i].PDF, b[i].PDF) {
				t.Errorf("%s: %s differs between two runs", path, a[i].Packet.FileName)
			}
		}
	}
}

func TestFinalDropsTheMark(t *testing.T) {
	_, outs, _ := runExample(t, "../../examples/probation-completed/case.toml",
		Options{Assemble: assemble.Options{Final: true, Sign: "wet"}})
	txt := layout.PlainText(outs[0].PagesData)
	if strings.Contains(txt, "DRAFT") {
		t.Errorf("--final output still says DRAFT")
	}
	if strings.Contains(txt, "/s/") {
		t.Errorf("--sign wet output has a typed signature")
	}
}

// BenchmarkDraftPacket drafts the two-count example's six-page dismissal
// packet, the whole pipeline on one goroutine.
func BenchmarkDraftPacket(b *testing.B) { benchPacket(b, Options{}) }

// BenchmarkDraftPacketLayoutOnly is BenchmarkDraftPacket without the PDF
// writer: what assembling, rendering the templates and laying out cost.
func BenchmarkDraftPacketLayoutOnly(b *testing.B) { benchPacket(b, Options{LayoutOnly: true}) }

// benchExample loads the two-count example the benchmarks draft and checks it.
func benchExample(b *testing.B) (*casefile.File, eligibility.Report) {
	b.Helper()
	f, err := casefile.Load("../../examples/probation-completed/case.toml", casefile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return f, eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
}

func benchPacket(b *testing.B, opt Options) {
	f, rep := benchExample(b)
	pages := 0
	b.ReportAllocs()
	for b.Loop() {
		outs, _, err := Run(f, &rep, opt)
		if err != nil {
			b.Fatal(err)
		}
		pages += outs[0].Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkDraft1000Packets drafts the two-count example a thousand times
// in one process, as a clinic batch would, on one goroutine.
func BenchmarkDraft1000Packets(b *testing.B) {
	f, rep := benchExample(b)
	pages, size := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		for range 1000 {
			outs, _, err := Run(f, &rep, Options{})
			if err != nil {
				b.Fatal(err)
			}
			pages += outs[0].Pages
			size += len(outs[0].PDF)
		}
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(size)/float64(pages), "bytes/page")
}

// FuzzDraft runs arbitrary case files through the whole path: decode,
// validate, check and draft every packet. Bad input must come back as an
// error, never a panic, and whatever is drafted must be a readable PDF.
func FuzzDraft(f *testing.F) {
	for _, path := range examples(f) {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	asOf := date.MustParse("2026-11-26")
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := casefile.Decode("fuzz.toml", data, casefile.Options{AsOf: asOf, CheckOffense: func(s string) error {
			_, err := law.ParseRef(s)
			return err
		}})
		if err != nil {
			return
		}
		rep := eligibility.Check(cf, eligibility.Options{AsOf: asOf})
		for _, kinds := range [][]string{nil, {assemble.Pardon}} {
			outs, _, err := Run(cf, &rep, Options{Assemble: assemble.Options{Packets: kinds}, LayoutOnly: true})
			if err != nil {
				var me *assemble.MissingError
				var ce *casefile.Errors // an exhibit file that is not there
				if !errors.As(err, &me) && !errors.As(err, &ce) {
					t.Fatalf("packets %v: unexpected error %T: %v", kinds, err, err)
				}
				continue
			}
			if len(outs) == 0 {
				continue
			}
			// The PDF stage for one packet, so the writer sees fuzzed pages
			// too without making every execution slow.
			b, err := pdf.Render(drawlist.Doc{Title: outs[0].Packet.Title, Pages: outs[0].PagesData})
			if err != nil {
				t.Fatalf("%s: %v", outs[0].Packet.FileName, err)
			}
			if _, err := pdftext.Read(b); err != nil {
				t.Fatalf("%s does not read back: %v", outs[0].Packet.FileName, err)
			}
		}
	})
}

// TestWritersAgree renders every packet of every example with gopdf too
// and checks that a reader gets the same text, page sizes and checkboxes
// from both files: the project's writer against an independent one.
func TestWritersAgree(t *testing.T) {
	for _, path := range examples(t) {
		_, outs, _ := runExample(t, path, Options{})
		for _, o := range outs {
			if len(o.Exhibits) > 0 {
				continue // relief's pages sit in form XObjects there; TestExhibitsInPacket reads them
			}
			ours, err := pdftext.Read(o.PDF)
			if err != nil {
				t.Fatalf("%s %s: %v", path, o.Packet.FileName, err)
			}
			b, err := pdftest.RenderGopdf(drawlist.Doc{Pages: o.PagesData})
			if err != nil {
				t.Fatalf("%s %s: gopdf: %v", path, o.Packet.FileName, err)
			}
			theirs, err := pdftext.Read(b)
			if err != nil {
				t.Fatalf("%s %s: gopdf's file: %v", path, o.Packet.FileName, err)
			}
			// gopdf cannot write marked content, so its file carries the
			// invisible space a checkbox's ActualText stands for.
			if fmt.Sprint(withoutActualText(ours.Pages)) != fmt.Sprint(theirs.Pages) {
				t.Errorf("%s %s: the text differs from gopdf's", path, o.Packet.FileName)
			}
			// gopdf rounds coordinates to 1/100 pt, Render to 1/1000.
			if !sameBoxes(ours, theirs) {
				t.Errorf("%s %s: page sizes or checkboxes differ from gopdf's:\nours  %v\ngopdf %v",
					path, o.Packet.FileName, ours.Boxes, theirs.Boxes)
			}
		}
	}
}

// withoutActualText replaces the checkbox lines ("☒", "☐") that relief's
// writer marks with an ActualText by the invisible space drawn under them.
func withoutActualText(pages []string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		lines := strings.Split(p, "\n")
		for k, l := range lines {
			if l == drawlist.CheckedBox || l == drawlist.EmptyBox {
				lines[k] = " "
			}
		}
		out[i] = strings.Join(lines, "\n")
	}
	return out
}

// sameBoxes reports whether two documents have the same page sizes and
// checkboxes, to 1/50 pt.
func sameBoxes(a, b pdftext.Doc) bool {
	if len(a.Boxes) != len(b.Boxes) || len(a.Sizes) != len(b.Sizes) {
		return false
	}
	near := func(x, y float64) bool { return math.Abs(x-y) < 0.02 }
	for i := range a.Boxes {
		if !near(a.Sizes[i][0], b.Sizes[i][0]) || !near(a.Sizes[i][1], b.Sizes[i][1]) || len(a.Boxes[i]) != len(b.Boxes[i]) {
			return false
		}
		for k, x := range a.Boxes[i] {
			y := b.Boxes[i][k]
			if !near(x.X, y.X) || !near(x.Y, y.Y) || !near(x.Size, y.Size) || x.Checked != y.Checked {
				return false
			}
		}
	}
	return true
}

// TestPDFSize keeps the files small: at most 12 KB per
// page for every example packet (7.8 KB over all of them when written).
func TestPDFSize(t *testing.T) {
	const limit = 12 << 10
	for _, path := range examples(t) {
		_, outs, _ := runExample(t, path, Options{})
		for _, o := range outs {
			if per := len(o.PDF) / o.Pages; per > limit {
				t.Errorf("%s %s: %d bytes per page over %d pages", path, o.Packet.FileName, per, o.Pages)
			}
		}
	}
}
