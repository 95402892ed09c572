// Command gen writes internal/lint/fielddocs_gen.go from the doc comments
// of the struct types in internal/assemble, the data model templates see.
// Run it with `go generate ./internal/lint`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/reliefkit/relief/internal/lint/fielddoc"
)

func main() {
	in := flag.String("in", "../assemble", "the package folder holding the template data model")
	out := flag.String("out", "fielddocs_gen.go", "the file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	files, err := fielddoc.ReadDir(in)
	if err != nil {
		return err
	}
	b, err := fielddoc.Generate("lint", "fieldDocs", "internal/assemble", files)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
