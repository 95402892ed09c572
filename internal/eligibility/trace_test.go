package eligibility

import (
	"fmt"
	"testing"

	"github.com/reliefkit/relief/internal/date"
)

// TestTraceText: traceText says what fmt.Sprintf says, on the verbs and
// types it formats itself and on those it hands to fmt.
func TestTraceText(t *testing.T) {
	tests := []struct {
		format string
		args   []any
	}{
		{"no verbs at all", nil},
		{"", nil},
		{"%s", []any{"only"}},
		{"case %s count %d: %s is on the § 4852.01(c) list", []any{"c1", 2, "PC 459"}},
		{"%s + %d year(s) + 1 day = %s", []any{date.MustParse("2015-06-01"), 4, date.MustParse("2019-06-02")}},
		{"unset date: [%s]", []any{date.Date{}}},
		{"negative %d, zero %d", []any{-12, 0}},
		{"%s%s%d", []any{"a", "b", 1}},
		// Handed to fmt.
		{"100%% sure", nil},
		{"trailing %", nil},
		{"%q", []any{"quoted"}},
		{"%v and %s", []any{1, "x"}},
		{"outcome %s", []any{Eligible}},
		{"count %d", []any{int64(3)}},
		{"%s", []any{3}},
		{"missing %s and %s", []any{"one"}},
		{"extra %s", []any{"one", "two"}},
		{"%d", []any{"text"}},
		{"%x", []any{"ab"}},
		{"nil %s", []any{nil}},
	}
	for _, tt := range tests {
		want := fmt.Sprintf(tt.format, tt.args...)
		if got := traceText(tt.format, tt.args); got != want {
			t.Errorf("traceText(%q, %v) = %q, want %q", tt.format, tt.args, got, want)
		}
	}
}
