// Command relief checks California criminal-record relief eligibility and
// drafts the papers. See README.md.
package main

import (
	"fmt"
	"os"

	"github.com/reliefkit/relief/internal/cli"
)

func main() {
	cli.TuneGC()
	stop := profile(os.Getenv("RELIEF_CPUPROFILE"))
	code := cli.Main(os.Args[1:], cli.StdStreams())
	stop()
	os.Exit(code)
}

// profile writes a CPU profile of the whole run to path when path is set
// (see cli.StartProfile). It is for developers measuring relief itself.
func profile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	end, err := cli.StartProfile(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "relief: RELIEF_CPUPROFILE: %v\n", err)
		os.Exit(1)
	}
	return func() {
		if err := end(); err != nil {
			fmt.Fprintf(os.Stderr, "relief: RELIEF_CPUPROFILE: %v\n", err)
		}
	}
}
