package draft

import (
	"encoding/json"

	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/layout"
)

// Warm loads, now, the process-wide tables that every draft reads and that
// would otherwise be loaded when the first page needs them: the frames in
// forms/, the Markdown parser, the metrics and subsetting tables of the
// faces court papers use, and encoding/json's view of the manifest. relief draft calls it in a goroutine as it
// starts, so that on a machine with a second core this work overlaps
// reading and checking the case file instead of delaying the first page.
// Everything it loads is loaded once per process (sync.Once), so calling
// it any number of times, from any goroutine, changes no output.
func Warm() {
	BuiltinFrames() // an error here is reported by Run, which asks again
	layout.Prepare()
	for _, f := range fonts.PaperFaces {
		fonts.Width(f, 12, " ") // the metrics table
		f.Info()                // the subsetting tables
	}
	// encoding/json works out a type's encoder, and those of every type
	// inside it, on first use; the manifest's are worked out here rather
	// than after the last packet.
	_, _ = json.Marshal(Manifest{})
}
