package draft

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/exhibit"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/layout"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	rscpdf "rsc.io/pdf"
)

const exhibitExample = "../../examples/exhibits/case.toml"

// letterPDF is a synthetic exhibit: a letter of pages pages, written by
// relief's own writer.
func letterPDF(t testing.TB, pages int) []byte {
	t.Helper()
	doc := drawlist.Doc{Title: "Letter"}
	lines := []string{"Delta Freight Co.", "To the Court:", "Kevin Nguyen has worked for us since 2021 as a warehouse lead.",
		"He is reliable, sober and trusted with the keys to the building.", "Maria Ortiz, Operations Manager"}
	for i := range pages {
		p := drawlist.Page{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight}
		for k, l := range lines {
			p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Text, X: 72, Y: 100 + 24*float64(k), Face: fonts.Serif, Size: 12, Text: l})
		}
		if pages > 1 {
			p.Ops = append(p.Ops, drawlist.Op{Kind: drawlist.Text, X: 72, Y: 720, Face: fonts.Serif, Size: 10, Text: "letter page " + string(rune('0'+i%10))})
		}
		doc.Pages = append(doc.Pages, p)
	}
	b, err := pdf.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// certificatePNG is a synthetic exhibit: a small landscape "certificate",
// a border and bars standing for text.
func certificatePNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for y := range 200 {
		for x := range 300 {
			c := color.NRGBA{255, 253, 240, 255}
			if x < 8 || y < 8 || x >= 292 || y >= 192 {
				c = color.NRGBA{20, 60, 120, 255}
			}
			if (y >= 50 && y < 62 && x >= 60 && x < 240) || (y >= 100 && y < 106 && x >= 40 && x < 260) || (y >= 120 && y < 126 && x >= 40 && x < 220) {
				c = color.NRGBA{30, 30, 30, 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExampleExhibitFiles keeps the example's exhibit files what their
// generators make; -update writes them.
func TestExampleExhibitFiles(t *testing.T) {
	dir := filepath.Dir(exhibitExample)
	golden.Check(t, filepath.Join(dir, "employer-letter.pdf"), letterPDF(t, 1))
	golden.Check(t, filepath.Join(dir, "certificate.png"), certificatePNG(t))
}

// TestExhibitsInPacket checks the example's dismissal packet: the
// declaration lists the exhibits, slip sheets and pages follow it in
// letter order before the order, the imported letter's text reads back
// from the output, and bookmarks and page counts include them.
func TestExhibitsInPacket(t *testing.T) {
	_, outs, _ := runExample(t, exhibitExample, Options{})
	if len(outs) != 1 {
		t.Fatalf("%d packets, want 1", len(outs))
	}
	o := outs[0]
	if len(o.Exhibits) != 2 || o.Exhibits[0].File != "employer-letter.pdf" || o.Exhibits[1].File != "certificate.png" {
		t.Fatalf("exhibits %+v", o.Exhibits)
	}
	pages, err := pdftext.ReadDeep(o.PDF)
	if err != nil {
		t.Fatal(err)
	}
	doc := pdftext.Doc{Pages: pages}
	if len(doc.Pages) != o.Pages || o.Pages != len(o.PagesData) {
		t.Fatalf("pages: PDF %d, Output %d, layout %d", len(doc.Pages), o.Pages, len(o.PagesData))
	}
	var decl, slipA, letter, slipB, order = -1, -1, -1, -1, -1
	for i, p := range doc.Pages {
		switch {
		case strings.Contains(p, "Attached as Exhibit A is a letter from the petitioner's employer") && strings.Contains(p, "Attached as Exhibit B is the certificate"):
			decl = i
		case strings.Contains(p, "EXHIBIT A") && strings.Contains(p, "Delta Freight Co."):
			slipA = i
		case strings.Contains(p, "has worked for us since 2021"):
			letter = i
		case strings.Contains(p, "EXHIBIT B"):
			slipB = i
		case strings.Contains(p, "ORDER") && order < 0:
			order = i
		}
	}
	if !(decl >= 0 && decl < slipA && slipA+1 == letter && letter+1 == slipB && slipB+2 == order) {
		t.Errorf("page order: declaration %d, slip A %d, letter %d, slip B %d, image %d, order %d", decl, slipA, letter, slipB, slipB+1, order)
	}
	// The image has no text; the page carries only relief's marks (the
	// self-represented draft mark: the example has no attorney).
	if got, want := strings.Fields(doc.Pages[slipB+1]), strings.Fields(SelfDraftMark+" Exhibit B, page 1 of 1"); !slices.Equal(got, want) {
		t.Errorf("the image page reads %q, want only the marks %q", got, want)
	}
	if !strings.Contains(doc.Pages[letter], "Exhibit A, page 1 of 1") {
		t.Errorf("the letter's page has no exhibit page number: %q", doc.Pages[letter])
	}
	r, err := rscpdf.NewReader(bytes.NewReader(o.PDF), int64(len(o.PDF)))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for v := r.Trailer().Key("Root").Key("Outlines").Key("First"); !v.IsNull() && len(titles) < 20; v = v.Key("Next") {
		titles = append(titles, v.Key("Title").Text())
	}
	if want := "Cover sheet|Petition for Dismissal|Declaration in support|" +
		"Exhibit A: a letter from the petitioner's employer, Delta Freight Co.|" +
		"Exhibit B: the certificate of completion of the first-offender program|" +
		"Order for Dismissal (proposed)|Proof of service on the district attorney"; strings.Join(titles, "|") != want {
		t.Errorf("bookmarks %q", titles)
	}
	golden.Check(t, filepath.Join(filepath.Dir(exhibitExample), "dismissal-sac-2020.pdf.txt"), []byte(strings.Join(numbered(doc.Pages), "")))
}

func numbered(pages []string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = "=== page " + string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)) + " ===\n" + p + "\n"
	}
	return out
}

// TestExhibitsSameBytes renders the packet twice in this process, and in
// a different order of exhibits' loading, and compares the bytes; gofpdi
// and gopdf write maps, which the patches and sortTemplateNames order.
func TestExhibitsSameBytes(t *testing.T) {
	_, a, _ := runExample(t, exhibitExample, Options{})
	for range 5 {
		_, b, _ := runExample(t, exhibitExample, Options{Workers: 2})
		if !bytes.Equal(a[0].PDF, b[0].PDF) {
			t.Fatal("the same input gave different bytes")
		}
	}
}

// TestTenPageExhibitSameBytes renders a packet with a ten-page PDF
// exhibit (ten imported templates in gopdf's resource map) many times.
func TestTenPageExhibitSameBytes(t *testing.T) {
	f, rep, exs := tenPage(t)
	var first []byte
	for range 8 {
		outs, _, err := Run(f, &rep, Options{Exhibits: exs})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = outs[0].PDF
			if outs[0].Pages != 6+11+1 && outs[0].Pages < 17 {
				t.Errorf("%d pages", outs[0].Pages)
			}
		} else if !bytes.Equal(first, outs[0].PDF) {
			t.Fatal("a ten-page exhibit gave different bytes on a re-run")
		}
	}
}

