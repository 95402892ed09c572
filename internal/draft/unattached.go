package draft

import (
	"fmt"

	"github.com/reliefkit/relief/internal/casefile"
)

// Unattached names each exhibit the case file lists that no drafted packet
// carries, with the line of its [[exhibits]] entry, so that a letter of
// support is not silently left out: by default only packets with a
// declaration or petition narrative carry exhibits (docs/exhibits.md).
// Each message reads "LINE: warning: exhibits[i] (file) is attached to no
// packet drafted; ...", for the caller to prefix with the file's name.
func Unattached(f *casefile.File, outs []Output) []string {
	used := map[int]bool{}
	for _, o := range outs {
		for _, e := range o.Exhibits {
			used[e.Index] = true
		}
	}
	var msgs []string
	for i, e := range f.Exhibits {
		if !used[i] {
			msgs = append(msgs, fmt.Sprintf("%d: warning: exhibits[%d] (%s) is attached to no packet drafted; name a packet in its packets key, or see docs/exhibits.md", e.Line, i, e.File))
		}
	}
	return msgs
}
