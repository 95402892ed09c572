package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/reliefkit/relief/internal/date"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/internal/tmpl"
)

// With two workers the results finish out of order (each item waits for
// the next one to start), yet emit sees them in input order.
func TestRunOrderWithTwoWorkers(t *testing.T) {
	const n = 20
	started := make([]chan struct{}, n+1)
	for i := range started {
		started[i] = make(chan struct{})
	}
	close(started[n])
	var running, most atomic.Int32
	do := func(i int) int {
		if r := running.Add(1); r > most.Load() {
			most.Store(r)
		}
		defer running.Add(-1)
		close(started[i])
		// Even items wait for the next item to start, so item i+1 often
		// finishes first.
		if i%2 == 0 {
			select {
			case <-started[i+1]:
			case <-time.After(5 * time.Second):
			}
		}
		return i * i
	}
	var got []int
	var progress []int
	Run(n, 2, do, func(i int, r int) {
		if r != i*i {
			t.Errorf("emit(%d, %d): wrong result", i, r)
		}
		got = append(got, i)
	}, func(done int) { progress = append(progress, done) })
	want := make([]int, n)
	for i := range want {
		want[i] = i
	}
	if !slices.Equal(got, want) {
		t.Errorf("emitted %v, want %v", got, want)
	}
	if len(progress) != n || progress[n-1] != n {
		t.Errorf("progress %v, want 1..%d", progress, n)
	}
	if most.Load() > 2 {
		t.Errorf("%d items ran at once with 2 workers", most.Load())
	}
}

func TestRunEdges(t *testing.T) {
	called := false
	Run(0, 4, func(int) int { called = true; return 0 }, func(int, int) { called = true }, nil)
	if called {
		t.Error("Run with no items called do or emit")
	}
	var got []int
	Run(3, 0, func(i int) int { return i }, func(i, r int) { got = append(got, r) }, nil)
	if !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("got %v", got)
	}
}

func TestKey(t *testing.T) {
	if Key("ab", "c") == Key("a", "bc") {
		t.Error("Key does not separate its parts")
	}
	// The SHA-256 of the 8-byte big-endian length 1 followed by "a": a
	// state file written by one build must be read the same by the next.
	sum := sha256.Sum256(append([]byte{0, 0, 0, 0, 0, 0, 0, 1}, 'a'))
	if got := Key("a"); got != hex.EncodeToString(sum[:]) {
		t.Errorf("Key(\"a\") = %s, want the SHA-256 of its length-prefixed part", got)
	}
}

func TestTemplatesDigest(t *testing.T) {
	base := fstest.MapFS{"dismissal/petition.md.tmpl": {Data: []byte("petition")}, "dismissal/packet.toml": {Data: []byte("x = 1")}}
	d1, err := TemplatesDigest(tmpl.NewSet(tmpl.Layer{Name: "built-in", FS: base}))
	if err != nil {
		t.Fatal(err)
	}
	// An override in a user layer, even with the same bytes, changes it
	// (the layer is part of what is drafted from); so does an edit.
	user := fstest.MapFS{"dismissal/petition.md.tmpl": {Data: []byte("petition")}}
	d2, _ := TemplatesDigest(tmpl.NewSet(tmpl.Layer{Name: "user", FS: user}, tmpl.Layer{Name: "built-in", FS: base}))
	edited := fstest.MapFS{"dismissal/petition.md.tmpl": {Data: []byte("petition!")}, "dismissal/packet.toml": {Data: []byte("x = 1")}}
	d3, _ := TemplatesDigest(tmpl.NewSet(tmpl.Layer{Name: "built-in", FS: edited}))
	if d1 == d2 || d1 == d3 || d2 == d3 {
		t.Errorf("digests not distinct: %s %s %s", d1, d2, d3)
	}
}

