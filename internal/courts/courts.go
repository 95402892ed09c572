// Package courts is the table of California's 58 superior courts and
// district attorneys: the court's name, the criminal courthouse's street and
// mailing address, and the district attorney's office address, each with the
// source it was checked against and the date. The table is embedded data
// (courts.toml). An entry no source confirmed is blank, never guessed: the
// papers then leave the line for the filer. It decides nothing about
// eligibility and renders nothing.
package courts

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/date"
)

//go:embed courts.toml
var data []byte

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

// Table is the counties by name.
type Table struct{ m map[string]County }

type fileOffice struct {
	Name, Courthouse, Street, Mailing, City, Zip, Source, Note string
	Checked                                                    time.Time
}

type file struct {
	County []struct {
		Name  string
		Court *fileOffice
		DA    *fileOffice `toml:"da"`
	}
}

func (o *fileOffice) office() Office {
	if o == nil {
		return Office{}
	}
	name := o.Name
	if o.Courthouse != "" {
		name = o.Courthouse
	}
	out := Office{Name: name, Street: o.Street, Mailing: o.Mailing, City: o.City, Zip: o.Zip, Source: o.Source, Note: o.Note}
	if !o.Checked.IsZero() {
		out.Checked = date.FromTime(o.Checked)
	}
	return out
}

// Parse reads a table in the format of courts.toml. Every office with an
// address must name its source and the date it was checked.
func Parse(b []byte) (*Table, error) {
	var f file
	md, err := toml.Decode(string(b), &f)
	if err != nil {
		return nil, fmt.Errorf("courts: %w", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("courts: unknown key %s", und[0])
	}
	t := &Table{m: map[string]County{}}
	for _, c := range f.County {
		county := County{Name: c.Name, Court: c.Court.office(), DA: c.DA.office()}
		for _, o := range []Office{county.Court, county.DA} {
			if o.Known() && (o.Source == "" || o.Checked.IsZero()) {
				return nil, fmt.Errorf("courts: %s: an address without its source and check date", c.Name)
			}
		}
		if _, dup := t.m[key(c.Name)]; dup {
			return nil, fmt.Errorf("courts: %s is listed twice", c.Name)
		}
		t.m[key(c.Name)] = county
	}
	return t, nil
}

var (
	once     sync.Once
	builtin  *Table
	parseErr error
)

// Default returns the embedded table. It panics if the embedded data is
// broken, which a test rules out.
func Default() *Table {
	once.Do(func() { builtin, parseErr = Parse(data) })
	if parseErr != nil {
		panic(parseErr)
	}
	return builtin
}

func key(county string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(county)), " county")
}

// Lookup returns the county's entry; for a county not in the table, an
// entry with the name only.
func (t *Table) Lookup(county string) County {
	if c, ok := t.m[key(county)]; ok {
		return c
	}
	return County{Name: strings.TrimSpace(county)}
}

// Names lists the counties in the table, sorted.
func (t *Table) Names() []string {
	var out []string
	for _, c := range t.m {
		out = append(out, c.Name)
	}
	sort.Strings(out)
	return out
}

// With returns a copy of the table in which each of over replaces the
// parts it sets (a courthouse, a district attorney's office) of the county
// it names. The config file's [counties] tables come here.
func (t *Table) With(over []County) *Table {
	out := &Table{m: make(map[string]County, len(t.m))}
	for k, v := range t.m {
		out.m[k] = v
	}
	for _, o := range over {
		c := out.Lookup(o.Name)
		if o.Court != (Office{}) {
			c.Court = o.Court
		}
		if o.DA != (Office{}) {
			c.DA = o.DA
		}
		out.m[key(o.Name)] = c
	}
	return out
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
