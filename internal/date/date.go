// Package date is a calendar date without time of day or time zone, with the
// arithmetic California's relief statutes need ("after the lapse of one
// year", "more than two years"). It never reads the clock: "today" is always
// passed in by the caller.
package date

import (
	"fmt"
	"time"
)

// Date is a calendar day. The zero value means "not given".
type Date struct {
	t time.Time // always midnight UTC; zero when unset
}

// Of returns the date y-m-d. It panics on no input; use Parse for user text.
func Of(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// FromTime keeps the calendar day of t as seen in t's own location.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	return Of(y, m, d)
}

// Parse reads an ISO 8601 calendar date (YYYY-MM-DD) and rejects impossible
// days such as 2023-02-30.
func Parse(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// Explain says, for a person, why s is not a date: an impossible month or
// day ("2023-02-30 is not a real date: February 2023 has 28 days"), or the
// wrong form.
func Explain(s string) string {
	var y, m, d int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n == 3 && len(s) == 10 {
		switch {
		case m < 1 || m > 12:
			return fmt.Sprintf("%s is not a real date: there is no month %d", s, m)
		case d < 1:
			return fmt.Sprintf("%s is not a real date: there is no day %d", s, d)
		default:
			if last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d > last {
				return fmt.Sprintf("%s is not a real date: %s %d has %d days", s, time.Month(m), y, last)
			}
		}
	}
	return fmt.Sprintf("%q is not a date; write dates as YYYY-MM-DD, like 2015-06-01", s)
}

// The range of dates relief accepts from input. Nothing it deals with
// happened before 1900 or will happen after 2100, and excluding year 1 keeps
// the zero Date ("not given") from ever being given: 0001-01-01 and
// 0000-01-01 are refused, not taken as absent.
var (
	Earliest = Of(1900, time.January, 1)
	Latest   = Of(2100, time.December, 31)
)

// RangeError is CheckRange's error: a date outside Earliest to Latest.
type RangeError struct{ Date Date }

func (e *RangeError) Error() string {
	return fmt.Sprintf("%s is outside the dates relief accepts (%s to %s)", e.Date.t.Format(time.DateOnly), Earliest, Latest)
}

// CheckRange returns a *RangeError when d is before Earliest or after
// Latest (the zero Date included), else nil.
func CheckRange(d Date) error {
	if d.Before(Earliest) || d.After(Latest) {
		return &RangeError{d}
	}
	return nil
}

// ParseInRange is Parse followed by CheckRange: it reads a date given by a
// person (a flag, a roster cell) and refuses one outside the range.
func ParseInRange(s string) (Date, error) {
	d, err := Parse(s)
	if err != nil {
		return Date{}, err
	}
	if err := CheckRange(d); err != nil {
		return Date{}, err
	}
	return d, nil
}

// MustParse is Parse for literals in tests and tables; it panics on error.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// Long formats the date as courts write it: "June 1, 2015".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("January 2, 2006")
}

// Year returns the calendar year.
func (d Date) Year() int { return d.t.Year() }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// Equal reports whether d and e are the same day.
func (d Date) Equal(e Date) bool { return d.t.Equal(e.t) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddYears returns the same month and day n years later. February 29 moves
// to March 1 when the target year has no leap day, which is the later (and
// so the safer) reading of "n years after".
func (d Date) AddYears(n int) Date {
	y, m, day := d.t.Date()
	return Date{time.Date(y+n, m, day, 0, 0, 0, 0, time.UTC)} // time.Date normalises Feb 29 → Mar 1
}

// AddMonths returns the same day n months later, normalising overflow
// (January 31 + 1 month is March 3 or 2) the way time.AddDate does.
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// AfterLapse returns the first day on which more than n years have passed
// since d: AddYears(n) plus one day. Statutes that say "after the lapse of"
// or "more than" n years are satisfied only from this day on.
func (d Date) AfterLapse(years int) Date { return d.AddYears(years).AddDays(1) }

// DaysUntil returns the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.t.Sub(d.t).Hours() / 24)
}

// Max returns the latest of the given dates, ignoring unset ones; the result
// is unset when all are.
func Max(ds ...Date) Date {
	var m Date
	for _, d := range ds {
		if !d.IsZero() && (m.IsZero() || d.After(m)) {
			m = d
		}
	}
	return m
}

// Min returns the earliest of the given dates, ignoring unset ones.
func Min(ds ...Date) Date {
	var m Date
	for _, d := range ds {
		if !d.IsZero() && (m.IsZero() || d.Before(m)) {
			m = d
		}
	}
	return m
}

// MarshalText writes YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// UnmarshalTOML accepts a TOML local date (2015-06-01) or, for people who
// quote it, the same date as a string. Date-times are refused: a case file
// records days, not instants.
func (d *Date) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			return fmt.Errorf("expected a date like 2015-06-01, found a date and time")
		}
		*d = FromTime(x)
		return nil
	case string:
		return d.UnmarshalText([]byte(x))
	default:
		return fmt.Errorf("expected a date like 2015-06-01, found %T", v)
	}
}
