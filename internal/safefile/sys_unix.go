//go:build unix

package safefile

import (
	"errors"
	"syscall"
)

const (
	openNonblock = syscall.O_NONBLOCK // opening a FIFO does not wait for a writer
	openNoFollow = syscall.O_NOFOLLOW // a link as the last element fails with ELOOP
)

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
