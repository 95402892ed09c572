package casefile

import (
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// ExhibitTypes lists the file name endings an exhibit may have.
func ExhibitTypes() []string { return []string{".pdf", ".png", ".jpg", ".jpeg"} }

// MaxExhibitTitle is the longest exhibit title, in characters: about four
// lines on the slip sheet.
const MaxExhibitTitle = 200

// exhibitPackets lists the packets an exhibit may name. It repeats
// assemble's kinds, which casefile may not import.
func exhibitPackets() []string {
	return []string{"dismissal", "sealing", "cor", "pardon", "prop47", "prop64", "firecamp"}
}

// exhibit checks what can be checked without reading the file: that file
// and title are given, the name's type, and the packet names. The file
// itself is read and checked by package exhibit when drafting.
func (v *validator) exhibit(p keyPath, e *Exhibit) {
	e.Line = v.idx.get().line(p.key("file"))
	if v.required(ref(p, "file"), filled(e.File), "the exhibit's file is required") {
		ext := strings.ToLower(filepath.Ext(e.File))
		switch {
		case filepath.IsAbs(e.File) || strings.HasPrefix(e.File, `\`):
			v.add(p.key("file"), "%q is an absolute path; give the path relative to the case file's folder", short(e.File))
		case !contains(ExhibitTypes(), ext):
			v.add(p.key("file"), "%q is not a PDF, PNG or JPEG file (the name must end in .pdf, .png, .jpg or .jpeg)", short(e.File))
		}
	}
	if v.required(ref(p, "title"), filled(e.Title), "the exhibit's title is required; the declaration lists it (\"Attached as Exhibit A is <title>\")") {
		if n := utf8.RuneCountInString(e.Title); n > MaxExhibitTitle {
			v.add(p.key("title"), "the title is %d characters; at most %d fit on the exhibit's slip sheet (describe the document; the document says the rest)", n, MaxExhibitTitle)
		}
	}
	for i, k := range e.Packets {
		v.oneOf(ref(p, "packets").at(i), k, exhibitPackets())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
