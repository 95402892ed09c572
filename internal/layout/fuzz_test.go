package layout

import (
	"fmt"
	"github.com/reliefkit/relief/internal/drawlist"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzLayout lays out arbitrary Markdown on every frame: it must never
// panic, never loop, and either fail with an *Error or give pages whose
// every drawing operation has finite coordinates on the page.
func FuzzLayout(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```space 3\n```\n```pagebreak\n```\n- [x] a. item\n"))
	f.Add([]byte("```signature\nname: A\n```\n```lines center\nx\n```\n"))
	f.Add([]byte("> quote\n\n    code\n\n<b>html</b>\n\n1) one\n2) two\n\n***\n"))
	// The rendered bodies of the built-in templates are in the examples'
	// goldens only as page text; the templates themselves are good seeds.
	if files, err := filepath.Glob("../../templates/*/*.md.tmpl"); err == nil {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	fr, err := LoadFrames(frameFS())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 64<<10 {
			return
		}
		tm := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("layout took over 10s on %q", body)) })
		defer tm.Stop()
		for _, name := range fr.Names() {
			d := sampleDoc(name)
			d.Body = body
			pages, marks, err := Pages([]Document{d}, fr, Options{Draft: "DRAFT"})
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("%s: error of type %T: %v", name, err, err)
				}
				continue
			}
			if len(pages) == 0 || len(marks) != 1 {
				t.Fatalf("%s: %d pages, %d bookmarks", name, len(pages), len(marks))
			}
			if len(pages) > 2000 {
				t.Fatalf("%s: %d pages from %d bytes", name, len(pages), len(body))
			}
			for _, pg := range pages {
				for _, op := range pg.Ops {
					for _, v := range []float64{op.X, op.Y, op.X2, op.Y2, op.W, op.H, op.Size} {
						if math.IsNaN(v) || math.IsInf(v, 0) {
							t.Fatalf("%s: op %+v has a non-finite value", name, op)
						}
					}
					if op.Kind == drawlist.Text && (op.Y < 0 || op.Y > drawlist.LetterHeight || op.Size <= 0) {
						t.Fatalf("%s: text %q at y=%.1f size %.1f is off the page", name, op.Text, op.Y, op.Size)
					}
				}
			}
		}
	})
}
