package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reliefkit/relief/internal/golden"
)

// noClock fails the test if anything reads the wall clock: every example
// carries its own as_of so its goldens never expire.
func noClock(t *testing.T) func() time.Time {
	return func() time.Time {
		t.Fatal("the wall clock was read; give the example an as_of date")
		return time.Time{}
	}
}

// exampleCases lists examples/*/case.toml, the inputs every example-driven
// test and the fuzz seeds share.
func exampleCases(tb testing.TB) []string {
	tb.Helper()
	cases, err := filepath.Glob("../../examples/*/case.toml")
	if err != nil {
		tb.Fatal(err)
	}
	return cases
}

// TestExamples runs `relief check` on every examples/*/case.toml and
// compares the text report and the JSON with check.txt and check.json.
func TestExamples(t *testing.T) {
	cases := exampleCases(t)
	if len(cases) < 12 {
		t.Fatalf("found %d examples, want at least 12", len(cases))
	}
	for _, path := range cases {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			for _, asJSON := range []bool{false, true} {
				var out, errb bytes.Buffer
				opts := &CheckOptions{Env: Env{Streams: Streams{Out: &out, Err: &errb}, Now: noClock(t)}, Paths: []string{path}, JSON: asJSON}
				if err := checkRun(opts); err != nil {
					t.Fatalf("check %s: %v\n%s", path, err, errb.String())
				}
				name := "check.txt"
				if asJSON {
					name = "check.json"
				}
				golden.Check(t, filepath.Join(dir, name), out.Bytes())
			}
		})
	}
}

// TestExamplesHaveReadme keeps each example explained for people browsing
// the folder.
func TestExamplesHaveReadme(t *testing.T) {
	for _, p := range exampleCases(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("# ")) {
			t.Errorf("%s: start the file with a comment saying what the example shows", p)
		}
	}
}

// BenchmarkCheckFile measures `relief check --json` on one example file:
// reading, decoding, validating, checking and encoding.
func BenchmarkCheckFile(b *testing.B) {
	path := "../../examples/arrest-sealing/case.toml"
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		opts := &CheckOptions{Env: Env{Streams: Streams{Out: &out, Err: &out}, Now: time.Now}, Paths: []string{path}, JSON: true}
		if err := checkRun(opts); err != nil {
			b.Fatal(err)
		}
	}
}
