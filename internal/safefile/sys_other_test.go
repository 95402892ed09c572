//go:build !unix

package safefile

import (
	"errors"
	"testing"
)

func setUmask(t *testing.T, mask int) {
	t.Helper()
	t.Skip("no umask on this system")
}

func limitFileSize() error { return errors.ErrUnsupported }
