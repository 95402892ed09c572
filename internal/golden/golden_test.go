package golden

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const importPath = "github.com/reliefkit/relief/internal/golden"

// TestEveryTestPackageDefinesUpdate keeps `go test ./... -update` working:
// the go command passes -update to every test binary, and a binary that
// does not define the flag fails. So every folder with tests must import
// this package from at least one of its test files.
func TestEveryTestPackageDefinesUpdate(t *testing.T) {
	root := filepath.Join("..", "..")
	imports := map[string]bool{} // folder → some test file imports golden
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.Dir(path)
		if dir == filepath.Join(root, "internal", "golden") { // defines the flag itself
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		imports[dir] = imports[dir] || importsGolden(f.Imports)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 5 {
		t.Fatalf("found only %d test folders under %s; the walk is broken", len(imports), root)
	}
	for dir, ok := range imports {
		if !ok {
			t.Errorf("%s has tests but none imports %s: `go test ./... -update` would fail there (add a flags_test.go with a blank import)", dir, importPath)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("%s is not the module root: %v", root, err)
	}
}

func importsGolden(specs []*ast.ImportSpec) bool {
	for _, s := range specs {
		if p, err := strconv.Unquote(s.Path.Value); err == nil && p == importPath {
			return true
		}
	}
	return false
}

// recorder is a testing.TB that keeps what Errorf reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

// TestStale: a golden file of the test's kind that the test did not
// produce is reported, by name; files of other kinds and produced ones
// are not.
func TestStale(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "gone.txt", "other.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := &recorder{TB: t}
	Stale(r, dir, func(name string) bool { return strings.HasSuffix(name, ".txt") }, map[string]bool{"a.txt": true})
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "gone.txt") {
		t.Errorf("reported %q, want gone.txt alone", r.errors)
	}
}