func TestRemedies(t *testing.T) {
	d := date.MustParse
	r := &eligibility.Report{
		Cases: []eligibility.Case{{Counts: []eligibility.Count{
			{Remedies: []eligibility.Finding{{Remedy: "17b", Outcome: eligibility.Discretionary}, {Remedy: "1203.4", Outcome: eligibility.NotYet, EligibleOn: d("2027-03-01")}}},
			{Remedies: []eligibility.Finding{{Remedy: "1203.4", Outcome: eligibility.NotYet, EligibleOn: d("2027-01-15")}, {Remedy: "1203.425", Outcome: eligibility.Review}}},
		}}},
		Arrests: []eligibility.Arrest{{Remedies: []eligibility.Finding{{Remedy: "851.91", Outcome: eligibility.Eligible}}}},
		Person:  eligibility.Person{Remedies: []eligibility.Finding{{Remedy: "cor", Outcome: eligibility.Ineligible}, {Remedy: "pardon", Outcome: eligibility.Discretionary, EligibleOn: d("2020-01-01")}}},
	}
	s, next := Remedies(r)
	if want := "17b discretionary; 1203.4 not_yet; 851.91 eligible; pardon discretionary"; s != want {
		t.Errorf("remedies %q, want %q", s, want)
	}
	if next.String() != "2027-01-15" {
		t.Errorf("next %s, want 2027-01-15 (the earliest not_yet date)", next)
	}
}

func TestSummary(t *testing.T) {
	rows := []Row{
		{Person: "a", Source: "a.toml", Status: StatusOK, Remedies: "1203.4 eligible; 17b discretionary", Packets: 1, Pages: 6},
		{Person: "b", Source: "roster.csv", Rows: "3-4", Status: StatusError, Error: `roster.csv:3: level: "x" is not one of felony`, Failure: BadInput},
		{Person: "c", Source: "c.toml", Status: StatusOK, Packets: 1, Pages: 6, Warnings: "c.toml:9: warning: exhibits[0] (x.pdf) is attached to no packet drafted"},
	}
	want := "person,source,rows,status,remedies,packets,pages,next_date,error,warnings\n" +
		"a,a.toml,,ok,1203.4 eligible; 17b discretionary,1,6,,,\n" +
		"b,roster.csv,3-4,error,,0,0,,\"roster.csv:3: level: \"\"x\"\" is not one of felony\",\n" +
		"c,c.toml,,ok,,1,6,,,c.toml:9: warning: exhibits[0] (x.pdf) is attached to no packet drafted\n"
	if got := string(SummaryCSVBytes(rows)); got != want {
		t.Errorf("summary.csv:\n%s\nwant:\n%s", got, want)
	}
	js, err := SummaryJSONBytes(rows)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`"rows": "3-4"`)) || bytes.Contains(js, []byte("Failure")) || bytes.Contains(js, []byte(`"next_date"`)) {
		t.Errorf("summary.json:\n%s", js)
	}
	dir := t.TempDir()
	if err := WriteSummary(dir, rows); err != nil {
		t.Fatal(err)
	}
	if err := WriteSummary(dir, rows[:1]); err != nil {
		t.Fatalf("a second summary must replace the first: %v", err)
	}
}

func TestState(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadState(dir)
	if err != nil || s.Len() != 0 || HasState(dir) {
		t.Fatalf("LoadState of an empty folder: %v %v", s, err)
	}
	person := filepath.Join(dir, "p")
	os.Mkdir(person, 0o700)
	os.WriteFile(filepath.Join(person, "a.pdf"), []byte("12345"), 0o600)
	e := Entry{Key: Key("k"), Status: StatusOK, Packets: 1, Pages: 3, Files: []FileInfo{NewFileInfo("a.pdf", []byte("12345"))}}
	w, err := NewStateWriter(dir, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Add("p", e); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, StateFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", st, err)
	}
	s2, err := LoadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := s2.Get("p")
	if !ok || got.Key != Key("k") || got.Pages != 3 {
		t.Fatalf("reloaded %+v %v", got, ok)
	}
	if !got.Intact(person) {
		t.Error("Intact = false for the files as written")
	}
	os.WriteFile(filepath.Join(person, "a.pdf"), []byte("12346"), 0o600)
	if got.Intact(person) {
		t.Error("Intact = true for a file edited to the same size")
	}
	os.WriteFile(filepath.Join(person, "a.pdf"), []byte("1234"), 0o600)
	if got.Intact(person) {
		t.Error("Intact = true for a truncated file")
	}
	os.Remove(filepath.Join(person, "a.pdf"))
	if got.Intact(person) {
		t.Error("Intact = true for a missing file")
	}
	s2.Close()
	// A state file in another format is ignored, not an error.
	os.WriteFile(filepath.Join(dir, StateFile), []byte(`{"version": 99}`), 0o600)
	if s3, err := LoadState(dir); err != nil || s3.Len() != 0 {
		t.Errorf("other version: %+v %v", s3, err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".relief-*.tmp")); len(m) > 0 {
		t.Errorf("temporary files left: %v", m)
	}
}

