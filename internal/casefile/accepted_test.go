package casefile

import (
	"errors"
	"strings"
	"testing"
)

// TestAcceptedInputs: case files for DEJ, Prop 64 reductions, other
// states' and federal convictions, Prop 47 values and fire-camp service
// load, an out-of-state or federal statute is not checked against
// California's codes, and the keys that go with them are checked.
func TestAcceptedInputs(t *testing.T) {
	calCheck := func(s string) error {
		if strings.HasPrefix(s, "PC ") || strings.HasPrefix(s, "HS ") {
			return nil
		}
		return errors.New("not a California code section")
	}
	head := "[petitioner]\nname = \"A\"\n"
	tests := []struct {
		name, src string
		wantErr   string // "" means it must load
	}{
		{"dej 1000.3", head + `[[cases]]
county = "Alameda"
conviction_date = 2010-01-01
[[cases.counts]]
offense = "HS 11350"
level = "felony"
[cases.sentence]
kind = "dej"
[cases.relief]
dismissed_on = 2011-06-01
dismissed_under = "1000.3"
`, ""},
		{"prop64 reduction", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "HS 11359"
level = "felony"
reduced_on = 2019-01-01
reduced_under = "prop64"
`, ""},
		{"other state", head + `[[cases]]
county = "Clark"
state = "NV"
jurisdiction = "other_state"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "NRS 205.060"
level = "felony"
`, ""},
		{"federal", head + `[[cases]]
county = "Los Angeles"
jurisdiction = "federal"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "18 U.S.C. § 1343"
level = "felony"
`, ""},
		{"prop47 value and fire camp", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "PC 496"
level = "felony"
property_value = 400
[cases.sentence]
kind = "prison"
fire_camp = true
`, ""},
		{"state on a California case", head + `[[cases]]
county = "Alameda"
state = "NV"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "PC 496"
level = "felony"
`, "cases[0].state: applies only to jurisdiction"},
		{"California offense still checked", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "NRS 205.060"
level = "felony"
`, "not a California code section"},
		{"negative value", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "PC 496"
level = "felony"
property_value = -5
`, "property_value: -5 is negative"},
		{"value with cents", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "PC 496"
level = "felony"
property_value = 950.50
`, "property_value: expected a whole number"},
		{"fire camp on probation", head + `[[cases]]
county = "Alameda"
conviction_date = 2012-01-01
[[cases.counts]]
offense = "PC 496"
level = "felony"
[cases.sentence]
kind = "probation"
fire_camp = true
`, "sentence.fire_camp: means service"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Decode("client.toml", []byte(tt.src), Options{CheckOffense: calCheck})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("want the file accepted, got %v", err)
				}
				if f.Cases[0].Jurisdiction == OtherState && f.Cases[0].State != "NV" {
					t.Errorf("state = %q", f.Cases[0].State)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("want an error containing %q, got %v", tt.wantErr, err)
			}
		})
	}
}
