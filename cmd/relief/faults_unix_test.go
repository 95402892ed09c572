//go:build unix

package main

import (
	"os"
	"syscall"
)

// minorFaults returns the minor page faults of the finished process ps:
// each is a first touch of a page of memory or of the binary.
func minorFaults(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Minflt)
	}
	return -1
}
