// Command relief checks California criminal-record relief eligibility and
// drafts the papers. See README.md.
package main

import (
	"os"

	"github.com/reliefkit/relief/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.StdStreams()))
}
