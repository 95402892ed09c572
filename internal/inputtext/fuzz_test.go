package inputtext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzClean: what Clean accepts is NFC, without soft hyphens and without
// anything Escape would escape (line breaks and tabs only when multiline);
// Escape's output never holds such a character; neither panics.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Jane Doe", "Jane\rELIGIBLE", "J\x1b[8mane", "Nun\u0303ez", "x\u0353", "a\u202eb",
		"\u05e9\u05e8\u05d4", "a\u200bb", "Ann\u00adMarie", "a\r\nb\tc", "\xff\xfe", strings.Repeat("é", 5000), "\u0301"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		got, msg := Clean(s, multiline)
		if msg == "" && utf8.ValidString(s) {
			if !norm.NFC.IsNormalString(got) || strings.ContainsRune(got, softHyphen) {
				t.Fatalf("accepted %q as %q", s, got)
			}
			for _, r := range got {
				if unsafeRune(r) && !(multiline && (r == '\n' || r == '\t')) {
					t.Fatalf("accepted %U in %q", r, got)
				}
			}
		}
		if msg != "" && Escape(msg) != msg {
			t.Fatalf("the message needs escaping: %q", msg)
		}
		for _, r := range Escape(s) {
			if unsafeRune(r) || r == utf8.RuneError && !strings.ContainsRune(s, utf8.RuneError) {
				t.Fatalf("Escape(%q) holds %U", s, r)
			}
		}
	})
}
