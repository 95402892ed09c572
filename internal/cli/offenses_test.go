package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestOffensesShowPropositions: `relief offenses` says which entries
// Proposition 47 (Pen. Code, § 1170.18) and Proposition 64 (Health & Saf.
// Code, § 11361.8) reach, in the detail view, the table and the JSON.
func TestOffensesShowPropositions(t *testing.T) {
	run := func(query string, asJSON bool) string {
		var out, errb bytes.Buffer
		opts := &OffensesOptions{Env: Env{Streams: Streams{Out: &out, Err: &errb}}, Query: query, JSON: asJSON}
		if err := offensesRun(opts); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	for _, tt := range []struct {
		query string
		json  bool
		want  string
	}{
		{"PC 496(a)", false, "Prop 47 offense: a felony conviction may be resentenced or redesignated a misdemeanor (PC 1170.18); only at a value of $950 or less"},
		{"HS 11350(a)", false, "Prop 47 offense"},
		{"HS 11359(b)", false, "Prop 64 cannabis offense"},
		{"PC 459.5", true, `"prop47": "yes"`},
		{"theft", false, "47?"},
	} {
		if got := run(tt.query, tt.json); !strings.Contains(got, tt.want) {
			t.Errorf("%s: output lacks %q:\n%s", tt.query, tt.want, got)
		}
	}
	if got := run("PC 211", false); strings.Contains(got, "Prop 47") || strings.Contains(got, "Prop 64") {
		t.Errorf("robbery marked as a proposition offense:\n%s", got)
	}
}
