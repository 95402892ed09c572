package main

import (
	"cmp"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkColdStart measures what a user waits for: a fresh process that
// drafts a two-case file, against a fresh `relief version`, the floor any
// run pays (loading the binary and initialising packages). Runs are
// paired (version, then draft) so that load on the machine hits both
// alike, and the medians of 30 pairs are reported with their ratio:
//
//	go test ./cmd/relief -run '^$' -bench ColdStart -benchtime 1x
//
// Wall time on a shared virtual machine moves with the host's load, so
// the medians of two steadier measures are reported beside it: CPU time
// (user and system, over every thread) and, where the system counts them,
// page faults. A first touch of fresh memory is much of a cold run's
// cost, and the fault counts barely move from run to run, so a change
// that saves memory shows there even when the wall clock cannot tell.
func BenchmarkColdStart(b *testing.B) {
	const pairs = 30
	dir := b.TempDir()
	bin := filepath.Join(dir, "bin", "relief")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	caseFile, err := filepath.Abs(filepath.Join("..", "..", "examples", "cor-two-counties", "case.toml"))
	if err != nil {
		b.Fatal(err)
	}
	run := func(args ...string) sample {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("relief %v: %v\n%s", args, err, out)
		}
		ps := cmd.ProcessState
		return sample{wall: time.Since(start), cpu: ps.UserTime() + ps.SystemTime(), faults: minorFaults(ps)}
	}
	for b.Loop() {
		var version, draft []sample
		for i := range pairs {
			out := filepath.Join(dir, "out", string(rune('a'+i%26))+string(rune('0'+i/26)))
			version = append(version, run("version"))
			draft = append(draft, run("draft", caseFile, "-o", out, "--packet", "dismissal"))
		}
		v, d := medianOf(version, sample.wallTime), medianOf(draft, sample.wallTime)
		b.ReportMetric(ms(v), "version-ms")
		b.ReportMetric(ms(d), "draft-ms")
		b.ReportMetric(float64(d)/float64(v), "draft/version")
		b.ReportMetric(ms(medianOf(version, sample.cpuTime)), "version-cpu-ms")
		b.ReportMetric(ms(medianOf(draft, sample.cpuTime)), "draft-cpu-ms")
		if version[0].faults >= 0 {
			b.ReportMetric(float64(medianOf(version, sample.faultCount)), "version-faults")
			b.ReportMetric(float64(medianOf(draft, sample.faultCount)), "draft-faults")
		}
	}
}

// sample is what one run of relief cost.
type sample struct {
	wall, cpu time.Duration
	faults    int64 // minor page faults; -1 where the system does not say
}

func (s sample) wallTime() time.Duration { return s.wall }
func (s sample) cpuTime() time.Duration  { return s.cpu }
func (s sample) faultCount() int64       { return s.faults }

// medianOf returns the median of one measure of the samples.
func medianOf[T cmp.Ordered](s []sample, measure func(sample) T) T {
	vs := make([]T, len(s))
	for i, x := range s {
		vs[i] = measure(x)
	}
	slices.Sort(vs)
	return vs[len(vs)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
