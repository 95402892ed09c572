//go:build !unix

package main

import "os"

// minorFaults returns -1: this system does not count page faults per
// process in a way os.ProcessState reports.
func minorFaults(*os.ProcessState) int64 { return -1 }
