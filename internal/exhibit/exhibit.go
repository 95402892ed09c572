// Package exhibit reads and checks the supporting documents a case file
// lists under [[exhibits]] (the client's PDFs and images) so that drafting
// can attach them. It reads only regular files, checks every cap before
// reading, and refuses what it cannot pass on safely; it draws nothing
// (package pdf does) and chooses no packets (package assemble does).
package exhibit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
)

// Caps on what one exhibit may be. They are documented in
// docs/exhibits.md; a test keeps the two in step.
const (
	MaxBytes    = 20 << 20   // bytes in one exhibit file
	MaxPages    = 50         // pages in one PDF exhibit
	MaxAll      = 200        // pages of all exhibits together
	MaxCount    = 26         // exhibits in one case file (A to Z)
	MaxPixels   = 40_000_000 // pixels in one image (width × height)
	MaxContent  = 64 << 20   // bytes of decompressed page content in one PDF
	MaxSide     = 2000       // pixels kept on an image's longer side (200 per inch on a Letter page)
	letterWidth = 612.0      // US Letter, in points
	letterHigh  = 792.0
)

// Kind is an exhibit's file type.
type Kind int

// The kinds of exhibit.
const (
	PDF Kind = iota + 1
	PNG
	JPEG
)

// Size is a page's size in points.
type Size struct{ W, H float64 }

// Exhibit is one checked exhibit, ready to draw.
type Exhibit struct {
	Index  int    // position in the case file's [[exhibits]], from 0
	File   string // as written in the case file
	Title  string
	SHA256 string // of the file's bytes, hex
	Kind   Kind
	// Data is the PDF as read, or the image decoded and encoded again
	// (PNG stays PNG, JPEG stays JPEG) without its metadata.
	Data []byte
	// Pages holds each page's size: the PDF's pages, or one Letter page
	// for an image.
	Pages []Size
	// Width and Height are an image's size in pixels; zero for a PDF.
	Width, Height int
	Packets       []string // as in the case file; empty means the default
}

// Digest is the SHA-256 (hex) of every exhibit's file name, title, packets
// and content hash, in case-file order: batch adds it to the re-run key
// so that changing an exhibit redrafts the person.
func Digest(exs []Exhibit) string {
	h := sha256.New()
	for _, e := range exs {
		h.Write([]byte(e.File + "\x00" + e.Title + "\x00" + strings.Join(e.Packets, ",") + "\x00" + e.SHA256 + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// problem is an input problem with the exhibit entry at index i, as a
// case-file problem on its file key.
func problem(f *casefile.File, i int, format string, args ...any) casefile.Problem {
	return casefile.Problem{File: f.Path, Line: f.Exhibits[i].Line, Key: keyOf(i), Msg: fmt.Sprintf(format, args...)}
}
