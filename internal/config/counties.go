package config

import (
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/casefile"
	"github.com/reliefkit/relief/internal/courts"
)

// countyTOML is one [counties."Name"] table: the criminal courthouse and
// the district attorney's office an office uses for that county,
// replacing relief's county table (internal/courts) for it.
type countyTOML struct {
	Courthouse   string `toml:"courthouse"`
	CourtStreet  string `toml:"court_street"`
	CourtMailing string `toml:"court_mailing"`
	CourtCity    string `toml:"court_city"`
	CourtZip     string `toml:"court_zip"`
	DAName       string `toml:"da_name"`
	DAStreet     string `toml:"da_street"`
	DACity       string `toml:"da_city"`
	DAZip        string `toml:"da_zip"`
}

// counties checks the [counties] tables, named as the counties are ("Santa
// Cruz", any case), and returns them in the order of their names. A court
// or district attorney address must have its street and city, or it would
// print half an address.
func counties(doc *casefile.Doc, m map[string]countyTOML, file string) []courts.County {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	slices.Sort(names)
	known := courts.Default().Names()
	var out []courts.County
	for _, name := range names {
		keys := []string{"counties", name}
		if !slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, name) }) {
			doc.Add(keys, "is not one of California's 58 counties")
			continue
		}
		t := m[name]
		printable(doc, keys, &t)
		c := courts.County{
			Name:  courts.Default().Lookup(name).Name,
			Court: courts.Office{Name: t.Courthouse, Street: t.CourtStreet, Mailing: t.CourtMailing, City: t.CourtCity, Zip: t.CourtZip},
			DA:    courts.Office{Name: t.DAName, Street: t.DAStreet, City: t.DACity, Zip: t.DAZip},
		}
		for _, o := range []struct {
			prefix string
			off    *courts.Office
		}{{"court", &c.Court}, {"da", &c.DA}} {
			if (o.off.Street == "") != (o.off.City == "") {
				doc.Add(append(keys, o.prefix+"_street"), "give both %s_street and %s_city, or neither", o.prefix, o.prefix)
			}
			if o.off.Street != "" {
				o.off.Source = "config file " + file
			}
		}
		out = append(out, c)
	}
	return out
}
