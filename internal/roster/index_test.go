package roster

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

// indexRoster has a person whose rows are apart, a quoted line break, a
// row naming nobody, ids that differ only in case, and a blank line.
const indexRoster = "person_id,name,case_id,county,conviction_date,offense,level\n" +
	"a,Ann Lee,c1,Alameda,2015-06-01,PC 602,misdemeanor\n" +
	"b,\"Bo\nChan\",c2,Alameda,2015-06-01,PC 602,misdemeanor\n" +
	",Nobody,c3,Alameda,2015-06-01,PC 602,misdemeanor\n" +
	"\n" +
	"a,Ann Lee,c4,Alameda,2016-06-01,PC 484(a),misdemeanor\n" +
	"A,Ann Lee,c5,Alameda,2016-06-01,PC 484(a),misdemeanor\n" +
	"B,Bo,c6,Alameda,2016-06-01,PC 484(a),misdemeanor\n" +
	"A,Ann Lee,c7,Alameda,2016-06-01,PC 484(a),misdemeanor\n"

// The index gives each person the rows, records and case file Parse
// gives, reading the file again person by person.
func TestIndexMatchesParse(t *testing.T) {
	ro := parse(t, indexRoster)
	ix, err := NewIndex("roster.csv", strings.NewReader(indexRoster))
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() != len(ro.People) || !reflect.DeepEqual(ix.Orphans, ro.Orphans) {
		t.Fatalf("index: %d people, orphans %v; Parse: %d, %v", ix.Len(), ix.Orphans, len(ro.People), ro.Orphans)
	}
	for i, want := range ro.People {
		p, err := ix.Person(i)
		if err != nil {
			t.Fatal(err)
		}
		if ix.ID(i) != want.ID || !reflect.DeepEqual(ix.Rows(i), want.Rows) || ix.FirstRow(i) != want.Rows[0] {
			t.Errorf("person %d: %s %v, want %s %v", i, ix.ID(i), ix.Rows(i), want.ID, want.Rows)
		}
		if !bytes.Equal(p.TOML(), want.TOML()) {
			t.Errorf("person %s: the case file differs:\n%s\nwant:\n%s", want.ID, p.TOML(), want.TOML())
		}
	}
	twins := map[string]string{}
	for i := range ix.Len() {
		if tw := ix.CaseTwin(i); tw != "" {
			twins[ix.ID(i)] = tw
		}
	}
	if !reflect.DeepEqual(twins, map[string]string{"A": "a", "B": "b"}) {
		t.Errorf("case twins %v", twins)
	}
}

// A roster that changes between the index and the reading of a person
// is an error naming the row, not another person's data.
func TestIndexChangedFile(t *testing.T) {
	path := t.TempDir() + "/roster.csv"
	os.WriteFile(path, []byte(indexRoster), 0o600)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ix, err := NewIndex("roster.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(strings.Replace(indexRoster, "a,Ann", "z,Ann", 1)), 0o600)
	if _, err := ix.Person(0); err == nil || !strings.Contains(err.Error(), "roster.csv:2: person_id: the roster changed") {
		t.Errorf("got %v", err)
	}
}
