// Command relief checks California criminal-record relief eligibility and
// drafts the papers. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/reliefkit/relief/internal/cli"
)

func main() {
	tuneGC()
	os.Exit(cli.Main(os.Args[1:], cli.StdStreams()))
}

// tuneGC sets the garbage collector for relief's workload, unless the user
// set GOGC or GOMEMLIMIT. What stays live is small (the fonts, templates
// and offense table, about 5 MB) while every packet allocates about 1 MB
// and drops it, so at the default GOGC of 100 a batch collects every few
// packets: 167 collections for 300 people. Letting the heap grow to five
// times the live data roughly halves that work; the memory limit keeps a
// long batch well under the 60 MiB it may use (the collector works harder
// rather than grow past it).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(40 << 20)
	}
}