func TestProgressPlain(t *testing.T) {
	var b bytes.Buffer
	p := NewProgress(&b, 300, false, nil)
	for i := 1; i <= 300; i++ {
		p.Step(i)
		if i == 150 {
			p.Println("a message")
		}
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	want := []string{"batch: 30/300 people (10%)", "batch: 60/300 people (20%)", "batch: 90/300 people (30%)",
		"batch: 100/300 people (33%)", "batch: 120/300 people (40%)", "batch: 150/300 people (50%)", "a message",
		"batch: 180/300 people (60%)", "batch: 200/300 people (66%)", "batch: 210/300 people (70%)",
		"batch: 240/300 people (80%)", "batch: 270/300 people (90%)", "batch: 300/300 people (100%)"}
	if !slices.Equal(lines, want) {
		t.Errorf("progress:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	b.Reset()
	q := NewProgress(&b, 3, true, nil)
	q.Step(1)
	q.Println("still printed")
	q.Step(3)
	q.Finish()
	if b.String() != "still printed\n" {
		t.Errorf("quiet progress printed %q", b.String())
	}
}

func TestProgressTerminal(t *testing.T) {
	var b bytes.Buffer
	clock := time.Unix(0, 0)
	p := NewProgress(&b, 4, false, func() time.Time { return clock })
	p.SetTerminal(true)
	clock = clock.Add(time.Second)
	p.Step(1)
	p.Println("msg")
	p.Step(2)
	p.Finish()
	out := b.String()
	// The line is redrawn in place; a message clears it first.
	if !strings.Contains(out, "\r\x1b[K[##........] 1/4 people") || !strings.Contains(out, "\r\x1b[Kmsg\n") ||
		!strings.Contains(out, "[#####.....] 2/4 people") || !strings.HasSuffix(out, "\n") {
		t.Errorf("terminal progress: %q", out)
	}
	if got := Line(120, 300, 2*time.Second); got != "[####......] 120/300 people, 60.0/s, 3s left" {
		t.Errorf("Line = %q", got)
	}
	if got := Line(0, 300, 0); got != "[..........] 0/300 people" {
		t.Errorf("Line = %q", got)
	}
	if IsTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}

// A cell starting with a formula character is written as text (OWASP's
// CSV-injection rule), whatever column it is in.
func TestSummaryCSVInjection(t *testing.T) {
	rows := []Row{{Person: "-2+3", Source: "=cmd|' /C calc'!A0", Rows: "2", Status: StatusError,
		Error: "@SUM(1+1)*cmd|' /C calc'!A0"}, {Person: "b", Source: "\tx", Error: "\r=1", Remedies: "+1"}}
	got := string(SummaryCSVBytes(rows))
	want := "person,source,rows,status,remedies,packets,pages,next_date,error,warnings\n" +
		"'-2+3,'=cmd|' /C calc'!A0,2,error,,0,0,,'@SUM(1+1)*cmd|' /C calc'!A0,\n" +
		"b,'\tx,,,'+1,0,0,,\"'\r=1\",\n"
	if got != want {
		t.Errorf("summary.csv:\n%q\nwant:\n%q", got, want)
	}
	for _, c := range []struct{ in, want string }{{"", ""}, {"plain", "plain"}, {"a=b", "a=b"}, {"=1", "'=1"}, {"-", "'-"}, {"@x", "'@x"}} {
		if got := CSVCell(c.in); got != c.want {
			t.Errorf("CSVCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The summary names no absolute path: paths in the output folder become
// relative to it, others keep their last element.
func TestSummaryRelativePaths(t *testing.T) {
	dir := t.TempDir()
	rows := []Row{{Person: "p", Status: StatusError,
		Error: "safefile: a.pdf already exist(s) in " + filepath.Join(dir, "p") + "; open /home/clinic/templates/x.md.tmpl: denied (" + dir + "/q); signed /s/ Ann; PC 11357/11358"}}
	if err := WriteSummary(dir, rows); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{SummaryCSV, SummaryJSON} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(dir)) || bytes.Contains(b, []byte("/home/")) {
			t.Errorf("%s holds an absolute path:\n%s", name, b)
		}
		if !bytes.Contains(b, []byte("already exist(s) in p; open x.md.tmpl: denied (q); signed /s/ Ann; PC 11357/11358")) {
			t.Errorf("%s:\n%s", name, b)
		}
	}
	if rows[0].Error == "" || !strings.Contains(rows[0].Error, dir) {
		t.Error("WriteSummary changed the caller's rows")
	}
}
