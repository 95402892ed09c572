package roster

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Index is a roster read once for where each person's rows are, not for
// what they hold: a person's records are read again from the file when
// the person is needed (see Person), so a caller that takes one person at a
// time (as relief batch does) holds one person's rows, not the roster's.
// The index costs a few dozen bytes a person (the id and each row's place)
// instead of the several hundred a parsed record costs.
//
// The file must not change while the index is in use; a person whose rows
// no longer read as they did is an error (see Person).
type Index struct {
	Name string
	// Orphans are problems with rows that name no usable person, sorted by
	// row.
	Orphans []Problem

	r      io.ReaderAt
	cols   []*column
	idCol  int
	people []indexPerson
	rows   []indexRow
	// twins maps a person to the earlier person whose id differs from
	// theirs only in letter case (rare, so a map).
	twins map[int32]int32
}

// indexPerson is one person: their id and their rows, chained through
// indexRow.next from first to last.
type indexPerson struct {
	id          string
	first, last int32
}

// indexRow is one record: where it starts in the file, its row number,
// and the index of the person's next row (-1 after the last).
type indexRow struct {
	off  int64
	row  int32
	next int32
}

// NewIndex reads the roster r (named name in messages) once and indexes
// it. A problem with the file as a whole is returned as Parse returns it.
func NewIndex(name string, r io.ReaderAt) (*Index, error) {
	ix := &Index{Name: name, r: r}
	// byFold finds a person by their id in lower case; exact finds the
	// rare person whose id differs only in case from an earlier one's.
	byFold := map[string]int32{}
	var exact map[string]int32
	cols, err := scan(name, io.NewSectionReader(r, 0, MaxSize+1), func(cols []*column, idCol int, rec []string, row int, off int64) {
		id, orphan := rowID(name, cols, idCol, rec, row)
		if id == "" {
			ix.Orphans = append(ix.Orphans, orphan...)
			return
		}
		id = strings.Clone(id) // not the record's text, which would stay with it
		fold := strings.ToLower(id)
		p, ok := byFold[fold]
		if ok && ix.people[p].id != id {
			q, same := exact[id]
			if !same {
				q = int32(len(ix.people))
				if exact == nil {
					exact, ix.twins = map[string]int32{}, map[int32]int32{}
				}
				exact[id] = q
				ix.twins[q] = p
				ix.people = append(ix.people, indexPerson{id: id, first: -1, last: -1})
			}
			p = q
		} else if !ok {
			p = int32(len(ix.people))
			byFold[fold] = p
			ix.people = append(ix.people, indexPerson{id: id, first: -1, last: -1})
		}
		ix.addRow(p, row, off)
	})
	if err != nil {
		return nil, err
	}
	ix.cols = cols
	ix.idCol = -1
	for i, c := range cols {
		if c != nil && c.name == "person_id" {
			ix.idCol = i
		}
	}
	sortProblems(ix.Orphans)
	return ix, nil
}

// addRow chains a record onto person p's rows.
func (ix *Index) addRow(p int32, row int, off int64) {
	r := int32(len(ix.rows))
	ix.rows = append(ix.rows, indexRow{off: off, row: int32(row), next: -1})
	pp := &ix.people[p]
	if pp.first < 0 {
		pp.first = r
	} else {
		ix.rows[pp.last].next = r
	}
	pp.last = r
}

// Len is the number of people, in order of their first rows.
func (ix *Index) Len() int { return len(ix.people) }

// ID is person i's id.
func (ix *Index) ID(i int) string { return ix.people[i].id }

// FirstRow is the row person i first appears on.
func (ix *Index) FirstRow(i int) int { return int(ix.rows[ix.people[i].first].row) }

// Rows lists person i's rows, ascending.
func (ix *Index) Rows(i int) []int {
	var rows []int
	for r := ix.people[i].first; r >= 0; r = ix.rows[r].next {
		rows = append(rows, int(ix.rows[r].row))
	}
	return rows
}

// CaseTwin returns the id of an earlier person whose id differs from
// person i's only in letter case, or "" when there is none: the two would
// share a folder on a file system that ignores case.
func (ix *Index) CaseTwin(i int) string {
	if p, ok := ix.twins[int32(i)]; ok {
		return ix.people[p].id
	}
	return ""
}

// Person reads person i's records again and returns the person as Parse
// would have. It fails if a record no longer reads as it did when the
// index was made (the roster changed during the run).
func (ix *Index) Person(i int) (*Person, error) {
	pi := ix.people[i]
	p := &Person{ID: pi.id, file: ix.Name, cols: ix.cols}
	for r := pi.first; r >= 0; r = ix.rows[r].next {
		ir := ix.rows[r]
		cr := csv.NewReader(io.NewSectionReader(ix.r, ir.off, MaxRowSize+2))
		cr.FieldsPerRecord = -1
		rec, err := cr.Read()
		if err != nil || ix.idCol < 0 || ix.idCol >= len(rec) || strings.TrimSpace(rec[ix.idCol]) != pi.id {
			return nil, &Errors{Problems: []Problem{{File: ix.Name, Row: int(ir.row), Column: "person_id",
				Msg: fmt.Sprintf("the roster changed while it was being read (this row no longer belongs to %s); run again", pi.id)}}}
		}
		p.Rows = append(p.Rows, int(ir.row))
		p.recs = append(p.recs, rec)
	}
	return p, nil
}
