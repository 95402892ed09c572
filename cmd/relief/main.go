// Command relief checks California criminal-record relief eligibility and
// drafts the papers. See README.md.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/reliefkit/relief/internal/cli"
)

func main() {
	cli.TuneGC()
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
