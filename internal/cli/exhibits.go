package cli

import (
	"fmt"
	"io"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/draft"
)

// warnUnattached names each exhibit the case file lists that no drafted
// packet carries, so that a letter of support is not silently left out:
// by default only packets with a declaration or petition narrative carry
// exhibits (docs/exhibits.md).
func warnUnattached(w io.Writer, path string, f *casefile.File, outs []draft.Output) {
	used := map[int]bool{}
	for _, o := range outs {
		for _, e := range o.Exhibits {
			used[e.Index] = true
		}
	}
	for i, e := range f.Exhibits {
		if !used[i] {
			fmt.Fprintf(w, "relief: %s:%d: warning: exhibits[%d] (%s) is attached to no packet drafted; name a packet in its packets key, or see docs/exhibits.md\n",
				path, e.Line, i, e.File)
		}
	}
}
