package cli

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/date"
)

// TestStarterShowsEveryKey: the full starter (relief init) shows every
// case-file key under its table, set or commented out with its
// explanation, so that a key added to the case file is not missing from
// what a new user starts from.
func TestStarterShowsEveryKey(t *testing.T) {
	b, err := starters.ReadFile("starters/dismissal.toml")
	if err != nil {
		t.Fatal(err)
	}
	header := regexp.MustCompile(`^\s*#?\s*\[\[?([a-z_.]+)\]\]?`)
	keyLine := regexp.MustCompile(`^\s*#?\s*([a-z_0-9]+) = \S`)
	explained := regexp.MustCompile(`^\s*#?\s*[a-z_0-9]+ = [^#]*#\s*\S`)
	shown := map[string]bool{}
	withWhy := map[string]bool{}
	table := ""
	for _, l := range strings.Split(string(b), "\n") {
		if m := header.FindStringSubmatch(l); m != nil {
			table = m[1]
			shown[table] = true
			continue
		}
		if m := keyLine.FindStringSubmatch(l); m != nil {
			k := m[1]
			if table != "" {
				k = table + "." + k
			}
			shown[k] = true
			withWhy[k] = withWhy[k] || explained.MatchString(l)
		}
	}
	for _, k := range caseFileKeys("", reflect.TypeFor[casefile.File]()) {
		if !shown[k] {
			t.Errorf("the dismissal starter does not show %s (set, or commented out with a one-line explanation)", k)
		}
	}
	// The keys added since the starter was first written are not
	// self-explanatory: each carries its one-line explanation.
	for _, k := range []string{"petitioner.language", "petitioner.cii", "status.death_sentence",
		"cases.state", "cases.offense_date", "cases.counts.property_value", "cases.counts.trafficking_victim",
		"cases.sentence.fire_camp", "cases.sentence.dej_granted_on", "cases.relief.automatic_relief_on",
		"statement.signed_on", "exhibits.file", "exhibits.title", "exhibits.packets"} {
		if !withWhy[k] {
			t.Errorf("the dismissal starter shows %s without a one-line explanation", k)
		}
	}
}

// caseFileKeys lists the dotted key of every case-file key under prefix.
func caseFileKeys(prefix string, t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "" || name == "-" {
			continue
		}
		k := name
		if prefix != "" {
			k = prefix + "." + name
		}
		out = append(out, k)
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[date.Date]() {
			out = append(out, caseFileKeys(k, ft)...)
		}
	}
	return out
}
