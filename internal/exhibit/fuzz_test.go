package exhibit

import (
	"os"
	"testing"
)

// FuzzCheckPDF feeds checkPDF mangled PDFs: it must return (an error or
// page sizes), never panic or hang.
func FuzzCheckPDF(f *testing.F) {
	if b, err := os.ReadFile("../../examples/exhibits/employer-letter.pdf"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sizes, err := checkPDF(data)
		if err == nil && len(sizes) == 0 {
			t.Fatal("no error and no pages")
		}
	})
}
