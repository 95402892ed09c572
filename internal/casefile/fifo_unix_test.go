//go:build unix

package casefile

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO or a device named as a case file is refused at once, not read.
func TestLoadNotRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "p.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		ch := make(chan error, 1)
		go func() { _, err := Load(path, testOptions()); ch <- err }()
		select {
		case err := <-ch:
			if err == nil || !strings.Contains(err.Error(), path+": this is not a plain file") {
				t.Errorf("%s: %v", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Load(%s) hangs", path)
		}
	}
}
