package config

import (
	"slices"
	"strings"

	"github.com/reliefkit/relief/internal/courts"
)

// countyKeys are the keys of one [counties."Name"] table: the criminal
// courthouse and the district attorney's office an office uses for that
// county, replacing relief's county table (internal/courts) for it.
var countyKeys = []string{
	"courthouse", "court_street", "court_mailing", "court_city", "court_zip",
	"da_name", "da_street", "da_city", "da_zip",
}

// counties reads the [counties] table: one sub-table per county, named as
// the county is ("Santa Cruz"). A court or district attorney address must
// have its street and city, or it would print half an address.
func (d *decoder) counties(v any, out *[]courts.County) {
	m, ok := v.(map[string]any)
	if !ok {
		d.add("", "counties", `expected tables like [counties."Alameda"], found %s`, describe(v))
		return
	}
	known := courts.Default().Names()
	for _, name := range sortedKeys(m) {
		table := "counties." + name
		if !slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, name) }) {
			d.add("counties", name, "is not one of California's 58 counties")
			continue
		}
		fields := d.table(table, m[name], countyKeys)
		c := courts.County{Name: courts.Default().Lookup(name).Name}
		set := map[string]*string{
			"courthouse": &c.Court.Name, "court_street": &c.Court.Street, "court_mailing": &c.Court.Mailing,
			"court_city": &c.Court.City, "court_zip": &c.Court.Zip,
			"da_name": &c.DA.Name, "da_street": &c.DA.Street, "da_city": &c.DA.City, "da_zip": &c.DA.Zip,
		}
		for _, k := range sortedKeys(fields) {
			*set[k] = d.text(table, k, fields[k])
		}
		for _, o := range []struct {
			prefix string
			off    *courts.Office
		}{{"court", &c.Court}, {"da", &c.DA}} {
			if (o.off.Street == "") != (o.off.City == "") {
				d.add(table, o.prefix+"_street", "give both %s_street and %s_city, or neither", o.prefix, o.prefix)
			}
			if o.off.Street != "" {
				o.off.Source = "config file " + d.name
			}
		}
		*out = append(*out, c)
	}
}
