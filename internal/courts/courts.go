// Package courts is the table of California's 58 superior courts and
// district attorneys: the court's name, the criminal courthouse's street and
// mailing address, and the district attorney's office address, each with the
// source it was checked against and the date. The table is written in
// courts.toml and compiled in as Go data (courts_gen.go). An entry no
// source confirmed is blank, never guessed: the papers then leave the line
// for the filer. It decides nothing about eligibility and renders nothing.
package courts

import (
	"slices"
	"strings"
	"time"

	"github.com/reliefkit/relief/internal/date"
)

// Office is one address: a courthouse or a district attorney's office.
type Office struct {
	// Name is the office ("Los Angeles County District Attorney's Office")
	// or, for a court, the courthouse ("Hall of Justice").
	Name    string
	Street  string
	Mailing string // the mailing address, when mail goes elsewhere
	City    string
	Zip     string
	Source  string    // where the address was checked
	Checked date.Date // when
	Note    string    // what the filer should still confirm
}

// Known reports whether the office has a street address and city.
func (o Office) Known() bool { return o.Street != "" && o.City != "" }

// CityZip is "Oakland, CA 94612", or "" when the city is unknown.
func (o Office) CityZip() string {
	if o.City == "" {
		return ""
	}
	return strings.TrimSpace(o.City + ", CA " + o.Zip)
}

// Lines is the address as it is printed on an envelope: the name, the
// street, the city; empty when the address is not known.
func (o Office) Lines() []string {
	if !o.Known() {
		return nil
	}
	var out []string
	if o.Name != "" {
		out = append(out, o.Name)
	}
	return append(out, o.Street, o.CityZip())
}

// OneLine is Lines joined with commas, or "" when unknown.
func (o Office) OneLine() string { return strings.Join(o.Lines(), ", ") }

// Address is the street and the city on one line, without the office's
// name ("901 G Street, Sacramento, CA 95814"), for text that names the
// office first; "" when unknown.
func (o Office) Address() string {
	if !o.Known() {
		return ""
	}
	return o.Street + ", " + o.CityZip()
}

// County is one county's entry.
type County struct {
	Name  string // "Los Angeles"
	Court Office // the criminal courthouse
	DA    Office // the district attorney's office
}

// CourtName is the court's name, which is fixed by the county: "Superior
// Court of California, County of Alameda".
func (c County) CourtName() string {
	return "Superior Court of California, County of " + c.Name
}

// DAName is the district attorney's office by name, from the table or by
// the county: "District Attorney of Alameda County".
func (c County) DAName() string {
	if c.DA.Name != "" {
		return c.DA.Name
	}
	return "District Attorney of " + c.Name + " County"
}

// Table is the counties, sorted by their look-up key. It is read-only:
// With makes a new one.
type Table struct{ rows []row }

// row is one county as a Table keeps it. The built-in table is Go source
// generated from courts.toml (courts_gen.go) and laid out by the linker as
// data, so a row holds only strings and numbers: a date.Date holds a
// time.Time, which no constant can spell.
type row struct {
	key       string // key(name)
	name      string
	court, da office
}

// office is an Office as a row keeps it: Checked as the number yyyymmdd
// (20261203), or 0 when no one checked it.
type office struct {
	name, street, mailing, city, zip, source, note string
	checked                                        int
}

// expand is the Office o keeps.
func (o office) expand() Office {
	out := Office{Name: o.name, Street: o.street, Mailing: o.mailing, City: o.city, Zip: o.zip, Source: o.source, Note: o.note}
	if o.checked != 0 {
		out.Checked = date.Of(o.checked/10000, time.Month(o.checked/100%100), o.checked%100)
	}
	return out
}

// compact is o as a row keeps it.
func compact(o Office) office {
	out := office{name: o.Name, street: o.Street, mailing: o.Mailing, city: o.City, zip: o.Zip, source: o.Source, note: o.Note}
	if !o.Checked.IsZero() {
		y, m, d := o.Checked.Time().Date()
		out.checked = y*10000 + int(m)*100 + d
	}
	return out
}

// county is the County the row keeps.
func (r *row) county() County {
	return County{Name: r.name, Court: r.court.expand(), DA: r.da.expand()}
}

// Default returns the built-in table, generated from courts.toml (`go
// generate ./internal/courts`); a test keeps the two the same.
func Default() *Table { return &builtin }

func key(county string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(county)), " county")
}

// find returns the index of the row with key k, or where it would go.
func (t *Table) find(k string) (int, bool) {
	return slices.BinarySearchFunc(t.rows, k, func(r row, k string) int { return strings.Compare(r.key, k) })
}

// Lookup returns the county's entry; for a county not in the table, an
// entry with the name only.
func (t *Table) Lookup(county string) County {
	if i, ok := t.find(key(county)); ok {
		return t.rows[i].county()
	}
	return County{Name: strings.TrimSpace(county)}
}

// Names lists the counties in the table, sorted.
func (t *Table) Names() []string {
	out := make([]string, len(t.rows))
	for i := range t.rows {
		out[i] = t.rows[i].name
	}
	slices.Sort(out)
	return out
}

// With returns a table in which each of over replaces the parts it sets
// (a courthouse, a district attorney's office) of the county it names; t
// itself is not changed. The config file's [counties] tables come here.
func (t *Table) With(over []County) *Table {
	if len(over) == 0 {
		return t
	}
	out := &Table{rows: slices.Clone(t.rows)}
	for _, o := range over {
		c := out.Lookup(o.Name)
		if o.Court != (Office{}) {
			c.Court = o.Court
		}
		if o.DA != (Office{}) {
			c.DA = o.DA
		}
		out.put(key(o.Name), c)
	}
	return out
}

// put sets the county at key k, replacing the row there or inserting one.
func (t *Table) put(k string, c County) {
	r := row{key: k, name: c.Name, court: compact(c.Court), da: compact(c.DA)}
	if i, ok := t.find(k); ok {
		t.rows[i] = r
	} else {
		t.rows = slices.Insert(t.rows, i, r)
	}
}

// ForCase is the county's entry as a case sees it: a case that names its
// courthouse (court = "...") keeps the table's address only when it names
// the table's courthouse; another courthouse's address is not known.
func (t *Table) ForCase(county, courthouse string) County {
	c := t.Lookup(county)
	courthouse = strings.TrimSpace(courthouse)
	if courthouse == "" || strings.EqualFold(courthouse, c.Court.Name) {
		return c
	}
	c.Court = Office{Name: courthouse, Note: "The case names this courthouse; its address is not in relief's table."}
	return c
}
