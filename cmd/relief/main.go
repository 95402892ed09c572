// Command relief checks California criminal-record relief eligibility and
// drafts the papers. See README.md.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"

	"github.com/reliefkit/relief/internal/cli"
)

func main() {
	tuneGC()
	stop := profile(os.Getenv("RELIEF_CPUPROFILE"))
	code := cli.Main(os.Args[1:], cli.StdStreams())
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the whole run to path, for `go tool
// pprof`, when path is set. It is for developers measuring relief itself.
func profile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "relief: RELIEF_CPUPROFILE: %v\n", err)
		os.Exit(1)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
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
