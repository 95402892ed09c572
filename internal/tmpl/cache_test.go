package tmpl

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestParsesOnce checks that a Set parses each template once, however
// often and by whatever route it is asked for, and that the renderings of
// a parsed template agree with the first.
func TestParsesOnce(t *testing.T) {
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{
		"doc.md.tmpl":       head + "{{template \"partials/p.tmpl\" .}} {{upper .Petitioner.Name}}",
		"other.md.tmpl":     head + "other",
		"partials/p.tmpl":   "[{{.Petitioner.Name}}]",
		"broken.md.tmpl":    head + "{{foo}}",
		"packets/dism.toml": "",
	})})
	want := "[Ada Lovelace] ADA LOVELACE"
	for i := range 3 {
		doc, err := s.Render("doc.md.tmpl", sample(), Options{})
		if err != nil || string(doc.Body) != want || doc.Front.Frame != "letter" || doc.Layer != "built-in" {
			t.Fatalf("rendering %d: %q, %+v, %v", i, doc.Body, doc.Front, err)
		}
	}
	if err := s.Parse("doc.md.tmpl"); err != nil {
		t.Fatal(err)
	}
	if n := s.parses.Load(); n != 1 {
		t.Errorf("three renderings and a Parse of one template parsed it %d times; want 1", n)
	}
	if _, err := s.Render("other.md.tmpl", nil, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := s.parses.Load(); n != 2 {
		t.Errorf("a second template: %d parses; want 2", n)
	}

	// Paths that are not templates are refused before anything is parsed.
	for _, p := range []string{"../x.md.tmpl", "packets/dism.toml"} {
		if err := s.Parse(p); err == nil {
			t.Errorf("Parse(%q) succeeded", p)
		}
	}
	if n := s.parses.Load(); n != 2 {
		t.Errorf("after refused paths: %d parses; want 2", n)
	}

	// Errors are not kept: each call parses again and gives the same error.
	for range 2 {
		_, err := s.Render("broken.md.tmpl", nil, Options{})
		wantError(t, err, `broken.md.tmpl:4:3: function "foo" not defined`)
	}
	if n := s.parses.Load(); n != 4 {
		t.Errorf("after two failed renderings: %d parses; want 4", n)
	}
}

// TestParsesOnceConcurrently checks that renderings that start together
// wait for one parse rather than each parsing.
func TestParsesOnceConcurrently(t *testing.T) {
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{
		"doc.md.tmpl": head + "{{.Petitioner.Name}}",
	})})
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 8 {
		wg.Go(func() {
			<-start
			doc, err := s.Render("doc.md.tmpl", sample(), Options{})
			if err != nil || string(doc.Body) != "Ada Lovelace" {
				t.Errorf("got %q, %v", doc.Body, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if n := s.parses.Load(); n != 1 {
		t.Errorf("%d parses; want 1", n)
	}
}

// heavy loops over 601,000 times, more than half the limit on iterations, and
// computes 40 MB of values, more than half the limit on those, then prints
// .N x's: within every limit alone, but not if two renderings were counted
// together.
const heavy = "{{if .Loops}}{{range 1000}}{{range until $.Loops}}{{end}}{{end}}{{end}}" +
	"{{range until .Values}}{{$s := repeat 10000 (repeat 100 \"x\")}}{{end}}" +
	"{{range until .N}}x{{end}}"

// TestRunsStartAfresh checks that what one rendering used does not count
// against the next, which may run on the same instance of the template.
func TestRunsStartAfresh(t *testing.T) {
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{"doc.md.tmpl": head + heavy})})
	data := map[string]int{"Loops": 600, "Values": 40, "N": 3}
	for i := range 2 {
		doc, err := s.Render("doc.md.tmpl", data, Options{Timeout: time.Minute})
		if err != nil || string(doc.Body) != "xxx" {
			t.Fatalf("rendering %d: %q, %v", i, doc.Body, err)
		}
	}

	// An instance whose run is spent, and past its deadline, as one is
	// after a rendering that failed on its limits.
	p, err := s.load("doc.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	in, err := p.instance()
	if err != nil {
		t.Fatal(err)
	}
	in.r.start(1, time.Now().Add(-time.Hour))
	in.r.iters, in.r.spent = maxIterations, spendFactor*defaultMaxOutput
	p.release(in)
	doc, err := s.Render("doc.md.tmpl", map[string]int{"Loops": 0, "Values": 1, "N": 3}, Options{Timeout: time.Minute})
	if err != nil || string(doc.Body) != "xxx" {
		t.Fatalf("after a spent run: %q, %v", doc.Body, err)
	}

	// A rendering that runs out of time leaves its instance to others.
	_, err = s.Render("doc.md.tmpl", data, Options{Timeout: time.Nanosecond})
	if err == nil || !strings.HasSuffix(err.Error(), "rendering took longer than 1ns; check for runaway loops") {
		t.Errorf("err = %v", err)
	}
	doc, err = s.Render("doc.md.tmpl", map[string]int{"Loops": 0, "Values": 1, "N": 3}, Options{Timeout: time.Minute})
	if err != nil || string(doc.Body) != "xxx" {
		t.Fatalf("after a timeout: %q, %v", doc.Body, err)
	}
}

// TestConcurrentRenders renders one template from many goroutines at once,
// each with limits of its own (run it with -race): every rendering must
// be held to its own limits and charged only for what it used.
func TestConcurrentRenders(t *testing.T) {
	s := NewSet(Layer{Name: "built-in", FS: mapFS(map[string]string{"doc.md.tmpl": head + heavy})})
	// Slow enough for the race detector on a busy machine; the limits
	// under test are the others.
	const slow = time.Minute
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 4 {
				limit := 100 + 10*i + j
				// Over half the limit on iterations, for a few of them.
				loops := 0
				if i < 2 && j == 0 {
					loops = 600
				}
				// Fresh data for every rendering: one that runs out of
				// time goes on reading its data for a while.
				data := func(n int) map[string]int { return map[string]int{"Loops": loops, "Values": 0, "N": n} }
				doc, err := s.Render("doc.md.tmpl", data(limit), Options{MaxOutput: limit, Timeout: slow})
				if err != nil || len(doc.Body) != limit {
					t.Errorf("exactly at the output limit %d: %d bytes, %v", limit, len(doc.Body), err)
				}
				_, err = s.Render("doc.md.tmpl", data(limit+1), Options{MaxOutput: limit, Timeout: slow})
				want := fmt.Sprintf("doc.md.tmpl: output exceeds %d bytes; check for runaway loops", limit)
				if err == nil || err.Error() != want {
					t.Errorf("over the output limit %d: err = %v", limit, err)
				}
				if (i+j)%3 == 0 {
					_, err = s.Render("doc.md.tmpl", data(limit), Options{Timeout: time.Nanosecond})
					if err == nil || !strings.HasSuffix(err.Error(), "rendering took longer than 1ns; check for runaway loops") {
						t.Errorf("timeout: err = %v", err)
					}
				}
			}
		})
	}
	// Two that each spend more than half the limit on values, alongside.
	for range 2 {
		wg.Go(func() {
			doc, err := s.Render("doc.md.tmpl", map[string]int{"Loops": 600, "Values": 40, "N": 1}, Options{Timeout: slow})
			if err != nil || string(doc.Body) != "x" {
				t.Errorf("heavy: %q, %v", doc.Body, err)
			}
		})
	}
	wg.Wait()
	if n := s.parses.Load(); n != 1 {
		t.Errorf("%d parses; want 1", n)
	}
}
