package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputThroughDraftAndBatch runs every file of the bad-input corpus
// (internal/casefile/testdata/bad) through `relief draft` and `relief
// batch`: each must exit 3, name the file, and write no PDF.
func TestBadInputThroughDraftAndBatch(t *testing.T) {
	files, err := filepath.Glob("../casefile/testdata/bad/*.toml")
	if err != nil || len(files) < 20 {
		t.Fatalf("bad-input corpus: %d files, %v", len(files), err)
	}
	// No user config file may change the outcome.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	for _, src := range files {
		name := filepath.Base(src)
		t.Run(strings.TrimSuffix(name, ".toml"), func(t *testing.T) {
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			if err := os.Mkdir(in, 0o700); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(in, name)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"draft", path, "-o", filepath.Join(dir, "draft"), "--as-of", "2026-11-26"},
				{"batch", in, "-o", filepath.Join(dir, "batch"), "--as-of", "2026-11-26", "--quiet"},
			} {
				var out, errb bytes.Buffer
				code := Main(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
				if code != ExitInvalid {
					t.Errorf("relief %s: exit %d, want %d\n%s", args[0], code, ExitInvalid, errb.String())
				}
				if !strings.Contains(errb.String(), name) {
					t.Errorf("relief %s: stderr does not name %s:\n%s", args[0], name, errb.String())
				}
			}
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && (strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".tmp") || d.Name() == "manifest.json") {
					t.Errorf("bad input left %s behind", p)
				}
				return nil
			})
		})
	}
}
