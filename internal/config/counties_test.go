package config

import (
	"strings"
	"testing"
)

// An office's own addresses for a county come from [counties."Name"]; a
// half address or an unknown county is refused.
func TestDecodeCounties(t *testing.T) {
	src := `[counties."santa cruz"]
courthouse = "Watsonville Courthouse"
court_street = "1 Second Street"
court_city = "Watsonville"
court_zip = "95076"

[counties.Monterey]
da_name = "Monterey County District Attorney"
da_street = "230 Church Street"
da_city = "Salinas"
da_zip = "93901"
`
	c, err := Decode("c.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Counties) != 2 {
		t.Fatalf("counties %+v", c.Counties)
	}
	mon, scz := c.Counties[0], c.Counties[1]
	if mon.Name != "Monterey" || mon.DA.OneLine() != "Monterey County District Attorney, 230 Church Street, Salinas, CA 93901" || mon.Court.Known() {
		t.Errorf("Monterey %+v", mon)
	}
	if scz.Name != "Santa Cruz" || scz.Court.OneLine() != "Watsonville Courthouse, 1 Second Street, Watsonville, CA 95076" || !strings.Contains(scz.Court.Source, "c.toml") {
		t.Errorf("Santa Cruz %+v", scz)
	}

	_, err = Decode("c.toml", []byte("[counties.Narnia]\nda_name = \"x\"\n\n[counties.Alpine]\nda_street = \"1 Main\"\nda_town = \"x\"\n"))
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	for _, want := range []string{"Narnia: is not one of California's 58 counties", "da_town: unknown key", "give both da_street and da_city"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}
