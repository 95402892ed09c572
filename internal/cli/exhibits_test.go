package cli

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/pdf"
	"github.com/reliefkit/relief/internal/pdf/pdftext"
	"github.com/signintech/gopdf"
)

// exhibitCase copies examples/exhibits into a new folder and returns the
// case file's path there.
func exhibitCase(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	in := filepath.Join(t.TempDir(), "in")
	if err := os.Mkdir(in, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"case.toml", "employer-letter.pdf", "certificate.png"} {
		b, err := os.ReadFile(filepath.Join("../../examples/exhibits", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(in, "case.toml")
}

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// TestExhibitsDraftAndBatch: batch writes the same bytes as draft for a
// case file with exhibits, and its re-run cache sees a changed exhibit.
func TestExhibitsDraftAndBatch(t *testing.T) {
	path := exhibitCase(t)
	in, work := filepath.Dir(path), filepath.Dir(filepath.Dir(path))
	if code, _, stderr := run("draft", path, "-o", filepath.Join(work, "single"), "--as-of", "2026-11-26"); code != 0 {
		t.Fatalf("draft: exit %d\n%s", code, stderr)
	}
	batchRun := func(want string) {
		t.Helper()
		code, stdout, stderr := run("batch", in, "-o", filepath.Join(work, "out"), "--as-of", "2026-11-26", "--quiet")
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("batch: exit %d, want %q\n%s%s", code, want, stdout, stderr)
		}
	}
	batchRun("1 ok")
	for _, name := range []string{"dismissal-sac-2020.pdf", "manifest.json"} {
		a, _ := os.ReadFile(filepath.Join(work, "single", name))
		b, _ := os.ReadFile(filepath.Join(work, "out", "case", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: batch and draft differ (%d and %d bytes)", name, len(a), len(b))
		}
	}
	m, _ := os.ReadFile(filepath.Join(work, "single", "manifest.json"))
	if !bytes.Contains(m, []byte(`"letter": "B"`)) || !bytes.Contains(m, []byte(`"file": "certificate.png"`)) {
		t.Errorf("manifest.json does not list the exhibits:\n%s", m)
	}
	batchRun("1 unchanged")
	// The same case file with another exhibit image is drafted again.
	png, _ := os.ReadFile(filepath.Join(in, "certificate.png"))
	if err := os.WriteFile(filepath.Join(in, "certificate.png"), append(png, "trailing bytes"...), 0o600); err != nil {
		t.Fatal(err)
	}
	batchRun("1 ok")
}

// badExhibit is one case of TestBadExhibits: the exhibit's file name, the
// message expected, and either its content or a function making it.
type badExhibit struct {
	name, file, want string
	data             []byte
	make             func(t *testing.T, path string)
}

// TestBadExhibits: every class of bad exhibit is an input error (exit 3)
// pointing at the entry's file key, from draft and batch, with nothing
// written.
func TestBadExhibits(t *testing.T) {
	page := onePagePDF(t, 1)
	tests := []badExhibit{
		{name: "missing", file: "nothere.pdf", want: "no such file"},
		{name: "folder", file: "dir.pdf", want: "not a regular file (a folder)", make: func(t *testing.T, p string) { os.Mkdir(p, 0o700) }},
		{name: "type", file: "scan.gif", want: "is not a PDF, PNG or JPEG file"},
		{name: "absolute", file: "/etc/passwd.pdf", want: "absolute path"},
		{name: "not-png", file: "photo.png", data: []byte("hello"), want: "is not a PNG image"},
		{name: "jpeg-as-png", file: "photo.png", data: jpegBytes(t), want: "holds a JPEG image"},
		{name: "empty", file: "e.pdf", data: []byte{}, want: "is empty"},
		{name: "broken-pdf", file: "b.pdf", data: page[:len(page)/2], want: "is not a PDF relief can read"},
		{name: "not-pdf", file: "b.pdf", data: []byte("just text, no PDF\n"), want: "not a PDF file"},
		{name: "too-big", file: "big.pdf", want: "an exhibit may be at most 20 MiB", make: func(t *testing.T, p string) {
			f, _ := os.Create(p)
			f.Truncate(21 << 20)
			f.Close()
		}},
		{name: "too-many-pages", file: "long.pdf", data: onePagePDF(t, 51), want: "has 51 pages; an exhibit may have at most 50"},
		{name: "encrypted", file: "locked.pdf", data: encryptedPDF(t), want: "is encrypted"},
		{name: "javascript", file: "js.pdf", data: handPDF("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", ""), want: "contains JavaScript"},
		{name: "javascript-names", file: "js.pdf", data: handPDF("/Names << /JavaScript << /Names [] >> >>", ""), want: "contains JavaScript"},
		{name: "form", file: "form.pdf", data: handPDF("/AcroForm << /Fields [] >>", ""), want: "has form fields"},
		{name: "attachment", file: "att.pdf", data: handPDF("/Names << /EmbeddedFiles << /Names [] >> >>", ""), want: "has attached files"},
		{name: "content-bomb", file: "bomb.pdf", data: bombPDF(t), want: "more than 64 MiB of page content once decompressed"},
		{name: "attachment-annot", file: "att.pdf", data: handPDF("", "/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] >>]"), want: "has an attached file (page 1)"},
	}
	tests = append(tests, specialFiles()...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := exhibitCase(t)
			in, work := filepath.Dir(path), filepath.Dir(filepath.Dir(path))
			src, _ := os.ReadFile(path)
			head, _, _ := strings.Cut(string(src), "[[exhibits]]")
			src = []byte(head + "[[exhibits]]\nfile = " + fmt.Sprintf("%q", tc.file) + "\ntitle = \"a document\"\n")
			line := strings.Count(head, "\n") + 2
			os.WriteFile(path, src, 0o600)
			os.Remove(filepath.Join(in, "certificate.png"))
			os.Remove(filepath.Join(in, "employer-letter.pdf"))
			target := filepath.Join(in, tc.file)
			switch {
			case tc.make != nil:
				tc.make(t, target)
			case tc.data != nil:
				os.WriteFile(target, tc.data, 0o600)
			}
			want := fmt.Sprintf("case.toml:%d: exhibits[0].file: ", line)
			for _, args := range [][]string{
				{"draft", path, "-o", filepath.Join(work, "draft"), "--as-of", "2026-11-26"},
				{"batch", in, "-o", filepath.Join(work, "batch"), "--as-of", "2026-11-26", "--quiet"},
			} {
				code, _, stderr := run(args...)
				if code != ExitInvalid {
					t.Errorf("relief %s: exit %d, want %d\n%s", args[0], code, ExitInvalid, stderr)
				}
				if !strings.Contains(stderr, want) || !strings.Contains(stderr, tc.want) {
					t.Errorf("relief %s: stderr does not say %q … %q:\n%s", args[0], want, tc.want, stderr)
				}
			}
			filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
				if err == nil && (strings.HasSuffix(p, ".pdf") && !strings.HasPrefix(p, in) || strings.HasSuffix(p, ".tmp") || d.Name() == "manifest.json") {
					t.Errorf("a bad exhibit left %s behind", p)
				}
				return nil
			})
		})
	}
}

