package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"kitten", "sitting", 3},
		{"nmae", "name", 1}, {"", "abc", 3}, {"Fresno", "Fersno", 1},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"name", "dob", "address", "Los Angeles", "San Bernardino"}
	for in, want := range map[string]string{
		"nmae": "name", "adress": "address", "los angles": "Los Angeles",
		"san bernadino": "San Bernardino", "xyz": "", "do": "dob", "zzzzzzzz": "",
	} {
		if got := Closest(in, cands); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}
