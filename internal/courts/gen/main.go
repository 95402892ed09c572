// Command gen writes internal/courts/courts_gen.go from courts.toml.
package main

import (
	"log"
	"os"

	"github.com/reliefkit/relief/internal/courts"
)

func main() {
	data, err := os.ReadFile("courts.toml")
	if err != nil {
		log.Fatal(err)
	}
	t, err := courts.Parse(data)
	if err != nil {
		log.Fatal("courts.toml: ", err)
	}
	src, err := courts.GenerateGo(t)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("courts_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
