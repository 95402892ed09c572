//go:build unix

package safefile

import (
	"syscall"
	"testing"
)

// setUmask sets the process umask for the rest of the test. The umask is
// process-wide, so tests that call it must not run in parallel.
func setUmask(t *testing.T, mask int) {
	t.Helper()
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// limitFileSize limits the size of every file this process writes to
// fileSizeLimit bytes: a larger write fails with EFBIG (the Go runtime ignores
// SIGXFSZ). The limit binds root too. Only for a helper child process.
func limitFileSize() error {
	var lim syscall.Rlimit
	lim.Cur = fileSizeLimit
	lim.Max = fileSizeLimit
	return syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim)
}
