package casefile

import (
	"os"
	"testing"
)

// BenchmarkDecode is what `relief draft` of the cold-start example
// (cmd/relief's BenchmarkColdStart) spends reading its case file, warm:
// parsing, decoding into File and validating.
func BenchmarkDecode(b *testing.B) {
	data, err := os.ReadFile("../../examples/cor-two-counties/case.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode("case.toml", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
