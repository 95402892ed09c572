package cli

import (
	"fmt"
	"io"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/draft"
)

// warnUnattached names each exhibit the case file lists that no drafted
// packet carries (see draft.Unattached).
func warnUnattached(w io.Writer, path string, f *casefile.File, outs []draft.Output) {
	for _, msg := range draft.Unattached(f, outs) {
		fmt.Fprintf(w, "relief: %s:%s\n", path, msg)
	}
}
