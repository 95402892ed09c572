package assemble

import (
	"github.com/reliefkit/relief/internal/courts"
)

// courtTable is the county table the packets are addressed from: the
// options' (the config file's overrides applied), else the built-in one.
func (o Options) courtTable() *courts.Table {
	if o.Courts != nil {
		return o.Courts
	}
	return courts.Default()
}

// court is where a petition is filed in county, at the courthouse a case
// names (courthouse may be ""), with the address the table knows.
func court(opt Options, county, courthouse string) (Court, courts.County) {
	c := opt.courtTable().ForCase(county, courthouse)
	out := Court{County: md(county), Name: "Superior Court of California, County of " + md(county), Branch: md(courthouse)}
	o := c.Court
	if o.Name != "" && out.Branch == "" {
		out.Branch = md(o.Name)
	}
	if o.Known() {
		out.Street, out.Mailing, out.CityZip = md(o.Street), md(o.Mailing), md(o.CityZip())
		out.Source, out.Checked = md(o.Source), o.Checked.String()
	}
	out.Note = md(o.Note)
	return out, c
}

// addressed is a party to serve: the district attorney by name and, when
// the table knows it, the office's street and city on one line. The papers
// print the name before the address, so the address leaves it out.
func addressed(c courts.County) (name, address string) {
	return md(c.DAName()), md(c.DA.Address())
}

// daNote is what the county table says the filer should still confirm
// about a district attorney's address ("Suite number not verified."),
// named for the office; "" when it says nothing.
func daNote(c courts.County) string {
	if c.DA.Note == "" {
		return ""
	}
	return md(c.DAName()) + ": " + md(c.DA.Note)
}

// withCourtAddress puts the court's address, as the table has it (the
// caption is not Markdown), in a form caption's court box; courthouse is
// the one the case names, if any.
func withCourtAddress(cap Caption, c courts.County, courthouse string) Caption {
	if c.Court.Known() {
		cap.CourtStreet, cap.CourtMailing, cap.CourtCityZip = c.Court.Street, c.Court.Mailing, c.Court.CityZip()
	}
	cap.CourtBranch = courthouse
	if cap.CourtBranch == "" {
		cap.CourtBranch = c.Court.Name
	}
	return cap
}
