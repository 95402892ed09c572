// Command gen writes internal/draft/frames_gen.go from the frames in
// forms/ (run by `go generate ./internal/draft`).
package main

import (
	"log"
	"os"

	"github.com/reliefkit/relief/forms"
	"github.com/reliefkit/relief/internal/layout"
)

func main() {
	fr, err := layout.LoadFrames(forms.FS)
	if err != nil {
		log.Fatal(err)
	}
	src, err := layout.FramesGo(fr, "draft", "builtinFrameList")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile("frames_gen.go", src, 0o644); err != nil {
		log.Fatal(err)
	}
}
