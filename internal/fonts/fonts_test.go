package fonts

import (
	"math"
	"testing"
)

func TestWidthMatchesTimesMetrics(t *testing.T) {
	// Liberation Serif is metrically compatible with Times New Roman, whose
	// AFM widths are per 1000 em: space 250, "H" 722, "i" 278.
	for _, tc := range []struct {
		s    string
		want float64
	}{
		{" ", 250}, {"H", 722}, {"i", 278}, {"Hi", 1000},
	} {
		got := Width(Serif, 1000, tc.s)
		if math.Abs(got-tc.want) > 1 {
			t.Errorf("Width(Serif, 1000, %q) = %.1f, want %.0f", tc.s, got, tc.want)
		}
	}
	// Arial/Helvetica: "H" 722, "i" 222.
	if got := Width(Sans, 1000, "i"); math.Abs(got-222) > 1 {
		t.Errorf("Width(Sans, 1000, i) = %.1f, want 222", got)
	}
}

func TestCoverage(t *testing.T) {
	for _, s := range []string{"Nguyễn Thị Hồng", "José Muñoz", "§ 1203.4 — “quoted”"} {
		if r, bad := Missing(Serif, s); bad {
			t.Errorf("Missing(Serif, %q) = %q, want every rune covered", s, r)
		}
	}
	if r, bad := Missing(Serif, "王小明"); !bad || r != '王' {
		t.Errorf("Missing(Serif, CJK) = %q, %v; want 王, true", r, bad)
	}
}

func TestStyledAndParse(t *testing.T) {
	if got := Sans.Styled(true, true); got != SansBoldItalic {
		t.Errorf("Sans.Styled(bold, italic) = %v", got)
	}
	if got := SerifBold.Styled(false, true); got != SerifItalic {
		t.Errorf("SerifBold.Styled(false, italic) = %v", got)
	}
	for _, f := range All() {
		if g, ok := Parse(f.String()); !ok || g != f {
			t.Errorf("Parse(%q) = %v, %v", f.String(), g, ok)
		}
	}
	if Ascent(Serif, 12) <= 0 || Descent(Serif, 12) <= 0 {
		t.Errorf("ascent/descent not positive: %v %v", Ascent(Serif, 12), Descent(Serif, 12))
	}
}

func BenchmarkWidth(b *testing.B) {
	s := "The petitioner respectfully asks the court to dismiss the conviction under Penal Code section 1203.4."
	for b.Loop() {
		Width(Serif, 12, s)
	}
}
