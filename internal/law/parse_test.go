package law

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRef(t *testing.T) {
	type want struct {
		code, section string
		subs          []string
		degree        string
		attempt, cons bool
	}
	tests := []struct {
		in   string
		want want
	}{
		// Code first, code last, run together, spelled out.
		{"PC 459", want{code: "PC", section: "459"}},
		{"459 PC", want{code: "PC", section: "459"}},
		{"Pen. Code § 459", want{code: "PC", section: "459"}},
		{"Penal Code section 459", want{code: "PC", section: "459"}},
		{"Cal. Penal Code § 459", want{code: "PC", section: "459"}},
		{"section 459 of the Penal Code", want{code: "PC", section: "459"}},
		{"PC459", want{code: "PC", section: "459"}},
		{"459PC", want{code: "PC", section: "459"}},
		{"pc 459", want{code: "PC", section: "459"}},
		{"  PC   459  ", want{code: "PC", section: "459"}},
		{"PC 459.", want{code: "PC", section: "459"}},
		{"P.C. 459", want{code: "PC", section: "459"}},

		// Attempts and conspiracies.
		{"PC 664/211", want{code: "PC", section: "211", attempt: true}},
		{"PC 664-211", want{code: "PC", section: "211", attempt: true}},
		{"PC 664 / 211", want{code: "PC", section: "211", attempt: true}},
		{"664/211 PC", want{code: "PC", section: "211", attempt: true}},
		{"PC 187/664", want{code: "PC", section: "187", attempt: true}},
		{"PC 664(a)/187(a)", want{code: "PC", section: "187", subs: []string{"a"}, attempt: true}},
		{"PC 182/211", want{code: "PC", section: "211", cons: true}},
		{"PC 182(a)(1)/211", want{code: "PC", section: "211", cons: true}},
		{"PC 182/664/211", want{code: "PC", section: "211", cons: true, attempt: true}},
		{"PC 664", want{code: "PC", section: "664"}},
		{"PC 182(a)(1)", want{code: "PC", section: "182", subs: []string{"a", "1"}}},

		// Other codes and their spellings.
		{"VC 23152(a)", want{code: "VC", section: "23152", subs: []string{"a"}}},
		{"Veh. Code § 23152(b)", want{code: "VC", section: "23152", subs: []string{"b"}}},
		{"Vehicle Code 23152(b)", want{code: "VC", section: "23152", subs: []string{"b"}}},
		{"HS 11350(a)", want{code: "HS", section: "11350", subs: []string{"a"}}},
		{"H&S 11350(a)", want{code: "HS", section: "11350", subs: []string{"a"}}},
		{"H & S 11350", want{code: "HS", section: "11350"}},
		{"HSC 11350", want{code: "HS", section: "11350"}},
		{"Health & Saf. Code, § 11350", want{code: "HS", section: "11350"}},
		{"Health and Safety Code section 11350", want{code: "HS", section: "11350"}},
		{"11350(a) HS", want{code: "HS", section: "11350", subs: []string{"a"}}},
		{"B&P 4060", want{code: "BP", section: "4060"}},
		{"BP 4060", want{code: "BP", section: "4060"}},
		{"Bus. & Prof. Code § 25662", want{code: "BP", section: "25662"}},
		{"W&I 8100", want{code: "WI", section: "8100"}},
		{"WIC 8100", want{code: "WI", section: "8100"}},
		{"Welf. & Inst. Code, § 8103", want{code: "WI", section: "8103"}},
		{"GC 27204", want{code: "GC", section: "27204"}},
		{"MVC 1672(a)", want{code: "MV", section: "1672", subs: []string{"a"}}},
		{"Mil. & Vet. Code § 1672(a)", want{code: "MV", section: "1672", subs: []string{"a"}}},
		{"Fish & G. Code § 5650", want{code: "FG", section: "5650"}},
		{"Code Civ. Proc. § 527.6", want{code: "CCP", section: "527.6"}},
		{"Ins. Code § 1871.4", want{code: "IC", section: "1871.4"}},

		// Subdivisions.
		{"PC 245(a)(1)", want{code: "PC", section: "245", subs: []string{"a", "1"}}},
		{"PC 245 (a)(1)", want{code: "PC", section: "245", subs: []string{"a", "1"}}},
		{"PC 245(A)(1)", want{code: "PC", section: "245", subs: []string{"a", "1"}}},
		{"PC 245( a )( 1 )", want{code: "PC", section: "245", subs: []string{"a", "1"}}},
		{"PC 286(c)(2)(b)", want{code: "PC", section: "286", subs: []string{"c", "2", "B"}}},
		{"PC 667(e)(2)(C)(IV)(I)", want{code: "PC", section: "667", subs: []string{"e", "2", "C", "iv", "I"}}},
		{"PC 314(1)", want{code: "PC", section: "314", subs: []string{"1"}}},
		{"PC 288a(c)", want{code: "PC", section: "288a", subs: []string{"c"}}},
		{"PC 288A(c)", want{code: "PC", section: "288a", subs: []string{"c"}}},
		{"PC 1203.4a", want{code: "PC", section: "1203.4a"}},
		{"PC 12022.53(d)", want{code: "PC", section: "12022.53", subs: []string{"d"}}},
		{"HS 11360(a)(3)(A)", want{code: "HS", section: "11360", subs: []string{"a", "3", "A"}}},

		// Degrees.
		{"PC 459/460(a)", want{code: "PC", section: "459", degree: "first"}},
		{"PC 459/460(b)", want{code: "PC", section: "459", degree: "second"}},
		{"PC 459-460(B)", want{code: "PC", section: "459", degree: "second"}},
		{"PC 459/460", want{code: "PC", section: "459"}},
		{"PC 460(a)", want{code: "PC", section: "459", degree: "first"}},
		{"PC 459 (first degree)", want{code: "PC", section: "459", degree: "first"}},
		{"PC 459 2nd degree", want{code: "PC", section: "459", degree: "second"}},
		{"PC 459 (1st)", want{code: "PC", section: "459", degree: "first"}},
		{"459 PC first degree", want{code: "PC", section: "459", degree: "first"}},
		{"PC 664/459/460(a)", want{code: "PC", section: "459", degree: "first", attempt: true}},
		{"PC 211/212.5(c)", want{code: "PC", section: "211", degree: "second"}},
		{"PC 212.5(a)", want{code: "PC", section: "211", degree: "first"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRef(tt.in)
			if err != nil {
				t.Fatalf("ParseRef(%q): %v", tt.in, err)
			}
			got := want{r.Code, r.Section, r.Subdivisions, r.Degree, r.Attempt, r.Conspiracy}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseRef(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if r.Raw != tt.in {
				t.Errorf("Raw = %q, want %q", r.Raw, tt.in)
			}
		})
	}
}

func TestParseRefErrors(t *testing.T) {
	const hint = ` (expected a code and section, e.g. "PC 459" or "VC 23152(a)")`
	const known = " (known: PC, VC, HS, BP, WI, GC, MV, FG, CC, FC, LC, RT, UI, IC, ED, HN, PR, WC, CCP)"
	tests := []struct {
		in, msg     string
		unknownCode string
	}{
		{"", "empty offense" + hint, ""},
		{"   ", "empty offense" + hint, ""},
		{"XYZ 123", `unknown code abbreviation "XYZ" in "XYZ 123"` + known, "XYZ"},
		{"MC 10.20", `unknown code abbreviation "MC" in "MC 10.20"` + known, "MC"},
		{"123 XYZ", `unknown code abbreviation "XYZ" in "123 XYZ"` + known, "XYZ"},
		{"Foo Code, § 12", `unknown code abbreviation "Foo Code" in "Foo Code, § 12"` + known, "Foo Code"},
		{"459", `cannot read offense "459"` + hint, ""},
		{"PC", `cannot read offense "PC"` + hint, ""},
		{"burglary", `cannot read offense "burglary"` + hint, ""},
		{"PC 459 burglary", `cannot read offense "PC 459 burglary"` + hint, ""},
		{"PC 459 PC", `cannot read offense "PC 459 PC"` + hint, ""},
		{"PC 459/460(c)", `cannot read offense "PC 459/460(c)"` + hint, ""},
		{"PC 211/460(a)", `cannot read offense "PC 211/460(a)"` + hint, ""},
		{"PC 484/488", `cannot read offense "PC 484/488"` + hint, ""},
		{"PC 664/664/211", `cannot read offense "PC 664/664/211"` + hint, ""},
		{"PC 459 first second", `cannot read offense "PC 459 first second"` + hint, ""},
		{"PC 459 degree", `cannot read offense "PC 459 degree"` + hint, ""},
		{"PC 459/460(a) second degree", `cannot read offense "PC 459/460(a) second degree"` + hint, ""},
		{"PC 1/2/3/4/5", `cannot read offense "PC 1/2/3/4/5"` + hint, ""},
		{"PC 245(a)(1)(A)(i)(I)(a)(1)(A)(i)", `cannot read offense "PC 245(a)(1)(A)(i)(I)(a)(1)(A)(i)"` + hint, ""},
		{"PC 12345678901234567", `cannot read offense "PC 12345678901234567"` + hint, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRef(tt.in)
			if err == nil {
				t.Fatalf("ParseRef(%q) = %+v, want error", tt.in, r)
			}
			if err.Error() != tt.msg {
				t.Errorf("error = %q\nwant    %q", err.Error(), tt.msg)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is %T, want *ParseError", err)
			}
			if pe.UnknownCode != tt.unknownCode || pe.Input != tt.in {
				t.Errorf("ParseError = %+v, want UnknownCode %q, Input %q", pe, tt.unknownCode, tt.in)
			}
		})
	}

	long := "PC " + strings.Repeat("1", 300)
	if _, err := ParseRef(long); err == nil {
		t.Errorf("ParseRef(300 digits) succeeded")
	} else if len(err.Error()) > 200 {
		t.Errorf("error message for long input is %d bytes; want it shortened", len(err.Error()))
	}
}

