package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/reliefkit/relief/internal/layout"
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

// RenderForeign returns the PDF bytes for doc, written by gopdf, with
// foreign[i] drawn beneath the ops of page i. Pages of one PDF share their
// resources (fonts, images) in the output; the same doc and foreign pages
// give identical bytes. It checks doc as Render does, and fails on a page
// gopdf or its importer cannot read.
//
// relief's own writer (Render) stays the writer of every packet without
// foreign pages: importing existing PDFs is gopdf's job (design §6).
func RenderForeign(doc layout.Doc, foreign map[int]Foreign) (out []byte, err error) {
	used, err := check(doc)
	if err != nil {
		return nil, err
	}
	for i := range foreign {
		if i < 0 || i >= len(doc.Pages) {
			return nil, fmt.Errorf("foreign page for page %d, outside the document's %d pages", i+1, len(doc.Pages))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("gopdf panicked: %v", r)
		}
	}()
	// One stream per source PDF, so that gofpdi reads each file once and
	// its pages share their imported resources.
	streams := map[*byte]*io.ReadSeeker{}
	under := func(gp *gopdf.GoPdf, i int) error {
		f, ok := foreign[i]
		if !ok {
			return nil
		}
		p := doc.Pages[i]
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
		rs, ok := streams[&f.PDF[0]]
		if !ok {
			r := io.ReadSeeker(bytes.NewReader(f.PDF))
			rs = &r
			streams[&f.PDF[0]] = rs
		}
		tpl := gp.ImportPageStream(rs, f.Page, "/MediaBox")
		gp.UseImportedTemplate(tpl, 0, 0, p.Width, p.Height)
		return nil
	}
	gp, err := build(doc, used, under)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := gp.WriteTo(&buf); err != nil {
		return nil, err
	}
	return sortTemplateNames(buf.Bytes()), nil
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
