package cli

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// TestCheckManyFiles: with many files, the text report is each file's own
// report under a "==> path <==" line, in the order given, across several
// chunks of parallel work (whose buffers are reused); --brief leaves out
// exactly the trace lines.
func TestCheckManyFiles(t *testing.T) {
	cases := exampleCases(t)
	one := func(path string, brief bool) string {
		var out, errb bytes.Buffer
		opts := &CheckOptions{Env: Env{Streams: Streams{Out: &out, Err: &errb}, Now: noClock(t)}, Paths: []string{path}, Brief: brief}
		if err := checkRun(opts); err != nil {
			t.Fatalf("check %s: %v\n%s", path, err, errb.String())
		}
		return out.String()
	}
	var paths []string
	for len(paths) <= 2*64*runtime.GOMAXPROCS(0) { // more than two chunks
		paths = append(paths, cases...)
	}
	for _, brief := range []bool{false, true} {
		var want strings.Builder
		for _, p := range paths {
			want.WriteString("==> " + p + " <==\n" + one(p, brief))
		}
		var out, errb bytes.Buffer
		opts := &CheckOptions{Env: Env{Streams: Streams{Out: &out, Err: &errb}, Now: noClock(t)}, Paths: paths, Brief: brief}
		if err := checkRun(opts); err != nil {
			t.Fatalf("check: %v\n%s", err, errb.String())
		}
		if out.String() != want.String() {
			t.Errorf("brief=%v: the report of %d files is not the reports of each, in order", brief, len(paths))
		}
	}
	for _, p := range cases {
		var kept []string
		for _, l := range strings.SplitAfter(one(p, false), "\n") {
			if !strings.HasPrefix(strings.TrimLeft(l, " "), "· ") {
				kept = append(kept, l)
			}
		}
		if got, want := one(p, true), strings.Join(kept, ""); got != want {
			t.Errorf("%s: --brief is not the report without its trace lines", p)
		}
	}
}
