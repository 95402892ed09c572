package date

import (
	"errors"
	"testing"
)

// Only dates from 1900 to 2100 are accepted, so the zero Date ("not
// given") can never come from input.
func TestRange(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"1900-01-01", true}, {"2100-12-31", true}, {"2026-11-26", true},
		{"1899-12-31", false}, {"2101-01-01", false}, {"0001-01-01", false}, {"0000-01-01", false},
	} {
		d, err := ParseInRange(c.s)
		var re *RangeError
		switch {
		case c.ok && (err != nil || d.String() != c.s):
			t.Errorf("ParseInRange(%s) = %v, %v", c.s, d, err)
		case !c.ok && !errors.As(err, &re):
			t.Errorf("ParseInRange(%s) = %v, %v; want a RangeError", c.s, d, err)
		case !c.ok && err.Error() != c.s+" is outside the dates relief accepts (1900-01-01 to 2100-12-31)":
			t.Errorf("message %q", err)
		}
	}
	if CheckRange(Date{}) == nil {
		t.Error("the zero Date is in range")
	}
	if _, err := ParseInRange("2026-02-30"); err == nil {
		t.Error("an impossible day passed")
	}
}
