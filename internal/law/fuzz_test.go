package law

import (
	"errors"
	"reflect"
	"testing"
)

// FuzzParseRef checks that ParseRef never panics, that every failure is a
// *ParseError with a message, and that a parsed Ref's String parses back to
// the same Ref. Lookup and Search must not panic on what ParseRef accepts.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{
		"PC 459", "459 PC", "Pen. Code § 459", "Penal Code section 459", "PC459", "pc 459",
		"PC 664/211", "PC 664-211", "PC 182/211", "PC 182(a)(1)/211", "VC 23152(a)", "HS 11350(a)",
		"H&S 11350(a)", "HSC 11350", "B&P 4060", "BP 4060", "W&I 8100", "WIC 8100",
		"Veh. Code § 23152(b)", "Health & Saf. Code, § 11350", "PC 245(a)(1)", "PC 245 (a)(1)",
		"PC 245(A)(1)", "PC 459/460(a)", "PC 459 (first degree)", "PC 288a(c)", "459PC",
		"section 459 of the Penal Code", "PC 211/212.5(c)", "PC 667(e)(2)(C)(iv)(I)", "XYZ 123", "",
		"PC 459 burglary", "((((", "1/2/3", "PC 0(0)", "PC 1.2.3.4abc(a)", "PC 459 2nd deg.",
	} {
		f.Add(s)
	}
	tb := Default()
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || err.Error() == "" {
				t.Fatalf("ParseRef(%q): error %T %v, want *ParseError", s, err, err)
			}
			return
		}
		if r.Code == "" || r.Section == "" || !validSection(r.Section) {
			t.Fatalf("ParseRef(%q) = %+v: missing or bad code or section", s, r)
		}
		if _, ok := parseSubdivision(r.SubdivisionString()); !ok {
			t.Fatalf("ParseRef(%q) = %+v: subdivision %q is not normalised", s, r, r.SubdivisionString())
		}
		back, err := ParseRef(r.String())
		if err != nil {
			t.Fatalf("ParseRef(%q).String() = %q does not parse: %v", s, r.String(), err)
		}
		back.Raw = r.Raw
		if !reflect.DeepEqual(back, r) {
			t.Fatalf("round trip of %q via %q:\n got %+v\nwant %+v", s, r.String(), back, r)
		}
		m := tb.Lookup(r)
		if !m.KnownCode {
			t.Fatalf("Lookup(%q): KnownCode false for a parsed ref", s)
		}
		_ = tb.Search(s)
	})
}

func BenchmarkParseAndLookup(b *testing.B) {
	inputs := []string{
		"PC 459/460(b)", "Health & Saf. Code, § 11350(a)", "PC 245 (A)(1)", "VC 23152(b)",
		"PC 664/211", "PC 288a(c)", "459 PC", "PC 99999",
	}
	tb := Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r, err := ParseRef(inputs[i%len(inputs)])
		if err != nil {
			b.Fatal(err)
		}
		_ = tb.Lookup(r)
	}
}
