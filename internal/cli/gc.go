package cli

import (
	"os"
	"runtime/debug"
)

// TuneGC sets the garbage collector for relief's workload, unless the user
// set GOGC or GOMEMLIMIT, and returns a function that puts back the
// settings it found. What stays live is small (the fonts, templates and
// offense table, about 5 MB) while every packet allocates about 1 MB and
// drops it, so at the default GOGC of 100 a batch collects every few
// packets: 167 collections for 300 people. Letting the heap grow to five
// times the live data roughly halves that work; the memory limit keeps a
// long batch under the 60 MiB it may use (the collector works harder
// rather than grow past it). The relief command calls it first thing;
// the batch benchmarks call it to measure what the command does.
func TuneGC() (restore func()) {
	percent, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		percent = debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(40 << 20)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
