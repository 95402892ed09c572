package tmpl

import (
	"testing"

	"github.com/reliefkit/relief/internal/assemble"
	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/eligibility"
	"github.com/reliefkit/relief/templates"
)

// builtinDocs returns the documents of the first packet drafted for the
// example the draft benchmarks use.
func builtinDocs(tb testing.TB) []assemble.Doc {
	tb.Helper()
	f, err := casefile.Load("../../examples/probation-completed/case.toml", casefile.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	rep := eligibility.Check(f, eligibility.Options{AsOf: f.AsOf})
	packets, _, err := assemble.Build(f, &rep, assemble.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if len(packets) == 0 {
		tb.Fatal("no packets")
	}
	return packets[0].Docs
}

// builtinDoc returns the document of that packet rendered from path.
func builtinDoc(tb testing.TB, path string) assemble.Doc {
	tb.Helper()
	for _, d := range builtinDocs(tb) {
		if d.Template == path {
			return d
		}
	}
	tb.Fatalf("no document from %s", path)
	return assemble.Doc{}
}

// BenchmarkRenderBuiltin renders the built-in dismissal petition with one
// Set, as draft and batch do for every packet.
func BenchmarkRenderBuiltin(b *testing.B) {
	d := builtinDoc(b, "dismissal/petition.md.tmpl")
	s := NewSet(Layer{Name: "built-in", FS: templates.FS})
	if _, err := s.Render(d.Template, d.Data, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Render(d.Template, d.Data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderBuiltinParallel renders it from every core at once with
// one Set, as draft does with its workers.
func BenchmarkRenderBuiltinParallel(b *testing.B) {
	d := builtinDoc(b, "dismissal/petition.md.tmpl")
	s := NewSet(Layer{Name: "built-in", FS: templates.FS})
	if _, err := s.Render(d.Template, d.Data, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Render(d.Template, d.Data, Options{}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRenderBuiltinCold renders it once with a new Set each time,
// as a single command or lint does: nothing is parsed yet.
func BenchmarkRenderBuiltinCold(b *testing.B) {
	d := builtinDoc(b, "dismissal/petition.md.tmpl")
	b.ReportAllocs()
	for b.Loop() {
		s := NewSet(Layer{Name: "built-in", FS: templates.FS})
		if _, err := s.Render(d.Template, d.Data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFuncs makes the function map of one run.
func BenchmarkFuncs(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = (&run{max: defaultMaxOutput, maxValue: defaultMaxOutput}).funcs()
	}
}
