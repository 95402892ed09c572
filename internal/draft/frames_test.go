package draft

import (
	"reflect"
	"testing"

	"github.com/reliefkit/relief/forms"
	"github.com/reliefkit/relief/internal/golden"
	"github.com/reliefkit/relief/internal/layout"
)

// TestGeneratedFramesAreCurrent keeps frames_gen.go, the frames relief is
// built with, identical to forms/*.toml: run `go generate ./internal/draft`
// after editing a frame.
func TestGeneratedFramesAreCurrent(t *testing.T) {
	read, err := layout.LoadFrames(forms.FS)
	if err != nil {
		t.Fatal(err)
	}
	want, err := layout.FramesGo(read, "draft", "builtinFrameList")
	if err != nil {
		t.Fatal(err)
	}
	golden.Generated(t, "frames_gen.go", want, "go generate ./internal/draft")
	built, err := BuiltinFrames()
	if err != nil {
		t.Fatal(err)
	}
	if len(built) != len(read) || len(built) == 0 {
		t.Fatalf("compiled %d frames, forms/ has %d", len(built), len(read))
	}
	for name, f := range read {
		if !reflect.DeepEqual(built[name], f) {
			t.Errorf("frame %s: compiled %+v, forms/ gives %+v", name, built[name], f)
		}
	}
}

// TestBuildFramesChecks: compiled frames are checked as read ones are.
func TestBuildFramesChecks(t *testing.T) {
	f := builtinFrameList[0]
	f.FaceName = "comic"
	if _, err := layout.BuildFrames([]layout.Frame{f}); err == nil {
		t.Error("a frame with an unknown face was accepted")
	}
	f = builtinFrameList[0]
	f.Right = f.Left + 50
	if _, err := layout.BuildFrames([]layout.Frame{f}); err == nil {
		t.Error("a frame 50 points wide was accepted")
	}
}
