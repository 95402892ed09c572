// Command gen writes internal/pdf/basefonts.bin, the base-set font
// subsets made at build time (run by `go generate ./internal/pdf`).
package main

import (
	"log"
	"os"

	"github.com/reliefkit/relief/internal/pdf"
)

func main() {
	b, err := pdf.BaseFonts()
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("basefonts.bin", b, 0o644); err != nil {
		log.Fatal(err)
	}
}
