// Command gen writes internal/law/offenses_gen.go from offenses.toml.
package main

import (
	"log"
	"os"

	"github.com/reliefkit/relief/internal/law"
)

func main() {
	data, err := os.ReadFile("offenses.toml")
	if err != nil {
		log.Fatal(err)
	}
	t, err := law.Load(data)
	if err != nil {
		log.Fatal(err)
	}
	src, err := law.GenerateGo(t)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("offenses_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
