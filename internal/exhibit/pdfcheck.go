package exhibit

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/phpdave11/gofpdi"
	"rsc.io/pdf"
)

// checkPDF reads a PDF exhibit and returns its page sizes. It refuses an
// encrypted or unreadable PDF, one with more than MaxPages pages, and one
// with JavaScript, form fields or attached files: relief copies only each
// page's content and resources into the packet (never annotations, actions
// or the document catalog), but a document that carries active content is
// refused rather than silently changed. Last, it imports every page the
// way rendering will, so a file the importer cannot read is an input
// error now rather than a failure later.
func checkPDF(data []byte) (sizes []Size, err error) {
	defer func() {
		if r := recover(); r != nil {
			sizes, err = nil, fmt.Errorf("is not a PDF relief can read (%v)", r)
		}
	}()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("is not a PDF file (it does not start with %PDF-)")
	}
	if bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-2.")) {
		return nil, errors.New("is a PDF 2.0 file, which relief cannot import yet; save it as PDF 1.7 or earlier")
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return nil, errors.New("is encrypted (password-protected); save an unprotected copy")
		}
		return nil, fmt.Errorf("is not a PDF relief can read (%v)", err)
	}
	if !r.Trailer().Key("Encrypt").IsNull() {
		return nil, errors.New("is encrypted (even without a password to open it); save an unprotected copy")
	}
	n := r.NumPage()
	switch {
	case n == 0:
		return nil, errors.New("has no pages")
	case n > MaxPages:
		return nil, fmt.Errorf("has %d pages; an exhibit may have at most %d", n, MaxPages)
	}
	if err := activeContent(r); err != nil {
		return nil, err
	}
	if err := contentSize(r, n); err != nil {
		return nil, err
	}
	for i := 1; i <= n; i++ {
		sizes = append(sizes, pageSize(r.Page(i)))
	}
	if err := tryImport(data, n); err != nil {
		return nil, err
	}
	return sizes, nil
}

// activeContent names what the PDF carries that relief will not pass on.
func activeContent(r *pdf.Reader) error {
	root := r.Trailer().Key("Root")
	names := root.Key("Names")
	switch {
	case !root.Key("AcroForm").IsNull():
		return errors.New("has form fields (AcroForm); print it to a new PDF (flattened) and attach that")
	case !names.Key("JavaScript").IsNull() || isJS(root.Key("OpenAction")) || hasJSAction(root.Key("AA")):
		return errors.New("contains JavaScript; print it to a new PDF and attach that")
	case !names.Key("EmbeddedFiles").IsNull():
		return errors.New("has attached files; attach each file as its own exhibit instead")
	}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i).V
		if hasJSAction(p.Key("AA")) {
			return fmt.Errorf("contains JavaScript (page %d); print it to a new PDF and attach that", i)
		}
		annots := p.Key("Annots")
		for j := 0; j < annots.Len(); j++ {
			a := annots.Index(j)
			switch a.Key("Subtype").Name() {
			case "FileAttachment":
				return fmt.Errorf("has an attached file (page %d); attach each file as its own exhibit instead", i)
			case "Widget":
				return fmt.Errorf("has form fields (page %d); print it to a new PDF (flattened) and attach that", i)
			}
			if isJS(a.Key("A")) || hasJSAction(a.Key("AA")) {
				return fmt.Errorf("contains JavaScript (page %d); print it to a new PDF and attach that", i)
			}
		}
	}
	return nil
}

// isJS reports whether an action runs JavaScript or launches a program.
func isJS(a pdf.Value) bool {
	s := a.Key("S").Name()
	return s == "JavaScript" || s == "Launch" || !a.Key("JS").IsNull()
}

// hasJSAction reports whether an additional-actions dictionary holds one.
func hasJSAction(aa pdf.Value) bool {
	for _, k := range aa.Keys() {
		if isJS(aa.Key(k)) {
			return true
		}
	}
	return false
}

// pageSize is a page's media box, turned by /Rotate: the box gofpdi
// imports (it finds no crop box a page does not set itself).
func pageSize(p pdf.Page) Size {
	box := inherited(p.V, "MediaBox")
	s := Size{W: letterWidth, H: letterHigh}
	if box.Len() == 4 {
		s = Size{W: box.Index(2).Float64() - box.Index(0).Float64(), H: box.Index(3).Float64() - box.Index(1).Float64()}
	}
	if s.W < 0 {
		s.W = -s.W
	}
	if s.H < 0 {
		s.H = -s.H
	}
	if rot := inherited(p.V, "Rotate").Int64(); rot%180 != 0 {
		s.W, s.H = s.H, s.W
	}
	return s
}

func inherited(v pdf.Value, key string) pdf.Value {
	for range 32 { // page trees are shallow; a loop in one is not followed
		if x := v.Key(key); !x.IsNull() {
			return x
		}
		v = v.Key("Parent")
		if v.IsNull() {
			break
		}
	}
	return pdf.Value{}
}

// tryImport imports every page with gofpdi, as pdf.RenderForeign will.
// gofpdi reports errors by panicking; checkPDF recovers.
func tryImport(data []byte, n int) error {
	imp := gofpdi.NewImporter()
	rs := io.ReadSeeker(bytes.NewReader(data))
	imp.SetSourceStream(&rs)
	for i := 1; i <= n; i++ {
		imp.SetNextObjectID(1)
		imp.ImportPage(i, "/MediaBox")
		imp.PutFormXobjects()
	}
	return nil
}

// contentSize refuses a PDF whose pages' content streams come to more than
// MaxContent bytes once decompressed: the importer holds each page's
// content in memory, and a small file can expand a thousandfold. Streams
// are read through a limit, so the check itself stays within the cap.
func contentSize(r *pdf.Reader, n int) error {
	left := int64(MaxContent)
	for i := 1; i <= n; i++ {
		c := r.Page(i).V.Key("Contents")
		streams := []pdf.Value{c}
		if c.Kind() == pdf.Array {
			streams = streams[:0]
			for k := 0; k < c.Len(); k++ {
				streams = append(streams, c.Index(k))
			}
		}
		for _, s := range streams {
			if s.Kind() != pdf.Stream {
				continue
			}
			got, err := io.Copy(io.Discard, io.LimitReader(s.Reader(), left+1))
			if err != nil {
				return fmt.Errorf("is not a PDF relief can read (page %d: %v)", i, err)
			}
			if left -= got; left < 0 {
				return fmt.Errorf("has more than %d MiB of page content once decompressed (page %d); print it to a new PDF", MaxContent>>20, i)
			}
		}
	}
	return nil
}
