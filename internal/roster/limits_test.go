package roster

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

const miniHeader = "person_id,name,case_id,county,conviction_date,offense,level\n"

// A roster in UTF-16 is refused up front, and no message holds a raw NUL.
func TestParseUTF16(t *testing.T) {
	utf16 := func(s string, bom bool) string {
		var b strings.Builder
		if bom {
			b.WriteString("\xff\xfe")
		}
		for _, r := range s {
			b.WriteRune(r)
			b.WriteByte(0)
		}
		return b.String()
	}
	for _, bom := range []bool{true, false} {
		_, err := Parse("roster.csv", strings.NewReader(utf16(miniHeader+"a,Ann,c1,Alameda,2015-06-01,PC 602,misdemeanor\n", bom)))
		if err == nil || !strings.Contains(err.Error(), "UTF-16") || strings.ContainsRune(err.Error(), 0) {
			t.Errorf("bom %v: %q", bom, err)
		}
	}
	// A NUL that does reach a message (in a cell, past the first KB) is escaped.
	src := miniHeader + strings.Repeat("a,Ann,c1,Alameda,2015-06-01,PC 602,misdemeanor\n", 30) + "b,B\x00b,c1,Alameda,2015-06-01,PC 602,misdemeanor\n"
	ro := parse(t, src)
	for _, p := range ro.People {
		for _, pr := range p.Problems() {
			if strings.ContainsRune(pr.String(), 0) {
				t.Errorf("raw NUL in %q", pr.String())
			}
		}
	}
}

// The roster, each record and each cell have caps; a huge cell fails as
// soon as its record passes the cap, before it is gathered in memory.
func TestParseLimits(t *testing.T) {
	// A cell over the case file's text limit is a problem of its row.
	long := strings.Repeat("x", maxCell+1)
	ro := parse(t, miniHeader+"a,"+long+",c1,Alameda,2015-06-01,PC 602,misdemeanor\n")
	wantProblems(t, strs(ro.People[0].Problems()), []string{fmt.Sprintf("roster.csv:2: name: is %d bytes long; a cell may hold at most %d", maxCell+1, maxCell)})

	// An open quote running to the end of a large file: the record cap.
	huge := io.MultiReader(strings.NewReader(miniHeader+"a,\""), strings.NewReader(strings.Repeat("y", MaxRowSize+10)))
	_, err := Parse("roster.csv", huge)
	wantProblems(t, problems(t, err), []string{"roster.csv:2: the row is longer than 1 MiB; is a quote left open? A cell may hold at most 50000 bytes"})

	// Many rows: the file cap, whatever the rows (blank ones here, which
	// cost nothing to keep).
	row := strings.Repeat(" ", 100_000) + "\n"
	big := io.MultiReader(strings.NewReader(miniHeader), &repeatReader{s: row, n: MaxSize/len(row) + 2})
	_, err = Parse("roster.csv", big)
	wantProblems(t, problems(t, err), []string{"roster.csv: the roster is larger than 64 MiB; split it into several rosters"})
}

// repeatReader reads s n times without holding it n times.
type repeatReader struct {
	s   string
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, r.s[r.off:])
	if r.off += k; r.off == len(r.s) {
		r.off, r.n = 0, r.n-1
	}
	return k, nil
}

// One person with 40,000 case ids: the cases are found by id in a map, and
// the person stops at a case file's limit of cases instead of growing.
func TestManyCases(t *testing.T) {
	var b strings.Builder
	b.WriteString(miniHeader)
	for i := range 40_000 {
		fmt.Fprintf(&b, "a,Ann,c%d,Alameda,2015-06-01,PC 602,misdemeanor\n", i)
	}
	start := time.Now()
	ro := parse(t, b.String())
	probs := ro.People[0].Problems()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("40,000 case ids took %v", d)
	}
	wantProblems(t, strs(probs), []string{"roster.csv:202: case_id: person a has more than 200 cases; a case file holds at most 200, so the rows from here on were not read"})
	if n := len(ro.People[0].cases); n != maxCases {
		t.Errorf("%d cases kept, want %d", n, maxCases)
	}

	b.Reset()
	b.WriteString(miniHeader)
	for range 300 {
		b.WriteString("a,Ann,c1,Alameda,2015-06-01,PC 602,misdemeanor\n")
	}
	wantProblems(t, strs(parse(t, b.String()).People[0].Problems()), []string{"roster.csv:202: offense: case c1 has more than 200 counts; a case file holds at most 200, so the rows from here on were not read"})
}

func strs(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}
