package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/reliefkit/relief/internal/batch"
	"github.com/reliefkit/relief/internal/draft"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/golden"
)

// batchOpts returns options for a quiet batch of in into out as of
// 2026-11-26; the wall clock must not be read.
func batchOpts(tb testing.TB, in, out string, jobs int) (*BatchOptions, *bytes.Buffer) {
	var buf bytes.Buffer
	now := func() time.Time {
		tb.Fatal("the wall clock was read")
		return time.Time{}
	}
	return &BatchOptions{Env: Env{Streams: Streams{Out: &buf, Err: &buf}, Now: now},
		Request: batch.Request{Flags: draft.Flags{AsOf: "2026-11-26", Sign: "typed"}, Input: in, OutDir: out, Jobs: jobs, Quiet: true}}, &buf
}

// TestRosterExample drafts examples/roster/roster.csv and compares the
// summary with examples/roster/summary.csv.
func TestRosterExample(t *testing.T) {
	out := t.TempDir()
	opts, msgs := batchOpts(t, "../../examples/roster/roster.csv", out, 2)
	if err := batchRun(opts); err != nil {
		t.Fatalf("batch: %v\n%s", err, msgs)
	}
	got, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "../../examples/roster/summary.csv", got)
}

// people writes n generated case files into dir: varied names, counties,
// offenses and one to three cases, every one with probation completed, so
// each person gets one dismissal packet per case.
func people(tb testing.TB, dir string, n int) {
	tb.Helper()
	first := []string{"Ana", "Ben", "Chloe", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jada", "Kofi", "Lena"}
	last := []string{"Alvarez", "Brooks", "Chen", "Diaz", "Evans", "Fofanah", "Garcia", "Huang", "Ibarra", "Jones", "Kim"}
	counties := []string{"Alameda", "Fresno", "Sacramento", "San Diego", "Los Angeles", "Santa Clara", "Kern"}
	offenses := [][2]string{{"PC 602", "misdemeanor"}, {"PC 484(a)", "misdemeanor"}, {"PC 148(a)(1)", "misdemeanor"},
		{"VC 23152(b)", "misdemeanor"}, {"PC 459/460(b)", "felony"}, {"HS 11377(a)", "misdemeanor"}}
	for i := range n {
		var b bytes.Buffer
		fmt.Fprintf(&b, "[petitioner]\nname = %q\ndob = 19%02d-%02d-%02d\naddress = \"%d Main Street\"\ncity = \"Oakland\"\nzip = \"94612\"\n",
			first[i%len(first)]+" "+last[(i/len(first))%len(last)], 60+i%30, 1+i%12, 1+i%28, 100+i)
		fmt.Fprintf(&b, "\n[statement]\nreasons = \"Work as a nurse.\"\n")
		for c := range 1 + i%3 {
			year := 2008 + (i+c*3)%10
			fmt.Fprintf(&b, "\n[[cases]]\nid = \"c%d\"\ncounty = %q\ncase_number = \"%d-CR-%05d\"\nconviction_date = %d-%02d-15\n",
				c+1, counties[(i+c)%len(counties)], year%100, i*10+c, year, 1+(i+c)%12)
			for k := range 1 + (i+c)%2 {
				o := offenses[(i+c+k)%len(offenses)]
				fmt.Fprintf(&b, "\n  [[cases.counts]]\n  offense = %q\n  level = %q\n", o[0], o[1])
			}
			fmt.Fprintf(&b, "\n  [cases.sentence]\n  kind = \"probation\"\n  probation_end = %d-%02d-15\n", year+3, 1+(i+c)%12)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("person-%05d.toml", i)), b.Bytes(), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
}

// TestBatchOrder: with one worker or several, the summary lists people in
// input order and the PDFs are the same bytes.
func TestBatchOrder(t *testing.T) {
	in := t.TempDir()
	people(t, in, 12)
	var summaries [][]byte
	var outs []string
	for _, jobs := range []int{1, 2, 5} {
		out := t.TempDir()
		opts, msgs := batchOpts(t, in, out, jobs)
		if err := batchRun(opts); err != nil {
			t.Fatalf("-j %d: %v\n%s", jobs, err, msgs)
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
		if err != nil {
			t.Fatal(err)
		}
		summaries = append(summaries, b)
		outs = append(outs, out)
	}
	recs, err := csv.NewReader(bytes.NewReader(summaries[0])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 13 {
		t.Fatalf("%d summary lines, want 13", len(recs))
	}
	for i, r := range recs[1:] {
		if want := fmt.Sprintf("person-%05d", i); r[0] != want || r[3] != "ok" {
			t.Errorf("summary row %d: %v, want %s ok", i+1, r, want)
		}
	}
	for i := 1; i < len(summaries); i++ {
		if !bytes.Equal(summaries[0], summaries[i]) {
			t.Errorf("summary differs between -j 1 and run %d:\n%s\n%s", i, summaries[0], summaries[i])
		}
		for _, f := range []string{"person-00005/dismissal-c1.pdf", "person-00005/dismissal-c3.pdf", "person-00011/manifest.json"} {
			a, _ := os.ReadFile(filepath.Join(outs[0], f))
			b, err := os.ReadFile(filepath.Join(outs[i], f))
			if err != nil || len(a) == 0 || !bytes.Equal(a, b) {
				t.Errorf("%s differs between runs (%v)", f, err)
			}
		}
	}
}

// BenchmarkBatch drafts 50 generated people with 1 and 2 workers, the whole
// path: read, check, draft, write (with fsync) and summary. Besides ns/op,
// B/op and allocs/op (per batch of 50), it reports pages/s, ms/packet and
// the bytes and allocations per packet.
func BenchmarkBatch(b *testing.B) {
	defer TuneGC()()
	in := b.TempDir()
	people(b, in, 50)
	for _, jobs := range []int{1, 2} {
		b.Run("j"+strconv.Itoa(jobs), func(b *testing.B) {
			out := b.TempDir()
			opts, msgs := batchOpts(b, in, out, jobs)
			opts.Force = true
			var pages, packets int
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			for b.Loop() {
				msgs.Reset()
				if err := batchRun(opts); err != nil {
					b.Fatalf("%v\n%s", err, msgs)
				}
				if pages == 0 {
					pages, packets = summaryTotals(b, out)
				}
			}
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			n := float64(b.N)
			b.ReportMetric(float64(pages)*n/elapsed.Seconds(), "pages/s")
			b.ReportMetric(elapsed.Seconds()*1000/(n*float64(packets)), "ms/packet")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(n*float64(packets)), "B/packet")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/(n*float64(packets)), "allocs/packet")
		})
	}
}

// summaryTotals adds up the pages and packets in out/summary.csv.
func summaryTotals(tb testing.TB, out string) (pages, packets int) {
	b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs[1:] {
		n, _ := strconv.Atoi(r[5])
		p, _ := strconv.Atoi(r[6])
		packets += n
		pages += p
	}
	return pages, packets
}

// BenchmarkCheck10000Files measures checking 10,000 small case files on
// disk: read, decode, validate and check each, with no output formatting.
func BenchmarkCheck10000Files(b *testing.B) {
	dir := b.TempDir()
	people(b, dir, 10000)
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	paths := make([]string, len(entries))
	for i, e := range entries {
		paths[i] = filepath.Join(dir, e.Name())
	}
	env := Env{Now: func() time.Time { b.Fatal("the wall clock was read"); return time.Time{} }}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			f, asOf, err := loadCase(env, p, "2026-11-26")
			if err != nil {
				b.Fatal(err)
			}
			eligibility.Check(f, eligibility.Options{AsOf: asOf})
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/10000files")
}

// BenchmarkCheckRun10000Files measures `relief check` itself on 10,000
// files: parallel decode and check, the text report written in order.
func BenchmarkCheckRun10000Files(b *testing.B) {
	dir := b.TempDir()
	people(b, dir, 10000)
	paths, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil || len(paths) != 10000 {
		b.Fatalf("%d files, %v", len(paths), err)
	}
	env := Env{Streams: Streams{Out: io.Discard, Err: io.Discard}, Now: func() time.Time { b.Fatal("the wall clock was read"); return time.Time{} }}
	b.ReportAllocs()
	for b.Loop() {
		if err := checkRun(&CheckOptions{Env: env, Paths: paths, AsOf: "2026-11-26"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/10000files")
}
