package cli

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/reliefkit/relief/internal/batch"
)

// skippedRoster writes a roster of n one-row people, each still on
// probation on 2026-11-26 (status skipped: checked and drafted, but no
// PDF), the cheapest person that goes through the whole run and into the
// state file.
func skippedRoster(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "person_id,name,dob,address,city,zip,case_id,county,case_number,conviction_date,offense,level,sentence_kind,probation_end")
	for i := range n {
		fmt.Fprintf(w, "p%07d,James Okafor,1992-01-05,410 K Street,Sacramento,95814,sac-2024,Sacramento,24FE%06d,2024-02-10,PC 484(a),misdemeanor,probation,2027-02-09\n", i, i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// liveHeapAtEnd runs a batch over a roster of n people twice (a first run
// and a re-run, which reads the state the first wrote) and returns the
// largest live heap measured as the middle and the last person are
// reported, when everything the run keeps about the people is held.
func liveHeapAtEnd(t *testing.T, n int) uint64 {
	dir := t.TempDir()
	in := filepath.Join(dir, "roster.csv")
	skippedRoster(t, in, n)
	out := filepath.Join(dir, "out")
	var peak uint64
	batch.SetEmitHook(func(i int) {
		if i == n/2 || i == n-1 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	})
	defer batch.SetEmitHook(nil)
	for range 2 {
		opts, msgs := batchOpts(t, in, out, 2)
		if err := batchRun(opts); err != nil {
			t.Fatalf("batch: %v\n%s", err, msgs)
		}
	}
	return peak
}

// TestBatchMemoryFlat: what a batch holds does not grow with the people
// in it. Ten times the people may cost a small index (the roster's ids
// and row places, the state's names: well under 150 bytes a person), not
// a record per person: the run before the roster was streamed held about
// 650 bytes a person, which fails this test by a factor of four.
func TestBatchMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("drafts 22,000 people")
	}
	small := liveHeapAtEnd(t, 1000)
	large := liveHeapAtEnd(t, 10000)
	grew := int64(large) - int64(small)
	t.Logf("live heap: %d KB for 1,000 people, %d KB for 10,000 (%d bytes a person more)", small>>10, large>>10, grew/9000)
	if grew > 9000*150 {
		t.Errorf("the live heap grew by %d KB for 9,000 more people (%d bytes a person)", grew>>10, grew/9000)
	}
}

// BenchmarkBatchRoster measures a batch over a roster of 2,000 people who
// are all skipped: the per-person machinery of batch (the roster index, the
// state, the summary) rather than PDF drafting.
func BenchmarkBatchRoster(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "roster.csv")
	skippedRoster(b, in, 2000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		opts, msgs := batchOpts(b, in, filepath.Join(dir, fmt.Sprint("out", i)), 2)
		if err := batchRun(opts); err != nil {
			b.Fatalf("batch: %v\n%s", err, msgs)
		}
	}
}
