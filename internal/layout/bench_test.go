package layout

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dismissalDocs reads testdata/dismissal: the documents of the dismissal
// packet of examples/cor-two-counties as draft hands them to Pages, each
// as NN.json (the document without its body) and NN.md (the rendered
// Markdown). The copy is frozen: it measures layout, it checks nothing.
func dismissalDocs(b testing.TB) []Document {
	b.Helper()
	metas, err := filepath.Glob("testdata/dismissal/*.json")
	if err != nil || len(metas) == 0 {
		b.Fatalf("no testdata/dismissal/*.json: %v", err)
	}
	var docs []Document
	for _, m := range metas {
		var d Document
		data, err := os.ReadFile(m)
		if err == nil {
			err = json.Unmarshal(data, &d)
		}
		if err == nil {
			d.Body, err = os.ReadFile(strings.TrimSuffix(m, ".json") + ".md")
		}
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkPagesDismissal lays out one dismissal packet (cover sheet,
// CR-180, CR-181, declaration, proof of service). Its B/op matters as
// much as its ns/op: a fresh process pays a page fault for every new
// 4 KiB it touches, so what layout allocates is what a cold relief draft
// pays for.
func BenchmarkPagesDismissal(b *testing.B) {
	docs := dismissalDocs(b)
	fr := frames(b)
	opt := Options{Draft: "DRAFT — for attorney review"}
	pages := 0
	b.ReportAllocs()
	for b.Loop() {
		pg, _, err := Pages(docs, fr, opt)
		if err != nil {
			b.Fatal(err)
		}
		pages += len(pg)
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
}
