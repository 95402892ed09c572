package date

import (
	"testing"
	"time"
)

func TestAddYears(t *testing.T) {
	tests := []struct {
		from  string
		years int
		want  string
	}{
		{"2015-06-01", 1, "2016-06-01"},
		{"2020-02-29", 1, "2021-03-01"}, // no leap day: the later reading
		{"2020-02-29", 4, "2024-02-29"},
		{"2019-02-28", 1, "2020-02-28"},
		{"2016-02-29", -1, "2015-03-01"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.from).AddYears(tt.years).String(); got != tt.want {
			t.Errorf("%s.AddYears(%d) = %s, want %s", tt.from, tt.years, got, tt.want)
		}
	}
}

func TestAfterLapse(t *testing.T) {
	tests := []struct {
		from  string
		years int
		want  string
	}{
		{"2015-06-01", 1, "2016-06-02"},
		{"2015-12-31", 2, "2018-01-01"},
		{"2020-02-29", 1, "2021-03-02"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.from).AfterLapse(tt.years).String(); got != tt.want {
			t.Errorf("%s.AfterLapse(%d) = %s, want %s", tt.from, tt.years, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2015-06-01", true},
		{"2024-02-29", true},
		{"2023-02-29", false},
		{"2023-02-30", false},
		{"2023-13-01", false},
		{"2023-6-1", false},
		{"06/01/2015", false},
		{"2015-06-01T00:00:00", false},
		{"", false},
	}
	for _, tt := range tests {
		d, err := Parse(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("Parse(%q) = %v, %v; want ok=%v", tt.in, d, err, tt.ok)
		}
		if tt.ok && d.String() != tt.in {
			t.Errorf("Parse(%q).String() = %q", tt.in, d)
		}
	}
}

func TestUnmarshalTOML(t *testing.T) {
	local := time.FixedZone("date-local", -8*3600)
	tests := []struct {
		name string
		in   any
		want string // "" means refused
	}{
		{"local date", time.Date(2015, 6, 1, 0, 0, 0, 0, local), "2015-06-01"},
		{"quoted date", "2015-06-01", "2015-06-01"},
		{"quoted impossible date", "2023-02-30", ""},
		{"datetime", time.Date(2015, 6, 1, 8, 30, 0, 0, time.UTC), ""},
		{"datetime with nanoseconds", time.Date(2015, 6, 1, 0, 0, 0, 1, time.UTC), ""},
		{"number", int64(20150601), ""},
		{"bool", true, ""},
	}
	for _, tt := range tests {
		var d Date
		err := d.UnmarshalTOML(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("%s: accepted as %s, want refused", tt.name, d)
		case tt.want != "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && d.String() != tt.want:
			t.Errorf("%s: got %s, want %s", tt.name, d, tt.want)
		}
	}
}

func TestFormatsAndOrder(t *testing.T) {
	a, b := MustParse("2015-06-01"), MustParse("2016-01-15")
	tests := []struct {
		name      string
		got, want any
	}{
		{"Long", a.Long(), "June 1, 2015"},
		{"zero String", Date{}.String(), ""},
		{"Before", a.Before(b), true},
		{"After", a.After(b), false},
		{"Compare", b.Compare(a), 1},
		{"DaysUntil", a.DaysUntil(b), 228},
		{"Max", Max(Date{}, a, b), b},
		{"Min", Min(b, Date{}, a), a},
		{"Min of none", Min(Date{}), Date{}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	for in, want := range map[string]string{
		"2023-02-30": "2023-02-30 is not a real date: February 2023 has 28 days",
		"2023-13-01": "2023-13-01 is not a real date: there is no month 13",
		"2023-01-00": "2023-01-00 is not a real date: there is no day 0",
		"01/02/2023": `"01/02/2023" is not a date; write dates as YYYY-MM-DD, like 2015-06-01`,
	} {
		if got := Explain(in); got != want {
			t.Errorf("Explain(%q) = %q, want %q", in, got, want)
		}
	}
}