func BenchmarkPacketTenPageExhibit(b *testing.B) {
	f, rep, exs := tenPage(b)
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Run(f, &rep, Options{Exhibits: exs}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPacketNoExhibit(b *testing.B) {
	f, rep, _ := tenPage(b)
	f.Exhibits = nil
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Run(f, &rep, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadTenPageExhibit(b *testing.B) {
	f, _, _ := tenPage(b)
	for b.Loop() {
		if _, err := exhibit.Load(f); err != nil {
			b.Fatal(err)
		}
	}
}

func tenPage(tb testing.TB) (*casefileFile, eligibilityReport, []exhibit.Exhibit) {
	tb.Helper()
	dir := tb.TempDir()
	src, err := os.ReadFile(exhibitExample)
	if err != nil {
		tb.Fatal(err)
	}
	head, _, _ := strings.Cut(string(src), "[[exhibits]]")
	src = []byte(head + "[[exhibits]]\nfile = \"ten.pdf\"\ntitle = \"ten pages of letters\"\n")
	must(tb, os.WriteFile(filepath.Join(dir, "case.toml"), src, 0o600))
	must(tb, os.WriteFile(filepath.Join(dir, "ten.pdf"), letterPDF(tb, 10), 0o600))
	f, _, _ := runExample(tb, filepath.Join(dir, "case.toml"), Options{LayoutOnly: true})
	exs, err := exhibit.Load(f)
	if err != nil {
		tb.Fatal(err)
	}
	return f, reportFor(f), exs
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

type (
	casefileFile      = casefile.File
	eligibilityReport = eligibility.Report
)

func reportFor(f *casefile.File) eligibility.Report {
	return eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
}

// TestExhibitsSameBytesAcrossProcesses drafts the example and a packet
// with a ten-page exhibit in two fresh processes, in opposite orders, and
// compares their bytes with this process's: map iteration order and
// process-wide caches (parsed fonts) differ between them.
func TestExhibitsSameBytesAcrossProcesses(t *testing.T) {
	if os.Getenv("RELIEF_EXHIBIT_HASHES") != "" {
		return // the child's work is in TestHelperExhibitHashes
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	want := exhibitHashes(t, false)
	for _, order := range []string{"forward", "reverse"} {
		cmd := exec.Command(exe, "-test.run=^TestHelperExhibitHashes$", "-test.count=1")
		cmd.Env = append(os.Environ(), "RELIEF_EXHIBIT_HASHES="+order)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child %s: %v\n%s", order, err, out)
		}
		if !strings.Contains(string(out), "hashes "+want+"\n") {
			t.Errorf("child %s printed\n%s\nwant hashes %s", order, out, want)
		}
	}
}

// TestHelperExhibitHashes runs only as TestExhibitsSameBytesAcrossProcesses's
// child.
func TestHelperExhibitHashes(t *testing.T) {
	order := os.Getenv("RELIEF_EXHIBIT_HASHES")
	if order == "" {
		t.Skip("runs as a child process only")
	}
	fmt.Printf("hashes %s\n", exhibitHashes(t, order == "reverse"))
}

// exhibitHashes is the SHA-256 of the example's packet and of the
// ten-page packet, drafted in that order or the reverse.
func exhibitHashes(t *testing.T, reverse bool) string {
	ten := func() string {
		f, rep, exs := tenPage(t)
		outs, _, err := Run(f, &rep, Options{Exhibits: exs})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha256.Sum256(outs[0].PDF))
	}
	ex := func() string {
		_, outs, _ := runExample(t, exhibitExample, Options{})
		return fmt.Sprintf("%x", sha256.Sum256(outs[0].PDF))
	}
	if reverse {
		b := ten()
		return ex() + " " + b
	}
	a := ex()
	return a + " " + ten()
}

// TestImageExhibitFits: a tall JPEG and a wide PNG keep their proportions
// inside the margins, and the packet renders.
func TestImageExhibitFits(t *testing.T) {
	dir := t.TempDir()
	tall := image.NewRGBA(image.Rect(0, 0, 400, 1200))
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, tall, nil); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "tall.jpg"), jb.Bytes(), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "wide.png"), certificatePNG(t), 0o600))
	src, err := os.ReadFile(exhibitExample)
	must(t, err)
	head, _, _ := strings.Cut(string(src), "[[exhibits]]")
	src = []byte(head + "[[exhibits]]\nfile = \"tall.jpg\"\ntitle = \"tall\"\n\n[[exhibits]]\nfile = \"wide.png\"\ntitle = \"wide\"\n")
	must(t, os.WriteFile(filepath.Join(dir, "case.toml"), src, 0o600))
	_, outs, _ := runExample(t, filepath.Join(dir, "case.toml"), Options{})
	exs := outs[0].Exhibits
	if len(exs) != 2 || exs[0].Kind != exhibit.JPEG || exs[1].Kind != exhibit.PNG {
		t.Fatalf("exhibits %+v", exs)
	}
	for _, ex := range exs {
		b := imageBox(ex)
		if b.X < imageMargin-0.001 || b.Y < imageMargin-0.001 || b.X+b.W > drawlist.LetterWidth-imageMargin+0.001 || b.Y+b.H > drawlist.LetterHeight-imageMargin+0.001 {
			t.Errorf("%s: box %+v leaves the margins", ex.File, b)
		}
		if got, want := b.W/b.H, float64(ex.Width)/float64(ex.Height); got/want > 1.0001 || got/want < 0.9999 {
			t.Errorf("%s: stretched: box ratio %v, image %v", ex.File, got, want)
		}
	}
	if b := imageBox(exs[0]); b.H != drawlist.LetterHeight-2*imageMargin {
		t.Errorf("tall image: height %v, want the full height between the margins", b.H)
	}
	if outs[0].Pages != 7+4 {
		t.Errorf("%d pages, want 7 + 2 slip sheets + 2 image pages", outs[0].Pages)
	}
}

