package main

import (
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
	run := func(args ...string) time.Duration {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("relief %v: %v\n%s", args, err, out)
		}
		return time.Since(start)
	}
	for b.Loop() {
		var version, draft []time.Duration
		for i := range pairs {
			out := filepath.Join(dir, "out", string(rune('a'+i%26))+string(rune('0'+i/26)))
			version = append(version, run("version"))
			draft = append(draft, run("draft", caseFile, "-o", out, "--packet", "dismissal"))
		}
		v, d := median(version), median(draft)
		b.ReportMetric(float64(v.Microseconds())/1000, "version-ms")
		b.ReportMetric(float64(d.Microseconds())/1000, "draft-ms")
		b.ReportMetric(float64(d)/float64(v), "draft/version")
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
