package law

import (
	"strings"
	"testing"
)

// The subdivisions below are read from the statutes' text: Pen. Code § 459
// has (a) (the burglary) and (b) (a structure damaged by a disaster) in the
// current code; §§ 211, 240, 242 and 488 are single paragraphs; Veh. Code
// § 23152 runs from (a) to (g).
func TestSubdivisionProblem(t *testing.T) {
	tb := Default()
	tests := []struct {
		ref  string
		want string // a part of the message; "" for no problem
	}{
		{"PC 459", ""},
		{"PC 459(a)", ""},
		{"PC 459(b)", ""},
		{"PC 459(c)", "PC 459 has no subdivision (c); its subdivisions are (a) and (b)"},
		{"459(C) PC", "PC 459 has no subdivision (c)"},
		{"PC 664/459(d)", "PC 459 has no subdivision (d)"},
		{"PC 211(a)", "PC 211 has no subdivisions"},
		{"PC 242(b)", "PC 242 has no subdivisions"},
		{"PC 240(a)", "PC 240 has no subdivisions"},
		{"PC 488(a)", "PC 488 has no subdivisions"},
		{"VC 23152(g)", ""},
		{"VC 23152(f)", ""},
		{"VC 23152(h)", "VC 23152 has no subdivision (h); its subdivisions are (a), (b), (c), (d), (e), (f) and (g)"},
		// Sections whose subdivisions the table does not record are not
		// second-guessed: § 245 has more subdivisions than the table lists.
		{"PC 245(z)", ""},
		{"HS 11350(q)", ""},
	}
	for _, tt := range tests {
		got := tb.SubdivisionProblem(mustParse(t, tt.ref))
		switch {
		case tt.want == "" && got != "":
			t.Errorf("%s: unexpected problem %q", tt.ref, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("%s: problem %q, want it to contain %q", tt.ref, got, tt.want)
		}
	}
}

func TestSubdivisionsText(t *testing.T) {
	for ref, want := range map[string]string{"PC 459": "(a) and (b)", "PC 211": "none", "PC 245": ""} {
		m := Default().Lookup(mustParse(t, ref))
		if m.Offense == nil {
			t.Fatalf("%s not in the table", ref)
		}
		if got := m.Offense.SubdivisionsText(); got != want {
			t.Errorf("%s: %q, want %q", ref, got, want)
		}
	}
}
