//go:build unix

package cli

import (
	"os"
	"syscall"
	"testing"
)

// specialFiles are the bad exhibits only a Unix system can make: a named
// pipe, which would block a reader, and a symbolic link to a device.
func specialFiles() []badExhibit {
	return []badExhibit{
		{name: "fifo", file: "pipe.pdf", want: "not a regular file (a named pipe)", make: func(t *testing.T, p string) {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Skip(err)
			}
		}},
		{name: "symlink-device", file: "null.pdf", want: "not a regular file (a device)", make: func(t *testing.T, p string) {
			if err := os.Symlink("/dev/null", p); err != nil {
				t.Skip(err)
			}
		}},
	}
}
