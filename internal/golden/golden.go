// Package golden compares test output with files kept in the repository.
// `go test ./... -update` rewrites them; a missing golden file fails the test
// so that a forgotten file can never pass silently. Only tests import it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag. Every test package that takes part in
// `go test ./... -update` imports this package so the flag is defined.
var Update = flag.Bool("update", false, "rewrite golden files with the current output")

// Generated fails the test when the generated file at path does not hold
// want, what its generator makes now, and names the command that
// rewrites it (such as "go generate ./internal/law"). -update leaves
// generated files to that command.
func Generated(t testing.TB, path string, want []byte, command string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale; run `%s`", path, command)
	}
}

// Check compares got with the file at path, or rewrites the file when
// -update is set.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file %s: %v (run `go test ./... -update` to create it, then review it)", path, err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output (run `go test ./... -update` and review the diff):\n%s", path, diff(string(want), string(got)))
	}
}

// diff shows the first differing lines, enough to see what changed.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n  - %s\n  + %s\n", i+1, wl, gl)
		if shown++; shown == 10 {
			b.WriteString("  …\n")
			break
		}
	}
	return b.String()
}

// Stale fails for every file in dir for which owned is true (the golden
// files of the kind the test writes there) that is not in produced, the
// names the test just checked: a golden file that no output matches any
// more would otherwise sit in the repository, describing papers relief no
// longer writes. With -update it removes them instead.
func Stale(t testing.TB, dir string, owned func(name string) bool, produced map[string]bool) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !owned(name) || produced[name] {
			continue
		}
		path := filepath.Join(dir, name)
		if *Update {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("golden file %s: no output of this test matches it any more (run `go test ./... -update` to remove it)", path)
	}
}
