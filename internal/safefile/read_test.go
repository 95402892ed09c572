//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// done fails the test when f takes longer than a second: a FIFO must not
// block a read.
func done(t *testing.T, what string, f func()) {
	t.Helper()
	ch := make(chan struct{})
	go func() { f(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s blocked", what)
	}
}

func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "a.toml")
	os.WriteFile(plain, []byte("hello"), 0o600)
	fifo := filepath.Join(dir, "fifo.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	os.Symlink("a.toml", link)

	if b, err := ReadRegular(plain, 5, NoFollow); err != nil || string(b) != "hello" {
		t.Errorf("plain: %q %v", b, err)
	}
	if _, err := ReadRegular(plain, 4, FollowLinks); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the cap: %v", err)
	}
	done(t, "a FIFO", func() {
		if _, err := ReadRegular(fifo, 100, FollowLinks); !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO: %v", err)
		}
	})
	done(t, "/dev/zero", func() {
		if _, err := ReadRegular("/dev/zero", 100, FollowLinks); !errors.Is(err, ErrNotRegular) {
			t.Errorf("/dev/zero: %v", err)
		}
	})
	if _, err := ReadRegular(dir, 100, FollowLinks); !errors.Is(err, ErrNotRegular) {
		t.Errorf("folder: %v", err)
	}
	if b, err := ReadRegular(link, 100, FollowLinks); err != nil || string(b) != "hello" {
		t.Errorf("link, followed: %q %v", b, err)
	}
	if _, err := ReadRegular(link, 100, NoFollow); !errors.Is(err, ErrSymlink) {
		t.Errorf("link, not followed: %v", err)
	}
	if _, err := ReadRegular(filepath.Join(dir, "none"), 100, NoFollow); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

func TestSubDir(t *testing.T) {
	out := t.TempDir()
	elsewhere := t.TempDir()
	os.Symlink(elsewhere, filepath.Join(out, "linked"))
	os.WriteFile(filepath.Join(out, "file"), nil, 0o600)

	p, err := SubDir(out, "new")
	if err != nil || p != filepath.Join(out, "new") {
		t.Fatalf("SubDir(new) = %q, %v", p, err)
	}
	wantPerm(t, p, 0o700)
	if _, err := SubDir(out, "new"); err != nil {
		t.Errorf("an existing folder: %v", err)
	}
	if _, err := SubDir(out, "linked"); !errors.Is(err, ErrSymlink) {
		t.Errorf("a link: %v", err)
	}
	if _, err := SubDir(out, "file"); err == nil {
		t.Error("a file was taken for a folder")
	}
	if _, err := SubDir(out, "../x"); !errors.Is(err, ErrUnsafeName) {
		t.Errorf("../x: %v", err)
	}
}

func TestRootFS(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "p.tmpl"), []byte("partial"), 0o600)
	if err := syscall.Mkfifo(filepath.Join(dir, "f.tmpl"), 0o600); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys := RootFS(root)
	if b, err := fs.ReadFile(fsys, "p.tmpl"); err != nil || string(b) != "partial" {
		t.Errorf("ReadFile: %q %v", b, err)
	}
	done(t, "a FIFO partial", func() {
		if _, err := fs.ReadFile(fsys, "f.tmpl"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO: %v", err)
		}
		if _, err := fsys.Open("f.tmpl"); !errors.Is(err, ErrNotRegular) {
			t.Errorf("FIFO Open: %v", err)
		}
	})
	if es, err := fs.ReadDir(fsys, "."); err != nil || len(es) != 2 {
		t.Errorf("ReadDir: %v %v", es, err)
	}
}