// onePagePDF is a PDF of n pages written by relief's writer.
func onePagePDF(t *testing.T, n int) []byte {
	t.Helper()
	var doc drawlist.Doc
	for range n {
		doc.Pages = append(doc.Pages, drawlist.Page{Width: 612, Height: 792, Ops: []drawlist.Op{
			{Kind: drawlist.Text, X: 72, Y: 72, Face: fonts.Serif, Size: 12, Text: "A page"}}})
	}
	b, err := pdf.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// encryptedPDF is a PDF protected with an owner password only, which
// opens without a password: still refused.
func encryptedPDF(t *testing.T) []byte {
	t.Helper()
	gp := new(gopdf.GoPdf)
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeLetter, Protection: gopdf.PDFProtectionConfig{
		UseProtection: true, Permissions: gopdf.PermissionsPrint, OwnerPass: []byte("owner")}})
	gp.AddPage()
	gp.Line(10, 10, 100, 100)
	var b bytes.Buffer
	if _, err := gp.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t *testing.T) []byte {
	t.Helper()
	// The smallest JPEG the standard decoder reads: made by encoding one.
	var b bytes.Buffer
	if err := jpegEncode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// handPDF is a one-page PDF with extra entries in its catalog and page
// dictionaries, cross-reference offsets computed.
func handPDF(catalog, page string) []byte {
	return rawPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R " + catalog + " >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R " + page + " >>",
		"<< /Length 11 >>\nstream\n0 0 m 1 1 l\nendstream",
	})
}