func TestRefString(t *testing.T) {
	tests := []struct{ in, want, subs string }{
		{"pc 245 (A)(1)", "PC 245(a)(1)", "(a)(1)"},
		{"PC 664-211", "PC 664/211", ""},
		{"PC 182(a)(1)/211", "PC 182/211", ""},
		{"PC 664/182/211", "PC 182/664/211", ""},
		{"PC 459/460(a)", "PC 459 (first degree)", ""},
		{"PC 460(b)", "PC 459 (second degree)", ""},
		{"Health & Saf. Code, § 11350(a)", "HS 11350(a)", "(a)"},
		{"PC 288A(C)", "PC 288a(c)", "(c)"},
		{"PC 286(c)(2)(b)", "PC 286(c)(2)(B)", "(c)(2)(B)"},
	}
	for _, tt := range tests {
		r, err := ParseRef(tt.in)
		if err != nil {
			t.Fatalf("ParseRef(%q): %v", tt.in, err)
		}
		if got := r.String(); got != tt.want {
			t.Errorf("ParseRef(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if got := r.SubdivisionString(); got != tt.subs {
			t.Errorf("ParseRef(%q).SubdivisionString() = %q, want %q", tt.in, got, tt.subs)
		}
		back, err := ParseRef(r.String())
		if err != nil {
			t.Fatalf("ParseRef(%q) (round trip): %v", r.String(), err)
		}
		back.Raw = r.Raw
		if !reflect.DeepEqual(back, r) {
			t.Errorf("round trip of %q: got %+v, want %+v", tt.in, back, r)
		}
	}
}

func TestCodeName(t *testing.T) {
	tests := map[string]string{
		"PC": "Pen. Code", "pc": "Pen. Code", "Penal Code": "Pen. Code",
		"VC": "Veh. Code", "HS": "Health & Saf. Code", "H&S": "Health & Saf. Code",
		"BP": "Bus. & Prof. Code", "WI": "Welf. & Inst. Code", "WIC": "Welf. & Inst. Code",
		"GC": "Gov. Code", "MV": "Mil. & Vet. Code", "FG": "Fish & G. Code", "CC": "Civ. Code",
		"FC": "Fam. Code", "LC": "Lab. Code", "RT": "Rev. & Tax. Code", "UI": "Unemp. Ins. Code",
		"IC": "Ins. Code", "ED": "Ed. Code", "HN": "Harb. & Nav. Code", "PR": "Pub. Resources Code",
		"WC": "Wat. Code", "CCP": "Code Civ. Proc.",
		"XYZ": "", "": "", "MC": "",
	}
	for in, want := range tests {
		if got := CodeName(in); got != want {
			t.Errorf("CodeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKnownCodes checks that the list in error messages and the codes
// ParseRef knows are the same set.
func TestKnownCodes(t *testing.T) {
	for _, c := range strings.Split(KnownCodes, ", ") {
		if !isCanonicalCode(c) {
			t.Errorf("KnownCodes lists %q, which canonicalCode does not know", c)
		}
		if CodeName(c) == "" {
			t.Errorf("CodeName(%q) is empty", c)
		}
		r, err := ParseRef(c + " 100")
		if err != nil || r.Code != c {
			t.Errorf("ParseRef(%q) = %+v, %v", c+" 100", r, err)
		}
	}
}

func TestCite(t *testing.T) {
	tests := []struct {
		code, section string
		subs          []string
		want          string
	}{
		{"PC", "1203.4", []string{"(b)"}, "Pen. Code, § 1203.4, subd. (b)"},
		{"PC", "1203.4", []string{"(a)(1)"}, "Pen. Code, § 1203.4, subd. (a)(1)"},
		{"PC", "1203.4", []string{"(a)", "(1)"}, "Pen. Code, § 1203.4, subd. (a)(1)"},
		{"PC", "1203.4", []string{"b"}, "Pen. Code, § 1203.4, subd. (b)"},
		{"VC", "12810", nil, "Veh. Code, § 12810"},
		{"VC", "12810", []string{""}, "Veh. Code, § 12810"},
		{"HS", "11350", []string{"(a)"}, "Health & Saf. Code, § 11350, subd. (a)"},
		{"MV", "1672", []string{"(a)"}, "Mil. & Vet. Code, § 1672, subd. (a)"},
		{"XX", "1", nil, "XX, § 1"},
	}
	for _, tt := range tests {
		if got := Cite(tt.code, tt.section, tt.subs...); got != tt.want {
			t.Errorf("Cite(%q, %q, %q) = %q, want %q", tt.code, tt.section, tt.subs, got, tt.want)
		}
	}
}

func TestParseSubdivision(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"(a)", []string{"a"}, true},
		{"(a)(1)", []string{"a", "1"}, true},
		{"(c)(2)(B)", []string{"c", "2", "B"}, true},
		{"(1)", []string{"1"}, true},
		{"(A)(1)", nil, false},    // not normalised
		{"(c)(2)(b)", nil, false}, // not normalised
		{"a", nil, false},
		{"(a) ", nil, false},
		{"(first)", nil, false},
	}
	for _, tt := range tests {
		got, ok := parseSubdivision(tt.in)
		if ok != tt.ok || ok && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseSubdivision(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseRefRejectsStrayText(t *testing.T) {
	for _, in := range []string{"459 (1234) PC", "PC 459 é", "PC 459 burglary", "459 12 PC", "PC 459 ☃x"} {
		if r, err := ParseRef(in); err == nil {
			t.Errorf("ParseRef(%q) = %+v, want an error", in, r)
		}
	}
	for _, in := range []string{"PC 459 —", "PC 459 ."} {
		if _, err := ParseRef(in); err != nil {
			t.Errorf("ParseRef(%q): %v", in, err)
		}
	}
	long := "PC " + strings.Repeat("é", 100)
	_, err := ParseRef(long)
	if err == nil || !utf8.ValidString(err.Error()) || strings.Contains(err.Error(), `\x`) {
		t.Errorf("ParseRef(long non-ASCII) error = %q, want valid shortened text", err)
	}
}
