package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"testing"

	rscpdf "rsc.io/pdf"
)

// TestForeignFileID checks the file identifier of a file gopdf assembles
// (a page with an image exhibit): gopdf writes none, and a PDF without one
// breaks the promise that every file relief writes has an identifier
// derived from its content. The identifier is two equal 16-byte strings,
// the same for the same input, different when the content differs, and a
// PDF reader finds it in the trailer.
func TestForeignFileID(t *testing.T) {
	var img bytes.Buffer
	m := image.NewGray(image.Rect(0, 0, 4, 3))
	m.Set(1, 1, color.Gray{Y: 200})
	if err := png.Encode(&img, m); err != nil {
		t.Fatal(err)
	}
	render := func(title string) []byte {
		doc := sampleDoc()
		doc.Title = title
		b, err := RenderForeign(doc, map[int]Foreign{0: {Image: img.Bytes(), X: 36, Y: 36, W: 400, H: 300}})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, again, other := render("Exhibit packet"), render("Exhibit packet"), render("Another packet")
	idRE := regexp.MustCompile(`/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]`)
	ids := func(b []byte) string {
		m := idRE.FindSubmatch(b)
		if m == nil || !bytes.Equal(m[1], m[2]) {
			t.Fatalf("no file identifier of two equal hashes in the trailer:\n%s", b[bytes.LastIndex(b, []byte("trailer")):])
		}
		return string(m[1])
	}
	if !bytes.Equal(a, again) {
		t.Error("the same input gave different bytes")
	}
	if ids(a) == ids(other) {
		t.Error("different content, same file identifier")
	}
	r, err := rscpdf.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Trailer().Key("ID").Index(0).RawString(); len(got) != 16 {
		t.Errorf("the reader finds an identifier of %d bytes, want 16", len(got))
	}
	if r.NumPage() != len(sampleDoc().Pages) {
		t.Errorf("%d pages read back, want %d", r.NumPage(), len(sampleDoc().Pages))
	}
}