// rawPDF writes objs as objects 1, 2, … with a cross-reference table;
// object 1 is the catalog.
func rawPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func jpegEncode(w *bytes.Buffer) error {
	return jpeg.Encode(w, image.NewGray(image.Rect(0, 0, 4, 4)), nil)
}

// TestPlainPDFExhibitAccepted is the control for TestBadExhibits: the same
// hand-made PDF without active content drafts, and its page is imported.
func TestPlainPDFExhibitAccepted(t *testing.T) {
	path := exhibitCase(t)
	in, work := filepath.Dir(path), filepath.Dir(filepath.Dir(path))
	src, _ := os.ReadFile(path)
	head, _, _ := strings.Cut(string(src), "[[exhibits]]")
	os.WriteFile(path, []byte(head+"[[exhibits]]\nfile = \"plain.pdf\"\ntitle = \"a document\"\n"), 0o600)
	os.WriteFile(filepath.Join(in, "plain.pdf"), handPDF("", ""), 0o600)
	code, stdout, stderr := run("draft", path, "-o", filepath.Join(work, "out"), "--as-of", "2026-11-26")
	if code != 0 || !strings.Contains(stdout, "(9 pages)") {
		t.Fatalf("exit %d, want 0 and 9 pages (7 + slip sheet + page)\n%s%s", code, stdout, stderr)
	}
}

// TestUnattachedExhibitWarning: an exhibit no drafted packet carries is
// named on stderr with its line.
func TestUnattachedExhibitWarning(t *testing.T) {
	path := exhibitCase(t)
	src, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(src), `packets = ["dismissal"]`, `packets = ["cor"]`, 1)), 0o600)
	code, _, stderr := run("draft", path, "-o", filepath.Join(t.TempDir(), "out"), "--as-of", "2026-11-26")
	if code != 0 || !strings.Contains(stderr, "case.toml:40: warning: exhibits[1] (certificate.png) is attached to no packet drafted") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestBatchUnattachedExhibitWarning: batch names an exhibit no drafted
// packet carries as relief draft does, on stderr and in the summary's
// warnings column, and the person is still drafted (status ok).
func TestBatchUnattachedExhibitWarning(t *testing.T) {
	path := exhibitCase(t)
	src, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(src), `packets = ["dismissal"]`, `packets = ["cor"]`, 1)), 0o600)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run("batch", filepath.Dir(path), "-o", out, "--as-of", "2026-11-26", "-q")
	if code != 0 || !strings.Contains(stderr, "case.toml:40: warning: exhibits[1] (certificate.png) is attached to no packet drafted") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	sum, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := `"warnings": "case.toml:40: warning: exhibits[1] (certificate.png) is attached to no packet drafted; name a packet in its packets key, or see docs/exhibits.md"`
	if !strings.Contains(string(sum), want) || !strings.Contains(string(sum), `"status": "ok"`) {
		t.Errorf("summary.json:\n%s\nwant %s", sum, want)
	}
}

// bombPDF is a small PDF whose one content stream decompresses to 65 MiB
// of spaces.
func bombPDF(t *testing.T) []byte {
	t.Helper()
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 65 {
		w.Write(chunk)
	}
	w.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
	}
	return rawPDF(objs)
}

// TestRotatedPDFExhibit: a page with /Rotate 90 is imported upright, on a
// landscape page, as a PDF reader shows the original.
func TestRotatedPDFExhibit(t *testing.T) {
	path := exhibitCase(t)
	in, work := filepath.Dir(path), filepath.Dir(filepath.Dir(path))
	src, _ := os.ReadFile(path)
	head, _, _ := strings.Cut(string(src), "[[exhibits]]")
	os.WriteFile(path, []byte(head+"[[exhibits]]\nfile = \"rot.pdf\"\ntitle = \"a turned page\"\n"), 0o600)
	os.WriteFile(filepath.Join(in, "rot.pdf"), rawPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate 90 /Resources << >> /Contents 4 0 R >>",
		"<< /Length 11 >>\nstream\n0 0 m 1 1 l\nendstream",
	}), 0o600)
	if code, _, stderr := run("draft", path, "-o", filepath.Join(work, "out"), "--as-of", "2026-11-26"); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(work, "out", "dismissal-sac-2020.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdftext.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sizes) != 9 || doc.Sizes[5] != [2]float64{792, 612} || doc.Sizes[4] != [2]float64{612, 792} {
		t.Errorf("page sizes %v", doc.Sizes)
	}
}