// TestAppendExhibits is what a --split run does with the document the
// exhibits follow: append them, bookmarks after the document's, and
// render; the imported letter reads back.
func TestAppendExhibits(t *testing.T) {
	_, outs, _ := runExample(t, exhibitExample, Options{})
	o := outs[0]
	doc := drawlist.Doc{Pages: o.PagesData[3:4], Bookmarks: []drawlist.Bookmark{{Title: "Declaration", Page: 0}}}
	doc, foreign, err := AppendExhibits(doc, o.Packet.Exhibits, o.Exhibits, DraftMark)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 5 || len(foreign) != 2 || fmt.Sprint(doc.Bookmarks) != "[{Declaration 0} {Exhibit A: a letter from the petitioner's employer, Delta Freight Co. 1} {Exhibit B: the certificate of completion of the first-offender program 3}]" {
		t.Fatalf("%d pages, %d foreign, bookmarks %v", len(doc.Pages), len(foreign), doc.Bookmarks)
	}
	b, err := RenderDoc(doc, foreign)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.ReadDeep(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 5 || !strings.Contains(pages[2], "has worked for us since 2021") || !strings.Contains(pages[1], "EXHIBIT A") {
		t.Errorf("pages read back: %q", pages)
	}
}

// TestExhibitsBehindMandatoryPetition: a dismissal the court must grant
// has no declaration, so an exhibit that names the dismissal packet goes
// behind the petition and its attachment, and the petition lists it.
func TestExhibitsBehindMandatoryPetition(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/many-counts/case.toml")
	must(t, err)
	letter, err := os.ReadFile(filepath.Join(filepath.Dir(exhibitExample), "employer-letter.pdf"))
	must(t, err)
	src = append(src, "\n[[exhibits]]\nfile = \"letter.pdf\"\ntitle = \"a letter from the petitioner's employer\"\npackets = [\"dismissal\"]\n"...)
	must(t, os.WriteFile(filepath.Join(dir, "case.toml"), src, 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "letter.pdf"), letter, 0o600))
	_, outs, _ := runExample(t, filepath.Join(dir, "case.toml"), Options{})
	if len(outs) != 1 || len(outs[0].Exhibits) != 1 {
		t.Fatalf("%d packets; want one dismissal packet with one exhibit", len(outs))
	}
	var order []string
	for _, pg := range outs[0].PagesData {
		text := layout.PlainText([]drawlist.Page{pg})
		for _, mark := range []string{"PETITION FOR DISMISSAL", "Attached as Exhibit A is a letter from the petitioner's employer.", "ATTACHMENT", "EXHIBIT A", "ORDER"} {
			if strings.Contains(text, mark) && !slices.Contains(order, mark) {
				order = append(order, mark)
			}
		}
	}
	want := []string{"PETITION FOR DISMISSAL", "Attached as Exhibit A is a letter from the petitioner's employer.", "ATTACHMENT", "EXHIBIT A", "ORDER"}
	if !slices.Equal(order, want) {
		t.Errorf("in page order: %q\nwant %q", order, want)
	}
}

// TestSlipSheetTitleFits: the longest title the case file allows, in wide
// letters and as one unbroken word, stays inside the slip sheet's margins.
func TestSlipSheetTitleFits(t *testing.T) {
	for _, title := range []string{
		strings.Repeat("WWWW ", casefile.MaxExhibitTitle/5),
		strings.Repeat("W", casefile.MaxExhibitTitle),
	} {
		p := slipSheet("A", title, DraftMark)
		for _, op := range p.Ops {
			end := op.X + fonts.Width(op.Face, op.Size, op.Text)
			if op.X < 72 || end > drawlist.LetterWidth-72 || op.Y > drawlist.LetterHeight-72 {
				t.Errorf("%q runs outside the page's margins (x %.0f to %.0f, y %.0f)", op.Text, op.X, end, op.Y)
			}
		}
	}
}
