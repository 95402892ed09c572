package exhibit

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCapsDocumented keeps docs/exhibits.md's table of caps in step with
// the constants.
func TestCapsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../docs/exhibits.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{
		itoa(MaxBytes>>20) + " MiB per file",
		itoa(MaxPages) + " pages per PDF",
		itoa(MaxAll) + " pages of exhibits per case file",
		itoa(MaxCount) + " per case file",
		itoa(MaxPixels/1_000_000) + " million pixels per image",
		itoa(MaxContent>>20) + " MiB of decompressed page content per PDF",
		"more than " + itoa(MaxSide) + " pixels on its longer side",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/exhibits.md does not say %q", want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
