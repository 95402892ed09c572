package courts

import (
	"fmt"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/reliefkit/relief/internal/date"
)

// fileOffice is a [county.court] or [county.da] table of courts.toml.
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
// address must name its source and the date it was checked, and no county
// may be listed twice. An error names the line it is on. The built-in
// table is not parsed at run time: `go generate` parses courts.toml with
// Parse and writes the result as Go (GenerateGo).
func Parse(b []byte) (*Table, error) {
	var f file
	src := string(b)
	md, err := toml.Decode(src, &f)
	if err != nil {
		return nil, fmt.Errorf("courts: %w", err) // BurntSushi's message names the line
	}
	lay := scanLayout(src)
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("courts: %sunknown key %s", at(lay.keys[und[0].String()]), und[0])
	}
	t := &Table{}
	for i, c := range f.County {
		where := at(lay.county(i))
		county := County{Name: c.Name, Court: c.Court.office(), DA: c.DA.office()}
		for _, o := range []Office{county.Court, county.DA} {
			if o.Known() && (o.Source == "" || o.Checked.IsZero()) {
				return nil, fmt.Errorf("courts: %s%s: an address without its source and check date", where, c.Name)
			}
		}
		k := key(c.Name)
		if _, dup := t.find(k); dup {
			return nil, fmt.Errorf("courts: %s%s is listed twice", where, c.Name)
		}
		t.put(k, county)
	}
	return t, nil
}

// layout is where things are in a courts.toml file: the line of each
// [[county]] header, and the first line that sets each key, by its dotted
// path without list indexes ("county.court.street"). It reads the plain
// layout courts.toml keeps (table headers, then key = value lines, one
// per line), which is enough to place a message; a key it cannot place
// has line 0.
type layout struct {
	counties []int
	keys     map[string]int
}

func scanLayout(src string) layout {
	lay := layout{keys: map[string]int{}}
	table := ""
	for n, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		path := ""
		switch {
		case strings.HasPrefix(l, "[["):
			table, _, _ = strings.Cut(strings.TrimPrefix(l, "[["), "]]")
			table = strings.TrimSpace(table)
			path = table
			if table == "county" {
				lay.counties = append(lay.counties, n+1)
			}
		case strings.HasPrefix(l, "["):
			table, _, _ = strings.Cut(strings.TrimPrefix(l, "["), "]")
			table = strings.TrimSpace(table)
			path = table
		case l != "" && !strings.HasPrefix(l, "#") && strings.Contains(l, "="):
			k, _, _ := strings.Cut(l, "=")
			path = strings.TrimPrefix(table+"."+strings.TrimSpace(k), ".")
		}
		if _, seen := lay.keys[path]; path != "" && !seen {
			lay.keys[path] = n + 1
		}
	}
	return lay
}

// county is the line of the i-th [[county]] header, or 0.
func (lay layout) county(i int) int {
	if i < len(lay.counties) {
		return lay.counties[i]
	}
	return 0
}

// at is "line N: " for a message, or "" when the line is not known.
func at(line int) string {
	if line == 0 {
		return ""
	}
	return fmt.Sprintf("line %d: ", line)
}
