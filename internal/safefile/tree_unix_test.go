//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A folder opened with OpenDir keeps its writes: swapping a link in for
// it afterwards (the window between checking a person's folder and
// writing into it) sends nothing to the link's target.
func TestOpenDirSwap(t *testing.T) {
	base := t.TempDir()
	dir, victim := filepath.Join(base, "p"), filepath.Join(base, "victim")
	for _, d := range []string{dir, victim} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	root, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := os.Rename(dir, dir+"-moved"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, dir); err != nil {
		t.Fatal(err)
	}
	files := []File{{Name: "a.pdf", Data: []byte("A")}, {Name: "split/01.pdf", Data: []byte("B")}}
	if err := WriteTreeIn(root, dir, files, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadDir(victim); len(got) != 0 {
		t.Errorf("the link's target got %v", got)
	}
	if b, err := os.ReadFile(filepath.Join(dir+"-moved", "split", "01.pdf")); err != nil || string(b) != "B" {
		t.Errorf("the opened folder has %q, %v", b, err)
	}
	// Opening the link itself is refused.
	if _, err := OpenDir(dir); !errors.Is(err, ErrSymlink) {
		t.Errorf("OpenDir of a link: %v", err)
	}
}

// A split packet's folder that is a link inside the opened folder is not
// followed, and a file name that is a link is replaced, not written
// through, with force.
func TestWriteTreeInLinks(t *testing.T) {
	base := t.TempDir()
	dir, victim := filepath.Join(base, "p"), filepath.Join(base, "victim")
	os.Mkdir(dir, 0o700)
	os.Mkdir(victim, 0o700)
	os.WriteFile(filepath.Join(victim, "keep.pdf"), []byte("keep"), 0o600)
	os.Symlink(victim, filepath.Join(dir, "split"))
	os.Symlink(filepath.Join(victim, "keep.pdf"), filepath.Join(dir, "a.pdf"))
	root, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	if err := WriteTreeIn(root, dir, []File{{Name: "split/01.pdf", Data: []byte("B")}}, true); !errors.Is(err, ErrSymlink) {
		t.Errorf("a linked split folder: %v", err)
	}
	if err := WriteTreeIn(root, dir, []File{{Name: "a.pdf", Data: []byte("A")}}, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(victim, "keep.pdf")); string(b) != "keep" {
		t.Errorf("written through a link: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "a.pdf")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("a.pdf is not a regular file now: %v %v", fi, err)
	}
	if entries, _ := os.ReadDir(victim); len(entries) != 1 {
		t.Errorf("the victim folder holds %d entries", len(entries))
	}
}
