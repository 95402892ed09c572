package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/signintech/gopdf"
)

// Foreign is a page relief does not draw: a page of a PDF the user
// supplied, or an image. RenderForeign puts it beneath the ops of the page
// it is given for.
type Foreign struct {
	// PDF is a whole PDF and Page the 1-based number of the page to
	// import; the page fills the doc page, which should have its size.
	PDF  []byte
	Page int
	// Image is a PNG or JPEG drawn with its top-left corner at (X, Y),
	// W × H points, used when PDF is nil.
	Image      []byte
	X, Y, W, H float64
}

// RenderForeign returns the PDF bytes for doc with foreign[i] drawn
// beneath the ops of page i. The pages relief draws are written by Render,
// relief's own writer, exactly as without foreign pages; gopdf then
// assembles the file, importing those pages and the foreign ones (through
// gofpdi) and adding the metadata and bookmarks. Pages of one source PDF
// share their imported resources (fonts, images). The same doc and
// foreign pages give identical bytes. It checks doc as Render does, and
// fails on a page gopdf or its importer cannot read.
//
// relief's writer does not parse PDFs: importing existing pages is gopdf's
// job (design §6).
func RenderForeign(doc drawlist.Doc, foreign map[int]Foreign) (out []byte, err error) {
	for i := range foreign {
		if i < 0 || i >= len(doc.Pages) {
			return nil, fmt.Errorf("foreign page for page %d, outside the document's %d pages", i+1, len(doc.Pages))
		}
	}
	ours, err := Render(doc)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("gopdf panicked: %v", r)
		}
	}()
	first := doc.Pages[0]
	gp := new(gopdf.GoPdf)
	gp.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: gopdf.Rect{W: first.Width, H: first.Height}})
	gp.SetInfo(gopdfInfo(doc))
	// A page's own content stream only places the imported page: a few
	// dozen bytes, which a zlib writer (about a megabyte to set up) per
	// page would not shrink.
	gp.SetCompressLevel(zlib.NoCompression)
	// One stream per source PDF, so that gofpdi reads each file once and
	// its pages share their imported resources.
	streams := map[*byte]*io.ReadSeeker{}
	stream := func(b []byte) *io.ReadSeeker {
		rs, ok := streams[&b[0]]
		if !ok {
			r := io.ReadSeeker(bytes.NewReader(b))
			rs = &r
			streams[&b[0]] = rs
		}
		return rs
	}
	marks := doc.Bookmarks
	for i, p := range doc.Pages {
		gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: p.Width, H: p.Height}})
		for ; len(marks) > 0 && marks[0].Page == i; marks = marks[1:] {
			// As in build: the outline's destination is this page's top.
			gp.SetY(first.Height + 20 - p.Height)
			gp.AddOutlineWithPosition(bmp(marks[0].Title))
		}
		f, isForeign := foreign[i]
		if isForeign {
			if err := drawForeign(gp, f, p, stream); err != nil {
				return nil, fmt.Errorf("page %d: %w", i+1, err)
			}
		}
		if !isForeign || len(p.Ops) > 0 {
			tpl := gp.ImportPageStream(stream(ours), i+1, "/MediaBox")
			gp.UseImportedTemplate(tpl, 0, 0, p.Width, p.Height)
		}
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	return withID(sortTemplateNames(buf.Bytes())), nil
}

// withID adds a file identifier to the trailer gopdf writes, which has
// none: as in relief's own writer, a hash of the file's content (here the
// whole file without the identifier, since gopdf writes the metadata into
// the trailer), so it changes exactly when the content does and never
// carries a clock or a random number. The trailer comes after every
// object and the xref table, so no byte offset moves.
func withID(b []byte) []byte {
	const head = "trailer\n<<\n"
	at := bytes.LastIndex(b, []byte(head))
	if at < 0 {
		return b
	}
	sum := sha256.Sum256(b)
	id := hex.EncodeToString(sum[:16])
	at += len(head)
	out := make([]byte, 0, len(b)+80)
	out = append(out, b[:at]...)
	out = append(out, "/ID [<"+id+"> <"+id+">]\n"...)
	return append(out, b[at:]...)
}

// drawForeign draws one imported page or image.
func drawForeign(gp *gopdf.GoPdf, f Foreign, p drawlist.Page, stream func([]byte) *io.ReadSeeker) error {
	if f.PDF == nil {
		h, err := gopdf.ImageHolderByBytes(f.Image)
		if err != nil {
			return fmt.Errorf("image: %w", err)
		}
		return gp.ImageByHolder(h, f.X, f.Y, &gopdf.Rect{W: f.W, H: f.H})
	}
	if len(f.PDF) == 0 {
		return errors.New("empty PDF")
	}
	tpl := gp.ImportPageStream(stream(f.PDF), f.Page, "/MediaBox")
	gp.UseImportedTemplate(tpl, 0, 0, p.Width, p.Height)
	return nil
}

// gopdfInfo is doc's metadata for gopdf, as build sets it.
func gopdfInfo(doc drawlist.Doc) gopdf.PdfInfo {
	info := gopdf.PdfInfo{
		Title: bmp(doc.Title), Author: bmp(doc.Author), Subject: bmp(doc.Subject),
		Creator: bmp(doc.Creator), Producer: "relief",
	}
	if !doc.Created.IsZero() {
		y, m, d := doc.Created.Time().Date()
		info.CreationDate = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return info
}

// sortTemplateNames puts the imported pages' entries of gopdf's shared
// resource dictionary in order. gopdf writes them from a map, in an order
// that changes from run to run; the lines have fixed content, so sorting
// them keeps every byte offset, and the cross-reference table stays right.
func sortTemplateNames(b []byte) []byte {
	const head = "\t/XObject <<\n"
	i := bytes.Index(b, []byte(head))
	if i < 0 {
		return b
	}
	start := i + len(head)
	end := bytes.Index(b[start:], []byte("\t>>\n"))
	if end < 0 {
		return b
	}
	block := b[start : start+end]
	lines := bytes.SplitAfter(block, []byte("\n"))
	var tpl [][]byte
	var first int = -1
	for k, l := range lines {
		if bytes.HasPrefix(l, []byte("\t\t/GOFPDITPL")) {
			if first < 0 {
				first = k
			}
			tpl = append(tpl, slices.Clone(l))
		}
	}
	if len(tpl) < 2 {
		return b
	}
	slices.SortFunc(tpl, bytes.Compare)
	var sorted []byte
	for k, l := range lines {
		if k < first || k >= first+len(tpl) {
			sorted = append(sorted, l...)
		} else {
			sorted = append(sorted, tpl[k-first]...)
		}
	}
	copy(block, sorted)
	return b
}

// bmp replaces runes outside the Basic Multilingual Plane with U+FFFD:
// gopdf writes metadata and outline titles as UTF-16 without surrogate
// pairs.
func bmp(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
