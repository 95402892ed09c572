package inputtext

import (
	"strings"
	"testing"
)

func TestCleanNormalises(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Nun\u0303ez", "Nuñez"},           // NFD tilde joins its letter
		{"Jos\u00e9", "José"},              // already NFC
		{"Ann\u00adMarie", "AnnMarie"},     // soft hyphen dropped
		{"Zo\u0065\u0301", "Zoé"},          // e + combining acute
		{"O'Brien-Smith", "O'Brien-Smith"}, // ASCII untouched
		{"Łukasz Żółć", "Łukasz Żółć"},     // precomposed Latin extended
	} {
		got, msg := Clean(c.in, false)
		if msg != "" || got != c.want {
			t.Errorf("Clean(%q) = %q, %q; want %q", c.in, got, msg, c.want)
		}
	}
	got, msg := Clean("line one\r\nline two\ttabbed", true)
	if msg != "" || got != "line one\nline two\ttabbed" {
		t.Errorf("multi-line: %q %q", got, msg)
	}
}

func TestCleanRefuses(t *testing.T) {
	for _, c := range []struct {
		in        string
		multiline bool
		want      string
	}{
		{"Jane\rELIGIBLE", false, "contains a line break"},
		{"Jane\nDoe", false, "contains a line break"},
		{"Jane\tDoe", false, "contains a tab"},
		{"Jane\x1b[8mDoe", false, "control character U+001B"},
		{"Jane\x1b[8mDoe", true, "control character U+001B"},
		{"a\rb", true, "line separator U+000D"},
		{"Jane\u0085Doe", false, "line break"},
		{"Jane\u009bDoe", false, "control character U+009B"},
		{"Jane\u202eeoD", false, "bidirectional control U+202E"},
		{"Jane\u2066Doe", true, "bidirectional control U+2066"},
		{"Ja\u200bne", false, "zero-width character U+200B"},
		{"Ja\ufeffne", false, "zero-width character U+FEFF"},
		{"Jane\u2062Doe", false, "formatting character U+2062"},
		{"\u05e9\u05e8\u05d4", false, "Hebrew text"},
		{"Ali \u0639\u0644\u064a", false, "Arabic text"},
		{"x\u0353y", false, "combining mark U+0353"}, // no precomposed x with it
		{"\u0301start", false, "combining mark U+0301"},
		{"Jane\u2028Doe", true, "line separator U+2028"},
	} {
		_, msg := Clean(c.in, c.multiline)
		if !strings.Contains(msg, c.want) {
			t.Errorf("Clean(%q, %v) = %q; want it to say %q", c.in, c.multiline, msg, c.want)
		}
		if strings.ContainsAny(msg, "\r\n\x1b\u202e\u2066") {
			t.Errorf("the message for %q holds raw control characters: %q", c.in, msg)
		}
	}
	_, msg := Clean("Jane Q. Public\x1b", false)
	if !strings.Contains(msg, `contains the control character U+001B at character 15 (after "Jane Q. Public"); it would act`) {
		t.Errorf("position: %q", msg)
	}
}

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Nuñez", "Nuñez"},
		{"a\rELIGIBLE", `a\x0dELIGIBLE`},
		{"\x1b[8mhidden", `\x1b[8mhidden`},
		{"x\u202ey", `x\u202ey`},
		{"x\u009by", `x\u009by`},
		{"bad \xff byte", `bad \xff byte`},
		{"U\x00T\x00F", `U\x00T\x00F`},
		{"x\u200by", `x\u200by`},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := EscapeLines("one\x1b\ntwo\r"); got != "one\\x1b\ntwo\\x0d" {
		t.Errorf("EscapeLines = %q", got)
	}
}
